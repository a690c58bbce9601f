"""E-mail (``.eml``) with the standard library's :mod:`email`: the body (HTML part, else the
plain part) decoded from its transfer encoding and charset, quoted replies and signatures
dropped, and the attachments that are releases (PDF, DOCX, HTML, text, Markdown)."""

from __future__ import annotations

import contextlib
import email
import email.policy
import re
from dataclasses import dataclass
from email.message import EmailMessage, Message
from pathlib import PurePath

from polyglot_press.documents._decode import decode_bytes
from polyglot_press.documents._html import Element, element_tree
from polyglot_press.documents._model import DocumentFormat
from polyglot_press.errors import InputError

__all__ = ["RELEASE_SUFFIXES", "Attachment", "MailBody", "looks_like_email", "read_email"]

#: Attachments read as releases of their own, by file name suffix.
RELEASE_SUFFIXES = frozenset({".pdf", ".docx", ".html", ".htm", ".txt", ".md", ".markdown"})
_SUFFIX_BY_TYPE = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "text/html": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
}
_HEADER_LINE = re.compile(rb"[A-Za-z][A-Za-z0-9-]*:[ \t]?.*|[ \t]+\S.*")
_MAIL_HEADERS = frozenset(
    {b"mime-version", b"message-id", b"received", b"return-path", b"content-type"}
)
_SUBJECT_PREFIX = re.compile(
    r"^\s*(?:(?:re|fwd?|tr|fw|réf?|aw|wg)\s*:\s*|\[[^\]]{0,40}\]\s*)+", re.I
)
# Where the message's own text ends in a plain-text body: a signature, a quoted reply.
_PLAIN_CUT = re.compile(
    r"^(?:-- ?|__+|Envoyé de mon \w+.*|Sent from my \w+.*|-{2,}\s*(?:Original Message|Message "
    r"d'origine|Mail original|Message original)\s*-{2,}|(?:Le|On) .{6,160}(?:a écrit|wrote)\s?:)$",
    re.IGNORECASE | re.MULTILINE,
)
_FORWARD_MARK = re.compile(
    r"^-{3,}\s*(?:Forwarded message|Message transféré)\s*-{3,}\n(?:[\w -]{1,20}:.*\n)*",
    re.IGNORECASE | re.MULTILINE,
)
# Where the message's own text ends in an HTML body: quotes and signatures of common mailers,
# as (tag or None, attribute, value); a ``class`` value is one of the element's classes.
_HTML_CUTS: tuple[tuple[str | None, str, str], ...] = (
    ("blockquote", "type", "cite"),
    (None, "class", "gmail_quote"),
    (None, "class", "gmail_signature"),
    (None, "data-smartmail", "gmail_signature"),
    (None, "class", "moz-cite-prefix"),
    (None, "class", "moz-signature"),
    (None, "class", "yahoo_quoted"),
    (None, "id", "divRplyFwdMsg"),
    (None, "id", "appendonsend"),
    (None, "id", "Signature"),
    ("div", "class", "signature"),
)


@dataclass(frozen=True, slots=True)
class Attachment:
    """A release attached to an e-mail: its (unique, path-safe) name and its bytes."""

    name: str
    content_type: str
    data: bytes


@dataclass(frozen=True, slots=True)
class MailBody:
    """An e-mail's own text (``format`` ``html`` or sniffed later when ``None``), its subject,
    the charset it was declared in, and its release attachments."""

    text: str
    format: DocumentFormat | None
    subject: str
    charset: str
    attachments: tuple[Attachment, ...]


def looks_like_email(data: bytes) -> bool:
    """Whether ``data`` opens with an e-mail's header block (From plus a transport header)."""
    head = data[:16384].replace(b"\r\n", b"\n")
    block, blank, _ = head.partition(b"\n\n")
    lines = block.split(b"\n")
    if not blank or len(lines) < 3 or not all(_HEADER_LINE.fullmatch(line) for line in lines):
        return False
    names = {line.split(b":", 1)[0].lower() for line in lines if not line[:1].isspace()}
    return b"from" in names and bool(names & _MAIL_HEADERS)


#: Characters of a header value parsed; the rest is dropped. The standard parser's time and
#: memory grow faster than a header's length: 300,000 encoded words in a Subject took 6 GB.
MAX_HEADER_CHARS = 16_384


class _BoundedPolicy(email.policy.EmailPolicy):
    """The default policy, with each header value cut to :data:`MAX_HEADER_CHARS` (at a space)
    before it is parsed. Headers are parsed when read, so this covers every part's."""

    def header_fetch_parse(self, name: str, value: str) -> str:
        if len(value) > MAX_HEADER_CHARS:
            cut = value.rfind(" ", 0, MAX_HEADER_CHARS)
            value = value[: cut if cut > 0 else MAX_HEADER_CHARS]
        return super().header_fetch_parse(name, value)  # type: ignore[no-any-return]


_POLICY = _BoundedPolicy()


def read_email(data: bytes, *, source: str) -> MailBody:
    """The e-mail's body, subject and release attachments.

    Raises:
        InputError: the message cannot be parsed.
    """
    try:
        message = email.message_from_bytes(data, policy=_POLICY)
    except Exception as error:  # the parser is lenient; this is a safety net
        raise InputError(source, f"not a readable e-mail ({error})") from error
    assert isinstance(message, EmailMessage)
    subject = _SUBJECT_PREFIX.sub("", str(message.get("Subject") or "")).strip()
    body = message.get_body(preferencelist=("html", "plain"))
    text, charset = "", "utf-8"
    fmt: DocumentFormat | None = None
    if body is not None:
        charset = body.get_content_charset() or "utf-8"
        text = _part_text(body, source)
        if body.get_content_subtype() == "html":
            text, fmt = _cut_html(text), "html"
        else:
            text = _cut_plain(text)
    return MailBody(text, fmt, subject, charset, _attachments(message, body))


def _part_text(part: Message, source: str) -> str:
    payload = part.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    charset = part.get_content_charset()
    if charset:
        # A wrong or unknown declaration: let the decoder guess.
        with contextlib.suppress(LookupError, UnicodeDecodeError):
            data = data.decode(charset).encode("utf-8")
    if not data.strip():
        return ""
    return decode_bytes(data, source=source)[0]


def _cut_plain(text: str) -> str:
    text = _FORWARD_MARK.sub("", text)
    cut = _PLAIN_CUT.search(text)
    kept = text[: cut.start()] if cut else text
    lines = [line for line in kept.split("\n") if not line.startswith(">")]
    return "\n".join(lines).strip()


def _cut_html(text: str) -> str:
    """The HTML body without its quoted replies and signatures, the rest as written."""
    if not any(mark in text for mark in ("quote", "signature", "cite", "Rply", "appendonsend")):
        return text
    cuts: list[tuple[int, int]] = []
    pending = [element_tree(text)]
    while pending:
        element = pending.pop()
        if _is_quote_or_signature(element):
            cuts.append((element.start, element.end))  # and nothing below it
        else:
            pending.extend(element.children)
    kept, position = [], 0
    for start, end in sorted(cuts):
        kept.append(text[position:start])
        position = end
    return "".join(kept) + text[position:]


def _is_quote_or_signature(element: Element) -> bool:
    attrs = {name: value or "" for name, value in element.attrs}
    for tag, name, value in _HTML_CUTS:
        if tag is not None and element.tag != tag:
            continue
        written = attrs.get(name)
        if written is not None and (
            value in written.split() if name == "class" else written == value
        ):
            return True
    return False


def _attachments(message: EmailMessage, body: Message | None) -> tuple[Attachment, ...]:
    found: list[Attachment] = []
    taken: set[str] = set()
    for part in message.walk():
        if part is body or part.is_multipart():
            continue
        filename = part.get_filename()
        if filename is None and part.get_content_disposition() != "attachment":
            continue  # the body's other alternative, or an inline piece of it
        content_type = part.get_content_type()
        suffix = PurePath(filename).suffix.lower() if filename else ""
        if suffix not in RELEASE_SUFFIXES:
            suffix = _SUFFIX_BY_TYPE.get(content_type, "")
            if not suffix or (filename and PurePath(filename).suffix):
                continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes) or not payload.strip():
            continue
        base = filename or f"attachment-{len(found) + 1}"
        base = base if base.lower().endswith(suffix) else base + suffix
        name = _unique_name(base, suffix, taken)
        found.append(Attachment(name, content_type, payload))
    return tuple(found)


def _unique_name(filename: str, suffix: str, taken: set[str]) -> str:
    name = re.sub(r"[\\/#\x00-\x1f]+", "_", PurePath(filename.replace("\\", "/")).name).strip()
    name = name or f"attachment{suffix}"
    stem, ext = (name[: -len(suffix)], suffix) if name.lower().endswith(suffix) else (name, "")
    candidate, count = name, 1
    while candidate.lower() in taken:
        count += 1
        candidate = f"{stem}-{count}{ext}"
    taken.add(candidate.lower())
    return candidate
