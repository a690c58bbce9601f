"""HTML to structural blocks, with exact source offsets so that rendering is lossless."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser

from polyglot_press.documents._inline import decode_html_text
from polyglot_press.documents._model import Block, BlockKind
from polyglot_press.documents._plain import (
    mask_stray_brackets,
    plain_text,
    without_unclosed_comment,
)


def _tags(names: str) -> frozenset[str]:
    return frozenset(names.split())


_LEAF_TAGS = _tags(
    "p h1 h2 h3 h4 h5 h6 li dt dd blockquote address figcaption caption td th summary "
    "div section article header footer aside main title"
)
_BLOCKISH_TAGS = _LEAF_TAGS | _tags(
    "ul ol dl table thead tbody tfoot tr hr pre form nav figure details fieldset body html "
    "head title meta link script style noscript template svg iframe"
)
# Never searched for prose. <head> is searched, but only its <title> holds any.
_OPAQUE_TAGS = _tags("script style noscript template svg pre code iframe")
VOID_TAGS = _tags("area base br col embed hr img input link meta param source track wbr")
_SELF_CLOSING_GROUPS = ({"li"}, {"dt", "dd"}, {"td", "th"}, {"tr"}, {"option"})


@dataclass(slots=True)
class Element:
    """An element of an HTML source: its tag, attributes and where it starts and ends."""

    tag: str
    start: int
    open_end: int
    close_start: int = -1
    end: int = -1
    children: list[Element] = field(default_factory=list)
    attrs: tuple[tuple[str, str | None], ...] = ()
    #: Whether a block-level element lies anywhere below this one (set by ``_mark_blockish``).
    blockish_below: bool = False


class _SpanParser(HTMLParser):
    """Builds an element tree with exact source offsets (so that rendering is lossless)."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.root = Element("#root", 0, 0)
        self.stack: list[Element] = [self.root]
        # How many open elements have each tag: an end tag looks up its opener in O(1), not
        # by scanning a stack that deep HTML makes thousands of levels high.
        self.open_tags: Counter[str] = Counter()

    def _push(self, element: Element) -> None:
        self.stack.append(element)
        self.open_tags[element.tag] += 1

    def _pop(self) -> Element:
        element = self.stack.pop()
        self.open_tags[element.tag] -= 1
        return element

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _close(self, element: Element, close_start: int, end: int) -> None:
        element.close_start, element.end = close_start, end

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        raw = self.get_starttag_text() or ""
        element = Element(tag, start, start + len(raw), attrs=tuple(attrs))
        top = self.stack[-1]
        if tag in _BLOCKISH_TAGS and top.tag == "p":
            self._close(self._pop(), start, start)
        else:
            for group in _SELF_CLOSING_GROUPS:
                if tag in group and top.tag in group:
                    self._close(self._pop(), start, start)
        self.stack[-1].children.append(element)
        if tag in VOID_TAGS or raw.endswith("/>"):
            self._close(element, element.open_end, element.open_end)
        else:
            self._push(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        raw = self.get_starttag_text() or ""
        element = Element(tag, start, start + len(raw), attrs=tuple(attrs))
        self._close(element, element.open_end, element.open_end)
        self.stack[-1].children.append(element)

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        end = self.source.find(">", start) + 1 or len(self.source)
        if not self.open_tags[tag]:
            return
        while self.stack[-1].tag != tag:
            self._close(self._pop(), start, start)
        self._close(self._pop(), start, end)

    def finish(self) -> Element:
        self.close()
        while len(self.stack) > 1:
            self._close(self._pop(), len(self.source), len(self.source))
        return self.root


def element_tree(source: str) -> Element:
    """The elements of an HTML source, under a ``#root`` element, with their source offsets."""
    source = without_unclosed_comment(source)
    parser = _SpanParser(source)
    parser.feed(mask_stray_brackets(source))  # same length: offsets stay those of the source
    return parser.finish()


def _mark_blockish(root: Element) -> None:
    """Set ``blockish_below`` on every element, children first, without recursion."""
    order: list[Element] = []
    pending = [root]
    while pending:
        element = pending.pop()
        order.append(element)
        pending.extend(element.children)
    for element in reversed(order):  # every element comes after its parent in ``order``
        element.blockish_below = any(
            child.tag in _BLOCKISH_TAGS or child.blockish_below for child in element.children
        )


def _leaf_elements(root: Element) -> Iterator[Element]:
    """The leaf elements in document order, walked with an explicit stack (no recursion, so
    HTML nested ten thousand levels deep is as good as flat)."""
    _mark_blockish(root)
    pending: list[Iterator[Element]] = [iter(root.children)]
    while pending:
        child = next(pending[-1], None)
        if child is None:
            pending.pop()
        elif child.tag in _OPAQUE_TAGS:
            continue
        elif child.tag in _LEAF_TAGS and not child.blockish_below:
            yield child
        else:
            pending.append(iter(child.children))


def parse_html(text: str) -> list[Block]:
    """Blocks of an HTML document, before classification: one per leaf element with prose.

    Markup between them (head, scripts, rules, wrappers) becomes ``RAW`` blocks, so that the
    blocks' prefixes, texts, suffixes and separators put together give back the source.
    """
    source = text.lstrip()
    blocks: list[Block] = []
    cursor = 0
    for leaf in _leaf_elements(element_tree(source)):
        if leaf.start < cursor:
            continue
        _add_gap(blocks, source[cursor : leaf.start])
        blocks.append(_leaf_block(source, leaf))
        cursor = leaf.end
    _add_gap(blocks, source[cursor:])
    return blocks


def _add_gap(blocks: list[Block], gap: str) -> None:
    """Attach the source between two leaves: whitespace to the separator, markup as RAW."""
    stripped = gap.lstrip()
    if blocks:
        last = blocks[-1]
        blocks[-1] = replace(last, separator=last.separator + gap[: len(gap) - len(stripped)])
    if stripped:
        content = stripped.rstrip()
        blocks.append(Block(BlockKind.RAW, content, separator=stripped[len(content) :]))


def _leaf_block(source: str, leaf: Element) -> Block:
    inner = source[leaf.open_end : leaf.close_start]
    prefix, suffix = source[leaf.start : leaf.open_end], source[leaf.close_start : leaf.end]
    trailing = ""
    if not suffix:  # implicitly closed (<p>a<p>b): the whitespace before the next tag
        stripped = inner.rstrip()
        inner, trailing = stripped, inner[len(stripped) :]
    if not plain_text(inner, "html").strip():
        return Block(BlockKind.RAW, prefix + inner + suffix, separator=trailing)
    kind, level = BlockKind.PARAGRAPH, 0
    if re.fullmatch(r"h[1-6]", leaf.tag):
        kind, level = BlockKind.HEADING, int(leaf.tag[1])
    elif leaf.tag == "li":
        kind = BlockKind.LIST_ITEM
    elif leaf.tag == "title":
        kind = BlockKind.PAGE_TITLE
    text = decode_html_text(inner)
    return Block(kind, text, prefix=prefix, suffix=suffix, separator=trailing, level=level)
