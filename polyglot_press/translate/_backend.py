"""The seam between the engine and a decoder: what a translation backend must provide.

A backend loads a package into a :class:`LoadedModel`, which knows its subword
:class:`~polyglot_press.translate.SubwordTokenizer` and translates batches of token sequences
into n-best :class:`Hypothesis` lists (a :class:`ParallelModel` also takes several batches at
once). :class:`~polyglot_press.translate.CTranslate2Backend`
is the real one; ``polyglot_press.testing.FakeBackend`` implements the same protocol for tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from polyglot_press.packages import InstalledPackage


@dataclass(frozen=True, slots=True)
class DecodeRequest:
    """Decoding settings for one batch.

    ``num_hypotheses`` hypotheses come back per sentence, best first; with ``return_attention``
    each carries, for every target token, its attention over the source tokens.
    """

    beam_size: int
    max_decoding_length: int
    num_hypotheses: int = 1
    return_attention: bool = False
    length_penalty: float = 0.2
    replace_unknowns: bool = True
    no_repeat_ngram_size: int = 0
    repetition_penalty: float = 1.0


@dataclass(frozen=True, slots=True)
class Hypothesis:
    """One translation of a token sequence.

    ``tokens`` exclude any target prefix. ``attention[i][j]`` is how much target token ``i``
    attends to source token ``j`` (empty when not requested).
    """

    tokens: tuple[str, ...]
    score: float | None = None
    attention: Sequence[Sequence[float]] = ()


class SubwordTokenizer(Protocol):
    """Turns text into the model's subword tokens and back."""

    def encode(self, text: str) -> list[str]: ...

    def decode(self, tokens: Sequence[str]) -> str: ...


class LoadedModel(Protocol):
    """A package ready to translate."""

    @property
    def tokenizer(self) -> SubwordTokenizer: ...

    def translate_batch(
        self, batch: Sequence[Sequence[str]], request: DecodeRequest
    ) -> list[list[Hypothesis]]:
        """One n-best list per token sequence, in order."""
        ...


@runtime_checkable
class ParallelModel(LoadedModel, Protocol):
    """A loaded model that can decode several batches at once; the engine then submits all
    batches of a call together (CTranslate2 spreads them over ``inter_threads`` replicas)."""

    def translate_batches(
        self, jobs: Sequence[tuple[Sequence[Sequence[str]], DecodeRequest]]
    ) -> list[list[list[Hypothesis]]]:
        """For each (batch, request) job, what :meth:`translate_batch` would return."""
        ...


class TranslationBackend(Protocol):
    """Loads packages. Raises :class:`~polyglot_press.errors.ModelError` when it cannot."""

    def load(self, package: InstalledPackage) -> LoadedModel: ...
