"""``polyglot-press brief``: short English and Korean briefs of each document."""

from __future__ import annotations

from typing import Annotated, Any

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
    AlgorithmOption,
    BeamOption,
    BriefFormat,
    Device,
    DeviceOption,
    FromOption,
    InputsArgument,
    LangsOption,
    OutOption,
    SentencesOption,
    ThreadsOption,
    build_config,
    engine_options,
    expand_documents,
)


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
        from_=from_,
    )
    failed = 0
    rendered: list[Any] = []
    results = Pipeline(config).process_many([item.label for item in items])
    for item, result in zip(items, results, strict=True):
        for warning in result.warnings:
            typer.echo(f"warning: {result.source}: {warning}", err=True)
        if not result.ok:
            failed += 1
            report_failure(result.source, result.error, result.hint)
        if out is None and fmt is BriefFormat.JSON:
            rendered.append(result.to_dict())  # failures too: a tool sees every input
            continue
        if not any(result.briefs.values()):
            continue
        if out is not None:
            suffix = ".brief.json" if fmt is BriefFormat.JSON else ".brief.md"
            written = write_output(
                out,
                item.doc_id + suffix,
                result.render("json" if fmt is BriefFormat.JSON else "md"),
            )
            typer.echo(f"{result.source} → {written}", err=True)
        else:
            typer.echo(result.to_markdown())
    if out is None and fmt is BriefFormat.JSON:
        typer.echo(to_json(rendered[0] if len(items) == 1 and rendered else rendered), nl=False)
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)
