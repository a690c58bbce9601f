"""One frozen configuration for a pipeline, shared by the library, the CLI, batches and Dask.

A :class:`PipelineConfig` is declared once and only here: :class:`~polyglot_press.Pipeline`
is built from it, the CLI turns its options into one, batch runners key their manifests with
its :meth:`~PipelineConfig.fingerprint`, and Dask workers rebuild the same pipeline from it (it
pickles: paths and plain values only).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from polyglot_press._languages import BRIEF_LANGUAGES, brief_language, normalize_code
from polyglot_press.documents import DEFAULT_MAX_BYTES
from polyglot_press.errors import PolyglotPressError

if TYPE_CHECKING:
    from polyglot_press.documents import RecordFields
    from polyglot_press.translate import EngineOptions

__all__ = ["DEFAULT_MAX_BYTES", "PipelineConfig"]


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

    Paths are read where the pipeline runs, so on a Dask cluster they must exist on every worker.
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
    text_field: str | None = None
    title_field: str | None = None
    id_field: str | None = None

    def __post_init__(self) -> None:
        # Normalised here so that two spellings of one setting give one fingerprint.
        set_field = object.__setattr__
        if self.models_dir is not None:
            set_field(self, "models_dir", Path(self.models_dir))
        set_field(self, "glossary", tuple(Path(path) for path in self.glossary))
        set_field(self, "langs", tuple(dict.fromkeys(brief_language(code) for code in self.langs)))
        if self.source_lang is not None:
            set_field(self, "source_lang", normalize_code(self.source_lang))
        if self.translation_memory is not None:
            set_field(self, "translation_memory", Path(self.translation_memory))
        _check(self)

    @property
    def record_fields(self) -> RecordFields:
        """The JSONL fields to read releases from (``expand_inputs(..., fields=...)``)."""
        from polyglot_press.documents import RecordFields

        return RecordFields(self.text_field, self.title_field, self.id_field)

    def fingerprint(self) -> str:
        """A digest of everything that shapes this configuration's outputs.

        Covers the package version, every installed package (pair, version, place), the brief
        settings, the decoding options that change output, the glossary's content and the
        forced language; thread counts, the input size limit and the translation memory are
        left out, as they change speed or which inputs are refused, not an output.
        """
        from polyglot_press import __version__
        from polyglot_press.packages import installed_packages

        packages = sorted(
            f"{p.source}-{p.target}-{p.version}-{p.location}"
            for p in installed_packages(self.models_dir)
        )
        parts = [
            __version__,
            *packages,
            ",".join(self.langs),
            str(self.sentences),
            str(self.words),
            self.algorithm or "default",
            repr(self.engine_options.output_relevant()),
            _glossary_version(self.glossary),
            self.source_lang or "auto",
        ]
        return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:32]


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
    if config.algorithm is not None:
        from polyglot_press.summarize import ALGORITHMS

        if config.algorithm not in ALGORITHMS:
            raise PolyglotPressError(
                f"unknown summarisation algorithm {config.algorithm!r}",
                hint=f"choose one of {', '.join(ALGORITHMS)}",
            )


def _glossary_version(paths: Sequence[Path]) -> str:
    stamps = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            stamps.append((str(path), 0, 0))  # loading reports the missing file
        else:
            stamps.append((str(path), stat.st_mtime_ns, stat.st_size))
    return _cached_glossary_version(tuple(stamps))


@lru_cache(maxsize=16)
def _cached_glossary_version(stamps: tuple[tuple[str, int, int], ...]) -> str:
    """The merged glossary's content version, loaded once per set of unchanged files."""
    from polyglot_press.glossary import load_glossary

    return load_glossary([Path(path) for path, _, _ in stamps]).version
