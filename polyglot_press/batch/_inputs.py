"""Inputs of a batch: files, folders, globs, JSONL records, e-mail attachments and standard
input, as documents."""

from __future__ import annotations

import glob
import hashlib
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING

from polyglot_press.errors import InputError, PolyglotPressError

if TYPE_CHECKING:
    from polyglot_press.documents import RecordFields

__all__ = [
    "DOCUMENT_SUFFIXES",
    "InputItem",
    "RecordRef",
    "expand_inputs",
    "record_text",
    "safe_id",
]

DOCUMENT_SUFFIXES = frozenset(
    {".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".eml"}
)
#: An e-mail's body is left out of a batch when it is this short and has release attachments
#: ("Please find our release attached"): the attachments are the releases.
_COVER_NOTE_WORDS = 40
#: Document ids (and so output file names) are cut to this many bytes of UTF-8.
MAX_ID_BYTES = 200
#: A JSONL file larger than this, or with more records, is refused; a record (one line) longer
#: than this is a failed input of its own (the default --max-bytes of a file is 5 MB). Records
#: are read again when their turn comes, so a run holds a few hundred bytes per record.
MAX_JSONL_BYTES = 1 << 30
MAX_JSONL_RECORDS = 1_000_000
MAX_RECORD_CHARS = 5_000_000
_UNSAFE = re.compile(r"[^\w.-]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class RecordRef:
    """Where a JSONL record is: its file, the byte offset of its line, the fields to read."""

    path: Path
    offset: int
    fields: RecordFields | None = None


@dataclass(frozen=True, slots=True)
class InputItem:
    """One document to process: a file, standard input, a text in memory, or a record of a
    JSONL file (read when its turn comes: :func:`record_text`)."""

    label: str
    doc_id: str
    path: Path | None = None
    text: str | None = None
    problem: str | None = None  # why the input cannot be read, found while listing inputs
    record: RecordRef | None = None


def safe_id(text: str) -> str:
    """A file-name-safe document id (keeps letters and digits of any script).

    At most :data:`MAX_ID_BYTES` bytes of UTF-8, since file systems limit names in bytes (255)
    and outputs add ``.brief.json`` and a temporary suffix: a longer id is cut at a character
    boundary and ends in a hash of the whole, so that two long ids stay two documents.
    """
    cleaned = _UNSAFE.sub("_", text).strip("._") or "document"
    encoded = cleaned.encode("utf-8")
    if len(encoded) <= MAX_ID_BYTES:
        return cleaned
    digest = hashlib.sha1(encoded).hexdigest()[:12]
    head = encoded[: MAX_ID_BYTES - len(digest) - 1].decode("utf-8", errors="ignore")
    return f"{head.rstrip('._')}-{digest}"


def _jsonl_items(path: Path, fields: RecordFields | None) -> Iterator[InputItem]:
    """One item per record, with its id, from the fields named in ``fields`` or recognised by
    their common names. Each record is checked now (so that a bad one is reported at once) and
    its text let go: :func:`record_text` reads it again."""
    try:
        size = path.stat().st_size
        if size > MAX_JSONL_BYTES:
            raise InputError(
                str(path),
                f"JSONL file of {size:,} bytes, over the {MAX_JSONL_BYTES:,} limit",
                hint="split it into several files",
            )
        with path.open("rb") as handle:
            yield from _records(path, handle, fields)
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), f"cannot read JSONL: {error}") from error


def _records(path: Path, handle: IO[bytes], fields: RecordFields | None) -> Iterator[InputItem]:
    from polyglot_press.documents import read_record

    offset, count = 0, 0
    for number, raw in enumerate(handle, start=1):
        start, offset = offset, offset + len(raw)
        try:
            line, utf8 = raw.decode("utf-8"), True
        except UnicodeDecodeError:  # a record, reported below: one bad line is not a bad file
            line, utf8 = raw.decode("utf-8", errors="replace"), False
        if number == 1:
            line = line.removeprefix("\ufeff")  # as Excel and Windows tools write UTF-8
        if not line.strip():
            continue
        count += 1
        if count > MAX_JSONL_RECORDS:
            raise InputError(
                str(path),
                f"more than {MAX_JSONL_RECORDS:,} records in one JSONL file",
                hint="split it into several files",
            )
        label = f"{path}:{number}"
        fallback_id = safe_id(f"{path.stem}-{number}")
        if len(line) > MAX_RECORD_CHARS:
            problem = f"record of {len(line):,} characters, over the {MAX_RECORD_CHARS:,} limit"
            yield InputItem(label, fallback_id, problem=problem)
            continue
        if not utf8:
            problem = "not UTF-8 text (save the file as UTF-8)"
            yield InputItem(label, fallback_id, problem=problem)
            continue
        try:
            record = read_record(json.loads(line), fields, source=label)
        except (json.JSONDecodeError, RecursionError) as error:
            reason = getattr(error, "msg", "nested too deeply")
            yield InputItem(label, fallback_id, problem=f"not valid JSON ({reason})")
            continue
        except InputError as error:
            hint = f" ({error.hint})" if error.hint else ""
            yield InputItem(label, fallback_id, problem=error.reason + hint)
            continue
        doc_id = safe_id(record.id) if record.id is not None else fallback_id
        yield InputItem(label=label, doc_id=doc_id, record=RecordRef(path, start, fields))


def record_text(ref: RecordRef) -> str:
    """The text of the JSONL record at ``ref`` (with its title in front as the headline).

    Raises:
        InputError: the file changed since it was listed and the line is no longer a record.
    """
    from polyglot_press.documents import read_record

    label = f"{ref.path}@{ref.offset}"
    try:
        with ref.path.open("rb") as handle:
            handle.seek(ref.offset)
            line = handle.readline(4 * MAX_RECORD_CHARS + 1).decode("utf-8")
        if ref.offset == 0:
            line = line.removeprefix("\ufeff")
        return read_record(json.loads(line), ref.fields, source=label).text
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(
            label,
            f"the record can no longer be read ({error})",
            hint="the JSONL file changed during the run: run the batch again",
        ) from error


def _email_items(item: InputItem) -> list[InputItem]:
    """An e-mail file as its body and one item per release attachment, named
    ``message.eml#attachment.pdf``; a short cover note with attachments is left out."""
    from polyglot_press.documents import ATTACHMENT_MARK, email_attachments, read_document

    assert item.path is not None
    try:
        names = email_attachments(item.path)
    except PolyglotPressError:
        return [item]  # reading it again reports the problem
    if not names:
        return [item]
    attachments = [
        InputItem(
            label=f"{item.path}{ATTACHMENT_MARK}{name}",
            doc_id=safe_id(f"{item.path.stem}-{Path(name).stem}"),
            path=Path(f"{item.path}{ATTACHMENT_MARK}{name}"),
        )
        for name in names
    ]
    try:
        body = read_document(item.path)
    except PolyglotPressError:
        return attachments  # no text of its own
    words = sum(len(block.text.split()) for block in body.blocks if block.translatable)
    return attachments if words < _COVER_NOTE_WORDS else [item, *attachments]


def _folder_items(path: Path) -> list[InputItem]:
    items = [
        InputItem(label=str(child), doc_id=safe_id(child.stem), path=child)
        for child in sorted(path.rglob("*"))
        # A broken link or a named pipe is kept so that it is reported, not silently skipped.
        if child.suffix.lower() in DOCUMENT_SUFFIXES and (child.is_symlink() or not child.is_dir())
    ]
    if not items:
        raise InputError(
            str(path),
            "no .txt, .md, .html, .pdf, .docx or .eml file in this folder",
            hint="check the path",
        )
    return items


def expand_inputs(
    inputs: Sequence[str],
    *,
    allow_jsonl: bool = True,
    allow_folders: bool = True,
    fields: RecordFields | None = None,
) -> list[InputItem]:
    """Turn files, folders, globs, JSONL files and ``-`` into a list of documents.

    Folders are searched recursively for ``.txt``, ``.md``, ``.html``, ``.pdf``, ``.docx`` and
    ``.eml`` files. When folders are allowed (a batch), an e-mail also gives one document per
    release attachment, ``message.eml#attachment.pdf``. JSONL records are read with
    ``fields`` (see :class:`~polyglot_press.documents.RecordFields`). A path that does not
    exist (or a folder, when folders are not allowed) is kept, so that it is reported as a
    failed input rather than silently dropped.
    """
    items: list[InputItem] = []
    for raw in inputs:
        if raw == "-":
            items.append(InputItem(label="-", doc_id="stdin", path=None))
            continue
        matches = sorted(glob.glob(raw, recursive=True)) if glob.has_magic(raw) else [raw]
        if not matches:
            raise InputError(raw, "the pattern matches no file", hint="check the glob and quote it")
        for match in matches:
            path = Path(match)
            if path.is_dir() and allow_folders:
                items.extend(_folder_items(path))
            elif allow_jsonl and path.suffix.lower() == ".jsonl":
                items.extend(_jsonl_items(path, fields))
            else:
                items.append(InputItem(label=str(path), doc_id=safe_id(path.stem), path=path))
    if allow_folders:
        items = [part for item in items for part in _with_attachments(item)]
    return _unique_ids(_distinct_files(items))


def _with_attachments(item: InputItem) -> list[InputItem]:
    if item.path is None or item.path.suffix.lower() != ".eml" or not item.path.is_file():
        return [item]
    return _email_items(item)


def _distinct_files(items: list[InputItem]) -> list[InputItem]:
    """Drop a file named twice (say, by a folder and a glob): it is one document."""
    seen: set[Path] = set()
    distinct = []
    for item in items:
        if item.path is not None and item.record is None:
            resolved = _resolved(item.path)
            if resolved in seen:
                continue
            seen.add(resolved)
        distinct.append(item)
    return distinct


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symbolic link loop: reading it will say so
        return path.absolute()


def _unique_ids(items: list[InputItem]) -> list[InputItem]:
    seen: dict[str, int] = {}
    unique: list[InputItem] = []
    for item in items:
        count = seen.get(item.doc_id, 0)
        seen[item.doc_id] = count + 1
        if count:
            suffix = hashlib.sha1(item.label.encode()).hexdigest()[:8]
            item = replace(item, doc_id=f"{item.doc_id}-{suffix}")
        unique.append(item)
    return unique
