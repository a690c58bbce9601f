"""Argos Translate packages: finding, installing, listing and removing them.

Packages come from two places:

* the Argos Translate package directory, which :func:`install_package`, :func:`install_pair`
  and :func:`remove_package` manage. :func:`argos_packages_dir` reads ``ARGOS_PACKAGES_DIR``
  at call time (``argostranslate.settings`` reads it once, at import), then falls back to
  ``argostranslate.settings.package_data_dir``, so tests and callers can redirect it at any time;
* an optional *models folder* (the ``models_dir`` argument, else ``POLYGLOT_PRESS_MODELS``) of
  extracted packages and/or ``.argosmodel`` archives, used in place. An archive is extracted on
  first use into :func:`cache_dir` ``/models``, keyed by the archive's path, size and mtime.

For each language pair the models folder wins over the package directory; within one place the
newest ``package_version`` wins.

``argostranslate.translate`` is never imported (it pulls stanza, torch and spaCy), and neither
are ``argostranslate.package.install_from_path``/``uninstall``, which import it. Installing is
done here instead: an archive is fully validated (zip structure, CRCs, layout, metadata, no
escaping paths) before the package directory is touched, extracted into a scratch folder inside
it, then renamed into place, so a failure never leaves a half-installed package.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Literal

from polyglot_press.errors import ModelError

if TYPE_CHECKING:
    from packaging.version import Version

PackageOrigin = Literal["argos", "models-dir", "models-dir-archive"]
RouteKind = Literal["identity", "direct", "pivot"]

PIVOT_LANGUAGE = "en"
INDEX_TIMEOUT_SECONDS = 10.0
DOWNLOAD_TIMEOUT_SECONDS = 30.0
ARGOS_INDEX_PAGE = "https://www.argosopentech.com/argospm/index/"
ARCHIVE_SUFFIX = ".argosmodel"

_SCRATCH_PREFIX = ".polyglot-press-"
# What zipfile raises on damaged archives besides BadZipFile (e.g. a cut deflate stream).
_CORRUPT_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError)
_USER_AGENT = "polyglot-press (+https://github.com/argosopentech/argos-translate)"
_REDOWNLOAD_HINT = "the file may be truncated or corrupt: download it again"
_OFFLINE_FILE_HINT = (
    "on a connected machine, download it from the Argos Translate package index "
    f"({ARGOS_INDEX_PAGE}), copy it here and run `polyglot-press models install FILE.argosmodel`"
)


@dataclass(frozen=True, slots=True)
class InstalledPackage:
    """An extracted Argos package on disk, ready to load.

    ``path`` is the package directory holding ``metadata.json``, ``model/`` and
    ``sentencepiece.model``; ``target_prefix`` comes from metadata (often empty).

    For a package found as an ``.argosmodel`` file in a models folder, ``archive`` is that file
    and ``path`` is where it is extracted in the cache; :func:`find_package` and
    :func:`plan_route` extract it before returning it (see :func:`ensure_extracted`), while
    :func:`installed_packages` does not, so listing stays cheap.
    """

    source: str
    target: str
    version: str
    path: Path
    size_bytes: int
    origin: PackageOrigin
    target_prefix: str = ""
    archive: Path | None = None

    @property
    def pair(self) -> str:
        return f"{self.source}→{self.target}"

    @property
    def location(self) -> Path:
        """Where the package lives for the user: the archive file if any, else the folder."""
        return self.archive if self.archive is not None else self.path


@dataclass(frozen=True, slots=True)
class Route:
    """How to get from ``source`` to ``target``: the packages to chain, in order."""

    source: str
    target: str
    kind: RouteKind
    packages: tuple[InstalledPackage, ...] = ()

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language along the way, e.g. ``("fr", "en", "ko")``."""
        return (self.source, *(package.target for package in self.packages))

    def describe(self) -> str:
        """A one-line summary such as ``fr→en→ko (pivot via en)``."""
        if self.kind == "identity":
            return f"{self.source} (same language, no translation needed)"
        chain = "→".join(self.languages)
        if self.kind == "pivot":
            return f"{chain} (pivot via {', '.join(self.languages[1:-1])})"
        return f"{chain} (direct)"


@dataclass(frozen=True, slots=True)
class PackageScan:
    """Every usable package (the best one per pair) and the entries that could not be read."""

    packages: tuple[InstalledPackage, ...]
    problems: tuple[ModelError, ...] = ()


@dataclass(frozen=True, slots=True)
class AvailablePackageInfo:
    """A translation package listed in the Argos Translate package index."""

    source: str
    target: str
    version: str
    source_name: str
    target_name: str
    links: tuple[str, ...]

    @property
    def pair(self) -> str:
        return f"{self.source}→{self.target}"


@dataclass(frozen=True, slots=True)
class PackageIndex:
    """The Argos Translate package index, fresh or, when offline, the last saved copy."""

    packages: tuple[AvailablePackageInfo, ...]
    stale_reason: str | None = None

    @property
    def is_stale(self) -> bool:
        return self.stale_reason is not None

    def find(self, source: str, target: str) -> AvailablePackageInfo | None:
        """The newest indexed package for ``source``→``target``, if any."""
        source, target = _normalize_code(source), _normalize_code(target)
        matches = [p for p in self.packages if (p.source, p.target) == (source, target)]
        return max(matches, key=lambda p: _version_key(p.version), default=None)


class StaleIndexWarning(UserWarning):
    """The package index could not be updated, so a saved copy that may be stale was used."""


# --------------------------------------------------------------------------- locations


def argos_packages_dir() -> Path:
    """The Argos Translate package directory: ``ARGOS_PACKAGES_DIR`` read now, else Argos's own.

    The environment is read at call time because ``argostranslate.settings`` only reads it
    once, when first imported.
    """
    configured = os.environ.get("ARGOS_PACKAGES_DIR")
    if configured:
        return Path(configured).expanduser()
    from argostranslate import settings

    return Path(settings.package_data_dir)


def cache_dir() -> Path:
    """polyglot_press's cache: ``POLYGLOT_PRESS_CACHE``, else ``$XDG_CACHE_HOME/polyglot_press``."""
    configured = os.environ.get("POLYGLOT_PRESS_CACHE")
    if configured:
        return Path(configured).expanduser()
    xdg_cache = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg_cache).expanduser() if xdg_cache else Path.home() / ".cache"
    return base / "polyglot_press"


def resolve_models_dir(models_dir: str | Path | None = None) -> Path | None:
    """The models folder to use: ``models_dir`` if given, else ``POLYGLOT_PRESS_MODELS``."""
    if models_dir is not None:
        return Path(models_dir).expanduser()
    configured = os.environ.get("POLYGLOT_PRESS_MODELS")
    return Path(configured).expanduser() if configured else None


# --------------------------------------------------------------------------- discovery


def scan_packages(models_dir: str | Path | None = None) -> PackageScan:
    """Find every package, keep the best one per pair, and report unreadable entries.

    Raises :class:`ModelError` if the models folder is given but is not a directory.
    """
    folder = resolve_models_dir(models_dir)
    argos_found, argos_problems = _scan_argos_dir(argos_packages_dir())
    folder_found, folder_problems = _scan_models_dir(folder) if folder else ([], [])
    best = _newest_per_pair(argos_found)
    best.update(_newest_per_pair(folder_found))  # the models folder overrides installed ones
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
    wanted = (_normalize_code(source), _normalize_code(target))
    for package in scan_packages(models_dir).packages:
        if (package.source, package.target) == wanted:
            return ensure_extracted(package)
    return None


def plan_route(source: str, target: str, models_dir: str | Path | None = None) -> Route:
    """Choose the packages that translate ``source`` into ``target``.

    Same language: an identity route with no packages. Otherwise the direct pair if available,
    else a pivot through English. Raises :class:`ModelError` naming the missing pair(s), with
    the commands that install them.
    """
    source, target = _normalize_code(source), _normalize_code(target)
    if source == target:
        return Route(source, target, "identity")
    scan = scan_packages(models_dir)
    by_pair = {(package.source, package.target): package for package in scan.packages}
    direct = by_pair.get((source, target))
    if direct is not None:
        return Route(source, target, "direct", (ensure_extracted(direct),))
    if PIVOT_LANGUAGE in (source, target):
        raise _missing_route_error(source, target, [(source, target)], scan, models_dir)
    legs = [(source, PIVOT_LANGUAGE), (PIVOT_LANGUAGE, target)]
    missing = [leg for leg in legs if leg not in by_pair]
    if missing:
        raise _missing_route_error(source, target, missing, scan, models_dir)
    return Route(source, target, "pivot", tuple(ensure_extracted(by_pair[leg]) for leg in legs))


def ensure_extracted(package: InstalledPackage) -> InstalledPackage:
    """Make sure ``package.path`` exists, extracting its archive into the cache on first use.

    Extraction goes to a scratch folder that is renamed into place, so concurrent processes
    never see a partial package. Raises :class:`ModelError` if the archive is corrupt.
    """
    if package.archive is None or (package.path / "metadata.json").is_file():
        return package
    layout = _inspect_archive(package.archive, check_crc=False)
    destination = package.path
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        with _scratch_dir(destination.parent) as scratch:
            extracted = _extract(package.archive, scratch) / layout.top
            _read_package_dir(extracted, package.origin)
            try:
                os.rename(extracted, destination)
            except OSError:
                if not (destination / "metadata.json").is_file():
                    raise
                # Another process extracted the same archive first: use its copy.
    except OSError as error:
        raise ModelError(
            f"cannot extract {package.archive} into {destination.parent} ({_reason(error)})",
            hint="check free space and permissions, or point POLYGLOT_PRESS_CACHE elsewhere",
        ) from error
    _prune_old_extractions(destination)
    return package


# --------------------------------------------------------------------------- install / remove


def install_package(path: str | Path) -> InstalledPackage:
    """Install an ``.argosmodel`` file into the Argos package directory.

    The archive is validated first (a readable zip whose CRCs match, exactly one top-level
    folder with ``metadata.json`` naming ``from_code``/``to_code``, ``model/model.bin`` and
    ``sentencepiece.model`` or ``bpe.model``, no absolute or ``..`` entries). It is then
    extracted into a scratch folder inside the package directory and renamed into place; other
    installed versions of the same pair are removed afterwards. On any failure the package
    directory is left as it was. Raises :class:`ModelError`.
    """
    archive = Path(path).expanduser()
    layout = _inspect_archive(archive, check_crc=True)
    packages_dir = argos_packages_dir()
    replaced = [
        package
        for package in _scan_argos_dir(packages_dir)[0]
        if (package.source, package.target) == (layout.metadata.source, layout.metadata.target)
    ]
    destination = packages_dir / layout.top
    try:
        packages_dir.mkdir(parents=True, exist_ok=True)
        with _scratch_dir(packages_dir) as scratch:
            extracted = _extract(archive, scratch) / layout.top
            _read_package_dir(extracted, "argos")
            _swap_into_place(extracted, destination, scratch)
            for number, old in enumerate(replaced):
                if old.path != destination and old.path.exists():
                    os.rename(old.path, scratch / f"replaced-{number}")
    except OSError as error:
        raise ModelError(
            f"cannot install {archive.name} into {packages_dir} ({_reason(error)})",
            hint="check free space and permissions, or set ARGOS_PACKAGES_DIR",
        ) from error
    return _read_package_dir(destination, "argos")


def install_pair(
    source: str, target: str, *, timeout: float = DOWNLOAD_TIMEOUT_SECONDS
) -> InstalledPackage:
    """Download the ``source``→``target`` package from the Argos index, then install it.

    Raises :class:`ModelError` when offline (the hint says how to install from a file), or when
    the index has no such package.
    """
    source, target = _normalize_code(source), _normalize_code(target)
    pair = f"{source}→{target}"
    try:
        index = load_package_index()
    except ModelError as error:
        raise ModelError(f"cannot download {pair}: {error.message}", hint=error.hint) from error
    entry = index.find(source, target)
    if entry is None:
        stale = " (the saved copy may be stale)" if index.is_stale else ""
        hint = "see what exists with `polyglot-press models available`"
        if PIVOT_LANGUAGE not in (source, target):
            hint = (
                f"most languages are published paired with English: install "
                f"`polyglot-press models install {source} {PIVOT_LANGUAGE}` and "
                f"`polyglot-press models install {PIVOT_LANGUAGE} {target}` to pivot; {hint}"
            )
        raise ModelError(
            f"the Argos Translate package index has no {pair} package{stale}", hint=hint
        )
    downloads = cache_dir() / "downloads"
    try:
        downloads.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(
            prefix=_SCRATCH_PREFIX, suffix=ARCHIVE_SUFFIX, dir=downloads
        )
        os.close(handle)
    except OSError as error:
        raise ModelError(
            f"cannot create a download file in {downloads} ({_reason(error)})",
            hint="check permissions, or point POLYGLOT_PRESS_CACHE elsewhere",
        ) from error
    download = Path(name)
    try:
        _download_package(entry, download, timeout=timeout)
        return install_package(download)
    finally:
        download.unlink(missing_ok=True)


def remove_package(
    source: str, target: str, models_dir: str | Path | None = None
) -> InstalledPackage:
    """Remove the ``source``→``target`` package (every installed version) from the Argos dir.

    Returns the newest removed package (its path no longer exists). A package that only exists
    in the models folder is not managed here: :class:`ModelError` says where to delete it.
    """
    source, target = _normalize_code(source), _normalize_code(target)
    packages_dir = argos_packages_dir()
    installed = [
        package
        for package in _scan_argos_dir(packages_dir)[0]
        if (package.source, package.target) == (source, target)
    ]
    if not installed:
        folder = resolve_models_dir(models_dir)
        in_folder = _newest_per_pair(_scan_models_dir(folder)[0]) if folder else {}
        external = in_folder.get((source, target))
        if external is not None:
            raise ModelError(
                f"{source}→{target} comes from the models folder {folder}, "
                "which polyglot-press does not manage",
                hint=f"delete {external.location} yourself",
            )
        raise ModelError(
            f"no installed package for {source}→{target} in {packages_dir}",
            hint="see installed packages with `polyglot-press models list`",
        )
    try:
        with _scratch_dir(packages_dir) as scratch:
            for number, package in enumerate(installed):
                os.rename(package.path, scratch / f"removed-{number}")
    except OSError as error:
        raise ModelError(
            f"cannot remove {source}→{target} from {packages_dir} ({_reason(error)})",
            hint="check permissions on the package directory",
        ) from error
    return max(installed, key=lambda package: _version_key(package.version))


# --------------------------------------------------------------------------- package index


def load_package_index(
    *, refresh: bool = True, timeout: float = INDEX_TIMEOUT_SECONDS
) -> PackageIndex:
    """The Argos Translate package index, updated from the network first when ``refresh``.

    When the update fails, the copy Argos saved last time is used and ``stale_reason`` says so.
    With no saved copy, raises :class:`ModelError` saying it is offline and how to install a
    package from a file.
    """
    saved = _local_index_path()
    failure: str | None = None
    if refresh:
        try:
            _refresh_index(saved, timeout=timeout)
        except ModelError as error:
            failure = error.message
    try:
        entries = json.loads(saved.read_bytes())
    except FileNotFoundError:
        raise ModelError(
            failure or f"no saved copy of the Argos Translate package index at {saved}",
            hint=_OFFLINE_FILE_HINT,
        ) from None
    except (OSError, ValueError) as error:
        raise ModelError(
            f"the saved package index {saved} is unreadable ({error})",
            hint="delete it and run `polyglot-press models available` when online",
        ) from error
    stale_reason = None
    if failure is not None:
        saved_on = datetime.fromtimestamp(saved.stat().st_mtime).strftime("%Y-%m-%d")
        stale_reason = f"{failure}; using the index saved on {saved_on}, which may be stale"
    return PackageIndex(_parse_index(entries), stale_reason)


def available_packages() -> list[AvailablePackageInfo]:
    """Translation packages in the Argos index, sorted by pair (see :func:`load_package_index`).

    Issues a :class:`StaleIndexWarning` when offline and a saved copy of the index was used.
    """
    index = load_package_index()
    if index.stale_reason is not None:
        warnings.warn(index.stale_reason, StaleIndexWarning, stacklevel=2)
    return list(index.packages)


# --------------------------------------------------------------------------- internals


@dataclass(frozen=True, slots=True)
class _Metadata:
    source: str
    target: str
    version: str
    target_prefix: str
    kind: str


@dataclass(frozen=True, slots=True)
class _ArchiveLayout:
    top: str
    metadata: _Metadata
    size_bytes: int


def _normalize_code(code: str) -> str:
    return code.strip().lower()


def _version_key(version: str) -> Version:
    from packaging.version import InvalidVersion, Version

    try:
        return Version(version)
    except InvalidVersion:
        return Version("0")


def _newest_per_pair(
    packages: Iterable[InstalledPackage],
) -> dict[tuple[str, str], InstalledPackage]:
    best: dict[tuple[str, str], InstalledPackage] = {}
    for package in packages:
        pair = (package.source, package.target)
        current = best.get(pair)
        # On equal versions an extracted folder beats an archive: nothing to extract.
        if current is None or _preference(package) > _preference(current):
            best[pair] = package
    return best


def _preference(package: InstalledPackage) -> tuple[Version, bool]:
    return _version_key(package.version), package.archive is None


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _parse_metadata(raw: bytes, where: str) -> _Metadata:
    hint = f"{where} is not a valid Argos package; {_REDOWNLOAD_HINT}"
    try:
        data: Any = json.loads(raw)
    except ValueError as error:
        raise ModelError(f"{where}: metadata.json is not valid JSON ({error})", hint=hint) from None
    if not isinstance(data, dict):
        raise ModelError(f"{where}: metadata.json is not a JSON object", hint=hint)
    source, target = data.get("from_code"), data.get("to_code")
    if not (
        isinstance(source, str) and source.strip() and isinstance(target, str) and target.strip()
    ):
        raise ModelError(f"{where}: metadata.json lacks from_code/to_code", hint=hint)
    version = data.get("package_version")
    prefix = data.get("target_prefix")
    kind = data.get("type")
    return _Metadata(
        source=_normalize_code(source),
        target=_normalize_code(target),
        version=str(version) if version is not None else "0",
        target_prefix=prefix if isinstance(prefix, str) else "",
        kind=kind if isinstance(kind, str) else "translate",
    )


def _missing_files(exists: Callable[[str], bool]) -> list[str]:
    missing = [] if exists("model/model.bin") else ["model/model.bin"]
    if not (exists("sentencepiece.model") or exists("bpe.model")):
        missing.append("sentencepiece.model (or bpe.model)")
    return missing


def _tree_size(directory: Path) -> int:
    return sum(
        os.path.getsize(os.path.join(root, name))
        for root, _dirs, files in os.walk(directory)
        for name in files
    )


def _read_package_dir(directory: Path, origin: PackageOrigin) -> InstalledPackage:
    try:
        raw = (directory / "metadata.json").read_bytes()
    except OSError as error:
        raise ModelError(
            f"{directory}: cannot read metadata.json ({_reason(error)})",
            hint="an Argos package folder holds metadata.json, model/ and sentencepiece.model",
        ) from None
    metadata = _parse_metadata(raw, str(directory))
    missing = _missing_files(lambda relative: (directory / relative).is_file())
    if missing:
        raise ModelError(
            f"{directory}: incomplete package, missing {', '.join(missing)}",
            hint="reinstall it from its .argosmodel file",
        )
    return InstalledPackage(
        source=metadata.source,
        target=metadata.target,
        version=metadata.version,
        path=directory,
        size_bytes=_tree_size(directory),
        origin=origin,
        target_prefix=metadata.target_prefix,
    )


def _is_translation_package(directory: Path) -> bool:
    """False for Argos's sentence-boundary ("sbd") packages, which polyglot_press never uses."""
    try:
        data = json.loads((directory / "metadata.json").read_bytes())
    except (OSError, ValueError):
        return True  # let _read_package_dir report the problem
    return not isinstance(data, dict) or data.get("type", "translate") == "translate"


def _scan_argos_dir(directory: Path) -> tuple[list[InstalledPackage], list[ModelError]]:
    found: list[InstalledPackage] = []
    problems: list[ModelError] = []
    for entry in _visible_entries(directory):
        if entry.is_dir() and _is_translation_package(entry):
            try:
                found.append(_read_package_dir(entry, "argos"))
            except ModelError as problem:
                problems.append(problem)
    return found, problems


def _scan_models_dir(folder: Path) -> tuple[list[InstalledPackage], list[ModelError]]:
    if not folder.is_dir():
        raise ModelError(
            f"models folder {folder} does not exist or is not a folder",
            hint="check --models or POLYGLOT_PRESS_MODELS",
        )
    found: list[InstalledPackage] = []
    problems: list[ModelError] = []
    for entry in _visible_entries(folder):
        try:
            if entry.is_dir() and _is_translation_package(entry):
                found.append(_read_package_dir(entry, "models-dir"))
            elif entry.is_file() and entry.name.lower().endswith(ARCHIVE_SUFFIX):
                found.append(_package_from_archive(entry))
        except ModelError as problem:
            problems.append(problem)
    return found, problems


def _visible_entries(directory: Path) -> Iterator[Path]:
    try:
        entries = sorted(directory.iterdir())
    except OSError:
        return
    yield from (entry for entry in entries if not entry.name.startswith("."))


def _package_from_archive(archive: Path) -> InstalledPackage:
    layout = _inspect_archive(archive, check_crc=False)
    return InstalledPackage(
        source=layout.metadata.source,
        target=layout.metadata.target,
        version=layout.metadata.version,
        path=_extraction_dir(archive),
        size_bytes=layout.size_bytes,
        origin="models-dir-archive",
        target_prefix=layout.metadata.target_prefix,
        archive=archive,
    )


def _extraction_dir(archive: Path) -> Path:
    """Cache folder for ``archive``: named after its path, size and mtime, so edits re-extract."""
    resolved = archive.resolve()
    status = resolved.stat()
    place = hashlib.sha256(os.fsencode(resolved)).hexdigest()[:12]
    state = hashlib.sha256(f"{status.st_size}:{status.st_mtime_ns}".encode()).hexdigest()[:12]
    return cache_dir() / "models" / f"{resolved.stem}-{place}-{state}"


def _prune_old_extractions(current: Path) -> None:
    """Drop earlier extractions of the same archive path (it has since been replaced)."""
    same_archive = current.name.rsplit("-", 1)[0] + "-"
    for sibling in _visible_entries(current.parent):
        if sibling.name.startswith(same_archive) and sibling != current and sibling.is_dir():
            shutil.rmtree(sibling, ignore_errors=True)


def _inspect_archive(path: Path, *, check_crc: bool) -> _ArchiveLayout:
    """Validate an ``.argosmodel`` file without extracting it (CRCs too when ``check_crc``)."""
    if not path.is_file():
        raise ModelError(f"{path}: no such file", hint="check the path to the .argosmodel file")
    if not zipfile.is_zipfile(path):
        raise ModelError(
            f"{path} is not a zip archive, so not an Argos package", hint=_REDOWNLOAD_HINT
        )
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            top = _single_top_folder(path, infos)
            names = {info.filename for info in infos}
            if f"{top}/metadata.json" not in names:
                raise ModelError(f"{path}: no {top}/metadata.json", hint=_REDOWNLOAD_HINT)
            metadata = _parse_metadata(archive.read(f"{top}/metadata.json"), str(path))
            if metadata.kind != "translate":
                raise ModelError(
                    f"{path} is a {metadata.kind!r} package, not a translation package",
                    hint='install a translation package (type "translate")',
                )
            missing = _missing_files(lambda relative: f"{top}/{relative}" in names)
            if missing:
                raise ModelError(
                    f"{path}: incomplete package, missing {', '.join(missing)}",
                    hint=_REDOWNLOAD_HINT,
                )
            corrupt = archive.testzip() if check_crc else None
    except (*_CORRUPT_ZIP_ERRORS, OSError) as error:
        raise ModelError(f"{path} is corrupt ({error})", hint=_REDOWNLOAD_HINT) from error
    if corrupt is not None:
        raise ModelError(f"{path} is corrupt: {corrupt} fails its CRC check", hint=_REDOWNLOAD_HINT)
    return _ArchiveLayout(top, metadata, sum(info.file_size for info in infos))


def _single_top_folder(path: Path, infos: list[zipfile.ZipInfo]) -> str:
    tops: set[str] = set()
    for info in infos:
        name = info.filename
        parts = PurePosixPath(name).parts
        if not parts or name.startswith("/") or "\\" in name or ".." in parts or ":" in parts[0]:
            raise ModelError(
                f"{path}: unsafe entry {name!r} would be written outside the package folder",
                hint="this is not a genuine Argos package: do not install it",
            )
        if len(parts) == 1 and not info.is_dir():
            raise ModelError(
                f"{path}: file {name!r} at the top level; an Argos package holds one folder",
                hint=_REDOWNLOAD_HINT,
            )
        tops.add(parts[0])
    if len(tops) != 1:
        raise ModelError(
            f"{path}: expected exactly one top-level folder, found {len(tops)}",
            hint=_REDOWNLOAD_HINT,
        )
    return tops.pop()


def _extract(archive: Path, into: Path) -> Path:
    """Extract ``archive`` into ``into``; CRCs are checked as files are written."""
    try:
        with zipfile.ZipFile(archive) as opened:
            opened.extractall(into)
    except _CORRUPT_ZIP_ERRORS as error:
        raise ModelError(f"{archive} is corrupt ({error})", hint=_REDOWNLOAD_HINT) from error
    return into


@contextmanager
def _scratch_dir(parent: Path) -> Iterator[Path]:
    """A hidden temporary folder inside ``parent`` (same filesystem, so renames are atomic)."""
    scratch = Path(tempfile.mkdtemp(prefix=_SCRATCH_PREFIX, dir=parent))
    try:
        yield scratch
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _swap_into_place(new: Path, destination: Path, scratch: Path) -> None:
    """Rename ``new`` to ``destination``, moving whatever is there into ``scratch`` first."""
    previous = scratch / "previous"
    had_previous = os.path.lexists(destination)
    if had_previous:
        os.rename(destination, previous)
    try:
        os.rename(new, destination)
    except OSError:
        if had_previous:
            os.rename(previous, destination)
        raise


def _local_index_path() -> Path:
    """Where Argos saves the package index (``$XDG_DATA_HOME`` read now, like the packages dir)."""
    xdg_data = os.environ.get("XDG_DATA_HOME")
    if xdg_data:
        return Path(xdg_data).expanduser() / "argos-translate" / "index.json"
    from argostranslate import settings

    return Path(settings.local_package_index)


def _remote_index_url() -> str:
    configured = os.environ.get("ARGOS_PACKAGE_INDEX")
    if configured:
        return configured.rstrip("/") + "/index.json"
    from argostranslate import settings

    return str(settings.remote_package_index)


def _refresh_index(saved: Path, *, timeout: float) -> None:
    """Download the index and atomically replace the saved copy; ModelError when offline."""
    from http.client import HTTPException

    url = _remote_index_url()
    try:
        saved.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=_SCRATCH_PREFIX, dir=saved.parent)
        os.close(handle)
    except OSError as error:
        raise ModelError(
            f"cannot save the package index in {saved.parent} ({_reason(error)})"
        ) from error
    download = Path(name)
    try:
        try:
            _download(url, download, timeout=timeout)
        except (OSError, HTTPException, ValueError) as error:
            raise ModelError(
                f"cannot reach the Argos Translate package index at {url} ({error}): "
                "you appear to be offline"
            ) from error
        try:
            entries = json.loads(download.read_bytes())
        except ValueError as error:
            raise ModelError(f"the package index from {url} is not valid JSON") from error
        if not isinstance(entries, list):
            raise ModelError(f"the package index from {url} is not a list of packages")
        os.replace(download, saved)
    finally:
        download.unlink(missing_ok=True)


def _parse_index(entries: Any) -> tuple[AvailablePackageInfo, ...]:
    packages: list[AvailablePackageInfo] = []
    for entry in entries if isinstance(entries, list) else ():
        if not isinstance(entry, dict) or entry.get("type", "translate") != "translate":
            continue
        source, target = entry.get("from_code"), entry.get("to_code")
        if not (isinstance(source, str) and isinstance(target, str)):
            continue
        links = entry.get("links")
        packages.append(
            AvailablePackageInfo(
                source=_normalize_code(source),
                target=_normalize_code(target),
                version=str(entry.get("package_version", "0")),
                source_name=str(entry.get("from_name", "")),
                target_name=str(entry.get("to_name", "")),
                links=tuple(link for link in links if isinstance(link, str))
                if isinstance(links, list)
                else (),
            )
        )
    return tuple(sorted(packages, key=lambda p: (p.source, p.target, _version_key(p.version))))


def _download_package(entry: AvailablePackageInfo, destination: Path, *, timeout: float) -> None:
    if not entry.links:
        raise ModelError(
            f"the package index lists {entry.pair} without a download link",
            hint=_OFFLINE_FILE_HINT,
        )
    from http.client import HTTPException

    failures: list[str] = []
    for url in entry.links:
        try:
            _download(url, destination, timeout=timeout)
            return
        except (OSError, HTTPException, ValueError) as error:
            failures.append(f"{url}: {error}")
    filename = (
        PurePosixPath(entry.links[0]).name or f"translate-{entry.source}_{entry.target}.argosmodel"
    )
    raise ModelError(
        f"cannot download {entry.pair}, you appear to be offline ({'; '.join(failures)})",
        hint=(
            f"on a connected machine, download {entry.links[0]}, copy it here and run "
            f"`polyglot-press models install {filename}`"
        ),
    )


def _download(url: str, destination: Path, *, timeout: float) -> None:
    """Stream ``url`` into ``destination``; ``timeout`` bounds each connect and read.

    The only function here that touches the network (tests replace it).
    """
    import urllib.request

    if not url.startswith(("https://", "http://")):
        raise ValueError(f"unsupported URL scheme in {url!r}")
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    with (
        urllib.request.urlopen(request, timeout=timeout) as response,
        destination.open("wb") as sink,
    ):
        shutil.copyfileobj(response, sink, 1 << 20)


def _missing_route_error(
    source: str,
    target: str,
    missing: list[tuple[str, str]],
    scan: PackageScan,
    models_dir: str | Path | None,
) -> ModelError:
    wanted = f"{source}→{target}"
    missing_text = ", ".join(f"{a}→{b}" for a, b in missing)
    if missing == [(source, target)]:
        message = f"no translation package for {wanted}"
    else:
        message = (
            f"no translation package for {wanted}, "
            f"directly or through English (missing: {missing_text})"
        )
    commands = " and ".join(f"`polyglot-press models install {a} {b}`" for a, b in missing)
    hint = (
        f"install with {commands} (online) "
        "or `polyglot-press models install FILE.argosmodel` (offline)"
    )
    folder = resolve_models_dir(models_dir)
    if folder is not None:
        hint += f", or put the .argosmodel file in {folder}"
    if scan.problems:
        hint += (
            f"; {len(scan.problems)} package(s) could not be read, see `polyglot-press models list`"
        )
    return ModelError(message, hint=hint)
