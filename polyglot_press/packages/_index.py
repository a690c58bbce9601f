"""The Argos Translate package index: reading it, refreshing it, downloading packages from it.

:func:`_download` is the only function in polyglot_press that touches the network (tests
replace it).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from polyglot_press._env import downloads_dir, local_index_path, remote_index_url
from polyglot_press.errors import ModelError
from polyglot_press.packages._archive import SCRATCH_PREFIX
from polyglot_press.packages._install import install_package
from polyglot_press.packages._model import (
    ARCHIVE_SUFFIX,
    PIVOT_LANGUAGE,
    InstalledPackage,
    normalize_code,
    os_reason,
    version_key,
)
from polyglot_press.packages._validate import PackageProbe

INDEX_TIMEOUT_SECONDS = 10.0
DOWNLOAD_TIMEOUT_SECONDS = 30.0
ARGOS_INDEX_PAGE = "https://www.argosopentech.com/argospm/index/"

_USER_AGENT = "polyglot-press (+https://github.com/argosopentech/argos-translate)"
_OFFLINE_FILE_HINT = (
    "on a connected machine, download it from the Argos Translate package index "
    f"({ARGOS_INDEX_PAGE}), copy it here and run `polyglot-press models install FILE.argosmodel`"
)


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
        source, target = normalize_code(source), normalize_code(target)
        matches = [p for p in self.packages if (p.source, p.target) == (source, target)]
        return max(matches, key=lambda p: version_key(p.version), default=None)


class StaleIndexWarning(UserWarning):
    """The package index could not be updated, so a saved copy that may be stale was used."""


def load_package_index(
    *, refresh: bool = True, timeout: float = INDEX_TIMEOUT_SECONDS
) -> PackageIndex:
    """The Argos Translate package index, updated from the network first when ``refresh``.

    When the update fails, the copy Argos saved last time is used and ``stale_reason`` says so.
    With no saved copy, raises :class:`ModelError` saying it is offline and how to install a
    package from a file.
    """
    saved = local_index_path()
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


def install_pair(
    source: str,
    target: str,
    *,
    probe: PackageProbe | None,
    timeout: float = DOWNLOAD_TIMEOUT_SECONDS,
) -> InstalledPackage:
    """Download the ``source``→``target`` package from the Argos index, check it, install it.

    Raises :class:`ModelError` when offline (the hint says how to install from a file), when
    the index has no such package, or when the download does not load through ``probe`` (see
    :func:`~polyglot_press.packages.install_package`).
    """
    source, target = normalize_code(source), normalize_code(target)
    entry = _index_entry(source, target)
    downloads = downloads_dir()
    try:
        downloads.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=SCRATCH_PREFIX, suffix=ARCHIVE_SUFFIX, dir=downloads)
        os.close(handle)
    except OSError as error:
        raise ModelError(
            f"cannot create a download file in {downloads} ({os_reason(error)})",
            hint="check permissions, or point POLYGLOT_PRESS_CACHE elsewhere",
        ) from error
    download = Path(name)
    try:
        _download_package(entry, download, timeout=timeout)
        return install_package(download, probe=probe)
    finally:
        download.unlink(missing_ok=True)


def _index_entry(source: str, target: str) -> AvailablePackageInfo:
    pair = f"{source}→{target}"
    try:
        index = load_package_index()
    except ModelError as error:
        raise ModelError(f"cannot download {pair}: {error.message}", hint=error.hint) from error
    entry = index.find(source, target)
    if entry is not None:
        return entry
    stale = " (the saved copy may be stale)" if index.is_stale else ""
    hint = "see what exists with `polyglot-press models available`"
    if PIVOT_LANGUAGE not in (source, target):
        hint = (
            f"most languages are published paired with English: install "
            f"`polyglot-press models install {source} {PIVOT_LANGUAGE}` and "
            f"`polyglot-press models install {PIVOT_LANGUAGE} {target}` to pivot; {hint}"
        )
    raise ModelError(f"the Argos Translate package index has no {pair} package{stale}", hint=hint)


def _refresh_index(saved: Path, *, timeout: float) -> None:
    """Download the index and atomically replace the saved copy; ModelError when offline."""
    from http.client import HTTPException

    url = remote_index_url()
    try:
        saved.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=SCRATCH_PREFIX, dir=saved.parent)
        os.close(handle)
    except OSError as error:
        raise ModelError(
            f"cannot save the package index in {saved.parent} ({os_reason(error)})"
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
                source=normalize_code(source),
                target=normalize_code(target),
                version=str(entry.get("package_version", "0")),
                source_name=str(entry.get("from_name", "")),
                target_name=str(entry.get("to_name", "")),
                links=tuple(link for link in links if isinstance(link, str))
                if isinstance(links, list)
                else (),
            )
        )
    return tuple(sorted(packages, key=lambda p: (p.source, p.target, version_key(p.version))))


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
