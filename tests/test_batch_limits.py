"""Per-document limits and timings in batches and ``Pipeline.process_many`` (issues 19, 17.5).

A document over the sentence cap or the time budget becomes a ``failed`` record with a message
and a hint while the others go on; each manifest line carries its document's own seconds.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from polyglot_press import Pipeline, PipelineConfig
from polyglot_press.batch import BatchRunner, Manifest, expand_inputs
from polyglot_press.errors import PolyglotPressError
from polyglot_press.testing import FakeBackend, pseudo_translation


def _release(town: str, sentences: int = 2) -> str:
    body = " ".join(f"L'usine de {town} produit la voiture numéro {i}." for i in range(sentences))
    return f"# Le site de {town}\n\n{body}\n"


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "douai.md").write_text(_release("Douai"), encoding="utf-8")
    (folder / "flins.md").write_text(_release("Flins", 40), encoding="utf-8")
    (folder / "cleon.md").write_text(_release("Cléon", 3), encoding="utf-8")
    return folder


def _run(pipeline: Pipeline, inbox: Path, out: Path) -> Manifest:
    BatchRunner(pipeline, out).run(expand_inputs([str(inbox)]))
    return Manifest(out)


def test_a_document_over_the_sentence_cap_fails_alone(
    models_dir: Path, inbox: Path, tmp_path: Path
) -> None:
    pipeline = Pipeline(models_dir=models_dir, backend=FakeBackend(), max_sentences=10)
    entries = _run(pipeline, inbox, tmp_path / "out").entries
    assert entries["flins"].status == "failed"
    assert "41 sentences to translate, more than the limit of 10" in (entries["flins"].error or "")
    assert "--max-sentences" in (entries["flins"].hint or "")
    assert entries["douai"].status in ("ok", "review")
    assert entries["cleon"].status in ("ok", "review")


def test_a_document_past_its_time_fails_alone_and_is_not_run_twice(
    models_dir: Path, inbox: Path, tmp_path: Path
) -> None:
    slow_calls: list[str] = []

    def model(text: str, target: str) -> str:
        if "Flins" in text:
            slow_calls.append(text)
            time.sleep(0.05)
        return pseudo_translation(text, target)

    pipeline = Pipeline(
        models_dir=models_dir, langs=("en",), backend=FakeBackend(model), timeout=0.5
    )
    entries = _run(pipeline, inbox, tmp_path / "out").entries
    assert entries["flins"].status == "failed"
    assert "longer than the limit of 0.5 s" in (entries["flins"].error or "")
    assert "--timeout" in (entries["flins"].hint or "")
    assert entries["douai"].status in ("ok", "review")
    assert entries["cleon"].status in ("ok", "review")
    # Stopped after one window, then refused at once when run again alone: not decoded twice.
    assert len(slow_calls) <= 41


def test_process_many_fails_only_the_document_over_a_limit(models_dir: Path, inbox: Path) -> None:
    pipeline = Pipeline(models_dir=models_dir, backend=FakeBackend(), max_sentences=10)
    results = {
        Path(r.source).stem: r for r in pipeline.process_many(sorted(map(str, inbox.iterdir())))
    }
    assert results["flins"].status == "failed" and results["flins"].hint
    assert results["douai"].status != "failed" and results["cleon"].status != "failed"
    # No limit: every document is processed.
    unlimited = Pipeline(models_dir=models_dir, backend=FakeBackend(), max_sentences=None)
    assert all(r.status != "failed" for r in unlimited.process_many(map(str, inbox.iterdir())))


def test_each_manifest_line_has_its_own_documents_seconds(
    models_dir: Path, inbox: Path, tmp_path: Path
) -> None:
    def model(text: str, target: str) -> str:
        time.sleep(0.002 * len(text.split()))  # time grows with the text, as a model's does
        return pseudo_translation(text, target)

    pipeline = Pipeline(models_dir=models_dir, langs=("en",), backend=FakeBackend(model))
    entries = _run(pipeline, inbox, tmp_path / "out").entries
    timings = {doc: entries[doc].timings for doc in ("douai", "flins", "cleon")}
    for seconds in timings.values():
        assert {"read", "route", "translate", "summarise", "render"} <= set(seconds)
        assert all(value >= 0 for value in seconds.values())
    # Once every line repeated the chunk's average; now the long release took longer.
    assert timings["flins"]["translate"] > 3 * timings["douai"]["translate"]
    assert len({tuple(sorted(seconds.items())) for seconds in timings.values()}) == 3


def test_limits_are_validated() -> None:
    for bad in ({"timeout": 0}, {"timeout": -1.0}, {"max_sentences": 0}, {"timeout": "10"}):
        with pytest.raises(PolyglotPressError):
            PipelineConfig(**bad)
    assert PipelineConfig(timeout=None, max_sentences=None).timeout is None


def test_batch_options_set_the_limits(models_dir: Path, inbox: Path, tmp_path: Path) -> None:
    from polyglot_press.cli import app

    out = tmp_path / "out"
    args = ["batch", str(inbox), "--out", str(out), "--models", str(models_dir), "--no-cache"]
    result = CliRunner().invoke(app, [*args, "--max-sentences", "10", "--langs", "en"])
    assert result.exit_code == 1
    assert "more than the limit of 10" in result.output + (result.stderr or "")
    assert "hint:" in result.output + (result.stderr or "")
    again = CliRunner().invoke(
        app, [*args, "--max-sentences", "0", "--timeout", "0", "--langs", "en"]
    )
    assert Manifest(out).entries["flins"].status != "failed", again.output
