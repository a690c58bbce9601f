"""Sentence-level translation problems, summed up in words an editor can act on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from polyglot_press._languages import display_name

if TYPE_CHECKING:
    from polyglot_press.pipeline._results import SentenceRecord
    from polyglot_press.translate import TextTranslation

__all__ = [
    "REVIEW_HINT",
    "brief_failure",
    "flag_problems",
    "review_message",
    "translation_problems",
]

REVIEW_HINT = (
    "read each flagged sentence against its source (brief --format json lists the flags "
    "per sentence; the review page shows them beside it) and correct it before publishing"
)

_EXAMPLE_LENGTH = 60


def _example(text: str) -> str:
    text = text.strip()
    return text if len(text) <= _EXAMPLE_LENGTH else text[: _EXAMPLE_LENGTH - 3] + "…"


#: What each kind of sentence warning means for the document, by a phrase of its wording.
_WARNING_SUMMARIES = (
    (
        "much shorter than its source",
        "translations are much shorter than their source sentence; words may be missing",
    ),
    (
        "sentence cut to its first",
        "sentences were longer than the model can read and were "
        "cut; split them into shorter sentences",
    ),
    (
        "translated as plain text",
        "sentences carry thousands of markup, term or number spans; "
        "those past the first few thousand were translated as plain text",
    ),
)


def translation_problems(translations: Sequence[TextTranslation], source_lang: str) -> list[str]:
    """Sentence-level problems of a document's translation, summed up for an editor."""
    failed = [s for t in translations for s in t.sentences if not s.ok]
    warned = [s.warning for t in translations for s in t.sentences if s.ok and s.warning]
    total = sum(len(t.sentences) for t in translations)
    problems = []
    if failed:
        problems.append(
            f"{len(failed)} of {total} sentences could not be translated ({failed[0].error}) "
            f"and were kept in {source_lang}, e.g. «{_example(failed[0].source)}»"
        )
    for phrase, summary in _WARNING_SUMMARIES:
        count = sum(phrase in warning for warning in warned)
        if count:
            problems.append(f"{count} of {total} {summary}")
    other = [w for w in warned if not any(phrase in w for phrase, _ in _WARNING_SUMMARIES)]
    if other:
        problems.append(f"{len(other)} of {total} translations have a warning, e.g. «{other[0]}»")
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
    reasons = list(
        dict.fromkeys(
            sentence.error or next((f.code for f in sentence.flags if f.fails), "failed")
            for sentence in failed
        )
    )
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


def _codes(records: Sequence[SentenceRecord]) -> str:
    counts: dict[str, int] = {}
    for record in records:
        for flag in record.flags:
            counts[flag.code] = counts.get(flag.code, 0) + 1
    return ", ".join(f"{code} ×{count}" if count > 1 else code for code, count in counts.items())


def review_message(flagged: Sequence[SentenceRecord]) -> str:
    """Why a result is ``review``: how many headline and brief sentences are flagged, which."""
    first = flagged[0]
    return (
        f"{len(flagged)} sentence{'s' if len(flagged) > 1 else ''} of the headline or briefs "
        f"flagged for review ({_codes(flagged)}), e.g. «{_example(first.text or first.source)}»: "
        f"{first.flags[0].message}"
    )


def flag_problems(records: Sequence[SentenceRecord]) -> list[str]:
    """The checks' findings over a document's (or brief's) sentences, summed up."""
    if not records:
        return []
    problems = []
    unusable = [r for r in records if r.error is None and not r.ok]
    if unusable:
        problems.append(
            f"{len(unusable)} of {len(records)} sentences were not translated "
            f"({_codes(unusable)}), e.g. «{_example(unusable[0].source)}»"
        )
    flagged = [r for r in records if r.ok and r.flags]
    if flagged:
        problems.append(
            f"{len(flagged)} of {len(records)} sentences are flagged for review ({_codes(flagged)})"
        )
    return problems
