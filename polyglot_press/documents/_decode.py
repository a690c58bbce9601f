"""Bytes to text: BOMs, UTF-8, a guessed legacy encoding, NFC, and lost no-break spaces."""

from __future__ import annotations

import re
import unicodedata

from polyglot_press.errors import InputError

#: The largest input accepted unless told otherwise (the library's ``max_bytes=``, the CLI's
#: ``--max-bytes``, batches and Dask): far above any press release, well below a stray archive.
DEFAULT_MAX_BYTES = 5_000_000

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_CONTROL_BYTES = bytes(sorted(set(range(32)) - {9, 10, 12, 13} | {127}))
_WESTERN_CODECS = frozenset({"cp1252", "latin_1", "iso8859_15", "cp850", "mac_roman"})


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
