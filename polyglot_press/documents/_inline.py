"""Inline markup: HTML tags, character references (decoded in prose, encoded on output).

:func:`~polyglot_press.documents._plain.plain_text` gives a block's text without its markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

#: An inline HTML tag or comment; a quoted attribute value may hold ">" but not "<".
HTML_TAG = re.compile(r"<!--.*?-->|<[A-Za-z/!?](?:[^<>\"']|\"[^\"<]*\"|'[^'<]*')*>", re.DOTALL)
# What html.unescape reads as a character reference (named ones may lack the semicolon).
_REFERENCE_BODY = r"(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)"
_CHARACTER_REFERENCE = re.compile("&" + _REFERENCE_BODY)
# A reference left encoded in prose, with what makes an escaped "&" necessary ("&amp;lt;").
_ENCODED_TEXT = re.compile(f"&amp;{_REFERENCE_BODY}|&{_REFERENCE_BODY}")


def inline_html_markup(text: str) -> list[tuple[int, int]]:
    """Where the tags and the still-encoded character references are in an HTML block's text.

    These ``(start, end)`` ranges are markup to carry over verbatim when translating.
    """
    ranges = []
    position = 0
    for tag in HTML_TAG.finditer(text):
        ranges.extend(_references(text, position, tag.start()))
        ranges.append(tag.span())
        position = tag.end()
    ranges.extend(_references(text, position, len(text)))
    return ranges


def _references(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [
        match.span()
        for match in _ENCODED_TEXT.finditer(text, start, end)
        if html.unescape(match.group()) != match.group()
    ]


def _is_reference_at(text: str, index: int) -> bool:
    match = _CHARACTER_REFERENCE.match(text, index)
    return match is not None and html.unescape(match.group()) != match.group()


def _prose_runs(text: str, convert: Callable[[str], str]) -> str:
    """``text`` with ``convert`` applied to the runs between HTML tags."""
    pieces = []
    position = 0
    for tag in HTML_TAG.finditer(text):
        pieces += [convert(text[position : tag.start()]), tag.group()]
        position = tag.end()
    pieces.append(convert(text[position:]))
    return "".join(pieces)


def decode_html_text(text: str) -> str:
    """Decode the character references in the prose of an HTML block (see :class:`Block`)."""
    return _prose_runs(text, _decode_run) if "&" in text else text


def _decode_run(run: str) -> str:
    if "&" not in run or "<" in run:  # a stray "<" is malformed markup: keep the run as written
        return run
    parts: list[str] = []
    kept: set[int] = set()  # offsets (in the result) of references left encoded
    length = position = 0
    for match in _CHARACTER_REFERENCE.finditer(run):
        decoded = html.unescape(match.group())
        if "<" in decoded or ">" in decoded:  # decoded, it would read as markup
            decoded = match.group()
            kept.add(length + match.start() - position)
        parts += [run[position : match.start()], decoded]
        length += match.start() - position + len(decoded)
        position = match.end()
    parts.append(run[position:])
    decoded_run = "".join(parts)
    # An "&" that now starts something readable as a reference ("&amp;eacute;") stays escaped.
    return re.sub(
        "&",
        lambda amp: (
            "&amp;"
            if amp.start() not in kept and _is_reference_at(decoded_run, amp.start())
            else "&"
        ),
        decoded_run,
    )


def encode_html_text(text: str) -> str:
    """The inverse of :func:`decode_html_text`: escape each ``&`` that is not a reference."""
    return _prose_runs(text, _encode_run) if "&" in text else text


def _encode_run(run: str) -> str:
    return re.sub("&", lambda amp: "&" if _is_reference_at(run, amp.start()) else "&amp;", run)
