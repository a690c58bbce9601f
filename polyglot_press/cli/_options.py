"""Options of the document commands (translate, brief, batch), and the one place that turns
them into a :class:`~polyglot_press.PipelineConfig`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from polyglot_press._config import DEFAULT_MAX_SENTENCES as DEFAULT_MAX_SENTENCES
from polyglot_press._config import DEFAULT_TIMEOUT as DEFAULT_TIMEOUT
from polyglot_press.cli._common import fail
from polyglot_press.errors import PolyglotPressError

if TYPE_CHECKING:
    from polyglot_press import PipelineConfig
    from polyglot_press.batch import InputItem
    from polyglot_press.translate import EngineOptions


class DataFormat(StrEnum):
    """How a command that prints data prints it."""

    TEXT = "text"
    JSON = "json"


DataFormatOption = Annotated[
    DataFormat, typer.Option("--format", case_sensitive=False, help="Output format.")
]
#: The older spelling, kept working: ``--json`` is ``--format json``.
JsonAliasOption = Annotated[
    bool, typer.Option("--json", hidden=True, help="Same as --format json.")
]


def wants_json(fmt: DataFormat, alias: bool) -> bool:
    return alias or fmt is DataFormat.JSON


class Device(StrEnum):
    CPU = "cpu"
    CUDA = "cuda"


class TranslationFormat(StrEnum):
    MD = "md"
    JSON = "json"
    TXT = "txt"


class BriefFormat(StrEnum):
    MD = "md"
    JSON = "json"


def _source_language(value: str) -> str:
    """``auto`` or a language code/alias, normalised (``French`` → ``fr``)."""
    from polyglot_press._languages import normalize_code

    if value.strip().lower() == "auto":
        return "auto"
    try:
        return normalize_code(value)
    except PolyglotPressError as error:
        raise typer.BadParameter(
            f"{value!r} is not a language code such as fr, en or ko"
        ) from error


def _brief_languages(value: str) -> str:
    from polyglot_press._languages import parse_brief_languages

    try:
        return ",".join(parse_brief_languages(value))
    except PolyglotPressError as error:
        raise typer.BadParameter(f"{error.message} ({error.hint})") from error


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
FromOption = Annotated[
    str,
    typer.Option(
        "--from",
        help="Source language (ISO 639-1, e.g. fr), or 'auto' to detect it block by block.",
        callback=_source_language,
        metavar="LANG",
    ),
]
LangsOption = Annotated[
    str,
    typer.Option(
        "--langs",
        help="Brief languages: en, ko or en,ko.",
        callback=_brief_languages,
        metavar="LANGS",
    ),
]
SentencesOption = Annotated[
    int, typer.Option("--sentences", min=1, max=20, help="Sentences per brief.", metavar="N")
]
AlgorithmOption = Annotated[
    str | None,
    typer.Option("--algorithm", help="Summariser (see `summarize --help`).", metavar="NAME"),
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
DeviceOption = Annotated[Device, typer.Option("--device", help="Where to run the models.")]
ThreadsOption = Annotated[
    int,
    typer.Option(
        "--threads",
        min=0,
        help="CPU threads per translation (0: CTranslate2's default).",
        metavar="N",
    ),
]


TimeoutOption = Annotated[
    float,
    typer.Option(
        "--timeout",
        min=0,
        help="Seconds one document may take; a slower one fails with a message (0: no limit).",
        envvar="POLYGLOT_PRESS_TIMEOUT",
        metavar="SECONDS",
    ),
]
MaxSentencesOption = Annotated[
    int,
    typer.Option(
        "--max-sentences",
        min=0,
        help="Sentences one document may have to translate; a longer one fails with a message "
        "(0: no limit).",
        envvar="POLYGLOT_PRESS_MAX_SENTENCES",
        metavar="N",
    ),
]
MinScoreOption = Annotated[
    str | None,
    typer.Option(
        "--min-score",
        help="Flag a sentence low_confidence under this model score: one number, or one per "
        "pair (fr-en=-1.4,en-ko=-1.1; `evaluate` suggests them).",
        envvar="POLYGLOT_PRESS_MIN_SCORE",
        metavar="SCORES",
    ),
]
#: Per-document limits given as 0 mean no limit.
_ZERO_IS_NO_LIMIT = ("timeout", "max_sentences")


def engine_options(
    beam_size: int | None, device: Device, threads: int, jobs: int = 1
) -> EngineOptions:
    """Decoding options; one CTranslate2 replica per job, so parallel batches do not queue."""
    from polyglot_press.translate import EngineOptions

    options: dict[str, Any] = {"device": device.value, "threads": threads, "inter_threads": jobs}
    if beam_size is not None:
        options["beam_size"] = beam_size
    try:
        return EngineOptions(**options)
    except PolyglotPressError as error:  # e.g. --jobs 100000: a usage error, not a traceback
        fail(error, code=2)


def build_config(**options: Any) -> PipelineConfig:
    """A :class:`PipelineConfig` from the options (``from_="auto"`` and ``None`` dropped);
    an invalid combination is a usage error (exit 2)."""
    from polyglot_press import PipelineConfig

    source = options.pop("from_", "auto")
    if source != "auto":
        options["source_lang"] = check_language(source, "--from", options.get("models_dir"))
    if isinstance(options.get("langs"), str):
        options["langs"] = tuple(options["langs"].split(","))
    options["glossary"] = tuple(options.get("glossary") or ())
    settings = {name: value for name, value in options.items() if value is not None}
    for name in _ZERO_IS_NO_LIMIT:
        if settings.get(name) == 0:
            settings[name] = None
    if isinstance(settings.get("min_score"), str):
        settings["min_score"] = _min_scores(settings["min_score"])
    try:
        return PipelineConfig(**settings)
    except PolyglotPressError as error:
        fail(error, code=2)


def _min_scores(value: str) -> float | dict[str, float]:
    """``-1.5`` or ``fr-en=-1.4,en-ko=-1.1``; anything else is a usage error."""
    try:
        if "=" not in value:
            return float(value)
        pairs = (item.split("=", 1) for item in value.split(",") if item.strip())
        return {pair.strip(): float(score) for pair, score in pairs}
    except ValueError:
        fail(
            PolyglotPressError(
                f"--min-score: {value!r} is not a score",
                hint="give one number (-1.5) or one per pair: fr-en=-1.4,en-ko=-1.1",
            ),
            code=2,
        )


def known_languages(models_dir: str | Path | None) -> tuple[str, ...]:
    """The language table's codes and those of the installed packages, sorted."""
    from polyglot_press._languages import LANGUAGES
    from polyglot_press.packages import scan_packages

    codes = {lang.code for lang in LANGUAGES}
    for package in scan_packages(models_dir).packages:
        codes.update((package.source, package.target))
    return tuple(sorted(codes))


def check_language(value: str, option: str, models_dir: str | Path | None) -> str:
    """``value`` normalised (``French`` → ``fr``) if the table or an installed package knows
    it; otherwise a usage error (exit 2) that lists the languages known."""
    from polyglot_press._languages import normalize_code
    from polyglot_press.errors import InputError

    known = known_languages(models_dir)
    try:
        code = normalize_code(value)
    except PolyglotPressError:
        code = ""
    if code not in known:
        fail(
            InputError(
                f"{option} {value}", "unknown language", hint=f"use one of {', '.join(known)}"
            ),
            code=2,
        )
    return code


def expand_documents(inputs: list[str]) -> list[InputItem]:
    """Files, globs and ``-`` (no folders, no JSONL: that is `batch`); bad patterns exit 2."""
    from polyglot_press.batch import expand_inputs

    try:
        return expand_inputs(inputs, allow_jsonl=False, allow_folders=False)
    except PolyglotPressError as error:
        fail(error, code=2)
