"""Cutting texts into sentences and sentences at their spans; routes and length batches."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from polyglot_press.errors import TranslationError
from polyglot_press.text import Span, split_sentences

if TYPE_CHECKING:
    from polyglot_press.packages import InstalledPackage

LETTER = re.compile(r"[^\W\d_]")


def check_route(
    route: Sequence[InstalledPackage],
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
) -> None:
    """Raise :class:`TranslationError` unless ``route`` is one package or a chained pivot."""
    pairs = " then ".join(package.pair for package in route) or "no package"
    problem = None
    if not 1 <= len(route) <= 2:
        problem = f"a route has one package or two (a pivot), got {pairs}"
    elif any(a.target != b.source for a, b in itertools.pairwise(route)):
        problem = f"route {pairs} does not chain"
    elif source_lang is not None and route[0].source != source_lang:
        problem = f"route {pairs} does not start from {source_lang}"
    elif target_lang is not None and route[-1].target != target_lang:
        problem = f"route {pairs} does not end in {target_lang}"
    if problem is not None:
        raise TranslationError(
            problem, hint="build the route with polyglot_press.packages.plan_route"
        )


def length_batches(tokens: Sequence[Sequence[str]], max_tokens: int) -> list[list[int]]:
    """Group indices into batches of similar length with at most ``max_tokens`` padded tokens.

    Sorting by length keeps padding low. A batch's decoding limit follows its longest sentence,
    so a sentence's output can depend on its neighbours; batch runs keep neighbours stable.
    """
    order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
    batches: list[list[int]] = []
    for i in order:
        if batches and len(tokens[i]) * (len(batches[-1]) + 1) <= max_tokens:
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches


def split_at_spans(text: str, spans: Sequence[Span]) -> list[tuple[str, Span | None]]:
    """``text`` as (text before the span, span) pairs, the last pair holding no span."""
    pairs: list[tuple[str, Span | None]] = []
    position = 0
    for span in sorted(spans, key=lambda s: s.start):
        pairs.append((text[position : span.start], span))
        position = span.end
    pairs.append((text[position:], None))
    return pairs


def has_text_to_translate(text: str, spans: Sequence[Span]) -> bool:
    return any(LETTER.search(piece) for piece, _ in split_at_spans(text, spans))


def fill_verbatim(text: str, spans: Sequence[Span]) -> tuple[str, tuple[Span, ...]]:
    """``text`` with each span replaced, and where the replacements landed."""
    parts: list[str] = []
    located = []
    offset = 0  # the length of the parts so far, kept as it grows (linear, not quadratic)
    for piece, span in split_at_spans(text, spans):
        parts.append(piece)
        offset += len(piece)
        if span is not None:
            located.append(replace(span, start=offset, end=offset + len(span.replacement)))
            parts.append(span.replacement)
            offset += len(span.replacement)
    return "".join(parts), tuple(located)


def keep_outer_whitespace(source: str, translated: str) -> str:
    leading = source[: len(source) - len(source.lstrip())]
    trailing = source[len(source.rstrip()) :]
    return f"{leading}{translated.strip()}{trailing}"


def sentence_ranges(text: str, lang: str, spans: Sequence[Span]) -> list[tuple[int, int]]:
    """Character ranges of the sentences of ``text``; a span never straddles two ranges."""
    ranges: list[tuple[int, int]] = []
    position = 0
    for sentence in split_sentences(text, lang):
        start = text.find(sentence, position)
        if start == -1:
            # The splitter altered the text: translate the rest as one unit rather than guess.
            ranges.append((position, len(text.rstrip())))
            position = len(text)
            break
        ranges.append((start, start + len(sentence)))
        position = start + len(sentence)
    ranges = [(start, end) for start, end in ranges if text[start:end].strip()]
    inside = _inside_spans(spans)
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        previous_end = merged[-1][1] if merged else 0
        if merged and (inside(previous_end) or inside(start)):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _inside_spans(spans: Sequence[Span]) -> Callable[[int], bool]:
    """A test of whether a position falls strictly inside one of ``spans``, in O(log n)."""
    ordered = sorted(spans, key=lambda s: s.start)
    starts = [span.start for span in ordered]
    reach = list(itertools.accumulate((span.end for span in ordered), max))

    def inside(position: int) -> bool:
        before = bisect_left(starts, position)  # the spans starting before ``position``
        return before > 0 and reach[before - 1] > position

    return inside


def spans_in_ranges(
    spans: Sequence[Span], ranges: Sequence[tuple[int, int]]
) -> list[tuple[Span, ...]]:
    """For each range, the spans wholly inside it, moved to offsets into the range.

    O((spans + ranges) log spans): each range looks only at the spans starting inside it.
    """
    ordered = sorted(spans, key=lambda s: s.start)
    starts = [span.start for span in ordered]
    inside: list[tuple[Span, ...]] = []
    for start, end in ranges:
        first, stop = bisect_left(starts, start), bisect_left(starts, end)
        inside.append(
            tuple(
                replace(span, start=span.start - start, end=span.end - start)
                for span in ordered[first:stop]
                if span.end <= end
            )
        )
    return inside


# Positions kept free for what CTranslate2 adds: the end-of-sentence token and a target prefix.
_POSITION_MARGIN = 2


def position_limit(loaded: Mapping[Path, object], model: object) -> int | None:
    """The positions of the package ``model`` was loaded from (``loaded``: path -> model)."""
    from polyglot_press.packages._metadata import model_positions

    path = next((path for path, value in loaded.items() if value is model), None)
    return None if path is None else model_positions(path)


def fit_to_positions(
    tokens: list[list[str]], limits: list[int], positions: int | None
) -> list[str | None]:
    """Cut sources and decoding limits that would run past the model's position table.

    A source longer than the table made CTranslate2 raise ("No position encodings are defined
    for positions >= N"); now it is cut, in place, and its warning says so (``None``: not cut).
    """
    warnings: list[str | None] = [None] * len(tokens)
    if positions is None:
        return warnings
    room = max(positions - _POSITION_MARGIN, 1)
    for i, source in enumerate(tokens):
        if len(source) > room:
            warnings[i] = (
                f"sentence cut to its first {room} tokens: the model has "
                f"{positions} positions; split it into shorter sentences"
            )
            tokens[i] = source[:room]
        limits[i] = min(limits[i], room)
    return warnings
