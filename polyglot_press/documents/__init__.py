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

PDF, Word (``.docx``) and e-mail (``.eml``) inputs are told by their content
(:func:`detect_input_format`) and read as text first: PDF and Word as Markdown (headings,
emphasis, lists), e-mails as their body, with the Subject as title when the body has none.
``message.eml#name`` reads an attachment (:func:`read_attachment`,
:func:`email_attachments`). :func:`read_record` reads a JSONL record's text, title and id
(:class:`RecordFields`), its paragraphs restored where a scraper glued them
(:func:`restore_paragraphs`); :func:`with_headline` puts a headline given apart in front of a text.

A block's ``text`` keeps its inline markup (Markdown emphasis, HTML tags) for translation;
:func:`plain_text` removes it and decodes character references once. Contact blocks hold
plain, verbatim text (their markup in :attr:`Block.markup`, for rendering);
:func:`block_plain_text` gives any block's plain text.
"""

from __future__ import annotations

from polyglot_press.documents._convert import InputFormat, detect_input_format
from polyglot_press.documents._decode import DEFAULT_MAX_BYTES, decode_bytes, repair_lost_nbsp
from polyglot_press.documents._headline import with_headline
from polyglot_press.documents._inline import HTML_TAG, inline_html_markup
from polyglot_press.documents._model import (
    BRIEF_KINDS,
    TRANSLATABLE_KINDS,
    Block,
    BlockKind,
    Document,
    DocumentFormat,
)
from polyglot_press.documents._parse import parse_document, sniff_format
from polyglot_press.documents._plain import block_plain_text, plain_text
from polyglot_press.documents._read import (
    ATTACHMENT_MARK,
    STDIN,
    SourceText,
    email_attachments,
    read_attachment,
    read_document,
    read_source,
)
from polyglot_press.documents._records import (
    ID_FIELDS,
    TEXT_FIELDS,
    TITLE_FIELDS,
    Record,
    RecordFields,
    read_record,
    restore_paragraphs,
)
from polyglot_press.documents._render import render_document

__all__ = [
    "ATTACHMENT_MARK",
    "BRIEF_KINDS",
    "DEFAULT_MAX_BYTES",
    "HTML_TAG",
    "ID_FIELDS",
    "STDIN",
    "TEXT_FIELDS",
    "TITLE_FIELDS",
    "TRANSLATABLE_KINDS",
    "Block",
    "BlockKind",
    "Document",
    "DocumentFormat",
    "InputFormat",
    "Record",
    "RecordFields",
    "SourceText",
    "block_plain_text",
    "decode_bytes",
    "detect_input_format",
    "email_attachments",
    "inline_html_markup",
    "parse_document",
    "plain_text",
    "read_attachment",
    "read_document",
    "read_record",
    "read_source",
    "render_document",
    "repair_lost_nbsp",
    "restore_paragraphs",
    "sniff_format",
    "with_headline",
]
