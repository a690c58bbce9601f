"""Reading a press release from a file or standard input."""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path

from polyglot_press.documents._decode import DEFAULT_MAX_BYTES, decode_bytes, repair_lost_nbsp
from polyglot_press.documents._model import Document, DocumentFormat
from polyglot_press.documents._parse import parse_document
from polyglot_press.errors import InputError

#: The name that stands for standard input wherever a document path is expected.
STDIN = "-"

_FORMAT_BY_SUFFIX: dict[str, DocumentFormat] = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
}


@dataclass(frozen=True, slots=True)
class SourceText:
    """A document's text as read from a file or standard input, before parsing.

    ``name`` is the path as given, or ``"<stdin>"``; ``text`` is decoded, normalised to NFC
    and has its lost no-break spaces restored (``nbsp_repairs`` counts them); ``encoding`` is
    the codec the bytes were decoded with; ``format`` comes from the file extension, ``None``
    when it must be sniffed from the content.

    Keep it when you need the text the block offsets refer to (line and column reports), so
    that standard input, which can be read only once, need not be read again.
    """

    name: str
    text: str
    encoding: str
    format: DocumentFormat | None = None
    nbsp_repairs: int = 0

    def parse(self) -> Document:
        """The document, with ``meta`` saying how it was read (see :class:`Document`)."""
        doc = parse_document(self.text, format=self.format, source=self.name)
        meta = [("encoding", self.encoding)]
        if self.nbsp_repairs:
            meta.append(("nbsp_repairs", str(self.nbsp_repairs)))
        return replace(doc, meta_items=tuple(meta))


def read_source(source: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read a document's text from a file path, or from standard input when ``source`` is ``"-"``.

    The bytes are decoded as UTF-8 (a BOM is dropped) or, failing that, with a detected
    encoding, normalised to NFC, and lost no-break spaces are restored.

    Raises:
        InputError: the file is missing, a directory, empty, binary, undecodable or larger
            than ``max_bytes``.
    """
    name = str(source)
    if name == STDIN:
        name, suffix = "<stdin>", ""
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        path = Path(source)
        data, suffix = _read_file(path, max_bytes), path.suffix.lower()
    if len(data) > max_bytes:
        raise _too_large(name, len(data), max_bytes)
    text, encoding = decode_bytes(data, source=name)
    text, repairs = repair_lost_nbsp(text)
    return SourceText(name, text, encoding, _FORMAT_BY_SUFFIX.get(suffix), repairs)


def read_document(source: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a press release from a file path, or from standard input when ``source`` is ``"-"``.

    The text is read as :func:`read_source` does (the encoding is recorded in
    ``Document.meta["encoding"]``) and parsed with :func:`parse_document`; the format comes from
    the file extension (``.md``, ``.html`` …) or is sniffed from the content for ``.txt``,
    other extensions and standard input.

    Raises:
        InputError: the file is missing, a directory, empty, binary, undecodable or larger
            than ``max_bytes``.
    """
    return read_source(source, max_bytes=max_bytes).parse()


def _read_file(path: Path, max_bytes: int) -> bytes:
    name = str(path)
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
        return path.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror})") from exc


def _too_large(name: str, size: int, max_bytes: int) -> InputError:
    return InputError(
        name,
        f"file is {size:,} bytes, over the {max_bytes:,}-byte limit",
        hint="raise the limit with --max-bytes (max_bytes= in the library)",
    )
