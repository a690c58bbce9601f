"""langdetect's character n-gram profiles, read as a deterministic naive Bayes model.

langdetect's own detector samples n-grams at random (seeded, 3 walks here): on a sentence of
a few words the sample decides. Summing the log-probabilities of *every* n-gram of the text
under each profile uses the same model and the same n-gram extraction without sampling, so a
short sentence gets the same, complete evidence every time.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from polyglot_press.language._langdetect import detector_factory

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

# langdetect's profiles give no n-gram a probability of zero in a language that has it; this
# floor stands for "never seen in that language" without sending the sum to minus infinity.
_FLOOR = 1e-5


@dataclass(frozen=True, slots=True)
class NgramScores:
    """Per-n-gram log-likelihood ratios of a text, against the best other profile."""

    ngrams: int
    best: str
    ratios: dict[str, float]

    def ratio(self, lang: str) -> float:
        """Mean log-likelihood ratio of ``lang`` against the best other profile (0 without
        n-grams): positive when ``lang`` explains the text best."""
        return self.ratios.get(lang, 0.0)


class NgramModel:
    """All n-gram log-probabilities of a set of langdetect profiles, as one matrix."""

    def __init__(self, profiles: tuple[str, ...]) -> None:
        import numpy as np

        factory = detector_factory(profiles)
        self.languages: tuple[str, ...] = tuple(str(lang) for lang in factory.langlist)
        grams = factory.word_lang_prob_map
        self._rows = {gram: row for row, gram in enumerate(grams)}
        self._log_probs: npt.NDArray[np.float64] = np.log(
            np.array(list(grams.values()), dtype=np.float64) + _FLOOR
        )

    def scores(self, text: str, langs: tuple[str, ...]) -> NgramScores:
        """Score ``text`` for each of ``langs`` against the best of the other profiles."""
        rows = [row for row in map(self._rows.get, extract_ngrams(text)) if row is not None]
        if not rows:
            return NgramScores(0, "", {})
        totals = self._log_probs[rows].sum(axis=0)
        order = totals.argsort()[::-1]
        best, runner_up = int(order[0]), int(order[1]) if len(order) > 1 else int(order[0])
        ratios = {}
        for lang in langs:
            index = self.languages.index(lang)
            rival = runner_up if index == best else best
            ratios[lang] = float(totals[index] - totals[rival]) / len(rows)
        return NgramScores(len(rows), self.languages[best], ratios)


@functools.cache
def ngram_model(profiles: tuple[str, ...]) -> NgramModel:
    """The n-gram model of ``profiles``, built once."""
    return NgramModel(profiles)


_URL = re.compile(r"https?://[-_.?&~;+=/#0-9A-Za-z]{1,2076}")
_MAIL = re.compile(r"[-_.0-9A-Za-z]{1,64}@[-_0-9A-Za-z]{1,255}[-_.0-9A-Za-z]{1,255}")


def extract_ngrams(text: str) -> list[str]:
    """The 1- to 3-grams langdetect extracts from ``text``, in order.

    The steps of ``langdetect.detector.Detector`` (drop URLs and e-mail addresses, normalise
    each character, skip words in capitals; only its recomposition of Vietnamese tone marks
    is left out), with the per-character normalisation cached: langdetect's own loop costs
    milliseconds per sentence.
    """
    text = _MAIL.sub(" ", _URL.sub(" ", text))
    grams = " "
    capital_word = False
    found: list[str] = []
    for char in map(_normalize, text):
        last = grams[-1]
        if last == " ":
            grams = " "
            capital_word = False
            if char == " ":
                continue
        elif len(grams) >= 3:
            grams = grams[1:]
        grams += char
        # A word in capitals (an acronym, a shouted heading) says little about the language.
        capital_word = (capital_word or last.isupper()) if char.isupper() else False
        if capital_word:
            continue
        # The 1-, 2- and 3-grams ending here (``grams`` holds at most three characters).
        if char != " ":
            found.append(char)
        if len(grams) > 1:
            found.append(grams[-2:])
        if len(grams) > 2:
            found.append(grams)
    return found


@functools.lru_cache(maxsize=8192)
def _normalize(char: str) -> str:
    from langdetect.utils.ngram import NGram

    return str(NGram.normalize(char))
