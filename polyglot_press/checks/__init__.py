"""Reference-free checks of translated sentences: what an editor should look at.

Each check is one small function over a source sentence and its translation (:mod:`._checks`);
:func:`check_sentence` runs them all and returns the sentence's :class:`Flag` objects. A flag
never changes the translation: when in doubt, polyglot_press flags rather than edits.
``untranslated`` and ``wrong_language`` (:data:`FAILING_CODES`) make a sentence count as
failed. The omission/addition bands are calibrated on human translations
(:mod:`._lengths`, fitted by ``scripts/fit_length_bands.py``).
"""

from __future__ import annotations

from polyglot_press.checks._checks import (
    addition,
    omission,
    repetition,
    untranslated,
    wrong_language,
)
from polyglot_press.checks._flags import FAILING_CODES, FLAG_ADVICE, FLAG_CODES, Flag, FlagCode
from polyglot_press.checks._lengths import calibration_half, length_band, length_ratio
from polyglot_press.checks._names import name_candidates, name_missing
from polyglot_press.checks._sentence import check_sentence, check_translation
from polyglot_press.checks._values import missing_values, number_added

__all__ = [
    "FAILING_CODES",
    "FLAG_ADVICE",
    "FLAG_CODES",
    "Flag",
    "FlagCode",
    "addition",
    "calibration_half",
    "check_sentence",
    "check_translation",
    "length_band",
    "length_ratio",
    "missing_values",
    "name_candidates",
    "name_missing",
    "number_added",
    "omission",
    "repetition",
    "untranslated",
    "wrong_language",
]
