"""``polyglot-press report``: rebuild the review pages of a batch output folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from polyglot_press.cli._common import EXIT_OK, fail
from polyglot_press.errors import PolyglotPressError


def report_command(
    out_dir: Annotated[
        Path,
        typer.Argument(
            help="The folder a `polyglot-press batch --out` run wrote.",
            show_default=False,
            metavar="OUT_DIR",
        ),
    ],
) -> None:
    """Write OUT_DIR/report/index.html and one review page per release.

    Each page shows the briefs, the source and its translation side by side with glossary
    terms, numbers and contacts marked, the sentences that failed or were repaired, and the
    glossary compliance tables. The pages are static files: open them in any browser.
    """
    from polyglot_press.report import write_report

    try:
        index = write_report(out_dir)
    except PolyglotPressError as error:
        fail(error, code=2)
    except OSError as error:
        fail(f"cannot write the report into {out_dir}: {error.strerror or error}")
    typer.echo(f"report: {index}", err=True)
    raise typer.Exit(EXIT_OK)
