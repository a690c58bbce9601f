"""Pieces shared by the CLI commands: exit codes, error reporting, common options."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from polyglot_press.errors import PolyglotPressError

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2

ModelsOption = Annotated[
    Path | None,
    typer.Option(
        "--models",
        envvar="POLYGLOT_PRESS_MODELS",
        help="Folder of extracted Argos packages or .argosmodel files, used in place.",
        show_default=False,
        metavar="DIR",
    ),
]
GlossaryOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--glossary",
        help="Extra glossary (TSV, CSV or TBX) over the built-in one; repeatable, later wins.",
        show_default=False,
        metavar="FILE",
    ),
]
MaxBytesOption = Annotated[
    int,
    typer.Option(
        "--max-bytes",
        envvar="POLYGLOT_PRESS_MAX_BYTES",
        help="Refuse input files larger than this many bytes.",
        metavar="N",
    ),
]
DEFAULT_MAX_BYTES = 5_000_000


def report_error(error: PolyglotPressError | str, *, hint: str | None = None) -> None:
    """Print a one-line error (and its hint) to standard error."""
    if isinstance(error, PolyglotPressError):
        message, hint = error.message, error.hint
    else:
        message = error
    typer.echo(f"error: {message}", err=True)
    if hint:
        typer.echo(f"hint: {hint}", err=True)


def fail(error: PolyglotPressError | str, *, hint: str | None = None, code: int = 1) -> NoReturn:
    report_error(error, hint=hint)
    raise typer.Exit(code)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def parse_langs(value: str) -> tuple[str, ...]:
    """Parse ``en,ko`` into ``("en", "ko")``, rejecting unsupported brief languages."""
    langs = tuple(part.strip().lower() for part in value.split(",") if part.strip())
    unknown = [lang for lang in langs if lang not in ("en", "ko")]
    if not langs or unknown:
        raise typer.BadParameter(f"brief languages must be among en,ko (got {value!r})")
    return langs
