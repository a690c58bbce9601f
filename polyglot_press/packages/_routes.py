"""Route planning: which packages take a text from one language to another.

A direct package is used when there is one; otherwise the route pivots through English, as
Argos packages are published paired with English.
"""

from __future__ import annotations

from pathlib import Path

from polyglot_press._env import resolve_models_dir
from polyglot_press.errors import ModelError
from polyglot_press.packages._archive import ensure_extracted
from polyglot_press.packages._model import PIVOT_LANGUAGE, PackageScan, Route, normalize_code
from polyglot_press.packages._scan import scan_packages


def plan_route(source: str, target: str, models_dir: str | Path | None = None) -> Route:
    """Choose the packages that translate ``source`` into ``target``.

    Same language: an identity route with no packages. Otherwise the direct pair if available,
    else a pivot through English. Raises :class:`ModelError` naming the missing pair(s), with
    the commands that install them.
    """
    source, target = normalize_code(source), normalize_code(target)
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
