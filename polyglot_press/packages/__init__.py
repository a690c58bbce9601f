"""Argos Translate packages: finding, routing, installing, listing and removing them.

Packages come from two places (see :mod:`polyglot_press._env` for the variables):

* the Argos Translate package directory (``ARGOS_PACKAGES_DIR``, else Argos's own), which
  :func:`install_package`, :func:`install_pair` and :func:`remove_package` manage;
* an optional *models folder* (the ``models_dir`` argument, else ``POLYGLOT_PRESS_MODELS``) of
  extracted packages and/or ``.argosmodel`` archives, used in place. An archive is extracted on
  first use into the cache, keyed by the archive's path, size and mtime.

Modules, one concept each: ``_model`` (the values), ``_family`` (which tokenizer family a
package is), ``_metadata`` (one package folder), ``_scan`` (finding packages), ``_routes``
(direct or pivot routes), ``_archive`` (validating and extracting ``.argosmodel`` files),
``_validate`` (a package must translate before it is installed, through a
:class:`PackageProbe` the caller gives: the translation engine sits above this layer),
``_install`` (install and remove), ``_index`` (the network package index).

``argostranslate.translate`` is never imported (it pulls stanza, torch and spaCy).
"""

from polyglot_press.packages._archive import ensure_extracted
from polyglot_press.packages._family import (
    BPE_MODEL,
    SENTENCEPIECE_MODEL,
    PackageFamily,
    detect_family_in_dir,
    tokenizer_file_in_dir,
)
from polyglot_press.packages._index import (
    ARGOS_INDEX_PAGE,
    DOWNLOAD_TIMEOUT_SECONDS,
    INDEX_TIMEOUT_SECONDS,
    AvailablePackageInfo,
    PackageIndex,
    StaleIndexWarning,
    available_packages,
    install_pair,
    load_package_index,
)
from polyglot_press.packages._install import install_package, remove_package
from polyglot_press.packages._metadata import read_package
from polyglot_press.packages._model import (
    ARCHIVE_SUFFIX,
    PIVOT_LANGUAGE,
    InstalledPackage,
    PackageOrigin,
    PackageScan,
    Route,
    RouteKind,
)
from polyglot_press.packages._routes import plan_route
from polyglot_press.packages._scan import find_package, installed_packages, scan_packages
from polyglot_press.packages._validate import PROBE_SENTENCES, PackageProbe, ProbeModel

__all__ = [
    "ARCHIVE_SUFFIX",
    "ARGOS_INDEX_PAGE",
    "BPE_MODEL",
    "DOWNLOAD_TIMEOUT_SECONDS",
    "INDEX_TIMEOUT_SECONDS",
    "PIVOT_LANGUAGE",
    "PROBE_SENTENCES",
    "SENTENCEPIECE_MODEL",
    "AvailablePackageInfo",
    "InstalledPackage",
    "PackageFamily",
    "PackageIndex",
    "PackageOrigin",
    "PackageProbe",
    "PackageScan",
    "ProbeModel",
    "Route",
    "RouteKind",
    "StaleIndexWarning",
    "available_packages",
    "detect_family_in_dir",
    "ensure_extracted",
    "find_package",
    "install_package",
    "install_pair",
    "installed_packages",
    "load_package_index",
    "plan_route",
    "read_package",
    "remove_package",
    "scan_packages",
    "tokenizer_file_in_dir",
]
