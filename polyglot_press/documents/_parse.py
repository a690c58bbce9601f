"""Text to a :class:`Document`: format sniffing, structural parsing, classification."""

from __future__ import annotations

import re

from polyglot_press.documents._classify import classify_blocks
from polyglot_press.documents._html import parse_html
from polyglot_press.documents._markdown import parse_lines
from polyglot_press.documents._model import Document, DocumentFormat

_HTML_SNIFF = re.compile(
    r"\A\s*(?:<!doctype\s+html|<html[\s>]|<\?xml)|<(?:p|div|h[1-6]|body|ul|li|br)\b[^>]*>",
    re.IGNORECASE,
)
_MD_SNIFF = re.compile(
    r"^#{1,6}[ \t]+\S|\*\*\S[^*\n]*\*\*|\[[^\[\]\n]+\]\([^()\s]+\)|<https?://[^>\s]+>|^```",
    re.MULTILINE,
)


def sniff_format(text: str) -> DocumentFormat:
    """Guess a document's format from its content: HTML tags, Markdown markup, or plain text."""
    head = text[:20000]
    if len(_HTML_SNIFF.findall(head)) >= 2 or re.match(r"\s*<(?:!doctype|html)", head, re.I):
        return "html"
    if _MD_SNIFF.search(head):
        return "md"
    return "txt"


def parse_document(
    text: str, *, format: DocumentFormat | None = None, source: str = "<text>"
) -> Document:
    """Split a document's text into typed blocks.

    ``format`` is sniffed from the content when ``None``. Leading whitespace of the document is
    dropped; everything else survives :func:`render_document` unchanged, except that HTML
    character references in prose are decoded (see :class:`Block`).
    """
    fmt = format or sniff_format(text)
    if fmt == "html":
        raw_blocks = parse_html(text)
    elif fmt == "md":
        raw_blocks = parse_lines(text, markdown=True)
    else:
        raw_blocks = parse_lines(text, markdown=False)
    return Document(source=source, format=fmt, blocks=tuple(classify_blocks(raw_blocks, fmt)))
