"""The ``polyglot-press`` command line: a thin layer over the library.

Exit codes: 0 all inputs done, 1 some inputs failed (the others were still processed),
2 usage error.
"""

from __future__ import annotations

from typing import Annotated

import typer

from polyglot_press import __version__
from polyglot_press.cli._batch import batch
from polyglot_press.cli._brief import brief
from polyglot_press.cli._detect import detect
from polyglot_press.cli._translate import translate
from polyglot_press.cli.evaluate import evaluate_command
from polyglot_press.cli.glossary import app as glossary_app
from polyglot_press.cli.models import app as models_app
from polyglot_press.cli.report import report_command
from polyglot_press.cli.summarize import summarize_command

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


app.command("detect")(detect)
app.command("translate")(translate)
app.command("brief")(brief)
app.command("summarize")(summarize_command)
app.command("batch")(batch)
app.command("report")(report_command)
app.command("evaluate")(evaluate_command)
app.add_typer(
    models_app, name="models", help="List, install and remove Argos translation packages."
)
app.add_typer(glossary_app, name="glossary", help="Check, match and look up glossary terms.")


def main() -> None:
    app()
