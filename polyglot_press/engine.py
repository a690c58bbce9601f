"""Translate sentences with Argos packages, straight through CTranslate2 and SentencePiece.

:class:`TranslationEngine` keeps one loaded ``ctranslate2.Translator`` and SentencePiece processor
per package and translates many sentences per call: identical sentences are translated once,
and the rest go to CTranslate2 in length-sorted batches.

Protected spans (glossary terms, URLs, numbers, markup; see :mod:`polyglot_press.spans`) are
enforced in two steps, because CTranslate2 has no lexical constraints:

``inline``
    Terms, kept words and numbers are replaced by their target form in the source sentence
    (a trained model copies such tokens and still sees a word it can inflect around), opaque
    spans (URLs, e-mails, phone numbers, markup) are masked by ``⟦n⟧`` placeholders, and the
    sentence is translated whole. It passes when every replacement appears in the output.
``segmented``
    Otherwise the text between spans is translated piece by piece and joined with the
    replacements verbatim, which guarantees them at some cost in fluency.

A two-package route pivots through English; the second leg protects the first leg's
replacements, so spans survive both legs. A sentence that cannot be translated (empty output,
no end of sentence within the length limit) keeps its source text and carries an ``error``.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from polyglot_press.cache import memory_key
from polyglot_press.documents import DocumentFormat
from polyglot_press.errors import ModelError, TranslationError
from polyglot_press.models import InstalledPackage
from polyglot_press.numbers import verbatim_spans
from polyglot_press.segment import split_sentences
from polyglot_press.spans import (
    Protected,
    Span,
    merge_spans,
    missing_spans,
    protect,
    restore,
    shift_span,
)

if TYPE_CHECKING:
    import sentencepiece

    from polyglot_press.cache import TranslationMemory

SpanStrategy = Literal["plain", "verbatim", "inline", "segmented"]

# Spans worth showing the model as words; the rest are opaque and better masked.
_SUBSTITUTED_KINDS = frozenset({"term", "keep", "number"})
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class EngineOptions:
    """How the engine runs CTranslate2.

    ``beam_size`` 2 is the default: benchmarks/bench_translate.py measures beam 1/2/4 speed on a
    transformer-base package (only speed can be measured with random weights); beam 2 keeps most
    of greedy decoding's speed while giving the search a second hypothesis. ``compute_type``
    ``None`` means int8 on CPU (what Argos packages are quantized for) and ``auto`` on CUDA.
    Each output may have at most ``max_length_ratio`` × source tokens + ``max_length_extra``
    tokens; ``no_repeat_ngram_size`` and ``repetition_penalty`` stop repetition loops ("word
    salad") early. ``span_strategy="segmented"`` skips the inline attempt for sentences with spans.

    ``threads`` is CTranslate2's ``intra_threads``, the threads one batch uses (0: CTranslate2's
    default). ``inter_threads`` is how many batches a translator runs at once: with 1, calls from
    several worker threads queue behind each other, so raise it to the number of threads that
    share the engine (each extra one holds its own working memory).
    """

    beam_size: int = 2
    device: Literal["cpu", "cuda"] = "cpu"
    compute_type: str | None = None
    threads: int = 0
    inter_threads: int = 1
    max_batch_tokens: int = 4096
    max_length_ratio: float = 2.0
    max_length_extra: int = 10
    no_repeat_ngram_size: int = 6
    repetition_penalty: float = 1.0
    span_strategy: Literal["auto", "segmented"] = "auto"

    def output_relevant(self) -> EngineOptions:
        """These options less those that change speed but not output (thread counts)."""
        return dataclasses.replace(self, threads=0, inter_threads=1)


@dataclass(frozen=True, slots=True)
class SourceSentence:
    """One sentence to translate, with the spans (offsets into ``text``) to enforce."""

    text: str
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class SentenceTranslation:
    """The translation of one :class:`SourceSentence`.

    ``spans`` locate the enforced replacements in ``text``. ``strategy`` says how they were
    enforced: ``plain`` (no spans), ``verbatim`` (nothing to translate, e.g. a bare number),
    ``inline`` or ``segmented``. With ``error`` set, ``text`` is the untranslated source.
    ``score`` is the model's log-probability score (higher is better; ``None`` when nothing
    was decoded).
    """

    source: str
    text: str
    strategy: SpanStrategy
    spans: tuple[Span, ...] = ()
    score: float | None = None
    warning: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True, slots=True)
class TextTranslation:
    """The translation of a whole text (a paragraph, a heading, ...), sentence by sentence."""

    source: str
    text: str
    sentences: tuple[SentenceTranslation, ...]

    @property
    def ok(self) -> bool:
        return all(sentence.ok for sentence in self.sentences)

    @property
    def errors(self) -> list[str]:
        return [s.error for s in self.sentences if s.error is not None]

    @property
    def warnings(self) -> list[str]:
        return [s.warning for s in self.sentences if s.warning is not None]


@dataclass(slots=True)
class _LoadedPackage:
    translator: Any
    processor: sentencepiece.SentencePieceProcessor
    target_prefix: str


@dataclass(frozen=True, slots=True)
class _Decoded:
    text: str
    score: float | None
    error: str | None
    warning: str | None


@dataclass(slots=True)
class _Pending:
    """A sentence in flight through one leg."""

    sentence: SourceSentence
    result: SentenceTranslation | None = None


class TranslationEngine:
    """Loads Argos packages once and translates batches of sentences with them.

    Safe to share between threads: loading is serialised and CTranslate2 translators are
    thread-safe.
    """

    def __init__(
        self, options: EngineOptions | None = None, *, memory: TranslationMemory | None = None
    ) -> None:
        self.options = options or EngineOptions()
        self.memory = memory
        self._loaded: dict[Path, _LoadedPackage] = {}
        self._lock = threading.Lock()

    def load(self, package: InstalledPackage) -> None:
        """Load ``package`` now rather than on first use (raises :class:`ModelError`)."""
        self._get(package)

    def unload(self) -> None:
        """Release every loaded translator."""
        with self._lock:
            self._loaded.clear()

    def translate_sentences(
        self, sentences: Sequence[SourceSentence], route: Sequence[InstalledPackage]
    ) -> list[SentenceTranslation]:
        """Translate ``sentences`` along ``route``: one package, or two pivoting via English.

        Returns one :class:`SentenceTranslation` per input, in order; failures are reported
        in it, not raised. Raises :class:`ModelError` when a package cannot be loaded.
        """
        _check_route(route)
        if self.memory is None:
            return self._translate_route(list(sentences), route)
        # The spans carry the glossary's target terms, so a glossary change changes the key.
        context = [f"{p.source}-{p.target}-{p.version}-{p.path}" for p in route]
        context.append(repr(self.options.output_relevant()))
        keys = [memory_key(*context, s.text, repr(s.spans)) for s in sentences]
        remembered = self.memory.get_many(keys)
        missing = [i for i, key in enumerate(keys) if key not in remembered]
        translated = self._translate_route([sentences[i] for i in missing], route)
        fresh = dict(zip(missing, translated, strict=True))
        # Failures are remembered too: with the same package and options they would recur.
        self.memory.put_many((keys[i], _to_memory(result)) for i, result in fresh.items())
        return [
            fresh[i] if i in fresh else _from_memory(remembered[key]) for i, key in enumerate(keys)
        ]

    def _translate_route(
        self, sentences: list[SourceSentence], route: Sequence[InstalledPackage]
    ) -> list[SentenceTranslation]:
        if not sentences:
            return []
        results = self._translate_leg(sentences, self._get(route[0]))
        for package in route[1:]:
            loaded = self._get(package)
            carried = [i for i, result in enumerate(results) if result.ok]
            second = self._translate_leg(
                [SourceSentence(results[i].text, results[i].spans) for i in carried], loaded
            )
            for i, leg_result in zip(carried, second, strict=True):
                results[i] = _chain(results[i], leg_result)
        return results

    def translate_texts(
        self,
        texts: Sequence[str],
        route: Sequence[InstalledPackage],
        *,
        source_lang: str,
        target_lang: str,
        extra_spans: Sequence[Sequence[Span]] | None = None,
        markup: DocumentFormat = "md",
    ) -> list[TextTranslation]:
        """Translate whole texts, sentence by sentence, in one batched call.

        Each text is split with :func:`polyglot_press.segment.split_sentences`; URLs, numbers
        and inline markup are protected (see :func:`polyglot_press.numbers.verbatim_spans`)
        along with ``extra_spans[i]`` (offsets into ``texts[i]``, e.g. glossary hits), which
        win where they overlap. ``markup`` is the format the texts come from (a document's
        ``format``): with ``"html"`` inline tags are kept exactly. Whitespace between
        sentences is kept as it was.

        Raises:
            ValueError: ``extra_spans`` does not hold one span list per text (a caller bug).
            TranslationError: ``route`` does not lead from ``source_lang`` to ``target_lang``.
        """
        if extra_spans is not None and len(extra_spans) != len(texts):
            raise ValueError(f"got {len(extra_spans)} span lists for {len(texts)} texts")
        _check_route(route, source_lang=source_lang, target_lang=target_lang)
        layouts: list[list[tuple[int, int]]] = []
        units: list[SourceSentence] = []
        for index, text in enumerate(texts):
            spans = merge_spans(
                extra_spans[index] if extra_spans is not None else (),
                verbatim_spans(text, source_lang, target_lang, markup=markup),
            )
            ranges = _sentence_ranges(text, source_lang, spans)
            layouts.append(ranges)
            for start, end in ranges:
                inside = tuple(
                    shift_span(span, -start)
                    for span in spans
                    if span.start >= start and span.end <= end
                )
                units.append(SourceSentence(text[start:end], inside))
        translated = iter(self.translate_sentences(units, route))
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

    # -- one package ---------------------------------------------------------------------------

    def _translate_leg(
        self, sentences: list[SourceSentence], loaded: _LoadedPackage
    ) -> list[SentenceTranslation]:
        unique: dict[SourceSentence, _Pending] = {}
        for sentence in sentences:
            unique.setdefault(sentence, _Pending(sentence))
        pending = list(unique.values())

        whole: list[tuple[_Pending, str, Protected | None]] = []
        segmented: list[_Pending] = []
        for item in pending:
            text, spans = item.sentence.text, item.sentence.spans
            if not _has_text_to_translate(text, spans):
                filled, located = _fill_verbatim(text, spans)
                item.result = SentenceTranslation(text, filled, "verbatim", located)
            elif not spans:
                whole.append((item, text, None))
            elif self.options.span_strategy == "segmented":
                segmented.append(item)
            else:
                masked = _inline_source(text, spans)
                whole.append((item, masked.text, masked))

        decoded = self._decode(loaded, [source for _, source, _ in whole])
        for (item, _, protected), output in zip(whole, decoded, strict=True):
            text = item.sentence.text
            if protected is None:
                item.result = _plain_result(text, output)
                continue
            restored = restore(protected, output.text) if output.error is None else ""
            placed = (
                _locate(restored, item.sentence.spans)
                if output.error is None and not missing_spans(protected, output.text)
                else None
            )
            if placed is None:
                segmented.append(item)
            else:
                item.result = SentenceTranslation(
                    text, restored, "inline", placed, output.score, output.warning
                )

        self._translate_segmented(segmented, loaded)
        return [_finished(unique[sentence]) for sentence in sentences]

    def _translate_segmented(self, items: list[_Pending], loaded: _LoadedPackage) -> None:
        pieces_of = [_split_at_spans(item.sentence.text, item.sentence.spans) for item in items]
        wanted = sorted({piece.strip() for pieces in pieces_of for piece, _ in pieces if piece})
        wanted = [piece for piece in wanted if _LETTER.search(piece)]
        translations = dict(zip(wanted, self._decode(loaded, wanted), strict=True))
        for item, pieces in zip(items, pieces_of, strict=True):
            text = item.sentence.text
            parts: list[str] = []
            spans: list[Span] = []
            scores: list[float] = []
            warnings: list[str] = []
            error = None
            for piece, span in pieces:
                output = translations.get(piece.strip())
                if output is None:
                    parts.append(piece)
                elif output.error is not None:
                    error = output.error
                else:
                    parts.append(_keep_outer_whitespace(piece, output.text))
                    scores.extend([output.score] if output.score is not None else [])
                    warnings.extend([output.warning] if output.warning else [])
                if span is not None:
                    offset = sum(len(part) for part in parts)
                    spans.append(Span(offset, offset + len(span.replacement), *_tail(span)))
                    parts.append(span.replacement)
            if error is not None:
                item.result = SentenceTranslation(text, text, "segmented", error=error)
                continue
            item.result = SentenceTranslation(
                text,
                "".join(parts),
                "segmented",
                tuple(spans),
                sum(scores) / len(scores) if scores else None,
                warnings[0] if warnings else None,
            )

    def _decode(self, loaded: _LoadedPackage, texts: Sequence[str]) -> list[_Decoded]:
        """Translate plain strings, batched by length; never raises for a bad sentence."""
        options = self.options
        tokens = [loaded.processor.encode(text, out_type=str) for text in texts]
        # Argos packages name one target-prefix token (e.g. a language tag), used as is.
        prefix = [loaded.target_prefix] if loaded.target_prefix else []
        limits = [
            int(options.max_length_ratio * len(tokens_) + options.max_length_extra)
            for tokens_ in tokens
        ]
        results: list[_Decoded | None] = [None] * len(texts)
        for batch in _length_batches(tokens, options.max_batch_tokens):
            outputs = loaded.translator.translate_batch(
                [tokens[i] for i in batch],
                target_prefix=[prefix for _ in batch] if prefix else None,
                max_batch_size=len(batch),
                beam_size=options.beam_size,
                max_decoding_length=max(limits[i] for i in batch) + len(prefix),
                no_repeat_ngram_size=options.no_repeat_ngram_size,
                repetition_penalty=options.repetition_penalty,
                return_scores=True,
            )
            for i, output in zip(batch, outputs, strict=True):
                hypothesis = output.hypotheses[0][len(prefix) :]
                results[i] = _check_output(
                    loaded.processor.decode_pieces(hypothesis).strip(),
                    len(tokens[i]),
                    len(hypothesis),
                    limits[i],
                    float(output.scores[0]) if output.scores else None,
                )
        return results  # type: ignore[return-value]

    def _get(self, package: InstalledPackage) -> _LoadedPackage:
        with self._lock:
            loaded = self._loaded.get(package.path)
            if loaded is None:
                loaded = self._loaded[package.path] = self._load(package)
            return loaded

    def _load(self, package: InstalledPackage) -> _LoadedPackage:
        import ctranslate2
        import sentencepiece

        model_dir = package.path / "model"
        sp_model = package.path / "sentencepiece.model"
        hint = f"reinstall the {package.pair} package (polyglot-press models install ...)"
        for required in (model_dir, sp_model):
            if not required.exists():
                raise ModelError(f"{package.pair} package is missing {required}", hint=hint)
        options = self.options
        compute_type = options.compute_type or ("int8" if options.device == "cpu" else "auto")
        try:
            translator = ctranslate2.Translator(
                str(model_dir),
                device=options.device,
                compute_type=compute_type,
                inter_threads=options.inter_threads,
                intra_threads=options.threads,
            )
            processor = sentencepiece.SentencePieceProcessor(model_file=str(sp_model))
        except (RuntimeError, ValueError, OSError) as error:
            raise ModelError(
                f"cannot load the {package.pair} package at {package.path}: {error}", hint=hint
            ) from error
        return _LoadedPackage(translator, processor, package.target_prefix)


def _to_memory(result: SentenceTranslation) -> str:
    return json.dumps(
        {
            "source": result.source,
            "text": result.text,
            "strategy": result.strategy,
            "spans": [dataclasses.astuple(span) for span in result.spans],
            "score": result.score,
            "warning": result.warning,
            "error": result.error,
        },
        ensure_ascii=False,
    )


def _from_memory(value: str) -> SentenceTranslation:
    data = json.loads(value)
    return SentenceTranslation(
        source=data["source"],
        text=data["text"],
        strategy=data["strategy"],
        spans=tuple(Span(*fields) for fields in data["spans"]),
        score=data["score"],
        warning=data["warning"],
        error=data["error"],
    )


def _finished(item: _Pending) -> SentenceTranslation:
    assert item.result is not None, "every pending sentence gets a result"
    return item.result


def _check_route(
    route: Sequence[InstalledPackage],
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
) -> None:
    pairs = " then ".join(package.pair for package in route) or "no package"
    problem = None
    if not 1 <= len(route) <= 2:
        problem = f"a route has one package or two (a pivot), got {pairs}"
    elif any(a.target != b.source for a, b in itertools.pairwise(route)):
        problem = f"route {pairs} does not chain"
    elif source_lang is not None and route[0].source != source_lang:
        problem = f"route {pairs} does not start from {source_lang}"
    elif target_lang is not None and route[-1].target != target_lang:
        problem = f"route {pairs} does not end in {target_lang}"
    if problem is not None:
        raise TranslationError(
            problem, hint="build the route with polyglot_press.models.plan_route"
        )


def _length_batches(tokens: Sequence[Sequence[str]], max_tokens: int) -> list[list[int]]:
    """Group indices into batches of similar length with at most ``max_tokens`` padded tokens.

    Sorting by length keeps padding low. A batch's decoding limit follows its longest sentence,
    so a sentence's output can depend on its neighbours; batch runs keep neighbours stable.
    """
    order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
    batches: list[list[int]] = []
    for i in order:
        if batches and len(tokens[i]) * (len(batches[-1]) + 1) <= max_tokens:
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches


def _check_output(
    text: str, source_tokens: int, output_tokens: int, limit: int, score: float | None
) -> _Decoded:
    if output_tokens >= limit:
        return _Decoded(
            text, None, f"no end of sentence within {limit} tokens (runaway output)", None
        )
    if not text:
        return _Decoded(text, None, "the model produced an empty translation", None)
    warning = None
    if source_tokens >= 8 and output_tokens * 4 < source_tokens:
        warning = (
            f"translation is much shorter than its source ({output_tokens} tokens for "
            f"{source_tokens}); words may be missing"
        )
    return _Decoded(text, score, None, warning)


def _plain_result(source: str, output: _Decoded) -> SentenceTranslation:
    if output.error is not None:
        return SentenceTranslation(source, source, "plain", error=output.error)
    return SentenceTranslation(source, output.text, "plain", (), output.score, output.warning)


def _chain(first: SentenceTranslation, second: SentenceTranslation) -> SentenceTranslation:
    """Combine the two legs of a pivot translation into one result for the original source."""
    if second.error is not None:
        return SentenceTranslation(first.source, first.source, second.strategy, error=second.error)
    rank = ("verbatim", "plain", "inline", "segmented")
    strategy = max(first.strategy, second.strategy, key=rank.index)
    scores = [s for s in (first.score, second.score) if s is not None]
    return SentenceTranslation(
        first.source,
        second.text,
        strategy,
        second.spans,
        sum(scores) / len(scores) if scores else None,
        second.warning or first.warning,
    )


def _has_text_to_translate(text: str, spans: Sequence[Span]) -> bool:
    return any(_LETTER.search(piece) for piece, _ in _split_at_spans(text, spans))


def _fill_verbatim(text: str, spans: Sequence[Span]) -> tuple[str, tuple[Span, ...]]:
    """``text`` with each span replaced, and where the replacements landed."""
    parts: list[str] = []
    located = []
    for piece, span in _split_at_spans(text, spans):
        parts.append(piece)
        if span is not None:
            offset = sum(len(part) for part in parts)
            located.append(Span(offset, offset + len(span.replacement), *_tail(span)))
            parts.append(span.replacement)
    return "".join(parts), tuple(located)


def _split_at_spans(text: str, spans: Sequence[Span]) -> list[tuple[str, Span | None]]:
    """``text`` as (text before the span, span) pairs, the last pair holding no span."""
    pairs: list[tuple[str, Span | None]] = []
    position = 0
    for span in sorted(spans, key=lambda s: s.start):
        pairs.append((text[position : span.start], span))
        position = span.end
    pairs.append((text[position:], None))
    return pairs


def _inline_source(text: str, spans: Sequence[Span]) -> Protected:
    """The model input for the inline strategy: substituted words, masked opaque spans."""
    parts: list[str] = []
    moved: list[Span] = []
    shift = 0
    position = 0
    for span in sorted(spans, key=lambda s: s.start):
        parts.append(text[position : span.start])
        if span.kind in _SUBSTITUTED_KINDS:
            parts.append(span.replacement)
            shift += len(span.replacement) - (span.end - span.start)
        else:
            moved.append(shift_span(span, shift))
            parts.append(text[span.start : span.end])
        position = span.end
    parts.append(text[position:])
    return protect("".join(parts), moved)


def _locate(output: str, spans: Sequence[Span]) -> tuple[Span, ...] | None:
    """Where each span's replacement is in ``output``, or ``None`` if one is missing.

    Longer replacements are placed first so that ``1.5`` is not found inside ``31.5``'s slot.
    """
    taken: list[tuple[int, int]] = []
    located = []
    for span in sorted(spans, key=lambda s: -len(s.replacement)):
        start = output.find(span.replacement)
        while start != -1 and any(
            start < end and start + len(span.replacement) > begin for begin, end in taken
        ):
            start = output.find(span.replacement, start + 1)
        if start == -1 or not span.replacement:
            return None
        end = start + len(span.replacement)
        taken.append((start, end))
        located.append(Span(start, end, *_tail(span)))
    return tuple(sorted(located, key=lambda s: s.start))


def _tail(span: Span) -> tuple[str, Any, str | None]:
    return span.replacement, span.kind, span.entry_id


def _keep_outer_whitespace(source: str, translated: str) -> str:
    leading = source[: len(source) - len(source.lstrip())]
    trailing = source[len(source.rstrip()) :]
    return f"{leading}{translated.strip()}{trailing}"


def _sentence_ranges(text: str, lang: str, spans: Sequence[Span]) -> list[tuple[int, int]]:
    """Character ranges of the sentences of ``text``; a span never straddles two ranges."""
    ranges: list[tuple[int, int]] = []
    position = 0
    for sentence in split_sentences(text, lang):
        start = text.find(sentence, position)
        if start == -1:
            # The splitter altered the text: translate the rest as one unit rather than guess.
            ranges.append((position, len(text.rstrip())))
            position = len(text)
            break
        ranges.append((start, start + len(sentence)))
        position = start + len(sentence)
    ranges = [(start, end) for start, end in ranges if text[start:end].strip()]
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        previous_end = merged[-1][1] if merged else 0
        if merged and any(s.start < previous_end < s.end or s.start < start < s.end for s in spans):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
