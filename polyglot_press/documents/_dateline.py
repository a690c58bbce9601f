"""The dateline (``PARIS, 2 mars 2025 –``) that opens a release's first paragraph."""

from __future__ import annotations

import re
from dataclasses import replace

from polyglot_press.documents._html import VOID_TAGS
from polyglot_press.documents._inline import HTML_TAG
from polyglot_press.documents._model import Block, BlockKind, DocumentFormat

_MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|"
    "décembre|decembre|january|february|march|april|may|june|july|august|september|october|"
    "november|december|januar|jänner|februar|märz|maerz|juni|juli|oktober|dezember|"
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|"
    "diciembre|jan\\.?|feb\\.?|mar\\.?|apr\\.?|jun\\.?|jul\\.?|aug\\.?|sept?\\.?|oct\\.?|"
    "nov\\.?|dec\\.?"
)
# "2 mars 2025", "1er mars", "3. März 2025", "3 de marzo de 2025", "March 2, 2025", ISO, Korean.
_DATE = (
    rf"(?:\d{{1,2}}(?:er|st|nd|rd|th|º|°|\.)?\s+(?:de\s+)?(?:{_MONTHS})\s+(?:de\s+)?\d{{4}}"
    rf"|(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}(?:-\d{2})?|\d{1,2}/\d{1,2}/\d{2,4}"
    r"|\d{4}\s*년\s*\d{1,2}\s*월\s*\d{1,2}\s*일)"
)
# A dateline opens the first paragraph: place and/or source, a date, an optional source or
# time, then a dash. No sentence end may come before the date.
_DATELINE_FREE = r"(?:[^.!?«»\"“\n]|\.(?!\s))"
_DATELINE = re.compile(
    rf"(?P<dateline>{_DATELINE_FREE}{{0,80}}?{_DATE}"
    r"(?:\s*\([^)\n]{1,40}\)|\s*/[^/\n]{1,30}/|,?\s*\d{1,2}[h:]\d{2})?"
    r"\s*(?:[–—]|-{1,2}))(?P<space>\s+)(?=\S)",
    re.IGNORECASE,
)


def split_dateline(block: Block, fmt: DocumentFormat) -> list[Block]:
    """Split a leading dateline off a paragraph.

    The dateline is found in the text without inline markup, so ``<strong>PARIS – 2 mars
    2025 -</strong> Texte`` splits after ``</strong>``: the dateline keeps the markup it opens,
    and a paragraph whose markup spans the dateline and the prose is left whole.
    """
    markup = _inline_markup_spans(block.text, fmt)
    visible, offsets = _without_spans(block.text, markup)
    match = _DATELINE.match(visible)
    if match is None:
        return [block]
    end = offsets[match.end("dateline") - 1] + 1
    for start, stop in markup:  # take the markup that closes the dateline
        if start < end:
            continue
        if block.text[end:start].strip() or _markup_balanced(block.text[:end], fmt):
            break
        end = stop
    if not _markup_balanced(block.text[:end], fmt):
        return [block]
    rest = block.text[end:]
    body = rest.lstrip()
    return [
        replace(
            block,
            kind=BlockKind.DATELINE,
            text=block.text[:end],
            suffix="",
            separator=rest[: len(rest) - len(body)],
        ),
        replace(block, kind=BlockKind.PARAGRAPH, text=body, prefix=""),
    ]


_MD_EMPHASIS = re.compile(r"\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)")
_HTML_OPEN_TAG = re.compile(r"<([A-Za-z][\w-]*)")
_HTML_CLOSE_TAG = re.compile(r"</([A-Za-z][\w-]*)")


def _inline_markup_spans(text: str, fmt: DocumentFormat) -> list[tuple[int, int]]:
    """Where the inline tags (HTML) or emphasis markers (Markdown) of a block's text are."""
    if fmt == "html":
        return [tag.span() for tag in HTML_TAG.finditer(text)]
    if fmt == "md":
        return [marker.span() for marker in _MD_EMPHASIS.finditer(text)]
    return []


def _without_spans(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[int]]:
    """``text`` without ``spans``, and the offset in ``text`` of each character kept."""
    pieces: list[str] = []
    offsets: list[int] = []
    position = 0
    for start, end in [*spans, (len(text), len(text))]:
        pieces.append(text[position:start])
        offsets.extend(range(position, start))
        position = end
    return "".join(pieces), offsets


def _markup_balanced(text: str, fmt: DocumentFormat) -> bool:
    """Whether every inline element opened in ``text`` is closed in it, and vice versa."""
    if fmt == "md":
        markers = [marker.group() for marker in _MD_EMPHASIS.finditer(text)]
        return all(markers.count(marker) % 2 == 0 for marker in set(markers))
    if fmt != "html":
        return True
    open_tags: list[str] = []
    for tag in HTML_TAG.finditer(text):
        written = tag.group()
        if closing := _HTML_CLOSE_TAG.match(written):
            if not open_tags or open_tags.pop() != closing.group(1).lower():
                return False
        elif (opening := _HTML_OPEN_TAG.match(written)) and not written.endswith("/>"):
            name = opening.group(1).lower()
            if name not in VOID_TAGS:
                open_tags.append(name)
    return not open_tags
