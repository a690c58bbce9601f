"""A headline given apart from the text (an e-mail's Subject, a JSONL record's title) put in
front of it, in the text's own format, so that it parses as the document's title."""

from __future__ import annotations

import html
import re

from polyglot_press.documents._model import BlockKind, DocumentFormat
from polyglot_press.documents._parse import parse_document, sniff_format

__all__ = ["has_title", "with_headline"]

_BODY_TAG = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


def has_title(text: str, format: DocumentFormat | None = None) -> bool:
    """Whether the text, parsed, has a title block of its own."""
    document = parse_document(text, format=format)
    return any(block.kind is BlockKind.TITLE for block in document.blocks)


def with_headline(
    text: str, headline: str, format: DocumentFormat | None = None
) -> tuple[str, DocumentFormat]:
    """``text`` with ``headline`` in front as its title, and the format to parse it in.

    The headline is not added when the text already starts with it. HTML gets an ``<h1>``
    after ``<body>``, Markdown a ``# `` line; plain text gets the headline as its first line,
    or becomes Markdown when the headline would not read as a title on its own line.
    """
    fmt = format or sniff_format(text)
    headline = " ".join(headline.split())
    if not headline or _starts_with(text, headline, fmt):
        return text, fmt
    if fmt == "html":
        heading = f"<h1>{html.escape(headline, quote=False)}</h1>\n"
        body = _BODY_TAG.search(text)
        if body is None:
            return heading + text.lstrip(), fmt
        return text[: body.end()] + "\n" + heading + text[body.end() :], fmt
    if fmt == "txt" and has_title(headline, "txt"):
        return f"{headline}\n\n{text.lstrip()}", fmt
    return f"# {headline}\n\n{text.lstrip()}", "md"


def _starts_with(text: str, headline: str, fmt: DocumentFormat) -> bool:
    document = parse_document(text, format=fmt)
    from polyglot_press.documents._plain import plain_text

    for block in document.blocks:
        if block.kind in (BlockKind.RAW, BlockKind.PAGE_TITLE):
            continue
        first = " ".join(plain_text(block.text, fmt).split())
        return first.casefold() == headline.casefold()
    return False
