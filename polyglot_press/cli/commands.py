"""The document commands: detect, translate, brief, batch."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from polyglot_press.cli._common import (
    DEFAULT_MAX_BYTES,
    EXIT_OK,
    EXIT_SOME_FAILED,
    GlossaryOption,
    MaxBytesOption,
    ModelsOption,
    fail,
    parse_langs,
    report_error,
)
from polyglot_press.errors import PolyglotPressError

if TYPE_CHECKING:
    from polyglot_press.batch import InputItem
    from polyglot_press.engine import EngineOptions
    from polyglot_press.pipeline import Pipeline
    from polyglot_press.render import OutputFormat

InputsArgument = Annotated[
    list[str],
    typer.Argument(
        help="Input files or globs; '-' reads standard input (folders: use `batch`).",
        show_default=False,
        metavar="FILE",
    ),
]
OutOption = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        help="Write one output file per input into this folder.",
        show_default=False,
        metavar="DIR",
    ),
]
BeamOption = Annotated[
    int | None,
    typer.Option(
        "--beam-size",
        min=1,
        max=16,
        help="Beam size (default: the engine's, see README).",
        show_default=False,
        metavar="N",
    ),
]
DeviceOption = Annotated[str, typer.Option("--device", help="cpu or cuda.", metavar="[cpu|cuda]")]
ThreadsOption = Annotated[
    int,
    typer.Option(
        "--threads",
        min=0,
        help="CPU threads per translation (0: CTranslate2's default).",
        metavar="N",
    ),
]


def _engine_options(
    beam_size: int | None, device: str, threads: int, jobs: int = 1
) -> EngineOptions:
    from polyglot_press.engine import EngineOptions

    if device not in ("cpu", "cuda"):
        raise typer.BadParameter("--device must be cpu or cuda", param_hint="--device")
    # One CTranslate2 replica per job, so parallel batches do not queue on one translator.
    options: dict[str, Any] = {"device": device, "threads": threads, "inter_threads": jobs}
    if beam_size is not None:
        options["beam_size"] = beam_size
    return EngineOptions(**options)


def _expand(inputs: list[str]) -> list[InputItem]:
    from polyglot_press.batch import expand_inputs

    try:
        return expand_inputs(inputs, allow_jsonl=False, allow_folders=False)
    except PolyglotPressError as error:
        fail(error, code=2)


def _report_failure(source: str, error: str | None, hint: str | None) -> None:
    report_error(f"{source}: {error or 'failed'}", hint=hint)


def _write(out: Path, name: str, text: str) -> Path:
    from polyglot_press.batch import write_atomic

    path = out / name
    write_atomic(path, text)
    return path


def detect(
    inputs: InputsArgument,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    blocks: Annotated[
        bool, typer.Option("--blocks", help="Also show each block's language.")
    ] = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """Detect the language of each input (and, with --blocks, of each block)."""
    from polyglot_press.documents import read_document
    from polyglot_press.language import describe_routing
    from polyglot_press.render import to_json

    failed = 0
    records: list[dict[str, Any]] = []
    for source in (item.label for item in _expand(inputs)):
        try:
            routing = describe_routing(read_document(source, max_bytes=max_bytes))
        except PolyglotPressError as error:
            failed += 1
            report_error(error)
            records.append({"source": source, "error": str(error)})
            continue
        record = routing.to_dict()
        records.append(record)
        if json_output:
            continue
        typer.echo(f"{source}\t{record['language']}\t{record['confidence']:.2f}")
        if blocks:
            for index, block in enumerate(record["blocks"], start=1):
                preview = block["text"].replace("\n", " ")[:60]
                typer.echo(
                    f"  {index:>3} {block['kind']:<11} {block['language'] or '-':<4}"
                    f" {block['confidence']:.2f}  {preview}"
                )
    if json_output:
        if not blocks:
            for record in records:
                record.pop("blocks", None)
        typer.echo(to_json(records), nl=False)
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


def _pipeline(
    models: Path | None,
    glossary: list[Path] | None,
    engine: EngineOptions,
    max_bytes: int,
    **options: Any,
) -> Pipeline:
    from polyglot_press.pipeline import Pipeline

    try:
        return Pipeline(
            models_dir=models,
            glossary=glossary or (),
            engine_options=engine,
            max_bytes=max_bytes,
            **options,
        )
    except PolyglotPressError as error:
        fail(error, code=2)


def _language_code(value: str) -> str:
    value = value.strip().lower()
    if value != "auto" and not (value.isascii() and value.isalpha() and len(value) in (2, 3)):
        raise typer.BadParameter(f"{value!r} is not a language code such as fr, en or ko")
    return value


FromOption = Annotated[
    str,
    typer.Option(
        "--from",
        help="Source language (ISO 639-1, e.g. fr), or 'auto' to detect it block by block.",
        callback=_language_code,
        metavar="LANG",
    ),
]
CHUNK = 16


def translate(
    inputs: InputsArgument,
    to: Annotated[
        str, typer.Option("--to", help="Target language (ISO 639-1).", metavar="LANG")
    ] = "en",
    from_: FromOption = "auto",
    models: ModelsOption = None,
    out: OutOption = None,
    fmt: Annotated[
        str, typer.Option("--format", help="md, json or txt.", metavar="[md|json|txt]")
    ] = "md",
    glossary: GlossaryOption = None,
    beam_size: BeamOption = None,
    device: DeviceOption = "cpu",
    threads: ThreadsOption = 0,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """Translate documents offline, keeping their structure and enforcing the glossary.

    With --out, each input gets one file named after it (release.md → release.en.md);
    otherwise the translations go to standard output (several JSON documents as one array).
    """
    from polyglot_press.render import render_translation, to_json, translation_to_dict

    if fmt not in ("md", "json", "txt"):
        raise typer.BadParameter("--format must be md, json or txt", param_hint="--format")
    output_format = cast("OutputFormat", fmt)
    items = _expand(inputs)
    pipeline = _pipeline(
        models,
        glossary,
        _engine_options(beam_size, device, threads),
        max_bytes,
        source_lang=None if from_ == "auto" else from_,
    )
    failed = 0
    as_json: list[dict[str, Any]] = []
    # Chunks keep memory flat on long runs and write results as they come.
    for start in range(0, len(items), CHUNK):
        chunk = items[start : start + CHUNK]
        try:
            translations = pipeline.translate([item.label for item in chunk], target=to)
        except PolyglotPressError as error:
            fail(error)
        for item, translation in zip(chunk, translations, strict=True):
            if isinstance(translation, PolyglotPressError):
                failed += 1
                reason = translation.reason
                _report_failure(item.label, reason, translation.hint)
                if fmt == "json" and out is None:
                    as_json.append(
                        {
                            "source": item.label,
                            "status": "failed",
                            "error": reason,
                            "hint": translation.hint,
                        }
                    )
                continue
            for warning in translation.warnings:
                typer.echo(f"warning: {item.label}: {warning}", err=True)
            if out is not None:
                extension = {"json": ".json", "txt": ".txt"}.get(fmt) or {
                    "html": ".html",
                    "md": ".md",
                }.get(translation.document.format, ".txt")
                text = render_translation(translation, output_format)
                written = _write(out, f"{item.doc_id}.{to}{extension}", text)
                typer.echo(f"{item.label} → {written} ({translation.route})", err=True)
            elif fmt == "json":
                as_json.append(translation_to_dict(translation))
            else:
                if len(items) > 1:
                    typer.echo(_document_header(item.label, fmt))
                typer.echo(render_translation(translation, output_format), nl=False)
    if out is None and fmt == "json":
        typer.echo(to_json(as_json[0] if len(items) == 1 and as_json else as_json), nl=False)
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


def _document_header(source: str, fmt: str) -> str:
    """What separates documents printed one after the other."""
    return f"\n<!-- source: {source} -->\n" if fmt == "md" else f"\n==> {source} <==\n"


def brief(
    inputs: InputsArgument,
    langs: Annotated[
        str, typer.Option("--langs", help="Brief languages: en, ko or en,ko.", metavar="LANGS")
    ] = "en,ko",
    models: ModelsOption = None,
    glossary: GlossaryOption = None,
    fmt: Annotated[str, typer.Option("--format", help="md or json.", metavar="[md|json]")] = "md",
    out: OutOption = None,
    sentences: Annotated[
        int, typer.Option("--sentences", min=1, max=20, help="Sentences per brief.", metavar="N")
    ] = 3,
    algorithm: Annotated[
        str | None,
        typer.Option("--algorithm", help="Summariser (see `summarize --help`).", metavar="NAME"),
    ] = None,
    from_: FromOption = "auto",
    beam_size: BeamOption = None,
    device: DeviceOption = "cpu",
    threads: ThreadsOption = 0,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """Write short English and Korean briefs of each document.

    French (and other) sources are translated to English first; the Korean brief translates
    the English one sentence by sentence, so the two lists are aligned.
    """
    from polyglot_press.render import render_result, to_json

    if fmt not in ("md", "json"):
        raise typer.BadParameter("--format must be md or json", param_hint="--format")
    output_format = cast("OutputFormat", fmt)
    items = _expand(inputs)
    pipeline = _pipeline(
        models,
        glossary,
        _engine_options(beam_size, device, threads),
        max_bytes,
        langs=parse_langs(langs),
        sentences=sentences,
        algorithm=algorithm,
        source_lang=None if from_ == "auto" else from_,
    )
    failed = 0
    rendered: list[Any] = []
    results = pipeline.process_many([item.label for item in items])
    for item, result in zip(items, results, strict=True):
        for warning in result.warnings:
            typer.echo(f"warning: {result.source}: {warning}", err=True)
        if not result.ok:
            failed += 1
            _report_failure(result.source, result.error, result.hint)
        if out is None and fmt == "json":
            rendered.append(result.to_dict())  # failures too: a tool sees every input
            continue
        if not any(result.briefs.values()):
            continue
        if out is not None:
            suffix = ".brief.json" if fmt == "json" else ".brief.md"
            text = render_result(result, output_format)
            written = _write(out, item.doc_id + suffix, text)
            typer.echo(f"{result.source} → {written}", err=True)
        else:
            typer.echo(render_result(result, "md"))
    if out is None and fmt == "json":
        typer.echo(to_json(rendered[0] if len(items) == 1 and rendered else rendered), nl=False)
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


BatchInputsArgument = Annotated[
    list[str],
    typer.Argument(
        help="Input files, folders, globs, JSONL files (fields id, text) or '-'.",
        show_default=False,
        metavar="INPUT",
    ),
]


def batch(
    inputs: BatchInputsArgument,
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="Output folder (briefs, manifest.jsonl).", metavar="DIR"),
    ],
    models: ModelsOption = None,
    glossary: GlossaryOption = None,
    langs: Annotated[
        str, typer.Option("--langs", help="Brief languages: en, ko or en,ko.", metavar="LANGS")
    ] = "en,ko",
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Batches of documents run in parallel (with --dask local: worker processes).",
        ),
    ] = 1,
    force: Annotated[bool, typer.Option("--force", help="Redo documents already done.")] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not use the translation memory.")
    ] = False,
    sentences: Annotated[
        int, typer.Option("--sentences", min=1, max=20, help="Sentences per brief.", metavar="N")
    ] = 3,
    from_: FromOption = "auto",
    beam_size: BeamOption = None,
    device: DeviceOption = "cpu",
    threads: ThreadsOption = 0,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            help="'local': run on a local Dask cluster of --jobs worker processes "
            "(needs polyglot-press[dask]).",
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Run on the Dask cluster at tcp://HOST:PORT; outputs are still written here.",
        ),
    ] = None,
) -> None:
    """Translate and brief many releases into --out, resumably.

    INPUT may be files, folders, globs, JSONL files (fields id, text) or '-'. Each document gets
    a Markdown and a JSON brief; manifest.jsonl records every document's status. A rerun skips
    documents already done; --force redoes them.
    """
    from polyglot_press.batch import BatchRunner, Manifest, default_progress, expand_inputs
    from polyglot_press.cache import TranslationMemory, default_memory_path

    if dask not in (None, "local"):
        raise typer.BadParameter(
            "the only value is 'local'; use --scheduler tcp://HOST:PORT for a cluster",
            param_hint="--dask",
        )
    if dask is not None and scheduler is not None:
        raise typer.BadParameter("use --dask local or --scheduler, not both", param_hint="--dask")
    try:
        items = expand_inputs(inputs)
    except PolyglotPressError as error:
        fail(error, code=2)
    engine = _engine_options(beam_size, device, threads, 1 if dask or scheduler else jobs)
    source_lang = None if from_ == "auto" else from_
    memory = None
    progress = default_progress()
    try:
        if dask is not None or scheduler is not None:
            from polyglot_press.distributed import PipelineConfig, run_batch_on_dask

            config = PipelineConfig(
                models_dir=models,
                glossary=tuple(glossary or ()),
                langs=parse_langs(langs),
                sentences=sentences,
                engine_options=engine,
                max_bytes=max_bytes,
                source_lang=source_lang,
                translation_memory=None if no_cache else default_memory_path(),
            )
            summary = run_batch_on_dask(
                items,
                out,
                config,
                scheduler=scheduler,
                local_workers=jobs,
                force=force,
                progress=progress,
            )
        else:
            memory = None if no_cache else TranslationMemory(default_memory_path())
            pipeline = _pipeline(
                models,
                glossary,
                engine,
                max_bytes,
                langs=parse_langs(langs),
                sentences=sentences,
                translation_memory=memory,
                source_lang=source_lang,
            )
            runner = BatchRunner(
                pipeline, out, options_fingerprint=pipeline.fingerprint(), force=force, jobs=jobs
            )
            summary = runner.run(items, progress)
    except KeyboardInterrupt:
        progress.stop()
        done = sum(1 for entry in Manifest(out).entries.values() if entry.status == "ok")
        typer.echo(
            f"interrupted: {done} document(s) are done and kept in {out}. "
            "Run the same command again to resume where it stopped.",
            err=True,
        )
        raise typer.Exit(130) from None
    except PolyglotPressError as error:
        progress.stop()
        fail(error)
    progress.stop()
    for entry in summary.failures:
        _report_failure(entry.source, entry.error or entry.status, entry.hint)
    rate = ""
    if memory is not None and memory.stats.hits + memory.stats.misses:
        rate = f", translation memory hit rate {memory.stats.hit_rate:.0%}"
    typer.echo(
        f"{summary.done} done, {summary.skipped} already done, {summary.failed} failed "
        f"in {summary.seconds:.1f}s{rate}; manifest: {out / 'manifest.jsonl'}",
        err=True,
    )
    raise typer.Exit(EXIT_SOME_FAILED if summary.failed else EXIT_OK)
