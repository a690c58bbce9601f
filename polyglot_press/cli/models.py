"""``polyglot-press models``: list, find, install and remove Argos Translate packages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from polyglot_press._env import argos_packages_dir, resolve_models_dir
from polyglot_press.cli._common import ModelsOption, fail
from polyglot_press.cli._options import DataFormat, DataFormatOption, JsonAliasOption, wants_json
from polyglot_press.errors import PolyglotPressError
from polyglot_press.packages import (
    ARCHIVE_SUFFIX,
    InstalledPackage,
    install_package,
    install_pair,
    load_package_index,
    remove_package,
    scan_packages,
)

if TYPE_CHECKING:
    from rich.table import Table

app = typer.Typer(
    name="models",
    help="List, install and remove Argos Translate packages.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


ORIGIN_LABELS = {
    "argos": "installed",
    "models-dir": "models folder",
    "models-dir-archive": "models folder (.argosmodel)",
}


def _warn_if_unloadable(package: InstalledPackage) -> None:
    """Say so when an extracted package's model.bin is not a CTranslate2 model (a zeroed or cut
    file put in a models folder by hand): translating with it would fail."""
    from polyglot_press.errors import ModelError
    from polyglot_press.packages._metadata import check_model_file

    if package.archive is not None:
        return  # checked when it is extracted
    try:
        check_model_file(package.path)
    except ModelError as problem:
        typer.echo(f"warning: {package.pair} will not load: {problem.message}", err=True)
        typer.echo(f"hint: {problem.hint}", err=True)


@app.command("list")
def list_command(
    models: ModelsOption = None,
    fmt: DataFormatOption = DataFormat.TEXT,
    as_json: JsonAliasOption = False,
) -> None:
    """List usable translation packages, one per language pair, with their family.

    The family says how the package tokenizes text: OPUS-MT BPE, OPUS-MT SentencePiece or
    Argos SentencePiece.
    """
    try:
        scan = scan_packages(models)
    except PolyglotPressError as error:
        fail(error)
    for problem in scan.problems:
        typer.echo(f"warning: skipped {problem.message}", err=True)
    for package in scan.packages:
        _warn_if_unloadable(package)
    if wants_json(fmt, as_json):
        typer.echo(
            json.dumps([_package_record(p) for p in scan.packages], indent=2, ensure_ascii=False)
        )
        return
    if not scan.packages:
        folder = resolve_models_dir(models)
        places = f"{argos_packages_dir()}" + (f" or {folder}" if folder else "")
        typer.echo(f"No translation packages in {places}.")
        typer.echo(
            "hint: `polyglot-press models install fr en` (online) "
            "or `polyglot-press models install FILE.argosmodel` (offline)",
            err=True,
        )
        return
    table = _table("Pair", "Version", "Family", "Size", "Origin", "Location")
    for package in scan.packages:
        table.add_row(
            package.pair,
            package.version,
            _family_label(package),
            _human_size(package.size_bytes),
            ORIGIN_LABELS[package.origin],
            str(package.location),
        )
    _print(table)


@app.command("available")
def available_command(
    fmt: DataFormatOption = DataFormat.TEXT, as_json: JsonAliasOption = False
) -> None:
    """List the packages in the Argos Translate index (online)."""
    try:
        index = load_package_index()
    except PolyglotPressError as error:
        fail(error)
    if index.stale_reason is not None:
        typer.echo(f"warning: {index.stale_reason}", err=True)
    try:
        installed = {(p.source, p.target) for p in scan_packages().packages}
    except PolyglotPressError:
        installed = set()  # a bad models folder must not hide the index
    if wants_json(fmt, as_json):
        records = [
            {
                "source": entry.source,
                "target": entry.target,
                "version": entry.version,
                "source_name": entry.source_name,
                "target_name": entry.target_name,
                "links": list(entry.links),
                "installed": (entry.source, entry.target) in installed,
            }
            for entry in index.packages
        ]
        typer.echo(json.dumps(records, indent=2, ensure_ascii=False))
        return
    table = _table("Pair", "Version", "Languages", "Installed")
    for entry in index.packages:
        table.add_row(
            entry.pair,
            entry.version,
            f"{entry.source_name} → {entry.target_name}",
            "yes" if (entry.source, entry.target) in installed else "",
        )
    _print(table)


@app.command("install")
def install_command(
    spec: Annotated[
        list[str],
        typer.Argument(
            metavar="SOURCE TARGET | FILE.argosmodel",
            help="A language pair to download (fr en), or an .argosmodel file to install.",
            show_default=False,
        ),
    ],
) -> None:
    """Install a language pair (online) or an .argosmodel file (offline).

    The package is loaded and made to translate a probe sentence before it is moved into place;
    one that cannot is refused and nothing is installed.
    """
    from polyglot_press.pipeline import EngineProbe

    files = [arg for arg in spec if arg.lower().endswith(ARCHIVE_SUFFIX) or Path(arg).is_file()]
    before = _installed_by_pair()
    try:
        if len(spec) == 1 and files:
            package = install_package(Path(spec[0]), probe=EngineProbe())
        elif len(spec) == 2 and not files:
            typer.echo(f"Downloading {spec[0]}→{spec[1]} from the Argos package index…", err=True)
            package = install_pair(spec[0], spec[1], probe=EngineProbe())
        else:
            raise typer.BadParameter(
                "give a language pair (fr en) or one .argosmodel file",
                param_hint="SOURCE TARGET | FILE.argosmodel",
            )
    except PolyglotPressError as error:
        fail(error)
    previous = before.get((package.source, package.target))
    if previous is not None:
        typer.echo(
            f"Replacing {previous.pair} {previous.version} ({_family_label(previous)}) "
            f"with {package.version} ({_family_label(package)})",
            err=True,
        )
    typer.echo(
        f"Installed {package.pair} {package.version} ({_family_label(package)}, "
        f"{_human_size(package.size_bytes)}) in {package.path}"
    )


@app.command("remove")
def remove_command(
    source: Annotated[str, typer.Argument(help="Source language code, e.g. fr.")],
    target: Annotated[str, typer.Argument(help="Target language code, e.g. en.")],
    models: ModelsOption = None,
) -> None:
    """Remove an installed package (every version of the pair)."""
    try:
        removed = remove_package(source, target, models)
    except PolyglotPressError as error:
        fail(error)
    typer.echo(f"Removed {removed.pair} {removed.version} from {removed.path.parent}")
    try:
        remaining = scan_packages(models).packages
    except PolyglotPressError:
        remaining = ()
    for package in remaining:
        if (package.source, package.target) == (removed.source, removed.target):
            typer.echo(f"note: {package.pair} is still available from {package.location}", err=True)


def _installed_by_pair() -> dict[tuple[str, str], InstalledPackage]:
    """The packages installed in the Argos folder, by pair (none when it cannot be read)."""
    try:
        packages = scan_packages(None).packages
    except PolyglotPressError:
        return {}
    return {(p.source, p.target): p for p in packages if p.origin == "argos"}


def _family_label(package: InstalledPackage) -> str:
    return package.family.label if package.family is not None else "unknown"


def _package_record(package: InstalledPackage) -> dict[str, Any]:
    return {
        "source": package.source,
        "target": package.target,
        "version": package.version,
        "family": _family_label(package),
        "size_bytes": package.size_bytes,
        "origin": package.origin,
        "path": str(package.path),
        "archive": str(package.archive) if package.archive is not None else None,
    }


def _human_size(size_bytes: int) -> str:
    from rich.filesize import decimal

    return decimal(size_bytes)


def _table(*columns: str) -> Table:
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _print(table: Table) -> None:
    from rich.console import Console
    from rich.measure import Measurement

    console = Console()
    if not console.is_terminal:
        # Piped output is read by grep and friends: never fold a row over several lines.
        unbounded = console.options.update_width(1_000_000)
        widest = Measurement.get(console, unbounded, table).maximum
        console.width = max(console.width, widest)
    console.print(table)
