"""Measures given in other units (``250 kg`` as ``550 pounds``, ``1,98 m`` as ``6-foot-6``)
and decades written another way (``les années 80`` as ``the 1980s``): the same number, though
its digits differ."""

from __future__ import annotations

import functools
import re

__all__ = ["converted_measures", "restated"]

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
    r"(?<!\d)(\d+)[- ]?(?:foot|feet|ft|')[- ]?(\d+)(?:[- ]?(?:inch(?:es)?|in|\"))?"
)
#: How far a converted measure may be from the exact conversion: news rounds them ("300 km",
#: "200 miles").
_CONVERSION_TOLERANCE = 0.1
_DECADE_WORDS = re.compile(r"(?:années|annees|ans)\s+(\d0)\b", re.I)


def restated(wanted: str, source: str, output: str) -> bool:
    """``wanted``, a number of ``source``, is in ``output`` in other terms: a measure in the
    target's units, or a decade written the target's way."""
    try:
        value = float(wanted.replace(",", ".").replace("\u202f", "").replace(" ", ""))
    except ValueError:
        return False
    decades, measures = _source_facts(source)
    for decade in decades:
        if float(decade) == value:
            return bool(re.search(rf"(?<!\d)(?:19|20|')?{decade}(?:'?s\b|년대)", output))
    return any(
        _close(base, other, dimension)
        for number, dimension, base in measures
        if number == value
        for other in _measures_in(output, dimension)
    )


@functools.lru_cache(maxsize=16)
def _source_facts(source: str) -> tuple[tuple[str, ...], tuple[tuple[float, str, float], ...]]:
    """The decades and measures of ``source``, read once for all its missing numbers (read
    per number, a sentence of thousands of numbers took a scan of the sentence for each)."""
    decades = tuple(match.group(1) for match in _DECADE_WORDS.finditer(source))
    return decades, tuple(_source_measures(source))


def converted_measures(source: str, output: str) -> list[tuple[int, int]]:
    """Where ``output`` gives a measure of ``source`` in other units (its number is not one
    the model made up)."""
    wanted = [(dimension, base) for _, dimension, base in _source_facts(source)[1]]
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


def _source_measures(text: str) -> list[tuple[float, str, float]]:
    """Each number of a measure in ``text``, its dimension and its size in the base unit."""
    found = []
    for match in _MEASURE.finditer(text):
        dimension, size = _UNITS[match.group(2).lower()]
        for number in re.findall(r"\d+(?:[.,]\d+)?", match.group()):
            value = float(number.replace(",", "."))
            found.append((value, dimension, value * size))
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
