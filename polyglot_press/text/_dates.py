"""Dates, translated by rule rather than by the model.

A model may reorder or drop the parts of ``9 novembre 2023`` (one was seen writing
"2023 9"); a date's translation is not a matter of taste, so it is written by rule and then
checked like a number. French and English dates are recognised; the target is English or
Korean:

==========================  =========================  ====================
source                      English                    Korean
==========================  =========================  ====================
``9 novembre 2023``         ``9 November 2023``        ``2023년 11월 9일``
``1er janvier 2024``        ``1 January 2024``         ``2024년 1월 1일``
``novembre 2023``           ``November 2023``          ``2023년 11월``
``début 2024``              ``early 2024``             ``2024년 초``
``fin 2023`` / ``mi-2024``  ``late 2023`` / ``mid-2024``  ``2023년 말`` / ``2024년 중반``
``second semestre 2025``    ``second half of 2025``    ``2025년 하반기``
``premier trimestre 2024``  ``first quarter of 2024``  ``2024년 1분기``
==========================  =========================  ====================

``November 9, 2023`` (US order) is read as well; English dates are written day first, as
British and international news style does. A leading ``le`` (``le 9 novembre``) is part of the
span, since English and Korean write no article there.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from polyglot_press.text._spans import Span

__all__ = ["date_spans", "translate_date"]

_FRENCH_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
_ENGLISH_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH_NUMBER = {
    **{name: i + 1 for i, name in enumerate(_FRENCH_MONTHS)},
    **{name.lower(): i + 1 for i, name in enumerate(_ENGLISH_MONTHS)},
    "fevrier": 2,
    "aout": 8,
    "decembre": 12,
}
_MONTH = "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True))
_YEAR = r"(?:19|20)\d{2}"
_DAY = r"(?:[1-9]|[12]\d|3[01])"

_FRENCH_PARTS = {
    "début": ("early", "초"),
    "debut": ("early", "초"),
    "fin": ("late", "말"),
    "mi-": ("mid-", "중반"),
    "courant": ("during", "중"),
}
_FRENCH_PERIODS = {
    "premier semestre": ("first half of", "상반기"),
    "1er semestre": ("first half of", "상반기"),
    "second semestre": ("second half of", "하반기"),
    "deuxième semestre": ("second half of", "하반기"),
    "2e semestre": ("second half of", "하반기"),
    "premier trimestre": ("first quarter of", "1분기"),
    "1er trimestre": ("first quarter of", "1분기"),
    "deuxième trimestre": ("second quarter of", "2분기"),
    "2e trimestre": ("second quarter of", "2분기"),
    "troisième trimestre": ("third quarter of", "3분기"),
    "3e trimestre": ("third quarter of", "3분기"),
    "quatrième trimestre": ("fourth quarter of", "4분기"),
    "4e trimestre": ("fourth quarter of", "4분기"),
}
_ENGLISH_PARTS = {"early": "초", "late": "말", "mid-": "중반", "mid": "중반"}
_ENGLISH_PERIODS = {
    "first half of": "상반기",
    "second half of": "하반기",
    "first quarter of": "1분기",
    "second quarter of": "2분기",
    "third quarter of": "3분기",
    "fourth quarter of": "4분기",
}


def _dated(pattern: str) -> re.Pattern[str]:
    """``pattern`` (named groups for the words) as a whole-word date ending in a year."""
    return re.compile(rf"(?<![\w-]){pattern}(?P<year>{_YEAR})(?!\d)", re.IGNORECASE)


def _one_of(words: Iterable[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_FULL = _dated(rf"(?:(?P<article>[Ll]e\s+))?(?P<day>{_DAY})(?:er)?\s+(?P<month>{_MONTH})\s+")
_US = _dated(rf"(?P<month>{_MONTH})\s+(?P<day>{_DAY})(?:st|nd|rd|th)?,?\s+")
_MONTH_YEAR = _dated(rf"(?P<month>{_MONTH})\s+")
_FRENCH_PART = _dated(r"(?P<part>début|debut|fin|courant|mi-)\s*")
_FRENCH_PERIOD = _dated(rf"(?:(?:au|le|du|ce)\s+)?(?P<period>{_one_of(_FRENCH_PERIODS)})\s+")
_ENGLISH_PART = _dated(r"(?:in\s+)?(?P<part>early|late|mid-|mid)\s*")
_ENGLISH_PERIOD = _dated(rf"(?:in\s+)?(?:the\s+)?(?P<period>{_one_of(_ENGLISH_PERIODS)})\s+")


def translate_date(match: re.Match[str], source_lang: str, target_lang: str) -> str | None:
    """The rule-written translation of one date found by :func:`date_spans`' patterns."""
    groups = match.groupdict()
    year = groups.get("year")
    if year is None:
        return None
    if groups.get("part"):
        part = groups["part"].lower()
        if source_lang == "fr":
            english, korean = _FRENCH_PARTS[part]
        else:
            english, korean = part, _ENGLISH_PARTS[part]
        if target_lang == "ko":
            return f"{year}년 {korean}"
        joiner = "" if english.endswith("-") else " "
        return f"{english}{joiner}{year}"
    if groups.get("period"):
        period = groups["period"].lower()
        if source_lang == "fr":
            english, korean = _FRENCH_PERIODS[period]
        else:
            english, korean = period, _ENGLISH_PERIODS[period]
        return f"{year}년 {korean}" if target_lang == "ko" else f"{english} {year}"
    month = _MONTH_NUMBER[groups["month"].lower()]
    day = groups.get("day")
    if target_lang == "ko":
        return f"{year}년 {month}월" + (f" {int(day)}일" if day else "")
    name = _ENGLISH_MONTHS[month - 1]
    return f"{int(day)} {name} {year}" if day else f"{name} {year}"


def date_spans(text: str, source_lang: str, target_lang: str) -> list[Span]:
    """``date`` spans of ``text`` whose replacement is the date written in ``target_lang``.

    Only French or English sources and English or Korean targets; a pair outside those, or
    a date already in the target's form (English to English), gives no span.
    """
    if source_lang not in ("fr", "en") or target_lang not in ("en", "ko"):
        return []
    if source_lang == target_lang:
        return []
    patterns = [_FULL, _US, _MONTH_YEAR]
    patterns += (
        [_FRENCH_PERIOD, _FRENCH_PART]
        if source_lang == "fr"
        else [
            _ENGLISH_PERIOD,
            _ENGLISH_PART,
        ]
    )
    spans: list[Span] = []
    # Disjoint, in order: a match is checked against its neighbours by bisection (a scan of
    # every date taken so far was quadratic on 250,000 dates).
    begins: list[int] = []
    stops: list[int] = []
    for pattern in patterns:
        found: list[tuple[int, int]] = []
        for match in pattern.finditer(text):
            start, end = match.span()
            after = bisect.bisect_right(begins, start)
            if (after and stops[after - 1] > start) or (
                after < len(begins) and begins[after] < end
            ):
                continue
            replacement = translate_date(match, source_lang, target_lang)
            if replacement is None:
                continue
            found.append((start, end))
            spans.append(Span(start, end, replacement, "date"))
        merged = sorted([*zip(begins, stops, strict=True), *found])
        begins, stops = [b for b, _ in merged], [e for _, e in merged]
    return sorted(spans, key=lambda span: span.start)
