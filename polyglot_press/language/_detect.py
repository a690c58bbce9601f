"""Detecting the language of one text."""

from __future__ import annotations

from collections import Counter

from polyglot_press.language._guess import (
    MAX_DETECTION_CHARS,
    MIN_LETTERS,
    UNDETERMINED,
    LanguageGuess,
)
from polyglot_press.language._langdetect import model_guess
from polyglot_press.language._latin import LATIN_CANDIDATES, latin_verdict
from polyglot_press.language._scripts import (
    LATIN_PROFILES,
    SCRIPT_LANGUAGE,
    SCRIPT_PROFILES,
    script_counts,
)

#: A model verdict at least this probable is acted on alone; below it, a block inherits the
#: language of its document.
RELIABLE_PROBABILITY = 0.9


def detect_language(text: str, *, default: str | None = None) -> LanguageGuess:
    """Guess the language of ``text`` (plain text, no markup).

    Texts with fewer than :data:`MIN_LETTERS` letters return ``default`` (typically the
    document's language) with ``basis="inherited"`` when one is given. Hangul and other
    single-language scripts are decided by script. Latin text is English, French or another
    language by the model of :mod:`._latin` (lexicons, function words and langdetect's
    n-gram profiles); another language is named by langdetect (seeded). Returns code
    ``"und"`` when the language cannot be determined.
    """
    scripts = script_counts(text[:MAX_DETECTION_CHARS])
    letters = sum(scripts.values())
    if letters < MIN_LETTERS and default is not None:
        return LanguageGuess(default, 0.0, False, "inherited")
    if letters == 0:
        return LanguageGuess(UNDETERMINED, 0.0, False, "none")
    long_enough = letters >= MIN_LETTERS
    if scripts["HANGUL"] >= 0.3 * letters:
        return LanguageGuess("ko", scripts["HANGUL"] / letters, long_enough, "script")
    script, count = scripts.most_common(1)[0]
    if script != "LATIN":
        return _non_latin_guess(text, script, count / letters, scripts, long_enough)
    return _latin_guess(text[:MAX_DETECTION_CHARS], long_enough)


def _latin_guess(text: str, long_enough: bool) -> LanguageGuess:
    verdict = latin_verdict(text)
    if verdict.lang is not None:
        # The model is calibrated on sentences of a few words: a confident verdict on a
        # heading is as good as one on a paragraph.
        reliable = verdict.probability >= RELIABLE_PROBABILITY
        return LanguageGuess(verdict.lang, verdict.probability, reliable, "model")
    # Neither English nor French: langdetect names the language (one random walk suffices
    # to name it; routing only needs to know it is "other").
    code, probability = model_guess(text, LATIN_PROFILES, trials=1)
    if code in LATIN_CANDIDATES:
        return LanguageGuess(UNDETERMINED, 1.0 - verdict.probability, False, "model")
    return LanguageGuess(code, probability, long_enough and probability >= 0.8, "model")


def _non_latin_guess(
    text: str, script: str, share: float, scripts: Counter[str], long_enough: bool
) -> LanguageGuess:
    if script in ("CJK", "HIRAGANA", "KATAKANA"):
        kana = scripts["HIRAGANA"] + scripts["KATAKANA"]
        code = "ja" if kana >= 0.1 * (kana + scripts["CJK"]) else "zh"
        return LanguageGuess(code, share, long_enough, "script")
    if script in SCRIPT_LANGUAGE:
        return LanguageGuess(SCRIPT_LANGUAGE[script], share, long_enough, "script")
    if script in SCRIPT_PROFILES:
        code, probability = model_guess(text, SCRIPT_PROFILES[script])
        return LanguageGuess(code, probability * share, long_enough and probability >= 0.8, "model")
    return LanguageGuess(UNDETERMINED, 0.0, False, "script")
