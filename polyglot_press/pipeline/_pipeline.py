"""The :class:`Pipeline` façade: named stages that batches of documents flow through."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from polyglot_press._config import DEFAULT_STAGES, PipelineConfig, stage_name
from polyglot_press.documents import Document
from polyglot_press.errors import PolyglotPressError
from polyglot_press.pipeline._context import (
    DocumentInput,
    PipelineContext,
    Stage,
    TextTranslator,
    WorkItem,
)
from polyglot_press.pipeline._results import Result, Translation
from polyglot_press.pipeline._stages import register_stage, resolve_stage

if TYPE_CHECKING:
    from polyglot_press.glossary import Glossary
    from polyglot_press.packages import Route
    from polyglot_press.pipeline._fingerprint import RouteFingerprints
    from polyglot_press.translate import TranslationBackend, TranslationMemory

__all__ = ["DEFAULT_STAGES", "Pipeline"]


class Pipeline:
    """Reusable translation-and-brief pipeline: a configuration, components, named stages.

    >>> pipeline = Pipeline(PipelineConfig(models_dir="models/"))  # doctest: +SKIP
    >>> result = pipeline.process("releases/busan.md")              # doctest: +SKIP
    >>> result.briefs["en"], result.briefs["ko"]                    # doctest: +SKIP

    ``Pipeline(models_dir=...)`` is shorthand for ``Pipeline(PipelineConfig(models_dir=...))``.
    ``backend`` runs the translation engine on another decoder (a
    ``polyglot_press.translate.TranslationBackend`` such as ``polyglot_press.testing.FakeBackend``);
    ``engine`` replaces the engine itself (any :class:`TextTranslator`); ``glossary`` is a
    :class:`~polyglot_press.Glossary` built in code (glossary *files* belong in the config);
    ``memory`` gives the engine a translation memory. The stages are those ``config.stages``
    names (see :func:`~polyglot_press.pipeline.register_stage`); like spaCy components they can
    be added, replaced and removed (``pipeline.add_stage("embargo", flag_embargo,
    after="read")``), and the pipeline's ``config`` then names them, so a batch run or a Dask
    worker builds the same pipeline from it. Models load on first use, and one pipeline may be
    shared between threads.
    """

    def __init__(
        self,
        config: PipelineConfig | None = None,
        *,
        engine: TextTranslator | None = None,
        backend: TranslationBackend | None = None,
        glossary: Glossary | Sequence[str | Path] | None = None,
        memory: TranslationMemory | None = None,
        **options: Any,
    ) -> None:
        built: Glossary | None = None
        if glossary is not None:
            from polyglot_press.glossary import Glossary

            if isinstance(glossary, Glossary):
                built = glossary
            else:
                options["glossary"] = tuple(Path(path) for path in glossary)
        if config is None:
            config = PipelineConfig(**options)
        elif options:
            config = replace(config, **options)
        self.config = config
        self.context = PipelineContext(
            config,
            engine=engine,
            backend=backend,
            glossary=built,
            memory=memory,
        )
        self._stages = [(name, resolve_stage(name)) for name in config.stages]
        self._fingerprints: RouteFingerprints | None = None

    # -- stages ----------------------------------------------------------------------------

    @property
    def stage_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self._stages)

    def get_stage(self, name: str) -> Stage:
        return self._stages[self._index(name)][1]

    def add_stage(
        self,
        name: str,
        stage: Stage | None = None,
        *,
        after: str | None = None,
        before: str | None = None,
    ) -> None:
        """Insert the stage registered as ``name`` after (or before) a named stage; at the end
        by default. A ``stage`` given is registered as ``name`` first (replacing a stage of
        yours registered under that name: see :func:`~polyglot_press.pipeline.register_stage`).
        """
        if name in self.stage_names:
            raise ValueError(f"a stage called {name!r} already exists; use replace_stage")
        if after is not None and before is not None:
            raise ValueError("give after= or before=, not both")
        if after is not None:
            position = self._index(after) + 1
        elif before is not None:
            position = self._index(before)
        else:
            position = len(self._stages)
        self._stages.insert(position, (name, _registered(name, stage)))
        self._stages_changed()

    def replace_stage(self, name: str, new: str, stage: Stage | None = None) -> None:
        """Run the stage registered as ``new`` in place of the stage called ``name``; a
        ``stage`` given is registered as ``new`` first (as in :meth:`add_stage`)."""
        index = self._index(name)
        if new in self.stage_names and self.stage_names[index] != new:
            raise ValueError(f"a stage called {new!r} already exists; remove it first")
        self._stages[index] = (new, _registered(new, stage))
        self._stages_changed()

    def remove_stage(self, name: str) -> Stage:
        """Take the stage called ``name`` out of the pipeline; returns it."""
        removed = self._stages.pop(self._index(name))[1]
        self._stages_changed()
        return removed

    def _index(self, name: str) -> int:
        name = stage_name(name)
        for index, (existing, _) in enumerate(self._stages):
            if existing == name:
                return index
        raise KeyError(f"no stage called {name!r}; stages: {', '.join(self.stage_names)}")

    def _stages_changed(self) -> None:
        # The configuration names the stages: it is what workers rebuild the pipeline from and
        # what the fingerprint is computed from.
        self.config = replace(self.config, stages=self.stage_names)
        self.context.config = self.config
        self._fingerprints = None

    # -- components ------------------------------------------------------------------------

    @property
    def glossary(self) -> Glossary:
        return self.context.glossary

    @property
    def engine(self) -> TextTranslator:
        return self.context.engine

    def route(self, source: str, target: str) -> Route:
        """The packages that translate ``source`` to ``target`` (cached; raises ModelError)."""
        return self.context.route(source, target)

    def close(self) -> None:
        """Release what the pipeline opened itself (the translation memory)."""
        self.context.close()

    def fingerprint(self, document: Document | None = None) -> str:
        """What shapes this pipeline's output, as a digest (the key of resumable batches).

        With a ``document``: the options (the stage names and the glossary's content among
        them) and the content of the packages on that document's route (see
        :mod:`polyglot_press.pipeline._fingerprint`); without: the options only.
        """
        if self._fingerprints is None:
            from polyglot_press.pipeline._fingerprint import RouteFingerprints

            # Without a route stage the documents are routed as the built-in stage does.
            has_route = "route" in self.stage_names
            route = self.get_stage("route") if has_route else resolve_stage("route")
            self._fingerprints = RouteFingerprints(self.context, route)
        if document is None:
            return self._fingerprints.options
        return self._fingerprints.of(document)

    # -- running -----------------------------------------------------------------------------

    def process(self, item: DocumentInput) -> Result:
        """Translate one document to English (if needed) and write its briefs."""
        return next(iter(self.process_many([item])))

    def process_many(
        self, items: Iterable[DocumentInput], *, batch_size: int = 16
    ) -> Iterator[Result]:
        """Process documents lazily, translating ``batch_size`` documents' sentences at once."""
        batch: list[DocumentInput] = []
        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                yield from self._results(batch)
                batch = []
        if batch:
            yield from self._results(batch)

    def translate(
        self, items: Sequence[DocumentInput], target: str = "en"
    ) -> list[Translation | PolyglotPressError]:
        """Translate whole documents into ``target``; failures come back as the error.

        Every stage runs; those that write briefs and results pass over the items, which are
        only being translated (``WorkItem.briefing`` is false).
        """
        from polyglot_press._languages import normalize_code

        work = [_work_item(item, normalize_code(target), briefing=False) for item in items]
        done, _ = self._run(work, self._stages)
        results: list[Translation | PolyglotPressError] = []
        for item in done:
            if item.error is not None:
                results.append(item.error)
            elif item.translation is not None:
                results.append(item.translation)
            else:
                results.append(PolyglotPressError(f"{item.label}: no stage translated it"))
        return results

    def _results(self, inputs: Sequence[DocumentInput]) -> list[Result]:
        from polyglot_press._languages import PIVOT

        work = [_work_item(item, PIVOT, briefing=True) for item in inputs]
        done, timings = self._run(work, self._stages)
        results = []
        for item, seconds in zip(done, timings, strict=True):
            if item.result is not None:
                results.append(replace(item.result, timings=seconds))
            elif item.error is not None:
                results.append(Result.failure(item.label, item.error, timings=seconds))
            else:
                missing = PolyglotPressError(
                    "no stage produced a result", hint="keep a 'render' stage in the pipeline"
                )
                results.append(Result.failure(item.label, missing))
        return results

    def _run(
        self, work: list[WorkItem], stages: Sequence[tuple[str, Stage]]
    ) -> tuple[list[WorkItem], list[dict[str, float]]]:
        """Run the stages over a batch within the per-document limits (``config.timeout`` and
        ``max_sentences``); failed items skip the stages after their failure. Returns each
        item's seconds per stage (see :mod:`polyglot_press.pipeline._timing`)."""
        from polyglot_press.pipeline._timing import over_time, timed_stage
        from polyglot_press.translate import document_limits

        timings: list[dict[str, float]] = [{} for _ in work]
        timeout = self.config.timeout
        with document_limits(timeout, self.config.max_sentences):
            for name, stage in stages:
                work = [over_time(item, timings[i], timeout) for i, item in enumerate(work)]
                live = [i for i, item in enumerate(work) if item.error is None]
                if not live:
                    break
                changed, seconds = timed_stage(name, stage, [work[i] for i in live], self._isolated)
                for index, item, spent in zip(live, changed, seconds, strict=True):
                    work[index] = item
                    timings[index][name] = spent
        return work, timings

    def _isolated(self, name: str, stage: Stage, items: list[WorkItem]) -> list[WorkItem]:
        """``stage`` over ``items``; an exception fails only the document that raised it.

        When a batch raises, its documents are run again one by one, so that the others still
        go on; the one that raises again gets the error as its ``error``.
        """
        try:
            changed = list(stage(items, self.context))
        except Exception as error:  # any bug or hostile input: one document's failure
            if len(items) == 1:
                return [replace(items[0], error=_stage_error(name, error))]
            return [self._isolated(name, stage, [item])[0] for item in items]
        if len(changed) != len(items):
            raise PolyglotPressError(
                f"stage {name!r} returned {len(changed)} items for {len(items)}",
                hint="a stage must return one work item per item it is given, in order",
            )
        return changed


def _registered(name: str, stage: Stage | None) -> Stage:
    if stage is None:
        return resolve_stage(name)
    return register_stage(name, stage, replace=True)


def _stage_error(name: str, error: Exception) -> PolyglotPressError:
    """What an exception raised by a stage says in a failed result."""
    if isinstance(error, PolyglotPressError):
        return error
    if isinstance(error, RecursionError):
        return PolyglotPressError(
            f"the document is nested too deeply to {name}",
            hint="flatten its markup (HTML nested thousands of levels deep)",
        )
    if isinstance(error, MemoryError):
        return PolyglotPressError(
            f"out of memory in the {name} stage",
            hint="split the document or lower --max-bytes",
        )
    return PolyglotPressError(
        f"the {name} stage failed: {type(error).__name__}: {error}",
        hint="an unexpected error: please report it with this document; the others went on",
    )


def _work_item(item: DocumentInput, target: str, *, briefing: bool) -> WorkItem:
    label = item.source if isinstance(item, Document) else str(item)
    return WorkItem(input=item, label=label, target=target, briefing=briefing)
