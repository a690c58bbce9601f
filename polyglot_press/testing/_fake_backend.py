"""A translation backend for tests: a Python function instead of a model.

:class:`FakeBackend` implements :class:`polyglot_press.translate.TranslationBackend`, so tests
build a real :class:`~polyglot_press.translate.TranslationEngine` with it and never patch
CTranslate2 or private functions::

    backend = FakeBackend(lambda text: text.upper())
    engine = TranslationEngine(backend=backend)

Tokens are whitespace-separated words written as SentencePiece pieces (``▁word``); attention is
diagonal (target word ``i`` attends to source word ``i``, or the last one), as a model that
translates word for word would give.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from polyglot_press.translate import DecodeRequest, Hypothesis

if TYPE_CHECKING:
    from polyglot_press.packages import InstalledPackage

TranslateFunction = Callable[[str], "str | Sequence[str]"]

_SPACE = "▁"


class FakeTokenizer:
    """Whitespace words as ``▁word`` pieces; decoding joins them back."""

    family = "sentencepiece"

    def encode(self, text: str) -> list[str]:
        return [_SPACE + word for word in text.split()]

    def decode(self, tokens: Sequence[str]) -> str:
        return "".join(tokens).replace(_SPACE, " ").strip()


class FakeModel:
    """What :meth:`FakeBackend.load` returns; records every sentence it decodes."""

    def __init__(self, backend: FakeBackend, package: InstalledPackage) -> None:
        self.package = package
        self._backend = backend
        self._tokenizer = FakeTokenizer()

    @property
    def tokenizer(self) -> FakeTokenizer:
        return self._tokenizer

    def translate_batches(
        self, jobs: Sequence[tuple[Sequence[Sequence[str]], DecodeRequest]]
    ) -> list[list[list[Hypothesis]]]:
        return [self.translate_batch(batch, request) for batch, request in jobs]

    def translate_batch(
        self, batch: Sequence[Sequence[str]], request: DecodeRequest
    ) -> list[list[Hypothesis]]:
        self._backend.requests.append(request)
        results = []
        for source_tokens in batch:
            source = self._tokenizer.decode(source_tokens)
            self._backend.decoded.append(source)
            outputs = self._backend.translate(source)
            texts = [outputs] if isinstance(outputs, str) else list(outputs)
            hypotheses = []
            for rank, text in enumerate(texts[: max(1, request.num_hypotheses)]):
                tokens = tuple(self._tokenizer.encode(text))
                attention = _diagonal(len(tokens), len(source_tokens))
                hypotheses.append(
                    Hypothesis(
                        tokens[: request.max_decoding_length],
                        -0.1 * (rank + 1),
                        attention if request.return_attention and self._backend.attention else (),
                    )
                )
            results.append(hypotheses)
        return results


class FakeBackend:
    """Translates with ``translate`` (text → text, or an n-best list, best first).

    The default copies its input, like a model that keeps every span. ``attention=False``
    returns no attention, so in-place repair cannot align. ``decoded`` lists every sentence
    decoded, in order, and ``requests`` every :class:`~polyglot_press.translate.DecodeRequest`,
    so tests can check what was decoded how many times.
    """

    def __init__(
        self, translate: TranslateFunction | None = None, *, attention: bool = True
    ) -> None:
        self.translate: TranslateFunction = translate or (lambda text: text)
        self.attention = attention
        self.decoded: list[str] = []
        self.requests: list[DecodeRequest] = []
        self.loaded: list[InstalledPackage] = []

    def load(self, package: InstalledPackage) -> FakeModel:
        self.loaded.append(package)
        return FakeModel(self, package)


def _diagonal(target_length: int, source_length: int) -> tuple[tuple[float, ...], ...]:
    rows = []
    for i in range(target_length):
        row = [0.0] * max(source_length, 1)
        row[min(i, len(row) - 1)] = 1.0
        rows.append(tuple(row))
    return tuple(rows)
