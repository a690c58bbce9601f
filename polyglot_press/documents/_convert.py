"""Bytes of any supported input to text the parser reads: the format is told by the content
(magic bytes, an e-mail's header block), the file name's suffix only breaking ties."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Literal

from polyglot_press.documents._decode import decode_bytes, repair_lost_nbsp
from polyglot_press.documents._model import DocumentFormat
from polyglot_press.documents._parse import sniff_format
from polyglot_press.errors import InputError

__all__ = ["Converted", "InputFormat", "convert_bytes", "detect_input_format"]

#: What a file holds: a PDF, a Word document, an e-mail, or text (Markdown, HTML, plain).
InputFormat = Literal["pdf", "docx", "eml", "text"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SUFFIX_FORMATS: dict[str, InputFormat] = {".pdf": "pdf", ".docx": "docx", ".eml": "eml"}


@dataclass(frozen=True, slots=True)
class Converted:
    """An input's text, its format (``None``: sniff it), how it was decoded, and facts about
    the input as ``(name, value)`` pairs (``input_format``, ``pages``, ``subject`` …)."""

    text: str
    format: DocumentFormat | None
    encoding: str
    nbsp_repairs: int = 0
    meta: tuple[tuple[str, str], ...] = ()


def detect_input_format(data: bytes, suffix: str = "") -> InputFormat:
    """What ``data`` holds, from its content; ``suffix`` (``".pdf"`` …) decides only for
    content that is neither text nor a known format, so that its reader says what is wrong.

    Raises:
        InputError: a legacy Word (``.doc``) or other OLE file.
    """
    from polyglot_press.documents._email import looks_like_email

    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04") and _is_docx(data):
        return "docx"
    if data.startswith(_OLE_MAGIC):
        raise InputError(
            "<bytes>",
            "a legacy Word (.doc) or other Office 97 file, which is not read",
            hint="save it as .docx or PDF",
        )
    if looks_like_email(data):
        return "eml"
    suffix_format = _SUFFIX_FORMATS.get(suffix.lower())
    if suffix_format is not None and (suffix_format == "eml" or not _is_text(data)):
        return suffix_format
    return "text"


def convert_bytes(data: bytes, *, source: str, suffix: str = "") -> Converted:
    """The text of an input's bytes, ready for :func:`parse_document`.

    Raises:
        InputError: the input is empty, binary, undecodable, a broken, encrypted or scanned
            PDF, or a broken Word file or e-mail.
    """
    try:
        kind = detect_input_format(data, suffix)
    except InputError as error:
        raise InputError(source, error.reason, hint=error.hint) from error
    if kind == "pdf":
        from polyglot_press.documents._pdf import pdf_to_markdown

        text, pages = pdf_to_markdown(data, source=source)
        return _converted(text, "pdf", (("pages", str(pages)),))
    if kind == "docx":
        from polyglot_press.documents._docx import docx_to_markdown

        text, _ = docx_to_markdown(data, source=source)
        return _converted(text, "docx", ())
    if kind == "eml":
        return _email_text(data, source)
    text, encoding = decode_bytes(data, source=source)
    text, repairs = repair_lost_nbsp(text)
    return Converted(text, None, encoding, repairs)


def _converted(text: str, kind: str, meta: tuple[tuple[str, str], ...]) -> Converted:
    text, repairs = repair_lost_nbsp(text)
    return Converted(text, "md", "utf_8", repairs, (("input_format", kind), *meta))


def _email_text(data: bytes, source: str) -> Converted:
    from polyglot_press.documents._email import read_email
    from polyglot_press.documents._headline import has_title, with_headline

    mail = read_email(data, source=source)
    meta = [("input_format", "eml"), ("charset", mail.charset)]
    if mail.subject:
        meta.append(("subject", mail.subject))
    if mail.attachments:
        meta.append(("attachments", ", ".join(a.name for a in mail.attachments)))
    text, fmt = mail.text, mail.format
    if not text.strip():
        if mail.attachments or not mail.subject:
            raise InputError(
                source,
                "the e-mail has no text"
                + (" of its own (its attachments are read one by one)" if mail.attachments else ""),
                hint=(
                    "use `polyglot-press batch` on it, or name an attachment as FILE.eml#NAME"
                    if mail.attachments
                    else "the message has no body, subject or attachment: check it is the one meant"
                ),
            )
        text, fmt = mail.subject, "txt"
    elif mail.subject and not has_title(text, fmt):
        text, fmt = with_headline(text, mail.subject, fmt)
    text, repairs = repair_lost_nbsp(text)
    fmt = fmt or sniff_format(text)
    return Converted(text, fmt, _codec(mail.charset), repairs, tuple(meta))


def _codec(charset: str) -> str:
    import codecs

    try:
        return codecs.lookup(charset).name.replace("-", "_")
    except LookupError:
        return "utf_8"


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _is_text(data: bytes) -> bool:
    try:
        decode_bytes(data)
    except InputError:
        return False
    return True
