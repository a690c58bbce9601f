"""The run's record (``manifest.jsonl``) and atomic writes of every output file."""

from __future__ import annotations

import errno
import json
import os
import re
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from polyglot_press.errors import InputError

__all__ = [
    "MANIFEST_NAME",
    "Manifest",
    "ManifestEntry",
    "ManifestStatus",
    "is_stale_temporary",
    "write_atomic",
]

MANIFEST_NAME = "manifest.jsonl"
#: The lock file that serialises writes to the manifest between runs on one folder.
LOCK_NAME = ".manifest.lock"
#: ``partial`` documents have outputs but lack a requested brief; like ``failed`` ones, a rerun
#: retries them (the missing package may have been installed since).
ManifestStatus = Literal["ok", "review", "partial", "failed", "unsupported"]
#: A document in one of these states is written and not redone on resume (``review``: its
#: flagged sentences await an editor, and running it again would flag them again).
FINISHED_STATUSES: tuple[ManifestStatus, ...] = ("ok", "review")


def _file_mode() -> int:
    # mkstemp creates 0600 files; outputs should get the usual permissions for the user's umask.
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


_FILE_MODE = _file_mode()
TEMPORARY_TAG = "pid"
_TEMPORARY_PID = re.compile(rf"\.{TEMPORARY_TAG}(\d+)\.[^.]*\.tmp$")


def is_stale_temporary(path: Path) -> bool:
    """Whether ``path`` is a temporary file of a :func:`write_atomic` that will never finish:
    its writer is gone (or unknown), or it is older than an hour."""
    match = _TEMPORARY_PID.search(path.name)
    if match is None:
        return True
    try:
        if time.time() - path.stat().st_mtime > 3600:
            return True
        os.kill(int(match.group(1)), 0)
    except ProcessLookupError:
        return True
    except (OSError, OverflowError, ValueError):
        return False  # another user's live process, or the file has just gone
    return False


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # The writer's process id in the name tells a live run's file from a killed run's.
    prefix = f".{path.name}.{TEMPORARY_TAG}{os.getpid()}."
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
    try:
        os.fchmod(handle, _FILE_MODE)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@dataclass
class ManifestEntry:
    """One document of a run: its key (content and options), status and output files."""

    id: str
    source: str
    key: str
    status: ManifestStatus
    language: str | None = None
    route: str | None = None
    term_use_rate: float | None = None
    outputs: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    error: str | None = None
    hint: str | None = None
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


class Manifest:
    """The run's record: one JSON line per document, the latest line for an id wins.

    Safe with several runs on one folder: every append is one ``write`` of a whole line under
    an exclusive lock (``.manifest.lock``), undone if the disk fills up mid-line, and
    :meth:`compact` re-reads the file under the same lock, so it keeps the other runs' lines.
    """

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / MANIFEST_NAME
        self.lock_path = out_dir / LOCK_NAME
        self.entries: dict[str, ManifestEntry] = {}
        try:
            self.entries = _read_entries(self.path)
        except OSError as error:
            raise _manifest_error(self.path, "cannot read", error) from error

    def is_done(self, doc_id: str, key: str, out_dir: Path) -> bool:
        entry = self.entries.get(doc_id)
        return (
            entry is not None
            and entry.key == key
            and entry.status in FINISHED_STATUSES
            and all((out_dir / name).exists() for name in entry.outputs)
        )

    def append(self, entry: ManifestEntry) -> None:
        """Add one line; raises :class:`InputError` when it cannot be written (nothing torn)."""
        line = (entry.to_json() + "\n").encode("utf-8")
        try:
            with self._locked():
                _append_line(self.path, line)
        except OSError as error:
            raise _manifest_error(self.path, "cannot write", error) from error
        self.entries[entry.id] = entry

    def compact(self) -> None:
        """Rewrite the manifest with one line per document, keeping every run's latest lines.

        Best effort: the append-only file is already complete, so a compaction that cannot be
        written (a full disk) leaves it as it is.
        """
        try:
            with self._locked():
                current = _read_entries(self.path)
                current.update(
                    (doc_id, entry)
                    for doc_id, entry in self.entries.items()
                    if doc_id not in current
                )
                write_atomic(
                    self.path, "".join(entry.to_json() + "\n" for entry in current.values())
                )
        except OSError:
            return
        self.entries = current

    @contextmanager
    def _locked(self) -> Iterator[None]:
        handle = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, _FILE_MODE)
        try:
            _lock(handle)
            yield
        finally:
            os.close(handle)  # closing releases the lock


def _lock(handle: int) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; appends are still whole lines
        return
    fcntl.flock(handle, fcntl.LOCK_EX)


def _read_entries(path: Path) -> dict[str, ManifestEntry]:
    entries: dict[str, ManifestEntry] = {}
    if not path.exists():
        return entries
    with path.open("rb") as stream:
        for raw in stream:
            try:
                data = json.loads(raw)
                entries[data["id"]] = ManifestEntry(**data)
            except (ValueError, KeyError, TypeError):
                continue  # a line torn by a kill: the document is simply redone
    return entries


def _append_line(path: Path, line: bytes) -> None:
    """Append ``line`` in one write; on a failed or short write, cut the file back."""
    handle = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, _FILE_MODE)
    try:
        size = os.fstat(handle).st_size
        try:
            written = os.write(handle, line)
            if written != len(line):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            os.fsync(handle)
        except OSError:
            with suppress(OSError):
                os.ftruncate(handle, size)
            raise
    finally:
        os.close(handle)


def _manifest_error(path: Path, doing: str, error: OSError) -> InputError:
    return InputError(
        str(path),
        f"{doing} the manifest ({error.strerror or error})",
        hint="check that the output folder is writable and has free space; "
        "documents already recorded are kept",
    )
