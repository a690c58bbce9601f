"""The ``read`` stage: each input (a path, ``"-"``, a :class:`Document`) becomes a document."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from polyglot_press.documents import Document
from polyglot_press.errors import PolyglotPressError
from polyglot_press.pipeline._context import PipelineContext, WorkItem

__all__ = ["ReadStage", "encoding_warnings"]


def encoding_warnings(document: Document) -> list[str]:
    """A warning when the input was not UTF-8 and was read with a fallback codec."""
    encoding = document.meta.get("encoding", "utf_8")
    if encoding.replace("-", "_").lower() in ("utf_8", "utf_8_sig", "ascii"):
        return []
    return [f"the file is not UTF-8: read as {encoding}; check accented letters"]


class ReadStage:
    """Read each input (a path, ``"-"`` or a :class:`Document`) within the size limit."""

    def __call__(self, items: Sequence[WorkItem], context: PipelineContext) -> list[WorkItem]:
        from polyglot_press.documents import read_document

        done = []
        for item in items:
            try:
                document = (
                    item.input
                    if isinstance(item.input, Document)
                    else read_document(item.input, max_bytes=context.config.max_bytes)
                )
            except PolyglotPressError as error:
                done.append(replace(item, error=error))
                continue
            warnings = (*item.warnings, *encoding_warnings(document))
            done.append(replace(item, document=document, warnings=warnings))
        return done
