"""The translation engine: batching, routes, sentences with spans.

:class:`TranslationEngine` keeps one loaded model per package and translates many sentences per
call: identical sentences are translated once, and the rest go to the backend in length-sorted
batches. Sentences of different ``groups`` (the pipeline's documents) never share a batch, so a
document's translation is the same whatever else a call holds; the batches of every group are
still submitted together, to run in parallel. Sentences with spans are planned (:mod:`._plan`),
decoded once with n-best hypotheses and attention, and enforced in place (:mod:`._enforce`);
only what cannot be repaired that way is stitched from pieces (:mod:`._stitch`). A two-package
route pivots through English; the second leg enforces the first leg's spans again, so they
survive both legs.

Batches are decoded in windows (:mod:`._decode`), each enforced and
its hypotheses and attention let go before the next: the memory a call needs does not grow
with its sentences (a 1 MB Markdown table held 6 GB of attention at once). The batches are
formed as before, over all of a group's sentences, so windows change no output; within
:func:`~polyglot_press.translate.document_limits` the time and sentence limits are checked per
window.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from polyglot_press.text import Span, merge_spans, verbatim_spans
from polyglot_press.translate._backend import LoadedModel, TranslationBackend
from polyglot_press.translate._decode import Clock, Decoded, TimedOut, decode_windows
from polyglot_press.translate._enforce import enforce
from polyglot_press.translate._groups import Grouped, group_keys, subsequence_keys
from polyglot_press.translate._layout import (
    check_route,
    fill_verbatim,
    has_text_to_translate,
    position_limit,
    sentence_ranges,
    spans_in_ranges,
)
from polyglot_press.translate._limits import DocumentLimits, current_limits, group_digests
from polyglot_press.translate._memory import cached_translate
from polyglot_press.translate._options import EngineOptions
from polyglot_press.translate._pivot import chain_legs
from polyglot_press.translate._plan import Plan, plan_sentence
from polyglot_press.translate._results import (
    SentenceTranslation,
    SourceSentence,
    TextTranslation,
)
from polyglot_press.translate._stitch import DecodeTexts, stitch

if TYPE_CHECKING:
    from polyglot_press.documents import DocumentFormat
    from polyglot_press.packages import InstalledPackage
    from polyglot_press.translate._memory import TranslationMemory

#: Targets whose verb comes last: stitching pieces in source order would be ungrammatical.
VERB_FINAL_LANGUAGES = frozenset({"ko", "ja", "tr", "hi", "fa", "ur", "bn", "mn", "eu"})

_Sorted = tuple[
    dict[Grouped, SentenceTranslation], list[Grouped], list[tuple[Grouped, Plan]], list[Grouped]
]


class TranslationEngine:
    """Loads Argos packages once and translates batches of sentences with them.

    ``backend`` loads packages (default: :class:`~polyglot_press.translate.CTranslate2Backend`
    on ``options``); pass ``polyglot_press.testing.FakeBackend`` in tests. ``memory`` caches
    sentence translations across runs. Safe to share between threads: loading is serialised
    and CTranslate2 translators are thread-safe.
    """

    def __init__(
        self,
        options: EngineOptions | None = None,
        *,
        memory: TranslationMemory | None = None,
        backend: TranslationBackend | None = None,
    ) -> None:
        self.options = options or EngineOptions()
        self.memory = memory
        if backend is None:
            from polyglot_press.translate._ctranslate2 import CTranslate2Backend

            backend = CTranslate2Backend(self.options)
        self.backend = backend
        self._loaded: dict[Path, LoadedModel] = {}
        self._lock = threading.Lock()

    def load(self, package: InstalledPackage) -> None:
        """Load ``package`` now rather than on first use (raises :class:`ModelError`)."""
        self._get(package)

    def unload(self) -> None:
        """Release every loaded model."""
        with self._lock:
            self._loaded.clear()

    def translate_sentences(
        self,
        sentences: Sequence[SourceSentence],
        route: Sequence[InstalledPackage],
        *,
        groups: Sequence[Hashable] | None = None,
    ) -> list[SentenceTranslation]:
        """Translate ``sentences`` along ``route``: one package, or two pivoting via English.

        ``groups[i]`` is sentence ``i``'s group (``None``: one group): groups never share a
        batch, so each gets what translating it alone gives. Returns one
        :class:`SentenceTranslation` per input, in order; failures are reported in it, not
        raised. Raises :class:`ModelError` when a package cannot be loaded.
        """
        check_route(route)
        keys = group_keys(groups, len(sentences))
        limits = current_limits()
        if limits is not None:
            limits.check_sentences(keys, sentences)
        try:
            if self.memory is None:
                return self._translate_route(list(sentences), route, keys, limits)

            def translate(
                missing: list[SourceSentence], packages: Sequence[InstalledPackage]
            ) -> list[SentenceTranslation]:
                found = subsequence_keys(sentences, keys, missing)
                return self._translate_route(missing, packages, found, limits)

            return cached_translate(self.memory, sentences, route, self.options, translate)
        except TimedOut as stop:
            assert limits is not None
            error = limits.timed_out(stop.seconds)
            # The same document coming back (run again alone) is refused without decoding.
            mine = [i for i, key in enumerate(keys) if key == stop.key]
            digest = group_digests([stop.key] * len(mine), [sentences[i] for i in mine])
            limits.refused[digest[stop.key]] = error
            raise error from None

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
    ) -> list[TextTranslation]:
        """Translate whole texts, sentence by sentence, in one batched call.

        Each text is split with :func:`polyglot_press.text.split_sentences`; URLs, numbers
        and inline markup are protected (see :func:`polyglot_press.text.verbatim_spans`)
        along with ``extra_spans[i]`` (offsets into ``texts[i]``, e.g. glossary hits), which
        win where they overlap. ``markup`` is the format the texts come from (a document's
        ``format``): with ``"html"`` inline tags are kept exactly. Whitespace between
        sentences is kept as it was. ``groups[i]`` is text ``i``'s group (e.g. its document):
        see :meth:`translate_sentences`.

        Raises:
            ValueError: ``extra_spans`` or ``groups`` does not hold one item per text (a
                caller bug).
            TranslationError: ``route`` does not lead from ``source_lang`` to ``target_lang``.
        """
        if extra_spans is not None and len(extra_spans) != len(texts):
            raise ValueError(f"got {len(extra_spans)} span lists for {len(texts)} texts")
        check_route(route, source_lang=source_lang, target_lang=target_lang)
        text_groups = group_keys(groups, len(texts))
        limits = current_limits()
        if limits is not None:
            limits.check_texts(text_groups, texts)
        layouts: list[list[tuple[int, int]]] = []
        units: list[SourceSentence] = []
        unit_groups: list[Hashable] = []
        for index, text in enumerate(texts):
            spans = merge_spans(
                extra_spans[index] if extra_spans is not None else (),
                verbatim_spans(text, source_lang, target_lang, markup=markup),
            )
            ranges = sentence_ranges(text, source_lang, spans)
            layouts.append(ranges)
            for (start, end), inside in zip(ranges, spans_in_ranges(spans, ranges), strict=True):
                units.append(SourceSentence(text[start:end], inside))
                unit_groups.append(text_groups[index])
        translated = iter(self.translate_sentences(units, route, groups=unit_groups))
        results = []
        for text, ranges in zip(texts, layouts, strict=True):
            sentences = [next(translated) for _ in ranges]
            pieces: list[str] = []
            position = 0
            for (start, end), sentence in zip(ranges, sentences, strict=True):
                pieces.append(text[position:start])
                pieces.append(sentence.text)
                position = end
            pieces.append(text[position:])
            results.append(TextTranslation(text, "".join(pieces), tuple(sentences)))
        return results

    def _translate_route(
        self,
        sentences: list[SourceSentence],
        route: Sequence[InstalledPackage],
        groups: Sequence[Hashable],
        limits: DocumentLimits | None = None,
    ) -> list[SentenceTranslation]:
        if not sentences:
            return []
        clock = Clock(limits, groups)
        results = self._translate_leg(sentences, route[0], groups, clock)
        for package in route[1:]:
            carried = [i for i, result in enumerate(results) if result.ok]
            second = self._translate_leg(
                [SourceSentence(results[i].text, results[i].spans) for i in carried],
                package,
                [groups[i] for i in carried],
                clock,
            )
            for i, leg_result in zip(carried, second, strict=True):
                results[i] = chain_legs(results[i], leg_result)
        return results

    def _translate_leg(
        self,
        sentences: list[SourceSentence],
        package: InstalledPackage,
        groups: Sequence[Hashable],
        clock: Clock | None = None,
    ) -> list[SentenceTranslation]:
        """One package's translations; identical sentences are translated once per group."""
        model = self._get(package)
        done, plain, planned, to_stitch = self._sort(zip(groups, sentences, strict=True))
        # One submission for both kinds and every group, so that every batch can run in parallel.
        texts = [s.text for _, s in plain] + [plan.source for _, plan in planned]
        windows = decode_windows(
            model,
            texts,
            self.options,
            position_limit(self._loaded, model),
            alignment=[False] * len(plain) + [True] * len(planned),
            groups=[g for g, _ in plain] + [key[0] for key, _ in planned],
            clock=clock,
        )
        verb_final = package.target in VERB_FINAL_LANGUAGES
        for window in windows:
            # Each window is enforced, and its hypotheses and attention dropped, before the next.
            for index, output in window:
                if index < len(plain):
                    done[plain[index]] = _plain_result(plain[index][1].text, output)
                    continue
                key, plan = planned[index - len(plain)]
                result = self._enforced(key[1], plan, output, model, verb_final=verb_final)
                if result is None:
                    to_stitch.append(key)
                else:
                    done[key] = result
            del window
        by_group: dict[Hashable, list[Grouped]] = {}
        for key in to_stitch:
            by_group.setdefault(key[0], []).append(key)
        for keys in by_group.values():
            stitched = stitch([s for _, s in keys], self._decode_texts(model))
            done.update(zip(keys, stitched, strict=True))
        return [done[key] for key in zip(groups, sentences, strict=True)]

    def _enforced(
        self,
        sentence: SourceSentence,
        plan: Plan,
        output: Decoded,
        model: LoadedModel,
        *,
        verb_final: bool,
    ) -> SentenceTranslation | None:
        """A decoded sentence with its spans enforced; ``None``: to stitch from pieces."""
        if output.error is not None:
            return _plain_result(sentence.text, output)
        bpe = getattr(model.tokenizer, "family", "") == "bpe"
        result = enforce(plan, output.source_tokens, output.hypotheses, model.tokenizer, bpe=bpe)
        # When in doubt, flag, don't edit: a sentence whose spans could not be placed keeps the
        # model's whole translation (the checks flag what is missing) unless stitching pieces
        # is asked for.
        if result.missing and self.options.stitch_unmet and not verb_final:
            return None
        warning = "; ".join(w for w in (output.warning, plan.warning) if w) or None
        return SentenceTranslation(
            sentence.text,
            result.text,
            result.enforcement,
            result.spans,
            result.score,
            warning,
            missing=tuple(c.wanted for c in result.missing),
            missing_kinds=tuple(c.span.kind for c in result.missing),
        )

    def _sort(self, keys: Iterable[Grouped]) -> _Sorted:
        """Each distinct (group, sentence): done already, plain, planned or to stitch."""
        done: dict[Grouped, SentenceTranslation] = {}
        plain: list[Grouped] = []
        planned: list[tuple[Grouped, Plan]] = []
        to_stitch: list[Grouped] = []
        for key in dict.fromkeys(keys):
            sentence = key[1]
            if not has_text_to_translate(sentence.text, sentence.spans):
                filled, located = fill_verbatim(sentence.text, sentence.spans)
                done[key] = SentenceTranslation(sentence.text, filled, "as_is", located)
            elif not sentence.spans:
                plain.append(key)
            elif self.options.span_strategy == "segmented":
                to_stitch.append(key)
            else:
                planned.append((key, plan_sentence(sentence.text, sentence.spans)))
        return done, plain, planned, to_stitch

    def _decode_texts(self, model: LoadedModel) -> DecodeTexts:
        """Plain-string decoding for the stitching fallback."""

        def decode(texts: Sequence[str]) -> list[tuple[str, float | None, str | None, str | None]]:
            return [
                (d.text, d.hypotheses[0].score if d.hypotheses else None, d.error, d.warning)
                for d in self._decode(model, texts)
            ]

        return decode

    def _decode(self, model: LoadedModel, texts: Sequence[str]) -> list[Decoded]:
        """Translate plain strings, batched by length; never raises for a bad sentence."""
        results: list[Decoded | None] = [None] * len(texts)
        for window in decode_windows(
            model, texts, self.options, position_limit(self._loaded, model)
        ):
            for index, output in window:
                results[index] = output
        return [result for result in results if result is not None]

    def _get(self, package: InstalledPackage) -> LoadedModel:
        with self._lock:
            loaded = self._loaded.get(package.path)
            if loaded is None:
                loaded = self._loaded[package.path] = self.backend.load(package)
            return loaded


def _plain_result(source: str, output: Decoded) -> SentenceTranslation:
    if output.error is not None:
        return SentenceTranslation(source, source, "failed", error=output.error)
    score = output.hypotheses[0].score if output.hypotheses else None
    return SentenceTranslation(source, output.text, "as_is", (), score, output.warning)
