"""Reading a press release from a file, an e-mail's attachment or standard input.

Text files (Markdown, HTML, plain text), PDF, Word (``.docx``) and e-mail (``.eml``) are told
apart by their content (see :func:`~polyglot_press.documents._convert.detect_input_format`);
``message.eml#release.pdf`` names an attachment of an e-mail.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path

from polyglot_press.documents._convert import Converted, convert_bytes
from polyglot_press.documents._decode import DEFAULT_MAX_BYTES
from polyglot_press.documents._model import Document, DocumentFormat
from polyglot_press.documents._parse import parse_document
from polyglot_press.errors import InputError

#: The name that stands for standard input wherever a document path is expected.
STDIN = "-"
#: Between an e-mail's path and the name of one of its attachments: ``message.eml#release.pdf``.
ATTACHMENT_MARK = "#"

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
    when it must be sniffed from the content. PDF and Word files are read as the Markdown text
    of their content, e-mails as their body; ``meta_items`` then says what the input was
    (``input_format``: ``pdf``, ``docx`` or ``eml``; ``pages``; ``subject``, ``attachments``).

    Keep it when you need the text the block offsets refer to (line and column reports), so
    that standard input, which can be read only once, need not be read again.
    """

    name: str
    text: str
    encoding: str
    format: DocumentFormat | None = None
    nbsp_repairs: int = 0
    meta_items: tuple[tuple[str, str], ...] = ()

    def parse(self) -> Document:
        """The document, with ``meta`` saying how it was read (see :class:`Document`)."""
        doc = parse_document(self.text, format=self.format, source=self.name)
        meta = [("encoding", self.encoding)]
        if self.nbsp_repairs:
            meta.append(("nbsp_repairs", str(self.nbsp_repairs)))
        return replace(doc, meta_items=(*meta, *self.meta_items))


def read_source(source: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read a document's text from a file path, or from standard input when ``source`` is ``"-"``.

    Text is decoded as UTF-8 (a BOM is dropped) or, failing that, with a detected encoding,
    normalised to NFC, and lost no-break spaces are restored. PDF, Word and e-mail files are
    recognised by their content and read as text (see :class:`SourceText`); a path
    ``message.eml#name`` that is not a file of its own reads the attachment ``name``.

    Raises:
        InputError: the file is missing, a directory, empty, binary, undecodable or larger
            than ``max_bytes``; a PDF is broken, encrypted or scanned; an attachment is missing.
    """
    name = str(source)
    if name == STDIN:
        name, suffix = "<stdin>", ""
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        path = Path(source)
        attachment = _attachment_path(path)
        if attachment is not None:
            return read_attachment(attachment[0], attachment[1], max_bytes=max_bytes)
        data, suffix = _read_file(path, max_bytes), path.suffix.lower()
    if len(data) > max_bytes:
        raise _too_large(name, len(data), max_bytes)
    return _source_text(name, convert_bytes(data, source=name, suffix=suffix), suffix)


def read_attachment(
    message: str | Path, attachment: str, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> SourceText:
    """Read the attachment named ``attachment`` of the e-mail file ``message``.

    The document is named ``message#attachment``; its format comes from its content.

    Raises:
        InputError: the e-mail cannot be read, or has no release attachment by that name.
    """
    from polyglot_press.documents._email import read_email

    container = str(message)
    name = f"{container}{ATTACHMENT_MARK}{attachment}"
    mail = read_email(_read_file(Path(message), max_bytes), source=container)
    found = next((a for a in mail.attachments if a.name == attachment), None)
    if found is None:
        names = ", ".join(a.name for a in mail.attachments) or "none"
        raise InputError(
            name,
            "the e-mail has no release attachment by that name",
            hint=f"its release attachments: {names}",
        )
    if len(found.data) > max_bytes:
        raise _too_large(name, len(found.data), max_bytes)
    suffix = Path(attachment).suffix.lower()
    converted = convert_bytes(found.data, source=name, suffix=suffix)
    return _source_text(name, converted, suffix)


def _attachment_path(path: Path) -> tuple[Path, str] | None:
    """``(e-mail, attachment name)`` for ``message.eml#name`` when that is not a file itself."""
    text = str(path)
    if ATTACHMENT_MARK not in text or path.exists():
        return None
    container, _, member = text.rpartition(ATTACHMENT_MARK)
    return (Path(container), member) if member and Path(container).is_file() else None


def _source_text(name: str, converted: Converted, suffix: str) -> SourceText:
    fmt = converted.format
    if fmt is None:
        fmt = _FORMAT_BY_SUFFIX.get(suffix)
    return SourceText(
        name, converted.text, converted.encoding, fmt, converted.nbsp_repairs, converted.meta
    )


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
        if path.is_symlink():
            raise InputError(
                name,
                "is a symbolic link to nothing (broken, or a loop)",
                hint="point the link at the release file, or remove it",
            )
        raise InputError(name, "no such file", hint="check the path and the file name")
    if path.is_dir():
        raise InputError(
            name,
            "is a directory",
            hint="pass the files in it (DIR/*.md), or use `polyglot-press batch` for folders",
        )
    if not path.is_file():
        # Reading a named pipe waits for a writer forever; a device may never end.
        raise InputError(
            name,
            "is not a regular file (a named pipe, socket or device)",
            hint="save its content to a file and pass that",
        )
    size = path.stat().st_size
    if size > max_bytes:
        raise _too_large(name, size, max_bytes)
    try:
        with path.open("rb") as handle:  # at most one byte over: a file may grow meanwhile
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror})") from exc
    if len(data) > max_bytes:
        raise _too_large(name, len(data), max_bytes)
    return data


def _too_large(name: str, size: int, max_bytes: int) -> InputError:
    return InputError(
        name,
        f"file is {size:,} bytes, over the {max_bytes:,}-byte limit",
        hint="raise the limit with --max-bytes (max_bytes= in the library)",
    )


def email_attachments(message: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[str]:
    """The names of an e-mail file's release attachments (PDF, DOCX, HTML, text, Markdown),
    as :func:`read_attachment` takes them; ``[]`` for a file that is not an e-mail.

    Raises:
        InputError: the file cannot be read or is larger than ``max_bytes``.
    """
    from polyglot_press.documents._convert import detect_input_format
    from polyglot_press.documents._email import read_email

    path = Path(message)
    data = _read_file(path, max_bytes)
    try:
        if detect_input_format(data, path.suffix) != "eml":
            return []
    except InputError:
        return []
    return [attachment.name for attachment in read_email(data, source=str(path)).attachments]
