"""What the engine takes and returns: sentences with spans, and their translations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from polyglot_press.text import Span

#: How a sentence's constraints (spans) were met:
#:
#: ``as_is``    the model's best translation already held every span (or there were none);
#: ``nbest``    another of the beam's hypotheses held them all and was taken instead;
#: ``aligned``  the target words aligned (by attention) to a missing span were replaced by it;
#: ``fallback`` the text between spans was translated piece by piece and stitched together;
#: ``not_met``  some span could not be placed (never stitched for a verb-final target);
#: ``failed``   nothing usable was decoded: the text is the source and ``error`` says why;
#: ``memory``   the translation was read back from the translation memory.
Enforcement = Literal["as_is", "nbest", "aligned", "fallback", "not_met", "failed", "memory"]

ENFORCEMENT_PATHS: tuple[Enforcement, ...] = (
    "as_is",
    "nbest",
    "aligned",
    "fallback",
    "not_met",
    "failed",
    "memory",
)


@dataclass(frozen=True, slots=True)
class SourceSentence:
    """One sentence to translate, with the spans (offsets into ``text``) to enforce."""

    text: str
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class SentenceTranslation:
    """The translation of one :class:`SourceSentence`.

    ``spans`` locate the enforced spans in ``text`` (``replacement`` is the text found there,
    which for a number may be a target-language rendering such as ``30만``). ``enforcement``
    says how they were met (see :data:`Enforcement`); ``missing`` lists the replacements that
    could not be placed. With ``error`` set, ``text`` is the untranslated source. ``score`` is
    the model's score of the chosen hypothesis (higher is better; ``None`` when nothing was
    decoded). ``missing_kinds`` gives the span kind of each ``missing`` entry (when known).
    ``from_memory``: read back from the translation memory (``enforcement`` is then the path
    it took when it was translated).
    """

    source: str
    text: str
    enforcement: Enforcement
    spans: tuple[Span, ...] = ()
    score: float | None = None
    warning: str | None = None
    error: str | None = None
    missing: tuple[str, ...] = ()
    from_memory: bool = False
    missing_kinds: tuple[str, ...] = ()

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

    def enforcement_counts(self) -> dict[Enforcement, int]:
        """How many sentences met their constraints each way (every path, zeros included)."""
        counts = dict.fromkeys(ENFORCEMENT_PATHS, 0)
        for sentence in self.sentences:
            counts[sentence.enforcement] += 1
        return counts
