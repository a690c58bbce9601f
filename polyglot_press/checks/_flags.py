"""What a check reports: a flag on one translated sentence, and what an editor does about it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["FAILING_CODES", "FLAG_ADVICE", "FLAG_CODES", "Flag", "FlagCode"]

FlagCode = Literal[
    "untranslated",
    "wrong_language",
    "omission",
    "addition",
    "repetition",
    "low_confidence",
    "name_missing",
    "number_missing",
    "contact_missing",
    "term_missing",
    "date_mismatch",
]

#: Every code, with what an editor should do about a sentence that carries it.
FLAG_ADVICE: dict[FlagCode, str] = {
    "untranslated": "the output is mostly the source text: translate the sentence by hand",
    "wrong_language": "the output is not in the target language: translate the sentence by hand",
    "omission": "the output is much shorter than translations of such a sentence usually are: "
    "check that nothing was left out",
    "addition": "the output is much longer than translations of such a sentence usually are: "
    "check for invented or repeated content",
    "repetition": "the output repeats words in a loop: rewrite the sentence",
    "low_confidence": "the model itself scored this translation low: read it against the source",
    "name_missing": "a name of the source is not in the output: check that it is there, "
    "spelled as in the source",
    "number_missing": "a number of the source is not in the output: check the figures",
    "contact_missing": "an e-mail, URL or phone number of the source is not in the output "
    "verbatim: copy it from the source",
    "term_missing": "a glossary term's translation is not in the output: check the wording",
    "date_mismatch": "a date of the source is not in the output as expected: check the date",
}
FLAG_CODES: tuple[FlagCode, ...] = tuple(FLAG_ADVICE)

#: Codes that make a sentence count as not translated at all.
FAILING_CODES: frozenset[FlagCode] = frozenset({"untranslated", "wrong_language"})


@dataclass(frozen=True, slots=True)
class Flag:
    """One problem a check found in one translated sentence.

    ``code`` is one of :data:`FLAG_CODES`; ``message`` says what was found, in words an editor
    can act on (see :data:`FLAG_ADVICE` for what to do).
    """

    code: FlagCode
    message: str

    @property
    def fails(self) -> bool:
        """The sentence is not a translation at all (it counts as failed)."""
        return self.code in FAILING_CODES

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Flag:
        code = str(data.get("code", ""))
        if code not in FLAG_ADVICE:
            raise ValueError(f"unknown flag code {code!r}; known: {', '.join(FLAG_CODES)}")
        return cls(code, str(data.get("message", "")))
