"""The command line as a user runs it: exit codes, errors, outputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from polyglot_press import __version__
from polyglot_press.cli import app
from polyglot_press.pipeline import ENFORCEMENT_PATHS

EXAMPLES = Path(__file__).parents[1] / "examples" / "releases"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_version_and_help() -> None:
    code, out, _ = run("--version")
    assert code == 0 and __version__ in out
    code, out, _ = run("--help")
    assert code == 0
    for command in ("detect", "translate", "brief", "summarize", "batch", "models", "glossary"):
        assert command in out


def test_import_stays_light() -> None:
    code = (
        "import sys, polyglot_press, polyglot_press.cli;"
        "heavy = {'torch', 'stanza', 'spacy', 'ctranslate2', 'argostranslate.translate', 'sumy'};"
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_detect_reports_language_per_file_and_block() -> None:
    code, out, _ = run("detect", str(EXAMPLES / "alpine-dieppe-electric.md"), "--blocks")
    assert code == 0
    first = out.splitlines()[0].split("\t")
    assert first[1] == "fr" and float(first[2]) > 0.5
    assert "contact" in out and "boilerplate" in out


def test_detect_json() -> None:
    code, out, _ = run("detect", str(EXAMPLES / "geely-export-hub.md"), "--json")
    assert code == 0
    records = json.loads(out)
    assert records[0]["language"] == "en"
    assert "blocks" not in records[0]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", bytes(range(256)) * 4, "binary"),
    ],
)
def test_bad_inputs_fail_with_one_line_and_others_still_run(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    code, out, err = run("detect", str(bad), str(EXAMPLES / "geely-export-hub.md"))
    assert code == 1
    assert str(bad) in err and reason in err
    assert "geely-export-hub.md\ten" in out


def test_missing_file_and_directory(tmp_path: Path) -> None:
    code, _, err = run("detect", str(tmp_path / "nope.md"))
    assert code == 1 and "nope.md" in err
    code, _, err = run("detect", str(tmp_path))
    assert code == 1 and "director" in err


def test_size_limit_names_the_option(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Une phrase. " * 2000, encoding="utf-8")
    code, _, err = run("detect", str(big), "--max-bytes", "1000")
    assert code == 1 and "--max-bytes" in err
    code, _, _ = run("detect", str(big), "--max-bytes", "100000")
    assert code == 0


def test_usage_error_exits_2() -> None:
    code, _, _ = run("detect")
    assert code == 2
    code, _, _ = run("brief", str(EXAMPLES / "geely-export-hub.md"), "--langs", "de")
    assert code == 2


def test_translate_writes_one_file_per_input(models_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, err = run(
        "translate",
        str(EXAMPLES / "alpine-dieppe-electric.md"),
        str(EXAMPLES / "mobilize-recharge.html"),
        "--to",
        "en",
        "--models",
        str(models_dir),
        "--out",
        str(out),
    )
    # 1 when the checks find a random-weight sentence untranslated: the files are written.
    assert code == 0 or (code == 1 and "were not translated" in err), err
    assert (out / "alpine-dieppe-electric.en.md").read_text(encoding="utf-8").startswith("# ")
    assert (
        (out / "mobilize-recharge.en.html")
        .read_text(encoding="utf-8")
        .lstrip()
        .startswith("<!DOCTYPE")
    )


def test_translate_json_has_compliance_report(models_dir: Path) -> None:
    code, out, err = run(
        "translate",
        str(EXAMPLES / "dacia-hybride-bursa.txt"),
        "--models",
        str(models_dir),
        "--format",
        "json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["language"] == "fr" and data["target"] == "en"
    assert data["glossary"]["en"]["items"] and data["glossary"]["en"]["scope"] == "document"
    # Random weights decide the words (numbers are checked on a copying model in
    # test_pipeline.py); what the JSON says about each sentence is checked here.
    assert data["sentences"]
    assert all(s["path"] in ENFORCEMENT_PATHS for s in data["sentences"])


def test_translate_missing_model_names_the_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos"))
    (tmp_path / "argos").mkdir()
    (tmp_path / "none").mkdir()
    code, _, err = run(
        "translate", str(EXAMPLES / "dacia-hybride-bursa.txt"), "--models", str(tmp_path / "none")
    )
    assert code == 1
    assert "polyglot-press models install fr en" in err


def test_brief_json_has_aligned_briefs(models_dir: Path) -> None:
    code, out, err = run(
        "brief",
        str(EXAMPLES / "alpine-dieppe-electric.md"),
        "--models",
        str(models_dir),
        "--format",
        "json",
    )
    data = json.loads(out)
    # Random weights: the briefs are written, flagged sentences make it "review" (exit 1).
    assert data["status"] in ("ok", "review")
    assert code == (0 if data["status"] == "ok" else 1), err
    assert set(data["briefs"]) == {"en", "ko"}
    assert len(data["briefs"]["en"]) == len(data["briefs"]["ko"]) > 0
    assert data["source"].endswith("alpine-dieppe-electric.md")
    assert data["headline"]


def test_brief_markdown(models_dir: Path) -> None:
    code, out, err = run(
        "brief", str(EXAMPLES / "geely-export-hub.md"), "--models", str(models_dir)
    )
    assert code in (0, 1), err  # 1: the random-weight Korean brief is flagged for review
    assert "error" not in err or "flagged for review" in err, err
    assert out.startswith("### ")
    assert "**English**" in out and "Korean" in out


def test_batch_cli_summary_and_exit_code(
    models_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLYGLOT_PRESS_CACHE", str(tmp_path / "cache"))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.md").write_text(
        (EXAMPLES / "alpine-dieppe-electric.md").read_text(encoding="utf-8")
    )
    (inbox / "empty.txt").write_text("")
    out = tmp_path / "out"
    code, _, err = run("batch", str(inbox), "--out", str(out), "--models", str(models_dir))
    assert code == 1
    assert "1 done" in err and "1 failed" in err and "empty.txt" in err
    manifest = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    statuses = sorted(entry["status"] for entry in manifest)
    assert statuses[0] == "failed" and statuses[1] in ("ok", "review"), statuses  # random weights
    code, _, err = run("batch", str(inbox), "--out", str(out), "--models", str(models_dir))
    assert "0 done, 1 already done" in err


def test_unknown_algorithm_is_a_usage_error(models_dir: Path) -> None:
    code, _, err = run(
        "brief",
        str(EXAMPLES / "geely-export-hub.md"),
        "--models",
        str(models_dir),
        "--algorithm",
        "nope",
    )
    assert code == 2
    assert "nope" in err and "lead-aware" in err


def test_translate_several_inputs_to_json_is_one_array(models_dir: Path) -> None:
    code, out, err = run(
        "translate",
        str(EXAMPLES / "dacia-hybride-bursa.txt"),
        str(EXAMPLES / "geely-export-hub.md"),
        "--models",
        str(models_dir),
        "--format",
        "json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert [d["language"] for d in data] == ["fr", "en"]


def test_same_file_names_in_two_folders_do_not_overwrite(models_dir: Path, tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "release.md").write_text(
            (EXAMPLES / "geely-export-hub.md").read_text(encoding="utf-8"), encoding="utf-8"
        )
    out = tmp_path / "out"
    code, _, err = run(
        "brief",
        str(tmp_path / "a" / "release.md"),
        str(tmp_path / "b" / "release.md"),
        "--models",
        str(models_dir),
        "--langs",
        "en",
        "--out",
        str(out),
    )
    assert code == 0, err
    assert len(list(out.glob("release*.brief.md"))) == 2


def test_failures_name_the_source_once_and_give_the_hint(tmp_path: Path) -> None:
    (tmp_path / "none").mkdir()
    code, _, err = run(
        "brief",
        str(EXAMPLES / "dacia-hybride-bursa.txt"),
        "--models",
        str(tmp_path / "none"),
        "--langs",
        "en",
    )
    assert code == 1
    lines = err.strip().splitlines()
    assert (
        lines[-2]
        == f"error: {EXAMPLES / 'dacia-hybride-bursa.txt'}: no translation package for fr→en"
    )
    assert lines[-1].startswith("hint: ") and "polyglot-press models install fr en" in lines[-1]


def test_json_output_keeps_failed_inputs(tmp_path: Path, models_dir: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("")
    code, out, _ = run(
        "brief",
        str(empty),
        str(EXAMPLES / "geely-export-hub.md"),
        "--models",
        str(models_dir),
        "--langs",
        "en",
        "--format",
        "json",
    )
    assert code == 1
    records = json.loads(out)
    assert records[0]["status"] == "failed"
    assert records[1]["status"] in ("ok", "review")  # an English release; random weights
    assert records[0]["error"] == "empty file"


def test_from_must_be_a_language_code() -> None:
    code, _, err = run("translate", str(EXAMPLES / "geely-export-hub.md"), "--from", "french!")
    assert code == 2 and "language code" in err


def test_brief_from_standard_input_into_a_folder(models_dir: Path, tmp_path: Path) -> None:
    text = (EXAMPLES / "geely-export-hub.md").read_text(encoding="utf-8")
    result = runner.invoke(
        app,
        ["brief", "-", "--models", str(models_dir), "--langs", "en", "--out", str(tmp_path)],
        input=text,
    )
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "stdin.brief.md").read_text(encoding="utf-8").startswith("### Geely")


def test_every_document_command_reads_standard_input(models_dir: Path) -> None:
    text = (EXAMPLES / "geely-export-hub.md").read_text(encoding="utf-8")
    commands = {
        "-\ten\t": ["detect", "-"],
        "# Geely": ["translate", "-", "--models", str(models_dir), "--to", "en"],
        "### Geely": ["brief", "-", "--models", str(models_dir), "--langs", "en"],
    }
    for expected, args in commands.items():
        result = runner.invoke(app, args, input=text)
        assert result.exit_code == 0, (args, result.stderr)
        assert result.stdout.startswith(expected), args


def test_choices_are_checked_before_any_work() -> None:
    release = str(EXAMPLES / "geely-export-hub.md")
    for args in (
        ["translate", release, "--format", "xml"],
        ["translate", release, "--device", "tpu"],
        ["brief", release, "--langs", "en,fr"],
        ["brief", release, "--format", "txt"],
        ["batch", release, "--out", "x", "--dask", "remote"],
    ):
        code, _, err = run(*args)
        assert code == 2, (args, err)
    code, _, err = run("brief", release, "--langs", "en,fr")
    assert "briefs are written in en and/or ko only" in err


def test_language_names_are_accepted_where_codes_are(models_dir: Path) -> None:
    code, out, err = run(
        "brief",
        str(EXAMPLES / "geely-export-hub.md"),
        "--models",
        str(models_dir),
        "--langs",
        "English",
        "--from",
        "eng",
        "--format",
        "json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert list(data["briefs"]) == ["en"] and data["language"] == "en"


def test_the_public_names_are_all_listed() -> None:
    import polyglot_press

    assert set(polyglot_press.__all__) == {"__version__", *polyglot_press._EXPORTS}
    for name in polyglot_press.__all__:
        assert getattr(polyglot_press, name) is not None
