"""Sentences worth an editor's look: how the engine got them (``path``) and what the checks
flagged in them (``flags``: ``untranslated``, ``wrong_language``, ``omission`` …)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from polyglot_press.checks import FAILING_CODES, FLAG_ADVICE
from polyglot_press.report._marks import Flag

if TYPE_CHECKING:
    from polyglot_press.pipeline import SentenceJSON

#: Sentence paths worth an editor's look: the short label and what happened.
FLAGGED_PATHS = {
    "failed": ("Not translated", "nothing usable was decoded; the sentence is kept as written"),
    "not_met": ("Term not placed", "a protected term, number or name is missing from it"),
    "fallback": ("Stitched", "translated piece by piece between protected terms; check it reads"),
    "aligned": ("Repaired", "a dropped term, number or name was put back where the model left it"),
    "nbest": ("Repaired", "another of the model's candidates was taken to keep every term"),
}
_ADVICE: dict[str, str] = {str(code): advice for code, advice in FLAG_ADVICE.items()}
_FAILED_CHECK = ("Not translated", "the checks found that the output is no translation")
_CHECKED = ("Check", "the checks flagged this sentence")


def is_flagged(sentence: SentenceJSON) -> bool:
    """Whether the sentence needs a look: a path worth one, or any check's flag."""
    return sentence["path"] in FLAGGED_PATHS or bool(sentence["flags"])


def is_failed(sentence: SentenceJSON) -> bool:
    """Whether the sentence counts as not translated: the engine failed, or a check found
    the output untranslated or in the wrong language."""
    return sentence["path"] == "failed" or any(
        flag["code"] in FAILING_CODES for flag in sentence["flags"]
    )


def sentence_flag(sentence: SentenceJSON, start: int, end: int) -> Flag:
    """The page's flag over ``[start, end)`` of a cell's text, with the sentence's checks."""
    if sentence["path"] in FLAGGED_PATHS:
        label, reason = FLAGGED_PATHS[sentence["path"]]
    else:
        label, reason = _FAILED_CHECK if is_failed(sentence) else _CHECKED
    if sentence["error"]:
        reason = f"{reason} ({sentence['error']})"
    if sentence["from_memory"]:
        reason = f"{reason}; read back from the translation memory"
    checks = tuple(
        (flag["code"], flag["message"], _ADVICE.get(flag["code"], "")) for flag in sentence["flags"]
    )
    return Flag(start, end, sentence["path"], label, reason, checks)


def brief_sentence(
    sentences: Sequence[SentenceJSON], lang: str | None, text: str
) -> SentenceJSON | None:
    """The flagged record of a brief sentence in ``lang`` that reads ``text``, if any."""
    wanted = text.strip()
    for sentence in sentences:
        if (
            sentence["block"] is None
            and sentence["target_lang"] == lang
            and wanted
            and (sentence["text"] or sentence["source"]).strip() == wanted
            and is_flagged(sentence)
        ):
            return sentence
    return None
