"""Block classification: title, headings, contact and boilerplate sections, the dateline."""

from __future__ import annotations

import re
from dataclasses import replace

from polyglot_press.documents._dateline import split_dateline
from polyglot_press.documents._model import Block, BlockKind, DocumentFormat
from polyglot_press.documents._plain import contact_text, plain_text

_CONTACT_HEADING = re.compile(
    r"\b(?:contacts?\s+(?:presse|press|médias?|medias?)|(?:relations?|relation)\s+(?:médias|medias|presse)|"
    r"media\s+(?:contacts?|relations|enquiries|inquiries)|press\s+(?:contacts?|office|enquiries)|"
    r"service\s+(?:de\s+)?presse|attachée?s?\s+de\s+presse|pour\s+toute\s+information)\b",
    re.IGNORECASE,
)
_BOILERPLATE_HEADING = re.compile(
    r"(?:à|a)\s+propos\s+d|about\s+\S|davantage\s+d['’]informations?|pour\s+plus\s+d['’]informations?|"
    r"pour\s+en\s+savoir\s+plus|(?:for\s+)?(?:more|further)\s+information|notes?\s+(?:aux\s+rédactions|to\s+editors)",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?:\+|\b0)\d[\d .()\u00a0-]{7,}\d")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_LONE_URL = re.compile(r"\s*<?(?:https?://|www\.)\S+?>?\s*", re.IGNORECASE)


# Kinds that parsing settles: markup, and the HTML <title> (which is never the visible title).
_UNCLASSIFIED_KINDS = frozenset({BlockKind.RAW, BlockKind.PAGE_TITLE})

#: An open contact or boilerplate section: its kind and the level of the heading that opened it
#: (7 for a bold paragraph acting as a heading).
_Section = tuple[BlockKind, int]


def classify_blocks(blocks: list[Block], fmt: DocumentFormat) -> list[Block]:
    """Assign semantic kinds: title, dateline, contact and boilerplate sections."""
    texts = [plain_text(b.text, fmt).strip() for b in blocks]
    if fmt == "txt":
        blocks = [
            replace(b, kind=BlockKind.HEADING, level=2) if _is_txt_heading(b, t) else b
            for b, t in zip(blocks, texts, strict=True)
        ]
    first = _first_content_index(blocks)
    result: list[Block] = []
    section: _Section | None = None
    seen_prose = False
    for index, (block, text) in enumerate(zip(blocks, texts, strict=True)):
        if block.kind in _UNCLASSIFIED_KINDS:
            result.append(block)
            continue
        section = _follow_section(block, text, section)
        classified = (
            replace(block, kind=section[0])
            if section
            else _classify_alone(block, text, fmt, first=index == first)
        )
        if classified is not None:
            result.append(classified)
        elif block.kind is BlockKind.PARAGRAPH and not seen_prose:
            seen_prose = True
            result.extend(split_dateline(block, fmt))
        else:
            result.append(block)
    return [_plain_contact(block, fmt) for block in result]


def _plain_contact(block: Block, fmt: DocumentFormat) -> Block:
    """A contact block with plain, verbatim text; its markup kept for rendering."""
    if block.kind is not BlockKind.CONTACT:
        return block
    text = contact_text(block.text, fmt)
    return block if text == block.text else replace(block, text=text, markup=block.text)


def _follow_section(block: Block, text: str, section: _Section | None) -> _Section | None:
    """The section ``block`` belongs to: one it opens, the one still open, or none."""
    heading_like = block.kind is BlockKind.HEADING or _is_pseudo_heading(block, text)
    level = block.level if block.kind is BlockKind.HEADING else 7
    if heading_like and section and level <= section[1]:
        section = None
    if heading_like and _CONTACT_HEADING.search(text) and len(text) < 80:
        return (BlockKind.CONTACT, level)
    if heading_like and _BOILERPLATE_HEADING.match(text):
        return (BlockKind.BOILERPLATE, level)
    if section and section[0] is BlockKind.CONTACT and not _looks_like_contact(text):
        return None
    return section


def _classify_alone(block: Block, text: str, fmt: DocumentFormat, *, first: bool) -> Block | None:
    """``block`` with the kind its own text gives it outside any section; ``None``: no change."""
    if _looks_like_contact(text):
        return replace(block, kind=BlockKind.CONTACT)
    # A paragraph opening like a boilerplate heading is boilerplate only when it is short or
    # points somewhere ("Davantage d'information : <url>"), not "About 500 people said…".
    if _LONE_URL.fullmatch(text) or (
        _BOILERPLATE_HEADING.match(text) and (len(text) <= 100 or _URL.search(text))
    ):
        return replace(block, kind=BlockKind.BOILERPLATE)
    if first and block.kind is BlockKind.HEADING:
        return replace(block, kind=BlockKind.TITLE, level=block.level or 1)
    if first and fmt == "txt" and block.kind is BlockKind.PARAGRAPH and _is_short_line(text):
        return replace(block, kind=BlockKind.TITLE, level=1)
    return None


def _first_content_index(blocks: list[Block]) -> int:
    return next((i for i, b in enumerate(blocks) if b.kind not in _UNCLASSIFIED_KINDS), -1)


def _is_short_line(text: str) -> bool:
    return "\n" not in text and 0 < len(text) <= 150 and not re.search(r"[.:;,]$", text)


def _is_txt_heading(block: Block, text: str) -> bool:
    return (
        block.kind is BlockKind.PARAGRAPH
        and _is_short_line(text)
        and len(text.split()) <= 12
        and text[:1].isupper()
        and not _looks_like_contact(text)
        and not _LONE_URL.fullmatch(text)
    )


def _is_pseudo_heading(block: Block, text: str) -> bool:
    """A paragraph that is just bold text (``**RELATIONS MEDIAS**``) acts as a heading."""
    stripped = block.text.strip()
    return (
        block.kind is BlockKind.PARAGRAPH
        and len(text) <= 100
        and (
            (stripped.startswith(("**", "__")) and stripped.endswith(("**", "__")))
            or (
                stripped.startswith(("<b>", "<strong>"))
                and stripped.endswith(("</b>", "</strong>"))
            )
        )
    )


def _looks_like_contact(text: str) -> bool:
    """Short text holding an e-mail address or a phone number: a press contact."""
    if not (_EMAIL.search(text) or _PHONE.search(text)):
        return False
    prose = _EMAIL.sub("", _PHONE.sub("", _URL.sub("", text)))
    return len(prose.split()) <= 30 and prose.count(". ") <= 1
