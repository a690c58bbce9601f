"""The run's record (``manifest.jsonl``) and atomic writes of every output file."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

__all__ = ["MANIFEST_NAME", "Manifest", "ManifestEntry", "ManifestStatus", "write_atomic"]

MANIFEST_NAME = "manifest.jsonl"
#: ``partial`` documents have outputs but lack a requested brief; like ``failed`` ones, a rerun
#: retries them (the missing package may have been installed since).
ManifestStatus = Literal["ok", "partial", "failed", "unsupported"]


def _file_mode() -> int:
    # mkstemp creates 0600 files; outputs should get the usual permissions for the user's umask.
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


_FILE_MODE = _file_mode()


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
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
    """The run's record: one JSON line per document, the latest line for an id wins."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / MANIFEST_NAME
        self.entries: dict[str, ManifestEntry] = {}
        if self.path.exists():
            for line in self.path.read_text(encoding="utf-8").splitlines():
                try:
                    data = json.loads(line)
                    self.entries[data["id"]] = ManifestEntry(**data)
                except (json.JSONDecodeError, KeyError, TypeError):
                    continue  # a line torn by a kill: the document is simply redone

    def is_done(self, doc_id: str, key: str, out_dir: Path) -> bool:
        entry = self.entries.get(doc_id)
        return (
            entry is not None
            and entry.key == key
            and entry.status == "ok"
            and all((out_dir / name).exists() for name in entry.outputs)
        )

    def append(self, entry: ManifestEntry) -> None:
        self.entries[entry.id] = entry
        with self.path.open("a", encoding="utf-8") as stream:
            stream.write(entry.to_json() + "\n")
            stream.flush()
            os.fsync(stream.fileno())

    def compact(self) -> None:
        """Rewrite the manifest with one line per document."""
        write_atomic(self.path, "".join(entry.to_json() + "\n" for entry in self.entries.values()))
