"""Marking up one text for the report: glossary terms, checked values and flagged sentences.

A text becomes a sequence of :class:`Run` objects — a flagged sentence or plain stretch — each
holding :class:`Piece` objects, plain or marked. Marks never overlap and never cross a flag's
edge, so the template nests ``<mark>`` inside the flag's element without any HTML surgery.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from polyglot_press.documents import DocumentFormat
    from polyglot_press.pipeline import ComplianceItemJSON

#: Kinds of verbatim values the report checks across the translation.
CHECKED_KINDS = ("number", "email", "phone", "url")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlighted stretch ``[start, end)`` of a text.

    ``kind`` is ``term`` or one of :data:`CHECKED_KINDS`; ``state`` is ``found`` or
    ``missing`` (source-side terms), ``target`` (a term in the translation), ``verified`` or
    ``unverified`` (values). ``report`` names the compliance report of a term.
    """

    start: int
    end: int
    kind: str
    state: str
    title: str
    report: str | None = None
    entry_id: str | None = None


@dataclass(frozen=True, slots=True)
class Flag:
    """A sentence the engine failed on, fell back on or repaired, or that a check flagged;
    ``checks`` holds each check's ``(code, message, advice)``."""

    start: int
    end: int
    path: str
    label: str
    reason: str
    checks: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    mark: Mark | None = None


@dataclass(frozen=True, slots=True)
class Run:
    flag: Flag | None
    pieces: tuple[Piece, ...]


def layout(text: str, marks: Iterable[Mark], flags: Iterable[Flag] = ()) -> tuple[Run, ...]:
    """Cut ``text`` into runs and pieces; earlier marks win over later overlapping ones."""
    kept = _without_overlaps(marks, len(text))
    placed = _flags_around(flags, kept, len(text))
    edges: list[tuple[int, int, Flag | None]] = []
    position = 0
    for flag in placed:
        if flag.start > position:
            edges.append((position, flag.start, None))
        edges.append((flag.start, flag.end, flag))
        position = flag.end
    if position < len(text) or not edges:
        edges.append((position, len(text), None))
    runs = []
    next_mark = 0  # runs and marks are both in text order: one pass over the marks
    for start, end, run_flag in edges:
        pieces: list[Piece] = []
        position = start
        while next_mark < len(kept) and kept[next_mark].start < end:
            mark = kept[next_mark]
            if mark.start > position:
                pieces.append(Piece(text[position : mark.start]))
            pieces.append(Piece(text[mark.start : mark.end], mark))
            position = mark.end
            next_mark += 1
        if position < end:
            pieces.append(Piece(text[position:end]))
        runs.append(Run(run_flag, tuple(pieces)))
    return tuple(runs)


def _without_overlaps(marks: Iterable[Mark], length: int) -> list[Mark]:
    kept: list[Mark] = []
    for mark in marks:
        if not 0 <= mark.start < mark.end <= length:
            continue
        if all(mark.end <= other.start or mark.start >= other.end for other in kept):
            kept.append(mark)
    return sorted(kept, key=lambda mark: mark.start)


def _flags_around(flags: Iterable[Flag], marks: Sequence[Mark], length: int) -> list[Flag]:
    """Flags widened to whole marks, without overlaps (the first flag of a stretch wins)."""
    placed: list[Flag] = []
    for flag in sorted(flags, key=lambda flag: flag.start):
        start, end = max(flag.start, 0), min(flag.end, length)
        for mark in marks:
            if mark.start < end and mark.end > start:
                start, end = min(start, mark.start), max(end, mark.end)
        if start < end and (not placed or start >= placed[-1].end):
            placed.append(replace(flag, start=start, end=end))
    return placed


# -- glossary terms ---------------------------------------------------------------------------


def place_items(
    texts: Sequence[str], items: Sequence[ComplianceItemJSON], separator: str
) -> tuple[list[list[tuple[int, int, ComplianceItemJSON]]], list[ComplianceItemJSON]]:
    """Spread a report's items over the texts it was computed on (joined by ``separator``).

    Returns, per text, ``(start, end, item)`` in that text's offsets, and the items that
    could not be placed. An item whose offsets do not match the joined text (an older or
    edited file) is looked for by its wording after the previous item.
    """
    joined = separator.join(texts)
    starts: list[int] = []
    offset = 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + len(separator)
    placed: list[list[tuple[int, int, ComplianceItemJSON]]] = [[] for _ in texts]
    unplaced: list[ComplianceItemJSON] = []
    cursor = 0
    for item in items:
        start = item["start"]
        if start is None or item["end"] is None or joined[start : item["end"]] != item["source"]:
            start = joined.find(item["source"], cursor) if item["source"] else -1
        if start < 0:
            unplaced.append(item)
            continue
        end = start + len(item["source"])
        number = bisect.bisect_right(starts, start) - 1
        if end > starts[number] + len(texts[number]):
            unplaced.append(item)  # spans two texts: cannot be shown in one cell
            continue
        placed[number].append((start - starts[number], end - starts[number], item))
        cursor = end
    return placed, unplaced


def term_title(item: ComplianceItemJSON, source_lang: str, target_lang: str) -> str:
    kind = "name kept as is" if item["kind"] == "keep" else "glossary term"
    state = "used in the translation" if item["found"] else "missing from the translation"
    return (
        f"{kind} «{item['entry_id']}»: {source_lang} «{item['source']}» → {target_lang} "
        f"«{item['expected']}» — {state}"
    )


def source_term_marks(
    placed: Sequence[tuple[int, int, ComplianceItemJSON]], report: str, source: str, target: str
) -> list[Mark]:
    return [
        Mark(
            start,
            end,
            "term",
            "found" if item["found"] else "missing",
            term_title(item, source, target),
            report,
            item["entry_id"],
        )
        for start, end, item in placed
    ]


def target_term_marks(
    text: str, items: Sequence[ComplianceItemJSON], report: str, target_lang: str
) -> list[Mark]:
    """Where the expected forms of the found ``items`` occur in the translation ``text``."""
    marks: list[Mark] = []
    taken: list[tuple[int, int]] = []
    for item in items:
        if not item["found"] or not item["expected"]:
            continue
        for start, end in find_phrase(text, item["expected"], target_lang):
            if all(end <= a or start >= b for a, b in taken):
                taken.append((start, end))
                expected, source, entry_id = item["expected"], item["source"], item["entry_id"]
                title = f"{target_lang} «{expected}» for «{source}» ({entry_id})"
                marks.append(Mark(start, end, "term", "target", title, report, item["entry_id"]))
                break
    return marks


def find_phrase(text: str, phrase: str, lang: str) -> Iterable[tuple[int, int]]:
    """Occurrences of ``phrase`` in ``text``, case and spacing aside (whole words but in Korean,
    whose particles attach to the word)."""
    pattern = _phrase_pattern(phrase, lang == "ko")
    if pattern is not None:
        for match in pattern.finditer(text):
            yield match.span()


@lru_cache(maxsize=4096)
def _phrase_pattern(phrase: str, korean: bool) -> re.Pattern[str] | None:
    words = [re.escape(word) for word in _SPACES.split(phrase.strip()) if word]
    if not words:
        return None
    body = r"[\s\u00a0\u202f]+".join(words)
    return re.compile(body if korean else rf"(?<!\w){body}", re.IGNORECASE)


# -- checked values: numbers, e-mails, phones, URLs -----------------------------------------------


def value_marks(
    source: str,
    translation: str | None,
    source_lang: str,
    target_lang: str,
    markup: DocumentFormat,
) -> tuple[list[Mark], list[Mark]]:
    """Numbers, e-mails, phones and URLs of ``source``, and whether the translation keeps them.

    Returns the marks for the source and for the translation. A value is verified when its
    expected form (``12,5 %`` becomes ``12.5%`` in English) is in the translation. Text without
    a translation (kept as written) has nothing to check: no marks.
    """
    from polyglot_press.text import verbatim_spans

    if translation is None:
        return [], []
    spans = [
        span
        for span in verbatim_spans(source, source_lang, target_lang, markup=markup)
        if span.kind in CHECKED_KINDS
    ]
    source_marks: list[Mark] = []
    target_marks: list[Mark] = []
    taken: list[tuple[int, int]] = []
    for span in spans:
        original = source[span.start : span.end]
        label = _VALUE_LABELS[span.kind]
        where = _find_value(translation, (span.replacement, original), taken)
        if where is None:
            expected = span.replacement
            title = f"{label} «{original}»: NOT found in the translation (expected «{expected}»)"
            source_marks.append(Mark(span.start, span.end, span.kind, "unverified", title))
            continue
        taken.append(where)
        kept = translation[where[0] : where[1]]
        title = f"{label} «{original}»: verified, the translation has «{kept}»"
        source_marks.append(Mark(span.start, span.end, span.kind, "verified", title))
        target_marks.append(
            Mark(*where, span.kind, "verified", f"{label} verified against «{original}»")
        )
    return source_marks, target_marks


_VALUE_LABELS = {"number": "number", "email": "e-mail", "phone": "phone", "url": "link"}


def _find_value(
    text: str, forms: Sequence[str], taken: Sequence[tuple[int, int]]
) -> tuple[int, int] | None:
    for form in forms:
        for match in _value_pattern(form).finditer(text):
            start, end = match.span()
            if all(end <= a or start >= b for a, b in taken):
                return start, end
    return None


@lru_cache(maxsize=4096)
def _value_pattern(form: str) -> re.Pattern[str]:
    """``form`` as a whole token, with or without the spaces inside it (``12,5 %``)."""
    body = r"[\s\u00a0\u202f]?".join(re.escape(part) for part in _SPACES.split(form))
    return re.compile(rf"(?<![\w.,]){body}(?![\w])")
