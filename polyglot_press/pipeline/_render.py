"""The ``render`` stage: each work item becomes a :class:`Result` (which renders itself)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from polyglot_press._languages import UNDETERMINED
from polyglot_press.documents import BlockKind, Document
from polyglot_press.pipeline._context import PipelineContext, WorkItem
from polyglot_press.pipeline._problems import REVIEW_HINT, review_message
from polyglot_press.pipeline._results import Result, ResultStatus, SentenceRecord, TermUse
from polyglot_press.pipeline._translate import UNRECOGNISED_ROUTE

if TYPE_CHECKING:
    from polyglot_press.glossary import ComplianceReport

__all__ = ["RenderStage"]

KOREAN_ROUTE = "identity (Korean source, summarised directly)"


class RenderStage:
    """Build each item's :class:`Result`: status, headline, briefs, glossary use, warnings.

    A requested brief that could not be written makes the result ``partial`` when another
    brief came out and ``failed`` when none did; every brief written but a sentence of the
    headline or of a brief flagged by the checks makes it ``review``. ``error`` and ``hint``
    then say why. Items only being translated (:meth:`Pipeline.translate`) get no result.
    """

    def __call__(self, items: Sequence[WorkItem], context: PipelineContext) -> list[WorkItem]:
        return [
            replace(item, result=_result(item, context))
            if item.document is not None and item.briefing
            else item
            for item in items
        ]


def _result(item: WorkItem, context: PipelineContext) -> Result:
    document = item.document
    assert document is not None
    common: dict[str, Any] = {
        "source": document.source,
        "language": document.lang,
        "confidence": document.lang_confidence,
        "document": document,
    }
    if document.lang == UNDETERMINED:
        return Result(
            status="unsupported",
            route=UNRECOGNISED_ROUTE,
            error="the language of this document could not be recognised",
            hint="pass --from (source_lang=...) if you know the document's language",
            warnings=item.warnings,
            **common,
        )
    translation = item.translation
    reports: dict[str, ComplianceReport] = dict(item.brief_compliance)
    if translation is not None and translation.compliance is not None:
        reports[translation.target] = translation.compliance
    warnings = [*item.warnings, *(translation.warnings if translation else ())]
    status, error, hint = _status(item, context.config.langs)
    headline_source = translation.document if translation else document
    return Result(
        status=status,
        route=translation.route if translation else KOREAN_ROUTE,
        translation=translation.document if translation else None,
        headline=_plain_title(headline_source),
        dateline=_plain(headline_source.dateline, headline_source),
        briefs={lang: tuple(item.briefs.get(lang, ())) for lang in context.config.langs},
        glossary=reports,
        terms=_terms(reports, context),
        # The document's sentences first, then those of the briefs carried into another language.
        sentences=(*(translation.sentences if translation else ()), *item.brief_sentences),
        warnings=tuple(dict.fromkeys(warnings)),
        error=error,
        hint=hint,
        **common,
    )


def _status(item: WorkItem, langs: Sequence[str]) -> tuple[ResultStatus, str | None, str | None]:
    missing = [lang for lang in langs if not item.briefs.get(lang)]
    if item.brief_errors and missing:
        first = item.brief_errors[0]
        status: ResultStatus = "partial" if any(item.briefs.values()) else "failed"
        return status, first.message, first.hint
    flagged = _flagged_in_view(item)
    if not flagged:
        return "ok", None, None
    return "review", review_message(flagged), REVIEW_HINT


def _flagged_in_view(item: WorkItem) -> list[SentenceRecord]:
    """The flagged sentences an editor reads first: the headline's and the briefs'.

    A brief written from the translation holds the translated sentences themselves; the
    brief carried into another language has a record of its own per sentence.
    """
    translation = item.translation
    records = list(item.brief_sentences)
    if translation is not None:
        document = translation.source
        title = next(
            (i for i, block in enumerate(document.blocks) if block.kind is BlockKind.TITLE), None
        )
        brief_text = " ".join(" ".join(item.briefs.get(lang, ())) for lang in item.briefs)
        brief_text = " ".join(brief_text.split())
        # A sentence the document repeats is in the brief once: counted once.
        seen: set[str] = set()
        for record in translation.sentences:
            text = " ".join(record.text.split()) if record.text else ""
            if record.block == title or (text and text not in seen and text in brief_text):
                seen.add(text)
                records.append(record)
    return [record for record in records if record.flags]


def _terms(
    reports: Mapping[str, ComplianceReport], context: PipelineContext
) -> tuple[TermUse, ...]:
    """The glossary terms (not kept names) of the document, in order of first use."""
    report = reports.get("en") or reports.get("ko")
    if report is None:
        return ()
    counts: dict[str, list[int]] = {}
    for use in report.items:
        expected_found = counts.setdefault(use.entry_id, [0, 0])
        expected_found[0] += 1
        expected_found[1] += use.found
    terms = []
    for entry_id, (expected, found) in counts.items():
        entry = context.glossary.get(entry_id)
        if entry is not None and entry.kind == "term":
            terms.append(
                TermUse(entry.id, entry.fr, entry.en, entry.ko, entry.kind, expected, found)
            )
    return tuple(terms)


def _plain_title(document: Document) -> str | None:
    from polyglot_press.documents import plain_text

    title = document.title
    return None if title is None else plain_text(title, document.format)


def _plain(text: str | None, document: Document) -> str | None:
    """A plain-text field (the dateline) without the markup of an HTML or Markdown source."""
    from polyglot_press.documents import plain_text

    return None if text is None else plain_text(text, document.format).strip()
