"""Documents: reading press releases and splitting them into typed blocks.

A :class:`Document` is an ordered tuple of :class:`Block` objects. Each block keeps the markup
around its text (``prefix``/``suffix``) and the separator that followed it in the source, so a
document rendered back without translation equals its input up to whitespace and, in HTML, the
spelling of character references (``&eacute;`` comes back as ``é``, a bare ``&`` as ``&amp;``).

The flow is bytes → text (:func:`decode_bytes`) → blocks (:func:`parse_document`, which sniffs
the format, parses Markdown, plain text or HTML, and classifies the blocks) → text again
(:func:`render_document`). :func:`read_document` does the first two steps for a path, or for
standard input given as ``-``; :func:`read_source` stops before parsing, for callers that need
the text itself.
"""

from __future__ import annotations

from polyglot_press.documents._decode import DEFAULT_MAX_BYTES, decode_bytes, repair_lost_nbsp
from polyglot_press.documents._inline import HTML_TAG, inline_html_markup, plain_text
from polyglot_press.documents._model import (
    BRIEF_KINDS,
    TRANSLATABLE_KINDS,
    Block,
    BlockKind,
    Document,
    DocumentFormat,
)
from polyglot_press.documents._parse import parse_document, sniff_format
from polyglot_press.documents._read import STDIN, SourceText, read_document, read_source
from polyglot_press.documents._render import render_document

__all__ = [
    "BRIEF_KINDS",
    "DEFAULT_MAX_BYTES",
    "HTML_TAG",
    "STDIN",
    "TRANSLATABLE_KINDS",
    "Block",
    "BlockKind",
    "Document",
    "DocumentFormat",
    "SourceText",
    "decode_bytes",
    "inline_html_markup",
    "parse_document",
    "plain_text",
    "read_document",
    "read_source",
    "render_document",
    "repair_lost_nbsp",
    "sniff_format",
]
