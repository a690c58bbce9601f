"""Judging one sentence: which language is it in, and is it in the one it should be?

Used on translations' output sentences (the ``wrong_language`` check), so it must be right on
a single short sentence and fast: it is :func:`detect_language` without a fallback, plus the
writing system for Korean.
"""

from __future__ import annotations

from polyglot_press.language._detect import detect_language
from polyglot_press.language._guess import ROUTED_LANGUAGES, UNDETERMINED
from polyglot_press.language._scripts import script_counts

#: Share of the letters that must be Hangul for a text to be Korean (as in detection).
HANGUL_SHARE = 0.3


def detect_sentence(text: str) -> tuple[str, float]:
    """The language of one sentence and the detector's confidence in it, in [0, 1].

    The code is ``"fr"``, ``"en"``, ``"ko"``, another ISO 639-1 code, or ``"und"`` when the
    text has no letters or cannot be placed (a name alone, a list of figures). Korean is
    decided by script: its confidence is the share of Hangul among the letters.
    """
    guess = detect_language(text)
    return guess.code, guess.confidence


def sentence_in_language(text: str, lang: str) -> tuple[bool, float]:
    """Whether ``text`` is in ``lang``, and how sure that verdict is, in [0, 1].

    ``(False, c)`` means the text was judged to be in another language; ``c`` is the
    detector's confidence in that other language (for an expected ``"ko"``: 1 minus the share
    of Hangul relative to :data:`HANGUL_SHARE`, so a line with no Hangul at all gets 1.0).
    ``(True, c)`` gives the confidence that it is in ``lang``. A text with nothing to judge
    (no letters, a language the detector cannot determine, or an unreliable guess at a
    language other than English, French and Korean: names, figures) is not shown to be in
    another language: ``(True, 0.0)``.
    """
    scripts = script_counts(text)
    letters = sum(scripts.values())
    if not letters:
        return True, 0.0
    if lang == "ko":
        hangul = scripts["HANGUL"] / letters
        if hangul >= HANGUL_SHARE:
            return True, hangul
        return False, 1.0 - hangul / HANGUL_SHARE
    guess = detect_language(text)
    if guess.code == UNDETERMINED or (
        not guess.reliable and guess.code not in ROUTED_LANGUAGES and guess.code != lang
    ):
        # langdetect names some language for any few letters ("Renault Trafic" comes out
        # Romanian): only a reliable verdict, or English, French or Korean, says "another".
        return True, 0.0
    return guess.code == lang, guess.confidence
