"""Find the parts of a sentence that translation must not touch: links, addresses, numbers.

:func:`verbatim_spans` returns :class:`~polyglot_press.spans.Span` objects for URLs, e-mail
addresses, phone numbers, inline markup (Markdown, or HTML tags) and numbers. Most keep their
source text; numbers in comma-decimal languages (French, German, ...) are rewritten in English
conventions when the target is English: ``300 000`` → ``300,000``, ``1,5`` → ``1.5``,
``12,5 %`` → ``12.5%``, ``2,1 millions`` → ``2.1 million``. Years, dates and model names
(``MC20``) stay as they are.
"""

from __future__ import annotations

import re

from polyglot_press.documents import DocumentFormat, inline_html_markup
from polyglot_press.spans import Span, SpanKind, merge_spans

# Languages that write 1 234,5 or 1.234,5 rather than 1,234.5.
COMMA_DECIMAL_LANGUAGES = frozenset(
    {"fr", "de", "es", "it", "pt", "nl", "pl", "ru", "sv", "da", "nb", "fi", "cs", "tr", "ro"}
)
#: Targets written with comma thousands and a decimal point, as in English.
POINT_DECIMAL_LANGUAGES = frozenset({"en", "ko", "ja", "zh"})

_SPACES = " \u00a0\u202f"  # space, no-break space, narrow no-break space (French typography)

_AUTOLINK = re.compile(r"<(?:https?|ftp)://[^\s<>]+>|<mailto:[^\s<>]+>")
_URL = re.compile(r"\b(?:https?://|ftp://|www\.)[^\s<>\"'«»]+", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_MARKDOWN_LINK = re.compile(r"(\[)[^\[\]\n]+(\]\([^()\s]+(?:\s\"[^\"\n]*\")?\))")
_EMPHASIS = re.compile(r"\*\*|__")
_INTERNATIONAL_PHONE = re.compile(
    rf"\+\d{{1,3}}(?:[{_SPACES}.\-]?(?:\(0\)[{_SPACES}]?)?\d{{1,4}}){{2,}}(?!\d)"
)
_NATIONAL_PHONE = re.compile(rf"(?<![\d,.])0\d(?:[{_SPACES}.\-]\d{{2}}){{4}}(?!\d)")
# French ordinals (1er, 2e, 3ème) are words the translator should translate, not numbers to keep.
_ORDINAL = re.compile(r"\d+(?:er|re|ère|e|ème|eme|nd|nde)\b", re.IGNORECASE)
_ALPHANUMERIC = re.compile(r"\b(?=[^\W_]*\d)(?=[^\W_]*[^\W\d_])[^\W_]+\b")
_NUMBER = re.compile(
    rf"""
    (?<![\w.,])
    (?P<integer>
        \d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?![\d])     # 300 000
      | \d{{1,3}}(?:\.\d{{3}})+(?![\d.])             # 300.000 (with a comma-decimal source)
      | \d+
    )
    (?P<fraction>[.,]\d+)?
    (?P<percent>[{_SPACES}]?%)?
    (?P<scale>[{_SPACES}](?:millions?|milliards?)\b)?
    (?![\w])
    """,
    re.VERBOSE,
)
# Any other number is kept exactly as written, grouping and decimal separators included.
_EXACT_NUMBER = re.compile(
    rf"(?<![\w.,])(?:\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?!\d)|\d+(?:[.,]\d+)*)(?:[{_SPACES}]?%)?(?!\w)"
)
_ENGLISH_SCALES = {
    "million": "million",
    "millions": "million",
    "milliard": "billion",
    "milliards": "billion",
}


def verbatim_spans(
    text: str, source_lang: str, target_lang: str, *, markup: DocumentFormat = "md"
) -> list[Span]:
    """Spans of ``text`` that the translation must carry over verbatim (or reformatted).

    ``markup`` is the format of the document ``text`` comes from: with ``"html"`` every inline
    tag (``<strong>``, ``<a href="…">``, ``</a>``, ``<br>`` …) and every character reference
    left encoded is a ``markup`` span; otherwise Markdown emphasis and link syntax are.
    The result is sorted and free of overlaps; a URL that contains digits is one ``url`` span.
    """
    links = [
        *_spans(_AUTOLINK, text, "url"),
        *_spans(_URL, text, "url", strip_trailing=True),
        *_spans(_EMAIL, text, "email"),
    ]
    if markup == "html":
        tags = [
            Span(start, end, text[start:end], "markup") for start, end in inline_html_markup(text)
        ]
    else:
        tags = [*_spans(_EMPHASIS, text, "markup"), *_markdown_link_spans(text)]
    phones = [*_spans(_INTERNATIONAL_PHONE, text, "phone"), *_spans(_NATIONAL_PHONE, text, "phone")]
    convert = source_lang in COMMA_DECIMAL_LANGUAGES and target_lang in POINT_DECIMAL_LANGUAGES
    numbers = [
        *_number_spans(text, convert=convert, scale_words=target_lang == "en"),
        *_spans(_ALPHANUMERIC, text, "number"),
    ]
    ordinals = {match.start() for match in _ORDINAL.finditer(text)}
    numbers = [span for span in numbers if span.start not in ordinals]
    # Tags first: a URL in an href is part of its tag.
    return merge_spans(tags, links, phones, numbers)


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


def _number_spans(text: str, *, convert: bool, scale_words: bool) -> list[Span]:
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


def _markdown_link_spans(text: str) -> list[Span]:
    """``[text](url)``: the brackets and URL are kept, the link text is translated."""
    spans = []
    for match in _MARKDOWN_LINK.finditer(text):
        for group in (1, 2):
            spans.append(Span(match.start(group), match.end(group), match.group(group), "markup"))
    return spans


def _spans(
    pattern: re.Pattern[str], text: str, kind: SpanKind, *, strip_trailing: bool = False
) -> list[Span]:
    spans = []
    for match in pattern.finditer(text):
        start, end = match.span()
        if strip_trailing:
            end = start + len(_strip_url_tail(match.group()))
        spans.append(Span(start, end, text[start:end], kind))
    return spans


def _strip_url_tail(url: str) -> str:
    """Drop sentence punctuation after a URL, and a closing bracket it did not open."""
    while url and url[-1] in ".,;:!?)]»":
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        if url[-1] == "]" and url.count("[") >= url.count("]"):
            break
        url = url[:-1]
    return url
