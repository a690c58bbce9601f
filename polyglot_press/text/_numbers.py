"""Numbers in a sentence, kept as written or rewritten in English conventions.

Numbers in comma-decimal languages (French, German, ...) are rewritten when the target writes
a decimal point: ``300 000`` → ``300,000``, ``1,5`` → ``1.5``, ``12,5 %`` → ``12.5%``,
``2,1 millions`` → ``2.1 million``. Years, dates and model names (``MC20``) stay as they are;
French ordinals (``1er``, ``2e``) are words to translate, not numbers.
"""

from __future__ import annotations

import re

from polyglot_press.text._spans import Span

# Languages that write 1 234,5 or 1.234,5 rather than 1,234.5.
COMMA_DECIMAL_LANGUAGES = frozenset(
    {"fr", "de", "es", "it", "pt", "nl", "pl", "ru", "sv", "da", "nb", "fi", "cs", "tr", "ro"}
)
#: Targets written with comma thousands and a decimal point, as in English.
POINT_DECIMAL_LANGUAGES = frozenset({"en", "ko", "ja", "zh"})

#: Space, no-break space, narrow no-break space (French typography).
SPACES = " \u00a0\u202f"

# French ordinals (1er, 2e, 3ème) are words the translator should translate, not numbers to keep.
# So are English ordinals and decades (50th, 1980s), which Korean writes 50번째, 1980년대.
_ORDINAL = re.compile(r"(?<!\d)\d+(?:er|re|ère|e|è|ème|eme|nd|nde|st|rd|th|s)\b", re.IGNORECASE)
# Words holding digits (MC20, 4x4, 802.11n): one token, never split at a dot or a comma.
# Times of day (19h30, 10:15, 4h) are written each language's own way: not numbers to keep.
_TIME = re.compile(
    r"(?<![\w.,:])\d{1,2}(?:[:h]\d{2}|\s?h(?:\s?\d{2})?|[.:]\d{2}\s?[ap]\.?m\.?|\s?[ap]\.?m\.?)(?![\w:])",
    re.IGNORECASE,
)
_ALPHANUMERIC = re.compile(
    r"(?<![\w.,])(?=[\w.]*\d)(?=[\w.]*[^\W\d_])[^\W_](?:[\w]|[.,](?=\w))*(?<![.,])(?![\w])"
)
_NUMBER = re.compile(
    rf"""
    (?<![\w.,])
    (?P<integer>
        \d{{1,3}}(?:[{SPACES}]\d{{3}})+(?![\d])     # 300 000
      | \d{{1,3}}(?:\.\d{{3}})+(?![\d.])             # 300.000 (with a comma-decimal source)
      | \d+
    )
    (?P<fraction>[.,]\d+)?
    (?P<percent>[{SPACES}]?%)?
    (?P<scale>[{SPACES}](?:millions?|milliards?)\b)?
    (?![\w])(?![.,]\w)  # not the start of an identifier: 802.11n
    """,
    re.VERBOSE,
)
# Any other number is kept exactly as written, grouping and decimal separators included.
_EXACT_NUMBER = re.compile(
    rf"(?<![\w.,])(?:\d{{1,3}}(?:[{SPACES}]\d{{3}})+(?!\d)|\d+(?:[.,]\d+)*)(?:[{SPACES}]?%)?"
    r"(?:\s(?:million|billion|thousand)\b)?"  # "2.1 million": one value (Korean 210만)
    r"(?!\w)(?![.,]\w)"
)
_ENGLISH_SCALES = {
    "million": "million",
    "millions": "million",
    "milliard": "billion",
    "milliards": "billion",
}


def number_spans(text: str, source_lang: str, target_lang: str) -> list[Span]:
    """``number`` spans of ``text``: numbers, and words holding digits (``MC20``, ``4x4``).

    Ordinals are left out. The spans may overlap (a number inside a model name); merge them
    with :func:`~polyglot_press.text.merge_spans`.
    """
    convert = source_lang in COMMA_DECIMAL_LANGUAGES and target_lang in POINT_DECIMAL_LANGUAGES
    spans = [
        *_plain_number_spans(text, convert=convert, scale_words=target_lang == "en"),
        *(Span(m.start(), m.end(), m.group(), "number") for m in _ALPHANUMERIC.finditer(text)),
    ]
    ordinals = {match.start() for match in _ORDINAL.finditer(text)}
    times = [(match.start(), match.end()) for match in _TIME.finditer(text)]
    return [
        span
        for span in spans
        if span.start not in ordinals and not any(start <= span.start < end for start, end in times)
    ]


def english_number(source: str) -> str:
    """Rewrite a comma-decimal number (``300 000``, ``1,5``, ``12,5 %``) in English form.

    Digits without separators (``2023``, ``12500``) are returned as they are.
    """
    match = _NUMBER.fullmatch(source)
    if match is None:
        return source
    return _english_number(match)


def _english_number(match: re.Match[str], *, scale_words: bool = True) -> str:
    integer = match.group("integer")
    if not integer.isdigit():
        integer = f"{int(re.sub(r'[^0-9]', '', integer)):,}"
    fraction = match.group("fraction") or ""
    if fraction.startswith(","):
        fraction = "." + fraction[1:]
    percent = "%" if match.group("percent") else ""
    scale = match.group("scale") if scale_words else None
    scale_word = f" {_ENGLISH_SCALES[scale.strip().lower()]}" if scale else ""
    return f"{integer}{fraction}{percent}{scale_word}"


def _plain_number_spans(text: str, *, convert: bool, scale_words: bool) -> list[Span]:
    if not convert:
        return [
            Span(match.start(), match.end(), match.group(), "number")
            for match in _EXACT_NUMBER.finditer(text)
        ]
    spans = []
    for match in _NUMBER.finditer(text):
        # Only English gets "million"/"billion" from us; other targets translate the word.
        end = match.end() if scale_words or not match.group("scale") else match.start("scale")
        spans.append(
            Span(match.start(), end, _english_number(match, scale_words=scale_words), "number")
        )
    return spans
