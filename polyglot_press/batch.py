"""Batch jobs: folders of releases in, briefs and a manifest out, resumable and atomic.

Each document is keyed by the hash of its content and of the options that shape its output, so
a rerun skips what is already done. Every file is written to a temporary name and renamed into
place, so an interrupted run never leaves partial output, and the manifest is appended one
fsynced line per document, so it survives a kill.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import re
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from polyglot_press.errors import InputError, PolyglotPressError

if TYPE_CHECKING:
    from polyglot_press.documents import Document
    from polyglot_press.pipeline import Pipeline, Result

DOCUMENT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})
MANIFEST_NAME = "manifest.jsonl"
#: ``partial`` documents have outputs but lack a requested brief; like ``failed`` ones, a rerun
#: retries them (the missing package may have been installed since).
ManifestStatus = Literal["ok", "partial", "failed", "unsupported"]


@dataclass(frozen=True, slots=True)
class InputItem:
    """One document to process: a file, standard input, or a record of a JSONL file."""

    label: str
    doc_id: str
    path: Path | None = None
    text: str | None = None
    problem: str | None = None  # why the input cannot be read, found while listing inputs


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


_UNSAFE = re.compile(r"[^\w.-]+", re.UNICODE)


def safe_id(text: str) -> str:
    """A file-name-safe document id (keeps letters and digits of any script)."""
    cleaned = _UNSAFE.sub("_", text).strip("._")
    return cleaned[:120] or "document"


def _jsonl_items(path: Path) -> Iterator[InputItem]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), f"cannot read JSONL: {error}") from error
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        label = f"{path}:{number}"
        fallback_id = safe_id(f"{path.stem}-{number}")
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputItem(label, fallback_id, problem=f"not valid JSON ({error.msg})")
            continue
        text = record.get("text") if isinstance(record, dict) else None
        if not isinstance(text, str) or not text.strip():
            yield InputItem(label, fallback_id, problem="no non-empty 'text' string in this record")
            continue
        raw_id = record.get("id")
        doc_id = safe_id(str(raw_id)) if raw_id not in (None, "") else fallback_id
        yield InputItem(label=label, doc_id=doc_id, text=text)


def expand_inputs(
    inputs: Sequence[str], *, allow_jsonl: bool = True, allow_folders: bool = True
) -> list[InputItem]:
    """Turn files, folders, globs, JSONL files and ``-`` into a list of documents.

    Folders are searched recursively for ``.txt``, ``.md`` and ``.html`` files. A path that does
    not exist (or a folder, when folders are not allowed) is kept, so that it is reported as a
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
                found = len(items)
                for child in sorted(path.rglob("*")):
                    # A broken link is kept so that it is reported, not silently skipped.
                    if child.suffix.lower() in DOCUMENT_SUFFIXES and (
                        child.is_file() or child.is_symlink()
                    ):
                        items.append(
                            InputItem(label=str(child), doc_id=safe_id(child.stem), path=child)
                        )
                if len(items) == found:
                    raise InputError(
                        str(path),
                        "no .txt, .md or .html file in this folder",
                        hint="check the path",
                    )
            elif allow_jsonl and path.suffix.lower() == ".jsonl":
                items.extend(_jsonl_items(path))
            else:
                items.append(InputItem(label=str(path), doc_id=safe_id(path.stem), path=path))
    return _unique_ids(_distinct_files(items))


def _distinct_files(items: list[InputItem]) -> list[InputItem]:
    """Drop a file named twice (say, by a folder and a glob): it is one document."""
    seen: set[Path] = set()
    distinct = []
    for item in items:
        if item.path is not None:
            resolved = item.path.resolve()
            if resolved in seen:
                continue
            seen.add(resolved)
        distinct.append(item)
    return distinct


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


@dataclass
class ManifestEntry:
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
        return json.dumps(self.__dict__, ensure_ascii=False)


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


@dataclass
class BatchSummary:
    total: int = 0
    done: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = 0.0
    failures: list[ManifestEntry] = field(default_factory=list)


class BatchRunner:
    """Runs a pipeline over many inputs into an output folder (see module docstring)."""

    def __init__(
        self,
        pipeline: Pipeline,
        out_dir: Path,
        *,
        options_fingerprint: str = "",
        force: bool = False,
        batch_size: int = 16,
        jobs: int = 1,
    ) -> None:
        self.pipeline = pipeline
        self.out_dir = out_dir
        self.force = force
        self.batch_size = batch_size
        self.jobs = max(1, jobs)
        self.options_fingerprint = options_fingerprint
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(
                str(out_dir),
                f"cannot use as the output folder ({error.strerror})",
                hint="pass a folder path with --out",
            ) from error
        self.manifest = Manifest(out_dir)
        # A run killed in the middle of a write leaves its temporary file behind.
        for stale in out_dir.glob(".*.tmp"):
            stale.unlink(missing_ok=True)

    def _load(self, item: InputItem) -> tuple[str, Document | PolyglotPressError]:
        """Read an input's text and content key; errors become the returned value."""
        from polyglot_press.documents import parse_document, read_document

        try:
            if item.problem is not None:
                raise InputError(item.label, item.problem)
            if item.text is not None:
                document = parse_document(item.text, source=item.label)
            else:
                document = read_document(item.path or "-", max_bytes=self.pipeline.max_bytes)
        except PolyglotPressError as error:
            return self._key(item.label.encode()), error
        content = "\n".join(block.text for block in document.blocks)
        return self._key(content.encode("utf-8")), document

    def _key(self, content: bytes) -> str:
        digest = hashlib.sha256(content)
        digest.update(self.options_fingerprint.encode())
        return digest.hexdigest()[:32]

    def run(
        self, items: Sequence[InputItem], progress: BatchProgress | None = None
    ) -> BatchSummary:
        """Process ``items`` into the output folder; documents already done are skipped.

        Files are read chunk by chunk as the run goes (JSONL records are held from the start),
        and inputs that cannot be read are recorded at once, without touching a model. Only
        ``ok`` documents count as done: the others are retried by the next run.
        """
        progress = progress or SilentProgress()
        summary = BatchSummary(total=len(items))
        started = time.perf_counter()
        progress.start(len(items))

        def finish(item: InputItem, key: str, result: Result) -> None:
            entry = self._record(item, key, result)
            self.manifest.append(entry)
            if entry.status == "ok":
                summary.done += 1
            else:
                summary.failed += 1
                summary.failures.append(entry)
            progress.advance(entry)

        # Chunks are fixed windows of the input list, and a window with any document still to do
        # is processed whole: each document then shares its translation batches with the same
        # neighbours in every run, so a resumed run writes exactly what an uninterrupted one would.
        partners: set[tuple[str, str]] = set()

        def chunks_to_do() -> Iterator[list[Task]]:
            from polyglot_press.pipeline import Result

            for start in range(0, len(items), self.batch_size):
                window: list[Task] = []
                to_do = False
                for item in items[start : start + self.batch_size]:
                    key, loaded = self._load(item)
                    if item.path is None and item.text is None and item.problem is None:
                        # Standard input has no name: its content names it, so runs never collide.
                        item = replace(item, doc_id=f"stdin-{key[:12]}")
                    done = not self.force and self.manifest.is_done(item.doc_id, key, self.out_dir)
                    if done:
                        summary.skipped += 1
                        progress.advance(self.manifest.entries[item.doc_id])
                        if not isinstance(loaded, PolyglotPressError):
                            partners.add((item.doc_id, key))
                            window.append((item, key, loaded))
                    elif isinstance(loaded, PolyglotPressError):
                        finish(item, key, Result.failure(item.label, loaded))
                    else:
                        window.append((item, key, loaded))
                        to_do = True
                if to_do:
                    yield window

        try:
            for outcomes in self.execute(chunks_to_do()):
                for item, key, result in outcomes:
                    if (item.doc_id, key) not in partners:
                        finish(item, key, result)
        finally:
            self.manifest.compact()
            summary.seconds = time.perf_counter() - started
        return summary

    def execute(self, chunks: Iterable[Sequence[Task]]) -> Iterator[list[Outcome]]:
        """Process chunks of readable documents, yielding each chunk's outcomes in turn.

        ``chunks`` is consumed lazily, from the calling thread. The default runs up to ``jobs``
        chunks at once in threads sharing the pipeline, with a few more read ahead; a subclass
        can send chunks elsewhere (see :mod:`polyglot_press.distributed`).
        """
        pool = ThreadPoolExecutor(max_workers=self.jobs)
        running: deque[Future[list[Outcome]]] = deque()
        try:
            for chunk in chunks:
                running.append(pool.submit(process_chunk, self.pipeline, chunk))
                if len(running) > self.jobs:
                    yield running.popleft().result()
            while running:
                yield running.popleft().result()
        finally:
            # On Ctrl-C, chunks read ahead are dropped rather than run to the end.
            pool.shutdown(wait=True, cancel_futures=True)

    def _record(self, item: InputItem, key: str, result: Result) -> ManifestEntry:
        """Write a document's outputs (atomically) and describe it for the manifest."""
        from polyglot_press.render import render_result

        entry = ManifestEntry(
            id=item.doc_id,
            source=item.label,
            key=key,
            status=result.status,
            language=result.language,
            route=result.route,
            term_use_rate=result.term_use_rate,
            timings={stage: round(seconds, 4) for stage, seconds in result.timings.items()},
            error=result.error,
            hint=result.hint,
            warnings=list(result.warnings),
        )
        if result.status == "failed":
            return entry
        # A partial document (say, no en→ko package) still gets the briefs it has.
        outputs = [f"{item.doc_id}.md", f"{item.doc_id}.json"]
        try:
            write_atomic(self.out_dir / outputs[0], render_result(result, "md"))
            # Timings live in the manifest: the brief itself is the same in every run.
            untimed = replace(result, timings={})
            write_atomic(self.out_dir / outputs[1], render_result(untimed, "json"))
        except OSError as error:
            entry.status, entry.error = "failed", f"cannot write the outputs: {error}"
            return entry
        entry.outputs = outputs
        return entry


Task = tuple[InputItem, str, "Document"]
Outcome = tuple[InputItem, str, "Result"]


def process_chunk(pipeline: Pipeline, chunk: Sequence[Task]) -> list[Outcome]:
    """Run the pipeline over one chunk of documents, batching their sentences together."""
    results = pipeline.process_many([document for _, _, document in chunk], batch_size=len(chunk))
    return [(item, key, result) for (item, key, _), result in zip(chunk, results, strict=True)]


class BatchProgress(Protocol):
    def start(self, total: int) -> None: ...
    def advance(self, entry: ManifestEntry) -> None: ...
    def stop(self) -> None: ...


class SilentProgress:
    """Progress reporting for pipes and logs: nothing until the summary."""

    def start(self, total: int) -> None:
        pass

    def advance(self, entry: ManifestEntry) -> None:
        pass

    def stop(self) -> None:
        pass


class TerminalProgress:
    """A progress bar with ETA on standard error."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
        )
        self._task = self._bar.add_task("briefs", total=None)

    def start(self, total: int) -> None:
        self._bar.update(self._task, total=total)
        self._bar.start()

    def advance(self, entry: ManifestEntry) -> None:
        self._bar.update(
            self._task, advance=1, description=f"{entry.status:<7} {entry.id[:28]:<28}"
        )

    def stop(self) -> None:
        self._bar.stop()


def default_progress() -> BatchProgress:
    """A progress bar on a terminal, silence when standard error is not one."""
    return TerminalProgress() if sys.stderr.isatty() else SilentProgress()
