"""Batches on a Dask cluster: same outputs as one process, and no document lost with a worker."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from distributed import Worker
from distributed.diagnostics.plugin import WorkerPlugin

from polyglot_press import Pipeline, PipelineConfig
from polyglot_press.batch import (
    CHUNK_KEY_PREFIX,
    BatchRunner,
    DaskBatchRunner,
    InputItem,
    Manifest,
    dask_client,
    expand_inputs,
    run_batch_on_dask,
)
from polyglot_press.errors import PolyglotPressError

PLANTS = ["la fougère bleue", "l'orchidée de verre", "le cactus chantant", "la mousse dorée"]
PLACES = ["Valombre", "Pierrefeu", "Brumeval", "Clairsol", "Roncebourg"]
DOCUMENTS = 30


def release(number: int) -> str:
    """A short French release about a fictional plant, different for every number."""
    plant = PLANTS[number % len(PLANTS)]
    place = PLACES[number % len(PLACES)]
    return (
        f"# Le jardin de {place} présente {plant}\n\n"
        f"Le jardin botanique de {place} accueille {plant} à partir du {number % 27 + 1} mai. "
        f"La serre numéro {number} abrite {number * 7 + 40} spécimens.\n\n"
        f"Les jardiniers arrosent la plante {number % 5 + 2} fois par semaine. "
        "Les visites guidées commencent à dix heures.\n"
    )


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """Thirty releases and one empty file (an input that cannot be read)."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    for number in range(DOCUMENTS):
        (folder / f"plante-{number:02d}.md").write_text(release(number), encoding="utf-8")
    (folder / "vide.txt").write_bytes(b"")
    return folder


def outputs(folder: Path) -> dict[str, Any]:
    """Every output file's content, JSON outputs without their timings."""
    found: dict[str, Any] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            data.pop("timings", None)
            found[path.name] = data
        elif path.suffix == ".md":
            found[path.name] = path.read_text(encoding="utf-8")
    return found


def statuses(folder: Path) -> dict[str, str]:
    return {doc_id: entry.status for doc_id, entry in Manifest(folder).entries.items()}


def test_local_cluster_writes_what_one_process_writes_and_resumes(
    inbox: Path, models_dir: Path, tmp_path: Path
) -> None:
    items = expand_inputs([str(inbox)])
    config = PipelineConfig(models_dir=models_dir)
    pipeline = Pipeline(config)
    single = BatchRunner(pipeline, tmp_path / "single", batch_size=4).run(items)

    summary = run_batch_on_dask(items, tmp_path / "dask", config, local_workers=2, batch_size=4)
    rerun = BatchRunner(pipeline, tmp_path / "dask", batch_size=4).run(items)

    assert (summary.done, summary.failed) == (single.done, single.failed) == (DOCUMENTS, 1)
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "single")
    assert len(outputs(tmp_path / "dask")) == 2 * DOCUMENTS
    assert statuses(tmp_path / "dask") == statuses(tmp_path / "single")
    assert "vide" in {entry.id for entry in summary.failures}
    # Keys match the single-process run's, so a cluster run resumes on one machine.
    assert (rerun.skipped, rerun.done) == (DOCUMENTS, 0)


class KillOnce(WorkerPlugin):
    """Ends its worker process as it starts its second chunk, once per marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker
        self.finished = 0

    def setup(self, worker: Worker) -> None:
        self.finished = 0

    def transition(self, key: Any, start: str, finish: str, **kwargs: Any) -> None:
        if not str(key).startswith(CHUNK_KEY_PREFIX):
            return
        if start == "executing" and finish == "memory":
            self.finished += 1
        elif finish == "executing" and self.finished >= 1 and not self.marker.exists():
            self.marker.write_text(str(key))
            os._exit(1)  # the chunk is assigned to this worker and cannot have finished


def test_a_killed_worker_loses_no_document(inbox: Path, models_dir: Path, tmp_path: Path) -> None:
    items = [item for item in expand_inputs([str(inbox)]) if item.doc_id != "vide"]
    marker = tmp_path / "killed"
    out = tmp_path / "out"
    with dask_client(local_workers=2) as client:
        client.register_plugin(KillOnce(marker), name="kill-once")
        summary = DaskBatchRunner(
            client, PipelineConfig(models_dir=models_dir), out, batch_size=3
        ).run(items)

    assert marker.exists(), "no worker was killed: the test did not test anything"
    assert (summary.done, summary.failed) == (DOCUMENTS, 0)
    assert set(statuses(out)) == {item.doc_id for item in items}
    assert set(statuses(out).values()) <= {"ok", "review"}  # written; random weights flag some
    assert all((out / f"{item.doc_id}.brief.json").exists() for item in items)


def test_a_chunk_that_keeps_failing_fails_only_its_documents(
    models_dir: Path, tmp_path: Path
) -> None:
    items = [
        InputItem(label=f"n{number}", doc_id=f"n{number}", text=release(number))
        for number in range(4)
    ]
    glossary = tmp_path / "plantes.tsv"
    glossary.write_text("fr\ten\tko\nfougère bleue\tblue fern\t푸른 고사리\n", encoding="utf-8")
    config = PipelineConfig(models_dir=models_dir, glossary=(glossary,))
    with dask_client(local_workers=1) as client:
        runner = DaskBatchRunner(client, config, tmp_path / "out", batch_size=2)
        # Read by the client, gone by the time workers look: every task raises, is retried, fails.
        glossary.unlink()
        summary = runner.run(items)

    assert (summary.done, summary.failed) == (0, 4)
    for entry in summary.failures:
        assert entry.error is not None
        assert entry.error.startswith("cannot read glossary")  # its own message, per document
        assert entry.hint is not None and "glossaries are" in entry.hint
    assert set(statuses(tmp_path / "out").values()) == {"failed"}


class _NoPolyglotPress:
    """An import hook that hides polyglot_press, like a worker machine without it."""

    def find_spec(self, name: str, *args: Any) -> None:
        if name.partition(".")[0] == "polyglot_press":
            raise ModuleNotFoundError(f"No module named {name!r}")


def _hide_polyglot_press() -> None:
    for name in [name for name in sys.modules if name.partition(".")[0] == "polyglot_press"]:
        del sys.modules[name]
    sys.meta_path.insert(0, _NoPolyglotPress())


def test_workers_without_polyglot_press_are_a_clear_error(tmp_path: Path) -> None:
    items = [InputItem(label="n0", doc_id="n0", text=release(0))]
    with dask_client(local_workers=1) as client:
        client.run(_hide_polyglot_press)
        runner = DaskBatchRunner(client, PipelineConfig(), tmp_path / "out")
        with pytest.raises(PolyglotPressError, match="No module named 'polyglot_press") as error:
            runner.run(items)
    assert error.value.hint is not None and "on every worker machine" in error.value.hint


def test_an_unreachable_scheduler_is_a_clear_error() -> None:
    import dask

    address = "tcp://127.0.0.1:9"
    with (
        dask.config.set({"distributed.comm.timeouts.connect": "1s"}),
        pytest.raises(PolyglotPressError, match=f"cannot reach {address}"),
        dask_client(address),
    ):
        pass


def test_missing_dask_says_how_to_install_it() -> None:
    script = (
        "import sys; sys.modules['distributed'] = None\n"
        "from polyglot_press.errors import PolyglotPressError\n"
        "try:\n"
        "    from polyglot_press.batch import run_batch_on_dask\n"
        "except PolyglotPressError as error:\n"
        "    print(error.hint)\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=_env()
    )
    assert found.stdout.strip() == "pip install 'polyglot-press[dask]'"


def test_importing_polyglot_press_does_not_import_dask() -> None:
    script = (
        "import sys, polyglot_press; print('distributed' in sys.modules or 'dask' in sys.modules)"
    )
    found = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=_env()
    )
    assert found.stdout.strip() == "False"


def _env() -> dict[str, str]:
    """The environment with this checkout first on PYTHONPATH, for subprocesses."""
    paths = [str(Path(__file__).resolve().parents[1]), os.environ.get("PYTHONPATH", "")]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(path for path in paths if path)}
