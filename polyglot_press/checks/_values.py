"""Numbers, contacts, terms and dates: what the engine could not place, and numbers the
output has that its source has not."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal

from polyglot_press.checks._flags import Flag
from polyglot_press.checks._names import contains
from polyglot_press.checks._words import WORD, fold, fold_key

__all__ = ["missing_values", "number_added"]

_URL_OR_MAIL = re.compile(r"@|^(?:https?://|www\.)|\.[a-z]{2,}/", re.IGNORECASE)
_PHONE = re.compile(r"^\+?[\d\s().\-/]{7,}$")
_DIGIT = re.compile(r"\d")
_DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|early|late|mid|first half|second half)\b|\d+년|\d+월|상반기|하반기|초|말",
    re.IGNORECASE,
)


def missing_values(
    missing: Sequence[str],
    kinds: Sequence[str] = (),
    output: str = "",
    accepted: Mapping[str, Sequence[str]] | None = None,
) -> list[Flag]:
    """Flags for the spans the engine could not place (see ``SentenceTranslation.missing``).

    ``kinds`` gives each span's kind where known (``number``, ``email``, ``url``, ``phone``,
    ``term``, ``keep``, ``date``); otherwise it is read from the text itself. A span the
    ``output`` holds in a form the engine does not enforce is not flagged: a glossary term in
    one of its ``accepted`` forms (``US`` for *United States*), a number spelled out
    (``three``) or abbreviated (``£2.8bn``).
    """
    groups: dict[str, list[str]] = {}
    for index, wanted in enumerate(missing):
        kind = kinds[index] if index < len(kinds) else _kind_of(wanted)
        if output and _present_otherwise(wanted, kind, output, accepted or {}):
            continue
        code = {
            "number": "number_missing",
            "email": "contact_missing",
            "url": "contact_missing",
            "phone": "contact_missing",
            "date": "date_mismatch",
            "keep": "name_missing",
        }.get(kind, "term_missing")
        groups.setdefault(code, []).append(wanted)
    flags = []
    for code, values in groups.items():
        listed = ", ".join(f"«{value}»" for value in values[:3])
        what = {
            "number_missing": "the number",
            "contact_missing": "the contact",
            "date_mismatch": "the date",
            "name_missing": "the name",
            "term_missing": "the glossary term",
        }[code]
        plural = "s" if len(values) > 1 else ""
        flags.append(
            Flag(code, f"{what}{plural} {listed} {'are' if plural else 'is'} not in the output")  # type: ignore[arg-type]
        )
    return flags


_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "a hundred": 100,
    "a thousand": 1000,
}
_NUMBER_WORD = re.compile(
    r"\b(" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b", re.I
)
_FRENCH_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        [
            "zéro",
            "un",
            "deux",
            "trois",
            "quatre",
            "cinq",
            "six",
            "sept",
            "huit",
            "neuf",
            "dix",
            "onze",
            "douze",
            "treize",
            "quatorze",
            "quinze",
            "seize",
            "dix-sept",
            "dix-huit",
            "dix-neuf",
            "vingt",
        ]
    )
} | {
    "une": 1,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "cent": 100,
    "mille": 1000,
    "douzaine": 12,
    "zero": 0,
    "premier": 1,
    "première": 1,
    "second": 2,
    "seconde": 2,
    "moitié": 0.5,
    "half": 0.5,
    "double": 2,
    "décennie": 10,
    "decade": 10,
}
_FRENCH_NUMBER_WORDS = {fold_key(k): v for k, v in _FRENCH_NUMBER_WORDS.items()}
_ANY_NUMBER = re.compile(
    r"(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|(?<![\w.,])\d+(?:[.,]\d+)*"
    r"(?:\s?(?:%|bn|m|k|million|billion|milliards?|millions?|만|억|조|천)(?![^\W\d_]))?"
)
_TIME_OF_DAY = re.compile(
    r"\d{1,2}\s?(?:[:h.]\s?\d{2}\s?(?:a\.?m\.?|p\.?m\.?)?|h\b|a\.m\.|p\.m\.|am\b|pm\b"
    r"|시(?:\s?\d{1,2}\s?분)?)",
    re.I,
)
_DECADE = re.compile(r"'?s\b|년대")
_ABBREVIATED_SCALE = re.compile(r"(\d)\s?(bn|m|k)\b")
_SCALE_WORDS = {"bn": " billion", "m": " million", "k": " thousand"}


def _present_otherwise(
    wanted: str, kind: str, output: str, accepted: Mapping[str, Sequence[str]]
) -> bool:
    from polyglot_press.translate import find_form

    if kind in ("term", "keep"):
        forms = accepted.get(wanted, ())
        return any(find_form(output, form, "term", []) is not None for form in forms)
    if kind == "date":
        return any(contains(fold(output), fold(form)) for form in _date_forms(wanted))
    if kind == "number":
        spelled = _NUMBER_WORD.sub(lambda m: str(_NUMBER_WORDS[m.group().lower()]), output)
        spelled = _ABBREVIATED_SCALE.sub(lambda m: m.group(1) + _SCALE_WORDS[m.group(2)], spelled)
        return find_form(spelled, wanted, "number", []) is not None
    return False


_ENGLISH_DATE = re.compile(r"(?:(\d{1,2}) )?([A-Z][a-z]+) (\d{4})")


def _date_forms(wanted: str) -> list[str]:
    """Other ways English writes the date ``9 November 2023``: ``November 9, 2023``,
    ``Nov. 9, 2023``, ``9th November 2023``."""
    match = _ENGLISH_DATE.fullmatch(wanted)
    if match is None:
        return []
    day, month, year = match.groups()
    months = [month, month[:3] + ".", month[:3]] + (["Sept."] if month == "September" else [])
    if day is None:
        return [f"{name} {year}" for name in months]
    suffix = {"1": "st", "2": "nd", "3": "rd"}.get(
        day[-1] if day[:1] != "1" or len(day) == 1 else "", "th"
    )
    forms = []
    for name in months:
        forms += [f"{name} {day}, {year}", f"{name} {day} {year}", f"{day}{suffix} {name} {year}"]
        forms += [f"{name} {day}{suffix}, {year}", f"{day} {name}, {year}"]
    return forms


def number_added(
    source: str, output: str, source_lang: str, target_lang: str = "en"
) -> Flag | None:
    """The output holds a number its source has in no form (``1,5`` written ``2.5``): a
    figure the model changed. Times of day, which languages write differently, are left
    out, and numbers the source spells out (``trois``, ``three``) count."""
    from polyglot_press.text import date_spans
    from polyglot_press.translate import number_values

    known: set[tuple[Decimal, bool]] = set()
    for match in _ANY_NUMBER.finditer(_TIME_OF_DAY.sub(" ", source)):
        known |= number_values(match.group())
        known |= number_values(re.sub(r"[\s\u00a0\u202f]", "", match.group()))
    for date in date_spans(source, source_lang, target_lang):
        for match in _ANY_NUMBER.finditer(date.replacement):  # "1분기" for "first quarter"
            known |= number_values(match.group())
    for value in _spelled_values(source):
        known |= {(Decimal(value), False), (Decimal(value), True)}
    years = {str(int(value)) for value, _ in known if value == value.to_integral()}
    for match in _ANY_NUMBER.finditer(_TIME_OF_DAY.sub(" ", output)):
        text = match.group()
        values = number_values(text)
        if not values or values & known or any(y.endswith(text) for y in years):
            continue
        if _DECADE.match(output, match.end()):
            continue  # "the 80s", "1980s"
        return Flag(
            "number_missing", f"the output has the number «{text}», which the source has not"
        )
    return None


_MONTHS = {
    name: number
    for names in (
        "january february march april may june july august september october november december",
        "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre",
    )
    for number, name in enumerate(names.split(), start=1)
}
_ROMAN = re.compile(r"^[ivxlc]+(?:e|eme|er)?$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def _spelled_values(text: str) -> set[float]:
    """Numbers a text writes in words: number words (``trois``, ``fifty-eight``), months
    (Korean writes ``6월`` for June) and Roman ordinals (``XIXe`` siècle)."""
    values: set[float] = set()
    for word in WORD.findall(text):
        folded = fold_key(word)
        for piece in folded.split("-"):
            value = _NUMBER_WORDS.get(piece, _FRENCH_NUMBER_WORDS.get(piece))
            if value is not None:
                values.add(value)
        parts = folded.split("-")
        if len(parts) == 2 and all(p in _NUMBER_WORDS for p in parts):
            values.add(_NUMBER_WORDS[parts[0]] + _NUMBER_WORDS[parts[1]])
        if folded in _MONTHS:
            values.add(_MONTHS[folded])
        if word[:1].isupper() and _ROMAN.match(folded) and len(folded) > 1:
            roman = re.sub(r"(?:e|eme|er)$", "", folded)
            total = 0
            for index, letter in enumerate(roman):
                value = _ROMAN_VALUES[letter]
                following = _ROMAN_VALUES[roman[index + 1]] if index + 1 < len(roman) else 0
                total += -value if value < following else value
            values.add(total)
    return values


def _kind_of(wanted: str) -> str:
    if _URL_OR_MAIL.search(wanted):
        return "url"
    if _PHONE.match(wanted) and len(_DIGIT.findall(wanted)) >= 7:
        return "phone"
    if _DATE.search(wanted) and _DIGIT.search(wanted):
        return "date"
    if _DIGIT.search(wanted) and not WORD.search(wanted.replace("million", "")):
        return "number"
    return "term"
