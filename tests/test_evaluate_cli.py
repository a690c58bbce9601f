"""``polyglot-press evaluate`` end to end on the synthetic packages of tests/conftest.py."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from polyglot_press.cli import app
from polyglot_press.evaluate import FIXTURE_MARKER, load_references, run_evaluation

runner = CliRunner()
NOTICE = "random weights — scores meaningless"


def _has_marker(directory: Path) -> bool:
    return any(directory.glob(f"*/{FIXTURE_MARKER}"))


def test_text_report_on_the_fixtures_with_all_three_systems(models_dir: Path) -> None:
    result = runner.invoke(app, ["evaluate", "--models", str(models_dir), "--limit", "4"])
    assert result.exit_code == 0, result.output
    out = result.output
    for label in ("fr→en", "en→ko", "fr→en→ko"):
        assert f"{label}  (4 sentences" in out
    for system in ("polyglot_press", "no enforcement", "argostranslate"):
        assert out.count(system) >= 3
    assert "chrF" in out and "BLEU" in out and "sent/s" in out and "paths" in out
    # argostranslate runs offline: its sentence splitter is bypassed, so it has scores.
    assert "did not run" not in out
    # Packages built by polyglot_press.testing carry the marker, and the output says so.
    assert _has_marker(models_dir)
    assert NOTICE in " ".join(out.split())
    words = " ".join(out.split())  # the notice is wrapped at 100 columns
    assert "en→ko at " in words and "fr→en at " in words and "(weights: random)" in words
    assert out.startswith("NOTE: random weights")  # first and last, where nobody misses it


def test_json_report_counts_paths_and_sentences(models_dir: Path) -> None:
    result = runner.invoke(
        app,
        [
            "evaluate",
            "--models",
            str(models_dir),
            "--limit",
            "5",
            "--systems",
            "polyglot_press,no_enforcement",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["rows"] == 5
    assert data["scores_meaningful"] is False
    assert NOTICE in data["notice"]
    assert [pair["pair"] for pair in data["pairs"]] == ["fr→en", "en→ko", "fr→en→ko"]
    for pair in data["pairs"]:
        assert [system["system"] for system in pair["systems"]] == [
            "polyglot_press",
            "no_enforcement",
        ]
        for system in pair["systems"]:
            assert sum(system["paths"].values()) == 5
            assert len(system["outputs"]) == 5
            assert 0 <= system["chrf"] <= 100
            assert system["sentences_per_second"] > 0
            assert set(system["number_fidelity"]) == {"rate", "found", "expected"}
    enforced = data["pairs"][0]["systems"][0]
    assert enforced["term_use"]["expected"] > 0


def _copy_with_marker(models_dir: Path, destination: Path, *, marker: bool) -> Path:
    for pair in ("fr_en",):
        target = destination / f"translate-{pair}-1_0"
        shutil.copytree(models_dir / f"translate-{pair}-1_0", target)
        marker_file = target / FIXTURE_MARKER
        marker_file.unlink(missing_ok=True)
        if marker:
            marker_file.write_text('{"weights": "random"}\n', encoding="utf-8")
    return destination


@pytest.mark.parametrize("marker", [True, False])
def test_notice_follows_the_fixture_marker(models_dir: Path, tmp_path: Path, marker: bool) -> None:
    models = _copy_with_marker(models_dir, tmp_path / "models", marker=marker)
    archive = tmp_path / "archive.tsv"
    archive.write_text(
        "source\treference\n"
        "L'usine produira 150 000 véhicules.\tThe plant will produce 150,000 vehicles.\n"
        "Contact : presse@veltra.fr\tContact: presse@veltra.fr\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app,
        [
            "evaluate",
            "--models",
            str(models),
            "--references",
            str(archive),
            "--systems",
            "polyglot_press",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "fr→en  (2 sentences" in result.output
    assert (NOTICE in " ".join(result.output.split())) is marker
    if marker:
        assert "(weights: random)" in result.output


def test_missing_packages_skip_a_pair_and_none_at_all_fails(
    models_dir: Path, tmp_path: Path
) -> None:
    models = _copy_with_marker(models_dir, tmp_path / "models", marker=True)
    evaluation = run_evaluation(load_references(), models_dir=models, systems=("no_enforcement",))
    skipped = {pair.label: pair.skipped for pair in evaluation.pairs}
    assert skipped["fr→en"] is None
    assert skipped["en→ko"] and skipped["fr→en→ko"]
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(app, ["evaluate", "--models", str(empty), "--limit", "2"])
    assert result.exit_code == 1
    assert "no pair of the reference set can be translated" in result.output


def test_no_progress_bar_on_a_pipe(models_dir: Path) -> None:
    result = runner.invoke(
        app,
        ["evaluate", "--models", str(models_dir), "--limit", "2", "--systems", "no_enforcement"],
    )
    assert result.exit_code == 0, result.output
    assert "translating" not in result.output
    assert "━" not in result.output


def test_marker_name_is_the_one_the_test_builder_writes() -> None:
    from polyglot_press.testing._layout import MARKER_FILE

    assert MARKER_FILE == FIXTURE_MARKER


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    from polyglot_press.cli.evaluate import _progress_bar

    with _progress_bar(10) as progress:
        assert progress is None  # pytest's stderr is not a terminal

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stderr", Terminal())
    monkeypatch.setenv("TERM", "xterm")
    with _progress_bar(10) as progress:
        assert progress is not None
        progress(4)
        progress(6)
