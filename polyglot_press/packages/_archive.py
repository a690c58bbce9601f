"""``.argosmodel`` files: validating one without extracting it, extracting it safely.

An archive is checked (zip structure, CRCs when asked, layout, metadata, no escaping paths)
before anything is written, then extracted into a hidden scratch folder on the same filesystem
and renamed into place, so a failure never leaves a half-written package.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from polyglot_press._env import extracted_archives_dir
from polyglot_press._zipbounds import ZipBounds
from polyglot_press.errors import ModelError
from polyglot_press.packages._family import PackageFamily, detect_family
from polyglot_press.packages._metadata import (
    MAX_METADATA_BYTES,
    METADATA_FILE,
    Metadata,
    missing_files,
    parse_metadata,
    read_package_dir,
)
from polyglot_press.packages._model import (
    REDOWNLOAD_HINT,
    InstalledPackage,
    os_reason,
)

SCRATCH_PREFIX = ".polyglot-press-"
_NOT_GENUINE = "this is not a genuine Argos package: do not install it"
# What zipfile raises on damaged archives besides BadZipFile (e.g. a cut deflate stream).
CORRUPT_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError)
_HEAD_BYTES = 4096
#: Caps on what an archive may unpack to, read from its central directory before anything is
#: extracted. Real packages: one model.bin of 50 MB to 1.2 GB, a few small files, 3-10 entries;
#: weights barely compress (ratio ~1.1), vocabularies and tokenizer models at most ~10x.
MAX_ENTRY_BYTES = 4 << 30
MAX_TOTAL_BYTES = 8 << 30
MAX_ENTRIES = 10_000
MAX_COMPRESSION_RATIO = 100


@dataclass(frozen=True, slots=True)
class ArchiveLayout:
    """What an archive holds: its single top folder, its metadata and family, its size."""

    top: str
    metadata: Metadata
    size_bytes: int
    family: PackageFamily | None = None


def inspect_archive(path: Path, *, check_crc: bool) -> ArchiveLayout:
    """Validate an ``.argosmodel`` file without extracting it (CRCs too when ``check_crc``)."""
    if not path.is_file():
        raise ModelError(f"{path}: no such file", hint="check the path to the .argosmodel file")
    if not zipfile.is_zipfile(path):
        raise ModelError(
            f"{path} is not a zip archive, so not an Argos package", hint=REDOWNLOAD_HINT
        )
    try:
        with zipfile.ZipFile(path) as archive:
            layout = _read_layout(path, archive)
            corrupt = archive.testzip() if check_crc else None
    except (*CORRUPT_ZIP_ERRORS, OSError) as error:
        raise ModelError(f"{path} is corrupt ({error})", hint=REDOWNLOAD_HINT) from error
    if corrupt is not None:
        raise ModelError(f"{path} is corrupt: {corrupt} fails its CRC check", hint=REDOWNLOAD_HINT)
    return layout


def _read_layout(path: Path, archive: zipfile.ZipFile) -> ArchiveLayout:
    infos = archive.infolist()
    _check_sizes(path, infos)
    top = _single_top_folder(path, infos)
    names = {info.filename for info in infos}
    if f"{top}/{METADATA_FILE}" not in names:
        raise ModelError(f"{path}: no {top}/{METADATA_FILE}", hint=REDOWNLOAD_HINT)
    metadata_size = archive.getinfo(f"{top}/{METADATA_FILE}").file_size
    if metadata_size > MAX_METADATA_BYTES:
        raise ModelError(
            f"{path}: its metadata.json is {metadata_size:,} bytes, over the "
            f"{MAX_METADATA_BYTES:,} a package's metadata can take",
            hint=_NOT_GENUINE,
        )
    metadata = parse_metadata(archive.read(f"{top}/{METADATA_FILE}"), str(path))
    if metadata.kind != "translate":
        raise ModelError(
            f"{path} is a {metadata.kind!r} package, not a translation package",
            hint='install a translation package (type "translate")',
        )
    missing = missing_files(lambda relative: f"{top}/{relative}" in names)
    if missing:
        raise ModelError(
            f"{path}: incomplete package, missing {', '.join(missing)}", hint=REDOWNLOAD_HINT
        )

    def read_head(relative: str) -> bytes | None:
        name = f"{top}/{relative}"
        if name not in names:
            return None
        with archive.open(name) as member:
            return member.read(_HEAD_BYTES)

    family = detect_family(lambda relative: f"{top}/{relative}" in names, read_head)
    return ArchiveLayout(top, metadata, sum(info.file_size for info in infos), family)


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse an archive whose central directory promises absurd sizes (a zip bomb).

    zipfile never writes more than an entry's recorded ``file_size``, so these checks bound
    what extraction can write, before a byte of it is written.
    """
    bounds = ZipBounds(MAX_ENTRIES, MAX_TOTAL_BYTES, MAX_ENTRY_BYTES, MAX_COMPRESSION_RATIO)
    problem = bounds.problem(infos)
    if problem is not None:
        raise ModelError(f"{path} {problem}", hint=_NOT_GENUINE)


def check_free_space(layout: ArchiveLayout, archive: Path, destination: Path) -> None:
    """Raise :class:`ModelError` when ``destination``'s filesystem cannot hold the package."""
    try:
        free = shutil.disk_usage(destination).free
    except OSError:
        return  # let the extraction itself report it
    if layout.size_bytes > free:
        raise ModelError(
            f"{archive.name} needs {layout.size_bytes:,} bytes, {destination} has {free:,} free",
            hint="free some space, or set ARGOS_PACKAGES_DIR / POLYGLOT_PRESS_CACHE elsewhere",
        )


def _single_top_folder(path: Path, infos: list[zipfile.ZipInfo]) -> str:
    tops: set[str] = set()
    for info in infos:
        name = info.filename
        parts = PurePosixPath(name).parts
        if not parts or name.startswith("/") or "\\" in name or ".." in parts or ":" in parts[0]:
            raise ModelError(
                f"{path}: unsafe entry {name!r} would be written outside the package folder",
                hint=_NOT_GENUINE,
            )
        if len(parts) == 1 and not info.is_dir():
            raise ModelError(
                f"{path}: file {name!r} at the top level; an Argos package holds one folder",
                hint=REDOWNLOAD_HINT,
            )
        tops.add(parts[0])
    if len(tops) != 1:
        raise ModelError(
            f"{path}: expected exactly one top-level folder, found {len(tops)}",
            hint=REDOWNLOAD_HINT,
        )
    return tops.pop()


def extract(archive: Path, into: Path) -> Path:
    """Extract ``archive`` into ``into``; CRCs are checked as files are written."""
    try:
        with zipfile.ZipFile(archive) as opened:
            opened.extractall(into)
    except CORRUPT_ZIP_ERRORS as error:
        raise ModelError(f"{archive} is corrupt ({error})", hint=REDOWNLOAD_HINT) from error
    return into


@contextmanager
def scratch_dir(parent: Path) -> Iterator[Path]:
    """A hidden temporary folder inside ``parent`` (same filesystem, so renames are atomic)."""
    scratch = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=parent))
    try:
        yield scratch
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def swap_into_place(new: Path, destination: Path, scratch: Path) -> None:
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


def package_from_archive(archive: Path) -> InstalledPackage:
    """The package an ``.argosmodel`` in a models folder provides (not extracted yet)."""
    layout = inspect_archive(archive, check_crc=False)
    return InstalledPackage(
        source=layout.metadata.source,
        target=layout.metadata.target,
        version=layout.metadata.version,
        path=extraction_dir(archive),
        size_bytes=layout.size_bytes,
        origin="models-dir-archive",
        target_prefix=layout.metadata.target_prefix,
        archive=archive,
        family=layout.family,
    )


def extraction_dir(archive: Path) -> Path:
    """Cache folder for ``archive``: named after its path, size and mtime, so edits re-extract."""
    resolved = archive.resolve()
    status = resolved.stat()
    place = hashlib.sha256(os.fsencode(resolved)).hexdigest()[:12]
    state = hashlib.sha256(f"{status.st_size}:{status.st_mtime_ns}".encode()).hexdigest()[:12]
    return extracted_archives_dir() / f"{resolved.stem}-{place}-{state}"


def ensure_extracted(package: InstalledPackage) -> InstalledPackage:
    """Make sure ``package.path`` exists, extracting its archive into the cache on first use.

    Extraction goes to a scratch folder that is renamed into place, so concurrent processes
    never see a partial package. Raises :class:`ModelError` if the archive is corrupt.
    """
    if package.archive is None or (package.path / METADATA_FILE).is_file():
        return package
    layout = inspect_archive(package.archive, check_crc=False)
    destination = package.path
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        check_free_space(layout, package.archive, destination.parent)
        with scratch_dir(destination.parent) as scratch:
            extracted = extract(package.archive, scratch) / layout.top
            read_package_dir(extracted, package.origin)
            try:
                os.rename(extracted, destination)
            except OSError:
                if not (destination / METADATA_FILE).is_file():
                    raise
                # Another process extracted the same archive first: use its copy.
    except OSError as error:
        raise ModelError(
            f"cannot extract {package.archive} into {destination.parent} ({os_reason(error)})",
            hint="check free space and permissions, or point POLYGLOT_PRESS_CACHE elsewhere",
        ) from error
    _prune_old_extractions(destination)
    return package


def _prune_old_extractions(current: Path) -> None:
    """Drop earlier extractions of the same archive path (it has since been replaced)."""
    same_archive = current.name.rsplit("-", 1)[0] + "-"
    for sibling in visible_entries(current.parent):
        if sibling.name.startswith(same_archive) and sibling != current and sibling.is_dir():
            shutil.rmtree(sibling, ignore_errors=True)


def visible_entries(directory: Path) -> Iterator[Path]:
    """The entries of ``directory`` not starting with a dot, sorted; none if it is unreadable."""
    try:
        entries = sorted(directory.iterdir())
    except OSError:
        return
    yield from (entry for entry in entries if not entry.name.startswith("."))
