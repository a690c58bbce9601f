"""Detecting the language of one text."""

from __future__ import annotations

from collections import Counter

from polyglot_press.language._guess import (
    MAX_DETECTION_CHARS,
    MIN_LETTERS,
    UNDETERMINED,
    LanguageGuess,
)
from polyglot_press.language._latin import LATIN_CANDIDATES, latin_verdict
from polyglot_press.language._ngrams import ngram_model
from polyglot_press.language._scripts import (
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
        # A confident verdict stands alone, even on a heading; on a sentence-long text the
        # n-gram profiles agreeing with the lexicons is enough (the model's probability,
        # fitted on short sentences, undersells long ones).
        reliable = verdict.probability >= RELIABLE_PROBABILITY or (
            long_enough and verdict.closest == verdict.lang
        )
        return LanguageGuess(verdict.lang, verdict.probability, reliable, "model")
    # Neither English nor French: the closest langdetect profile names the language, unless
    # that is English or French itself (a text the model could not place).
    if not verdict.closest or verdict.closest in LATIN_CANDIDATES:
        return LanguageGuess(UNDETERMINED, 1.0 - verdict.probability, False, "model")
    confidence = 1.0 - verdict.probability
    reliable = long_enough and confidence >= RELIABLE_PROBABILITY
    return LanguageGuess(verdict.closest, confidence, reliable, "model")


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
        scores = ngram_model(SCRIPT_PROFILES[script]).scores(text[:MAX_DETECTION_CHARS], ())
        if not scores.best:
            return LanguageGuess(UNDETERMINED, 0.0, False, "model")
        return LanguageGuess(scores.best, share, long_enough, "model")
    return LanguageGuess(UNDETERMINED, 0.0, False, "script")
