"""How the checks treat a pair's human translations, and three ways of spoiling them.

For each reference pair, the checks (:func:`polyglot_press.checks.check_translation`) judge
four outputs: the human translation itself (a flag is a false alarm), the source copied (an
untranslated sentence), the translation cut to 40% of its words (an omission), and the
translation with one number changed (a wrong figure; only rows whose reference has a number).
The share flagged in each is what a newsroom learns about the checks on its own archive.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from polyglot_press.evaluate._references import EvalPair
    from polyglot_press.glossary import Glossary

__all__ = ["CONDITIONS", "ConditionResult", "check_conditions", "unrelated_share"]

CONDITIONS = ("human", "copied", "cut", "number")
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class ConditionResult:
    """Per condition, (sentences judged, share flagged)."""

    shares: dict[str, tuple[int, float]]


def cut(text: str) -> str:
    """The first 40% of ``text``'s words."""
    words = text.split()
    return " ".join(words[: max(1, round(len(words) * 0.4))])


def change_number(text: str) -> str | None:
    """``text`` with its first number's first digit changed, or ``None`` without a number."""
    match = _DIGITS.search(text)
    if match is None:
        return None
    digits = match.group()
    changed = str(int(digits[0]) % 9 + 1) + digits[1:]
    return text[: match.start()] + changed + text[match.end() :]


def check_conditions(pair: EvalPair, glossary: Glossary | None) -> ConditionResult:
    """The share of ``pair``'s rows the checks flag in each of :data:`CONDITIONS`."""
    from polyglot_press.checks import check_translation

    source_lang, target_lang = pair.source_lang, pair.target_lang
    tallies = {condition: [0, 0] for condition in CONDITIONS}
    for item in pair.items:
        outputs = {
            "human": item.reference,
            "copied": item.source,
            "cut": cut(item.reference),
            "number": change_number(item.reference),
        }
        for condition, output in outputs.items():
            if output is None:
                continue
            flags = check_translation(item.source, output, source_lang, target_lang, glossary)
            tallies[condition][0] += 1
            tallies[condition][1] += bool(flags)
    return ConditionResult(
        {c: (n, flagged / n if n else 0.0) for c, (n, flagged) in tallies.items()}
    )


def unrelated_share(
    sources: Sequence[str],
    outputs: Sequence[str],
    source_lang: str,
    target_lang: str,
    glossary: Glossary | None = None,
) -> float:
    """The share of outputs the checks find untranslated, in another language, far off in
    length, or wrong in two ways at once (names, numbers, terms): past one half, the
    package's output is unrelated to its input."""
    from polyglot_press.checks import check_translation

    severe = {"untranslated", "wrong_language", "omission", "addition", "repetition"}
    if not outputs:
        return 0.0
    bad = 0
    for source, output in zip(sources, outputs, strict=True):
        codes = {
            f.code for f in check_translation(source, output, source_lang, target_lang, glossary)
        }
        bad += bool(codes & severe) or len(codes) >= 2
    return bad / len(outputs)
