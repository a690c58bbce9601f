"""A block's text as plain text: its Markdown or HTML inline markup removed, character
references decoded once.

In HTML the block text holds the references that would read as markup once decoded (``&lt;``,
``&amp;lt;``; see :class:`~polyglot_press.documents.Block`): they are decoded here, once, so
``&lt;b&gt;`` reads ``<b>`` and ``&amp;lt;`` reads ``&lt;``. In Markdown the references
CommonMark reads (``&amp;``, ``&eacute;``, ``&#233;``, with their semicolon) are decoded, and a
backslash escape (``\\*``) gives its character.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from polyglot_press.documents._model import Block, BlockKind, DocumentFormat

__all__ = ["block_plain_text", "contact_text", "plain_text"]

_MD_INLINE: tuple[tuple[re.Pattern[str], str], ...] = (
    # Link targets may hold one level of parentheses (Wikipedia's); no class spans a "[" or
    # "(" of the next link, so a run of "[a](" costs linear time.
    (re.compile(r"!\[([^\[\]]*)\]\((?:[^()]|\([^()]*\))*\)"), r"\1"),
    (re.compile(r"\[([^\[\]]+)\]\((?:[^()]|\([^()]*\))*\)"), r"\1"),
    (re.compile(r"<((?:https?://|mailto:)[^<>\s]+|[^<>\s@]+@[^<>\s@]+)>"), r"\1"),
    # Raw HTML in Markdown: a line break, then any other tag or comment.
    (re.compile(r"<br\s*/?>[ \t]*\n?", re.IGNORECASE), "\n"),
    # Neither a comment nor an emphasis may hold the opening of another: a search from each
    # opener stops at the next one, so 200,000 unclosed "**a " or "<!--" cost linear time.
    (re.compile(r"<!--(?:(?!<!--).)*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", re.S), ""),
    (
        re.compile(
            r"\*\*(?=\S)((?:[^*]|\*(?!\*))+?)(?<=\S)\*\*|__(?=\S)((?:[^_]|_(?!_))+?)(?<=\S)__"
        ),
        r"\1\2",
    ),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)((?:[^_]|(?<=\w)_(?=\w))+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"(?<! ) {2,}\n|\\\n"), "\n"),
)
_MD_CODE = re.compile(r"`([^`]*)`")
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
#: A character reference as CommonMark reads it: with its semicolon.
_MD_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Stand-ins for what must come out literally (code spans, escaped characters).
_HOLD_OPEN, _HOLD_CLOSE = "\ue000", "\ue001"
_HELD = re.compile(f"{_HOLD_OPEN}([0-9]+){_HOLD_CLOSE}")
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")
# An e-mail address or URL between angle brackets is text, not a tag, in HTML prose too.
_BRACKETED_ADDRESS = re.compile(r"<((?:https?://|mailto:)[^<>\s]+|[^<>\s@/\"'=]+@[^<>\s@]+)>")
_LINE_BREAK = "\n"


def plain_text(block_text: str, format: DocumentFormat) -> str:
    """A block's text without inline markup (Markdown emphasis and links, HTML tags, entities).

    For language detection and summaries; translation works on the text with markup. In HTML
    whitespace runs become one space; in Markdown the lines are kept.
    """
    if format == "md":
        return _markdown_plain(block_text)
    if format == "html":
        return _HTML_SPACE.sub(" ", _html_plain(block_text)).strip()
    return block_text


def block_plain_text(block: Block, format: DocumentFormat) -> str:
    """A block's plain text: a contact's text as it is (already plain, one line per line),
    any other block's through :func:`plain_text`."""
    if block.kind is BlockKind.CONTACT:
        return block.text
    return plain_text(block.text, format)


def contact_text(block_text: str, format: DocumentFormat) -> str:
    """A contact block's text as plain lines, verbatim: the markup removed, each line break
    (``<br>``, a Markdown hard break or a new line) kept as one ``\\n``."""
    if format == "html":
        lines = _html_plain(block_text, line_break="\0").split("\0")
        lines = [_HTML_SPACE.sub(" ", line).strip() for line in lines]
    else:
        lines = [line.strip() for line in plain_text(block_text, format).split("\n")]
    return "\n".join(line for line in lines if line)


def _markdown_plain(text: str) -> str:
    held: list[str] = []

    def hold(literal: str) -> str:
        held.append(literal)
        return f"{_HOLD_OPEN}{len(held) - 1}{_HOLD_CLOSE}"

    protect = _HOLD_OPEN not in text and _HOLD_CLOSE not in text
    if protect:
        text = _MD_CODE.sub(lambda code: hold(code.group(1)), text)
        text = _MD_ESCAPE.sub(lambda escape: hold(escape.group(1)), text)
    else:
        text = _MD_CODE.sub(r"\1", text)
    for pattern, replacement in _MD_INLINE:
        text = pattern.sub(replacement, text)
    if "&" in text:
        text = _MD_REFERENCE.sub(lambda reference: html.unescape(reference.group()), text)
    return _HELD.sub(lambda mark: held[int(mark.group(1))], text) if protect else text


class _TextParser(HTMLParser):
    """The text of an HTML fragment: data only (character references decoded once), ``<br>``
    as ``line_break``, nothing from scripts and styles."""

    def __init__(self, line_break: str) -> None:
        super().__init__(convert_charrefs=True)
        self.line_break = line_break
        self.pieces: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.pieces.append(self.line_break)
        elif tag in ("script", "style"):
            self.hidden += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.pieces.append(self.line_break)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.pieces.append(data)


def _html_plain(text: str, *, line_break: str = _LINE_BREAK) -> str:
    if "<" not in text:
        return html.unescape(text) if "&" in text else text
    parser = _TextParser(line_break)
    source = _BRACKETED_ADDRESS.sub(r"&lt;\1&gt;", without_unclosed_comment(text))
    parser.feed(mask_stray_brackets(source))
    parser.close()
    return "".join(parser.pieces).replace(STRAY_BRACKET, "<")


def without_unclosed_comment(source: str) -> str:
    """``source`` up to a comment that is never closed: a browser reads the rest as that
    comment, and html.parser, looking for its end again at every later ``<!--``, takes time
    quadratic in their number (200,000 of them: minutes)."""
    start = source.find("<!--")
    while start != -1:
        end = source.find("-->", start + 4)
        if end == -1:
            return source[:start]
        start = source.find("<!--", end + 3)
    return source


#: Stands for a ``<`` that opens no tag, in the copy of a source html.parser reads (one
#: character for one, so offsets into the copy are offsets into the source).
STRAY_BRACKET = "\ufffc"
# A "<" whose next "<" (or the end) comes before any ">": it cannot open a tag. Comments are
# left alone ("<!-- <p>old</p> -->"). The lookahead stops at the next bracket: linear.
_STRAY = re.compile(r"<(?!!--)(?=[^<>]*(?:<|\Z))")


def mask_stray_brackets(source: str) -> str:
    """``source`` with each ``<`` that cannot open a tag replaced by :data:`STRAY_BRACKET`.

    html.parser looks for the end of such a "tag" again at every later ``<`` (200,000 of
    ``<a `` or ``</``: minutes); a browser shows it as text, and so does the parser then.
    """
    return _STRAY.sub(STRAY_BRACKET, source) if "<" in source else source
