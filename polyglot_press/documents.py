"""Documents: reading press releases and splitting them into typed blocks.

A :class:`Document` is an ordered tuple of :class:`Block` objects. Each block keeps the markup
around its text (``prefix``/``suffix``) and the separator that followed it in the source, so a
document rendered back without translation equals its input up to whitespace.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Literal

DocumentFormat = Literal["md", "txt", "html"]


class BlockKind(StrEnum):
    TITLE = "title"
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
    """

    kind: BlockKind
    text: str
    prefix: str = ""
    suffix: str = ""
    separator: str = "\n\n"
    level: int = 0
    lang: str | None = None

    @property
    def translatable(self) -> bool:
        return self.kind in TRANSLATABLE_KINDS

    def with_text(self, text: str) -> Block:
        return replace(self, text=text)


@dataclass(frozen=True, slots=True)
class Document:
    """A press release split into blocks, with where it came from."""

    source: str
    format: DocumentFormat
    blocks: tuple[Block, ...]
    lang: str | None = None
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def title(self) -> str | None:
        for block in self.blocks:
            if block.kind in (BlockKind.TITLE, BlockKind.HEADING):
                return block.text
        return None

    @property
    def dateline(self) -> str | None:
        for block in self.blocks:
            if block.kind is BlockKind.DATELINE:
                return block.text
        return None
