"""The values that flow between the package modules: packages on disk, routes, scans.

Values only: nothing here reads the disk (a package's family is detected by whoever finds the
package, in :mod:`polyglot_press.packages._family`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from polyglot_press._languages import PIVOT
from polyglot_press.errors import ModelError
from polyglot_press.packages._family import PackageFamily

if TYPE_CHECKING:
    from packaging.version import Version

PackageOrigin = Literal["argos", "models-dir", "models-dir-archive"]
RouteKind = Literal["identity", "direct", "pivot"]

#: Packages pivot through the language the whole product pivots through.
PIVOT_LANGUAGE = PIVOT
ARCHIVE_SUFFIX = ".argosmodel"
REDOWNLOAD_HINT = "the file may be truncated or corrupt: download it again"


@dataclass(frozen=True, slots=True)
class InstalledPackage:
    """An extracted Argos package on disk, ready to load.

    ``path`` is the package directory holding ``metadata.json``, ``model/`` and the tokenizer
    (``sentencepiece.model`` or ``bpe.model``); ``target_prefix`` comes from metadata (often
    empty). ``family`` is detected from the package's files when it is scanned or read
    (:func:`~polyglot_press.packages.read_package`); a package built by hand has the family it
    is given (``None``: not known; ``detect_family_in_dir(path)`` tells it).

    For a package found as an ``.argosmodel`` file in a models folder, ``archive`` is that file
    and ``path`` is where it is extracted in the cache; ``find_package`` and ``plan_route``
    extract it before returning it (see ``ensure_extracted``), while ``installed_packages``
    does not, so listing stays cheap.
    """

    source: str
    target: str
    version: str
    path: Path
    size_bytes: int
    origin: PackageOrigin
    target_prefix: str = ""
    archive: Path | None = None
    family: PackageFamily | None = None

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


def normalize_code(code: str) -> str:
    # Lower-case only: the Argos index has codes outside our language table (e.g. "zt", "pb").
    return code.strip().lower()


def version_key(version: str) -> Version:
    """``version`` as a comparable :class:`~packaging.version.Version` (``0`` if unparsable)."""
    from packaging.version import InvalidVersion, Version

    try:
        return Version(version)
    except InvalidVersion:
        return Version("0")


def os_reason(error: OSError) -> str:
    return error.strerror or str(error)
