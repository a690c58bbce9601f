"""Hostile packages: refused with a message before anything is extracted or replaced."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest
from package_files import good_entries, snapshot, write_package

from polyglot_press.errors import ModelError
from polyglot_press.packages import install_package, read_package
from polyglot_press.packages._archive import inspect_archive
from polyglot_press.packages._metadata import check_model_header
from polyglot_press.pipeline import EngineProbe
from polyglot_press.testing import write_argosmodel

pytestmark = pytest.mark.usefixtures("isolated")


def _deflated(archive: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as opened:
        for name, data in entries.items():
            opened.writestr(name, data)
    return archive


def test_a_zip_bomb_is_refused_before_extraction(tmp_path: Path) -> None:
    entries = good_entries()
    entries["translate-fr_en-1_0/model/model.bin"] = bytes(32 << 20)  # 32 MB of zeros
    archive = _deflated(tmp_path / "bomb.argosmodel", entries)
    assert archive.stat().st_size < 1 << 20
    with pytest.raises(ModelError, match=r"would unpack .* times") as caught:
        install_package(archive, probe=None)
    assert caught.value.hint and "not a genuine" in caught.value.hint
    assert snapshot(tmp_path / "argos") == {}


def test_sizes_are_read_from_the_central_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from polyglot_press.packages import _archive

    monkeypatch.setattr(_archive, "MAX_TOTAL_BYTES", 1_000)
    entries = good_entries()
    entries["translate-fr_en-1_0/model/model.bin"] = os.urandom(2_000)
    archive = _deflated(tmp_path / "big.argosmodel", entries)
    with pytest.raises(ModelError, match="would unpack to"):
        inspect_archive(archive, check_crc=False)


def test_a_huge_metadata_file_is_refused_unread(tmp_path: Path) -> None:
    entries = good_entries()
    padding = os.urandom(1 << 20).hex()  # 2 MB that does not compress away
    entries["translate-fr_en-1_0/metadata.json"] = json.dumps(
        {"from_code": "fr", "to_code": "en", "description": padding}
    ).encode()
    archive = _deflated(tmp_path / "fat.argosmodel", entries)
    with pytest.raises(ModelError, match=r"metadata\.json is .* bytes"):
        install_package(archive, probe=None)


def test_a_huge_metadata_file_in_a_folder_is_refused(tmp_path: Path) -> None:
    package = write_package(tmp_path / "models", "fr", "en")
    (package / "metadata.json").write_text(
        json.dumps({"from_code": "fr", "to_code": "en", "x": " " * (2 << 20)})
    )
    with pytest.raises(ModelError, match=r"metadata\.json is .* bytes"):
        read_package(package)


@pytest.mark.parametrize(
    "head",
    [bytes(512), b"", b"<html><body>404 Not Found</body></html>", b"\x06\x00\x00\x00\xff\xff"],
)
def test_a_model_bin_that_is_not_a_model_is_named(head: bytes) -> None:
    with pytest.raises(ModelError, match="not a CTranslate2 model"):
        check_model_header(head, "pkg")


def test_real_model_headers_pass(fr_en_package: object, en_ko_package: object) -> None:
    for package in (fr_en_package, en_ko_package):
        path = package.path / "model" / "model.bin"  # type: ignore[attr-defined]
        check_model_header(path.read_bytes()[:512], "pkg")


def test_installing_a_zeroed_model_is_a_clear_error(models_dir: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy" / "translate-fr_en-1_0"
    shutil.copytree(models_dir / "translate-fr_en-1_0", copy)
    model = copy / "model" / "model.bin"
    model.write_bytes(bytes(model.stat().st_size))
    archive = write_argosmodel(copy, tmp_path / "zeroed.argosmodel")
    with pytest.raises(ModelError, match="does not load: it is not a CTranslate2 model"):
        install_package(archive, probe=EngineProbe())
    assert not any((tmp_path / "argos").glob("translate-*"))


def test_a_package_of_another_pair_never_replaces_an_installed_folder(tmp_path: Path) -> None:
    entries = good_entries()  # folder translate-fr_en-1_0, metadata fr→en
    install_package(_deflated(tmp_path / "fr_en.argosmodel", entries), probe=None)
    before = snapshot(tmp_path / "argos")
    hostile = dict(entries)
    hostile["translate-fr_en-1_0/metadata.json"] = json.dumps(
        {"from_code": "de", "to_code": "en"}
    ).encode()
    with pytest.raises(ModelError, match="holds the installed fr→en package") as caught:
        install_package(_deflated(tmp_path / "de_en.argosmodel", hostile), probe=None)
    assert caught.value.hint and "models remove fr en" in caught.value.hint
    assert snapshot(tmp_path / "argos") == before


def test_a_newer_version_of_the_same_pair_still_replaces_it(tmp_path: Path) -> None:
    entries = good_entries()
    install_package(_deflated(tmp_path / "a.argosmodel", entries), probe=None)
    newer = dict(entries)
    newer["translate-fr_en-1_0/metadata.json"] = json.dumps(
        {"from_code": "fr", "to_code": "en", "package_version": "2.0"}
    ).encode()
    package = install_package(_deflated(tmp_path / "b.argosmodel", newer), probe=None)
    assert package.version == "2.0"


def test_models_install_says_what_it_replaces(fixture_archives: dict[str, Path]) -> None:
    from typer.testing import CliRunner

    from polyglot_press.cli import app

    runner = CliRunner()
    first = runner.invoke(app, ["models", "install", str(fixture_archives["opus-bpe"])])
    assert first.exit_code == 0, first.output
    assert "Replacing" not in first.stderr
    again = runner.invoke(app, ["models", "install", str(fixture_archives["opus-spm"])])
    assert again.exit_code == 0, again.output
    assert "Replacing fr→en 1.9 (" in again.stderr
