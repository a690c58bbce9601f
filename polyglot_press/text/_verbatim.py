"""Find the parts of a sentence that translation must not touch: links, addresses, numbers.

:func:`verbatim_spans` returns :class:`~polyglot_press.text.Span` objects for URLs, e-mail
addresses, phone numbers, inline markup (Markdown, or HTML tags), dates and numbers. Most keep
their source text; numbers are rewritten in English conventions when the target needs it (see
:mod:`polyglot_press.text._numbers`) and dates are translated by rule (:mod:`._dates`).
"""

from __future__ import annotations

import re

from polyglot_press.documents import DocumentFormat, inline_html_markup
from polyglot_press.text._dates import date_spans
from polyglot_press.text._numbers import SPACES, number_spans
from polyglot_press.text._spans import Span, SpanKind, merge_spans

_AUTOLINK = re.compile(r"<(?:https?|ftp)://[^\s<>]+>|<mailto:[^\s<>]+>")
_URL = re.compile(r"\b(?:https?://|ftp://|www\.)[^\s<>\"'«»]+", re.IGNORECASE)
# Starts only where a run of address characters starts: linear on long runs ("a.a.a.a…").
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_MARKDOWN_LINK = re.compile(r"(\[)[^\[\]\n]+(\]\([^()\s]+(?:\s\"[^\"\n]*\")?\))")
_EMPHASIS = re.compile(r"\*\*|__")
_INTERNATIONAL_PHONE = re.compile(
    rf"\+\d{{1,3}}(?:[{SPACES}.\-]?(?:\(0\)[{SPACES}]?)?\d{{1,4}}){{2,}}(?!\d)"
)
_NATIONAL_PHONE = re.compile(rf"(?<![\d,.])0\d(?:[{SPACES}.\-]\d{{2}}){{4}}(?!\d)")
# Other national numbers: a leading 0 and groups of 2-4 digits (0800 555 111, 02 3456 7890).
_GROUPED_PHONE = re.compile(rf"(?<![\d,.])0\d{{1,4}}(?:[{SPACES}.\-]\d{{2,4}}){{2,4}}(?!\d|,\d)")
# Short service numbers (116 123, 3020) are phones where the words before say so: "appeler
# … au 116 123" is not the number 116,123.
_SHORT_PHONE = re.compile(rf"(?<![\d,.])\d{{2,4}}(?:[{SPACES}.\-]\d{{2,4}}){{0,3}}(?!\d|,\d)")
_PHONE_CUE = re.compile(
    r"\b(?:appel\w*|compos\w*|num[ée]ro|t[ée]l[ée]phon\w*|t[ée]l|call\w*|dial\w*|phone\w*"
    r"|ring|hotline|helpline)\b[^.;:!?\d]{0,40}$",
    re.IGNORECASE,
)


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
    phones = [
        *_spans(_INTERNATIONAL_PHONE, text, "phone"),
        *_spans(_NATIONAL_PHONE, text, "phone"),
        *_spans(_GROUPED_PHONE, text, "phone"),
        *_cued_phone_spans(text),
    ]
    dates = date_spans(text, source_lang, target_lang)
    numbers = number_spans(text, source_lang, target_lang)
    # Tags first: a URL in an href is part of its tag; a date holds numbers.
    return merge_spans(tags, links, phones, dates, numbers)


_NEXT_WORD = re.compile(r"\s*([^\W\d_]+)")
# What follows a phone number in a sentence; a quantity is followed by what it counts.
_AFTER_PHONE = frozenset(
    (
        "or",
        "ou",
        "and",
        "et",
        "pour",
        "for",
        "to",
        "from",
        "de",
        "du",
        "des",
        "en",
        "in",
        "if",
        "si",
        "quoting",
        "during",
        "pendant",
        "avant",
        "before",
        "after",
        "après",
        "at",
        "à",
    )
)


def _cued_phone_spans(text: str) -> list[Span]:
    spans = []
    for match in _SHORT_PHONE.finditer(text):
        before = text[max(0, match.start() - 64) : match.start()]
        after = _NEXT_WORD.match(text, match.end())
        if _PHONE_CUE.search(before) and (after is None or after.group(1).lower() in _AFTER_PHONE):
            spans.append(Span(match.start(), match.end(), match.group(), "phone"))
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
