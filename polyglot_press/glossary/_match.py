"""Matchers: token-sequence lookup for French and English, one pattern for Korean."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from polyglot_press.glossary._model import GlossaryEntry, GlossaryHit
from polyglot_press.glossary._normalize import (
    KEY_FUNCTIONS,
    KOREAN_END,
    Lang,
    Tokenized,
    compact_ko,
    exact_form,
    is_plural_form,
    korean_pattern,
    tokens_of,
)


@dataclass(frozen=True, slots=True)
class _Variant:
    entry: GlossaryEntry
    #: Tokens of the entry's own term, against which a hit is judged plural.
    base_tokens: tuple[str, ...]


class TokenMatcher:
    """Longest-first, non-overlapping matching of token sequences (French and English).

    Terms match case-insensitively with regular plurals; keep-list names match their exact
    case or all capitals. Lookups are dictionary hits keyed on normalised token tuples, so the
    cost grows with the text, not with the glossary.
    """

    def __init__(self, lang: Lang, entries: Sequence[GlossaryEntry]) -> None:
        self.lang = lang
        self._key = KEY_FUNCTIONS[lang]
        self._folded: dict[tuple[str, ...], _Variant] = {}
        self._exact: dict[tuple[str, ...], _Variant] = {}
        self._longest_folded: dict[str, int] = {}
        self._longest_exact: dict[str, int] = {}
        for entry in entries:
            surfaces = [entry.term(lang)]
            if lang == "fr":
                surfaces.extend(entry.forms_fr)
            base_tokens = tuple(tokens_of(entry.term(lang)))
            for surface in surfaces:
                tokens = tuple(tokens_of(surface))
                if not tokens:
                    continue
                variant = _Variant(entry, base_tokens)
                if entry.kind == "keep":
                    for form in {
                        tuple(exact_form(t) for t in tokens),
                        tuple(t.upper() for t in tokens),
                    }:
                        self._add(self._exact, self._longest_exact, form, variant)
                else:
                    key = tuple(self._key(t) for t in tokens)
                    self._add(self._folded, self._longest_folded, key, variant)

    @staticmethod
    def _add(
        table: dict[tuple[str, ...], _Variant],
        longest: dict[str, int],
        key: tuple[str, ...],
        variant: _Variant,
    ) -> None:
        table[key] = variant  # later entries win
        longest[key[0]] = max(longest.get(key[0], 0), len(key))

    def match(self, text: str) -> list[GlossaryHit]:
        tokenized = Tokenized.of(text)
        words = tokenized.words
        exact = list(map(exact_form, words))
        folded = list(map(self._key, words))
        # Only tokens that start some entry are worth a look; most tokens start none.
        starts = sorted(
            {i for i, key in enumerate(exact) if key in self._longest_exact}
            | {i for i, key in enumerate(folded) if key in self._longest_folded}
        )
        hits: list[GlossaryHit] = []
        offsets: list[int] = []
        count, resume = len(words), 0
        for index in starts:
            if index < resume:
                continue
            best: tuple[int, _Variant] | None = None
            for table, longest, keys in (
                (self._exact, self._longest_exact, exact),
                (self._folded, self._longest_folded, folded),
            ):
                size = min(longest.get(keys[index], 0), count - index)
                while size > (best[0] if best else 0):
                    variant = table.get(tuple(keys[index : index + size]))
                    if variant is not None and tokenized.joined(index, size):
                        best = (size, variant)
                        break
                    size -= 1
            if best is None:
                continue
            size, variant = best
            offsets = offsets or tokenized.offsets()
            start, end = offsets[2 * index], offsets[2 * (index + size) - 1]
            plural = variant.entry.kind == "term" and is_plural_form(
                words[index : index + size], variant.base_tokens
            )
            hits.append(GlossaryHit(variant.entry, start, end, text[start:end], self.lang, plural))
            resume = index + size
        return hits


class KoreanMatcher:
    """One compiled alternation of the Korean terms, longest first.

    Spaces inside a term are optional (Korean spacing varies); a term may be followed by a
    particle but never starts inside a word.
    """

    def __init__(self, entries: Sequence[GlossaryEntry]) -> None:
        self._exact: dict[str, GlossaryEntry] = {}
        self._folded: dict[str, GlossaryEntry] = {}
        branches: dict[str, int] = {}
        for entry in entries:
            compact = compact_ko(entry.ko)
            if not compact:
                continue
            if entry.kind == "keep":
                self._exact[compact] = entry
            else:
                self._folded[compact.casefold()] = entry
            pattern = korean_pattern(entry.ko)
            if entry.kind == "term":
                pattern = f"(?i:{pattern})"
            branches[pattern] = max(branches.get(pattern, 0), len(compact))
        ordered = sorted(branches, key=lambda p: -branches[p])
        self._pattern = (
            re.compile(rf"(?<!\w)(?:{'|'.join(ordered)}){KOREAN_END}") if ordered else None
        )

    def match(self, text: str) -> list[GlossaryHit]:
        if self._pattern is None:
            return []
        hits = []
        for found in self._pattern.finditer(text):
            compact = compact_ko(found.group())
            entry = self._exact.get(compact) or self._folded.get(compact.casefold())
            if entry is not None:
                hits.append(GlossaryHit(entry, found.start(), found.end(), found.group(), "ko"))
        return hits
