"""Markdown and plain text to structural blocks (paragraphs, headings, list items, code)."""

from __future__ import annotations

import re
from dataclasses import replace

from polyglot_press.documents._model import Block, BlockKind

_BLANK_RUN = re.compile(r"\n[ \t]*\n\s*")
_HEADING_LINE = re.compile(r"(#{1,6})([ \t]+)(.*)")
_LIST_MARKER = re.compile(r"([ \t]{0,3}(?:[-*+•]|\d{1,3}[.)])[ \t]+)(?=\S)")
_TXT_LIST_MARKER = re.compile(r"([ \t]{0,3}(?:[-*•]|\d{1,3}[.)])[ \t]+)(?=\S)")
_RULE_LINE = re.compile(r"[ \t]*(?:(?:[-*_][ \t]*){3,}|#{3}|-{1,2} ?30 ?-{1,2})[ \t]*")
_FENCE = re.compile(r"[ \t]{0,3}(```|~~~)")
_SPACE_RUN = re.compile(r"\s*")


def parse_lines(text: str, *, markdown: bool) -> list[Block]:
    """Blocks of Markdown or plain text, before classification (kinds are structural)."""
    body = text.lstrip()
    blocks: list[Block] = []
    chunks = _split_chunks(body, markdown=markdown)
    for chunk, separator in chunks:
        blocks.extend(_chunk_blocks(chunk, separator, markdown=markdown))
    return blocks


def _split_chunks(body: str, *, markdown: bool) -> list[tuple[str, str]]:
    """Split on blank lines, keeping fenced code (which may hold blank lines) in one chunk."""
    chunks: list[tuple[str, str]] = []
    position = 0
    while position < len(body):
        fence = _FENCE.match(body, position) if markdown else None
        if fence:
            closing = body.find("\n" + fence.group(1), fence.end())
            end = len(body) if closing < 0 else body.find("\n", closing + 1)
            end = len(body) if end < 0 else end
        else:
            blank = _BLANK_RUN.search(body, position)
            end = len(body[position:].rstrip()) + position if blank is None else blank.start()
        gap = _SPACE_RUN.match(body, end)  # matching in place: a slice would copy the rest
        separator_end = gap.end() if gap else end
        chunks.append((body[position:end], body[end:separator_end]))
        position = separator_end
    return chunks


def _chunk_blocks(chunk: str, separator: str, *, markdown: bool) -> list[Block]:
    """The blocks of one chunk between blank lines; the last one keeps the chunk's separator."""
    lines = chunk.split("\n")
    if (markdown and _FENCE.match(chunk)) or all(_RULE_LINE.fullmatch(line) for line in lines):
        return [Block(BlockKind.RAW, chunk, separator=separator)]
    marker = _LIST_MARKER if markdown else _TXT_LIST_MARKER
    groups = _line_groups(lines, marker, markdown=markdown)
    blocks = [_group_block(group, marker, markdown=markdown) for group in groups]
    if blocks:
        blocks[-1] = replace(blocks[-1], separator=separator)
    return blocks


def _line_groups(lines: list[str], marker: re.Pattern[str], *, markdown: bool) -> list[list[str]]:
    """Lines grouped by block: a heading alone, an item or a paragraph with its wrapped lines."""
    groups: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if markdown and _HEADING_LINE.fullmatch(line):
            groups += [current, [line]] if current else [[line]]
            current = []
        elif marker.match(line) and current and not _HARD_BREAK_END.search(current[-1]):
            groups.append(current)  # a new list item, unless the line was broken on purpose
            current = [line]
        else:
            current.append(line)
    if current:
        groups.append(current)
    return groups


def _group_block(group: list[str], marker: re.Pattern[str], *, markdown: bool) -> Block:
    joined = "\n".join(group)
    heading = _HEADING_LINE.fullmatch(joined) if markdown and len(group) == 1 else None
    if heading:
        hashes, spaces, title = heading.groups()
        return Block(
            BlockKind.HEADING, title, prefix=hashes + spaces, separator="\n", level=len(hashes)
        )
    item = marker.match(joined)
    if item:
        prefix = item.group(1)
        return Block(BlockKind.LIST_ITEM, joined[item.end() :], prefix=prefix, separator="\n")
    return Block(BlockKind.PARAGRAPH, joined, separator="\n")


_HARD_BREAK_END = re.compile(r"(?: {2}|\\)$")
