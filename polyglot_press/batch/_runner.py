"""The batch runner: a pipeline over many inputs into a folder, resumable and atomic.

Each document is keyed by the hash of its content and of the pipeline's
:meth:`~polyglot_press.Pipeline.fingerprint` for it (every option that shapes an output and the
content of the packages on the document's route), so a rerun skips what is already done with
the same options and packages and redoes the rest. Every file is
written to a temporary name and renamed into place, so an interrupted run never leaves partial
output, and the manifest is appended one fsynced line per document, so it survives a kill.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from polyglot_press._config import PipelineConfig
from polyglot_press.batch._inputs import InputItem, record_text
from polyglot_press.batch._manifest import (
    FINISHED_STATUSES,
    Manifest,
    ManifestEntry,
    is_stale_temporary,
    write_atomic,
)
from polyglot_press.batch._progress import BatchProgress, SilentProgress
from polyglot_press.errors import InputError, PolyglotPressError

if TYPE_CHECKING:
    from polyglot_press.documents import Document
    from polyglot_press.pipeline import Pipeline, Result

__all__ = [
    "BatchRunner",
    "BatchSummary",
    "Outcome",
    "Task",
    "check_output_folder",
    "output_names",
    "process_chunk",
]

Task = tuple[InputItem, str, "Document"]
Outcome = tuple[InputItem, str, "Result"]


def output_names(doc_id: str) -> list[str]:
    """The files a document gets: its Markdown brief and its JSON result."""
    return [f"{doc_id}.brief.md", f"{doc_id}.brief.json"]


@dataclass
class BatchSummary:
    total: int = 0
    done: int = 0  # "ok" and "review": written, nothing to redo (``review``: read them first)
    review: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = 0.0
    failures: list[ManifestEntry] = field(default_factory=list)


def process_chunk(pipeline: Pipeline, chunk: Sequence[Task]) -> list[Outcome]:
    """Run the pipeline over one chunk of documents, batching their sentences together.

    Should the pipeline itself raise (a stage that breaks its contract), the chunk is run again
    document by document, and only the documents that raise again fail.
    """
    from polyglot_press.pipeline import Result

    try:
        results = list(
            pipeline.process_many([document for _, _, document in chunk], batch_size=len(chunk))
        )
    except Exception as error:  # isolate: one document must not cost the others their work
        if len(chunk) > 1:
            return [outcome for task in chunk for outcome in process_chunk(pipeline, [task])]
        item, key, _ = chunk[0]
        return [(item, key, Result.failure(item.label, _unexpected(error)))]
    return [(item, key, result) for (item, key, _), result in zip(chunk, results, strict=True)]


def _unexpected(error: Exception) -> PolyglotPressError:
    if isinstance(error, PolyglotPressError):
        return error
    if isinstance(error, RecursionError):
        return PolyglotPressError(
            "the document is nested too deeply to read",
            hint="flatten its markup (HTML nested thousands of levels deep)",
        )
    return PolyglotPressError(
        f"unexpected error: {type(error).__name__}: {error}",
        hint="please report it with this document; the other documents went on",
    )


def check_output_folder(out_dir: Path) -> None:
    """Raise :class:`InputError` unless ``out_dir`` exists (or can be made) and takes files."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(dir=out_dir, prefix=".probe.", suffix=".tmp")
        try:
            os.write(handle, b"\n")
        finally:
            os.close(handle)
            os.unlink(probe)
    except OSError as error:
        raise InputError(
            str(out_dir),
            f"cannot write to the output folder ({error.strerror or error})",
            hint="pass a writable folder with --out (check its permissions and free space)",
        ) from error


class BatchRunner:
    """Runs a pipeline over many inputs into an output folder (see the module docstring).

    ``pipeline`` is a :class:`~polyglot_press.Pipeline` or the
    :class:`~polyglot_press.PipelineConfig` to build one from; its fingerprint keys the
    manifest, so changing any option that shapes an output redoes the documents.
    """

    def __init__(
        self,
        pipeline: Pipeline | PipelineConfig,
        out_dir: Path,
        *,
        force: bool = False,
        batch_size: int = 16,
        jobs: int = 1,
    ) -> None:
        if isinstance(pipeline, PipelineConfig):
            from polyglot_press.pipeline import Pipeline

            pipeline = Pipeline(pipeline)
        self.pipeline = pipeline
        self.out_dir = out_dir
        self.force = force
        self.batch_size = batch_size
        self.jobs = max(1, jobs)
        self.fingerprint = pipeline.fingerprint()
        self._read_seconds: dict[str, float] = {}  # by document key
        check_output_folder(out_dir)
        self.manifest = Manifest(out_dir)
        # A run killed in the middle of a write leaves its temporary file behind; one still
        # being written belongs to another run on the same folder and stays.
        for stale in out_dir.glob(".*.tmp"):
            with suppress(OSError):
                if is_stale_temporary(stale):
                    stale.unlink(missing_ok=True)

    def _load(self, item: InputItem) -> tuple[str, Document | PolyglotPressError]:
        """Read an input's text and content key; errors become the returned value."""
        started = time.perf_counter()
        key, loaded = self._read(item)
        # The pipeline gets the document already read: its own read is this one.
        self._read_seconds[key] = time.perf_counter() - started
        return key, loaded

    def _read(self, item: InputItem) -> tuple[str, Document | PolyglotPressError]:
        from polyglot_press.documents import parse_document, read_document

        try:
            if item.problem is not None:
                raise InputError(item.label, item.problem)
            if item.record is not None:
                document = parse_document(record_text(item.record), source=item.label)
            elif item.text is not None:
                document = parse_document(item.text, source=item.label)
            else:
                max_bytes = self.pipeline.config.max_bytes
                document = read_document(item.path or "-", max_bytes=max_bytes)
        except PolyglotPressError as error:
            return self._key(item.label.encode()), error
        except Exception as error:  # a parser bug or a hostile input fails this document only
            return self._key(item.label.encode()), _unexpected(error)
        content = "\n".join(block.text for block in document.blocks)
        fingerprint = self.pipeline.fingerprint(document)
        return self._key(content.encode("utf-8"), fingerprint), document

    def _key(self, content: bytes, fingerprint: str | None = None) -> str:
        digest = hashlib.sha256(content)
        digest.update((fingerprint or self.fingerprint).encode())
        return digest.hexdigest()[:32]

    def run(
        self, items: Sequence[InputItem], progress: BatchProgress | None = None
    ) -> BatchSummary:
        """Process ``items`` into the output folder; documents already done are skipped.

        Files are read chunk by chunk as the run goes (JSONL records are held from the start),
        and inputs that cannot be read are recorded at once, without touching a model. Only
        ``ok`` documents count as done: the others are retried by the next run.
        """
        run = _Run(self, BatchSummary(total=len(items)), progress or SilentProgress())
        started = time.perf_counter()
        run.progress.start(len(items))
        try:
            for outcomes in self.execute(run.chunks_to_do(items)):
                for item, key, result in outcomes:
                    if (item.doc_id, key) not in run.partners:
                        run.finish(item, key, result)
        finally:
            self.manifest.compact()
            run.summary.seconds = time.perf_counter() - started
        return run.summary

    def execute(self, chunks: Iterable[Sequence[Task]]) -> Iterator[list[Outcome]]:
        """Process chunks of readable documents, yielding each chunk's outcomes in turn.

        ``chunks`` is consumed lazily, from the calling thread. The default runs up to ``jobs``
        chunks at once in threads sharing the pipeline, with a few more read ahead; a subclass
        can send chunks elsewhere (see :class:`~polyglot_press.batch.DaskBatchRunner`).
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

    def record(self, item: InputItem, key: str, result: Result) -> ManifestEntry:
        """Write a document's outputs (atomically) and describe it for the manifest."""
        entry = ManifestEntry(
            id=item.doc_id,
            source=item.label,
            key=key,
            status=result.status,
            language=result.language,
            route=result.route,
            term_use_rate=result.term_use_rate,
            timings=self._timings(key, result),
            error=result.error,
            hint=result.hint,
            warnings=list(result.warnings),
        )
        if result.document is None:
            return entry  # nothing was read: nothing to show
        # A failed or partial document still gets what it has, for the review page.
        names = output_names(item.doc_id)
        try:
            write_atomic(self.out_dir / names[0], result.to_markdown())
            # Timings live in the manifest: the brief itself is the same in every run.
            write_atomic(self.out_dir / names[1], replace(result, timings={}).render("json"))
        except OSError as error:
            entry.status, entry.error = "failed", f"cannot write the outputs: {error}"
            entry.hint = "check that the output folder is writable and has free space"
            return entry
        entry.outputs = names
        return entry

    def _timings(self, key: str, result: Result) -> dict[str, float]:
        """The document's own seconds per stage, its reading by this runner included."""
        timings = dict(result.timings)
        read = self._read_seconds.get(key)
        if read is not None:
            timings = {"read": read + timings.pop("read", 0.0), **timings}
        return {stage: round(seconds, 4) for stage, seconds in timings.items()}


class _Run:
    """The bookkeeping of one :meth:`BatchRunner.run`."""

    def __init__(self, runner: BatchRunner, summary: BatchSummary, progress: BatchProgress):
        self.runner = runner
        self.summary = summary
        self.progress = progress
        # Documents already done that are processed again only as partners of their window.
        self.partners: set[tuple[str, str]] = set()

    def finish(self, item: InputItem, key: str, result: Result) -> None:
        entry = self.runner.record(item, key, result)
        self.runner.manifest.append(entry)
        if entry.status in FINISHED_STATUSES:
            self.summary.done += 1
            self.summary.review += entry.status == "review"
        else:
            self.summary.failed += 1
            self.summary.failures.append(entry)
        self.progress.advance(entry)

    def chunks_to_do(self, items: Sequence[InputItem]) -> Iterator[list[Task]]:
        """Fixed windows of the input list that hold a document still to do.

        A window with any document to do is processed whole: each document then shares its
        translation batches with the same neighbours in every run, so a resumed run writes
        exactly what an uninterrupted one would.
        """
        size = self.runner.batch_size
        for start in range(0, len(items), size):
            window: list[Task] = []
            to_do = False
            for item in items[start : start + size]:
                task = self._task(item)
                if task is not None:
                    window.append(task)
                    to_do = to_do or (task[0].doc_id, task[1]) not in self.partners
            if to_do:
                yield window

    def _task(self, item: InputItem) -> Task | None:
        """The input read and keyed; ``None`` when it needs no model (done, or unreadable)."""
        from polyglot_press.pipeline import Result

        runner = self.runner
        key, loaded = runner._load(item)
        if item.path is None and item.text is None and item.problem is None and not item.record:
            # Standard input has no name: its content names it, so runs never collide.
            item = replace(item, doc_id=f"stdin-{key[:12]}")
        if not runner.force and runner.manifest.is_done(item.doc_id, key, runner.out_dir):
            self.summary.skipped += 1
            self.progress.advance(runner.manifest.entries[item.doc_id])
            if isinstance(loaded, PolyglotPressError):
                return None
            self.partners.add((item.doc_id, key))
            return item, key, loaded
        if isinstance(loaded, PolyglotPressError):
            self.finish(item, key, Result.failure(item.label, loaded))
            return None
        return item, key, loaded
