"""English, French or neither: the verdict on a Latin-script text.

Three kinds of evidence, each weak alone on a short sentence, are weighed together:

- the lexicons (:mod:`._lexicon`): the share of the words that are English or French forms;
- the function words (:mod:`._stopwords`): ``the``, ``of`` … against ``le``, ``des`` …;
- langdetect's character n-gram profiles (:mod:`._ngrams`): how much better English or
  French explains the text than the best of the 30 other Latin-script profiles.

A logistic model per language turns them into a probability. Its eight weights were fitted
once on half of the Tatoeba development set (short sentences, 50 languages) and checked on
the other half, on FLORES-200 and on the seed releases (``benchmarks/bench_routing.py``
prints all of them); no sentence of those sets is stored here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from polyglot_press.language._lexicon import Coverage, coverage
from polyglot_press.language._ngrams import NgramScores, ngram_model
from polyglot_press.language._scripts import LATIN_PROFILES
from polyglot_press.language._stopwords import ENGLISH_FUNCTION_WORDS, FRENCH_FUNCTION_WORDS

#: The languages the model can name; any other Latin-script text is "neither".
LATIN_CANDIDATES = ("en", "fr")
_RIVAL = {"en": "fr", "fr": "en"}
_FUNCTION_WORDS = {"en": ENGLISH_FUNCTION_WORDS, "fr": FRENCH_FUNCTION_WORDS}
_LETTERS = re.compile(r"[^\W\d_]+")
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)
# The n-gram ratio is a mean per n-gram; beyond this it only says "clearly" once more.
_RATIO_CLIP = 3.0
# Weights of: bias, lexicon share, share minus the rival's, function-word share minus the
# rival's, 1 / words, every word known, n-gram ratio, n-gram favourite.
_WEIGHTS = {
    "en": (-3.36, 1.02, 1.19, 1.23, -0.81, 2.87, 2.75, 0.88),
    "fr": (-3.26, 1.49, 2.11, 1.13, -0.90, 1.70, 2.91, 1.41),
}


@dataclass(frozen=True, slots=True)
class LatinEvidence:
    """What the lexicons, function words and n-grams say about one text."""

    coverage: Coverage
    function_words: dict[str, float]
    ngrams: NgramScores

    def features(self, lang: str) -> tuple[float, ...]:
        """The model's inputs for ``lang``, in the order of its weights."""
        rival = _RIVAL[lang]
        share = self.coverage.share(lang)
        ratio = max(-_RATIO_CLIP, min(_RATIO_CLIP, self.ngrams.ratio(lang)))
        return (
            1.0,
            share,
            share - self.coverage.share(rival),
            self.function_words[lang] - self.function_words[rival],
            1.0 / max(self.coverage.words, 1),
            float(share == 1.0),
            ratio,
            float(self.ngrams.best == lang),
        )

    def probability(self, lang: str) -> float:
        """The model's probability that the text is in ``lang`` (English or French)."""
        score = sum(w * x for w, x in zip(_WEIGHTS[lang], self.features(lang), strict=True))
        return 1.0 / (1.0 + math.exp(-score))


def latin_evidence(text: str) -> LatinEvidence:
    """Gather the evidence about ``text`` (loads the lexicons and profiles on first use)."""
    ngrams = ngram_model(LATIN_PROFILES).scores(text, LATIN_CANDIDATES)
    # Addresses are made of words ("www", "com", a brand) that belong to no language.
    text = _ADDRESS.sub(" ", text)
    words = [word.lower() for word in _LETTERS.findall(text)]
    total = max(len(words), 1)
    function_words = {
        lang: sum(word in _FUNCTION_WORDS[lang] for word in words) / total
        for lang in LATIN_CANDIDATES
    }
    return LatinEvidence(coverage(text), function_words, ngrams)


@dataclass(frozen=True, slots=True)
class LatinVerdict:
    """``lang`` is ``"en"``, ``"fr"`` or ``None`` (neither), with the model's probability
    for the likelier of the two; ``closest`` is the langdetect profile that explains the
    text best (empty without n-grams), which names a text that is neither."""

    lang: str | None
    probability: float
    closest: str


def latin_verdict(text: str) -> LatinVerdict:
    """Whether ``text`` is English, French or neither."""
    evidence = latin_evidence(text)
    probabilities = {lang: evidence.probability(lang) for lang in LATIN_CANDIDATES}
    lang = max(probabilities, key=probabilities.__getitem__)
    probability = probabilities[lang]
    return LatinVerdict(lang if probability > 0.5 else None, probability, evidence.ngrams.best)
