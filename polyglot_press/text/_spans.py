"""Protected spans: parts of a sentence that must come out of translation exactly as given.

Glossary hits, URLs, e-mails, phone numbers, numbers and inline markup are all expressed as
:class:`Span` objects over a source sentence, so the translation engine enforces them with one
mechanism whatever found them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

SpanKind = Literal["term", "keep", "url", "email", "phone", "number", "date", "markup"]


@dataclass(frozen=True, slots=True)
class Span:
    """``text[start:end]`` must appear in the translation as ``replacement``.

    ``entry_id`` links a glossary hit back to its glossary entry (``None`` for other kinds).
    """

    start: int
    end: int
    replacement: str
    kind: SpanKind
    entry_id: str | None = None


# Placeholders look like ``⟦3⟧``. A literal ``⟦`` in the text is doubled so that text which
# already contains placeholder-like strings still restores to exactly what it was.
_OPEN = "⟦"
_CLOSE = "⟧"
_MARKER = re.compile(f"{_OPEN}{_OPEN}|{_OPEN}(\\d+){_CLOSE}")


@dataclass(frozen=True, slots=True)
class Protected:
    """A sentence with its spans masked by numbered placeholders, ready for the translator.

    ``spans[i]`` is behind placeholder ``i`` and ``originals[i]`` is the source text it masked.
    """

    text: str
    spans: tuple[Span, ...]
    originals: tuple[str, ...]

    def placeholder(self, index: int) -> str:
        """The placeholder string standing for ``spans[index]``."""
        return f"{_OPEN}{index}{_CLOSE}"


def protect(text: str, spans: Sequence[Span]) -> Protected:
    """Replace each span of ``text`` with a placeholder, escaping look-alike text.

    ``spans`` must not overlap (see :func:`merge_spans`); they may come in any order.
    """
    ordered = sorted(spans, key=lambda span: (span.start, span.end))
    _check_spans(text, ordered)
    pieces: list[str] = []
    position = 0
    for index, span in enumerate(ordered):
        pieces.append(_escape(text[position : span.start]))
        pieces.append(f"{_OPEN}{index}{_CLOSE}")
        position = span.end
    pieces.append(_escape(text[position:]))
    return Protected(
        text="".join(pieces),
        spans=tuple(ordered),
        originals=tuple(text[span.start : span.end] for span in ordered),
    )


def restore(protected: Protected, translated: str | None = None, *, originals: bool = False) -> str:
    """Put the spans back into ``translated`` (by default the protected text itself).

    Placeholders become the spans' replacements, or the masked source text with
    ``originals=True`` — so ``restore(protect(text, spans), originals=True) == text`` always.
    Placeholders the translator dropped are simply absent; use :func:`missing_spans` to check.
    """
    values = protected.originals if originals else tuple(s.replacement for s in protected.spans)

    def substitute(match: re.Match[str]) -> str:
        if match.group(1) is None:
            return _OPEN
        index = int(match.group(1))
        return values[index] if index < len(values) else match.group(0)

    return _MARKER.sub(substitute, protected.text if translated is None else translated)


def missing_spans(protected: Protected, translated: str) -> list[Span]:
    """Spans whose placeholder does not appear exactly once in ``translated``."""
    counts = [0] * len(protected.spans)
    for match in _MARKER.finditer(translated):
        if match.group(1) is not None and int(match.group(1)) < len(counts):
            counts[int(match.group(1))] += 1
    return [span for span, count in zip(protected.spans, counts, strict=True) if count != 1]


def merge_spans(*span_lists: Iterable[Span]) -> list[Span]:
    """Combine span lists into one sorted list without overlaps.

    Where spans overlap, the longer one wins, then the earlier one, then the one from the
    earlier list — so a glossary term passed first beats a number found inside it.
    """
    candidates = [
        (span, order)
        for order, spans in enumerate(span_lists)
        for span in spans
        if span.end > span.start
    ]
    candidates.sort(key=lambda item: (-(item[0].end - item[0].start), item[0].start, item[1]))
    # Kept spans never overlap, so a candidate is free when no kept span starts inside it and
    # the kept span starting last before it ends before it starts: two Fenwick trees over the
    # candidates' start positions answer both in O(log n), O(n log n) in all.
    starts = sorted({span.start for span, _ in candidates})
    kept_starts = _Fenwick(len(starts))
    kept: list[Span] = []
    for span, _ in candidates:
        first = bisect_left(starts, span.start)
        after = bisect_left(starts, span.end)
        if kept_starts.count(after) - kept_starts.count(first):
            continue
        if kept_starts.max_end(first) > span.start:
            continue
        kept_starts.add(first, span.end)
        kept.append(span)
    return sorted(kept, key=lambda span: span.start)


class _Fenwick:
    """Counts and the largest end of kept spans by start index, over prefixes of indices."""

    def __init__(self, size: int) -> None:
        self._counts = [0] * (size + 1)
        self._ends = [-1] * (size + 1)

    def add(self, index: int, end: int) -> None:
        index += 1
        while index < len(self._counts):
            self._counts[index] += 1
            self._ends[index] = max(self._ends[index], end)
            index += index & -index

    def count(self, stop: int) -> int:
        """Kept spans whose start index is below ``stop``."""
        total = 0
        while stop > 0:
            total += self._counts[stop]
            stop -= stop & -stop
        return total

    def max_end(self, stop: int) -> int:
        """The largest end of the kept spans whose start index is below ``stop`` (-1: none)."""
        largest = -1
        while stop > 0:
            largest = max(largest, self._ends[stop])
            stop -= stop & -stop
        return largest


def shift_span(span: Span, offset: int) -> Span:
    """``span`` moved by ``offset`` characters (negative to move left)."""
    return replace(span, start=span.start + offset, end=span.end + offset)


def _escape(text: str) -> str:
    return text.replace(_OPEN, _OPEN + _OPEN)


def _check_spans(text: str, ordered: Sequence[Span]) -> None:
    position = 0
    for span in ordered:
        if span.start < position or span.end < span.start or span.end > len(text):
            raise ValueError(
                f"span {span.start}:{span.end} overlaps another span or falls outside the "
                f"{len(text)}-character text; merge span lists with merge_spans() first"
            )
        position = span.end
