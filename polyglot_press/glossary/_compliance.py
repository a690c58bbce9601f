"""Compliance: did a translation use the glossary's target forms?"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from polyglot_press.glossary._glossary import Glossary
from polyglot_press.glossary._model import expected_target
from polyglot_press.glossary._normalize import (
    KEY_FUNCTIONS,
    KOREAN_END,
    EntryKind,
    Lang,
    Tokenized,
    check_lang,
    exact_form,
    korean_pattern,
    tokens_of,
)


@dataclass(frozen=True, slots=True)
class ComplianceItem:
    """One source hit and whether its expected target form appears in the output."""

    entry_id: str
    source_text: str
    source_start: int
    source_end: int
    expected: str
    kind: EntryKind
    found: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "entry_id": self.entry_id,
            "source": self.source_text,
            "start": self.source_start,
            "end": self.source_end,
            "expected": self.expected,
            "kind": self.kind,
            "found": self.found,
        }


@dataclass(frozen=True, slots=True)
class ComplianceReport:
    """How well a translation used the glossary: one item per source hit."""

    source_lang: str
    target_lang: str
    glossary_version: str
    items: tuple[ComplianceItem, ...]

    @property
    def expected(self) -> int:
        return len(self.items)

    @property
    def found(self) -> int:
        return sum(1 for item in self.items if item.found)

    @property
    def term_use_rate(self) -> float | None:
        """Found / expected; ``None`` when the source has no glossary hit (nothing to use)."""
        return self.found / self.expected if self.items else None

    @property
    def missing(self) -> tuple[ComplianceItem, ...]:
        return tuple(item for item in self.items if not item.found)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view of the report (``term_use_rate`` is ``null`` without hits)."""
        rate = self.term_use_rate
        return {
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "glossary_version": self.glossary_version,
            "expected": self.expected,
            "found": self.found,
            "term_use_rate": None if rate is None else round(rate, 4),
            "items": [item.to_dict() for item in self.items],
        }


class _Occurrences:
    """Counts of target-language phrases in one output text, tokenised once for all phrases.

    A phrase counts its non-overlapping occurrences, tolerant of plurals and typography
    (French/English) or of following particles and spacing (Korean). Keep-list names count
    in their exact case or all capitals.
    """

    def __init__(self, text: str, lang: Lang) -> None:
        self._text = text
        self._lang = lang
        self._tokenized = Tokenized.of(text) if lang != "ko" else None
        # Per exactness: the normalised words, and where each normalised word occurs.
        self._indexes: dict[bool, tuple[list[str], dict[str, list[int]]]] = {}

    def count(self, phrase: str, exact: bool) -> int:
        tokenized = self._tokenized
        if tokenized is None:
            return len(_korean_occurrence_pattern(phrase, exact).findall(self._text))
        normalise = exact_form if exact else KEY_FUNCTIONS[self._lang]
        wanted = tuple(normalise(token) for token in tokens_of(phrase))
        if not wanted:
            return 0
        keys, positions = self._index(tokenized, exact, normalise)
        forms = {wanted, tuple(token.upper() for token in wanted)} if exact else {wanted}
        size = len(wanted)
        starts = sorted(
            index
            for form in forms
            for index in positions.get(form[0], ())
            if tuple(keys[index : index + size]) == form and tokenized.joined(index, size)
        )
        count, resume = 0, 0
        for index in starts:
            if index >= resume:
                count += 1
                resume = index + size
        return count

    def _index(
        self, tokenized: Tokenized, exact: bool, normalise: Callable[[str], str]
    ) -> tuple[list[str], dict[str, list[int]]]:
        index = self._indexes.get(exact)
        if index is None:
            keys = [normalise(word) for word in tokenized.words]
            positions: dict[str, list[int]] = {}
            for position, key in enumerate(keys):
                positions.setdefault(key, []).append(position)
            index = self._indexes[exact] = (keys, positions)
        return index


@lru_cache(maxsize=4096)
def _korean_occurrence_pattern(phrase: str, exact: bool) -> re.Pattern[str]:
    flags = 0 if exact else re.IGNORECASE
    return re.compile(rf"(?<!\w)(?:{korean_pattern(phrase)}){KOREAN_END}", flags)


def compliance_report(
    source_text: str,
    source_lang: str,
    output_text: str,
    target_lang: str,
    glossary: Glossary,
) -> ComplianceReport:
    """Check that each glossary hit of the source appears in the output in its target form.

    An entry hit ``n`` times in the source must appear ``n`` times in the output: the first
    hits beyond what the output holds count as missing. Entries without a target form are
    not reported.
    """
    target = check_lang(target_lang)
    occurrences = _Occurrences(output_text, target)
    available: dict[tuple[str, bool], int] = {}
    items = []
    for hit in glossary.match(source_text, source_lang):
        expected = expected_target(hit, target)
        if not expected:
            continue
        base = hit.entry.term(target) if hit.entry.kind == "term" else expected
        exact = hit.entry.kind == "keep"
        key = (base, exact)
        if key not in available:
            available[key] = occurrences.count(base, exact)
        found = available[key] > 0
        if found:
            available[key] -= 1
        items.append(
            ComplianceItem(
                hit.entry.id, hit.matched_text, hit.start, hit.end, expected, hit.entry.kind, found
            )
        )
    return ComplianceReport(source_lang, target, glossary.version, tuple(items))
