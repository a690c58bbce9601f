"""The ``translate`` stage: every block of every document in one engine call per language pair,
each document decoded in batches of its own; each sentence recorded with what the checks flag
(:func:`sentence_record`, which the summarise stage uses for brief sentences too)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from polyglot_press._languages import UNDETERMINED
from polyglot_press.documents import Block, BlockKind, Document, DocumentFormat
from polyglot_press.errors import ModelError, PolyglotPressError
from polyglot_press.pipeline._context import PipelineContext, WorkItem
from polyglot_press.pipeline._problems import flag_problems, translation_problems
from polyglot_press.pipeline._results import SentenceRecord, Translation

if TYPE_CHECKING:
    from polyglot_press.translate import SentenceTranslation, TextTranslation

__all__ = [
    "IDENTITY_ROUTE",
    "UNRECOGNISED_ROUTE",
    "TranslateStage",
    "sentence_record",
    "translated_document",
]

IDENTITY_ROUTE = "identity (no translation needed)"
UNRECOGNISED_ROUTE = "none (language not recognised)"


def sentence_record(
    sentence: SentenceTranslation,
    source_lang: str,
    target_lang: str,
    block: int | None,
    context: PipelineContext,
) -> SentenceRecord:
    """A translated sentence as the result reports it: its text, how it met its constraints
    (see ``ENFORCEMENT_PATHS``) and what the checks flag; ``block`` is ``None`` for a brief
    sentence."""
    from polyglot_press.checks import check_sentence

    text = sentence.text if sentence.ok else None
    flags = check_sentence(
        sentence.source,
        text,
        source_lang,
        target_lang,
        protected=[span.replacement for span in sentence.spans],
        missing=sentence.missing,
        missing_kinds=sentence.missing_kinds,
        keep=context.kept_words,
        accepted=context.accepted_forms(target_lang),
        score=sentence.score,
        min_score=context.config.min_score_for(source_lang, target_lang),
    )
    return SentenceRecord(
        block=block,
        source=sentence.source,
        target_lang=target_lang,
        text=text,
        path="failed" if sentence.error is not None else sentence.enforcement,
        error=sentence.error,
        flags=flags,
        from_memory=sentence.from_memory,
    )


@dataclass
class _Outcome:
    """What translating one document's blocks produced, gathered across language groups."""

    texts: dict[int, str] = field(default_factory=dict)
    sentences: list[SentenceRecord] = field(default_factory=list)
    translations: list[TextTranslation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    routes: dict[str, str] = field(default_factory=dict)
    error: PolyglotPressError | None = None


class TranslateStage:
    """Translate each document into its item's ``target``, one engine call per language pair.

    Blocks are grouped by source language and markup (inline HTML tags and Markdown emphasis
    are protected differently), so each language pair is one engine call per markup; within
    it each document is its own group, decoded in batches of its own sentences (in parallel
    with the others), so its translation is the same alone and in any batch. A missing
    package fails the documents in that language and only flags other-language blocks.
    """

    def __call__(self, items: Sequence[WorkItem], context: PipelineContext) -> list[WorkItem]:
        outcomes = {i: _Outcome() for i, item in enumerate(items) if _translatable(item)}
        groups: dict[tuple[str, str, DocumentFormat], list[tuple[int, int]]] = {}
        for index in outcomes:
            document, target = items[index].document, items[index].target
            assert document is not None and target is not None
            for position, block in enumerate(document.blocks):
                lang = block.lang or document.lang
                if not block.translatable or lang in (None, UNDETERMINED, target):
                    continue
                if block.kind is BlockKind.DATELINE and _dateline_by_rule(
                    block, lang, target, position, outcomes[index], context
                ):
                    continue
                if block.text.strip():
                    groups.setdefault((lang, target, document.format), []).append((index, position))
        for (lang, target, markup), positions in groups.items():
            _translate_group(items, outcomes, context, (lang, target, markup), positions)
        return [
            _finish(item, outcomes[i]) if i in outcomes else item for i, item in enumerate(items)
        ]


def _dateline_by_rule(
    block: Block,
    lang: str,
    target: str,
    position: int,
    outcome: _Outcome,
    context: PipelineContext,
) -> bool:
    """Translate a dateline by rule (date and places), not by the model, where it can be."""
    from polyglot_press.text import translate_dateline
    from polyglot_press.translate import SentenceTranslation

    text = translate_dateline(block.text, lang, target)
    if text is None:
        return False
    outcome.texts[position] = text
    sentence = SentenceTranslation(block.text, text, "as_is")
    record = sentence_record(sentence, lang, target, position, context)
    # Written by rule: the places are names kept or exonyms, nothing for the checks to judge.
    outcome.sentences.append(replace(record, flags=()))
    return True


def _translatable(item: WorkItem) -> bool:
    return item.document is not None and item.target is not None and item.error is None


def _translate_group(
    items: Sequence[WorkItem],
    outcomes: dict[int, _Outcome],
    context: PipelineContext,
    pair: tuple[str, str, DocumentFormat],
    positions: list[tuple[int, int]],
) -> None:
    lang, target, markup = pair
    try:
        route = context.route(lang, target)
    except ModelError as error:
        for index, _ in positions:
            document = items[index].document
            if document is not None and document.lang == lang:
                outcomes[index].error = error
            else:
                outcomes[index].warnings.append(
                    f"a {lang} block was kept untranslated: {error.message}"
                )
        return
    texts = [_block(items, index, position).text for index, position in positions]
    groups = [index for index, _ in positions]
    translated = context.translate_texts(texts, route, lang, target, markup, groups)
    for (index, position), translation in zip(positions, translated, strict=True):
        outcome = outcomes[index]
        outcome.routes[lang] = route.describe()
        outcome.texts[position] = translation.text
        outcome.translations.append(translation)
        outcome.sentences.extend(
            sentence_record(sentence, lang, target, position, context)
            for sentence in translation.sentences
        )


def _block(items: Sequence[WorkItem], index: int, position: int) -> Block:
    document = items[index].document
    assert document is not None
    return document.blocks[position]


def _finish(item: WorkItem, outcome: _Outcome) -> WorkItem:
    if outcome.error is not None:
        return replace(item, error=outcome.error)
    document, target = item.document, item.target
    assert document is not None and target is not None
    source_lang = document.lang or UNDETERMINED
    route = outcome.routes.get(source_lang, IDENTITY_ROUTE)
    if source_lang == UNDETERMINED:
        route = UNRECOGNISED_ROUTE
    warnings = (
        *item.warnings,
        *outcome.warnings,
        *translation_problems(outcome.translations, source_lang),
        *flag_problems(outcome.sentences),
    )
    translation = Translation(
        source=document,
        target=target,
        document=translated_document(document, outcome.texts, target),
        route=route,
        warnings=tuple(dict.fromkeys(warnings)),
        sentences=tuple(sorted(outcome.sentences, key=lambda record: record.block or 0)),
    )
    return replace(item, translation=translation)


def translated_document(document: Document, texts: dict[int, str], target: str) -> Document:
    """``document`` with the blocks at the given positions replaced by their translations."""
    blocks = tuple(
        replace(block, text=texts[position], lang=target) if position in texts else block
        for position, block in enumerate(document.blocks)
    )
    return replace(document, blocks=blocks, lang=target)
