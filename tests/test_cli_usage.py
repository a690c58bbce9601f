"""Usage errors and output formats the CLI shares across commands (issue 17, point 5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from polyglot_press.batch import BatchSummary, ManifestEntry, ManifestStatus
from polyglot_press.cli import app
from polyglot_press.cli._batch import _print_summary

runner = CliRunner()
RELEASE = "# Une usine\n\nLe constructeur ouvre une usine à Douai. Elle produira des voitures.\n"


@pytest.fixture
def release(tmp_path: Path) -> Path:
    path = tmp_path / "release.md"
    path.write_text(RELEASE, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["translate", "{release}", "--to", "xx"],
        ["translate", "{release}", "--from", "xx"],
        ["brief", "{release}", "--from", "xx"],
        ["brief", "{release}", "--langs", "xx"],
        ["batch", "{release}", "--langs", "xx", "--out", "{out}"],
        ["batch", "{release}", "--from", "xx", "--out", "{out}"],
    ],
    ids=[
        "translate-to",
        "translate-from",
        "brief-from",
        "brief-langs",
        "batch-langs",
        "batch-from",
    ],
)
def test_unknown_languages_are_usage_errors_listing_the_known_ones(
    command: list[str], release: Path, models_dir: Path, tmp_path: Path
) -> None:
    args = [part.format(release=release, out=tmp_path / "out") for part in command]
    result = runner.invoke(app, [*args, "--models", str(models_dir)])
    assert result.exit_code == 2, result.output
    assert "en" in result.output and "ko" in result.output


def test_known_package_languages_are_accepted(release: Path, models_dir: Path) -> None:
    result = runner.invoke(
        app, ["translate", str(release), "--to", "English", "--models", str(models_dir)]
    )
    assert result.exit_code in (0, 1), result.output  # 1: random weights may flag sentences


def test_detect_prints_json_with_format_json_and_the_old_flag(release: Path) -> None:
    outputs = []
    for flag in (["--format", "json"], ["--json"]):
        result = runner.invoke(app, ["detect", str(release), *flag])
        assert result.exit_code == 0, result.output
        outputs.append(json.loads(result.stdout))
    assert outputs[0] == outputs[1]
    assert outputs[0][0]["language"] == "fr"
    text = runner.invoke(app, ["detect", str(release)])
    assert text.stdout.startswith(str(release))
    assert "--json" not in runner.invoke(app, ["detect", "--help"]).stdout


def test_batch_on_a_missing_folder_is_a_usage_error_like_an_empty_one(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    for target in (empty, tmp_path / "nosuchdir"):
        result = runner.invoke(app, ["batch", f"{target}/", "--out", str(tmp_path / "out")])
        assert result.exit_code == 2, result.output


def test_the_batch_summary_counts_each_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statuses: list[ManifestStatus] = ["partial", "unsupported", "unsupported", "failed"]
    failures = [
        ManifestEntry(id=f"d{n}", source=f"d{n}.md", key="k", status=status)
        for n, status in enumerate(statuses)
    ]
    summary = BatchSummary(total=9, done=4, skipped=1, failed=4, failures=failures)
    summary.review = 1
    _print_summary(summary, tmp_path, "")
    line = capsys.readouterr().err.strip().splitlines()[-1]
    assert line.startswith(
        "4 done (1 to review), 1 already done, 1 partial, 2 unsupported, 1 failed"
    )


@pytest.mark.parametrize(
    "command",
    [
        ["models", "list"],
        ["glossary", "match", "RELEASE"],
        ["glossary", "lookup", "usine"],
        ["summarize", "RELEASE"],
        ["detect", "RELEASE"],
    ],
)
def test_every_command_that_prints_data_takes_format_json(
    command: list[str], release: Path, models_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLYGLOT_PRESS_MODELS", str(models_dir))
    args = [str(release) if part == "RELEASE" else part for part in command]
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    json.loads(result.stdout)
    # The older spelling still works.
    legacy = runner.invoke(app, [*args, "--json"])
    assert legacy.exit_code == 0 and json.loads(legacy.stdout) == json.loads(result.stdout)
