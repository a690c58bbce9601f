"""Pieces shared by every CLI command: exit codes, error reporting, common options, output."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer

from polyglot_press._env import MAX_BYTES_ENV, MODELS_ENV
from polyglot_press.documents import DEFAULT_MAX_BYTES as DEFAULT_MAX_BYTES
from polyglot_press.errors import PolyglotPressError

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2

ModelsOption = Annotated[
    Path | None,
    typer.Option(
        "--models",
        envvar=MODELS_ENV,
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
        envvar=MAX_BYTES_ENV,
        help="Refuse input files larger than this many bytes.",
        metavar="N",
    ),
]


def to_json(data: object) -> str:
    """Pretty JSON that keeps non-ASCII text readable, with a final newline."""
    import json

    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


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


def write_output(out: Path, name: str, text: str) -> Path:
    """Write one output file into ``out`` atomically; return its path."""
    from polyglot_press.batch import write_atomic

    path = out / name
    write_atomic(path, text)
    return path


def report_failure(source: str, error: str | None, hint: str | None) -> None:
    """Name a failed input once, with why and what to do."""
    report_error(f"{source}: {error or 'failed'}", hint=hint)


def document_header(source: str, fmt: str) -> str:
    """What separates documents printed one after the other."""
    return f"\n<!-- source: {source} -->\n" if fmt == "md" else f"\n==> {source} <==\n"
