"""``polyglot-press batch``: many releases into a folder, resumably, here or on Dask."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from polyglot_press.cli._common import (
    DEFAULT_MAX_BYTES,
    EXIT_OK,
    EXIT_SOME_FAILED,
    GlossaryOption,
    MaxBytesOption,
    ModelsOption,
    fail,
    report_failure,
)
from polyglot_press.cli._options import (
    DEFAULT_MAX_SENTENCES,
    DEFAULT_TIMEOUT,
    AlgorithmOption,
    BeamOption,
    Device,
    DeviceOption,
    FromOption,
    LangsOption,
    MaxSentencesOption,
    MinScoreOption,
    SentencesOption,
    ThreadsOption,
    TimeoutOption,
    build_config,
    engine_options,
)
from polyglot_press.errors import PolyglotPressError

if TYPE_CHECKING:
    from polyglot_press import Pipeline, PipelineConfig
    from polyglot_press.batch import BatchProgress, BatchSummary, InputItem


class DaskMode(StrEnum):
    LOCAL = "local"


BatchInputsArgument = Annotated[
    list[str],
    typer.Argument(
        help="Input files (.txt .md .html .pdf .docx .eml), folders, globs, JSONL files or '-'.",
        show_default=False,
        metavar="INPUT",
    ),
]
JobsOption = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Batches of documents run in parallel (with --dask local: worker processes).",
    ),
]
DaskOption = Annotated[
    DaskMode | None,
    typer.Option(
        "--dask",
        help="Run on a local Dask cluster of --jobs worker processes (needs polyglot-press[dask]).",
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Run on the Dask cluster at tcp://HOST:PORT; outputs are still written here.",
    ),
]


OutOption = Annotated[
    Path, typer.Option("--out", "-o", help="Output folder (briefs, manifest.jsonl).", metavar="DIR")
]
ForceOption = Annotated[bool, typer.Option("--force", help="Redo documents already done.")]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Do not use the translation memory.")
]
ReportOption = Annotated[
    bool, typer.Option("--report", help="Also write the review pages into OUT/report/.")
]
TextFieldOption = Annotated[
    str | None,
    typer.Option(
        "--text-field",
        help="JSONL field with the release's text (default: text, article, body or content).",
        metavar="NAME",
    ),
]
TitleFieldOption = Annotated[
    str | None,
    typer.Option(
        "--title-field",
        help="JSONL field with the headline (default: title or headline).",
        metavar="NAME",
    ),
]
IdFieldOption = Annotated[
    str | None,
    typer.Option(
        "--id-field",
        help="JSONL field with the document id (default: id, guid or url).",
        metavar="NAME",
    ),
]


def batch(
    inputs: BatchInputsArgument,
    out: OutOption,
    models: ModelsOption = None,
    glossary: GlossaryOption = None,
    langs: LangsOption = "en,ko",
    jobs: JobsOption = 1,
    force: ForceOption = False,
    no_cache: NoCacheOption = False,
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
    dask: DaskOption = None,
    scheduler: SchedulerOption = None,
    report: ReportOption = False,
    text_field: TextFieldOption = None,
    title_field: TitleFieldOption = None,
    id_field: IdFieldOption = None,
) -> None:
    """Translate and brief many releases into --out, resumably. INPUT: files (.txt .md .html .pdf
    .docx, .eml: attachments as FILE.eml#NAME), folders, globs, JSONL files (see --text-field)
    or '-'. Each gets a Markdown and a JSON brief; manifest.jsonl records every status. A rerun
    skips documents done with the same options; --force redoes them.
    """
    from polyglot_press.translate import default_memory_path

    if dask is not None and scheduler is not None:
        raise typer.BadParameter("use --dask local or --scheduler, not both", param_hint="--dask")
    fields = {"text_field": text_field, "title_field": title_field, "id_field": id_field}
    limits = {"timeout": timeout, "max_sentences": max_sentences, "min_score": min_score}
    on_dask = dask is not None or scheduler is not None
    config = build_config(
        models_dir=models,
        glossary=glossary,
        langs=langs,
        sentences=sentences,
        algorithm=algorithm,
        engine_options=engine_options(beam_size, device, threads, 1 if on_dask else jobs),
        max_bytes=max_bytes,
        from_=from_,
        translation_memory=None if no_cache else default_memory_path(),
        **fields,
        **limits,
    )
    items = _expand(inputs, config)
    if on_dask:
        summary, rate = _run_on_dask(items, out, config, scheduler, jobs, force), ""
    else:
        summary, rate = _run_here(items, out, config, jobs, force)
    _print_summary(summary, out, rate)
    if report:
        _write_report(out)
    raise typer.Exit(EXIT_SOME_FAILED if summary.failed else EXIT_OK)


def _expand(inputs: list[str], config: PipelineConfig) -> list[InputItem]:
    """The documents ``inputs`` name; a missing path or an unreadable list is a usage error."""
    from polyglot_press.batch import expand_inputs

    _check_inputs_exist(inputs)
    try:
        return expand_inputs(inputs, fields=config.record_fields)
    except PolyglotPressError as error:
        fail(error, code=2)


def _check_inputs_exist(inputs: list[str]) -> None:
    """A named file or folder that does not exist is a usage error (exit 2), as an empty
    folder or a glob that matches nothing is."""
    from polyglot_press.errors import InputError

    for value in inputs:
        if value == "-" or any(char in value for char in "*?["):
            continue
        if not Path(value).expanduser().exists():
            fail(InputError(value, "no such file or folder", hint="check the path"), code=2)


def _print_summary(summary: BatchSummary, out: Path, rate: str) -> None:
    for entry in summary.failures:
        report_failure(entry.source, entry.error or entry.status, entry.hint)
    # Each status on its own: a partial or unsupported document is not a failed one.
    statuses = Counter(entry.status for entry in summary.failures)
    others = [f"{statuses[status]} {status}" for status in ("partial", "unsupported")]
    failed = summary.failed - statuses["partial"] - statuses["unsupported"]
    typer.echo(
        f"{summary.done} done"
        + (f" ({summary.review} to review)" if summary.review else "")
        + f", {summary.skipped} already done, "
        + "".join(f"{part}, " for part in others if not part.startswith("0 "))
        + f"{failed} failed in {summary.seconds:.1f}s{rate}; "
        f"manifest: {out / 'manifest.jsonl'}",
        err=True,
    )


def _run_here(
    items: list[InputItem], out: Path, config: PipelineConfig, jobs: int, force: bool
) -> tuple[BatchSummary, str]:
    """Run in this process; returns the summary and the translation memory's hit rate."""
    from polyglot_press.batch import BatchRunner
    from polyglot_press.pipeline import Pipeline

    pipeline = Pipeline(config)
    try:
        summary = _guarded(
            out,
            lambda progress: BatchRunner(pipeline, out, force=force, jobs=jobs).run(
                items, progress
            ),
        )
        return summary, _hit_rate(pipeline)
    finally:
        pipeline.close()


def _run_on_dask(
    items: list[InputItem],
    out: Path,
    config: PipelineConfig,
    scheduler: str | None,
    jobs: int,
    force: bool,
) -> BatchSummary:
    from polyglot_press.batch import run_batch_on_dask

    return _guarded(
        out,
        lambda progress: run_batch_on_dask(
            items,
            out,
            config,
            scheduler=scheduler,
            local_workers=jobs,
            force=force,
            progress=progress,
        ),
    )


def _guarded(out: Path, run: Callable[[BatchProgress], BatchSummary]) -> BatchSummary:
    """Run with a progress bar; Ctrl-C and errors end the run with a clear message."""
    from polyglot_press.batch import Manifest, default_progress
    from polyglot_press.batch._manifest import FINISHED_STATUSES as FINISHED

    progress = default_progress()
    try:
        summary = run(progress)
    except KeyboardInterrupt:
        progress.stop()
        done = sum(entry.status in FINISHED for entry in Manifest(out).entries.values())
        typer.echo(
            f"interrupted: {done} document(s) are done and kept in {out}. "
            "Run the same command again to resume where it stopped.",
            err=True,
        )
        raise typer.Exit(130) from None
    except PolyglotPressError as error:
        progress.stop()
        fail(error)
    except OSError as error:  # the output folder went away, filled up or turned read-only
        progress.stop()
        fail(
            f"{out}: {error.strerror or error}",
            hint="check that the output folder exists, is writable and has free space",
        )
    progress.stop()
    return summary


def _hit_rate(pipeline: Pipeline) -> str:
    memory = pipeline.context.memory if pipeline.config.translation_memory else None
    if memory is None or not memory.stats.hits + memory.stats.misses:
        return ""
    return f", translation memory hit rate {memory.stats.hit_rate:.0%}"


def _write_report(out: Path) -> None:
    from polyglot_press.report import write_report

    try:
        index = write_report(out)
    except PolyglotPressError as error:
        fail(error)
    typer.echo(f"report: {index}", err=True)
