"""What detection says about a text: :class:`LanguageGuess`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

# Re-exported: routing speaks in the codes of the one table of languages.
from polyglot_press._languages import ROUTED_LANGUAGES as ROUTED_LANGUAGES
from polyglot_press._languages import UNDETERMINED as UNDETERMINED

#: Below this many letters a text is too short to judge and inherits the caller's default.
MIN_LETTERS = 20

#: langdetect and function words look at most this many characters.
MAX_DETECTION_CHARS = 3000

Basis = Literal["script", "model", "inherited", "none"]


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """The language of a text.

    ``code`` is an ISO 639-1 code, or ``"und"`` when the language cannot be determined.
    ``confidence`` is in [0, 1]; ``reliable`` says whether to act on ``code`` without a
    fallback. ``basis`` says what decided: the writing system, the n-gram model, the
    caller's default (text too short), or nothing (no letters).
    """

    code: str
    confidence: float
    reliable: bool
    basis: Basis

    def to_dict(self) -> dict[str, Any]:
        return {
            "language": self.code,
            "confidence": round(self.confidence, 4),
            "reliable": self.reliable,
            "basis": self.basis,
        }
