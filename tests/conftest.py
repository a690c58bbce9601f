"""Shared fixtures: tiny synthetic Argos packages (random weights, real layout).

Built once per test session into a temporary directory with
:func:`polyglot_press.testing.build_synthetic_package`:

``models_dir``
    A directory holding the extracted packages ``translate-fr_en-1_0``, ``translate-en_ko-1_0``
    and ``translate-de_en-1_0`` — what ``--models-dir`` points at.
``fr_en_package``, ``en_ko_package``, ``de_en_package``
    :class:`~polyglot_press.models.InstalledPackage` objects for those packages (origin
    ``"models-dir"``), ready for :class:`~polyglot_press.engine.TranslationEngine`.
    fr→en then en→ko is a pivot route; de→en gives a second source language.

Outputs are gibberish: test structure, spans and bookkeeping, never wording.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from polyglot_press.models import InstalledPackage
from polyglot_press.testing import build_synthetic_package

_PAIRS = (("fr", "en"), ("en", "ko"), ("de", "en"))


@pytest.fixture(scope="session")
def models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory of extracted synthetic packages for fr→en, en→ko and de→en."""
    directory = tmp_path_factory.mktemp("models")
    for seed, (source, target) in enumerate(_PAIRS):
        build_synthetic_package(directory, source, target, seed=seed)
    return directory


def _installed(models_dir: Path, source: str, target: str) -> InstalledPackage:
    path = models_dir / f"translate-{source}_{target}-1_0"
    size = sum(file.stat().st_size for file in path.rglob("*") if file.is_file())
    return InstalledPackage(source, target, "1.0", path, size, "models-dir")


@pytest.fixture(scope="session")
def fr_en_package(models_dir: Path) -> InstalledPackage:
    return _installed(models_dir, "fr", "en")


@pytest.fixture(scope="session")
def en_ko_package(models_dir: Path) -> InstalledPackage:
    return _installed(models_dir, "en", "ko")


@pytest.fixture(scope="session")
def de_en_package(models_dir: Path) -> InstalledPackage:
    return _installed(models_dir, "de", "en")
