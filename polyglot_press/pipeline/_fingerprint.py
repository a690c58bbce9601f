"""What an output depends on, as a digest: the key of resumable batches.

A document's fingerprint (:class:`RouteFingerprints`) covers polyglot_press's version, every
configuration option that shapes an output (:func:`options_fingerprint`: the stage names, the
glossary by its content) and the packages on the document's own route, identified by their content
(:func:`package_digest`), not by where they are installed. Installing a package that no route of
the document uses changes nothing; replacing one it uses (same pair and version, another model)
changes its fingerprint.

This module reads files (glossaries, packages); :class:`~polyglot_press.PipelineConfig` itself
does no I/O. File digests are cached by each file's modification time and size.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from polyglot_press._config import PipelineConfig
from polyglot_press._languages import PIVOT, UNDETERMINED
from polyglot_press._version import __version__
from polyglot_press.errors import ModelError

if TYPE_CHECKING:
    from polyglot_press.documents import Document
    from polyglot_press.packages import InstalledPackage
    from polyglot_press.pipeline._context import PipelineContext, Stage, WorkItem

__all__ = [
    "RouteFingerprints",
    "document_pairs",
    "options_fingerprint",
    "package_digest",
]

#: Options that change how fast or which inputs are refused, not an output; the packages are
#: covered by content, on each document's route.
_NOT_SHAPING = frozenset(
    {"models_dir", "max_bytes", "translation_memory", "timeout", "max_sentences"}
)
#: How much of the start and of the end of ``model.bin`` is read (with its size).
_MODEL_SAMPLE = 1 << 20
#: Package files hashed whole: tokenizers, vocabularies, the model's and the package's settings.
_PACKAGE_FILES = ("metadata.json", "sentencepiece.model", "bpe.model", "bpe.codes")


def options_fingerprint(config: PipelineConfig, glossary_version: str | None = None) -> str:
    """A digest of the version and every option of ``config`` that shapes an output.

    Every field counts except the package folder, the input size limit, the per-document limits
    (timeout, max_sentences) and the translation
    memory; the stages by their names (in order), decoding options through
    ``EngineOptions.output_relevant()`` (thread counts do not), glossary files through their
    merged content, or ``glossary_version`` when given (the version of the glossary the
    pipeline holds, which may be built in code). A new field counts by default.
    """
    parts = [__version__]
    for field in dataclasses.fields(config):
        if field.name in _NOT_SHAPING:
            continue
        value = getattr(config, field.name)
        if field.name == "engine_options":
            value = value.output_relevant()
        elif field.name == "glossary":
            value = glossary_version or _glossary_version(value)
        parts.append(f"{field.name}={value!r}")
    return _digest(parts)


def package_digest(package: InstalledPackage) -> str:
    """The content of an installed package, as a digest: ``model.bin``'s size and its first and
    last MiB, the other files of ``model/`` and the tokenizer and metadata files, whole.

    Cached by the files' modification times and sizes, so a run stats them and reads nothing
    unless a package changed. A copy of the package elsewhere has the same digest.
    """
    try:
        return _package_digest(_stamps(package.path))
    except OSError as error:  # changed while being read: loading it will say what is wrong
        return f"unreadable: {error}"


def document_pairs(item: WorkItem, langs: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """The (source, target) language pairs the pipeline translates a routed item along.

    The translate stage's: every translatable block not already in the item's ``target``;
    the summarise stage's: the first brief's language (the document's own when ``target`` is
    ``None``, else the pivot) into each other brief language.
    """
    document = item.document
    if document is None or document.lang in (None, UNDETERMINED):
        return ()
    pairs: dict[tuple[str, str], None] = {}
    target = item.target
    if target is not None:
        for block in document.blocks:
            lang = block.lang or document.lang
            if block.translatable and block.text.strip() and lang not in (UNDETERMINED, target):
                pairs[(lang, target)] = None
    first = document.lang if target is None else PIVOT
    for other in langs:
        if other != first:
            pairs[(first, other)] = None
    return tuple(pairs)


class RouteFingerprints:
    """Fingerprints of documents under one pipeline: options plus the packages on the route.

    ``route_stage`` routes a document as the pipeline does (its ``route`` stage); routes and
    digests are planned once per language pair and set of pairs. Safe to share between threads.
    """

    def __init__(self, context: PipelineContext, route_stage: Stage) -> None:
        self.context = context
        self.route_stage = route_stage
        self._options: str | None = None
        self._by_pairs: dict[tuple[tuple[str, str], ...], str] = {}
        self._lock = threading.Lock()

    @property
    def options(self) -> str:
        """The configuration's part of every fingerprint (see :func:`options_fingerprint`)."""
        if self._options is None:
            # The glossary the pipeline translates with: loaded from the configured files, or
            # the one built in code and given to the pipeline.
            glossary = self.context.glossary.version
            self._options = options_fingerprint(self.context.config, glossary)
        return self._options

    def pairs(self, document: Document) -> tuple[tuple[str, str], ...]:
        """The language pairs the pipeline would translate ``document`` along."""
        from polyglot_press.pipeline._context import WorkItem

        item = WorkItem(input=document, label=document.source, document=document)
        routed = list(self.route_stage([item], self.context))
        return document_pairs(routed[0], self.context.config.langs)

    def of(self, document: Document) -> str:
        """``document``'s fingerprint: the options and the content of its route's packages."""
        pairs = tuple(sorted(self.pairs(document)))
        with self._lock:
            found = self._by_pairs.get(pairs)
        if found is None:
            found = _digest([self.options, *self._route_parts(pairs)])
            with self._lock:
                self._by_pairs[pairs] = found
        return found

    def _route_parts(self, pairs: Iterable[tuple[str, str]]) -> list[str]:
        parts = []
        for source, target in pairs:
            try:
                route = self.context.route(source, target)
            except ModelError:
                # The document fails or lacks a brief, and is retried anyway; installing the
                # package changes the fingerprint.
                parts.append(f"{source}>{target}: missing")
                continue
            digests = ",".join(package_digest(package) for package in route.packages)
            parts.append(f"{source}>{target}: {digests}")
        return parts


def _digest(parts: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:32]


#: (how it is read, path, name within the package, modification time, size) of a file.
_Stamp = tuple[str, str, str, int, int]


def _stamps(package_dir: Path) -> tuple[_Stamp, ...]:
    """The stamp of every file a package's digest reads; missing ones are skipped."""
    model_dir = package_dir / "model"
    files = [("sample", model_dir / "model.bin")]
    try:
        others = sorted(p for p in model_dir.iterdir() if p.name != "model.bin" and p.is_file())
    except OSError:
        others = []
    files += [("whole", path) for path in others]
    files += [("whole", package_dir / name) for name in _PACKAGE_FILES]
    stamps = []
    for kind, path in files:
        try:
            stat = path.stat()
        except OSError:
            continue
        name = path.relative_to(package_dir).as_posix()
        stamps.append((kind, str(path), name, stat.st_mtime_ns, stat.st_size))
    return tuple(stamps)


@lru_cache(maxsize=64)
def _package_digest(stamps: tuple[_Stamp, ...]) -> str:
    digest = hashlib.sha256()
    for kind, path, name, _, size in stamps:
        # The name within the package, not where it is installed.
        digest.update(f"{name}:{size}\n".encode())
        with open(path, "rb") as stream:
            if kind == "whole" or size <= 2 * _MODEL_SAMPLE:
                digest.update(stream.read())
            else:
                digest.update(stream.read(_MODEL_SAMPLE))
                stream.seek(size - _MODEL_SAMPLE, os.SEEK_SET)
                digest.update(stream.read(_MODEL_SAMPLE))
    return digest.hexdigest()[:32]


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
