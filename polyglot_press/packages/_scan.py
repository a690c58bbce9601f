"""Finding installed packages: the Argos package directory and an optional models folder.

Packages are recognised by their ``metadata.json``, never by folder or file names (the OPUS-MT
converter names fr→en 1.9 ``translate-fr_en-1_0``; argos-train packages are called ``en_ko``).
For each language pair the models folder wins over the package directory; within one place the
newest ``package_version`` wins.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from polyglot_press._env import argos_packages_dir, resolve_models_dir
from polyglot_press.errors import ModelError
from polyglot_press.packages._archive import (
    ensure_extracted,
    package_from_archive,
    visible_entries,
)
from polyglot_press.packages._metadata import is_translation_package, read_package_dir
from polyglot_press.packages._model import (
    ARCHIVE_SUFFIX,
    InstalledPackage,
    PackageScan,
    normalize_code,
    version_key,
)

Pair = tuple[str, str]


def scan_packages(models_dir: str | Path | None = None) -> PackageScan:
    """Find every package, keep the best one per pair, and report unreadable entries.

    Raises :class:`ModelError` if the models folder is given but is not a directory.
    """
    folder = resolve_models_dir(models_dir)
    argos_found, argos_problems = scan_argos_dir(argos_packages_dir())
    folder_found, folder_problems = scan_models_dir(folder) if folder else ([], [])
    best = newest_per_pair(argos_found)
    best.update(newest_per_pair(folder_found))  # the models folder overrides installed ones
    return PackageScan(
        packages=tuple(best[pair] for pair in sorted(best)),
        problems=(*argos_problems, *folder_problems),
    )


def installed_packages(models_dir: str | Path | None = None) -> list[InstalledPackage]:
    """Every usable package, one per pair, sorted by pair; unreadable entries are skipped.

    Packages from the models folder take precedence over Argos-installed ones for the same pair;
    otherwise the newest version wins. Archives in the models folder are not extracted here.
    """
    return list(scan_packages(models_dir).packages)


def find_package(
    source: str, target: str, models_dir: str | Path | None = None
) -> InstalledPackage | None:
    """The package for ``source``→``target``, extracted and ready to load, or ``None``."""
    wanted = (normalize_code(source), normalize_code(target))
    for package in scan_packages(models_dir).packages:
        if (package.source, package.target) == wanted:
            return ensure_extracted(package)
    return None


def scan_argos_dir(directory: Path) -> tuple[list[InstalledPackage], list[ModelError]]:
    """Every package folder in the Argos package directory, and the unreadable ones."""
    found: list[InstalledPackage] = []
    problems: list[ModelError] = []
    for entry in visible_entries(directory):
        if entry.is_dir() and is_translation_package(entry):
            try:
                found.append(read_package_dir(entry, "argos"))
            except ModelError as problem:
                problems.append(problem)
    return found, problems


def scan_models_dir(folder: Path) -> tuple[list[InstalledPackage], list[ModelError]]:
    """Every package folder and ``.argosmodel`` file in a models folder, and unreadable ones."""
    if not folder.is_dir():
        raise ModelError(
            f"models folder {folder} does not exist or is not a folder",
            hint="check --models or POLYGLOT_PRESS_MODELS",
        )
    found: list[InstalledPackage] = []
    problems: list[ModelError] = []
    for entry in visible_entries(folder):
        try:
            if entry.is_dir() and is_translation_package(entry):
                found.append(read_package_dir(entry, "models-dir"))
            elif entry.is_file() and entry.name.lower().endswith(ARCHIVE_SUFFIX):
                found.append(package_from_archive(entry))
        except ModelError as problem:
            problems.append(problem)
    return found, problems


def newest_per_pair(packages: Iterable[InstalledPackage]) -> dict[Pair, InstalledPackage]:
    """The preferred package for each pair: newest version, then an extracted folder."""
    best: dict[Pair, InstalledPackage] = {}
    for package in packages:
        pair = (package.source, package.target)
        current = best.get(pair)
        if current is None or _preference(package) > _preference(current):
            best[pair] = package
    return best


def _preference(package: InstalledPackage) -> tuple[object, bool]:
    # On equal versions an extracted folder beats an archive: nothing to extract.
    return version_key(package.version), package.archive is None
