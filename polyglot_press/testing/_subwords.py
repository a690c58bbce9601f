"""Subword models for the fixtures, made the way the real packages' were made.

* OPUS-MT BPE: Moses punctuation normalisation and tokenisation (sacremoses, as argostranslate
  runs it), then subword-nmt BPE codes (``#version: 0.2``, ``</w>`` end-of-word marker) learned
  separately on each side; only the source codes ship, as ``bpe.model``.
* OPUS-MT SentencePiece: one unigram model per side; only the source one ships.
* argos-train: one joint unigram model, ``character_coverage=0.9995``.

No model has byte fallback, so characters outside the training text are ``<unk>``.
"""

from __future__ import annotations

import heapq
import io
import itertools
from collections import Counter
from collections.abc import Iterable, Sequence

_END_OF_WORD = "</w>"


def moses_tokenize(texts: Iterable[str], lang: str) -> list[list[str]]:
    """Normalise and tokenise like ``argostranslate.tokenizer.BPETokenizer.encode``."""
    from sacremoses.normalize import MosesPunctNormalizer
    from sacremoses.tokenize import MosesTokenizer

    normalizer = MosesPunctNormalizer(lang)
    tokenizer = MosesTokenizer(lang)
    return [tokenizer.tokenize(normalizer.normalize(text)) for text in texts]


def learn_bpe(tokenized: Iterable[Sequence[str]], merges: int) -> str:
    """subword-nmt BPE codes (version 0.2) for the words in ``tokenized``.

    The classic algorithm: start from characters (the last one marked ``</w>``) and merge the
    most frequent adjacent pair, ``merges`` times, stopping when no pair occurs twice; ties go
    to the smallest pair, so the same text always gives the same codes. Pair counts are
    updated only for the words a merge touches, and the best pair comes from a heap, so
    base-size vocabularies learn in seconds.
    """
    frequencies = Counter(word for sentence in tokenized for word in sentence if word)
    vocabulary = sorted(frequencies)
    words = [(*word[:-1], word[-1] + _END_OF_WORD) for word in vocabulary]
    counts = [frequencies[word] for word in vocabulary]
    table = _PairTable()
    for index, symbols in enumerate(words):
        table.add(symbols, counts[index], index)
    lines = ["#version: 0.2"]
    for _ in range(merges):
        pair = table.most_frequent()
        if pair is None:
            break
        lines.append(f"{pair[0]} {pair[1]}")
        for index in table.words_with(pair):
            table.add(words[index], -counts[index], index)
            words[index] = _merge(words[index], pair)
            table.add(words[index], counts[index], index)
    return "\n".join(lines) + "\n"


class _PairTable:
    """Adjacent-pair counts, the words holding each pair, and a lazy max-heap of counts."""

    def __init__(self) -> None:
        self.counts: Counter[tuple[str, str]] = Counter()
        self.where: dict[tuple[str, str], set[int]] = {}
        self.heap: list[tuple[int, tuple[str, str]]] = []

    def add(self, symbols: tuple[str, ...], weight: int, index: int) -> None:
        for pair in set(itertools.pairwise(symbols)):
            occurrences = sum(1 for other in itertools.pairwise(symbols) if other == pair)
            self.counts[pair] += weight * occurrences
            if weight > 0:
                self.where.setdefault(pair, set()).add(index)
            heapq.heappush(self.heap, (-self.counts[pair], pair))

    def most_frequent(self) -> tuple[str, str] | None:
        """The most frequent pair seen at least twice (smallest on ties), or ``None``."""
        while self.heap:
            negative, pair = heapq.heappop(self.heap)
            if -negative == self.counts[pair]:  # else a stale entry
                return pair if -negative >= 2 else None
        return None

    def words_with(self, pair: tuple[str, str]) -> list[int]:
        self.counts.pop(pair, None)
        return sorted(self.where.pop(pair, set()))


def _merge(symbols: tuple[str, ...], pair: tuple[str, str]) -> tuple[str, ...]:
    merged: list[str] = []
    index = 0
    while index < len(symbols):
        if index + 1 < len(symbols) and (symbols[index], symbols[index + 1]) == pair:
            merged.append(symbols[index] + symbols[index + 1])
            index += 2
        else:
            merged.append(symbols[index])
            index += 1
    return tuple(merged)


def apply_bpe(codes: str, tokenized: Iterable[Sequence[str]]) -> list[list[str]]:
    """Segment Moses tokens with ``codes`` using argostranslate's own ``apply_bpe``."""
    from argostranslate.apply_bpe import BPE

    bpe = BPE(io.StringIO(codes))
    return [bpe.segment_tokens(list(sentence)) if sentence else [] for sentence in tokenized]


def bpe_alphabet(tokenized: Iterable[Sequence[str]]) -> list[str]:
    """Every single character as a word-final and a ``@@`` continuation token.

    subword-nmt falls back to characters for words its merges do not cover, and a Marian
    vocabulary built on the segmented training text holds every character seen in it.
    """
    characters = sorted({char for sentence in tokenized for word in sentence for char in word})
    return [*characters, *(f"{char}@@" for char in characters)]


def train_sentencepiece(
    texts: Iterable[str], *, vocab_size: int, character_coverage: float
) -> bytes:
    """A unigram SentencePiece model (no byte fallback), as bytes; deterministic."""
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter([text for text in texts if text.strip()]),
        model_writer=model,
        vocab_size=vocab_size,
        hard_vocab_limit=False,  # a small corpus cannot fill the vocabulary; take what fits
        character_coverage=character_coverage,
        byte_fallback=False,
        model_type="unigram",
        num_threads=1,  # multi-threaded training is not reproducible
        shuffle_input_sentence=False,
        minloglevel=2,
    )
    return model.getvalue()


def sentencepiece_encode(model: bytes, texts: Iterable[str]) -> list[list[str]]:
    """Pieces of each text, as argostranslate's ``SentencePieceTokenizer.encode`` gives them."""
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_proto=model)
    return [processor.encode(text, out_type=str) for text in texts]


def sentencepiece_pieces(model: bytes) -> list[str]:
    """The model's pieces in id order, without its control symbols."""
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_proto=model)
    return [
        processor.id_to_piece(i)
        for i in range(processor.get_piece_size())
        if not (processor.is_control(i) or processor.is_unknown(i))
    ]


def by_frequency(tokenized: Iterable[Sequence[str]], *extra: Iterable[str]) -> list[str]:
    """Tokens ordered like a vocabulary built from training text: most frequent first.

    Tokens from ``extra`` that never occur follow, in their given order.
    """
    counts = Counter(token for sentence in tokenized for token in sentence)
    ordered = [token for token, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    seen = set(ordered)
    for tokens in extra:
        for token in tokens:
            if token not in seen:
                seen.add(token)
                ordered.append(token)
    return ordered
