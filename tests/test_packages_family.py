"""Package families: detected from the files as argostranslate chooses its tokenizer, and listed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from polyglot_press.cli.models import app
from polyglot_press.packages import (
    InstalledPackage,
    PackageFamily,
    detect_family_in_dir,
    read_package,
    scan_packages,
)
from polyglot_press.testing import PACKAGE_FAMILIES, read_fixture_marker, write_argosmodel

runner = CliRunner()


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos"))
    monkeypatch.setenv("POLYGLOT_PRESS_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("POLYGLOT_PRESS_MODELS", raising=False)


def test_family_matches_how_the_fixture_was_built(family_package: InstalledPackage) -> None:
    marker = read_fixture_marker(family_package.path)

    assert marker is not None
    assert family_package.family == PACKAGE_FAMILIES[marker["family"]]


def test_sentencepiece_model_wins_over_bpe_model(
    tmp_path: Path, fr_en_bpe_package: InstalledPackage
) -> None:
    copy = Path(shutil.copytree(fr_en_bpe_package.path, tmp_path / "both"))
    assert detect_family_in_dir(copy) is PackageFamily.OPUS_BPE
    (copy / "sentencepiece.model").write_bytes(b"")  # argostranslate checks existence only

    assert detect_family_in_dir(copy) is PackageFamily.OPUS_SPM  # Marian vocabulary: </s> first


def test_old_and_new_vocabulary_files_are_read(
    en_ko_package: InstalledPackage, fr_en_spm_package: InstalledPackage
) -> None:
    assert (en_ko_package.path / "model" / "shared_vocabulary.txt").is_file()
    assert (fr_en_spm_package.path / "model" / "shared_vocabulary.json").is_file()
    assert en_ko_package.family is PackageFamily.ARGOS_SPM
    assert fr_en_spm_package.family is PackageFamily.OPUS_SPM


def test_a_package_without_tokenizer_has_no_family(tmp_path: Path) -> None:
    (tmp_path / "model").mkdir()

    assert detect_family_in_dir(tmp_path) is None


def test_a_package_value_reads_nothing(fr_en_bpe_package: InstalledPackage) -> None:
    # A frozen value: built by hand it has the family it is given, the folder is not read.
    package = InstalledPackage("fr", "en", "1.0", fr_en_bpe_package.path, 0, "models-dir")

    assert package.family is None
    assert read_package(fr_en_bpe_package.path).family is PackageFamily.OPUS_BPE


def test_archives_in_a_models_folder_get_their_family_without_extraction(
    tmp_path: Path, en_ko_package: InstalledPackage
) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    write_argosmodel(en_ko_package.path, folder / "en_ko.argosmodel")

    [package] = scan_packages(folder).packages

    assert package.archive is not None and not package.path.exists()
    assert package.family is PackageFamily.ARGOS_SPM


def test_versions_come_from_metadata_not_folder_names(models_dir: Path) -> None:
    packages = {p.pair: p for p in scan_packages(models_dir).packages}

    assert packages["fr→en"].path.name == "translate-fr_en-1_0"
    assert packages["fr→en"].version == "1.9"
    assert packages["en→ko"].path.name == "en_ko"
    assert packages["en→ko"].version == "1.1"


def test_cli_list_shows_each_family(models_dir: Path) -> None:
    table = runner.invoke(app, ["list", "--models", str(models_dir)])
    as_json = runner.invoke(app, ["list", "--models", str(models_dir), "--json"])

    assert table.exit_code == 0, table.output
    assert "Family" in table.stdout
    rows = {line.split()[0]: line for line in table.stdout.splitlines()[1:] if line.strip()}
    assert "OPUS-MT BPE" in rows["fr→en"]
    assert "Argos SentencePiece" in rows["en→ko"]
    assert "OPUS-MT SentencePiece" in rows["de→en"]
    records = {record["source"] + record["target"]: record for record in json.loads(as_json.stdout)}
    assert {pair: record["family"] for pair, record in records.items()} == {
        "fren": "OPUS-MT BPE",
        "enko": "Argos SentencePiece",
        "deen": "OPUS-MT SentencePiece",
    }
