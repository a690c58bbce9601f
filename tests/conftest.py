"""Shared fixtures: tiny Argos packages of the three real families (random weights, real layout).

Built once per test session with :func:`polyglot_press.testing.build_package`; see the
docstring of :mod:`polyglot_press.testing` for what each family holds.

``models_dir``
    A ``--models`` folder holding fr→en (``opus-bpe``, folder ``translate-fr_en-1_0``, version
    1.9), en→ko (``argos-train``, folder ``en_ko``, version 1.1) and de→en (``opus-spm``).
    fr→en then en→ko is a pivot route; de→en gives a second source language.
``fr_en_bpe_package`` (alias ``fr_en_package``), ``fr_en_spm_package``, ``en_ko_package``,
``de_en_package``
    :class:`~polyglot_press.packages.InstalledPackage` objects (origin ``"models-dir"``).
``family_package``
    Parametrised over the three families: fr→en opus-bpe, fr→en opus-spm, en→ko argos-train.
``unk_package``
    fr→en opus-bpe whose model emits ``<unk>`` for about a third of target words.
``fixture_archives``
    ``.argosmodel`` files of the three family packages, keyed by family name.

Outputs are not translations: test structure, spans and bookkeeping, never wording.
"""

from __future__ import annotations

import os

# Building the fixtures fits an output layer with many small matrix products, which a
# multi-threaded BLAS runs ten times slower on a busy two-core machine; set before numpy loads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from pathlib import Path

import pytest

from polyglot_press.packages import InstalledPackage, read_package
from polyglot_press.testing import FixtureFamily, build_package, write_argosmodel

# Fixtures of the package-management tests (isolated package folders, a fake network).
pytest_plugins = ["package_files"]


@pytest.fixture(scope="session")
def models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A models folder: fr→en opus-bpe, en→ko argos-train, de→en opus-spm."""
    directory = tmp_path_factory.mktemp("models")
    build_package(directory, "opus-bpe", "fr", "en", seed=0)
    build_package(directory, "argos-train", "en", "ko", seed=1)
    build_package(directory, "opus-spm", "de", "en", seed=2)
    return directory


@pytest.fixture(scope="session")
def fr_en_bpe_package(models_dir: Path) -> InstalledPackage:
    return read_package(models_dir / "translate-fr_en-1_0")


@pytest.fixture(scope="session")
def fr_en_package(fr_en_bpe_package: InstalledPackage) -> InstalledPackage:
    return fr_en_bpe_package


@pytest.fixture(scope="session")
def en_ko_package(models_dir: Path) -> InstalledPackage:
    return read_package(models_dir / "en_ko")


@pytest.fixture(scope="session")
def de_en_package(models_dir: Path) -> InstalledPackage:
    return read_package(models_dir / "translate-de_en-1_0")


@pytest.fixture(scope="session")
def fr_en_spm_package(tmp_path_factory: pytest.TempPathFactory) -> InstalledPackage:
    directory = tmp_path_factory.mktemp("models-spm")
    return read_package(build_package(directory, "opus-spm", "fr", "en", seed=3))


@pytest.fixture(scope="session")
def unk_package(tmp_path_factory: pytest.TempPathFactory) -> InstalledPackage:
    directory = tmp_path_factory.mktemp("models-unk")
    return read_package(build_package(directory, "opus-bpe", "fr", "en", seed=4, unk_rate=0.3))


@pytest.fixture(
    scope="session",
    params=["opus-bpe", "opus-spm", "argos-train"],
)
def family_package(
    request: pytest.FixtureRequest,
    fr_en_bpe_package: InstalledPackage,
    fr_en_spm_package: InstalledPackage,
    en_ko_package: InstalledPackage,
) -> InstalledPackage:
    """One package of each family, in turn."""
    by_family: dict[FixtureFamily, InstalledPackage] = {
        "opus-bpe": fr_en_bpe_package,
        "opus-spm": fr_en_spm_package,
        "argos-train": en_ko_package,
    }
    family: FixtureFamily = request.param
    return by_family[family]


@pytest.fixture(scope="session")
def fixture_archives(
    tmp_path_factory: pytest.TempPathFactory,
    fr_en_bpe_package: InstalledPackage,
    fr_en_spm_package: InstalledPackage,
    en_ko_package: InstalledPackage,
) -> dict[FixtureFamily, Path]:
    """``.argosmodel`` files of the three family packages."""
    directory = tmp_path_factory.mktemp("archives")
    packages: dict[FixtureFamily, InstalledPackage] = {
        "opus-bpe": fr_en_bpe_package,
        "opus-spm": fr_en_spm_package,
        "argos-train": en_ko_package,
    }
    return {
        family: write_argosmodel(
            package.path,
            directory / f"{family}-translate-{package.source}_{package.target}.argosmodel",
        )
        for family, package in packages.items()
    }
