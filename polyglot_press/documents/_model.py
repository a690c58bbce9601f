"""The document model: blocks of typed prose with the markup around them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from types import MappingProxyType
from typing import Literal

#: The formats a document is read and rendered in: Markdown, plain text, HTML.
DocumentFormat = Literal["md", "txt", "html"]


class BlockKind(StrEnum):
    """What a block is in a press release; parsing gives the structure, classification the rest."""

    TITLE = "title"
    PAGE_TITLE = "page_title"  # the HTML <title> in <head>: translated, not shown on the page
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    DATELINE = "dateline"
    CONTACT = "contact"
    BOILERPLATE = "boilerplate"
    RAW = "raw"  # markup with no prose: HTML head, rules, code


#: Blocks whose text is prose that later stages translate.
TRANSLATABLE_KINDS = frozenset(
    {
        BlockKind.TITLE,
        BlockKind.PAGE_TITLE,
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.LIST_ITEM,
        BlockKind.DATELINE,
        BlockKind.BOILERPLATE,
    }
)
#: Blocks that may contribute sentences to a brief.
BRIEF_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM})


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of a document.

    ``text`` is the block's prose with its inline markup (Markdown emphasis and links, inline
    HTML tags); ``prefix``/``suffix`` hold block markup such as ``"## "`` or ``"<p>"``/``"</p>"``;
    ``separator`` is what followed the block in the source (``"\\n\\n"``, ``" "`` …).
    ``lang`` is filled in by language routing.

    In HTML documents the character references of prose blocks are decoded (``v&eacute;hicules``
    is ``véhicules``, ``&amp;`` is ``&``) so that the glossary and the translator see words;
    :func:`render_document` escapes ``&`` again. References that would read as markup once
    decoded (``&lt;``, ``&gt;``, or ``&amp;`` before ``lt;``) stay as written.

    Contact blocks are the exception: their ``text`` is plain, verbatim text (one line per
    line of the contact, no tags, emphasis or references) and ``markup`` keeps the text as
    written, which :func:`render_document` writes back. ``markup`` is ``None`` for every
    other block, and when a contact had no markup to remove.
    """

    kind: BlockKind
    text: str
    prefix: str = ""
    suffix: str = ""
    separator: str = "\n\n"
    level: int = 0
    lang: str | None = None
    markup: str | None = None

    @property
    def translatable(self) -> bool:
        return self.kind in TRANSLATABLE_KINDS

    @property
    def written(self) -> str:
        """The text as the source writes it, inline markup included."""
        return self.text if self.markup is None else self.markup

    def with_text(self, text: str) -> Block:
        """The block with new text (its markup is the new text's own)."""
        return replace(self, text=text, markup=None)


@dataclass(frozen=True, slots=True)
class Document:
    """A press release split into blocks, with where it came from.

    ``lang`` and ``lang_confidence`` are set by language routing
    (:func:`polyglot_press.language.route_document`): the document's language (``"und"`` when
    it cannot be determined) and the confidence of that verdict in [0, 1].
    ``meta_items`` holds facts about the input as ``(name, value)`` pairs, read through
    :attr:`meta`: ``"encoding"`` (the codec the bytes were decoded with) and
    ``"nbsp_repairs"`` (how many lost no-break spaces were restored) when read from bytes by
    :func:`read_document`. Pairs rather than a dict keep documents hashable and picklable.
    """

    source: str
    format: DocumentFormat
    blocks: tuple[Block, ...]
    lang: str | None = None
    lang_confidence: float = 0.0
    meta_items: tuple[tuple[str, str], ...] = ()

    @property
    def meta(self) -> Mapping[str, str]:
        """Facts about the input (see :attr:`meta_items`), as a read-only mapping."""
        return MappingProxyType(dict(self.meta_items))

    @property
    def title(self) -> str | None:
        """The visible title (the first title or heading block), else the HTML ``<title>``."""
        for block in self.blocks:
            if block.kind in (BlockKind.TITLE, BlockKind.HEADING):
                return block.text
        for block in self.blocks:
            if block.kind is BlockKind.PAGE_TITLE:
                return block.text
        return None

    @property
    def dateline(self) -> str | None:
        for block in self.blocks:
            if block.kind is BlockKind.DATELINE:
                return block.text
        return None
