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
    source: str = "",
) -> list[Flag]:
    """Flags for the spans the engine could not place (see ``SentenceTranslation.missing``).

    ``kinds`` gives each span's kind where known (``number``, ``email``, ``url``, ``phone``,
    ``term``, ``keep``, ``date``); otherwise it is read from the text itself. A span the
    ``output`` holds in a form the engine does not enforce is not flagged: a glossary term in
    one of its ``accepted`` forms (``US`` for *United States*), a number spelled out
    (``three``) or abbreviated (``£2.8bn``); with the ``source`` sentence, a measure converted
    to the target's units (``250 kg`` as ``550 pounds``) or a decade (``les années 80`` as
    ``the 1980s``).
    """
    groups: dict[str, list[str]] = {}
    for index, wanted in enumerate(missing):
        kind = kinds[index] if index < len(kinds) else _kind_of(wanted)
        if output and _present_otherwise(wanted, kind, output, accepted or {}):
            continue
        if output and kind == "number" and source and _restated(wanted, source, output):
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
    "decade": 10,
    "decades": 10,
    "century": 100,
    "teen": 10,
    "teens": 10,
    "teenage": 10,
    "teenager": 10,
    "teenagers": 10,
    "a hundred": 100,
    "a thousand": 1000,
}
_NUMBER_WORD = re.compile(
    r"\b(" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b", re.I
)
_COMPOUND_NUMBER_WORD = re.compile(
    r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ]"
    r"(one|two|three|four|five|six|seven|eight|nine)\b",
    re.I,
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
    "siècle": 100,
    "century": 100,
}
_FRENCH_NUMBER_WORDS = {fold_key(k): v for k, v in _FRENCH_NUMBER_WORDS.items()}
# Korean scales take a counter straight after them ("2000만명"); Latin ones end a word.
_ANY_NUMBER = re.compile(
    r"(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|(?<![\w.,])\d+(?:[.,]\d+)*"
    r"(?:\s?(?:%|bn|m|k|million|billion|milliards?|millions?)(?![^\W\d_])|만|억|조|천)?"
)
# "10:30", "19h30", "10.30pm": a full stop makes a time only before am/pm ("1.05 million").
_TIME_OF_DAY = re.compile(
    r"(?:오전|오후)\s?\d{1,2}(?:[.:]\d{2})?|\d{1,2}\s?(?:[:h]\s?\d{2}\s?(?:a\.?m\.?|p\.?m\.?)?|\.\d{2}\s?(?:a\.?m\.?|p\.?m\.?)"
    r"|h\b|a\.m\.|p\.m\.|am\b|pm\b|시(?:\s?\d{1,2}\s?분)?)",
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
        if any(find_form(output, form, "term", []) is not None for form in forms):
            return True
        # A place's adjective stands for it: "Chine" as "Chinese", "Europe" as "European".
        stem = wanted[:-1]
        return (
            wanted[:1].isupper()
            and wanted.isalpha()
            and len(stem) >= 4
            and re.search(rf"\b{re.escape(stem)}[a-z]{{1,4}}\b", output) is not None
        )
    if kind == "date":
        return any(contains(fold(output), fold(form)) for form in _date_forms(wanted))
    if kind == "number":
        spelled = _COMPOUND_NUMBER_WORD.sub(
            lambda m: str(_NUMBER_WORDS[m.group(1).lower()] + _NUMBER_WORDS[m.group(2).lower()]),
            output,
        )  # "Thirty-two percent"
        spelled = _NUMBER_WORD.sub(lambda m: str(_NUMBER_WORDS[m.group().lower()]), spelled)
        spelled = _ABBREVIATED_SCALE.sub(lambda m: m.group(1) + _SCALE_WORDS[m.group(2)], spelled)
        if find_form(spelled, wanted, "number", []) is not None:
            return True
        # A code whose letters the target language writes its own way: "PE19" as "SS19".
        code = re.fullmatch(r"([A-Z]{1,3})(\d+)", wanted)
        return code is not None and (
            re.search(rf"\b[A-Z]{{{len(code.group(1))}}}{code.group(2)}\b", output) is not None
        )
    return False


#: Units a measure is given in, by dimension, with their size in the dimension's base unit.
_UNITS: dict[str, tuple[str, float]] = {
    **dict.fromkeys(
        (
            "km",
            "kilomètre",
            "kilomètres",
            "kilometre",
            "kilometres",
            "kilometer",
            "kilometers",
            "킬로미터",
        ),
        ("length", 1000.0),
    ),
    **dict.fromkeys(
        ("m", "mètre", "mètres", "metre", "metres", "meter", "meters", "미터"), ("length", 1.0)
    ),
    **dict.fromkeys(
        (
            "cm",
            "centimètre",
            "centimètres",
            "centimetre",
            "centimetres",
            "centimeter",
            "centimeters",
            "센티미터",
        ),
        ("length", 0.01),
    ),
    **dict.fromkeys(
        (
            "mm",
            "millimètre",
            "millimètres",
            "millimetre",
            "millimetres",
            "millimeter",
            "millimeters",
            "밀리미터",
        ),
        ("length", 0.001),
    ),
    **dict.fromkeys(("mile", "miles", "mi", "마일"), ("length", 1609.344)),
    **dict.fromkeys(("foot", "feet", "ft", "피트"), ("length", 0.3048)),
    **dict.fromkeys(("inch", "inches", "in", "인치"), ("length", 0.0254)),
    **dict.fromkeys(("yard", "yards", "야드"), ("length", 0.9144)),
    **dict.fromkeys(("km/h", "kmh", "kilomètres/heure", "kilomètres-heure"), ("speed", 1.0)),
    **dict.fromkeys(("mph", "miles per hour", "miles an hour", "마일로"), ("speed", 1.609344)),
    **dict.fromkeys(
        ("kg", "kilo", "kilos", "kilogramme", "kilogrammes", "kilogram", "kilograms", "킬로그램"),
        ("mass", 1.0),
    ),
    **dict.fromkeys(("g", "gramme", "grammes", "gram", "grams", "그램"), ("mass", 0.001)),
    **dict.fromkeys(("t", "tonne", "tonnes", "ton", "tons", "톤"), ("mass", 1000.0)),
    **dict.fromkeys(("lb", "lbs", "pound", "pounds", "파운드"), ("mass", 0.45359237)),
    **dict.fromkeys(("l", "litre", "litres", "liter", "liters", "리터"), ("volume", 1.0)),
    **dict.fromkeys(("gallon", "gallons", "갤런"), ("volume", 3.785411784)),
    **dict.fromkeys(("ha", "hectare", "hectares", "헥타르"), ("area", 10000.0)),
    **dict.fromkeys(("acre", "acres", "에이커"), ("area", 4046.8564224)),
    **dict.fromkeys(("km2", "km²"), ("area", 1e6)),
    **dict.fromkeys(("square miles", "square mile"), ("area", 2589988.11)),
    **dict.fromkeys(
        ("°c", "degré", "degrés", "degrés celsius", "celsius", "섭씨"), ("celsius", 1.0)
    ),
    **dict.fromkeys(
        ("°f", "degrees", "degree", "fahrenheit", "degrees fahrenheit", "화씨"), ("fahrenheit", 1.0)
    ),
}
_UNIT = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_MEASURE = re.compile(
    r"(?<![\w.,])(\d+(?:[.,]\d+)?)(?:\s?(?:à|to|-|–|and|et|ou|or)\s?\d+(?:[.,]\d+)?)?"
    r"[\s\u00a0\u202f-]?(" + _UNIT + r")(?![^\W\d_])",
    re.I,
)
_FEET_AND_INCHES = re.compile(
    r"(\d+)[- ]?(?:foot|feet|ft|')[- ]?(\d+)(?:[- ]?(?:inch(?:es)?|in|\"))?"
)
#: How far a converted measure may be from the exact conversion: news rounds them ("300 km",
#: "200 miles").
_CONVERSION_TOLERANCE = 0.1
_DECADE_WORDS = re.compile(r"(?:années|annees|ans)\s+(\d0)\b", re.I)


def _restated(wanted: str, source: str, output: str) -> bool:
    """``wanted``, a number of ``source``, is in ``output`` in other terms: a measure in the
    target's units, or a decade written the target's way."""
    try:
        value = float(wanted.replace(",", ".").replace("\u202f", "").replace(" ", ""))
    except ValueError:
        return False
    for match in _DECADE_WORDS.finditer(source):
        if float(match.group(1)) == value:
            decade = match.group(1)
            return bool(re.search(rf"(?<!\d)(?:19|20|')?{decade}(?:'?s\b|년대)", output))
    for dimension, base in _measures_of(source, value):
        if any(_close(base, other, dimension) for other in _measures_in(output, dimension)):
            return True
    return False


def _converted_measures(source: str, output: str) -> list[tuple[int, int]]:
    """Where ``output`` gives a measure of ``source`` in other units (its number is not one
    the model made up)."""
    wanted: list[tuple[str, float]] = []
    for match in _MEASURE.finditer(source):
        dimension, size = _UNITS[match.group(2).lower()]
        for number in re.findall(r"\d+(?:[.,]\d+)?", match.group()):
            wanted.append((dimension, float(number.replace(",", ".")) * size))
    if not wanted:
        return []
    places = []
    matches = [(m.start(), m.end(), m.group()) for m in _MEASURE.finditer(output)]
    matches += [(m.start(), m.end(), m.group()) for m in _FEET_AND_INCHES.finditer(output)]
    for start, end, text in matches:
        if any(
            _close(base, amount, dimension)
            for dimension, base in wanted
            for amount in _measures_in(text, dimension)
        ):
            places.append((start, end))
    return places


def _measures_of(text: str, value: float) -> list[tuple[str, float]]:
    found = []
    for match in _MEASURE.finditer(text):
        numbers = re.findall(r"\d+(?:[.,]\d+)?", match.group())
        if any(float(n.replace(",", ".")) == value for n in numbers):
            dimension, size = _UNITS[match.group(2).lower()]
            found.append((dimension, value * size))
    return found


def _measures_in(text: str, dimension: str) -> list[float]:
    found = []
    for match in _FEET_AND_INCHES.finditer(text):  # "6-foot-6": one length, not two
        found.append(("length", (int(match.group(1)) * 12 + int(match.group(2))) * 0.0254))
    text = _FEET_AND_INCHES.sub(lambda m: " " * len(m.group()), text)
    for match in _MEASURE.finditer(text):
        unit_dimension, size = _UNITS[match.group(2).lower()]
        for number in re.findall(r"\d+(?:[.,]\d+)?", match.group()):
            found.append((unit_dimension, float(number.replace(",", ".")) * size))
    converted = []
    for unit_dimension, amount in found:
        if unit_dimension == dimension:
            converted.append(amount)
        elif {unit_dimension, dimension} == {"celsius", "fahrenheit"}:
            converted.append(
                (amount - 32) * 5 / 9 if unit_dimension == "fahrenheit" else amount * 9 / 5 + 32
            )
    return converted


def _close(expected: float, other: float, dimension: str) -> bool:
    if dimension in ("celsius", "fahrenheit"):
        return abs(expected - other) <= 2
    return expected > 0 and abs(other - expected) / expected <= _CONVERSION_TOLERANCE


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
    # "2.7 per cent" for "2,7 %": a value counts whether or not it is written as a percentage.
    known_values = {value for value, _ in known}
    blanked = _TIME_OF_DAY.sub(lambda m: " " * len(m.group()), output)
    for start, end in _converted_measures(source, output):  # "250 kg" as "550 pounds"
        blanked = blanked[:start] + " " * (end - start) + blanked[end:]
    for match in _ANY_NUMBER.finditer(blanked):
        text = match.group()
        values = {value for value, _ in number_values(text)}
        if not values or values & known_values or any(y.endswith(text) for y in years):
            continue
        if values == {Decimal(1)}:
            continue  # "one" is in every "a year", "a man": Korean writes "1년", "1명"
        if _DECADE.match(output, match.end()):
            continue  # "the 80s", "1980s"
        return Flag(
            "number_missing", f"the output has the number «{text}», which the source has not"
        )
    source_times = _times(source)
    if source_times:
        for match in _CLOCK.finditer(output):
            if _time_of(match) not in source_times:
                return Flag(
                    "number_missing",
                    f"the output has the time «{_shown_time(output, match)}», which the source"
                    " has not",
                )
    return None


# A time of day: "19h30", "10:15", "6.30pm", "3 p.m.", "15 h", "오후 3시 30분". Languages write
# them on 12 or 24 hours, so hours compare modulo 12.
_CLOCK = re.compile(
    r"(?<![\d.,:])(\d{1,2})\s?(?:[:h]\s?(\d{2})|\.(\d{2})(?=\s?[ap]\.?m\b)|(?=\s?(?:h\b|[ap]\.?m\b)))"
    r"|(?<![\d.,:])(\d{1,2})시(?:\s?(\d{1,2})분)?",
    re.I,
)


def _time_of(match: re.Match[str]) -> tuple[int, int]:
    hour = match.group(1) or match.group(4)
    minute = match.group(2) or match.group(3) or match.group(5) or "0"
    return int(hour) % 12, int(minute)


def _shown_time(text: str, match: re.Match[str]) -> str:
    suffix = re.match(r"\s?(?:[ap]\.?m\.?|h)", text[match.end() :], re.I)
    return (match.group() + (suffix.group() if suffix else "")).strip()


def _times(text: str) -> set[tuple[int, int]]:
    return {_time_of(match) for match in _CLOCK.finditer(text)}


_MONTHS = {
    name: number
    for names in (
        "january february march april may june july august september october november december",
        "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre",
        "jan feb mar apr may jun jul aug sep oct nov dec",
        "janv fevr mars avr mai juin juil aout sept oct nov dec",
    )
    for number, name in enumerate(names.split(), start=1)
}
_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
    " thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
)
_ORDINAL_WORDS = {name: number for number, name in enumerate(_ORDINALS.split(), start=1)}
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
        if folded in _ORDINAL_WORDS:
            values.add(_ORDINAL_WORDS[folded])
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
