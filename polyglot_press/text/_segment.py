"""Sentence segmentation for French, English and Korean news copy (and German dates).

A rule-based splitter: candidate ends are runs of ``. ! ? …`` (with closing quotes and
brackets), accepted unless they sit in an abbreviation (``M.``, ``Mme``, ``Inc.``, ``p. ex.``),
an initial (``J. R. R. Tolkien``), a number, a German day of the month (``3. März``), a URL or
e-mail, a bracketed ellipsis, or a quotation that an attribution follows (``« … », a-t-il
dit``). A lowercase next word never starts a sentence. Ends glued to the next sentence by lost
whitespace (``MC20.Cette``, ``routier).La``) are split. Blank lines always end a sentence.

It is ~100x faster than pysbd, which matters because summaries segment every paragraph of
every article (see ``benchmarks/bench_segment.py``); it needs no model download.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Abbreviations compared case-sensitively (titles, company forms, months)…
_ABBREVIATIONS = _words(
    """M MM Mme Mmes Mlle Mlles Dr Drs Pr Me Mgr St Ste Sts Mr Mrs Ms Messrs Jr Sr Inc Ltd Co
    Corp Cie Sté Bros Gen Gov Sen Rep Col Lt Capt Sgt Prof Rev Hon No Nos Vol Fig Art Ch Dept
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec janv févr avr juil déc Jän Febr Okt Dez
    ID"""
)  # "ID." is Volkswagen's electric range ("ID. Buzz"), frequent in automotive copy
# …and case-insensitively (lowercase abbreviations that may start a sentence capitalised).
_LOWER_ABBREVIATIONS = _words(
    "cf ex p pp vs env approx av bd vol fig éd ed eds resp tél chap ibid op cit réf ref"
)
# German writes day ordinals with a period: "am 3. März 2025" holds no sentence end.
_GERMAN_MONTHS = _words(
    """Januar Jänner Februar März April Mai Juni Juli August September Oktober November Dezember
    Jan Jän Feb Febr Mär Apr Jun Jul Aug Sep Sept Okt Nov Dez"""
)
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")
# "etc." is deliberately absent: followed by a capital it ends a sentence far more often
# than not; followed by a lowercase word it does not split anyway.

_CANDIDATE = re.compile(r"[.!?…]+(?:[»”’)\]\"']|[ \u00a0\u202f][»”])*")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]?|[A-Z]\.-[A-Z]")
_PROTECTED = re.compile(
    r"(?:https?://|www\.)[^\s<>«»\"]*[^\s<>«»\".,;:!?)\]]"
    r"|[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}",
    re.IGNORECASE,
)
_QUOTES = (("«", "»"), ("“", "”"))
# No abbreviation, initial or day number is longer; longer "words" are not looked at in full.
_LONGEST_WORD = 64
_OPENERS = "«“\"'‘([¿¡ \u00a0\u202f"


def split_sentences(text: str, lang: str = "en") -> list[str]:
    """Split ``text`` into sentences (fr, en, ko and de rules; other languages get the same rules).

    Sentences are stripped of surrounding whitespace; none is empty. Joined with single
    spaces they give back ``text`` up to whitespace.
    """
    return [text[start:end] for start, end in sentence_spans(text, lang)]


def sentence_spans(text: str, lang: str = "en") -> list[tuple[int, int]]:
    """Character offsets ``(start, end)`` of the sentences of ``text``, whitespace excluded."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        _paragraph_spans(text, start, match.start(), lang, spans)
        start = match.end()
    _paragraph_spans(text, start, len(text), lang, spans)
    return spans


def _paragraph_spans(
    text: str, start: int, end: int, lang: str, spans: list[tuple[int, int]]
) -> None:
    protected = _Ranges(_protected_ranges(text, start, end))
    cased = lang != "ko"
    german = lang.split("-")[0].lower() == "de"
    sentence_start = start
    for match in _CANDIDATE.finditer(text, start, end):
        cut = match.end()
        if cut >= end or match.start() in protected:
            continue
        if text[cut].isspace():
            if not _ends_sentence(text, match, end, cased):
                continue
            if german and _is_german_date_ordinal(text, match):
                continue
        elif not _glued_end(text, match):
            continue
        _add_span(text, sentence_start, cut, spans)
        sentence_start = cut
    _add_span(text, sentence_start, end, spans)


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


def _ends_sentence(text: str, match: re.Match[str], end: int, cased: bool) -> bool:
    """Whether a candidate followed by whitespace ends a sentence."""
    position = match.end()
    while position < end and (text[position] in _OPENERS or text[position].isspace()):
        position += 1
    if position >= end:
        return False
    following = text[position]
    if cased and following.islower():
        return False
    punctuation = match.group()
    if match.start() > 0 and text[match.start() - 1] in "[(" and punctuation[0] in ".…":
        return False  # "[…]" marks a cut inside a quotation
    if punctuation[0] in ".…" and punctuation != "." and following.isdigit():
        return False  # "depuis... 2012": suspense, not an end
    if punctuation[0] == "." and not punctuation.startswith(".."):
        return not _is_abbreviation(_word_before(text, match.start()), following)
    return True


def _is_german_date_ordinal(text: str, match: re.Match[str]) -> bool:
    """``3. März``: a day of the month, its period, and a German month name."""
    if match.group() != ".":
        return False
    day = _word_before(text, match.start())
    if not (day.isdigit() and len(day) <= 2 and 1 <= int(day) <= 31):
        return False
    month = _NEXT_WORD.match(text, match.end())
    return month is not None and month.group(1) in _GERMAN_MONTHS


def _glued_end(text: str, match: re.Match[str]) -> bool:
    """``MC20.Cette`` / ``routier).La`` / ``다.그``: an end whose following space was lost."""
    position = match.end()
    if len(match.group()) != 1 or match.start() == 0 or position + 1 >= len(text):
        return False
    before, first, second = text[match.start() - 1], text[position], text[position + 1]
    if _is_hangul(before) and _is_hangul(first):
        return True
    if not (first.isupper() and second.islower() and (before.isalnum() or before in ')»"”')):
        return False
    return not _is_abbreviation(_word_before(text, match.start()), first)


def _word_before(text: str, end: int) -> str:
    """The word ending at ``end``; at most :data:`_LONGEST_WORD` characters of it, so that
    text without spaces is not scanned back to its start at every candidate end."""
    start = end
    stop = max(0, end - _LONGEST_WORD)
    while start > stop and not text[start - 1].isspace():
        start -= 1
    return text[start:end].lstrip("«“\"'‘([")


def _is_abbreviation(word: str, following: str) -> bool:
    if not word:
        return False
    if word in _ABBREVIATIONS or word.lower() in _LOWER_ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isupper():
        return True  # an initial: "J. R. R. Tolkien"
    if word.isdigit():
        return following.isdigit()  # "1. 2." numbering; a year before a sentence is an end
    return _DOTTED.fullmatch(word) is not None  # "U.S.", "p.m.", "J.-C."


def _is_hangul(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3"


def _protected_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """URLs, e-mails, and quotations followed by their attribution: never split inside."""
    ranges = [m.span() for m in _PROTECTED.finditer(text, start, end)] if _maybe_url(text) else []
    for opening, closing in _QUOTES:
        position = text.find(opening, start, end)
        while position >= 0:
            close = text.find(closing, position + 1, end)
            if close < 0:
                break
            after = text[close + 1 : close + 4].lstrip(" \u00a0\u202f")
            if after[:1] in (",", ")") or after[:1].islower():
                ranges.append((position, close + 1))
            position = text.find(opening, close + 1, end)
    return ranges


def _maybe_url(text: str) -> bool:
    return "@" in text or "://" in text or "www." in text


class _Ranges:
    """Whether a position falls in any of some (possibly overlapping) ranges, in O(log n)."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        ordered = sorted(ranges)
        self._starts = [start for start, _ in ordered]
        self._reach = list(accumulate((end for _, end in ordered), max))

    def __contains__(self, position: int) -> bool:
        before = bisect_right(self._starts, position)  # ranges starting at or before it
        return before > 0 and self._reach[before - 1] > position
