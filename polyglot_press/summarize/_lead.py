"""``lead-aware``, the default summariser: the lead of a story, checked against its content.

News and press releases say what happened first, so the opening sentences of the body are
favoured; the favour decays with position and is earned only by prose: a photo caption, a
quotation or a fragment cut by the sentence splitter is demoted and does not use up a lead
position. Centrality (TF-IDF similarity to the whole text, word-overlap degree, similarity to
the title) decides among the rest, which lets a central sentence displace a weak lead one.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Any

from polyglot_press.summarize._cleanup import caption_likeness
from polyglot_press.summarize._selection import RankedSentence, SentenceCount, pick

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True, slots=True)
class LeadAwareWeights:
    """Weights of :class:`LeadAwareSummarizer`.

    The lead terms were tuned on 50 CNN/DailyMail training articles and 300 BBC articles, and
    checked on 50 other CNN/DailyMail articles, 300 other BBC articles and French automotive
    news (see ``benchmarks/bench_summarize.py``). The paragraph-lead and quotation terms are
    product choices for press releases, which put the news in their first paragraph and whose
    quoted statements rarely carry the facts.
    """

    #: Cosine between a sentence's TF-IDF vector and the document's.
    centrality: float = 1.0
    #: Word-overlap degree: TextRank's stationary score in closed form, scaled to at most 1.
    overlap: float = 2.0
    #: Cosine between a sentence's TF-IDF vector and the title's.
    title: float = 0.5
    #: Lead prior ``position / (1 + prose_index) ** position_decay``, where ``prose_index``
    #: counts the prose sentences (not captions) before this one.
    position: float = 6.0
    position_decay: float = 0.5
    #: Added to the sentences of the first paragraph when there are several paragraphs: the
    #: lead of a release says what happened.
    lead: float = 0.8
    #: Sentences shorter than this many words are scaled down in proportion.
    short_words: int = 12
    #: The score scales as ``words ** length_exponent``: below zero, of two sentences that
    #: rank alike the shorter one wins, since a brief is read (and scored) per word ...
    length_exponent: float = -0.25
    #: ... up to this many words; longer ones (often run-ons or lists) are scaled down.
    long_words: int = 100
    #: A sentence's score is scaled by ``1 - caption * caption_likeness``.
    caption: float = 0.95
    #: Factor for a question or a sentence opening on a conjunction ("But ...", "Or ..."):
    #: a story's hook or a reply to the sentence before it, not a fact that stands alone.
    dependent: float = 0.5
    #: Factor for a sentence that is mostly a quotation.
    quotation: float = 0.8
    #: Factor for a sentence with unbalanced quotation marks: a piece of a quotation that the
    #: sentence splitter cut, which reads badly out of context.
    unbalanced_quotes: float = 0.6


@dataclass(frozen=True, slots=True)
class SentenceFeatures:
    """What :class:`LeadAwareSummarizer` knows of each sentence, one array entry per sentence."""

    centrality: np.ndarray
    overlap: np.ndarray
    title: np.ndarray
    #: Number of words (tokenizer words, numbers and punctuation excluded).
    words: np.ndarray
    caption: np.ndarray
    mostly_quoted: np.ndarray
    unbalanced_quotes: np.ndarray
    dependent: np.ndarray


_TERM_CACHE_SIZE = 200_000
# Rows of the sentence-overlap matrix computed at once (see ``_overlap_degree``).
_OVERLAP_ROWS = 256
# A quotation runs to its closing mark or, when a sentence splitter cut it, to the sentence end.
_QUOTE_MARK = re.compile(r"[\"“”«»„]")
_QUOTED = re.compile(r"[\"“«„].*?(?:[\"”»“]|$)", re.DOTALL)
# A question, or an opening conjunction that leans on the sentence before.
_CONJUNCTION = re.compile(r"(?:But|And|Or|So|Yet|Because|Mais|Et|Or|Donc|Car|Pourtant)\b")
_CLOSING_MARKS = "\"'”’») "
# Below this caption likeness a sentence counts as prose for the lead prior.
_PROSE_LIKENESS = 0.5


class LeadAwareSummarizer:
    """Lead prior plus centrality, scaled by length, caption and quotation factors.

    ``score = (centrality + overlap + title + position + lead) x length x caption x quotation``
    with the terms described in :class:`LeadAwareWeights`. Pure numpy over the words of sumy's
    document model: about 10x faster than sumy's LexRank.
    """

    def __init__(
        self,
        stem: Callable[[str], str],
        stop_words: Collection[str],
        weights: LeadAwareWeights | None = None,
    ) -> None:
        self._stem = stem
        self._stop_words = frozenset(stop_words)
        self._term_ids = _TermIds(stem, self._stop_words)
        self._terms_lock = threading.Lock()
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
        return pick(ranked, sentences_count)

    def rate(
        self, sentences: Sequence[Any], headings: Sequence[Any] = (), lead_sentences: int = 0
    ) -> np.ndarray:
        """Scores of ``sentences`` (sumy ``Sentence`` objects), higher is better.

        ``headings`` are the title's sentences; the first ``lead_sentences`` sentences form the
        lead paragraph.
        """
        return combine(self.features(sentences, headings), self.weights, lead_sentences)

    def features(self, sentences: Sequence[Any], headings: Sequence[Any] = ()) -> SentenceFeatures:
        """The weight-independent measurements :func:`combine` scores from."""
        import numpy as np

        terms = self._terms_for_call()
        counts, columns = _term_counts([terms.ids(sentence.words) for sentence in sentences])
        document_frequency = (counts > 0).sum(axis=0)
        idf = np.log((len(sentences) + 1) / (document_frequency + 0.5))
        vectors = _unit_rows(counts * idf)

        # TextRank's edge weight: shared words over the sum of the log lengths. On an undirected
        # graph its PageRank is proportional to the weighted degree, so no power iteration.
        log_lengths = np.log(np.maximum(counts.sum(axis=1), 1.0))
        degree = _overlap_degree(counts, log_lengths)
        degree /= degree.max() or 1.0

        title_vector = np.zeros(counts.shape[1])
        heading_ids = [i for heading in headings for i in terms.ids(heading.words) if i >= 0]
        if heading_ids and len(columns):
            wanted = np.asarray(heading_ids, dtype=np.intp)
            found = np.minimum(np.searchsorted(columns, wanted), len(columns) - 1)
            found = found[columns[found] == wanted]
            title_vector[found] = idf[found]
        texts = [str(sentence) for sentence in sentences]
        return SentenceFeatures(
            centrality=vectors @ _unit(vectors.sum(axis=0)),
            overlap=degree,
            title=vectors @ _unit(title_vector),
            words=np.array([len(sentence.words) for sentence in sentences], dtype=float),
            caption=np.array([caption_likeness(text) for text in texts]),
            mostly_quoted=np.array([_mostly_quoted(text) for text in texts]),
            unbalanced_quotes=np.array([_has_unbalanced_quotes(text) for text in texts]),
            dependent=np.array([_is_dependent(text) for text in texts]),
        )

    def _terms_for_call(self) -> _TermIds:
        """The term numbering for one call, renewed when it grows too large.

        A call keeps the numbering it started with, so a renewal by another thread cannot mix
        two numberings in one document.
        """
        with self._terms_lock:
            if len(self._term_ids) > _TERM_CACHE_SIZE:
                self._term_ids = _TermIds(self._stem, self._stop_words)
            return self._term_ids


class _TermIds:
    """Numbers the stems of words, stop words as -1 (memoised: news reuses its words)."""

    def __init__(self, stem: Callable[[str], str], stop_words: frozenset[str]) -> None:
        self._stem = stem
        self._stop_words = stop_words
        self._by_word: dict[str, int] = {}
        self._by_stem: dict[str, int] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._by_word)

    def ids(self, words: Sequence[str]) -> list[int]:
        by_word = self._by_word
        try:
            return [by_word[word] for word in words]
        except KeyError:
            with self._lock:  # numbering new stems must not race
                for word in words:
                    if word not in by_word:
                        lowered = word.lower()
                        if lowered in self._stop_words:
                            by_word[word] = -1
                        else:
                            stem = self._stem(lowered)
                            by_word[word] = self._by_stem.setdefault(stem, len(self._by_stem))
            return [by_word[word] for word in words]


def _term_counts(ids: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    """A sentences x terms matrix of counts from term ids, and the term id of each column."""
    import numpy as np

    lengths = [len(row) for row in ids]
    flat = np.fromiter(chain.from_iterable(ids), dtype=np.intp, count=sum(lengths))
    rows = np.repeat(np.arange(len(ids)), lengths)
    kept = flat >= 0
    columns, column_of = np.unique(flat[kept], return_inverse=True)
    width = max(len(columns), 1)
    cells = rows[kept] * width + column_of
    counts = np.bincount(cells, minlength=len(ids) * width).astype(float)
    return counts.reshape(len(ids), width), columns


def _overlap_degree(counts: np.ndarray, log_lengths: np.ndarray) -> np.ndarray:
    """Each sentence's summed word overlap with every sentence, ``_OVERLAP_ROWS`` rows at a time.

    The full sentences x sentences matrix is never built: memory stays at ``_OVERLAP_ROWS``
    rows whatever the number of sentences (the API caps candidates; direct callers may not).
    """
    import numpy as np

    degree = np.empty(counts.shape[0])
    for start in range(0, counts.shape[0], _OVERLAP_ROWS):
        stop = start + _OVERLAP_ROWS
        shared = counts[start:stop] @ counts.T
        scale = np.maximum(log_lengths[start:stop, None] + log_lengths[None, :], 1.0)
        degree[start:stop] = (shared / scale).sum(axis=1)
    return degree


def combine(
    features: SentenceFeatures, weights: LeadAwareWeights, lead_sentences: int = 0
) -> np.ndarray:
    """Scores from ``features`` under ``weights`` (see :class:`LeadAwareSummarizer`)."""
    import numpy as np

    prose = features.caption < _PROSE_LIKENESS
    prose_index: np.ndarray = np.cumsum(prose) - prose  # prose sentences before each one
    position = weights.position / (1.0 + prose_index) ** weights.position_decay
    lead = np.zeros(len(features.words))
    lead[:lead_sentences] = weights.lead
    lengths = features.words
    capped = np.minimum(lengths, weights.long_words)
    length_factor = (
        np.minimum(1.0, lengths / weights.short_words)
        * capped**weights.length_exponent
        * (capped / np.maximum(lengths, 1.0))
    )
    quotation_factor = np.where(features.mostly_quoted, weights.quotation, 1.0) * np.where(
        features.unbalanced_quotes, weights.unbalanced_quotes, 1.0
    )
    caption_factor = 1.0 - weights.caption * features.caption
    caption_factor *= np.where(features.dependent, weights.dependent, 1.0)
    score = (
        weights.centrality * features.centrality
        + weights.overlap * features.overlap
        + weights.title * features.title
        + np.where(prose, position, 0.0)
        + lead
    )
    result: np.ndarray = score * length_factor * quotation_factor * caption_factor
    return result


def _unit(vector: np.ndarray) -> np.ndarray:
    import numpy as np

    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    import numpy as np

    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    result: np.ndarray = matrix / np.where(norms == 0.0, 1.0, norms)
    return result


def _is_dependent(sentence: str) -> bool:
    """A question, or a sentence opening on a conjunction that leans on the one before."""
    return sentence.rstrip(_CLOSING_MARKS).endswith("?") or _CONJUNCTION.match(sentence) is not None


def _mostly_quoted(sentence: str) -> bool:
    if _QUOTE_MARK.search(sentence) is None:
        return False
    quoted = sum(len(match) for match in _QUOTED.findall(sentence))
    return quoted >= 0.6 * len(sentence)


def _has_unbalanced_quotes(sentence: str) -> bool:
    """Whether an opening « or “ lacks its closing mark, or the reverse (or a lone ``"``)."""
    return _QUOTE_MARK.search(sentence) is not None and (
        sentence.count("«") != sentence.count("»")
        or sentence.count("“") != sentence.count("”")
        or sentence.count('"') % 2 == 1
    )
