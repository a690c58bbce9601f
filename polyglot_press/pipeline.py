"""The pipeline: read, route, translate with the glossary enforced, summarise, brief.

A :class:`Pipeline` holds the loaded components (glossary, translation engine, routes) and is
reused across documents, like a spaCy ``Language`` object. Models load on first use, so creating
a pipeline is cheap, and one pipeline may be shared between threads.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from polyglot_press.documents import Block, Document, DocumentFormat
from polyglot_press.errors import ModelError, PolyglotPressError

if TYPE_CHECKING:
    from polyglot_press.cache import TranslationMemory
    from polyglot_press.engine import EngineOptions, TextTranslation, TranslationEngine
    from polyglot_press.glossary import ComplianceReport, Glossary
    from polyglot_press.models import Route

#: ``partial``: some briefs were written, but not every requested language (a missing package).
ResultStatus = Literal["ok", "partial", "failed", "unsupported"]
GLOSSARY_LANGS = frozenset({"fr", "en", "ko"})
PIVOT = "en"


@dataclass(frozen=True, slots=True)
class Translation:
    """A document translated into ``target``, block by block, and how it got there."""

    source: Document
    target: str
    document: Document
    route: str
    compliance: ComplianceReport | None
    warnings: tuple[str, ...] = ()
    untranslated: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The translated document in its source markup (Markdown, HTML or plain text)."""
        from polyglot_press.documents import render_document

        return render_document(self.document)


@dataclass(frozen=True, slots=True)
class TermUse:
    """A glossary entry a document uses, its three forms, and how often the translation used it.

    ``expected`` counts the entry's occurrences in the source, ``found`` those whose target term
    is in the English translation.
    """

    entry_id: str
    fr: str
    en: str
    ko: str
    kind: str
    expected: int
    found: int

    @property
    def used(self) -> bool:
        return self.found == self.expected


@dataclass(frozen=True, slots=True)
class Result:
    """Everything the pipeline learned and wrote about one input document."""

    source: str
    status: ResultStatus
    language: str | None = None
    confidence: float = 0.0
    route: str | None = None
    document: Document | None = None
    translation: Document | None = None
    headline: str | None = None
    dateline: str | None = None
    briefs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    glossary: Mapping[str, ComplianceReport] = field(default_factory=dict)
    terms: tuple[TermUse, ...] = ()
    warnings: tuple[str, ...] = ()
    error: str | None = None
    hint: str | None = None
    timings: Mapping[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def term_use_rate(self) -> float | None:
        """Share of expected glossary terms found in the English translation (None if n/a)."""
        report = self.glossary.get("en")
        return None if report is None else report.term_use_rate

    def to_dict(self) -> dict[str, Any]:
        from polyglot_press.render import result_to_dict

        return result_to_dict(self)

    @classmethod
    def failure(cls, source: str, error: PolyglotPressError, **fields: Any) -> Result:
        """A failed result whose ``error`` says what went wrong (without repeating the source)."""
        return cls(source=source, status="failed", error=error.reason, hint=error.hint, **fields)


DocumentInput = str | Path | Document


class Pipeline:
    """Reusable translation-and-brief pipeline.

    >>> pipeline = Pipeline(models_dir="models/")          # doctest: +SKIP
    >>> result = pipeline.process("releases/busan.md")     # doctest: +SKIP
    >>> result.briefs["en"], result.briefs["ko"]            # doctest: +SKIP
    """

    def __init__(
        self,
        *,
        models_dir: str | Path | None = None,
        glossary: Glossary | Sequence[str | Path] | None = None,
        langs: Sequence[str] = ("en", "ko"),
        sentences: int = 3,
        words: int | None = None,
        algorithm: str | None = None,
        engine_options: EngineOptions | None = None,
        translation_memory: TranslationMemory | None = None,
        max_bytes: int = 5_000_000,
        source_lang: str | None = None,
    ) -> None:
        _check_options(langs, sentences, words, algorithm)
        self.models_dir = Path(models_dir) if models_dir is not None else None
        self.langs = tuple(langs)
        self.sentences = sentences
        self.words = words
        self.algorithm = algorithm
        self.max_bytes = max_bytes
        self.source_lang = source_lang
        self._glossary_spec = glossary
        self._glossary: Glossary | None = None
        self._engine_options = engine_options
        self._engine: TranslationEngine | None = None
        self._memory = translation_memory
        self._routes: dict[tuple[str, str], Route | tuple[str, str | None]] = {}
        self._bonus: dict[str, frozenset[str]] = {}
        self._lock = threading.RLock()

    # -- components, loaded on first use -------------------------------------------------

    @property
    def glossary(self) -> Glossary:
        with self._lock:
            if self._glossary is None:
                from polyglot_press.glossary import Glossary, load_glossary

                spec = self._glossary_spec
                if isinstance(spec, Glossary):
                    self._glossary = spec
                else:
                    self._glossary = load_glossary([Path(p) for p in spec or ()])
            return self._glossary

    @property
    def engine(self) -> TranslationEngine:
        with self._lock:
            if self._engine is None:
                from polyglot_press.engine import EngineOptions, TranslationEngine

                self._engine = TranslationEngine(
                    self._engine_options or EngineOptions(), memory=self._memory
                )
            return self._engine

    def route(self, source: str, target: str) -> Route:
        """The packages that translate ``source`` to ``target`` (cached; raises ModelError)."""
        from polyglot_press.models import plan_route

        key = (source, target)
        found = self._routes.get(key)
        if found is None:
            # Planned outside the lock: a scan of the package folders must not stall other
            # threads, and planning twice in a race is harmless. A missing pair is remembered
            # too, so a batch does not rescan the disk for every chunk.
            try:
                found = plan_route(source, target, self.models_dir)
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

    # -- public entry points ---------------------------------------------------------------

    def read(self, item: DocumentInput) -> Document:
        """Read and route one input (a path, ``"-"``, raw text in a Document, or a Document)."""
        from polyglot_press.documents import read_document
        from polyglot_press.language import route_document

        document = (
            item if isinstance(item, Document) else read_document(item, max_bytes=self.max_bytes)
        )
        routed = route_document(document)
        if self.source_lang is None:
            return routed
        # A language forced by the caller applies to every block, as if detected; a confident
        # detection that disagrees is kept so the result can warn about it.
        meta = document.meta_items
        if routed.lang not in (self.source_lang, "und") and routed.lang_confidence >= 0.9:
            meta += (("detected_lang", f"{routed.lang}:{routed.lang_confidence:.2f}"),)
        blocks = tuple(replace(block, lang=self.source_lang) for block in document.blocks)
        return replace(
            document, blocks=blocks, lang=self.source_lang, lang_confidence=1.0, meta_items=meta
        )

    def fingerprint(self) -> str:
        """What shapes this pipeline's output, for keying caches and resumable runs.

        Includes every installed package (pair, version, place), so installing or upgrading
        one redoes the documents; thread counts are left out, as they change speed only.
        """
        from polyglot_press import __version__
        from polyglot_press.engine import EngineOptions
        from polyglot_press.models import installed_packages

        options = (self._engine_options or EngineOptions()).output_relevant()
        packages = sorted(
            f"{p.source}-{p.target}-{p.version}-{p.location}"
            for p in installed_packages(self.models_dir)
        )
        return "|".join(
            [
                __version__,
                *packages,
                ",".join(self.langs),
                str(self.sentences),
                str(self.words),
                self.algorithm or "default",
                repr(options),
                self.glossary.version,
                self.source_lang or "auto",
            ]
        )

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
                yield from self._process_batch(batch)
                batch = []
        if batch:
            yield from self._process_batch(batch)

    def translate(
        self, items: Sequence[DocumentInput], target: str = "en"
    ) -> list[Translation | PolyglotPressError]:
        """Translate whole documents into ``target``; failures come back as the error."""
        documents: list[Document | PolyglotPressError] = []
        for item in items:
            try:
                documents.append(self.read(item))
            except PolyglotPressError as error:
                documents.append(error)
        readable = [doc for doc in documents if isinstance(doc, Document)]
        translated = iter(self.translate_documents(readable, target))
        return [
            doc if isinstance(doc, PolyglotPressError) else next(translated) for doc in documents
        ]

    def translate_documents(
        self, documents: Sequence[Document], target: str
    ) -> list[Translation | PolyglotPressError]:
        """Translate routed documents into ``target``, batching every block of every document."""
        # Gather (document index, block index) of every block that needs translating, grouped by
        # source language and markup, so each language pair is one batched engine call per
        # markup (inline HTML tags and Markdown emphasis are protected differently).
        groups: dict[tuple[str, DocumentFormat], list[tuple[int, int]]] = {}
        for doc_index, document in enumerate(documents):
            for block_index, block in enumerate(document.blocks):
                lang = block.lang or document.lang
                if block.translatable and lang not in (None, "und", target) and block.text.strip():
                    groups.setdefault((lang, document.format), []).append((doc_index, block_index))

        new_texts: dict[tuple[int, int], str] = {}
        outcomes: dict[int, list[TextTranslation]] = {i: [] for i in range(len(documents))}
        warnings: dict[int, list[str]] = {i: [] for i in range(len(documents))}
        failures: dict[int, PolyglotPressError] = {}
        routes: dict[str, str] = {}
        for (lang, markup), positions in groups.items():
            try:
                route = self.route(lang, target)
            except ModelError as error:
                for doc_index, _ in positions:
                    if documents[doc_index].lang == lang:
                        failures[doc_index] = error
                    else:
                        warnings[doc_index].append(
                            f"a {lang} block was kept untranslated: {error.message}"
                        )
                continue
            routes[lang] = route.describe()
            texts = [documents[d].blocks[b].text for d, b in positions]
            translations = self._translate_texts(texts, route, lang, target, markup)
            for (doc_index, block_index), translation in zip(positions, translations, strict=True):
                new_texts[(doc_index, block_index)] = translation.text
                outcomes[doc_index].append(translation)

        results: list[Translation | PolyglotPressError] = []
        for doc_index, document in enumerate(documents):
            if doc_index in failures:
                results.append(failures[doc_index])
                continue
            blocks = tuple(
                _translated_block(block, new_texts.get((doc_index, block_index)), target)
                for block_index, block in enumerate(document.blocks)
            )
            translated = replace(document, blocks=blocks, lang=target)
            source_lang = document.lang or "und"
            warnings[doc_index][:0] = input_warnings(document)
            route_text = routes.get(source_lang, "identity (no translation needed)")
            if source_lang == "und":
                route_text = "none (language not recognised)"
            compliance = self._compliance(document, translated, source_lang, target)
            results.append(
                Translation(
                    source=document,
                    target=target,
                    document=translated,
                    route=route_text,
                    compliance=compliance,
                    warnings=(
                        *warnings[doc_index],
                        *translation_problems(outcomes[doc_index], source_lang),
                    ),
                    untranslated=tuple(
                        sentence.source
                        for outcome in outcomes[doc_index]
                        for sentence in outcome.sentences
                        if not sentence.ok
                    ),
                )
            )
        return results

    # -- internals --------------------------------------------------------------------------

    def _translate_texts(
        self, texts: list[str], route: Route, source: str, target: str, markup: DocumentFormat
    ) -> list[TextTranslation]:
        """Translate texts with the glossary's terms enforced (when it covers both languages)."""
        glossary_applies = source in GLOSSARY_LANGS and target in GLOSSARY_LANGS
        spans = [self.glossary.spans(t, source, target) if glossary_applies else [] for t in texts]
        return self.engine.translate_texts(
            texts,
            route.packages,
            source_lang=source,
            target_lang=target,
            extra_spans=spans,
            markup=markup,
        )

    def _compliance(
        self, source: Document, translated: Document, source_lang: str, target: str
    ) -> ComplianceReport | None:
        if (
            source_lang == target
            or source_lang not in GLOSSARY_LANGS
            or target not in GLOSSARY_LANGS
        ):
            return None
        from polyglot_press.glossary import compliance_report

        pairs = [
            (original.text, new.text)
            for original, new in zip(source.blocks, translated.blocks, strict=True)
            if original.translatable
        ]
        return compliance_report(
            "\n\n".join(text for text, _ in pairs),
            source_lang,
            "\n\n".join(text for _, text in pairs),
            target,
            self.glossary,
        )

    def _process_batch(self, items: Sequence[DocumentInput]) -> list[Result]:
        started = time.perf_counter()
        slots: list[Result | Document] = []
        for item in items:
            label = item.source if isinstance(item, Document) else str(item)
            try:
                slots.append(self.read(item))
            except PolyglotPressError as error:
                slots.append(Result.failure(label, error))
        documents = [slot for slot in slots if isinstance(slot, Document)]
        read_seconds = time.perf_counter() - started

        # Korean sources are summarised directly; everything else goes through English.
        to_english = [doc for doc in documents if doc.lang != "ko"]
        started = time.perf_counter()
        english = dict(
            zip(map(id, to_english), self.translate_documents(to_english, PIVOT), strict=True)
        )
        translate_seconds = time.perf_counter() - started

        started = time.perf_counter()
        briefs = self._briefs(documents, english)
        brief_seconds = time.perf_counter() - started

        per_doc = {
            "read": read_seconds / max(len(items), 1),
            "translate": translate_seconds / max(len(documents), 1),
            "brief": brief_seconds / max(len(documents), 1),
        }
        results: list[Result] = []
        for slot in slots:
            if isinstance(slot, Result):
                results.append(slot)
                continue
            results.append(self._result(slot, english.get(id(slot)), briefs.get(id(slot)), per_doc))
        return results

    def _briefs(
        self, documents: Sequence[Document], english: Mapping[int, Translation | PolyglotPressError]
    ) -> dict[int, _Briefs]:
        """Write a batch's briefs, translating all brief sentences in one engine call per leg."""
        briefs: dict[int, _Briefs] = {}
        # Sentences to carry across languages, per (source, target) leg.
        legs: dict[tuple[str, str], list[tuple[int, str]]] = {}
        for document in documents:
            key = id(document)
            entry = _Briefs()
            briefs[key] = entry
            if document.lang == "ko":
                sentences = self._summarize(document, "ko")
                entry.sentences["ko"] = sentences
                if "en" in self.langs:
                    legs.setdefault(("ko", "en"), []).extend((key, s) for s in sentences)
                continue
            translation = english.get(key)
            if not isinstance(translation, Translation):
                continue
            if translation.source.lang == "und":
                entry.warnings.append("language not recognised: no brief written")
                continue
            # A sentence the engine could not translate is still in the source language.
            english_only = _without_sentences(translation.document, translation.untranslated)
            sentences = self._summarize(english_only, "en")
            if not sentences:
                entry.warnings.append("nothing to summarise: the document has no body text")
            entry.sentences["en"] = sentences
            if "ko" in self.langs:
                legs.setdefault(("en", "ko"), []).extend((key, s) for s in sentences)

        for (source, target), items in legs.items():
            try:
                route = self.route(source, target)
            except ModelError as error:
                for key, _ in items:
                    briefs[key].errors.append(error)
                continue
            # Brief sentences are plain text (markup was stripped for the summariser).
            texts = [sentence for _, sentence in items]
            translations = self._translate_texts(texts, route, source, target, "txt")
            outcomes: dict[int, list[TextTranslation]] = {}
            # Sentence i of the target brief translates sentence i of the source brief.
            for (key, _), translated in zip(items, translations, strict=True):
                briefs[key].sentences.setdefault(target, []).append(translated.text)
                outcomes.setdefault(key, []).append(translated)
            for key, translated_brief in outcomes.items():
                entry = briefs[key]
                entry.warnings.extend(
                    f"{target} brief: {problem}"
                    for problem in translation_problems(translated_brief, source)
                )
                entry.compliance[target] = self._brief_compliance(entry, source, target)
        return briefs

    def _summarize(self, document: Document, lang: str) -> list[str]:
        from polyglot_press.summarize import summarize_document

        return summarize_document(
            document,
            lang,
            sentences=self.sentences,
            algorithm=self.algorithm,
            words=self.words,
            bonus_words=self._bonus_words(lang),
        )

    def _bonus_words(self, lang: str) -> frozenset[str]:
        """The glossary's terms in ``lang``, built once: summarisers may weigh them."""
        words = self._bonus.get(lang)
        if words is None:
            words = frozenset(t for entry in self.glossary.entries if (t := entry.term(lang)))
            self._bonus[lang] = words
        return words

    def _terms(self, reports: Mapping[str, ComplianceReport]) -> tuple[TermUse, ...]:
        """The glossary terms (not kept names) of the document, in order of first use."""
        report = reports.get("en") or reports.get("ko")
        if report is None:
            return ()
        counts: dict[str, list[int]] = {}
        for item in report.items:
            expected_found = counts.setdefault(item.entry_id, [0, 0])
            expected_found[0] += 1
            expected_found[1] += item.found
        terms = []
        for entry_id, (expected, found) in counts.items():
            entry = self.glossary.get(entry_id)
            if entry is not None and entry.kind == "term":
                terms.append(
                    TermUse(entry.id, entry.fr, entry.en, entry.ko, entry.kind, expected, found)
                )
        return tuple(terms)

    def _brief_compliance(self, entry: _Briefs, source: str, target: str) -> ComplianceReport:
        from polyglot_press.glossary import compliance_report

        return compliance_report(
            "\n".join(entry.sentences.get(source, [])),
            source,
            "\n".join(entry.sentences.get(target, [])),
            target,
            self.glossary,
        )

    def _result(
        self,
        document: Document,
        translation: Translation | PolyglotPressError | None,
        briefs: _Briefs | None,
        timings: Mapping[str, float],
    ) -> Result:
        common: dict[str, Any] = {
            "source": document.source,
            "language": document.lang,
            "confidence": document.lang_confidence,
            "document": document,
            "timings": dict(timings),
        }
        if isinstance(translation, PolyglotPressError):
            source = common.pop("source")
            return Result.failure(source, translation, **common)
        if document.lang == "und":
            return Result(
                status="unsupported",
                route="none (language not recognised)",
                error="the language of this document could not be recognised",
                **common,
            )
        briefs = briefs or _Briefs()
        english_doc = translation.document if translation else None
        headline_source = english_doc or document
        reports: dict[str, ComplianceReport] = dict(briefs.compliance)
        if translation and translation.compliance is not None:
            reports["en"] = translation.compliance
        route = (
            translation.route if translation else "identity (Korean source, summarised directly)"
        )
        missing_langs = [lang for lang in self.langs if lang not in briefs.sentences]
        warnings = [
            *input_warnings(document),
            *(translation.warnings if translation else ()),
            *briefs.warnings,
        ]
        status: ResultStatus = "ok"
        error = hint = None
        if briefs.errors and missing_langs:
            status = "partial" if any(briefs.sentences.values()) else "failed"
            error, hint = briefs.errors[0].message, briefs.errors[0].hint
        return Result(
            status=status,
            route=route,
            translation=english_doc,
            headline=_plain_title(headline_source),
            dateline=headline_source.dateline,
            briefs={lang: tuple(briefs.sentences.get(lang, ())) for lang in self.langs},
            glossary=reports,
            terms=self._terms(reports),
            warnings=tuple(dict.fromkeys(warnings)),
            error=error,
            hint=hint,
            **common,
        )


@dataclass
class _Briefs:
    sentences: dict[str, list[str]] = field(default_factory=dict)
    compliance: dict[str, ComplianceReport] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    errors: list[PolyglotPressError] = field(default_factory=list)


def _translated_block(block: Block, text: str | None, target: str) -> Block:
    if text is None:
        return block
    return replace(block, text=text, lang=target)


def input_warnings(document: Document) -> list[str]:
    """What an editor should know about how the input was read and routed."""
    warnings = []
    encoding = document.meta.get("encoding", "utf_8")
    if encoding.replace("-", "_").lower() not in ("utf_8", "utf_8_sig", "ascii"):
        warnings.append(f"the file is not UTF-8: read as {encoding}; check accented letters")
    detected = document.meta.get("detected_lang")
    if detected:
        code, confidence = detected.split(":")
        warnings.append(
            f"the language was forced to {document.lang}, but the text reads as {code} "
            f"(confidence {confidence})"
        )
    return warnings


def translation_problems(translations: Sequence[TextTranslation], source_lang: str) -> list[str]:
    """Sentence-level problems of a document's translation, summed up for an editor."""
    failed = [s for t in translations for s in t.sentences if not s.ok]
    short = [s for t in translations for s in t.sentences if s.ok and s.warning]
    total = sum(len(t.sentences) for t in translations)
    problems = []
    if failed:
        example = failed[0].source.strip()
        example = example if len(example) <= 60 else example[:57] + "…"
        problems.append(
            f"{len(failed)} of {total} sentences could not be translated ({failed[0].error}) "
            f"and were kept in {source_lang}, e.g. «{example}»"
        )
    if short:
        problems.append(
            f"{len(short)} of {total} translations are much shorter than their source sentence; "
            "words may be missing"
        )
    return problems


def _without_sentences(document: Document, sentences: Sequence[str]) -> Document:
    if not sentences:
        return document
    blocks = []
    for block in document.blocks:
        text = block.text
        for sentence in sentences:
            text = text.replace(sentence, "")
        blocks.append(block if text == block.text else replace(block, text=text))
    return replace(document, blocks=tuple(blocks))


def _check_options(
    langs: Sequence[str], sentences: int, words: int | None, algorithm: str | None
) -> None:
    from polyglot_press.summarize import ALGORITHMS

    unknown = [lang for lang in langs if lang not in ("en", "ko")]
    if unknown:
        raise PolyglotPressError(
            f"brief languages must be en and/or ko, got {', '.join(unknown)}",
            hint="use langs=('en', 'ko') or a subset",
        )
    if sentences < 1 or (words is not None and words < 1):
        raise PolyglotPressError(
            "a brief needs at least one sentence (or word)", hint="use sentences=3, say"
        )
    if algorithm is not None and algorithm not in ALGORITHMS:
        raise PolyglotPressError(
            f"unknown summarisation algorithm {algorithm!r}",
            hint=f"choose one of {', '.join(ALGORITHMS)}",
        )


def _plain_title(document: Document) -> str | None:
    from polyglot_press.documents import plain_text

    title = document.title
    return None if title is None else plain_text(title, document.format)
