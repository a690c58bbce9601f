"""Writing systems: which languages a script rules in or out."""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Writing systems used (among FLORES-200 languages) by one main language.
SCRIPT_LANGUAGE = {
    "HANGUL": "ko",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "CJK": "zh",
    "THAI": "th",
    "GREEK": "el",
    "HEBREW": "he",
    "GEORGIAN": "ka",
    "ARMENIAN": "hy",
    "ETHIOPIC": "am",
    "KHMER": "km",
    "LAO": "lo",
    "MYANMAR": "my",
    "SINHALA": "si",
    "TAMIL": "ta",
    "TELUGU": "te",
    "KANNADA": "kn",
    "MALAYALAM": "ml",
    "GUJARATI": "gu",
    "GURMUKHI": "pa",
    "ORIYA": "or",
    "TIBETAN": "bo",
    "BENGALI": "bn",
}
#: Writing systems shared by several languages langdetect knows: its profiles for that script.
SCRIPT_PROFILES = {
    "CYRILLIC": ("ru", "uk", "bg", "mk"),
    "ARABIC": ("ar", "fa", "ur"),
    "DEVANAGARI": ("hi", "mr", "ne"),
}
LATIN_PROFILES = tuple(
    sorted(
        _words("af ca cs cy da de en es et fi fr hr hu id it lt lv nl no pl pt ro sk sl so sq")
        | _words("sv sw tl tr vi")
    )
)


@functools.lru_cache(maxsize=4096)
def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    if name.startswith("CJK"):
        return "CJK"
    return name.split(" ", 1)[0]


def script_counts(text: str) -> Counter[str]:
    return Counter(_script(char) for char in text if char.isalpha())
