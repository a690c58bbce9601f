"""The Argos package index: download, saved copy when offline, install_pair."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from package_files import (
    INDEX_URL,
    index_entry,
    serve,
    write_archive,
)

from polyglot_press.errors import ModelError
from polyglot_press.packages import (
    StaleIndexWarning,
    _index,
    available_packages,
    install_pair,
    load_package_index,
)

pytestmark = pytest.mark.usefixtures("isolated")


# --------------------------------------------------------------------------- package index


def test_index_is_downloaded_saved_and_filtered(
    monkeypatch: pytest.MonkeyPatch, saved_index: Path
) -> None:
    entries = [index_entry("fr", "en"), index_entry("en", "ko"), {"type": "sbd", "from_code": "fr"}]
    monkeypatch.setattr(
        _index, "_download", serve({f"{INDEX_URL}index.json": json.dumps(entries).encode()})
    )

    index = load_package_index()

    assert not index.is_stale
    assert [p.pair for p in index.packages] == ["en→ko", "fr→en"]
    assert json.loads(saved_index.read_text(encoding="utf-8")) == entries
    assert index.find("fr", "en") is not None
    assert index.find("fr", "ko") is None


def test_offline_without_saved_index_says_how_to_install_from_file() -> None:
    with pytest.raises(ModelError, match="offline") as caught:
        available_packages()

    assert "polyglot-press models install FILE.argosmodel" in (caught.value.hint or "")


def test_offline_with_saved_index_uses_it_and_warns(saved_index: Path) -> None:
    saved_index.parent.mkdir(parents=True)
    saved_index.write_text(json.dumps([index_entry("fr", "en")]), encoding="utf-8")

    with pytest.warns(StaleIndexWarning, match="may be stale"):
        packages = available_packages()

    assert [p.pair for p in packages] == ["fr→en"]


def test_invalid_index_download_keeps_saved_copy(
    monkeypatch: pytest.MonkeyPatch, saved_index: Path
) -> None:
    saved_index.parent.mkdir(parents=True)
    saved_index.write_text(json.dumps([index_entry("fr", "en")]), encoding="utf-8")
    monkeypatch.setattr(_index, "_download", serve({f"{INDEX_URL}index.json": b"<html>"}))

    index = load_package_index()

    assert index.is_stale
    assert "not valid JSON" in (index.stale_reason or "")
    assert [p.pair for p in index.packages] == ["fr→en"]


def test_install_pair_downloads_and_installs(
    argos_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = index_entry("fr", "en", "1.9")
    archive = write_archive(tmp_path, "fr", "en", "1.9")
    monkeypatch.setattr(
        _index,
        "_download",
        serve({f"{INDEX_URL}index.json": json.dumps([entry]).encode(), entry["links"][0]: archive}),
    )

    package = install_pair("fr", "en", probe=None)

    assert (package.pair, package.version) == ("fr→en", "1.9")
    assert package.path.parent == argos_dir
    assert list((tmp_path / "cache" / "downloads").iterdir()) == []


def test_install_pair_offline_points_to_download_url(
    saved_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = index_entry("fr", "en")
    saved_index.parent.mkdir(parents=True)
    saved_index.write_text(json.dumps([entry]), encoding="utf-8")

    with pytest.raises(ModelError, match="offline") as caught:
        install_pair("fr", "en", probe=None)

    hint = caught.value.hint or ""
    assert entry["links"][0] in hint
    assert "`polyglot-press models install translate-fr_en-1_0.argosmodel`" in hint


def test_install_pair_offline_without_index() -> None:
    with pytest.raises(ModelError, match="cannot download fr→en") as caught:
        install_pair("fr", "en", probe=None)

    assert "connected machine" in (caught.value.hint or "")


def test_install_pair_not_in_index_suggests_pivot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        _index,
        "_download",
        serve({f"{INDEX_URL}index.json": json.dumps([index_entry("fr", "en")]).encode()}),
    )

    with pytest.raises(ModelError, match="no fr→ko package") as caught:
        install_pair("fr", "ko", probe=None)

    assert "`polyglot-press models install en ko`" in (caught.value.hint or "")


def test_corrupt_download_is_not_installed(
    argos_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = index_entry("fr", "en")
    monkeypatch.setattr(
        _index,
        "_download",
        serve(
            {
                f"{INDEX_URL}index.json": json.dumps([entry]).encode(),
                entry["links"][0]: b"PK\x03\x04 cut",
            }
        ),
    )

    with pytest.raises(ModelError, match="not a zip archive"):
        install_pair("fr", "en", probe=None)
    assert list(argos_dir.iterdir()) == []
