"""The first stages: ``read`` an input into a document, ``route`` its blocks to languages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from polyglot_press._languages import BRIEF_LANGUAGES, PIVOT, UNDETERMINED
from polyglot_press.documents import Document
from polyglot_press.errors import PolyglotPressError
from polyglot_press.pipeline._context import PipelineContext, WorkItem

__all__ = ["ReadStage", "RouteStage", "encoding_warnings"]

#: A detection this sure that contradicts a forced language is worth a warning.
_CONTRADICTION_CONFIDENCE = 0.9


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


class RouteStage:
    """Detect the language of the document and of each block, or apply a forced language.

    A briefed document already in a brief language other than the pivot (Korean) is summarised
    directly, so its ``target`` becomes ``None``.
    """

    def __call__(self, items: Sequence[WorkItem], context: PipelineContext) -> list[WorkItem]:
        from polyglot_press.language import route_document

        forced = context.config.source_lang
        done = []
        for item in items:
            if item.document is None:
                done.append(item)
                continue
            routed = route_document(item.document)
            warnings = item.warnings
            if forced is not None:
                warnings = (*warnings, *_contradiction(routed, forced))
                routed = _forced(item.document, forced)
            target = item.target
            if item.briefing and routed.lang in BRIEF_LANGUAGES and routed.lang != PIVOT:
                target = None
            done.append(replace(item, document=routed, target=target, warnings=warnings))
        return done


def _forced(document: Document, lang: str) -> Document:
    """The document with every block in ``lang``, as if detected with full confidence."""
    blocks = tuple(replace(block, lang=lang) for block in document.blocks)
    return replace(document, blocks=blocks, lang=lang, lang_confidence=1.0)


def _contradiction(routed: Document, forced: str) -> list[str]:
    detected = routed.lang
    if detected in (forced, UNDETERMINED, None) or routed.lang_confidence < (
        _CONTRADICTION_CONFIDENCE
    ):
        return []
    return [
        f"the language was forced to {forced}, but the text reads as {detected} "
        f"(confidence {routed.lang_confidence:.2f})"
    ]
