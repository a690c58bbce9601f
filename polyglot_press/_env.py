"""Every environment variable polyglot_press reads, and every path derived from one.

One module, so that a variable is named once and a folder is computed once. Each function reads
the environment when called, not at import: tests and long-running callers may change it at any
time (``argostranslate.settings`` reads its variables once, at import, which is why the Argos
locations are recomputed here rather than taken from it first).

=========================  ==============================================================
variable                   meaning
=========================  ==============================================================
``POLYGLOT_PRESS_MODELS``  folder of extracted packages and/or ``.argosmodel`` files
``POLYGLOT_PRESS_CACHE``   polyglot_press's cache (extracted archives, downloads, memory)
``POLYGLOT_PRESS_MAX_BYTES``  largest input file accepted by the CLI
``XDG_CACHE_HOME``         base of the default cache folder
``ARGOS_PACKAGES_DIR``     the Argos Translate package directory
``XDG_DATA_HOME``          where Argos saves its copy of the package index
``ARGOS_PACKAGE_INDEX``    base URL of the Argos package index
=========================  ==============================================================
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "ARGOS_PACKAGES_DIR_ENV",
    "ARGOS_PACKAGE_INDEX_ENV",
    "CACHE_ENV",
    "MAX_BYTES_ENV",
    "MODELS_ENV",
    "argos_packages_dir",
    "cache_dir",
    "downloads_dir",
    "extracted_archives_dir",
    "local_index_path",
    "memory_path",
    "remote_index_url",
    "resolve_models_dir",
]

MODELS_ENV = "POLYGLOT_PRESS_MODELS"
CACHE_ENV = "POLYGLOT_PRESS_CACHE"
MAX_BYTES_ENV = "POLYGLOT_PRESS_MAX_BYTES"
ARGOS_PACKAGES_DIR_ENV = "ARGOS_PACKAGES_DIR"
ARGOS_PACKAGE_INDEX_ENV = "ARGOS_PACKAGE_INDEX"


def _configured_path(variable: str) -> Path | None:
    """The path in ``variable``, or ``None`` when it is unset or empty."""
    value = os.environ.get(variable)
    return Path(value).expanduser() if value else None


def cache_dir() -> Path:
    """polyglot_press's cache: ``POLYGLOT_PRESS_CACHE``, else ``$XDG_CACHE_HOME/polyglot_press``."""
    configured = _configured_path(CACHE_ENV)
    if configured is not None:
        return configured
    base = _configured_path("XDG_CACHE_HOME") or Path.home() / ".cache"
    return base / "polyglot_press"


def extracted_archives_dir() -> Path:
    """Where ``.argosmodel`` files from a models folder are extracted on first use."""
    return cache_dir() / "models"


def downloads_dir() -> Path:
    """Where packages downloaded from the index wait until they are installed."""
    return cache_dir() / "downloads"


def memory_path() -> Path:
    """The translation memory database: ``memory.sqlite`` in the cache folder."""
    return cache_dir() / "memory.sqlite"


def resolve_models_dir(models_dir: str | Path | None = None) -> Path | None:
    """The models folder to use: ``models_dir`` if given, else ``POLYGLOT_PRESS_MODELS``."""
    if models_dir is not None:
        return Path(models_dir).expanduser()
    return _configured_path(MODELS_ENV)


def argos_packages_dir() -> Path:
    """The Argos Translate package directory: ``ARGOS_PACKAGES_DIR`` read now, else Argos's own."""
    configured = _configured_path(ARGOS_PACKAGES_DIR_ENV)
    if configured is not None:
        return configured
    from argostranslate import settings

    return Path(settings.package_data_dir)


def local_index_path() -> Path:
    """Where Argos saves the package index (``$XDG_DATA_HOME`` read now, like the packages dir)."""
    data_home = _configured_path("XDG_DATA_HOME")
    if data_home is not None:
        return data_home / "argos-translate" / "index.json"
    from argostranslate import settings

    return Path(settings.local_package_index)


def remote_index_url() -> str:
    """The URL of the Argos package index: ``ARGOS_PACKAGE_INDEX`` read now, else Argos's own."""
    configured = os.environ.get(ARGOS_PACKAGE_INDEX_ENV)
    if configured:
        return configured.rstrip("/") + "/index.json"
    from argostranslate import settings

    return str(settings.remote_package_index)
