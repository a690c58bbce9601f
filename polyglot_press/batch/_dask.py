# distributed annotates only part of its API (Client, LocalCluster, as_completed are untyped).
# mypy: disallow-untyped-calls=False
"""Run batch jobs on a Dask cluster: same briefs, same manifest, more machines.

:class:`DaskBatchRunner` is a :class:`~polyglot_press.batch.BatchRunner` whose chunks of documents
run as Dask tasks. The client still reads the inputs, skips documents already done and writes
every output and manifest line, so resuming, atomic outputs and per-document errors work exactly
as in a single-machine run, and only the client needs the output folder. A run started on one
machine can be resumed on a cluster and the other way round.

Each worker process builds one :class:`~polyglot_press.Pipeline` from the picklable
:class:`~polyglot_press.PipelineConfig` of the run (through a worker plugin) and reuses it for
every chunk, so the Argos packages and the glossary load once per worker. The configuration
names the stages; the plugin carries the stages registered on the client that are not built
in (``Pipeline.add_stage``, ``register_stage``), and each worker registers them before it
builds its pipeline, so a custom stage runs on the cluster as it does here. A stage name the
client cannot resolve is refused before anything is submitted. A chunk holds
``batch_size`` documents, so workers still translate the sentences of many documents per
CTranslate2 call.

Tasks of a worker that dies are rescheduled on the others by Dask; a task that raises is retried
(``retries``) and, if it fails for good, its documents are recorded as failed with the error.

Needs the ``dask`` extra: ``pip install 'polyglot-press[dask]'``. This module imports
``distributed`` at import time; :mod:`polyglot_press.batch` loads it only when one of its
names is used.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from polyglot_press._config import PipelineConfig
from polyglot_press.batch._inputs import InputItem
from polyglot_press.batch._progress import BatchProgress
from polyglot_press.batch._runner import BatchRunner, BatchSummary, Outcome, Task, process_chunk
from polyglot_press.errors import PolyglotPressError

try:
    import dask
    from distributed import Client, Future, LocalCluster, as_completed, get_worker
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError as missing:
    raise PolyglotPressError(
        "running batches on Dask needs dask.distributed, which is not installed",
        hint="pip install 'polyglot-press[dask]'",
    ) from missing

if TYPE_CHECKING:
    from collections.abc import Mapping

    from distributed import Worker

    from polyglot_press.pipeline import Pipeline, Stage

__all__ = [
    "CHUNK_KEY_PREFIX",
    "DaskBatchRunner",
    "PipelinePlugin",
    "custom_stages",
    "dask_client",
    "run_batch_on_dask",
]

logger = logging.getLogger(__name__)

CHUNK_KEY_PREFIX = "polyglot-press-chunk"
# Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536 to hand memory back to the OS
# sooner; CTranslate2 then keeps mapping and unmapping its buffers and translates 2-3x slower
# (measured on the synthetic "small" packages), so local workers keep glibc's default.
_TRIM_THRESHOLD_SETTING = "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_"


def worker_pipeline(config: PipelineConfig) -> Pipeline:
    """The pipeline a worker runs: ``config``'s, without a translation memory whose folder
    does not exist on this machine (or that cannot be opened here)."""
    from polyglot_press.pipeline import Pipeline

    path = config.translation_memory
    if path is not None and not path.parent.is_dir():
        logger.warning("translation memory folder %s not found here: no memory", path.parent)
        config = replace(config, translation_memory=None)
    pipeline = Pipeline(config)
    try:
        pipeline.context.memory  # noqa: B018 - opened now, so a failure is only a warning
    except PolyglotPressError as error:
        logger.warning("cannot open translation memory %s (%s): no memory", path, error)
        pipeline = Pipeline(replace(config, translation_memory=None))
    return pipeline


def custom_stages(config: PipelineConfig) -> dict[str, Stage]:
    """The stages ``config`` names that are not built in, as registered here (raises
    :class:`PolyglotPressError` for a name that is not registered)."""
    from polyglot_press.pipeline import BUILT_IN_STAGES, resolve_stage

    return {name: resolve_stage(name) for name in config.stages if name not in BUILT_IN_STAGES}


class PipelinePlugin(WorkerPlugin):
    """Gives each worker process one pipeline, built from a :class:`PipelineConfig`.

    ``stages`` are the custom stages the configuration names (see :func:`custom_stages`): they
    travel with the plugin and are registered on the worker before its pipeline is built.
    """

    def __init__(
        self, config: PipelineConfig, name: str, stages: Mapping[str, Stage] | None = None
    ) -> None:
        self.config = config
        self.name = name
        self.stages = dict(stages or {})
        self._pipeline: Pipeline | None = None

    def setup(self, worker: Worker) -> None:
        from polyglot_press.pipeline import register_stage

        for name, stage in self.stages.items():
            register_stage(name, stage, replace=True)
        self._pipeline = worker_pipeline(self.config)

    def teardown(self, worker: Worker) -> None:
        if self._pipeline is not None:
            self._pipeline.close()
        self._pipeline = None

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            raise PolyglotPressError(
                f"worker plugin {self.name} has no pipeline: it was torn down or never set up",
                hint="rerun the batch; the client registers the plugin again",
            )
        return self._pipeline


def process_chunk_on_worker(plugin_name: str, chunk: Sequence[Task]) -> list[Outcome]:
    """The Dask task: run one chunk through the worker's pipeline."""
    plugin = get_worker().plugins[plugin_name]
    assert isinstance(plugin, PipelinePlugin)
    return process_chunk(plugin.pipeline, chunk)


class DaskBatchRunner(BatchRunner):
    """A :class:`BatchRunner` that processes chunks of documents on a Dask cluster.

    ``client`` is a connected :class:`distributed.Client`. At most ``max_in_flight`` chunks
    (default: twice the cluster's threads, at least 4) are submitted at once, so neither the
    scheduler nor the workers hold the whole batch. A task that raises is retried ``retries``
    times.
    """

    def __init__(
        self,
        client: Client,
        config: PipelineConfig,
        out_dir: Path,
        *,
        force: bool = False,
        batch_size: int = 16,
        retries: int = 2,
        max_in_flight: int | None = None,
    ) -> None:
        # The client's pipeline reads inputs and keys them; it never loads a model (nor the
        # translation memory, which only the workers open). Building it resolves the stage
        # names: one not registered here is refused before any task is submitted.
        super().__init__(
            replace(config, translation_memory=None), out_dir, force=force, batch_size=batch_size
        )
        self.client = client
        self.config = config
        self.stages = custom_stages(config)
        self.retries = retries
        self.max_in_flight = max_in_flight

    def execute(self, chunks: Iterable[Sequence[Task]]) -> Iterator[list[Outcome]]:
        """Yield the outcomes of each chunk as its task completes anywhere on the cluster."""
        waiting = iter(chunks)
        first = next(waiting, None)
        if first is not None:
            yield from self._execute_remote(itertools.chain([first], waiting))

    def _execute_remote(self, chunks: Iterator[Sequence[Task]]) -> Iterator[list[Outcome]]:
        run_id = uuid.uuid4().hex
        plugin = PipelinePlugin(
            self.config, name=f"polyglot-press-pipeline-{run_id}", stages=self.stages
        )
        try:
            self.client.register_plugin(plugin, name=plugin.name)
        except Exception as error:  # the scheduler re-raises a worker's ImportError as Exception
            custom = (
                f" and the modules of the stages {', '.join(self.stages)}" if self.stages else ""
            )
            raise PolyglotPressError(
                f"the Dask workers could not set up polyglot_press: {error}",
                hint=f"install polyglot-press[dask], the same version{custom}, on every worker "
                "machine",
            ) from error
        in_flight: dict[Future[list[Outcome]], Sequence[Task]] = {}
        completed = as_completed()

        def submit_more() -> None:
            capacity = self.max_in_flight or max(4, 2 * sum(self.client.nthreads().values()))
            while len(in_flight) < capacity and (chunk := next(chunks, None)) is not None:
                future = self.client.submit(
                    process_chunk_on_worker,
                    plugin.name,
                    chunk,
                    key=_chunk_key(run_id, chunk),
                    retries=self.retries,
                )
                in_flight[future] = chunk
                completed.add(future)

        try:
            submit_more()
            for future in completed:
                chunk = in_flight.pop(future)
                yield _outcomes(future, chunk)
                future.release()
                submit_more()
        finally:
            # Also reached when the caller stops early (Ctrl-C): drop what is still queued.
            with suppress(OSError):  # a lost scheduler must not hide the error that ended the run
                self.client.cancel(list(in_flight))
                self.client.unregister_worker_plugin(plugin.name)


def _chunk_key(run_id: str, chunk: Sequence[Task]) -> str:
    digest = hashlib.sha1(run_id.encode())
    for item, key, _ in chunk:
        digest.update(f"{item.doc_id}\0{key}\0".encode())
    return f"{CHUNK_KEY_PREFIX}-{digest.hexdigest()}"


def _outcomes(future: Future[list[Outcome]], chunk: Sequence[Task]) -> list[Outcome]:
    """The chunk's results, or every document failed with the error that ended its task."""
    from polyglot_press.pipeline import Result

    try:
        return future.result()
    except Exception as error:  # any task failure (incl. KilledWorker) fails its documents only
        reason = f"task failed on the Dask cluster: {type(error).__name__}: {error}"
        hint = "the worker logs have the traceback; rerun the same command to retry"
        return [
            (item, key, Result(source=item.label, status="failed", error=reason, hint=hint))
            for item, key, _ in chunk
        ]


@contextmanager
def dask_client(
    scheduler: str | None = None, *, local_workers: int = 2, threads_per_worker: int = 1
) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler`` (``tcp://host:port``), or of a local cluster.

    With ``scheduler=None`` a :class:`distributed.LocalCluster` of ``local_workers`` processes
    with ``threads_per_worker`` threads each runs for the duration of the block.
    """
    cluster: LocalCluster | None = None
    try:
        if scheduler is None:
            with dask.config.set({_TRIM_THRESHOLD_SETTING: None}):
                cluster = LocalCluster(
                    n_workers=local_workers,
                    threads_per_worker=threads_per_worker,
                    processes=True,
                    dashboard_address=":0",  # any free port: never clash with another cluster
                )
            client = Client(cluster)
        else:
            client = Client(scheduler)
    except (OSError, ValueError) as error:
        if cluster is not None:
            cluster.close()
        if scheduler is None:
            raise PolyglotPressError(
                f"cannot start a local Dask cluster: {error}",
                hint="use fewer --jobs, or run without --dask",
            ) from error
        raise PolyglotPressError(
            f"cannot reach {scheduler}: {error}",
            hint="start the scheduler with `dask scheduler` and pass its tcp://HOST:PORT address",
        ) from error
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_batch_on_dask(
    items: Sequence[InputItem],
    out_dir: Path,
    config: PipelineConfig,
    *,
    scheduler: str | None = None,
    local_workers: int = 2,
    threads_per_worker: int = 1,
    force: bool = False,
    batch_size: int = 16,
    progress: BatchProgress | None = None,
) -> BatchSummary:
    """Run a batch on the Dask cluster at ``scheduler``, or on a local cluster when ``None``.

    Outputs and ``manifest.jsonl`` are written by this process into ``out_dir``; workers only
    need the models (and glossary files) at the paths in ``config``.
    """
    if scheduler is None and config.translation_memory is not None:
        # Local workers share this machine's memory; make sure its folder exists for them.
        config.translation_memory.parent.mkdir(parents=True, exist_ok=True)
    with dask_client(
        scheduler, local_workers=local_workers, threads_per_worker=threads_per_worker
    ) as client:
        runner = DaskBatchRunner(client, config, out_dir, force=force, batch_size=batch_size)
        return runner.run(items, progress)
