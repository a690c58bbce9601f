"""What a sentence carries that a translation must keep: numbers, contacts and markup.

The evaluator has its own extractors rather than the engine's span finders, so that it
measures the engine instead of agreeing with it by construction.

Numbers are compared by value: French ``300 000``, ``300.000`` and English ``300,000`` are
the same number, ``80 %`` and ``80%`` the same percentage, ``1,5 milliard`` and ``1.5
billion`` the same amount, and Korean renderings with 만/억/조 (``30만``, ``2억``, ``1조
2,000억``) count as the number they spell. Digits glued to Latin letters (``A110``, ``CO2``,
``1er``, ``V6``) are names or ordinals, not numbers; in Korean, digits may be followed by
letters (``520km``) or Hangul counters (``30만 대``, ``3월``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_SPACES = " \u00a0\u202f"
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'«»]+", re.IGNORECASE)
_PHONE = re.compile(
    rf"\+\d{{1,3}}(?:[{_SPACES}.\-]?(?:\(0\)[{_SPACES}]?)?\d{{1,4}}){{2,}}(?!\d)"
    # French numbers: ten digits from 0, in pairs (01 44 62 18 90) or not (0 800 12 34 56).
    rf"|(?<![\d,.])0(?:[{_SPACES}.\-]?\d){{9}}(?!\d)"
    r"|(?<![\d,.])0\d{1,2}-\d{3,4}-\d{4}(?!\d)"
)
_MARKUP = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>|\*\*|__")

_FRENCH_NUMBER = re.compile(
    rf"""
    (?<![\w.,\-])(?<!\d[{_SPACES}])
    (?>(?P<integer>\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?!\d) | \d{{1,3}}(?:\.\d{{3}})+(?![\d.]) | \d+))
    (?>(?P<fraction>[,.]\d{{1,2}}(?!\d) | ,\d+)?)
    (?P<percent>[{_SPACES}]?%|[{_SPACES}]pour[{_SPACES}]cent\b)?
    (?P<scale>[{_SPACES}](?:millions?|milliards?)\b)?
    (?![^\W\d_])
    """,
    re.VERBOSE,
)
_ENGLISH_NUMBER = re.compile(
    rf"""
    (?<![\w.,\-])
    (?>(?P<integer>\d{{1,3}}(?:,\d{{3}})+(?!\d) | \d+))
    (?>(?P<fraction>\.\d+)?)
    (?P<percent>[{_SPACES}]?%|[{_SPACES}]per[{_SPACES}]?cent\b)?
    (?P<scale>[{_SPACES}](?:thousand|million|billion|trillion)\b)?
    (?![^\W\d_])
    """,
    re.VERBOSE,
)
_KOREAN_NUMBER = re.compile(
    rf"""
    (?<![^\W\d_](?<![가-힣]))(?<![\d.,])
    (?P<groups>(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:[{_SPACES}]?[조억만천])?
       (?:[{_SPACES}]?(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?[{_SPACES}]?[조억만천])*
       (?:[{_SPACES}]?(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?![\d.,]))?)
    (?P<percent>[{_SPACES}]?(?:%|퍼센트))?
    """,
    re.VERBOSE,
)
_CLOCK = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})(?![\d:])")
_KOREAN_GROUP = re.compile(r"((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s?([조억만천]?)")
_SCALES = {
    "million": 6,
    "millions": 6,
    "milliard": 9,
    "milliards": 9,
    "thousand": 3,
    "billion": 9,
    "trillion": 12,
    "조": 12,
    "억": 8,
    "만": 4,
    "천": 3,
}


@dataclass(frozen=True, slots=True, order=True)
class Quantity:
    """A number by value: ``Quantity(Decimal("300000"), False)``; ``percent`` for ``80 %``."""

    value: Decimal
    percent: bool = False

    def __str__(self) -> str:
        # Years and other small integers read better without grouping (2025, not 2,025).
        text = f"{self.value:f}" if abs(self.value) < 10_000 else f"{self.value:,f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return f"{text}%" if self.percent else text


def contacts(text: str) -> list[str]:
    """E-mail addresses, URLs and phone numbers in ``text``, in order, as written."""
    found: list[tuple[int, int]] = []
    for pattern in (_EMAIL, _URL, _PHONE):
        for match in pattern.finditer(text):
            start, end = match.start(), match.start() + len(_strip_tail(match.group()))
            if not any(start < b and end > a for a, b in found):
                found.append((start, end))
    return [text[start:end] for start, end in sorted(found)]


def markup(text: str) -> list[str]:
    """Inline markup tokens (``<b>``, ``</a>``, ``**``, ``__``) in ``text``, in order."""
    return [match.group() for match in _MARKUP.finditer(text)]


def number_mentions(text: str, lang: str) -> list[tuple[str, Quantity]]:
    """Numbers written in ``text`` (in ``lang``) as (surface form, value), in order.

    Contacts and markup are skipped, so phone digits and URLs never count as numbers.
    """
    clean = _without_contacts(_MARKUP.sub(" ", text))
    # 14:30 is the numbers 14 and 30, as in "14 h 30" or "14시 30분"; 10:00 is just 10.
    clean = _CLOCK.sub(lambda m: m[1] if m[2] == "00" else f"{m[1]} {m[2]}", clean)
    if lang == "ko":
        return [
            (m.group().strip(), q)
            for m in _KOREAN_NUMBER.finditer(clean)
            if (q := _korean_quantity(m)) is not None
        ]
    pattern = _FRENCH_NUMBER if lang in ("fr", "de", "es", "it") else _ENGLISH_NUMBER
    mentions = []
    for match in pattern.finditer(clean):
        quantity = _latin_quantity(match, comma_decimal=pattern is _FRENCH_NUMBER)
        if quantity is not None:
            mentions.append((match.group().strip(), quantity))
    return mentions


def quantities(text: str, lang: str) -> Counter[Quantity]:
    """The multiset of number values in ``text``."""
    return Counter(quantity for _, quantity in number_mentions(text, lang))


def quantity_of(surface: str, lang: str) -> Quantity | None:
    """The value of one written number (``"1,5 milliard"``), or ``None`` if it is none."""
    mentions = number_mentions(surface, lang)
    return mentions[0][1] if len(mentions) == 1 else None


def _latin_quantity(match: re.Match[str], *, comma_decimal: bool) -> Quantity | None:
    integer = re.sub(r"[^0-9]", "", match.group("integer"))
    fraction = (match.group("fraction") or "")[1:]
    try:
        value = Decimal(f"{integer}.{fraction}" if fraction else integer)
    except InvalidOperation:
        return None
    scale = match.group("scale")
    if scale:
        value = value.scaleb(_SCALES[scale.strip().lower()])
    return Quantity(value.normalize(), bool(match.group("percent")))


def _korean_quantity(match: re.Match[str]) -> Quantity | None:
    total = Decimal(0)
    groups = _KOREAN_GROUP.findall(match.group("groups"))
    if not groups:
        return None
    for digits, unit in groups:
        value = Decimal(digits.replace(",", ""))
        total += value.scaleb(_SCALES[unit]) if unit else value
    return Quantity(total.normalize(), bool(match.group("percent")))


def _without_contacts(text: str) -> str:
    for contact in contacts(text):
        text = text.replace(contact, " ")
    return text


def _strip_tail(found: str) -> str:
    """Drop sentence punctuation after a URL or address."""
    while found and found[-1] in ".,;:!?)]»":
        if found[-1] == ")" and found.count("(") >= found.count(")"):
            break
        found = found[:-1]
    return found
