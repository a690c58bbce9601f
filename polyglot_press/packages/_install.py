"""Installing ``.argosmodel`` files into the Argos package directory, and removing packages.

``argostranslate.package.install_from_path``/``uninstall`` are not used: they import
``argostranslate.translate`` (stanza, torch, spaCy) and extract straight into the package
directory. Here an archive is validated, extracted into a scratch folder inside the package
directory, *loaded and made to translate a probe sentence*, and only then renamed into place,
so a failure never leaves a half-installed or unusable package.
"""

from __future__ import annotations

import os
from pathlib import Path

from polyglot_press._env import argos_packages_dir, resolve_models_dir
from polyglot_press.errors import ModelError
from polyglot_press.packages._archive import (
    extract,
    inspect_archive,
    scratch_dir,
    swap_into_place,
)
from polyglot_press.packages._metadata import read_package_dir
from polyglot_press.packages._model import InstalledPackage, normalize_code, os_reason, version_key
from polyglot_press.packages._scan import newest_per_pair, scan_argos_dir, scan_models_dir
from polyglot_press.packages._validate import check_package_loads


def install_package(path: str | Path, *, validate: bool = True) -> InstalledPackage:
    """Install an ``.argosmodel`` file into the Argos package directory.

    The archive is checked first (a readable zip whose CRCs match, exactly one top-level folder
    with ``metadata.json`` naming ``from_code``/``to_code``, ``model/model.bin`` and
    ``sentencepiece.model`` or ``bpe.model``, no absolute or ``..`` entries). It is then
    extracted into a scratch folder inside the package directory and, when ``validate``, loaded
    and made to translate a probe sentence; only then is it renamed into place and other
    installed versions of the same pair removed. On any failure the package directory is left
    as it was. Raises :class:`ModelError` naming what is wrong.
    """
    archive = Path(path).expanduser()
    layout = inspect_archive(archive, check_crc=True)
    packages_dir = argos_packages_dir()
    pair = (layout.metadata.source, layout.metadata.target)
    replaced = [p for p in scan_argos_dir(packages_dir)[0] if (p.source, p.target) == pair]
    destination = packages_dir / layout.top
    try:
        packages_dir.mkdir(parents=True, exist_ok=True)
        with scratch_dir(packages_dir) as scratch:
            extracted = extract(archive, scratch / "new") / layout.top
            candidate = read_package_dir(extracted, "argos")
            if validate:
                check_package_loads(candidate, archive.name)
            swap_into_place(extracted, destination, scratch)
            for number, old in enumerate(replaced):
                if old.path != destination and old.path.exists():
                    os.rename(old.path, scratch / f"replaced-{number}")
    except OSError as error:
        raise ModelError(
            f"cannot install {archive.name} into {packages_dir} ({os_reason(error)})",
            hint="check free space and permissions, or set ARGOS_PACKAGES_DIR",
        ) from error
    return read_package_dir(destination, "argos")


def remove_package(
    source: str, target: str, models_dir: str | Path | None = None
) -> InstalledPackage:
    """Remove the ``source``→``target`` package (every installed version) from the Argos dir.

    Returns the newest removed package (its path no longer exists). A package that only exists
    in the models folder is not managed here: :class:`ModelError` says where to delete it.
    """
    source, target = normalize_code(source), normalize_code(target)
    packages_dir = argos_packages_dir()
    installed = [
        package
        for package in scan_argos_dir(packages_dir)[0]
        if (package.source, package.target) == (source, target)
    ]
    if not installed:
        raise _not_installed_error(source, target, packages_dir, models_dir)
    try:
        with scratch_dir(packages_dir) as scratch:
            for number, package in enumerate(installed):
                os.rename(package.path, scratch / f"removed-{number}")
    except OSError as error:
        raise ModelError(
            f"cannot remove {source}→{target} from {packages_dir} ({os_reason(error)})",
            hint="check permissions on the package directory",
        ) from error
    return max(installed, key=lambda package: version_key(package.version))


def _not_installed_error(
    source: str, target: str, packages_dir: Path, models_dir: str | Path | None
) -> ModelError:
    folder = resolve_models_dir(models_dir)
    in_folder = newest_per_pair(scan_models_dir(folder)[0]) if folder else {}
    external = in_folder.get((source, target))
    if external is not None:
        return ModelError(
            f"{source}→{target} comes from the models folder {folder}, "
            "which polyglot-press does not manage",
            hint=f"delete {external.location} yourself",
        )
    return ModelError(
        f"no installed package for {source}→{target} in {packages_dir}",
        hint="see installed packages with `polyglot-press models list`",
    )
