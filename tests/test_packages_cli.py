"""``polyglot-press models``: list, available, install, remove."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from package_files import (
    INDEX_URL,
    index_entry,
    serve,
    write_archive,
    write_package,
)
from typer.testing import CliRunner

from polyglot_press.cli.models import app
from polyglot_press.packages import (
    _index,
)

pytestmark = pytest.mark.usefixtures("isolated")


# --------------------------------------------------------------------------- CLI

runner = CliRunner()


def test_cli_list_table_and_json(argos_dir: Path, models_folder: Path) -> None:
    write_package(argos_dir, "fr", "en", "1.9")
    write_archive(models_folder, "en", "ko", "1.1")
    (models_folder / "cut.argosmodel").write_bytes(b"PK")

    table = runner.invoke(app, ["list", "--models", str(models_folder)])
    as_json = runner.invoke(app, ["list", "--models", str(models_folder), "--json"])

    assert table.exit_code == 0, table.output
    assert "fr→en" in table.stdout and "en→ko" in table.stdout
    assert "installed" in table.stdout and "models folder (.argosmodel)" in table.stdout
    assert "warning: skipped" in table.stderr and "cut.argosmodel" in table.stderr
    records = json.loads(as_json.stdout)
    assert [(r["source"], r["target"], r["origin"]) for r in records] == [
        ("en", "ko", "models-dir-archive"),
        ("fr", "en", "argos"),
    ]
    assert records[1]["size_bytes"] > 0


def test_cli_list_empty_gives_hint() -> None:
    result = runner.invoke(app, ["list"])

    assert result.exit_code == 0
    assert "No translation packages" in result.stdout
    assert "polyglot-press models install fr en" in result.stderr


def test_cli_list_bad_models_dir_fails(tmp_path: Path) -> None:
    result = runner.invoke(app, ["list", "--models", str(tmp_path / "nowhere")])

    assert result.exit_code == 1
    assert result.stderr.startswith("error: models folder")
    assert "hint: " in result.stderr


def test_cli_available_offline_exits_1_with_hint() -> None:
    result = runner.invoke(app, ["available"])

    assert result.exit_code == 1
    assert "offline" in result.stderr
    assert "hint: " in result.stderr and "FILE.argosmodel" in result.stderr


def test_cli_available_json_marks_installed(
    argos_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_package(argos_dir, "fr", "en")
    index = [index_entry("fr", "en"), index_entry("en", "ko")]
    monkeypatch.setattr(
        _index, "_download", serve({f"{INDEX_URL}index.json": json.dumps(index).encode()})
    )

    result = runner.invoke(app, ["available", "--json"])

    assert result.exit_code == 0, result.output
    assert {(r["source"], r["target"], r["installed"]) for r in json.loads(result.stdout)} == {
        ("fr", "en", True),
        ("en", "ko", False),
    }


def test_cli_install_file_then_remove(argos_dir: Path, fixture_archives: dict[str, Path]) -> None:
    archive = fixture_archives["opus-bpe"]

    installed = runner.invoke(app, ["install", str(archive)])
    removed = runner.invoke(app, ["remove", "fr", "en"])

    assert installed.exit_code == 0, installed.output
    assert "Installed fr→en 1.9" in installed.stdout
    assert removed.exit_code == 0, removed.output
    assert "Removed fr→en 1.9" in removed.stdout
    assert list(argos_dir.iterdir()) == []


def test_cli_install_pair_offline_exits_1() -> None:
    result = runner.invoke(app, ["install", "fr", "en"])

    assert result.exit_code == 1
    assert "error: cannot download fr→en" in result.stderr


def test_cli_install_corrupt_file_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.argosmodel"
    bad.write_bytes(b"garbage")

    result = runner.invoke(app, ["install", str(bad)])

    assert result.exit_code == 1
    assert "not a zip archive" in result.stderr


@pytest.mark.parametrize("args", [["fr"], ["fr", "en", "ko"], ["a.argosmodel", "en"], []])
def test_cli_install_usage_errors_exit_2(args: list[str]) -> None:
    assert runner.invoke(app, ["install", *args]).exit_code == 2


def test_cli_remove_missing_exits_1() -> None:
    result = runner.invoke(app, ["remove", "fr", "en"])

    assert result.exit_code == 1
    assert "error: no installed package for fr→en" in result.stderr
    assert "hint: " in result.stderr
