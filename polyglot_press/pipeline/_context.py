"""What flows through the stages (:class:`WorkItem`) and what every stage can use
(:class:`PipelineContext`: the configuration, the glossary, the engine, package routes).

A stage is any callable ``stage(items, context) -> items`` (the :class:`Stage` protocol), like a
spaCy component: it gets a batch of work items and returns them, changed with
:func:`dataclasses.replace`. Items that failed never reach the next stage.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from polyglot_press._config import PipelineConfig
from polyglot_press._languages import PIVOT
from polyglot_press.documents import Document, DocumentFormat
from polyglot_press.errors import ModelError, PolyglotPressError

if TYPE_CHECKING:
    from polyglot_press.glossary import ComplianceReport, Glossary
    from polyglot_press.packages import InstalledPackage, Route
    from polyglot_press.pipeline._results import Result, SentenceRecord, Translation
    from polyglot_press.text import Span
    from polyglot_press.translate import TextTranslation, TranslationBackend, TranslationMemory

__all__ = ["DocumentInput", "PipelineContext", "Stage", "TextTranslator", "WorkItem"]

DocumentInput = str | Path | Document


class TextTranslator(Protocol):
    """The translation seam: what the pipeline asks of an engine.

    `polyglot_press.translate.TranslationEngine` is the real one (give it a backend to run
    it on something other than CTranslate2); tests may pass any object with this method.
    ``groups[i]`` names text ``i``'s document: texts of different groups must be translated
    as if each group were translated alone (never batched together), so that a document's
    output does not depend on the other documents of a batch.
    """

    def translate_texts(
        self,
        texts: Sequence[str],
        route: Sequence[InstalledPackage],
        *,
        source_lang: str,
        target_lang: str,
        extra_spans: Sequence[Sequence[Span]] | None = None,
        markup: DocumentFormat = "md",
        groups: Sequence[Hashable] | None = None,
    ) -> list[TextTranslation]: ...


@dataclass(frozen=True, slots=True)
class WorkItem:
    """One input on its way through the stages.

    ``target`` is the language the translate stage translates into (``None``: keep it as it
    is, e.g. a Korean source summarised directly). ``briefing``: the item is being briefed,
    not only translated (:meth:`Pipeline.translate` runs every stage with ``briefing`` false,
    and the stages that write briefs and results pass over such items). ``error`` ends the
    item's journey: it becomes a failed result.
    """

    input: DocumentInput
    label: str
    target: str | None = PIVOT
    briefing: bool = True
    document: Document | None = None
    translation: Translation | None = None
    briefs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    brief_compliance: Mapping[str, ComplianceReport] = field(default_factory=dict)
    brief_errors: tuple[PolyglotPressError, ...] = ()
    brief_sentences: tuple[SentenceRecord, ...] = ()
    warnings: tuple[str, ...] = ()
    error: PolyglotPressError | None = None
    result: Result | None = None


class Stage(Protocol):
    """A named step of the pipeline: takes a batch of work items and returns them, in order."""

    def __call__(
        self, items: Sequence[WorkItem], context: PipelineContext
    ) -> Sequence[WorkItem]: ...


class PipelineContext:
    """The pipeline's shared components, loaded on first use and safe to share between threads.

    ``glossary`` and ``engine`` may be given (a glossary built in code, any
    :class:`TextTranslator`); otherwise they are built from ``config``, the engine on
    ``backend`` when one is given (e.g. ``polyglot_press.testing.FakeBackend``).
    """

    def __init__(
        self,
        config: PipelineConfig,
        *,
        engine: TextTranslator | None = None,
        backend: TranslationBackend | None = None,
        glossary: Glossary | None = None,
        memory: TranslationMemory | None = None,
    ) -> None:
        self.config = config
        self._engine = engine
        self._backend = backend
        self._glossary = glossary
        self._memory = memory
        self._owns_memory = False
        self._routes: dict[tuple[str, str], Route | tuple[str, str | None]] = {}
        self._bonus: dict[str, frozenset[str]] = {}
        self._kept: frozenset[str] | None = None
        self._accepted: dict[str, dict[str, tuple[str, ...]]] = {}
        self._lock = threading.RLock()

    @property
    def glossary(self) -> Glossary:
        with self._lock:
            if self._glossary is None:
                from polyglot_press.glossary import load_glossary

                self._glossary = load_glossary(list(self.config.glossary))
            return self._glossary

    @property
    def kept_words(self) -> frozenset[str]:
        """The glossary's names kept as written (the checks do not count them as names)."""
        if self._kept is None:
            kept = [entry for entry in self.glossary if entry.kind == "keep"]
            self._kept = frozenset(e.fr for e in kept) | frozenset(e.en for e in kept)
        return self._kept

    def accepted_forms(self, lang: str) -> Mapping[str, tuple[str, ...]]:
        """The other forms each glossary term may take in ``lang`` (see the checks)."""
        from polyglot_press._languages import GLOSSARY_LANGUAGES

        if lang not in GLOSSARY_LANGUAGES:
            return {}
        forms = self._accepted.get(lang)
        if forms is None:
            forms = self._accepted[lang] = self.glossary.accepted_forms(lang)
        return forms

    @property
    def memory(self) -> TranslationMemory | None:
        """The translation memory given, or the one at ``config.translation_memory`` (opened
        on first use; raises :class:`PolyglotPressError` when it cannot be opened)."""
        with self._lock:
            path = self.config.translation_memory
            if self._memory is None and path is not None:
                from polyglot_press.translate import TranslationMemory

                self._memory = TranslationMemory(path)
                self._owns_memory = True
            return self._memory

    @property
    def engine(self) -> TextTranslator:
        with self._lock:
            if self._engine is None:
                from polyglot_press.translate import TranslationEngine

                self._engine = TranslationEngine(
                    self.config.engine_options, memory=self.memory, backend=self._backend
                )
            return self._engine

    def close(self) -> None:
        """Close the translation memory this context opened (one given stays open)."""
        with self._lock:
            if self._owns_memory and self._memory is not None:
                self._memory.close()
                self._memory, self._owns_memory = None, False

    def route(self, source: str, target: str) -> Route:
        """The packages that translate ``source`` to ``target`` (cached; raises ModelError)."""
        from polyglot_press.packages import plan_route

        key = (source, target)
        found = self._routes.get(key)
        if found is None:
            # Planned outside the lock: a scan of the package folders must not stall other
            # threads, and planning twice in a race is harmless. A missing pair is remembered
            # too, so a batch does not rescan the disk for every chunk.
            try:
                found = plan_route(source, target, self.config.models_dir)
            except ModelError as error:
                # The message, not the exception: a re-raised instance would pile up tracebacks
                # (and the documents in their frames) for the pipeline's lifetime.
                found = (error.message, error.hint)
            with self._lock:
                found = self._routes.setdefault(key, found)
        if isinstance(found, tuple):
            message, hint = found
            raise ModelError(message, hint=hint)
        return found

    def translate_texts(
        self,
        texts: list[str],
        route: Route,
        source: str,
        target: str,
        markup: DocumentFormat,
        groups: Sequence[Hashable] | None = None,
    ) -> list[TextTranslation]:
        """Translate texts with the glossary's terms enforced (when it covers both languages).

        ``groups[i]`` is the document text ``i`` comes from: each document is translated as if
        alone, whatever else the call holds (see :class:`TextTranslator`).
        """
        from polyglot_press._languages import GLOSSARY_LANGUAGES

        applies = source in GLOSSARY_LANGUAGES and target in GLOSSARY_LANGUAGES
        spans = [self.glossary.spans(text, source, target) if applies else [] for text in texts]
        return self.engine.translate_texts(
            texts,
            route.packages,
            source_lang=source,
            target_lang=target,
            extra_spans=spans,
            markup=markup,
            groups=groups,
        )

    def summarize(self, document: Document, lang: str) -> list[str]:
        """The brief sentences of ``document`` (in ``lang``) with the configured summariser."""
        from polyglot_press.summarize import summarize_document

        return summarize_document(
            document,
            lang,
            sentences=self.config.sentences,
            algorithm=self.config.algorithm,
            words=self.config.words,
            bonus_words=self._bonus_words(lang),
        )

    def _bonus_words(self, lang: str) -> frozenset[str]:
        """The glossary's terms in ``lang``, built once: summarisers may weigh them."""
        words = self._bonus.get(lang)
        if words is None:
            words = frozenset(t for entry in self.glossary.entries if (t := entry.term(lang)))
            self._bonus[lang] = words
        return words
