"""The ``route`` stage: the language of each document and of each of its blocks (detected, or
the forced ``source_lang``), and so what the translate stage translates into."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from polyglot_press._languages import BRIEF_LANGUAGES, PIVOT, UNDETERMINED
from polyglot_press.documents import Document
from polyglot_press.pipeline._context import PipelineContext, WorkItem

__all__ = ["RouteStage"]

#: A detection this sure that contradicts a forced language is worth a warning.
_CONTRADICTION_CONFIDENCE = 0.9


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
