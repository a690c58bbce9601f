"""Run a reference set through the installed packages, three ways, and score each run.

Systems, all on the same packages:

``polyglot_press``
    The engine with enforcement: glossary spans plus the engine's own protected spans
    (numbers, contacts, markup), as ``translate`` runs it.
``no_enforcement``
    The same engine and decoding options with no span at all: each sentence is decoded once
    and kept as the model wrote it.
``argostranslate``
    ``argostranslate.translate.PackageTranslation`` on the same package folders. Its sentence
    splitter (MiniSBD or stanza) needs resources that are downloaded on first use, which an
    offline machine does not have, so the splitter is replaced by one that returns the text
    whole: every reference row is one sentence already, and the rest of argostranslate's
    path (its tokenizer, ``translate_batch`` options, detokenisation) runs unchanged. A pivot
    chains the two package translations, as argostranslate's ``CompositeTranslation`` does.

All engine calls go through :func:`translate_polyglot`, the one place that knows the
translation API.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from polyglot_press._languages import GLOSSARY_LANGUAGES
from polyglot_press.errors import ModelError, PolyglotPressError
from polyglot_press.evaluate._conditions import ConditionResult, check_conditions, unrelated_share
from polyglot_press.evaluate._confidence import ScoreCalibration, calibrate_min_score
from polyglot_press.evaluate._extract import markup
from polyglot_press.evaluate._metrics import Fidelity, corpus_scores, fidelity
from polyglot_press.evaluate._references import EvalPair, ReferenceSet

if TYPE_CHECKING:
    from polyglot_press.glossary import Glossary
    from polyglot_press.packages import InstalledPackage, Route
    from polyglot_press.translate import EngineOptions, TranslationEngine

SYSTEMS = ("polyglot_press", "no_enforcement", "argostranslate")
#: Written by ``polyglot_press.testing`` into packages with random weights; real ones lack it.
FIXTURE_MARKER = "polyglot-press-fixture.json"
#: Sentences per engine call: small enough for a lively progress bar, big enough to batch.
CHUNK = 32
# Worst first: the path a multi-sentence text reports is its worst sentence's.
_PATH_RANK = ("failed", "not_met", "fallback", "aligned", "nbest", "memory", "as_is")

#: ``progress(sentences_done)``: called as sentences are translated.
Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class Output:
    """One translated sentence and the enforcement path it took (``None`` if not known)."""

    text: str
    path: str | None = None
    error: str | None = None
    #: The model's score of the translation (the mean over its sentences), if it gives one.
    score: float | None = None


@dataclass(frozen=True, slots=True)
class SentenceResult:
    """One sentence of a pair as one system translated it, and what it kept."""

    id: str
    line: int
    source: str
    reference: str
    output: Output
    fidelity: Fidelity


@dataclass(frozen=True, slots=True)
class SystemResult:
    """One system's scores on one pair; ``error`` set when it could not run at all."""

    system: str
    chrf: float | None
    bleu: float | None
    fidelity: Fidelity
    paths: dict[str, int]
    seconds: float
    sentences: tuple[SentenceResult, ...] = ()
    error: str | None = None

    @property
    def sentences_per_second(self) -> float | None:
        return len(self.sentences) / self.seconds if self.sentences and self.seconds else None


@dataclass(frozen=True, slots=True)
class PairResult:
    """One direction's results; ``skipped`` says why it did not run (a missing package)."""

    label: str
    route: str | None
    count: int
    systems: tuple[SystemResult, ...] = ()
    skipped: str | None = None
    #: How the checks treat the references and spoilt copies of them (see ``_conditions``).
    conditions: ConditionResult | None = None
    #: Share of polyglot_press's outputs the checks find unrelated to their source.
    unrelated: float | None = None
    #: The package's suggested ``low_confidence`` threshold (see ``_confidence``).
    confidence: ScoreCalibration | None = None


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Everything ``evaluate`` measured; ``fixture_packages`` lists packages with random weights."""

    references: str
    rows: int
    pairs: tuple[PairResult, ...]
    fixture_packages: tuple[str, ...] = ()

    @property
    def meaningless(self) -> bool:
        return bool(self.fixture_packages)


def is_fixture_package(package: InstalledPackage) -> bool:
    return (Path(package.path) / FIXTURE_MARKER).is_file()


def _fixture_label(package: InstalledPackage) -> str:
    """``fr→en (weights: random)``, from the marker the test builder writes."""
    import json

    try:
        marker = json.loads((Path(package.path) / FIXTURE_MARKER).read_text("utf-8"))
        weights = str(marker.get("weights", "unknown")) if isinstance(marker, dict) else "unknown"
    except (OSError, ValueError):
        weights = "unknown"
    return f"{package.source}→{package.target} at {package.path} (weights: {weights})"


def translate_polyglot(
    engine: TranslationEngine,
    glossary: Glossary | None,
    texts: Sequence[str],
    packages: Sequence[InstalledPackage],
    source_lang: str,
    target_lang: str,
    *,
    enforce: bool,
) -> list[Output]:
    """The adapter to the translation API: one output per text, with its enforcement path.

    With ``enforce`` the texts go through ``translate_texts`` with the glossary's spans, so
    the engine adds its own (numbers, contacts, markup), exactly as ``translate`` does.
    Without, each text is one :class:`~polyglot_press.translate.SourceSentence` with no span
    at all: decoded once with the same options, nothing checked or repaired.
    """
    if not enforce:
        from polyglot_press.translate import SourceSentence

        plain = engine.translate_sentences([SourceSentence(text) for text in texts], packages)
        return [
            Output(result.text, result.enforcement, result.error, result.score) for result in plain
        ]
    outputs: list[Output | None] = [None] * len(texts)
    # HTML tags are kept exactly only when the engine is told the text is HTML.
    for markup_format in ("html", "md"):
        indexes = [
            i for i, text in enumerate(texts) if _looks_html(text) == (markup_format == "html")
        ]
        if not indexes:
            continue
        chosen = [texts[i] for i in indexes]
        spans = (
            [glossary.spans(text, source_lang, target_lang) for text in chosen]
            if glossary is not None and {source_lang, target_lang}.issubset(GLOSSARY_LANGUAGES)
            else None
        )
        translated = engine.translate_texts(
            chosen,
            packages,
            source_lang=source_lang,
            target_lang=target_lang,
            extra_spans=spans,
            markup=markup_format,
        )
        for i, result in zip(indexes, translated, strict=True):
            paths = [sentence.enforcement for sentence in result.sentences]
            path = min(paths, key=_rank) if paths else None
            scores = [s.score for s in result.sentences if s.score is not None]
            score = sum(scores) / len(scores) if scores else None
            outputs[i] = Output(result.text, path, "; ".join(result.errors) or None, score)
    return [output for output in outputs if output is not None]


class ArgosTranslator:
    """``argostranslate``'s own translation path on the same packages, sentence by sentence.

    Building one imports ``argostranslate.translate`` (torch, stanza, spaCy: seconds), which
    is why only this baseline does it, and only when asked for.
    """

    def __init__(self, packages: Sequence[InstalledPackage]) -> None:
        import argostranslate.package as argos_package
        import argostranslate.translate as argos_translate

        self._chain = []
        for package in packages:
            translation = argos_translate.PackageTranslation(
                None, None, argos_package.Package(Path(package.path))
            )
            translation.sentencizer = _WholeText()
            self._chain.append(translation)

    def __call__(self, texts: Sequence[str]) -> list[Output]:
        outputs = []
        for text in texts:
            value = text
            for translation in self._chain:
                value = translation.hypotheses(value, num_hypotheses=1)[0].value
            outputs.append(Output(value))
        return outputs


class _WholeText:
    """Stands in for argostranslate's sentence splitter: the text is one sentence."""

    def split_sentences(self, text: str) -> list[str]:
        return [text]


def run_evaluation(
    references: ReferenceSet,
    *,
    models_dir: str | Path | None = None,
    systems: Sequence[str] = SYSTEMS,
    glossary: Glossary | None = None,
    engine_options: EngineOptions | None = None,
    progress: Progress | None = None,
) -> Evaluation:
    """Translate every pair of ``references`` with each of ``systems`` and score the outputs.

    A pair whose packages are missing is reported as skipped; a system that fails as a whole
    (argostranslate not importable, say) carries its error. Raises :class:`ModelError` only
    when no pair can be evaluated at all.
    """
    from polyglot_press.packages import plan_route
    from polyglot_press.translate import TranslationEngine

    engine = TranslationEngine(engine_options)
    pairs: list[PairResult] = []
    fixtures: set[str] = set()
    for pair in references.pairs():
        try:
            route = _loaded(engine, plan_route(pair.source_lang, pair.target_lang, models_dir))
        except ModelError as error:
            pairs.append(PairResult(pair.label, None, len(pair.items), skipped=error.message))
            continue
        fixtures.update(_fixture_label(p) for p in route.packages if is_fixture_package(p))
        results = tuple(
            _run_system(system, pair, route.packages, engine, glossary, references, progress)
            for system in systems
        )
        pairs.append(_pair_result(pair, route, results, glossary))
    if all(pair.skipped for pair in pairs):
        reasons = "; ".join(f"{pair.label}: {pair.skipped}" for pair in pairs)
        raise ModelError(
            f"no pair of the reference set can be translated ({reasons})",
            hint="install the packages (polyglot-press models install ...) or pass --models DIR",
        )
    return Evaluation(references.name, len(references.rows), tuple(pairs), tuple(sorted(fixtures)))


def _pair_result(
    pair: EvalPair, route: Route, results: tuple[SystemResult, ...], glossary: Glossary | None
) -> PairResult:
    ours = next((r for r in results if r.system == "polyglot_press" and not r.error), None)
    unrelated = confidence = None
    if ours is not None:
        sources = [s.source for s in ours.sentences]
        outputs = [s.output.text for s in ours.sentences]
        langs = (pair.source_lang, pair.target_lang)
        unrelated = unrelated_share(sources, outputs, *langs, glossary)
        scores = [s.output.score for s in ours.sentences]
        confidence = calibrate_min_score(sources, outputs, scores, *langs, glossary)
    return PairResult(
        pair.label,
        route.describe(),
        len(pair.items),
        results,
        conditions=check_conditions(pair, glossary),
        unrelated=unrelated,
        confidence=confidence,
    )


def _loaded(engine: TranslationEngine, route: Route) -> Route:
    """``route`` once its packages load: a model that does not skips the pair, saying why."""
    for package in route.packages:
        engine.load(package)
    return route


def _run_system(
    system: str,
    pair: EvalPair,
    packages: Sequence[InstalledPackage],
    engine: TranslationEngine,
    glossary: Glossary | None,
    references: ReferenceSet,
    progress: Progress | None,
) -> SystemResult:
    texts = [item.source for item in pair.items]
    try:
        # Loading packages (and importing argostranslate) is not translation speed.
        translate = _translator(system, engine, glossary, packages, pair)
        started = time.perf_counter()
        outputs: list[Output] = []
        for start in range(0, len(texts), CHUNK):
            chunk = texts[start : start + CHUNK]
            outputs.extend(translate(chunk))
            if progress is not None:
                progress(len(chunk))
        seconds = time.perf_counter() - started
    except (PolyglotPressError, ImportError, OSError, RuntimeError, ValueError) as error:
        return SystemResult(system, None, None, Fidelity(), {}, 0.0, error=_describe(error))
    names_of = {row.id: row.names for row in references.rows}
    sentences = tuple(
        SentenceResult(
            item.id,
            item.line,
            item.source,
            item.reference,
            output,
            fidelity(
                item.source,
                pair.source_lang,
                output.text,
                pair.target_lang,
                glossary,
                names=names_of.get(item.id, ()),
            ),
        )
        for item, output in zip(pair.items, outputs, strict=True)
    )
    chrf, bleu = corpus_scores([o.text for o in outputs], [i.reference for i in pair.items])
    total = sum((sentence.fidelity for sentence in sentences), Fidelity())
    paths: dict[str, int] = {}
    for output in outputs:
        if output.path is not None:
            paths[output.path] = paths.get(output.path, 0) + 1
    return SystemResult(system, chrf, bleu, total, paths, seconds, sentences)


def _translator(
    system: str,
    engine: TranslationEngine,
    glossary: Glossary | None,
    packages: Sequence[InstalledPackage],
    pair: EvalPair,
) -> Callable[[Sequence[str]], list[Output]]:
    if system == "argostranslate":
        translator = ArgosTranslator(packages)
        translator(["."])  # argostranslate loads its CTranslate2 model on first use
        return translator
    if system not in SYSTEMS:
        raise ValueError(f"unknown system {system!r} (choose among {', '.join(SYSTEMS)})")
    for package in packages:
        engine.load(package)

    def translate(texts: Sequence[str]) -> list[Output]:
        return translate_polyglot(
            engine,
            glossary,
            texts,
            packages,
            pair.source_lang,
            pair.target_lang,
            enforce=system == "polyglot_press",
        )

    return translate


def _rank(path: Any) -> int:
    return _PATH_RANK.index(path) if path in _PATH_RANK else 0


def _looks_html(text: str) -> bool:
    return any(token.startswith("<") for token in markup(text))


def _describe(error: BaseException) -> str:
    if isinstance(error, PolyglotPressError):
        return error.message
    return f"{type(error).__name__}: {error}"
