"""``polyglot-press evaluate``: score the installed packages on a reference set."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from polyglot_press.cli._common import GlossaryOption, ModelsOption, fail, to_json
from polyglot_press.errors import PolyglotPressError

if TYPE_CHECKING:
    from polyglot_press.evaluate import ReferenceSet
    from polyglot_press.evaluate._runner import Progress


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


ReferencesOption = Annotated[
    Path | None,
    typer.Option(
        "--references",
        help=(
            "Your own TSV of past translations: a header with 'source' and 'reference' "
            "(optional 'target' language and 'id' columns), one sentence per line. "
            "Default: the shipped automotive press-release set (fr, en, ko)."
        ),
        show_default=False,
        metavar="FILE",
    ),
]
SourceLangOption = Annotated[
    str, typer.Option("--source-lang", help="Language of the 'source' column of --references.")
]
TargetLangOption = Annotated[
    str,
    typer.Option(
        "--target-lang", help="Language of the references when --references has no 'target'."
    ),
]
SystemsOption = Annotated[
    str,
    typer.Option(
        "--systems",
        help="Comma-separated systems to run: polyglot_press, no_enforcement, argostranslate.",
    ),
]
LimitOption = Annotated[
    int | None,
    typer.Option("--limit", min=1, help="Evaluate only the first N sentences.", metavar="N"),
]
FormatOption = Annotated[
    OutputFormat, typer.Option("--format", case_sensitive=False, help="Output format.")
]


def evaluate_command(
    models: ModelsOption = None,
    references: ReferencesOption = None,
    source_lang: SourceLangOption = "fr",
    target_lang: TargetLangOption = "en",
    systems: SystemsOption = "polyglot_press,no_enforcement,argostranslate",
    limit: LimitOption = None,
    glossary: GlossaryOption = None,
    output_format: FormatOption = OutputFormat.TEXT,
) -> None:
    """Translate a reference set with the installed packages and score the translations.

    For each pair (fr→en, en→ko, fr→en→ko with the shipped set) it prints chrF and BLEU against
    the human references, the glossary term-use rate, number, contact and markup fidelity, the
    share of sentences per enforcement path and the speed, for polyglot_press with and without
    enforcement and for argostranslate on the same packages. Exit code 1 when the reference
    file is unusable (its bad lines are listed) or no pair has packages.
    """
    from polyglot_press.evaluate import (
        SYSTEMS,
        load_references,
        render_text,
        run_evaluation,
        to_dict,
    )
    from polyglot_press.glossary import load_glossary

    chosen = tuple(part.strip() for part in systems.split(",") if part.strip())
    unknown = [system for system in chosen if system not in SYSTEMS]
    if not chosen or unknown:
        raise typer.BadParameter(
            f"choose among {', '.join(SYSTEMS)} (got {systems!r})", param_hint="--systems"
        )
    try:
        reference_set = load_references(
            references, source_lang=source_lang.lower(), target_lang=target_lang.lower()
        )
        reference_set = _first(reference_set, limit)
        terms = load_glossary(list(glossary or ()))
        total = sum(len(pair.items) for pair in reference_set.pairs()) * len(chosen)
        with _progress_bar(total) as progress:
            evaluation = run_evaluation(
                reference_set, models_dir=models, systems=chosen, glossary=terms, progress=progress
            )
    except PolyglotPressError as error:
        fail(error)
    if output_format is OutputFormat.JSON:
        typer.echo(to_json(to_dict(evaluation)), nl=False)
    else:
        typer.echo(render_text(evaluation), nl=False)


def _first(reference_set: ReferenceSet, limit: int | None) -> ReferenceSet:
    if limit is None:
        return reference_set
    return replace(reference_set, rows=reference_set.rows[:limit])


@contextmanager
def _progress_bar(total: int) -> Iterator[Progress | None]:
    """A rich progress bar on standard error when it is a terminal; nothing on a pipe."""
    if not sys.stderr.isatty() or os.environ.get("TERM") == "dumb":
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("translating", total=total)
        yield lambda done: bar.advance(task, done)
