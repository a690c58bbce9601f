"""One frozen configuration for a pipeline, shared by the library, the CLI, batches and Dask.

A :class:`PipelineConfig` is declared once and only here: :class:`~polyglot_press.Pipeline`
is built from it, the CLI turns its options into one, batch runners key their manifests with
the fingerprint computed from it (:mod:`polyglot_press.pipeline._fingerprint`: a value object
does no I/O), and Dask workers rebuild the same pipeline from it (it pickles: paths and plain
values only).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from polyglot_press._languages import BRIEF_LANGUAGES, brief_language, normalize_code
from polyglot_press.documents import DEFAULT_MAX_BYTES
from polyglot_press.errors import PolyglotPressError

if TYPE_CHECKING:
    from polyglot_press.documents import RecordFields
    from polyglot_press.translate import EngineOptions

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_SENTENCES",
    "DEFAULT_STAGES",
    "DEFAULT_TIMEOUT",
    "PipelineConfig",
    "StrPath",
    "stage_name",
]

#: What a path may be given as: a string or any ``os.PathLike`` (a :class:`~pathlib.Path`).
StrPath = str | os.PathLike[str]
#: The built-in stages, in order (``polyglot_press.pipeline`` registers them under these names).
DEFAULT_STAGES = ("read", "route", "translate", "check", "summarise", "render")
#: Seconds one document may take (a release takes seconds; generous on purpose).
DEFAULT_TIMEOUT = 600.0
#: Sentences one document may have to translate (a release has tens, a long report thousands;
#: a real model on two CPU cores needs several minutes for ten thousand).
DEFAULT_MAX_SENTENCES = 10_000
#: Stages renamed since: a configuration written with the old name still means the stage.
_RENAMED_STAGES = {"enforce": "check"}


def stage_name(name: str) -> str:
    """``name`` as stages are called now (``enforce`` is the ``check`` stage)."""
    return _RENAMED_STAGES.get(name, name)


def _default_engine() -> EngineOptions:
    from polyglot_press.translate import EngineOptions

    return EngineOptions()


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    """Every setting of a pipeline.

    ``models_dir``: extracted packages and/or ``.argosmodel`` files (``None``: the Argos package
    folder). ``glossary``: extra glossary files over the built-in one, later files win.
    ``langs``: brief languages (``en``/``ko``; aliases such as ``english`` are normalised).
    ``sentences``/``words``: brief length. ``algorithm``: summariser name (``None``: default).
    ``engine_options``: decoding options. ``max_bytes``: the largest input file read.
    ``source_lang``: a forced source language code (``None``: detect block by block).
    ``translation_memory``: SQLite file of remembered translations (``None``: no memory).
    ``text_field``/``title_field``/``id_field``: the JSONL record fields holding a release's
    text, headline and id (``None``: recognise ``text``/``article``/``body``/``content``,
    ``title``/``headline``, ``id``/``guid``/``url``); see :attr:`record_fields`.
    ``min_score``: the model score under which a sentence is flagged ``low_confidence``: one
    number for every package, or one per pair (``{"fr-en": -1.4, "en-ko": -1.1}``; stored as
    sorted ``(pair, score)`` tuples, see :meth:`min_score_for`); ``None``: not checked.
    ``polyglot-press evaluate`` suggests each package's value from your references.
    ``timeout``: the seconds one document may take, ``max_sentences``: the sentences it may
    have to translate; a document over either fails with a message, the others go on
    (``None``: no limit).
    ``stages``: the names of the pipeline's stages, in order, each registered with
    ``polyglot_press.pipeline.register_stage`` (``Pipeline.add_stage`` does it) wherever a
    pipeline is built from this configuration.

    Paths may be given as strings or any ``os.PathLike`` and sequences as lists or tuples: they
    are stored as :class:`~pathlib.Path` objects and tuples, so two spellings of one setting
    are one configuration. Paths are read where the pipeline runs, so on a Dask cluster they
    must exist on every worker.
    """

    models_dir: Path | None = None
    glossary: tuple[Path, ...] = ()
    langs: tuple[str, ...] = BRIEF_LANGUAGES
    sentences: int = 3
    words: int | None = None
    algorithm: str | None = None
    engine_options: EngineOptions = field(default_factory=_default_engine)
    max_bytes: int = DEFAULT_MAX_BYTES
    source_lang: str | None = None
    translation_memory: Path | None = None
    min_score: float | tuple[tuple[str, float], ...] | None = None
    text_field: str | None = None
    title_field: str | None = None
    id_field: str | None = None
    stages: tuple[str, ...] = DEFAULT_STAGES
    timeout: float | None = DEFAULT_TIMEOUT
    max_sentences: int | None = DEFAULT_MAX_SENTENCES

    if TYPE_CHECKING:
        # What the generated __init__ accepts (__post_init__ normalises it to the types above);
        # tests/test_config.py checks that it lists the fields, in order, with their defaults.
        def __init__(
            self,
            models_dir: StrPath | None = None,
            glossary: Sequence[StrPath] = (),
            langs: Sequence[str] = BRIEF_LANGUAGES,
            sentences: int = 3,
            words: int | None = None,
            algorithm: str | None = None,
            engine_options: EngineOptions = ...,
            max_bytes: int = DEFAULT_MAX_BYTES,
            source_lang: str | None = None,
            translation_memory: StrPath | None = None,
            min_score: float | Mapping[str, float] | None = None,
            text_field: str | None = None,
            title_field: str | None = None,
            id_field: str | None = None,
            stages: Sequence[str] = DEFAULT_STAGES,
            timeout: float | None = DEFAULT_TIMEOUT,
            max_sentences: int | None = DEFAULT_MAX_SENTENCES,
        ) -> None: ...

    def __post_init__(self) -> None:
        # Normalised here so that two spellings of one setting give one fingerprint.
        set_field = object.__setattr__
        if self.models_dir is not None:
            set_field(self, "models_dir", _path(self.models_dir, "models_dir"))
        set_field(self, "glossary", tuple(_path(p, "glossary") for p in _items(self.glossary)))
        langs = (brief_language(_code(code)) for code in _items(self.langs))
        set_field(self, "langs", tuple(dict.fromkeys(langs)))
        if self.source_lang is not None:
            set_field(self, "source_lang", normalize_code(self.source_lang))
        if self.translation_memory is not None:
            set_field(self, "translation_memory", _path(self.translation_memory, "memory"))
        set_field(self, "stages", _stages(self.stages))
        set_field(self, "min_score", _min_score(self.min_score))
        _check(self)

    def min_score_for(self, source_lang: str, target_lang: str) -> float | None:
        """The ``low_confidence`` threshold of the ``source_lang``→``target_lang`` package."""
        if self.min_score is None or isinstance(self.min_score, float):
            return self.min_score
        return dict(self.min_score).get(f"{source_lang}-{target_lang}")

    @property
    def record_fields(self) -> RecordFields:
        """The JSONL fields to read releases from (``expand_inputs(..., fields=...)``)."""
        from polyglot_press.documents import RecordFields

        return RecordFields(self.text_field, self.title_field, self.id_field)


def _path(value: object, name: str) -> Path:
    if isinstance(value, str | os.PathLike):
        return Path(value)
    raise PolyglotPressError(
        f"{name} must be a path, not {type(value).__name__}", hint='give a str or a Path: "x.tsv"'
    )


def _code(value: object) -> str:
    if isinstance(value, str):
        return value
    raise PolyglotPressError(
        f"a language code must be a str, not {type(value).__name__}", hint='use "en" or "ko"'
    )


def _items(value: object) -> tuple[object, ...]:
    """A sequence's items; a lone string is one item, not its characters."""
    if isinstance(value, str | os.PathLike):
        return (value,)
    if isinstance(value, Sequence):
        return tuple(value)
    raise PolyglotPressError(
        f"expected a sequence, got {type(value).__name__}", hint='give a list or tuple: ["en"]'
    )


def _stages(value: object) -> tuple[str, ...]:
    names = tuple(stage_name(_stage(name)) for name in _items(value))
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise PolyglotPressError(
            f"stages named twice: {', '.join(repeated)}", hint="name each stage once"
        )
    return names


def _min_score(value: object) -> float | tuple[tuple[str, float], ...] | None:
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, Mapping):
        scores = []
        for pair, score in value.items():
            codes = re.split(r"\s*(?:->|→|-|_)\s*", str(pair).strip())
            if len(codes) != 2 or not isinstance(score, int | float) or isinstance(score, bool):
                break
            scores.append((f"{normalize_code(codes[0])}-{normalize_code(codes[1])}", float(score)))
        else:
            return tuple(sorted(scores))
    raise PolyglotPressError(
        f"min_score must be a number or a mapping of pairs to numbers, not {value!r}",
        hint='give -1.5, or {"fr-en": -1.4, "en-ko": -1.1}',
    )


def _stage(value: object) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise PolyglotPressError(
        f"a stage is named by a non-empty str, not {value!r}",
        hint=f"use names such as {', '.join(DEFAULT_STAGES)}",
    )


def _check(config: PipelineConfig) -> None:
    if not config.langs:
        raise PolyglotPressError(
            "no brief language given", hint=f"use langs={BRIEF_LANGUAGES!r} or a subset"
        )
    if config.sentences < 1 or (config.words is not None and config.words < 1):
        raise PolyglotPressError(
            "a brief needs at least one sentence (or word)", hint="use sentences=3, say"
        )
    if config.max_bytes < 1:
        raise PolyglotPressError("max_bytes must be positive", hint="use 5_000_000, say")
    _check_limits(config)
    if config.algorithm is not None:
        from polyglot_press.summarize import ALGORITHMS

        if config.algorithm not in ALGORITHMS:
            raise PolyglotPressError(
                f"unknown summarisation algorithm {config.algorithm!r}",
                hint=f"choose one of {', '.join(ALGORITHMS)}",
            )


def _check_limits(config: PipelineConfig) -> None:
    timeout, cap = config.timeout, config.max_sentences
    if timeout is not None and (
        isinstance(timeout, bool) or not isinstance(timeout, int | float) or not timeout > 0
    ):
        raise PolyglotPressError(
            f"timeout must be a positive number of seconds, not {timeout!r}",
            hint=f"use {DEFAULT_TIMEOUT:g}, say, or None for no limit",
        )
    if cap is not None and (isinstance(cap, bool) or not isinstance(cap, int) or cap < 1):
        raise PolyglotPressError(
            f"max_sentences must be a whole number from 1, not {cap!r}",
            hint=f"use {DEFAULT_MAX_SENTENCES}, say, or None for no limit",
        )
