"""The ``polyglot-press`` command line: a thin layer over the library.

Exit codes: 0 all inputs done, 1 some inputs failed (the others were still processed),
2 usage error.
"""

from __future__ import annotations

from typing import Annotated

import typer

from polyglot_press import __version__
from polyglot_press.cli import _batch, _brief, _detect, _translate
from polyglot_press.cli import evaluate as _evaluate
from polyglot_press.cli import glossary as _glossary
from polyglot_press.cli import models as _models
from polyglot_press.cli import report as _report
from polyglot_press.cli import summarize as _summarize

__all__ = ["app", "main"]

app = typer.Typer(
    name="polyglot-press",
    help=(
        "Offline translation and English/Korean briefs for press releases.\n\n"
        "Detects the language of each release, translates it to English with Argos Translate "
        "packages while enforcing the automotive glossary, and writes short extractive briefs."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"polyglot-press {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Offline translation and English/Korean briefs for press releases."""


app.command("detect")(_detect.detect)
app.command("translate")(_translate.translate)
app.command("brief")(_brief.brief)
app.command("summarize")(_summarize.summarize_command)
app.command("batch")(_batch.batch)
app.command("report")(_report.report_command)
app.command("evaluate")(_evaluate.evaluate_command)
app.add_typer(
    _models.app, name="models", help="List, install and remove Argos translation packages."
)
app.add_typer(_glossary.app, name="glossary", help="Check, match and look up glossary terms.")


def main() -> None:
    app()
