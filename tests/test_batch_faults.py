"""One document, one writer or one fault never costs a batch the others' work."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from polyglot_press import Pipeline
from polyglot_press.batch import BatchRunner, Manifest, expand_inputs
from polyglot_press.batch._manifest import ManifestEntry
from polyglot_press.errors import InputError
from polyglot_press.pipeline import PipelineContext, WorkItem
from polyglot_press.testing import FakeBackend


def _release(number: int, extra: str = "") -> str:
    return (
        f"# Communiqué {number}\n\n"
        f"Le constructeur ouvre une usine à Lyon. Elle emploiera {number * 100} personnes.{extra}\n"
    )


class _Bomb:
    """A stage that raises on documents holding ``BOOM``, whatever else its batch holds."""

    def __call__(self, items: Sequence[WorkItem], context: PipelineContext) -> list[WorkItem]:
        for item in items:
            if item.document is not None and "BOOM" in "".join(
                b.text for b in item.document.blocks
            ):
                raise RuntimeError("the stage fell over")
        return list(items)


def _pipeline(models_dir: Path) -> Pipeline:
    pipeline = Pipeline(models_dir=models_dir, langs=("en",), backend=FakeBackend())
    pipeline.add_stage("bomb", _Bomb(), after="read")
    return pipeline


def test_process_many_fails_only_the_document_that_raises(models_dir: Path) -> None:
    from polyglot_press.documents import parse_document

    documents = [
        parse_document(_release(i, " BOOM." if i == 1 else ""), source=f"d{i}") for i in range(3)
    ]
    pipeline = _pipeline(models_dir)
    results = list(pipeline.process_many(documents, batch_size=3))
    alone = list(pipeline.process_many([documents[0], documents[2]], batch_size=2))
    assert results[1].status == "failed"
    assert "RuntimeError: the stage fell over" in (results[1].error or "")
    assert results[1].hint
    # The others come out exactly as they would without the document that raised.
    assert [results[0].to_dict()["briefs"], results[2].to_dict()["briefs"]] == [
        alone[0].to_dict()["briefs"],
        alone[1].to_dict()["briefs"],
    ]
    assert [results[0].status, results[2].status] == [r.status for r in alone]


def test_batch_goes_on_after_a_document_that_raises(models_dir: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(4):
        (inbox / f"r{i}.md").write_text(_release(i, " BOOM." if i == 2 else ""), encoding="utf-8")
    out = tmp_path / "out"
    summary = BatchRunner(_pipeline(models_dir), out).run(expand_inputs([str(inbox)]))
    entries = Manifest(out).entries
    assert sorted(entries) == ["r0", "r1", "r2", "r3"]
    assert "stage fell over" in (entries["r2"].error or "") and entries["r2"].hint
    assert all("stage fell over" not in (entries[i].error or "") for i in ("r0", "r1", "r3"))
    assert all(entries[i].outputs for i in ("r0", "r1", "r3"))
    assert summary.total == 4


def test_deep_html_in_a_batch_is_processed_with_the_others(
    models_dir: Path, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    depth = 3_000  # a RecursionError in the HTML parser once aborted the whole run
    deep = (
        "<html><body>" + "<div>" * depth + "<p>Le texte.</p>" + "</div>" * depth + "</body></html>"
    )
    (inbox / "deep.html").write_text(deep, encoding="utf-8")
    (inbox / "good.md").write_text(_release(1), encoding="utf-8")
    pipeline = Pipeline(models_dir=models_dir, langs=("en",), backend=FakeBackend())
    summary = BatchRunner(pipeline, tmp_path / "out").run(expand_inputs([str(inbox)]))
    assert summary.total == 2
    entries = Manifest(tmp_path / "out").entries
    assert sorted(entries) == ["deep", "good"]
    assert all(entry.outputs for entry in entries.values())  # both were read and processed


def test_a_reader_that_raises_fails_that_input_only(
    models_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import polyglot_press.documents as documents

    real = documents.parse_document

    def fragile(text: str, **options: object) -> object:
        if "BOOM" in text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(text, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(documents, "parse_document", fragile)
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "bad", "text": "BOOM"})
        + "\n"
        + json.dumps({"id": "ok", "text": _release(1)})
        + "\n",
        encoding="utf-8",
    )
    pipeline = Pipeline(models_dir=models_dir, langs=("en",), backend=FakeBackend())
    BatchRunner(pipeline, tmp_path / "out").run(expand_inputs([str(feed)]))
    entries = Manifest(tmp_path / "out").entries
    assert "nested too deeply" in (entries["bad"].error or "") and entries["bad"].hint
    assert entries["ok"].outputs


# -- the manifest ---------------------------------------------------------------------------


def _entry(doc_id: str) -> ManifestEntry:
    return ManifestEntry(id=doc_id, source=doc_id, key="k", status="ok")


def test_compact_keeps_the_lines_of_another_run(tmp_path: Path) -> None:
    first, second = Manifest(tmp_path), Manifest(tmp_path)
    for i in range(5):
        second.append(_entry(f"b{i}"))
    first.append(_entry("a0"))
    first.compact()  # once rewrote the file from its own memory, dropping b0..b4
    ids = [
        json.loads(line)["id"] for line in (tmp_path / "manifest.jsonl").read_text().splitlines()
    ]
    assert sorted(ids) == ["a0", "b0", "b1", "b2", "b3", "b4"]


_WRITER = """
import sys
from pathlib import Path
from polyglot_press.batch import Manifest
from polyglot_press.batch._manifest import ManifestEntry
folder, name = Path(sys.argv[1]), sys.argv[2]
manifest = Manifest(folder)
for i in range(150):
    manifest.append(ManifestEntry(id=f"{name}{i}", source="s", key="k", status="ok"))
    if i % 25 == 0:
        manifest.compact()
manifest.compact()
"""


def test_two_runs_on_one_folder_lose_no_manifest_line(tmp_path: Path) -> None:
    writers = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(tmp_path), name])
        for name in ("a", "b")
    ]
    assert all(writer.wait(timeout=120) == 0 for writer in writers)
    entries = Manifest(tmp_path).entries
    assert len(entries) == 300


def test_a_full_disk_leaves_no_torn_manifest_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = Manifest(tmp_path)
    manifest.append(_entry("kept"))
    before = (tmp_path / "manifest.jsonl").read_bytes()
    real_write = os.write

    def half_then_full(handle: int, data: bytes) -> int:  # the disk fills up mid-line
        real_write(handle, bytes(data)[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", half_then_full)
    with pytest.raises(InputError, match="No space left") as caught:
        manifest.append(_entry("lost"))
    monkeypatch.undo()
    assert caught.value.hint
    assert (tmp_path / "manifest.jsonl").read_bytes() == before
    assert list(Manifest(tmp_path).entries) == ["kept"]


def test_an_output_folder_that_cannot_be_made_is_an_input_error(
    models_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "file").write_text("")
    with pytest.raises(InputError, match="cannot write to the output folder") as caught:
        BatchRunner(Pipeline(models_dir=models_dir), tmp_path / "file" / "out")
    assert caught.value.hint


def test_a_live_runs_temporary_files_are_left_alone(models_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    live = out / f".a.brief.md.pid{os.getpid()}.x1y2.tmp"
    dead = out / ".b.brief.md.pid999999999.x1y2.tmp"
    live.write_text("being written")
    dead.write_text("left by a killed run")
    BatchRunner(Pipeline(models_dir=models_dir), out)
    assert live.exists() and not dead.exists()


def test_cli_batch_into_an_unwritable_folder_prints_no_traceback(
    models_dir: Path, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from polyglot_press.cli import app

    (tmp_path / "r.md").write_text(_release(1), encoding="utf-8")
    (tmp_path / "file").write_text("")
    result = CliRunner().invoke(
        app,
        [
            "batch",
            str(tmp_path / "r.md"),
            "--out",
            str(tmp_path / "file" / "out"),
            "--models",
            str(models_dir),
            "--no-cache",
        ],
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "cannot write to the output folder" in result.output
