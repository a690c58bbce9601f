"""Writing a document back in its source format."""

from __future__ import annotations

import re
from dataclasses import replace

from polyglot_press.documents._inline import HTML_TAG, encode_html_text
from polyglot_press.documents._model import Block, BlockKind, Document


def render_document(doc: Document) -> str:
    """Render a document back in its source format (prefix, text, suffix and separator; a
    contact's text as written, see :attr:`Block.markup`).

    In HTML, a ``&`` in prose that does not start a character reference is written ``&amp;``,
    and the ``lang`` (and ``xml:lang``) attribute of the ``<html>`` start tag is set to
    ``doc.lang`` when that names another language (a translated document), so an untranslated
    document renders as it was read.
    """
    if doc.format != "html":
        return "".join(f"{b.prefix}{b.written}{b.suffix}{b.separator}" for b in doc.blocks)
    blocks = _relabel_html_lang(doc.blocks, doc.lang) if doc.lang else doc.blocks
    return "".join(
        f"{b.prefix}{b.text if b.kind is BlockKind.RAW else encode_html_text(b.written)}"
        f"{b.suffix}{b.separator}"
        for b in blocks
    )


_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_HTML_START_TAG = re.compile(r"<html(?=[\s>/])", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")


def _relabel_html_lang(blocks: tuple[Block, ...], lang: str) -> tuple[Block, ...]:
    """``blocks`` with the ``<html>`` tag's language attributes saying ``lang``."""
    if lang.lower() == "und" or not _LANGUAGE_TAG.fullmatch(lang):
        return blocks
    for index, block in enumerate(blocks):
        if block.kind is not BlockKind.RAW:
            continue
        tag = next(
            (t for t in HTML_TAG.finditer(block.text) if _HTML_START_TAG.match(t.group())), None
        )
        if tag is not None:
            text = block.text[: tag.start()] + _relabel_tag(tag.group(), lang)
            text += block.text[tag.end() :]
            return (*blocks[:index], replace(block, text=text), *blocks[index + 1 :])
    return blocks


def _relabel_tag(tag: str, lang: str) -> str:
    pieces = []
    position = len("<html")
    for attribute in _ATTRIBUTE.finditer(tag, position):
        name, value = attribute.groups()
        if name.lower() not in ("lang", "xml:lang") or value is None:
            continue
        written = value.strip("\"'")
        if written.split("-")[0].lower() == lang.split("-")[0].lower():
            continue  # the same language: keep its region ("fr-FR")
        quote = value[0] if value[0] in "\"'" else ""
        start = attribute.start(2)
        pieces += [tag[position:start], f"{quote}{lang}{quote}"]
        position = attribute.end(2)
    return tag[: len("<html")] + "".join(pieces) + tag[position:]
