"""Numbers written in words: English and French number words, ordinals, months, Roman
numerals (``trois``, ``fifty-eight``, ``eighth``, ``douzième``, ``XIXe``, ``June``)."""

from __future__ import annotations

import re

from polyglot_press.checks._words import WORD, fold_key

__all__ = ["COMPOUND_NUMBER_WORD", "NUMBER_WORD", "NUMBER_WORDS", "spelled_values"]

NUMBER_WORDS = {
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
    "duo": 2,
    "trio": 3,
    "quartet": 4,
    "teen": 10,
    "teens": 10,
    "teenage": 10,
    "teenager": 10,
    "teenagers": 10,
    "a hundred": 100,
    "a thousand": 1000,
}
NUMBER_WORD = re.compile(
    r"\b(" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b", re.I
)
COMPOUND_NUMBER_WORD = re.compile(
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
    "millier": 1000,
    "tiers": 3,
    "century": 100,
}
_FRENCH_NUMBER_WORDS = {fold_key(k): v for k, v in _FRENCH_NUMBER_WORDS.items()}
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


def spelled_values(text: str) -> set[float]:
    """Numbers a text writes in words: number words (``trois``, ``fifty-eight``), months
    (Korean writes ``6월`` for June) and Roman ordinals (``XIXe`` siècle)."""
    values: set[float] = set()
    for word in WORD.findall(text):
        folded = fold_key(word)
        for piece in folded.split("-"):
            value = NUMBER_WORDS.get(piece, _FRENCH_NUMBER_WORDS.get(piece))
            if value is None:
                value = _french_ordinal(piece)
            if value is not None:
                values.add(value)
        parts = folded.split("-")
        if len(parts) == 2 and all(p in NUMBER_WORDS for p in parts):
            values.add(NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]])
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


def _french_ordinal(word: str) -> float | None:
    """``deuxième`` 2, ``cinquième`` 5, ``neuvième`` 9, ``douzième`` 12."""
    if not word.endswith("ieme") or len(word) < 6:
        return None
    base = word[:-4]
    for candidate in (base, base + "e", base.removesuffix("u"), base[:-1] + "f"):
        value = _FRENCH_NUMBER_WORDS.get(candidate)
        if value is not None:
            return value
    return None
