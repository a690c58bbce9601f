"""``polyglot-press translate``: whole documents, structure kept, glossary enforced."""

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
    document_header,
    fail,
    report_failure,
    to_json,
    write_output,
)
from polyglot_press.cli._options import (
    DEFAULT_MAX_SENTENCES,
    DEFAULT_TIMEOUT,
    BeamOption,
    Device,
    DeviceOption,
    FromOption,
    InputsArgument,
    MaxSentencesOption,
    MinScoreOption,
    OutOption,
    ThreadsOption,
    TimeoutOption,
    TranslationFormat,
    build_config,
    check_language,
    engine_options,
    expand_documents,
)
from polyglot_press.errors import PolyglotPressError

if TYPE_CHECKING:
    from pathlib import Path

    from polyglot_press.batch import InputItem
    from polyglot_press.pipeline import OutputFormat, Translation, TranslationJSON

#: Documents translated per engine call; chunks keep memory flat on long runs.
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
        TranslationFormat, typer.Option("--format", help="Output format.")
    ] = TranslationFormat.MD,
    glossary: GlossaryOption = None,
    beam_size: BeamOption = None,
    device: DeviceOption = Device.CPU,
    threads: ThreadsOption = 0,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
    max_sentences: MaxSentencesOption = DEFAULT_MAX_SENTENCES,
    min_score: MinScoreOption = None,
) -> None:
    """Translate documents offline, keeping their structure and enforcing the glossary.

    With --out, each input gets one file named after it (release.md → release.en.md);
    otherwise the translations go to standard output (several JSON documents as one array).
    """
    from polyglot_press.pipeline import Pipeline

    items = expand_documents(inputs)
    config = build_config(
        models_dir=models,
        glossary=glossary,
        engine_options=engine_options(beam_size, device, threads),
        max_bytes=max_bytes,
        timeout=timeout,
        max_sentences=max_sentences,
        min_score=min_score,
        from_=from_,
    )
    to = check_language(to, "--to", models)
    pipeline = Pipeline(config)
    writer = _Writer(fmt, out, to, several=len(items) > 1)
    for start in range(0, len(items), CHUNK):
        chunk = items[start : start + CHUNK]
        try:
            translations = pipeline.translate([item.label for item in chunk], target=to)
        except PolyglotPressError as error:
            fail(error)
        for item, translation in zip(chunk, translations, strict=True):
            writer.write(item, translation)
    writer.close()
    raise typer.Exit(EXIT_SOME_FAILED if writer.failed else EXIT_OK)


class _Writer:
    """Sends each translation to its file, to standard output, or into one JSON array."""

    def __init__(self, fmt: TranslationFormat, out: Path | None, to: str, *, several: bool):
        self.fmt, self.out, self.to, self.several = fmt, out, to, several
        self.output: OutputFormat = fmt.value
        self.failed = 0
        self.as_json: list[TranslationJSON] = []

    def write(self, item: InputItem, translation: Translation | PolyglotPressError) -> None:
        if isinstance(translation, PolyglotPressError):
            self.failed += 1
            report_failure(item.label, translation.reason, translation.hint)
            if self.fmt is TranslationFormat.JSON and self.out is None:
                from polyglot_press.pipeline import Translation

                self.as_json.append(Translation.failure_dict(item.label, self.to, translation))
            return
        for warning in translation.warnings:
            typer.echo(f"warning: {item.label}: {warning}", err=True)
        if translation.untranslated:
            # Sentences kept in the source language (failed, or caught by the checks as
            # untranslated or in the wrong language) make the run exit 1, as brief does.
            self.failed += 1
            count, total = len(translation.untranslated), len(translation.sentences)
            report_failure(
                item.label,
                f"{count} of {total} sentences were not translated",
                "the translation keeps them as the model wrote them; the warnings above and "
                "--format json (flags per sentence) say why",
            )
        if self.out is not None:
            markup = {"html": ".html", "md": ".md"}.get(translation.document.format, ".txt")
            extension = {"json": ".json", "txt": ".txt"}.get(self.fmt.value, markup)
            text = translation.render(self.output)
            written = write_output(self.out, f"{item.doc_id}.{self.to}{extension}", text)
            typer.echo(f"{item.label} → {written} ({translation.route})", err=True)
        elif self.fmt is TranslationFormat.JSON:
            self.as_json.append(translation.to_dict())
        else:
            if self.several:
                typer.echo(document_header(item.label, self.fmt.value))
            typer.echo(translation.render(self.output), nl=False)

    def close(self) -> None:
        if self.out is None and self.fmt is TranslationFormat.JSON:
            single = not self.several and len(self.as_json) == 1
            typer.echo(to_json(self.as_json[0] if single else self.as_json), nl=False)
