"""Helpers for the package-management tests: packages with the Argos layout and dummy
model files, archives, a fake network, and isolated package folders.

Registered as a pytest plugin by ``tests/conftest.py``; test modules opt in to isolation with
``pytestmark = pytest.mark.usefixtures("isolated")``. The network is never touched:
``polyglot_press.packages._index._download`` is replaced by :func:`serve`.
"""

from __future__ import annotations

import json
import shutil
import urllib.error
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from polyglot_press.packages import (
    _index,
)

INDEX_URL = "https://index.test/"

Downloader = Callable[..., None]


# --------------------------------------------------------------------------- helpers


def write_package(
    root: Path,
    source: str,
    target: str,
    version: str = "1.0",
    *,
    tokenizer: str = "sentencepiece.model",
    name: str | None = None,
    extra_metadata: dict[str, object] | None = None,
) -> Path:
    """An extracted package with the Argos layout and dummy model files."""
    package = root / (name or f"translate-{source}_{target}-{version.replace('.', '_')}")
    (package / "model").mkdir(parents=True)
    metadata: dict[str, object] = {
        "package_version": version,
        "from_code": source,
        "to_code": target,
    }
    metadata.update(extra_metadata or {})
    (package / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    (package / "model" / "model.bin").write_bytes(b"weights of " + f"{source}{target}".encode())
    (package / "model" / "config.json").write_text("{}", encoding="utf-8")
    (package / tokenizer).write_bytes(b"tokenizer")
    return package


def write_archive(
    root: Path,
    source: str,
    target: str,
    version: str = "1.0",
) -> Path:
    """The ``.argosmodel`` zip of a dummy package (the folder itself is not kept)."""
    staging = root / ".staging"
    package = write_package(staging, source, target, version)
    archive = root / f"{package.name}.argosmodel"
    zip_entries(
        archive, {p.relative_to(staging).as_posix(): p.read_bytes() for p in files(package)}
    )
    shutil.rmtree(staging)
    return archive


def zip_entries(archive: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as opened:
        for name, data in entries.items():
            opened.writestr(name, data)
    return archive


def files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file (hidden ones too) under ``root`` with its content."""
    if not root.exists():
        return {}
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files(root)}


def good_entries(top: str = "translate-fr_en-1_0") -> dict[str, bytes]:
    return {
        f"{top}/metadata.json": json.dumps({"from_code": "fr", "to_code": "en"}).encode(),
        f"{top}/model/model.bin": b"weights",
        f"{top}/sentencepiece.model": b"tokenizer",
    }


def serve(routes: dict[str, bytes | Path]) -> Downloader:
    """A ``_download`` replacement serving ``routes``; other URLs fail as if offline."""

    def download(url: str, destination: Path, *, timeout: float) -> None:
        assert timeout <= 60
        body = routes.get(url)
        if body is None:
            raise urllib.error.URLError("network is unreachable (test)")
        destination.write_bytes(body.read_bytes() if isinstance(body, Path) else body)

    return download


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos"))
    monkeypatch.setenv("POLYGLOT_PRESS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", INDEX_URL)
    monkeypatch.delenv("POLYGLOT_PRESS_MODELS", raising=False)
    monkeypatch.setattr(_index, "_download", serve({}))


@pytest.fixture
def argos_dir(tmp_path: Path) -> Path:
    path = tmp_path / "argos"
    path.mkdir()
    return path


@pytest.fixture
def models_folder(tmp_path: Path) -> Path:
    path = tmp_path / "models"
    path.mkdir()
    return path


@pytest.fixture
def saved_index(tmp_path: Path) -> Path:
    return tmp_path / "data" / "argos-translate" / "index.json"


def index_entry(source: str, target: str, version: str = "1.0") -> dict[str, Any]:
    return {
        "type": "translate",
        "from_code": source,
        "to_code": target,
        "from_name": source.upper(),
        "to_name": target.upper(),
        "package_version": version,
        "links": [f"https://files.test/translate-{source}_{target}-1_0.argosmodel"],
    }
