"""Batch runs: resumable, atomic, every bad input reported, kill-safe."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from polyglot_press import Pipeline, PipelineConfig
from polyglot_press.batch import BatchRunner, Manifest, expand_inputs, write_atomic
from polyglot_press.pipeline._fingerprint import options_fingerprint
from polyglot_press.testing import FakeBackend

TOWNS = ["Douai", "Flins", "Sandouville", "Maubeuge", "Batilly", "Cléon", "Ruitz", "Dieppe"]
PRODUCTS = ["un utilitaire électrique", "une citadine hybride", "un SUV familial", "une berline"]


def release(number: int) -> str:
    """A short French release, different for every number."""
    town = TOWNS[number % len(TOWNS)]
    product = PRODUCTS[number % len(PRODUCTS)]
    units = 1000 * (number + 3)
    return (
        f"# Le site de {town} produira {product}\n\n"
        f"{town.upper()} – {number % 28 + 1} mars 2025 - Renault Group annonce que l'usine de {town} "
        f"assemblera {product} dès 2026. La capacité de production atteindra {units} unités par an.\n\n"
        f"Le projet numéro {number} mobilise {number % 9 + 2} équipementiers et crée "
        f"{number % 50 + 10} emplois. Les premières livraisons sont prévues au printemps.\n\n"
        "## À propos de Renault Group\n\n"
        "Renault Group vise la neutralité carbone en Europe d'ici à 2040.\n"
    )


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, int, list[str]]:
    """200 good releases plus five bad inputs; returns (folder, good count, bad names)."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    good = 200
    for number in range(good):
        (folder / f"release-{number:03d}.md").write_text(release(number), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "huge.txt").write_bytes(b"Une phrase de remplissage. " * 400_000)  # ~10 MB
    (folder / "unreadable.txt").symlink_to(folder / "no-such-target.txt")
    # Wrongly encoded but recoverable: read with a fallback codec, processed with a note.
    (folder / "latin1.txt").write_bytes(release(999).encode("cp1252"))
    return folder, good + 1, ["empty", "binary", "huge", "unreadable"]


def outputs(folder: Path) -> dict[str, object]:
    """Every output file's content, JSON outputs without their timings."""
    found: dict[str, object] = {}
    for path in sorted(folder.iterdir()):
        if path.name == "manifest.jsonl":
            continue
        if path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            data.pop("timings", None)
            # A resumed run reads what it translated before the kill from its translation
            # memory, and says so: the path is "memory" there, the words are the same.
            for sentence in data.get("sentences", []):
                sentence.pop("path")
            found[path.name] = data
        else:
            found[path.name] = path.read_text(encoding="utf-8")
    return found


def test_batch_reports_every_bad_input_and_resumes(
    corpus: tuple[Path, int, list[str]], models_dir: Path, tmp_path: Path
) -> None:
    folder, good, bad = corpus
    out = tmp_path / "out"
    pipeline = Pipeline(models_dir=models_dir)
    runner = BatchRunner(pipeline, out)
    summary = runner.run(expand_inputs([str(folder)]))

    assert summary.done == good
    assert summary.failed == len(bad)
    manifest = Manifest(out)
    for name in bad:
        entry = manifest.entries[name]
        assert entry.status == "failed"
        assert entry.error and name in entry.source
    assert "byte limit" in (manifest.entries["huge"].error or "")
    assert "--max-bytes" in (manifest.entries["huge"].hint or "")
    for number in range(good - 1):
        assert (out / f"release-{number:03d}.brief.md").exists()
        assert (out / f"release-{number:03d}.brief.json").exists()
    assert manifest.entries["latin1"].status in ("ok", "review")  # random weights
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]

    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.name != "manifest.jsonl"}
    again = BatchRunner(pipeline, out).run(expand_inputs([str(folder)]))
    assert again.done == 0
    assert again.skipped == good
    after = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.name != "manifest.jsonl"}
    assert after == before


def test_force_redoes_documents(models_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "one.md"
    source.write_text(release(1), encoding="utf-8")
    pipeline = Pipeline(models_dir=models_dir)
    out = tmp_path / "out"
    BatchRunner(pipeline, out).run(expand_inputs([str(source)]))
    summary = BatchRunner(pipeline, out, force=True).run(expand_inputs([str(source)]))
    assert summary.done == 1 and summary.skipped == 0


def test_a_rerun_with_other_brief_settings_redoes_the_documents(
    models_dir: Path, tmp_path: Path
) -> None:
    # The regression: a library user reran a batch with sentences=1 and got every document
    # skipped, the old three-sentence briefs kept.
    source = tmp_path / "one.md"
    source.write_text(release(2), encoding="utf-8")
    out = tmp_path / "out"
    config = PipelineConfig(models_dir=models_dir, langs=("en",), sentences=3)
    first = BatchRunner(Pipeline(config, backend=FakeBackend()), out).run(
        expand_inputs([str(source)])
    )
    assert first.done == 1
    assert len(json.loads((out / "one.brief.json").read_text())["briefs"]["en"]) > 1

    shorter = dataclasses.replace(config, sentences=1)
    again = BatchRunner(Pipeline(shorter, backend=FakeBackend()), out).run(
        expand_inputs([str(source)])
    )
    assert (again.done, again.skipped) == (1, 0)
    assert len(json.loads((out / "one.brief.json").read_text())["briefs"]["en"]) == 1

    same = BatchRunner(shorter, out).run(expand_inputs([str(source)]))
    assert (same.done, same.skipped) == (0, 1)


def test_every_output_shaping_option_changes_the_fingerprint(
    models_dir: Path, tmp_path: Path
) -> None:
    from polyglot_press.translate import EngineOptions

    house = tmp_path / "house.tsv"
    house.write_text("fr\ten\tko\nzorbulateur\tzorbulator\t조르불레이터\n", encoding="utf-8")
    base = PipelineConfig(models_dir=models_dir)
    changes: dict[str, Any] = {
        "langs": ("en",),
        "sentences": 1,
        "words": 40,
        "algorithm": "textrank",
        "source_lang": "fr",
        "engine_options": EngineOptions(beam_size=1),
        "glossary": (house,),
    }
    fingerprints = {options_fingerprint(base)}
    for name, value in changes.items():
        fingerprints.add(options_fingerprint(dataclasses.replace(base, **{name: value})))
    assert len(fingerprints) == len(changes) + 1
    # Speed and input limits shape no output.
    unshaping: dict[str, Any] = {"max_bytes": 10, "translation_memory": Path("tm.sqlite")}
    for name, value in unshaping.items():
        changed = dataclasses.replace(base, **{name: value})
        assert options_fingerprint(changed) == options_fingerprint(base)


def test_jsonl_input(models_dir: Path, tmp_path: Path) -> None:
    jsonl = tmp_path / "feed.jsonl"
    records = [{"id": f"wire/{n}", "text": release(n)} for n in range(3)]
    jsonl.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\nnot json\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    summary = BatchRunner(Pipeline(models_dir=models_dir), out).run(expand_inputs([str(jsonl)]))
    assert summary.done == 3
    assert summary.failed == 1
    assert (out / "wire_0.brief.md").exists()


def test_write_atomic_leaves_old_file_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    write_atomic(target, "old")

    with pytest.raises(TypeError):
        write_atomic(target, 42)  # type: ignore[arg-type]
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]


def _run_batch(inbox: Path, out: Path, models_dir: Path, cache: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "POLYGLOT_PRESS_CACHE": str(cache), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "polyglot_press",
            "batch",
            str(inbox),
            "--out",
            str(out),
            "--models",
            str(models_dir),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_killed_run_resumes_to_the_same_outputs(models_dir: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for number in range(120):
        (inbox / f"r{number:03d}.md").write_text(release(number), encoding="utf-8")

    reference = tmp_path / "reference"
    first = _run_batch(inbox, reference, models_dir, tmp_path / "cache-a")
    assert first.wait(timeout=300) == 0, first.stderr.read().decode() if first.stderr else ""

    out = tmp_path / "out"
    victim = _run_batch(inbox, out, models_dir, tmp_path / "cache-b")
    manifest = out / "manifest.jsonl"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if manifest.exists() and len(manifest.read_text().splitlines()) >= 16:
            break
        if victim.poll() is not None:
            break
        time.sleep(0.02)
    assert victim.poll() is None, "the run finished before it could be killed"
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    done_before = len(Manifest(out).entries)
    assert 0 < done_before < 120

    resumed = _run_batch(inbox, out, models_dir, tmp_path / "cache-b")
    assert resumed.wait(timeout=300) == 0
    assert outputs(out) == outputs(reference)
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_jsonl_records_without_text_fail_with_a_reason(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "a", "text": null}\n{"id": "b"}\n[1, 2]\n{"text": "   "}\n')
    items = expand_inputs([str(feed)])
    problems = [item.problem or "" for item in items]
    assert [p.split(";")[0] for p in problems[:2]] == [
        "no text field (text, article, body, content) in this record"
    ] * 2
    assert "fields: id" in problems[1] and "--text-field" in problems[1]
    assert "not an object" in problems[2]
    assert len({item.doc_id for item in items}) == 4


def test_outputs_get_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    write_atomic(target, "text")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_standard_input_is_named_by_its_content(
    models_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    out = tmp_path / "out"
    pipeline = Pipeline(models_dir=models_dir, langs=("en",))
    ids = []
    for number in (1, 2):
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(release(number).encode())))
        BatchRunner(pipeline, out).run(expand_inputs(["-"]))
        ids.append({entry.id for entry in Manifest(out).entries.values()})
    assert len(ids[1]) == 2  # the second run did not overwrite the first
    assert all(doc_id.startswith("stdin-") for doc_id in ids[1])


def test_output_folder_that_is_a_file_is_an_input_error(models_dir: Path, tmp_path: Path) -> None:
    from polyglot_press.errors import InputError

    blocker = tmp_path / "out"
    blocker.write_text("")
    with pytest.raises(InputError):
        BatchRunner(Pipeline(models_dir=models_dir), blocker)


def test_a_file_named_twice_is_one_document(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A\n\nTexte.\n")
    (tmp_path / "b.md").write_text("# B\n\nTexte.\n")
    items = expand_inputs([str(tmp_path), str(tmp_path / "*.md"), str(tmp_path / "a.md")])
    assert sorted(item.doc_id for item in items) == ["a", "b"]


def test_partial_documents_keep_their_briefs_and_are_retried(
    models_dir: Path, tmp_path: Path
) -> None:
    # fr→en exists but there is no ko→en package: a Korean release gets its Korean brief only.
    source = tmp_path / "ko.md"
    source.write_text(
        "# 르노코리아, 부산공장에서 전기차 생산\n\n"
        "르노코리아는 부산공장에서 새로운 전기차 생산을 시작한다고 밝혔다. "
        "회사는 연간 10만 대의 생산 능력을 갖추고 수출 확대에 나설 계획이다.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    pipeline = Pipeline(models_dir=models_dir)
    summary = BatchRunner(pipeline, out).run(expand_inputs([str(source)]))
    entry = Manifest(out).entries["ko"]
    assert entry.status == "partial" and summary.failed == 1
    assert entry.hint and "models install ko en" in entry.hint
    assert json.loads((out / "ko.brief.json").read_text(encoding="utf-8"))["briefs"]["ko"]
    again = BatchRunner(pipeline, out).run(expand_inputs([str(source)]))
    assert again.skipped == 0  # retried: the package may have been installed since


def test_a_new_run_clears_temporaries_left_by_a_killed_one(
    models_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".release.json.abc123.tmp").write_text("half a file")
    BatchRunner(Pipeline(models_dir=models_dir), out)
    assert list(out.iterdir()) == []


def test_a_colliding_id_keeps_the_record_problem(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "feed-2", "text": "Bonjour."}\nnot json\n')
    items = expand_inputs([str(feed)])
    assert items[1].doc_id != "feed-2"
    assert items[1].problem is not None and "not valid JSON" in items[1].problem


def test_brief_files_carry_no_timings_so_reruns_are_identical(
    models_dir: Path, tmp_path: Path
) -> None:
    source = tmp_path / "one.md"
    source.write_text(release(5), encoding="utf-8")
    out = tmp_path / "out"
    pipeline = Pipeline(models_dir=models_dir)
    BatchRunner(pipeline, out).run(expand_inputs([str(source)]))
    first = (out / "one.brief.json").read_bytes()
    BatchRunner(pipeline, out, force=True).run(expand_inputs([str(source)]))
    assert (out / "one.brief.json").read_bytes() == first
    assert "timings" not in json.loads(first) or json.loads(first)["timings"] == {}
    assert Manifest(out).entries["one"].timings


def test_thread_settings_do_not_change_the_fingerprint(models_dir: Path) -> None:
    from polyglot_press.translate import EngineOptions

    one = Pipeline(models_dir=models_dir, engine_options=EngineOptions(threads=1, inter_threads=1))
    two = Pipeline(models_dir=models_dir, engine_options=EngineOptions(threads=2, inter_threads=2))
    beam = Pipeline(models_dir=models_dir, engine_options=EngineOptions(beam_size=1))
    assert one.fingerprint() == two.fingerprint() != beam.fingerprint()
