"""Extractive summaries: pick the sentences of a text that make the best brief.

Every algorithm sees the text through sumy's document model (paragraphs of sentences, each with
its words) and follows sumy's calling convention, ``summarizer(document, count)``, where
``count`` is a number of sentences or a callable that picks from the sentences ranked best
first. That callable is how this module adds what sumy lacks: near-duplicate sentences are
skipped and a brief can be limited by length instead of by sentence count.

The default algorithm, ``lead-aware``, is tuned for press releases and news: it scores each
sentence by its TF-IDF similarity to the whole document and to the title, by its position (news
puts the essentials first, and a release its news in the first paragraph) and by its length, and
it demotes lines that are only a quotation or a piece of one cut by the sentence splitter.
The others are sumy's classic summarizers, kept for comparison.

Text given to :func:`summarize` is parsed as a document first (Markdown, HTML or plain text,
sniffed), and only its paragraphs and list items are summarised, as by
:func:`summarize_document`: a title, headings, a dateline, press contacts and "about"
boilerplate never become summary sentences.

Length rule: ``words=N`` caps a brief at N words, counted as whitespace-separated tokens in
English and French and as non-space characters in Korean (Korean words are not
space-delimited; see :func:`summary_length`). Sentences are taken best first while they fit; if
the best sentence alone is longer than the cap, the brief is that one sentence, over the cap, so
a text with body sentences never gives an empty brief. Callers that must stay within the cap
compare :func:`summary_length` with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from polyglot_press.documents import BRIEF_KINDS, Document, parse_document, plain_text
from polyglot_press.errors import PolyglotPressError
from polyglot_press.tokenizers import SUMY_LANGUAGES, SumyTokenizer, tokenizer_for

if TYPE_CHECKING:
    import numpy as np

DEFAULT_ALGORITHM = "lead-aware"
#: Two sentences whose sets of lower-cased words overlap more than this are near-duplicates.
DUPLICATE_JACCARD = 0.8


class RankedSentence(NamedTuple):
    """A sentence with its position in the document and its score (sumy's ``SentenceInfo``)."""

    sentence: Any
    order: int
    rating: float


#: What sumy accepts as a sentence count: a number, or a callable that picks sentences from a
#: list ranked best first.
SentenceCount = int | Callable[[Sequence[RankedSentence]], Sequence[RankedSentence]]


class Summarizer(Protocol):
    """The interface of every algorithm: sumy's ``summarizer(document, count)``.

    ``document`` is a ``sumy.models.dom.ObjectDocumentModel``; the result is the selected
    ``sumy.models.dom.Sentence`` objects in document order.
    """

    def __call__(self, document: Any, sentences_count: SentenceCount) -> tuple[Any, ...]: ...


@dataclass(frozen=True, slots=True)
class LanguageTools:
    """What an algorithm needs to know about a language."""

    lang: str
    tokenizer: SumyTokenizer
    stem: Callable[[str], str]
    stop_words: frozenset[str]
    #: Words that mark a sentence as unfit for a brief (Edmundson's "stigma words").
    stigma_words: frozenset[str]


@dataclass(frozen=True, slots=True)
class Algorithm:
    """A named summarisation algorithm and how to build it for a language."""

    name: str
    description: str
    build: Callable[[LanguageTools, frozenset[str]], Summarizer]
    #: Whether ``build`` uses the bonus words; the others are built (and cached) without them.
    uses_bonus_words: bool = False


def summarize(
    text: str,
    lang: str = "en",
    sentences: int = 3,
    algorithm: str | None = None,
    *,
    words: int | None = None,
    bonus_words: Collection[str] = (),
    title: str | None = None,
) -> list[str]:
    """Summarise the body of ``text`` into at most ``sentences`` of its sentences, in source order.

    ``text`` is parsed with :func:`~polyglot_press.documents.parse_document` (format sniffed)
    and summarised like :func:`summarize_document`: only paragraphs and list items, without
    inline markup, so the returned sentences are plain text. ``words`` (if given) replaces the
    sentence count with a length cap (see the module docstring for how Korean is counted and
    when a brief exceeds the cap). ``bonus_words`` (glossary terms) favour the sentences that
    contain them in ``edmundson``; their words are extracted once per language and set of
    terms, so passing the same glossary to every call is free. ``title`` is never part of the
    summary; it replaces the text's own title (its first heading) as a topic hint for
    ``lead-aware`` and ``edmundson``. Returns ``[]`` for a text with no body sentences.
    """
    return summarize_document(
        parse_document(text),
        lang,
        sentences,
        algorithm,
        words=words,
        bonus_words=bonus_words,
        title=title,
    )


def summarize_sentences(
    sentences: Sequence[str],
    lang: str = "en",
    count: int = 3,
    algorithm: str | None = None,
    *,
    words: int | None = None,
    bonus_words: Collection[str] = (),
    title: str | None = None,
) -> list[str]:
    """Like :func:`summarize` for body text already split into sentences (kept as they are).

    The sentences are not parsed as a document: nothing is taken for a heading or a dateline,
    and they count as one paragraph.
    """
    tools = language_tools(lang)
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    paragraph = Paragraph(Sentence(s, tools.tokenizer) for s in sentences if s.strip())
    document = ObjectDocumentModel([paragraph])
    return _select(document, tools, count, algorithm, words, bonus_words, title)


def summarize_document(
    doc: Document,
    lang: str,
    sentences: int = 3,
    algorithm: str | None = None,
    words: int | None = None,
    bonus_words: Collection[str] = (),
    *,
    title: str | None = None,
) -> list[str]:
    """Summarise the body of ``doc``: its paragraphs and list items, without inline markup.

    Headings, datelines, contacts and boilerplate never enter a brief; the title (``title`` if
    given, else the document's own) only guides the choice. Returns ``[]`` when the document
    has no body text.
    """
    paragraphs = [
        plain
        for block in doc.blocks
        if block.kind in BRIEF_KINDS and (plain := plain_text(block.text, doc.format)).strip()
    ]
    if title is None and doc.title:
        title = plain_text(doc.title, doc.format)
    return _summarize_paragraphs(
        paragraphs, lang, sentences, algorithm, words=words, bonus_words=bonus_words, title=title
    )


def summary_length(sentences: Iterable[str], lang: str) -> int:
    """The length of a brief as ``words=`` counts it: words, or non-space characters in Korean."""
    length_of = _korean_length if language_tools(lang).lang == "ko" else _word_length
    return sum(length_of(sentence) for sentence in sentences)


def available_algorithms() -> list[str]:
    """Names accepted by ``algorithm=``, the default first."""
    return list(ALGORITHMS)


def _summarize_paragraphs(
    paragraphs: Sequence[str],
    lang: str,
    count: int,
    algorithm: str | None,
    *,
    words: int | None,
    bonus_words: Collection[str],
    title: str | None,
) -> list[str]:
    tools = language_tools(lang)
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    tokenizer = tools.tokenizer
    document = ObjectDocumentModel(
        [
            Paragraph([Sentence(s, tokenizer) for s in tokenizer.to_sentences(p) if s.strip()])
            for p in paragraphs
        ]
    )
    return _select(document, tools, count, algorithm, words, bonus_words, title)


def _select(
    document: Any,
    tools: LanguageTools,
    count: int,
    algorithm: str | None,
    words: int | None,
    bonus_words: Collection[str],
    title: str | None,
) -> list[str]:
    if count < 1:
        raise ValueError(f"sentences must be at least 1, not {count}")
    if words is not None and words < 1:
        raise ValueError(f"words must be at least 1, not {words}")
    name = algorithm or DEFAULT_ALGORITHM
    if name not in ALGORITHMS:
        raise PolyglotPressError(
            f"unknown summarisation algorithm {name!r}",
            hint="choose one of: " + ", ".join(available_algorithms()),
        )
    if not document.sentences:
        return []
    if title and title.strip():
        document = _with_title(document, title, tools.tokenizer)
    selection = _Selection(
        max_sentences=None if words is not None else count,
        max_length=words,
        length_of=_korean_length if tools.lang == "ko" else _word_length,
    )
    if all(not sentence.words for sentence in document.sentences):
        # Nothing to score (numbers, symbols): the lead is the only sensible choice.
        chosen: Sequence[Any] = [
            info.sentence
            for info in selection(
                [RankedSentence(s, i, -i) for i, s in enumerate(document.sentences)]
            )
        ]
    else:
        bonus = _NO_BONUS_WORDS
        if ALGORITHMS[name].uses_bonus_words and bonus_words:
            bonus = _content_words(tools.lang, frozenset(bonus_words))
        chosen = _build(name, tools.lang, bonus)(document, selection)
    return [str(sentence) for sentence in chosen]


def _with_title(document: Any, title: str, tokenizer: SumyTokenizer) -> Any:
    """The document with ``title`` as a heading: scored against, never selected."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    heading = Paragraph([Sentence(title.strip(), tokenizer, is_heading=True)])
    return ObjectDocumentModel([heading, *document.paragraphs])


def _word_length(sentence: str) -> int:
    return len(sentence.split())


def _korean_length(sentence: str) -> int:
    return sum(1 for char in sentence if not char.isspace())


_WORD = re.compile(r"\w+")


class _Selection:
    """Picks sentences best first, skipping near-duplicates, within a count or a length cap."""

    def __init__(
        self, *, max_sentences: int | None, max_length: int | None, length_of: Callable[[str], int]
    ) -> None:
        self._max_sentences = max_sentences
        self._max_length = max_length
        self._length_of = length_of

    def __call__(self, ranked: Sequence[RankedSentence]) -> list[RankedSentence]:
        chosen: list[RankedSentence] = []
        chosen_words: list[frozenset[str]] = []
        chosen_texts: set[str] = set()
        length = 0
        for info in ranked:
            if self._max_sentences is not None and len(chosen) >= self._max_sentences:
                break
            text = str(info.sentence)
            if text in chosen_texts:
                continue
            words = frozenset(_WORD.findall(text.lower()))
            if any(_jaccard(words, other) > DUPLICATE_JACCARD for other in chosen_words):
                continue
            if self._max_length is not None:
                size = self._length_of(text)
                if chosen and length + size > self._max_length:
                    continue
                length += size
            chosen.append(info)
            chosen_words.append(words)
            chosen_texts.add(text)
            if self._max_length is not None and length >= self._max_length:
                break
        return sorted(chosen, key=lambda info: info.order)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


# --- languages ---------------------------------------------------------------------------------

_STIGMA_WORDS = {
    "en": ("contact", "email", "phone", "copyright", "subscribe", "click", "disclaimer", "follow"),
    "fr": ("contact", "courriel", "téléphone", "copyright", "abonnez", "cliquez", "suivez"),
    "ko": ("문의", "연락처", "저작권", "구독", "무단", "배포", "제보"),
}
# Korean function words are already dropped by part of speech (see KoreanTokenizer); these are
# frequent nouns that carry no topic.
_KOREAN_STOP_WORDS = ("것", "수", "등", "때", "중", "이번", "통해", "위해", "관련", "대해", "및")


_LANGUAGE_ALIASES = {
    "eng": "en",
    "fra": "fr",
    "fre": "fr",
    "kor": "ko",
    **{name: short for short, name in SUMY_LANGUAGES.items()},
}


@lru_cache(maxsize=64)
def _normalize_lang(lang: str) -> str:
    code = re.split(r"[-_]", lang.strip().lower(), maxsplit=1)[0]
    code = _LANGUAGE_ALIASES.get(code, code)
    if code not in SUMY_LANGUAGES:
        raise PolyglotPressError(
            f"no summariser for language {lang!r}",
            hint="summaries are written in en, fr or ko: translate the text first",
        )
    return code


def language_tools(lang: str) -> LanguageTools:
    """Tokenizer, stemmer and word lists for ``lang`` (``en``, ``fr`` or ``ko``), cached."""
    return _language_tools(_normalize_lang(lang))


@cache
def _language_tools(lang: str) -> LanguageTools:
    from sumy.utils import get_stop_words

    if lang == "ko":
        # KoreanTokenizer already returns lemmas.
        stem: Callable[[str], str] = str.lower
        stop_words = frozenset(_KOREAN_STOP_WORDS)
    else:
        from sumy.nlp.stemmers import Stemmer

        stem = lru_cache(maxsize=1 << 16)(Stemmer(SUMY_LANGUAGES[lang]))
        stop_words = frozenset(word.lower() for word in get_stop_words(SUMY_LANGUAGES[lang]))
    return LanguageTools(
        lang=lang,
        tokenizer=tokenizer_for(lang),
        stem=stem,
        stop_words=stop_words,
        stigma_words=frozenset(_STIGMA_WORDS[lang]),
    )


_NO_BONUS_WORDS: frozenset[str] = frozenset()


@lru_cache(maxsize=16)
def _content_words(lang: str, terms: frozenset[str]) -> frozenset[str]:
    """Single content words of (possibly multi-word) glossary terms, cached per set of terms.

    Korean terms go through Kiwi (about 70 ms for a whole glossary), so a pipeline that passes
    its glossary with every document must not pay for it every time.
    """
    tools = _language_tools(lang)
    return frozenset(
        word
        for term in terms
        for word in tools.tokenizer.to_words(term)
        if word.lower() not in tools.stop_words
    )


@lru_cache(maxsize=64)
def _build(name: str, lang: str, bonus_words: frozenset[str]) -> Summarizer:
    return ALGORITHMS[name].build(_language_tools(lang), bonus_words)


# --- sumy's algorithms -------------------------------------------------------------------------


def _sumy_builder(module: str, class_name: str) -> Callable[[LanguageTools, frozenset[str]], Any]:
    def build(tools: LanguageTools, bonus_words: frozenset[str]) -> Any:
        from importlib import import_module

        summarizer = getattr(import_module(f"sumy.summarizers.{module}"), class_name)(tools.stem)
        summarizer.stop_words = tools.stop_words
        return summarizer

    return build


def _build_edmundson(tools: LanguageTools, bonus_words: frozenset[str]) -> Any:
    from sumy.summarizers.edmundson import EdmundsonSummarizer

    # The cue method needs bonus words; without glossary terms only title and location count.
    summarizer = EdmundsonSummarizer(tools.stem, cue_weight=1.0 if bonus_words else 0.0)
    summarizer.null_words = tools.stop_words
    summarizer.stigma_words = tools.stigma_words
    if bonus_words:
        summarizer.bonus_words = bonus_words
    return summarizer


# --- lead-aware --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LeadAwareWeights:
    """Weights of :class:`LeadAwareSummarizer`.

    Tuned on BBC News Summary articles disjoint from the ones the benchmark scores (see
    ``benchmarks/bench_summarize.py``). The lead and quotation terms are product choices for
    press releases, which put the news in their first paragraph and whose quoted statements
    rarely carry the facts.
    """

    #: Cosine between a sentence's TF-IDF vector and the document's.
    centrality: float = 1.0
    #: Word-overlap degree: TextRank's stationary score in closed form, scaled to at most 1.
    overlap: float = 2.0
    #: Cosine between a sentence's TF-IDF vector and the title's.
    title: float = 0.25
    #: Position prior ``1 / (1 + index) ** position_decay``: news puts the essentials first.
    position: float = 0.1
    position_decay: float = 0.5
    #: Added to the sentences of the first paragraph when there are several paragraphs: the
    #: lead of a release or a news story says what happened.
    lead: float = 0.8
    #: Sentences shorter than this many words are scaled down in proportion.
    short_words: int = 12
    #: Longer sentences carry more facts: the score grows as ``words ** length_exponent`` ...
    length_exponent: float = 0.25
    #: ... up to this many words; longer ones (often run-ons or lists) are scaled down.
    long_words: int = 100
    #: Factor for a sentence that is mostly a quotation.
    quotation: float = 0.8
    #: Factor for a sentence with unbalanced quotation marks: a piece of a quotation that the
    #: sentence splitter cut, which reads badly out of context.
    unbalanced_quotes: float = 0.6


_TERM_CACHE_SIZE = 200_000
# A quotation runs to its closing mark or, when a sentence splitter cut it, to the sentence end.
_QUOTED = re.compile(r"[\"“«„].*?(?:[\"”»“]|$)", re.DOTALL)


class LeadAwareSummarizer:
    """Position-aware centrality for news and press releases.

    ``score = (centrality + overlap + title + position + lead) x length factor x quotation
    factors`` with the terms and factors described in :class:`LeadAwareWeights`. Pure numpy over the
    words of sumy's document model: about 10x faster than sumy's LexRank.
    """

    def __init__(
        self,
        stem: Callable[[str], str],
        stop_words: Collection[str],
        weights: LeadAwareWeights | None = None,
    ) -> None:
        self._stem = stem
        self._stop_words = frozenset(stop_words)
        self._term_cache: dict[str, str] = {}
        self.weights = weights or LeadAwareWeights()

    def __call__(self, document: Any, sentences_count: SentenceCount) -> tuple[Any, ...]:
        sentences = document.sentences
        paragraphs = [paragraph for paragraph in document.paragraphs if paragraph.sentences]
        lead_sentences = len(paragraphs[0].sentences) if len(paragraphs) > 1 else 0
        scores = self.rate(sentences, document.headings, lead_sentences)
        ranked = sorted(
            (
                RankedSentence(s, i, float(score))
                for i, (s, score) in enumerate(zip(sentences, scores, strict=True))
            ),
            key=lambda info: info.rating,
            reverse=True,
        )
        if isinstance(sentences_count, int):
            picked: Sequence[RankedSentence] = ranked[:sentences_count]
        else:
            picked = sentences_count(ranked)
        return tuple(info.sentence for info in sorted(picked, key=lambda info: info.order))

    def rate(
        self, sentences: Sequence[Any], headings: Sequence[Any] = (), lead_sentences: int = 0
    ) -> np.ndarray:
        """Scores of ``sentences`` (sumy ``Sentence`` objects), higher is better.

        ``headings`` are the title's sentences; the first ``lead_sentences`` sentences form the
        lead paragraph.
        """
        import numpy as np

        weights = self.weights
        vocabulary: dict[str, int] = {}
        rows: list[int] = []
        columns: list[int] = []
        for row, sentence in enumerate(sentences):
            for term in self._terms(sentence.words):
                columns.append(vocabulary.setdefault(term, len(vocabulary)))
                rows.append(row)
        width = max(len(vocabulary), 1)
        cells = np.asarray(rows, dtype=np.intp) * width + np.asarray(columns, dtype=np.intp)
        counts = np.bincount(cells, minlength=len(sentences) * width).astype(float)
        counts = counts.reshape(len(sentences), width)

        document_frequency = (counts > 0).sum(axis=0)
        idf = np.log((len(sentences) + 1) / (document_frequency + 0.5))
        vectors = _unit_rows(counts * idf)
        centrality = vectors @ _unit(vectors.sum(axis=0))

        # TextRank's edge weight: shared words over the sum of the log lengths. On an undirected
        # graph its PageRank is proportional to the weighted degree, so no power iteration.
        log_lengths = np.log(np.maximum(counts.sum(axis=1), 1.0))
        overlap = (counts @ counts.T) / np.maximum(log_lengths[:, None] + log_lengths[None, :], 1.0)
        degree = overlap.sum(axis=1)
        degree /= degree.max() or 1.0

        title_vector = np.zeros(counts.shape[1])
        for heading in headings:
            for term in self._terms(heading.words):
                if term in vocabulary:
                    title_vector[vocabulary[term]] = idf[vocabulary[term]]
        title_similarity = vectors @ _unit(title_vector)

        position = 1.0 / (1.0 + np.arange(len(sentences))) ** weights.position_decay
        lead = np.zeros(len(sentences))
        lead[:lead_sentences] = weights.lead
        lengths = np.array([len(sentence.words) for sentence in sentences], dtype=float)
        capped = np.minimum(lengths, weights.long_words)
        length_factor = (
            np.minimum(1.0, lengths / weights.short_words)
            * capped**weights.length_exponent
            * (capped / np.maximum(lengths, 1.0))
        )
        quotation_factor = np.array([self._quotation_factor(str(s)) for s in sentences])
        score = (
            weights.centrality * centrality
            + weights.overlap * degree
            + weights.title * title_similarity
            + weights.position * position
            + lead
        )
        result: np.ndarray = score * length_factor * quotation_factor
        return result

    def _quotation_factor(self, sentence: str) -> float:
        factor = self.weights.quotation if _mostly_quoted(sentence) else 1.0
        if _has_unbalanced_quotes(sentence):
            factor *= self.weights.unbalanced_quotes
        return factor

    def _terms(self, words: Iterable[str]) -> list[str]:
        """Stems of the words that are not stop words (memoised: news reuses its words)."""
        cache = self._term_cache
        if len(cache) > _TERM_CACHE_SIZE:
            cache.clear()
        terms = []
        for word in words:
            term = cache.get(word)
            if term is None:
                lowered = word.lower()
                term = cache[word] = "" if lowered in self._stop_words else self._stem(lowered)
            if term:
                terms.append(term)
        return terms


def _unit(vector: np.ndarray) -> np.ndarray:
    import numpy as np

    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    import numpy as np

    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    result: np.ndarray = matrix / np.where(norms == 0.0, 1.0, norms)
    return result


def _mostly_quoted(sentence: str) -> bool:
    quoted = sum(len(match) for match in _QUOTED.findall(sentence))
    return quoted >= 0.6 * len(sentence)


def _has_unbalanced_quotes(sentence: str) -> bool:
    """Whether an opening « or “ lacks its closing mark, or the reverse (or a lone ``"``)."""
    return (
        sentence.count("«") != sentence.count("»")
        or sentence.count("“") != sentence.count("”")
        or sentence.count('"') % 2 == 1
    )


def _build_lead_aware(tools: LanguageTools, bonus_words: frozenset[str]) -> LeadAwareSummarizer:
    return LeadAwareSummarizer(tools.stem, tools.stop_words)


ALGORITHMS: Mapping[str, Algorithm] = MappingProxyType(
    {
        algorithm.name: algorithm
        for algorithm in (
            Algorithm(
                DEFAULT_ALGORITHM,
                "position-aware TF-IDF centrality tuned for news and press releases (default)",
                _build_lead_aware,
            ),
            Algorithm(
                "lexrank",
                "sumy LexRank: sentence graph centrality",
                _sumy_builder("lex_rank", "LexRankSummarizer"),
            ),
            Algorithm(
                "lsa", "sumy LSA: latent semantic analysis", _sumy_builder("lsa", "LsaSummarizer")
            ),
            Algorithm(
                "textrank",
                "sumy TextRank: word-overlap graph",
                _sumy_builder("text_rank", "TextRankSummarizer"),
            ),
            Algorithm(
                "luhn",
                "sumy Luhn: clusters of significant words",
                _sumy_builder("luhn", "LuhnSummarizer"),
            ),
            Algorithm(
                "edmundson",
                "sumy Edmundson: cue (glossary) words, title and location",
                _build_edmundson,
                uses_bonus_words=True,
            ),
            Algorithm(
                "sumbasic",
                "sumy SumBasic: word probabilities",
                _sumy_builder("sum_basic", "SumBasicSummarizer"),
            ),
            Algorithm(
                "kl",
                "sumy KL-Sum: divergence from the document's word distribution",
                _sumy_builder("kl", "KLSummarizer"),
            ),
        )
    }
)
