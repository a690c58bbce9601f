"""langdetect's character n-gram profiles, read as a deterministic naive Bayes model.

langdetect's own detector samples n-grams at random (seeded, 3 walks here): on a sentence of
a few words the sample decides. Summing the log-probabilities of *every* n-gram of the text
under each profile uses the same model and the same n-gram extraction without sampling, so a
short sentence gets the same, complete evidence every time.
"""

from __future__ import annotations

import functools
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
        self.detector_factory = factory

    def scores(self, text: str, langs: tuple[str, ...]) -> NgramScores:
        """Score ``text`` for each of ``langs`` against the best of the other profiles."""
        detector = self.detector_factory.create()
        detector.append(text)
        # langdetect's own extraction (text cleaning, character normalisation, 1- to 3-grams).
        rows = [self._rows[gram] for gram in detector._extract_ngrams() if gram in self._rows]
        if not rows:
            return NgramScores(0, "", {})
        totals = self._log_probs[rows].sum(axis=0)
        ratios = {}
        for lang in langs:
            index = self.languages.index(lang)
            rival = max(float(v) for i, v in enumerate(totals) if i != index)
            ratios[lang] = (float(totals[index]) - rival) / len(rows)
        best = self.languages[int(totals.argmax())]
        return NgramScores(len(rows), best, ratios)


@functools.cache
def ngram_model(profiles: tuple[str, ...]) -> NgramModel:
    """The n-gram model of ``profiles``, built once."""
    return NgramModel(profiles)
