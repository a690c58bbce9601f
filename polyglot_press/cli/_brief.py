"""``polyglot-press brief``: short English and Korean briefs of each document."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from polyglot_press.cli._common import (
    DEFAULT_MAX_BYTES,
    EXIT_OK,
    EXIT_SOME_FAILED,
    GlossaryOption,
    MaxBytesOption,
    ModelsOption,
    report_failure,
    to_json,
    write_output,
)
from polyglot_press.cli._options import (
    DEFAULT_MAX_SENTENCES,
    DEFAULT_TIMEOUT,
    AlgorithmOption,
    BeamOption,
    BriefFormat,
    Device,
    DeviceOption,
    FromOption,
    InputsArgument,
    LangsOption,
    MaxSentencesOption,
    MinScoreOption,
    OutOption,
    SentencesOption,
    ThreadsOption,
    TimeoutOption,
    build_config,
    engine_options,
    expand_documents,
)

if TYPE_CHECKING:
    from pathlib import Path

    from polyglot_press.batch import InputItem
    from polyglot_press.pipeline import Result, ResultJSON


def brief(
    inputs: InputsArgument,
    langs: LangsOption = "en,ko",
    models: ModelsOption = None,
    glossary: GlossaryOption = None,
    fmt: Annotated[BriefFormat, typer.Option("--format", help="Output format.")] = BriefFormat.MD,
    out: OutOption = None,
    sentences: SentencesOption = 3,
    algorithm: AlgorithmOption = None,
    from_: FromOption = "auto",
    beam_size: BeamOption = None,
    device: DeviceOption = Device.CPU,
    threads: ThreadsOption = 0,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
    max_sentences: MaxSentencesOption = DEFAULT_MAX_SENTENCES,
    min_score: MinScoreOption = None,
) -> None:
    """Write short English and Korean briefs of each document.

    French (and other) sources are translated to English first; the Korean brief translates
    the English one sentence by sentence, so the two lists are aligned. Exits 1 when a
    document failed or a requested brief could not be written.
    """
    from polyglot_press.pipeline import Pipeline

    items = expand_documents(inputs)
    config = build_config(
        models_dir=models,
        glossary=glossary,
        langs=langs,
        sentences=sentences,
        algorithm=algorithm,
        engine_options=engine_options(beam_size, device, threads),
        max_bytes=max_bytes,
        timeout=timeout,
        max_sentences=max_sentences,
        min_score=min_score,
        from_=from_,
    )
    failed = 0
    rendered: list[ResultJSON] = []
    results = Pipeline(config).process_many([item.label for item in items])
    for item, result in zip(items, results, strict=True):
        for warning in result.warnings:
            typer.echo(f"warning: {result.source}: {warning}", err=True)
        if not result.ok:
            failed += 1
            report_failure(result.source, result.error, result.hint)
        if out is None and fmt is BriefFormat.JSON:
            rendered.append(result.to_dict())  # failures too: a tool sees every input
        elif any(result.briefs.values()):
            _emit(item, result, fmt, out)
    if out is None and fmt is BriefFormat.JSON:
        typer.echo(to_json(rendered[0] if len(items) == 1 and rendered else rendered), nl=False)
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


def _emit(item: InputItem, result: Result, fmt: BriefFormat, out: Path | None) -> None:
    """One brief to its file in ``out``, or as Markdown to standard output."""
    if out is None:
        typer.echo(result.to_markdown())
        return
    as_json = fmt is BriefFormat.JSON
    suffix = ".brief.json" if as_json else ".brief.md"
    text = result.render("json" if as_json else "md")
    written = write_output(out, item.doc_id + suffix, text)
    typer.echo(f"{result.source} → {written}", err=True)
