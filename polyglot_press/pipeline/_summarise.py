"""The ``summarise`` stage: extractive briefs, carried into the other brief language.

French (and other) sources are summarised from their English translation; Korean sources are
summarised directly. The brief in the other language translates the first one sentence by
sentence (one engine call per language pair for the whole batch, each document decoded in
batches of its own), so the two lists align.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from polyglot_press._languages import PIVOT, UNDETERMINED
from polyglot_press.documents import Document
from polyglot_press.errors import ModelError, PolyglotPressError, TranslationError
from polyglot_press.pipeline._context import PipelineContext, WorkItem
from polyglot_press.pipeline._problems import brief_failure, flag_problems, translation_problems
from polyglot_press.pipeline._results import SentenceRecord
from polyglot_press.pipeline._translate import sentence_record

if TYPE_CHECKING:
    from polyglot_press.glossary import ComplianceReport
    from polyglot_press.translate import TextTranslation

__all__ = ["SummariseStage", "without_sentences"]


@dataclass
class _Briefs:
    sentences: dict[str, tuple[str, ...]] = field(default_factory=dict)
    compliance: dict[str, ComplianceReport] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    errors: list[PolyglotPressError] = field(default_factory=list)
    # How each carried brief sentence went, for the result's ``sentences`` (failed legs too).
    records: list[SentenceRecord] = field(default_factory=list)


class SummariseStage:
    """Write each item's briefs in the configured languages (``config.langs``); items only
    being translated (``briefing`` false: :meth:`Pipeline.translate`) pass unchanged."""

    def __call__(self, items: Sequence[WorkItem], context: PipelineContext) -> list[WorkItem]:
        briefing = [i for i, item in enumerate(items) if item.document and item.briefing]
        briefs = {i: _Briefs() for i in briefing}
        # Brief sentences to carry across languages, per (source, target) leg.
        legs: dict[tuple[str, str], list[tuple[int, str]]] = {}
        for index, entry in briefs.items():
            first = _first_brief(items[index], entry, context)
            if first is None:
                continue
            lang, sentences = first
            entry.sentences[lang] = sentences
            for other in context.config.langs:
                if other != lang and sentences:
                    legs.setdefault((lang, other), []).extend((index, s) for s in sentences)
        for leg, pending in legs.items():
            _carry(leg, pending, briefs, context)
        return [
            _with_briefs(item, briefs[i], context) if i in briefs else item
            for i, item in enumerate(items)
        ]


def _first_brief(
    item: WorkItem, entry: _Briefs, context: PipelineContext
) -> tuple[str, tuple[str, ...]] | None:
    """The brief written from the document itself: (language, sentences), or None."""
    document = item.document
    assert document is not None
    if item.target is None and document.lang is not None:
        return document.lang, tuple(context.summarize(document, document.lang))
    translation = item.translation
    if translation is None:
        return None
    if translation.source.lang == UNDETERMINED:
        entry.warnings.append("language not recognised: no brief written")
        return None
    # A sentence the engine could not translate is still in the source language.
    english_only = without_sentences(translation.document, translation.untranslated)
    sentences = tuple(context.summarize(english_only, PIVOT))
    if not sentences and translation.untranslated:
        message, hint = brief_failure(
            context.config.langs, translation.sentences, translation.route
        )
        entry.errors.append(TranslationError(message, hint=hint))
    elif not sentences:
        entry.warnings.append("nothing to summarise: the document has no body text")
    return PIVOT, sentences


def _carry(
    leg: tuple[str, str],
    pending: list[tuple[int, str]],
    briefs: dict[int, _Briefs],
    context: PipelineContext,
) -> None:
    """Translate the brief sentences of one leg for every document, in one engine call."""
    source, target = leg
    try:
        route = context.route(source, target)
    except ModelError as error:
        for index, _ in pending:
            if error not in briefs[index].errors:
                briefs[index].errors.append(error)
        return
    # Brief sentences are plain text (markup was stripped for the summariser).
    # Each document's sentences are decoded apart from the others' (``groups``).
    texts, groups = [s for _, s in pending], [index for index, _ in pending]
    translated = context.translate_texts(texts, route, source, target, "txt", groups)
    per_document: dict[int, list[TextTranslation]] = {}
    for (index, _), translation in zip(pending, translated, strict=True):
        per_document.setdefault(index, []).append(translation)
    for index, translations in per_document.items():
        entry = briefs[index]
        records = _records(translations, source, target, context)
        entry.records.extend(records)
        if not any(record.ok for record in records):
            message, hint = brief_failure([target], records, route.describe())
            entry.errors.append(TranslationError(message, hint=hint))
            continue
        # Sentence i of the target brief translates sentence i of the source brief.
        entry.sentences[target] = tuple(t.text for t in translations)
        entry.warnings.extend(
            f"{target} brief: {problem}"
            for problem in (*translation_problems(translations, source), *flag_problems(records))
        )
        entry.compliance[target] = _brief_compliance(entry, source, target, context)


def _records(
    translations: Sequence[TextTranslation], source: str, target: str, context: PipelineContext
) -> list[SentenceRecord]:
    """The brief's sentences as the engine translated them: a brief sentence has no block."""
    return [
        sentence_record(s, source, target, None, context) for t in translations for s in t.sentences
    ]


def _brief_compliance(
    entry: _Briefs, source: str, target: str, context: PipelineContext
) -> ComplianceReport:
    from polyglot_press.glossary import compliance_report

    return compliance_report(
        "\n".join(entry.sentences.get(source, ())),
        source,
        "\n".join(entry.sentences.get(target, ())),
        target,
        context.glossary,
    )


def _with_briefs(item: WorkItem, entry: _Briefs, context: PipelineContext) -> WorkItem:
    return replace(
        item,
        briefs={
            lang: entry.sentences[lang] for lang in context.config.langs if lang in entry.sentences
        },
        brief_compliance=dict(entry.compliance),
        brief_errors=(*item.brief_errors, *entry.errors),
        brief_sentences=(*item.brief_sentences, *entry.records),
        warnings=(*item.warnings, *entry.warnings),
    )


def without_sentences(document: Document, sentences: Sequence[str]) -> Document:
    """``document`` with the given sentences cut out of its blocks."""
    if not sentences:
        return document
    blocks = []
    for block in document.blocks:
        text = block.text
        for sentence in sentences:
            text = text.replace(sentence, "")
        blocks.append(block if text == block.text else replace(block, text=text))
    return replace(document, blocks=tuple(blocks))
