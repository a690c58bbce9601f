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
    check_free_space,
    extract,
    inspect_archive,
    scratch_dir,
    swap_into_place,
)
from polyglot_press.packages._metadata import (
    MODEL_FILE,
    MODEL_HEAD_BYTES,
    check_model_header,
    read_package_dir,
)
from polyglot_press.packages._model import (
    REDOWNLOAD_HINT,
    InstalledPackage,
    normalize_code,
    os_reason,
    version_key,
)
from polyglot_press.packages._scan import newest_per_pair, scan_argos_dir, scan_models_dir
from polyglot_press.packages._validate import PackageProbe, check_package_loads


def install_package(path: str | Path, *, probe: PackageProbe | None) -> InstalledPackage:
    """Install an ``.argosmodel`` file into the Argos package directory.

    The archive is checked first (a readable zip whose CRCs match, exactly one top-level folder
    with ``metadata.json`` naming ``from_code``/``to_code``, ``model/model.bin`` and
    ``sentencepiece.model`` or ``bpe.model``, no absolute or ``..`` entries). It is then
    extracted into a scratch folder inside the package directory and, with a ``probe``
    (``polyglot_press.pipeline.EngineProbe()``: the backend that translates later), loaded and
    made to translate a probe sentence; ``probe=None`` skips that check. Only then is it renamed
    into place and other installed versions of the same pair removed. On any failure the
    package directory is left as it was. Raises :class:`ModelError` naming what is wrong.
    """
    archive = Path(path).expanduser()
    layout = inspect_archive(archive, check_crc=True)
    packages_dir = argos_packages_dir()
    pair = (layout.metadata.source, layout.metadata.target)
    replaced = [p for p in scan_argos_dir(packages_dir)[0] if (p.source, p.target) == pair]
    destination = packages_dir / layout.top
    _check_destination(archive, destination, pair)
    try:
        packages_dir.mkdir(parents=True, exist_ok=True)
        check_free_space(layout, archive, packages_dir)
        with scratch_dir(packages_dir) as scratch:
            extracted = extract(archive, scratch / "new") / layout.top
            candidate = read_package_dir(extracted, "argos")
            if (candidate.source, candidate.target) != pair:
                raise ModelError(
                    f"{archive.name} changed while it was installed",
                    hint="install it again once nothing else writes to it",
                )
            if probe is not None:
                _check_loads(candidate, archive, probe)
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


def _check_destination(archive: Path, destination: Path, pair: tuple[str, str]) -> None:
    """Refuse to put a package over the folder of another pair's package.

    The pair is the one ``metadata.json`` names; the folder name is the archive's top folder,
    which a hostile (or carelessly converted) archive can make clash with an installed one.
    """
    if not os.path.lexists(destination):
        return
    try:
        installed = read_package_dir(destination, "argos")
    except ModelError:
        return  # a broken package of that name: replacing it repairs it
    if (installed.source, installed.target) != pair:
        raise ModelError(
            f"{archive.name} is a {pair[0]}→{pair[1]} package, but its folder "
            f"{destination.name} holds the installed {installed.pair} package",
            hint=f"remove {installed.pair} first (`polyglot-press models remove "
            f"{installed.source} {installed.target}`) if you mean to replace it",
        )


def _check_loads(candidate: InstalledPackage, archive: Path, probe: PackageProbe) -> None:
    """The load-and-translate check, with anything CTranslate2 raises as a :class:`ModelError`."""
    try:
        check_model_header(_model_head(candidate.path), archive.name)
        check_package_loads(candidate, archive.name, probe)
    except ModelError:
        raise
    except Exception as error:  # CTranslate2 raises IndexError, RuntimeError, ... on bad weights
        raise ModelError(
            f"{archive.name}: CTranslate2 cannot load its model ({type(error).__name__}: {error})",
            hint=REDOWNLOAD_HINT,
        ) from error


def _model_head(directory: Path) -> bytes:
    with (directory / MODEL_FILE).open("rb") as model:
        return model.read(MODEL_HEAD_BYTES)


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
