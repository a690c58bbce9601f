"""Finding a required span in a translation, allowing for the ways a model may write it.

A model may write the number ``300,000`` as ``300 000`` or ``300.000`` (French or German
grouping), ``80%`` as ``80 %``, and a Korean model as ``30만``; all count as the number. URLs,
e-mails and phone numbers must come out exactly; glossary terms exactly or differing only in
letter case (a term that starts a sentence gets a capital).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from polyglot_press.text import SpanKind

_SEPARATORS = " \u00a0\u202f,.'’"
_NUMBER = re.compile(
    rf"""
    (?<![\d.,])
    (?P<integer>\d{{1,3}}(?:[{_SEPARATORS}]\d{{3}})+(?!\d)|\d+)
    (?P<fraction>[.,]\d+)?
    (?:\s?(?P<percent>%|percent\b|per\scent\b|퍼센트|프로))?
    (?:
        \s?(?P<scale>millions?|billions?|milliards?|thousand)(?![^\W\d_])
      | (?P<abbreviated>bn|mn|m|k)(?![^\W\d_])   # "£2.8bn", "£125m": attached, news style
      | \s?(?P<korean>만|억|조|천)                # counters may follow: "38만명"
    )?
    (?![\d])  # letters may follow: counters and units ("2023년", "520km")
    """,
    re.VERBOSE | re.IGNORECASE,
)
_SCALES = {
    "thousand": 10**3,
    "천": 10**3,
    "만": 10**4,
    "million": 10**6,
    "millions": 10**6,
    "억": 10**8,
    "billion": 10**9,
    "billions": 10**9,
    "milliard": 10**9,
    "milliards": 10**9,
    "조": 10**12,
    "bn": 10**9,
    "mn": 10**6,
    "m": 10**6,
    "k": 10**3,
}
# Digits grouped by spaces or dots, or a decimal comma: a number left in French (or German)
# typography, which reads otherwise in English.
_FRENCH_FORMAT = re.compile(
    r"\d[ \u00a0\u202f]\d{3}(?!\d)|\d,\d{1,2}(?!\d)|\d,\d{4,}|\d[ \u00a0\u202f]%"
    r"|^\d{1,3}\.\d{3}$"
)
_KOREAN_GROUP = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s?(조|억|만|천)")
# Two or more unit groups ("2억 1,700만"); a single group is an ordinary scaled number.
_KOREAN_COMPOUND = re.compile(
    r"(?<![\d.,])\d[\d,]*(?:\.\d+)?\s?(?:조|억|만|천)(?:\s?\d[\d,]*(?:\.\d+)?\s?(?:억|만|천))+"
)
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
# Ten-thousands and a remainder: "113만 6,000" is 1,136,000.
_MAN_AND_REST = re.compile(
    r"(?<![\d.,])(\d[\d,]*)\s?만\s?(\d{1,3}(?:,\d{3})|\d{1,4})(?![\d,.만억조천])"
)
# Korean writes large numbers in units of 10^4 (만) and 10^8 (억): "2억 1700만".
_KOREAN_UNITS = frozenset({"천", "만", "억", "조"})


@dataclass(frozen=True, slots=True)
class Found:
    """Where a required span is in a translation, and whether to rewrite it there.

    ``keep`` is true when the text found is an acceptable rendering to leave as it is
    (an exact match, or the right value in the model's own form: ``1000``, ``10 percent``,
    ``30만``); false for a number left in French typography, which is rewritten.
    """

    start: int
    end: int
    keep: bool


def find_form(
    output: str, wanted: str, kind: SpanKind, taken: list[tuple[int, int]]
) -> Found | None:
    """Where ``wanted`` (or an accepted rendering of it) is in ``output``, avoiding ``taken``."""
    exact = _find_free(output, wanted, taken, ignore_case=False)
    if exact is not None:
        return Found(exact, exact + len(wanted), keep=True)
    if kind in ("term", "keep", "date"):
        folded = _find_free(output, wanted, taken, ignore_case=True)
        return None if folded is None else Found(folded, folded + len(wanted), keep=True)
    if kind != "number":
        return None
    wanted_values = number_values(wanted, written_in_english=True)
    if not wanted_values:
        return None
    for match in _MAN_AND_REST.finditer(output):  # "113만 6,000"
        value = Decimal(match.group(1).replace(",", "")) * 10**4 + Decimal(
            match.group(2).replace(",", "")
        )
        if (
            not _overlaps(match.start(), match.end(), taken)
            and (
                value.normalize(),
                False,
            )
            in wanted_values
        ):
            return Found(match.start(), match.end(), keep=True)
    for match in _KOREAN_COMPOUND.finditer(output):
        value = _korean_compound_value(match)
        if not _overlaps(match.start(), match.end(), taken) and (value, False) in wanted_values:
            return Found(match.start(), match.end(), keep=True)
    for match in _NUMBER.finditer(output):
        if _overlaps(match.start(), match.end(), taken):
            continue
        if number_values(match.group()) & wanted_values:
            # The model's own rendering of the right value stays (10 percent, 1000, 30만,
            # £2.8bn): only a French-formatted number is rewritten (300 000, 1,5).
            keep = not _FRENCH_FORMAT.search(match.group())
            return Found(match.start(), match.end(), keep=keep)
    return None


def korean_number_runs(text: str) -> list[tuple[int, int, Decimal]]:
    """Korean numbers of several groups in ``text`` (``2억 1,700만``, ``37만 5,000``), with
    where each is and its value."""
    runs = []
    for match in _MAN_AND_REST.finditer(text):
        value = Decimal(match.group(1).replace(",", "")) * 10**4 + Decimal(
            match.group(2).replace(",", "")
        )
        runs.append((match.start(), match.end(), value.normalize()))
    for match in _KOREAN_COMPOUND.finditer(text):
        if not any(start <= match.start() < end for start, end, _ in runs):
            runs.append((match.start(), match.end(), _korean_compound_value(match)))
    return runs


def _scale_of(match: re.Match[str]) -> str:
    return match.group("scale") or match.group("abbreviated") or match.group("korean") or ""


def _korean_compound_value(match: re.Match[str]) -> Decimal:
    """The value of ``2억 1,700만``-style numbers: each group times its unit, summed."""
    total = Decimal(0)
    for amount, unit in _KOREAN_GROUP.findall(match.group()):
        total += Decimal(amount.replace(",", "")) * _SCALES[unit]
    return total.normalize()


def number_values(text: str, *, written_in_english: bool = False) -> set[tuple[Decimal, bool]]:
    """Every value ``text`` can mean as one number, with whether it is a percentage.

    ``300.000`` is both 300000 (grouping) and 300 (decimal point); callers intersect sets.
    With ``written_in_english`` (a span's replacement, which the engine writes in English
    conventions when it converts a number) a comma only groups thousands.
    """
    match = _NUMBER.fullmatch(text.strip())
    if match is None:
        return set()
    integer = match.group("integer")
    fraction = match.group("fraction") or ""
    percent = match.group("percent") is not None
    scale = _SCALES.get(_scale_of(match).lower(), 1)
    digits = re.sub(r"\D", "", integer)
    if fraction:
        readings = {f"{digits}.{fraction[1:]}"}
        if len(fraction) == 4 and len(integer) <= 3 and not written_in_english:
            readings.add(digits + fraction[1:])  # "45,990": a thousands group, not a fraction
    else:
        readings = {digits}
        if re.fullmatch(r"\d{1,3}[.,’']\d{3}", integer) and not (
            written_in_english and "," in integer
        ):
            readings.add(f"{integer[:-4]}.{integer[-3:]}")  # "300.000" may be 300.0
    values = set()
    for reading in readings:
        try:
            values.add(((Decimal(reading) * scale).normalize(), percent))
        except InvalidOperation:
            continue
    return values


def _find_free(
    output: str, wanted: str, taken: list[tuple[int, int]], *, ignore_case: bool
) -> int | None:
    if not wanted:
        return None
    haystack, needle = (output.casefold(), wanted.casefold()) if ignore_case else (output, wanted)
    if len(haystack) != len(output):
        haystack, needle = output, wanted
    start = haystack.find(needle)
    while start != -1 and (
        _overlaps(start, start + len(needle), taken) or not _on_boundaries(output, start, wanted)
    ):
        start = haystack.find(needle, start + 1)
    return None if start == -1 else start


def _on_boundaries(output: str, start: int, wanted: str) -> bool:
    """``wanted`` at ``start`` is not part of a longer word or number (``1`` in ``61``).

    Korean attaches particles to a word (``제조사는``) and counters to a number (``2023년``),
    so a Hangul ending, or a number's, may be followed by letters.
    """
    end = start + len(wanted)
    before = output[start - 1] if start > 0 else " "
    after = output[end] if end < len(output) else " "
    if wanted[0].isalnum() and before.isalnum() and not (wanted[0].isdigit() and before.isalpha()):
        return False
    if wanted[-1].isdigit() and (
        after.isdigit() or (after in ".," and output[end + 1 : end + 2].isdigit())
    ):
        return False
    attached = (
        _HANGUL.match(wanted[-1])
        or _HANGUL.match(after)  # a particle: "SUV는", "K4의"
        or (wanted[-1].isdigit() and not after.isdigit())
    )
    return not (wanted[-1].isalnum() and after.isalnum() and not attached)


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < stop and end > begin for begin, stop in taken)
