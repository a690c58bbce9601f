"""Batch jobs: folders of releases in, briefs and a manifest out, resumable and atomic.

:class:`BatchRunner` runs a :class:`~polyglot_press.Pipeline` (built from a
:class:`~polyglot_press.PipelineConfig`) over many inputs into a folder: each document gets
``<id>.brief.md`` and ``<id>.brief.json`` (:meth:`Result.to_dict`), and ``manifest.jsonl``
records every document's status. :class:`DaskBatchRunner` and :func:`run_batch_on_dask` run
the same on a Dask cluster; they import ``distributed`` only when first used.

Modules: ``_inputs`` (files, folders, globs, JSONL, stdin), ``_manifest`` (the record and
atomic writes), ``_runner`` (the runner), ``_progress`` (progress bars), ``_dask`` (Dask).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from polyglot_press.batch._inputs import (
    DOCUMENT_SUFFIXES,
    InputItem,
    RecordRef,
    expand_inputs,
    record_text,
    safe_id,
)
from polyglot_press.batch._manifest import (
    MANIFEST_NAME,
    Manifest,
    ManifestEntry,
    ManifestStatus,
    write_atomic,
)
from polyglot_press.batch._progress import (
    BatchProgress,
    SilentProgress,
    TerminalProgress,
    default_progress,
)
from polyglot_press.batch._runner import (
    BatchRunner,
    BatchSummary,
    Outcome,
    Task,
    output_names,
    process_chunk,
)

if TYPE_CHECKING:
    from polyglot_press.batch._dask import (
        CHUNK_KEY_PREFIX,
        DaskBatchRunner,
        dask_client,
        run_batch_on_dask,
    )

_DASK_NAMES = frozenset({"CHUNK_KEY_PREFIX", "DaskBatchRunner", "dask_client", "run_batch_on_dask"})

__all__ = [
    "CHUNK_KEY_PREFIX",
    "DOCUMENT_SUFFIXES",
    "MANIFEST_NAME",
    "BatchProgress",
    "BatchRunner",
    "BatchSummary",
    "DaskBatchRunner",
    "InputItem",
    "Manifest",
    "ManifestEntry",
    "ManifestStatus",
    "Outcome",
    "RecordRef",
    "SilentProgress",
    "Task",
    "TerminalProgress",
    "dask_client",
    "default_progress",
    "expand_inputs",
    "output_names",
    "process_chunk",
    "record_text",
    "run_batch_on_dask",
    "safe_id",
    "write_atomic",
]


def __getattr__(name: str) -> Any:
    # Dask is an optional extra: importing it (and failing without it) waits for first use.
    if name in _DASK_NAMES:
        return getattr(import_module("polyglot_press.batch._dask"), name)
    raise AttributeError(f"module 'polyglot_press.batch' has no attribute {name!r}")
