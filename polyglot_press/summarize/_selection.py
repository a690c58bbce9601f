"""Choosing sentences from a ranking: best first, no near-duplicates, within a count or length.

Every algorithm follows sumy's calling convention, ``summarizer(document, count)``, where
``count`` is a number of sentences or a callable that picks from the sentences ranked best
first. :class:`Selection` is that callable: it adds what sumy lacks, skipping near-duplicate
sentences and limiting a brief by length instead of by sentence count.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

#: Two sentences whose sets of lower-cased words overlap more than this are near-duplicates.
DUPLICATE_JACCARD = 0.8

_WORD = re.compile(r"\w+")


class RankedSentence(NamedTuple):
    """A sentence with its position in the document and its score (sumy's ``SentenceInfo``)."""

    sentence: Any
    order: int
    rating: float


#: What sumy accepts as a sentence count: a number, or a callable that picks sentences from a
#: list ranked best first.
SentenceCount = int | Callable[[Sequence[RankedSentence]], Sequence[RankedSentence]]


def word_length(sentence: str) -> int:
    """Length of an English or French sentence: whitespace-separated tokens."""
    return len(sentence.split())


def korean_length(sentence: str) -> int:
    """Length of a Korean sentence: non-space characters (Korean words are not space-delimited)."""
    return sum(1 for char in sentence if not char.isspace())


def length_function(lang: str) -> Callable[[str], int]:
    """How ``words=`` counts a sentence of ``lang`` (a normalised code)."""
    return korean_length if lang == "ko" else word_length


class Selection:
    """Picks sentences best first, skipping near-duplicates, within a count or a length cap.

    The result is in document order. With a length cap, the best sentence is kept even when it
    alone is over the cap, so a text with sentences never gives an empty brief.
    """

    def __init__(
        self, *, max_sentences: int | None, max_length: int | None, length_of: Callable[[str], int]
    ) -> None:
        self._max_sentences = max_sentences
        self._max_length = max_length
        self._length_of = length_of

    def __call__(self, ranked: Sequence[RankedSentence]) -> list[RankedSentence]:
        chosen: list[RankedSentence] = []
        chosen_words: list[frozenset[str]] = []
        chosen_texts: set[str] = set()
        length = 0
        for info in ranked:
            if self._max_sentences is not None and len(chosen) >= self._max_sentences:
                break
            text = str(info.sentence)
            if text in chosen_texts:
                continue
            words = frozenset(_WORD.findall(text.lower()))
            if any(jaccard(words, other) > DUPLICATE_JACCARD for other in chosen_words):
                continue
            if self._max_length is not None:
                size = self._length_of(text)
                if chosen and length + size > self._max_length:
                    continue
                length += size
            chosen.append(info)
            chosen_words.append(words)
            chosen_texts.add(text)
            if self._max_length is not None and length >= self._max_length:
                break
        return sorted(chosen, key=lambda info: info.order)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap of two word sets: shared words over all words (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def pick(ranked: Iterable[RankedSentence], count: SentenceCount) -> tuple[Any, ...]:
    """Apply sumy's ``count`` to sentences ranked best first; the sentences in document order."""
    ranked = list(ranked)
    picked = ranked[:count] if isinstance(count, int) else count(ranked)
    return tuple(info.sentence for info in sorted(picked, key=lambda info: info.order))
