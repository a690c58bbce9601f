"""Sentence-level translation problems, summed up in words an editor can act on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from polyglot_press._languages import display_name

if TYPE_CHECKING:
    from polyglot_press.pipeline._results import SentenceRecord
    from polyglot_press.translate import TextTranslation

__all__ = ["brief_failure", "translation_problems"]

_EXAMPLE_LENGTH = 60


def _example(text: str) -> str:
    text = text.strip()
    return text if len(text) <= _EXAMPLE_LENGTH else text[: _EXAMPLE_LENGTH - 3] + "…"


def translation_problems(translations: Sequence[TextTranslation], source_lang: str) -> list[str]:
    """Sentence-level problems of a document's translation, summed up for an editor."""
    failed = [s for t in translations for s in t.sentences if not s.ok]
    short = [s for t in translations for s in t.sentences if s.ok and s.warning]
    total = sum(len(t.sentences) for t in translations)
    problems = []
    if failed:
        problems.append(
            f"{len(failed)} of {total} sentences could not be translated ({failed[0].error}) "
            f"and were kept in {source_lang}, e.g. «{_example(failed[0].source)}»"
        )
    if short:
        problems.append(
            f"{len(short)} of {total} translations are much shorter than their source sentence; "
            "words may be missing"
        )
    return problems


def brief_failure(
    missing: Sequence[str], sentences: Sequence[SentenceRecord], route: str | None
) -> tuple[str, str]:
    """Why the briefs in ``missing`` could not be written, and what to do (message, hint).

    Used when the translation failed sentence by sentence, so there was nothing to summarise
    (or nothing left to carry into the brief's language).
    """
    names = " and ".join(f"{display_name(lang)}" for lang in missing)
    failed = [sentence for sentence in sentences if not sentence.ok]
    reasons = list(dict.fromkeys(sentence.error or "failed" for sentence in failed))
    if failed:
        examples = "; ".join(f"«{_example(s.source)}»" for s in failed[:2])
        message = (
            f"no {names} brief: {len(failed)} of {len(sentences)} sentences could not be "
            f"translated ({', '.join(reasons[:3])}), e.g. {examples}"
        )
    else:
        message = f"no {names} brief: the translation produced no text to summarise"
    package = f" ({route})" if route else ""
    hint = (
        f"the translation package{package} produces unusable output: check it with "
        "`polyglot-press models list`, reinstall it with `polyglot-press models install`, "
        "or force the source language with --from if it was misdetected"
    )
    return message, hint
