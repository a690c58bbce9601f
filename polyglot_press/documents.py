"""Documents: reading press releases and splitting them into typed blocks.

A :class:`Document` is an ordered tuple of :class:`Block` objects. Each block keeps the markup
around its text (``prefix``/``suffix``) and the separator that followed it in the source, so a
document rendered back without translation equals its input up to whitespace and, in HTML, the
spelling of character references (``&eacute;`` comes back as ``é``, a bare ``&`` as ``&amp;``).
"""

from __future__ import annotations

import html
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from html.parser import HTMLParser
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from polyglot_press.errors import InputError

DocumentFormat = Literal["md", "txt", "html"]


class BlockKind(StrEnum):
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


DEFAULT_MAX_BYTES = 5_000_000

# --------------------------------------------------------------------------------------------
# Reading bytes
# --------------------------------------------------------------------------------------------

_FORMAT_BY_SUFFIX: dict[str, DocumentFormat] = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
}
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_CONTROL_BYTES = bytes(sorted(set(range(32)) - {9, 10, 12, 13} | {127}))
_WESTERN_CODECS = frozenset({"cp1252", "latin_1", "iso8859_15", "cp850", "mac_roman"})


def read_document(source: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a press release from a file path, or from standard input when ``source`` is ``"-"``.

    The bytes are decoded as UTF-8 (a BOM is dropped) or, failing that, with a detected
    encoding (recorded in ``Document.meta["encoding"]``), normalised to NFC, and parsed with
    :func:`parse_document`; the format comes from the file extension (``.md``, ``.html`` …) or
    is sniffed from the content for ``.txt``, other extensions and stdin.

    Raises:
        InputError: the file is missing, a directory, empty, binary, undecodable or larger
            than ``max_bytes``.
    """
    name = str(source)
    if name == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        name = "<stdin>"
        suffix = ""
    else:
        path = Path(source)
        if not path.exists():
            raise InputError(name, "no such file", hint="check the path and the file name")
        if path.is_dir():
            raise InputError(
                name,
                "is a directory",
                hint="pass the files in it (DIR/*.md), or use `polyglot-press batch` for folders",
            )
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_large(name, size, max_bytes)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(name, f"cannot be read ({exc.strerror})") from exc
        suffix = path.suffix.lower()
    if len(data) > max_bytes:
        raise _too_large(name, len(data), max_bytes)
    text, encoding = decode_bytes(data, source=name)
    text, repairs = repair_lost_nbsp(text)
    doc = parse_document(text, format=_FORMAT_BY_SUFFIX.get(suffix), source=name)
    meta = [("encoding", encoding)]
    if repairs:
        meta.append(("nbsp_repairs", str(repairs)))
    return replace(doc, meta_items=tuple(meta))


def _too_large(name: str, size: int, max_bytes: int) -> InputError:
    return InputError(
        name,
        f"file is {size:,} bytes, over the {max_bytes:,}-byte limit",
        hint="raise the limit with --max-bytes (max_bytes= in the library)",
    )


def decode_bytes(data: bytes, *, source: str = "<bytes>") -> tuple[str, str]:
    """Decode a document's bytes to NFC text; return ``(text, encoding)``.

    Raises:
        InputError: the bytes are empty, binary or cannot be decoded.
    """
    if not data.strip():
        raise InputError(source, "empty file", hint="the document has no text")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise _undecodable(source, codec) from exc
            return _normalise_text(text, source), codec.replace("-", "_")
    if b"\x00" in data:
        raise InputError(source, "binary file (contains NUL bytes)", hint="pass a text document")
    sample = data[:65536]
    if len(sample) - len(sample.translate(None, _CONTROL_BYTES)) > 0.1 * len(sample):
        raise InputError(
            source, "binary file (mostly control characters)", hint="pass a text document"
        )
    try:
        return _normalise_text(data.decode("utf-8"), source), "utf_8"
    except UnicodeDecodeError:
        pass
    guessed = _guess_codec(data)
    if guessed is None:
        raise _undecodable(source, None)
    return _normalise_text(data.decode(guessed, errors="replace"), source), guessed


def _guess_codec(data: bytes) -> str | None:
    # Western text is the common case for non-UTF-8 press releases; charset-normalizer often
    # picks a sibling code page for short French text, so cp1252 wins whenever it reads cleanly.
    for codec in ("cp1252", "latin_1"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _looks_western(text):
            return codec
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    encoding = str(best.encoding)
    return (
        "cp1252"
        if encoding in _WESTERN_CODECS and _looks_western(data.decode("cp1252", "replace"))
        else encoding
    )


def _looks_western(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    non_ascii = sum(not ch.isascii() for ch in letters)
    odd = sum(
        unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\t\n\r\f" for ch in text
    )
    return non_ascii <= 0.15 * len(letters) and odd == 0


def _undecodable(source: str, codec: str | None) -> InputError:
    how = f"as {codec}" if codec else "in any known encoding"
    return InputError(
        source,
        f"undecodable bytes (cannot be read {how})",
        hint="convert the file to UTF-8, e.g. with iconv -t UTF-8",
    )


def _normalise_text(text: str, source: str) -> str:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(source, "empty file", hint="the document has no text")
    return unicodedata.normalize("NFC", text)


# A "?" glued between a word and French high punctuation, or between digit groups, is a
# no-break space that a lossy encoding step replaced: "salariés?;" / "300?000".
_LOST_NARROW_NBSP = re.compile(r"(?<=\w)\?(?=[;!?](?:\s|$))|(?<=\d)\?(?=\d{3}\b)")
_LOST_NBSP = re.compile(r"(?<=\w)\?(?=[:»](?:\s|$))|(?<=«)\?(?=\w)")


def repair_lost_nbsp(text: str) -> tuple[str, int]:
    """Restore no-break spaces lost as ``?`` before French high punctuation; return the count.

    Only unambiguous patterns are repaired (``mot?;``, ``mot?:``, ``«?mot``, ``2?000``):
    a question mark is never followed by ``;`` or ``:`` in correct text.
    """
    text, narrow = _LOST_NARROW_NBSP.subn("\u202f", text)
    text, wide = _LOST_NBSP.subn("\u00a0", text)
    return text, narrow + wide


# --------------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------------

_HTML_SNIFF = re.compile(
    r"\A\s*(?:<!doctype\s+html|<html[\s>]|<\?xml)|<(?:p|div|h[1-6]|body|ul|li|br)\b[^>]*>",
    re.IGNORECASE,
)
_MD_SNIFF = re.compile(
    r"^#{1,6}[ \t]+\S|\*\*\S[^*\n]*\*\*|\[[^\]\n]+\]\([^)\s]+\)|<https?://[^>\s]+>|^```",
    re.MULTILINE,
)


def sniff_format(text: str) -> DocumentFormat:
    """Guess a document's format from its content: HTML tags, Markdown markup, or plain text."""
    head = text[:20000]
    if len(_HTML_SNIFF.findall(head)) >= 2 or re.match(r"\s*<(?:!doctype|html)", head, re.I):
        return "html"
    if _MD_SNIFF.search(head):
        return "md"
    return "txt"


def parse_document(
    text: str, *, format: DocumentFormat | None = None, source: str = "<text>"
) -> Document:
    """Split a document's text into typed blocks.

    ``format`` is sniffed from the content when ``None``. Leading whitespace of the document is
    dropped; everything else survives :func:`render_document` unchanged, except that HTML
    character references in prose are decoded (see :class:`Block`).
    """
    fmt = format or sniff_format(text)
    if fmt == "html":
        raw_blocks = _parse_html(text)
    elif fmt == "md":
        raw_blocks = _parse_lines(text, markdown=True)
    else:
        raw_blocks = _parse_lines(text, markdown=False)
    return Document(source=source, format=fmt, blocks=tuple(_classify(raw_blocks, fmt)))


def render_document(doc: Document) -> str:
    """Render a document back in its source format (prefix, text, suffix and separator).

    In HTML, a ``&`` in prose that does not start a character reference is written ``&amp;``,
    and the ``lang`` (and ``xml:lang``) attribute of the ``<html>`` start tag is set to
    ``doc.lang`` when that names another language (a translated document), so an untranslated
    document renders as it was read.
    """
    if doc.format != "html":
        return "".join(f"{b.prefix}{b.text}{b.suffix}{b.separator}" for b in doc.blocks)
    blocks = _relabel_html_lang(doc.blocks, doc.lang) if doc.lang else doc.blocks
    return "".join(
        f"{b.prefix}{b.text if b.kind is BlockKind.RAW else _encode_html_text(b.text)}"
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


# Markdown and plain text ------------------------------------------------------------------

_BLANK_RUN = re.compile(r"\n[ \t]*\n\s*")
_HEADING_LINE = re.compile(r"(#{1,6})([ \t]+)(.*)")
_LIST_MARKER = re.compile(r"([ \t]{0,3}(?:[-*+•]|\d{1,3}[.)])[ \t]+)(?=\S)")
_TXT_LIST_MARKER = re.compile(r"([ \t]{0,3}(?:[-*•]|\d{1,3}[.)])[ \t]+)(?=\S)")
_RULE_LINE = re.compile(r"[ \t]*(?:(?:[-*_][ \t]*){3,}|#{3}|-{1,2} ?30 ?-{1,2})[ \t]*")
_FENCE = re.compile(r"[ \t]{0,3}(```|~~~)")


def _parse_lines(text: str, *, markdown: bool) -> list[Block]:
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
        gap = re.match(r"\s*", body[end:])
        separator_end = end + (gap.end() if gap else 0)
        chunks.append((body[position:end], body[end:separator_end]))
        position = separator_end
    return chunks


def _chunk_blocks(chunk: str, separator: str, *, markdown: bool) -> list[Block]:
    lines = chunk.split("\n")
    if markdown and _FENCE.match(chunk):
        return [Block(BlockKind.RAW, chunk, separator=separator)]
    if all(_RULE_LINE.fullmatch(line) for line in lines):
        return [Block(BlockKind.RAW, chunk, separator=separator)]
    marker = _LIST_MARKER if markdown else _TXT_LIST_MARKER
    blocks: list[Block] = []
    current: list[str] = []

    def flush(next_separator: str) -> None:
        if current:
            joined = "\n".join(current)
            item = marker.match(joined)
            if item:
                blocks.append(
                    Block(
                        BlockKind.LIST_ITEM,
                        joined[item.end() :],
                        prefix=item.group(1),
                        separator=next_separator,
                    )
                )
            else:
                blocks.append(Block(BlockKind.PARAGRAPH, joined, separator=next_separator))
            current.clear()

    for line in lines:
        heading = _HEADING_LINE.fullmatch(line) if markdown else None
        if heading:
            flush("\n")
            hashes, spaces, title = heading.groups()
            blocks.append(
                Block(
                    BlockKind.HEADING,
                    title,
                    prefix=hashes + spaces,
                    separator="\n",
                    level=len(hashes),
                )
            )
        elif marker.match(line) and current and not _HARD_BREAK_END.search(current[-1]):
            flush("\n")
            current.append(line)
        else:
            current.append(line)
    flush(separator)
    if blocks:
        blocks[-1] = replace(blocks[-1], separator=separator)
    return blocks


_HARD_BREAK_END = re.compile(r"(?: {2}|\\)$")


# HTML -------------------------------------------------------------------------------------


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
_VOID_TAGS = _tags("area base br col embed hr img input link meta param source track wbr")
_SELF_CLOSING_GROUPS = ({"li"}, {"dt", "dd"}, {"td", "th"}, {"tr"}, {"option"})


@dataclass(slots=True)
class _Element:
    tag: str
    start: int
    open_end: int
    close_start: int = -1
    end: int = -1
    children: list[_Element] = field(default_factory=list)


class _SpanParser(HTMLParser):
    """Builds an element tree with exact source offsets (bs4 re-serialises markup)."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.root = _Element("#root", 0, 0)
        self.stack: list[_Element] = [self.root]

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _close(self, element: _Element, close_start: int, end: int) -> None:
        element.close_start, element.end = close_start, end

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        raw = self.get_starttag_text() or ""
        element = _Element(tag, start, start + len(raw))
        top = self.stack[-1]
        if tag in _BLOCKISH_TAGS and top.tag == "p":
            self._close(self.stack.pop(), start, start)
        else:
            for group in _SELF_CLOSING_GROUPS:
                if tag in group and top.tag in group:
                    self._close(self.stack.pop(), start, start)
        self.stack[-1].children.append(element)
        if tag in _VOID_TAGS or raw.endswith("/>"):
            self._close(element, element.open_end, element.open_end)
        else:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        raw = self.get_starttag_text() or ""
        element = _Element(tag, start, start + len(raw))
        self._close(element, element.open_end, element.open_end)
        self.stack[-1].children.append(element)

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        end = self.source.find(">", start) + 1 or len(self.source)
        if not any(element.tag == tag for element in self.stack[1:]):
            return
        while self.stack[-1].tag != tag:
            self._close(self.stack.pop(), start, start)
        self._close(self.stack.pop(), start, end)

    def finish(self) -> _Element:
        self.close()
        while len(self.stack) > 1:
            self._close(self.stack.pop(), len(self.source), len(self.source))
        return self.root


def _leaf_elements(element: _Element) -> Iterable[_Element]:
    for child in element.children:
        if child.tag in _OPAQUE_TAGS:
            continue
        if child.tag in _LEAF_TAGS and not _has_blockish(child):
            yield child
        else:
            yield from _leaf_elements(child)


def _has_blockish(element: _Element) -> bool:
    return any(c.tag in _BLOCKISH_TAGS or _has_blockish(c) for c in element.children)


def _parse_html(text: str) -> list[Block]:
    source = text.lstrip()
    parser = _SpanParser(source)
    parser.feed(source)
    root = parser.finish()
    blocks: list[Block] = []
    cursor = 0

    def add_gap(gap: str) -> None:
        stripped = gap.lstrip()
        if blocks:
            last = blocks[-1]
            blocks[-1] = replace(last, separator=last.separator + gap[: len(gap) - len(stripped)])
        if stripped:
            content = stripped.rstrip()
            blocks.append(Block(BlockKind.RAW, content, separator=stripped[len(content) :]))

    for leaf in _leaf_elements(root):
        if leaf.start < cursor:
            continue
        add_gap(source[cursor : leaf.start])
        inner = source[leaf.open_end : leaf.close_start]
        prefix, suffix = source[leaf.start : leaf.open_end], source[leaf.close_start : leaf.end]
        trailing = ""
        if not suffix:  # implicitly closed (<p>a<p>b): the whitespace before the next tag
            stripped = inner.rstrip()
            inner, trailing = stripped, inner[len(stripped) :]
        if not plain_text(inner, "html").strip():
            blocks.append(Block(BlockKind.RAW, prefix + inner + suffix, separator=trailing))
        else:
            kind, level = BlockKind.PARAGRAPH, 0
            if re.fullmatch(r"h[1-6]", leaf.tag):
                kind, level = BlockKind.HEADING, int(leaf.tag[1])
            elif leaf.tag == "li":
                kind = BlockKind.LIST_ITEM
            elif leaf.tag == "title":
                kind = BlockKind.PAGE_TITLE
            text = _decode_html_text(inner)
            blocks.append(
                Block(kind, text, prefix=prefix, suffix=suffix, separator=trailing, level=level)
            )
        cursor = leaf.end
    add_gap(source[cursor:])
    return blocks


#: An inline HTML tag or comment; a quoted attribute value may hold ">" but not "<".
HTML_TAG = re.compile(r"<!--.*?-->|<[A-Za-z/!?](?:[^<>\"']|\"[^\"<]*\"|'[^'<]*')*>", re.DOTALL)
# What html.unescape reads as a character reference (named ones may lack the semicolon).
_REFERENCE_BODY = r"(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)"
_CHARACTER_REFERENCE = re.compile("&" + _REFERENCE_BODY)
# A reference left encoded in prose, with what makes an escaped "&" necessary ("&amp;lt;").
_ENCODED_TEXT = re.compile(f"&amp;{_REFERENCE_BODY}|&{_REFERENCE_BODY}")


def inline_html_markup(text: str) -> list[tuple[int, int]]:
    """Where the tags and the still-encoded character references are in an HTML block's text.

    These ``(start, end)`` ranges are markup to carry over verbatim when translating.
    """
    ranges = []
    position = 0
    for tag in HTML_TAG.finditer(text):
        ranges.extend(_references(text, position, tag.start()))
        ranges.append(tag.span())
        position = tag.end()
    ranges.extend(_references(text, position, len(text)))
    return ranges


def _references(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [
        match.span()
        for match in _ENCODED_TEXT.finditer(text, start, end)
        if html.unescape(match.group()) != match.group()
    ]


def _is_reference_at(text: str, index: int) -> bool:
    match = _CHARACTER_REFERENCE.match(text, index)
    return match is not None and html.unescape(match.group()) != match.group()


def _prose_runs(text: str, convert: Callable[[str], str]) -> str:
    """``text`` with ``convert`` applied to the runs between HTML tags."""
    pieces = []
    position = 0
    for tag in HTML_TAG.finditer(text):
        pieces += [convert(text[position : tag.start()]), tag.group()]
        position = tag.end()
    pieces.append(convert(text[position:]))
    return "".join(pieces)


def _decode_html_text(text: str) -> str:
    """Decode the character references in the prose of an HTML block (see :class:`Block`)."""
    return _prose_runs(text, _decode_run) if "&" in text else text


def _decode_run(run: str) -> str:
    if "&" not in run or "<" in run:  # a stray "<" is malformed markup: keep the run as written
        return run
    parts: list[str] = []
    kept: set[int] = set()  # offsets (in the result) of references left encoded
    length = position = 0
    for match in _CHARACTER_REFERENCE.finditer(run):
        decoded = html.unescape(match.group())
        if "<" in decoded or ">" in decoded:  # decoded, it would read as markup
            decoded = match.group()
            kept.add(length + match.start() - position)
        parts += [run[position : match.start()], decoded]
        length += match.start() - position + len(decoded)
        position = match.end()
    parts.append(run[position:])
    decoded_run = "".join(parts)
    # An "&" that now starts something readable as a reference ("&amp;eacute;") stays escaped.
    return re.sub(
        "&",
        lambda amp: (
            "&amp;"
            if amp.start() not in kept and _is_reference_at(decoded_run, amp.start())
            else "&"
        ),
        decoded_run,
    )


def _encode_html_text(text: str) -> str:
    """The inverse of :func:`_decode_html_text`: escape each ``&`` that is not a reference."""
    return _prose_runs(text, _encode_run) if "&" in text else text


def _encode_run(run: str) -> str:
    return re.sub("&", lambda amp: "&" if _is_reference_at(run, amp.start()) else "&amp;", run)


# Inline markup ----------------------------------------------------------------------------

_MD_INLINE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"<((?:https?://|mailto:)[^>\s]+|[^>\s@]+@[^>\s@]+)>"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.S), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", re.S), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)", re.S), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"(?: {2,}|\\)\n"), "\n"),
)
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")


def plain_text(block_text: str, format: DocumentFormat) -> str:
    """A block's text without inline markup (Markdown emphasis and links, HTML tags, entities).

    For language detection and summaries; translation works on the text with markup.
    """
    if format == "md":
        for pattern, replacement in _MD_INLINE:
            block_text = pattern.sub(replacement, block_text)
        return block_text
    if format == "html":
        if "<" not in block_text:
            return _HTML_SPACE.sub(" ", html.unescape(block_text)).strip()
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(_HTML_BREAK.sub("\n", block_text), "html.parser")
        return _HTML_SPACE.sub(" ", soup.get_text()).strip()
    return block_text


# Classification ---------------------------------------------------------------------------

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
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?:\+|\b0)\d[\d .()\u00a0-]{7,}\d")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_LONE_URL = re.compile(r"\s*<?(?:https?://|www\.)\S+?>?\s*", re.IGNORECASE)


# Kinds that parsing settles: markup, and the HTML <title> (which is never the visible title).
_UNCLASSIFIED_KINDS = frozenset({BlockKind.RAW, BlockKind.PAGE_TITLE})


def _classify(blocks: list[Block], fmt: DocumentFormat) -> list[Block]:
    """Assign semantic kinds: title, dateline, contact and boilerplate sections."""
    texts = [plain_text(b.text, fmt).strip() for b in blocks]
    if fmt == "txt":
        blocks = [
            replace(b, kind=BlockKind.HEADING, level=2) if _is_txt_heading(b, t) else b
            for b, t in zip(blocks, texts, strict=True)
        ]
    result: list[Block] = []
    section: tuple[BlockKind, int] | None = None  # (kind, heading level) of an open section
    seen_prose = False
    for index, (block, text) in enumerate(zip(blocks, texts, strict=True)):
        if block.kind in _UNCLASSIFIED_KINDS:
            result.append(block)
            continue
        heading_like = block.kind is BlockKind.HEADING or _is_pseudo_heading(block, text)
        level = block.level if block.kind is BlockKind.HEADING else 7
        if heading_like and section and level <= section[1]:
            section = None
        if heading_like and _CONTACT_HEADING.search(text) and len(text) < 80:
            section = (BlockKind.CONTACT, level)
            result.append(replace(block, kind=BlockKind.CONTACT))
            continue
        if heading_like and _BOILERPLATE_HEADING.match(text):
            section = (BlockKind.BOILERPLATE, level)
            result.append(replace(block, kind=BlockKind.BOILERPLATE))
            continue
        if section and section[0] is BlockKind.CONTACT and not _looks_like_contact(text):
            section = None
        if section:
            result.append(replace(block, kind=section[0]))
            continue
        if _looks_like_contact(text):
            result.append(replace(block, kind=BlockKind.CONTACT))
            continue
        # A paragraph opening like a boilerplate heading is boilerplate only when it is short or
        # points somewhere ("Davantage d'information : <url>"), not "About 500 people said…".
        if _LONE_URL.fullmatch(text) or (
            _BOILERPLATE_HEADING.match(text) and (len(text) <= 100 or _URL.search(text))
        ):
            result.append(replace(block, kind=BlockKind.BOILERPLATE))
            continue
        if block.kind is BlockKind.HEADING and index == _first_content_index(blocks):
            result.append(replace(block, kind=BlockKind.TITLE, level=block.level or 1))
            continue
        if (
            fmt == "txt"
            and block.kind is BlockKind.PARAGRAPH
            and index == _first_content_index(blocks)
            and _is_short_line(text)
        ):
            result.append(replace(block, kind=BlockKind.TITLE, level=1))
            continue
        if block.kind is BlockKind.PARAGRAPH and not seen_prose:
            seen_prose = True
            result.extend(_split_dateline(block, fmt))
            continue
        result.append(block)
    return result


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
    if not (_EMAIL.search(text) or _PHONE.search(text)):
        return False
    prose = _EMAIL.sub("", _PHONE.sub("", _URL.sub("", text)))
    return len(prose.split()) <= 30 and prose.count(". ") <= 1


def _split_dateline(block: Block, fmt: DocumentFormat) -> list[Block]:
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
            if name not in _VOID_TAGS:
                open_tags.append(name)
    return not open_tags
