"""English, French or neither: the verdict on a Latin-script text.

Five kinds of evidence, each weak alone on a short sentence, are weighed together:

- the lexicons (:mod:`._lexicon`): the share of the words that are English or French forms;
- the function words (:mod:`._stopwords`): ``the``, ``of`` … against ``le``, ``des`` …;
- langdetect's character n-gram profiles (:mod:`._ngrams`): how much better English or
  French explains the text than the best of the 30 other Latin-script profiles;
- spellings only one of the two has: French typography and verb-pronoun inversion
  (``Fumes-tu ?``), English contractions (``don't``);
- words of other languages (:mod:`._foreign`: ``wat``, ``ik``, ``los``);
- the words each language's news keeps writing (:mod:`._vocabulary`): simplemma's dictionaries
  know rare forms of one language that are common words of another (``wat``, ``hy``).

A logistic model per language turns them into a probability. Its weights are fitted by
``scripts/fit_language_model.py`` on the tune half of the Tatoeba development set (short
sentences, 50 languages; halves fixed by a hash of each text) and checked on the other half,
on FLORES-200, on NTREX news sentences and on the seed releases
(``benchmarks/bench_routing.py`` prints all of them); no sentence of those sets is stored here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from polyglot_press.language._foreign import FOREIGN_WORDS
from polyglot_press.language._lexicon import WORD, Coverage, coverage
from polyglot_press.language._ngrams import NgramScores, ngram_model
from polyglot_press.language._scripts import LATIN_PROFILES
from polyglot_press.language._stopwords import ENGLISH_FUNCTION_WORDS, FRENCH_FUNCTION_WORDS
from polyglot_press.language._vocabulary import news_words

#: The languages the model can name; any other Latin-script text is "neither".
LATIN_CANDIDATES = ("en", "fr")
_RIVAL = {"en": "fr", "fr": "en"}
_FUNCTION_WORDS = {"en": ENGLISH_FUNCTION_WORDS, "fr": FRENCH_FUNCTION_WORDS}
_LETTERS = re.compile(r"[^\W\d_]+")
# The e-mail branch starts only at the start of a token (or after an "@") and keeps to its
# piece of the token, so a long run without spaces costs linear time.
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|(?<![^\s@])[^\s@]+@[^\s@]+\.\w+", re.IGNORECASE)
# Spellings only one of the two languages has: French typography (a space before ``?`` ``!``
# ``;`` ``:``, guillemets) and verb-pronoun inversion (``dis-tu``, ``va-t-il``); English
# contractions (``don't``, ``Tom's``, ``we're``).
_MARKS = {
    "fr": re.compile(
        r"[^\W\d_]\s[?!;:](?!\S)|[«»]|[^\W\d_]-(?:t-)?(?:je|tu|ils?|elles?|on|nous|vous)\b",
        re.IGNORECASE,
    ),
    "en": re.compile(r"[^\W\d_](?:n['\u2019]t|['\u2019](?:s|re|ve|ll|m|d))\b", re.IGNORECASE),
}
# Verb-subject inversion ("Fumes-tu", "Viendrez-vous", "va-t-il"): French, however short.
_INVERSION = re.compile(
    r"(?<![^\W\d_])[^\W\d_]{2,}-(?:t-)?(?:je|tu|ils?|elles?|on|nous|vous)\b", re.IGNORECASE
)
# A text the model leaves unplaced is English or French with this many words, this share of
# them in the lexicon, the n-gram profiles and the function words behind it.
_BACKED_WORDS = 5
_BACKED_SHARE = 0.8
# The n-gram ratio is a mean per n-gram; beyond this it only says "clearly" once more.
_RATIO_CLIP = 3.0
# Weights of the features of ``LatinEvidence.features``, in order, fitted (and rewritten) by
# ``scripts/fit_language_model.py --write``.
_WEIGHTS = {
    "en": (-8.18, 1.41, 2.13, 0.39, 2.02, -1.43, 3.22, 3.10, 1.24, 0.20, 1.65, -2.40, 2.27, 3.47),
    "fr": (-6.63, 2.83, 3.58, 2.12, 0.99, -3.53, -0.02, 3.21, 3.00, -2.93, 1.38, -2.39, 0.25, 1.26),
}


@dataclass(frozen=True, slots=True)
class LatinEvidence:
    """What the lexicons, function words and n-grams say about one text."""

    coverage: Coverage
    function_words: dict[str, float]
    ngrams: NgramScores
    marks: dict[str, float]
    foreign: float
    news: dict[str, float]

    def features(self, lang: str) -> tuple[float, ...]:
        """The model's inputs for ``lang``, in the order of its weights: bias, lexicon share,
        its square, share minus the rival's, function-word share minus the rival's, 1 / words,
        every word known, n-gram ratio, n-gram favourite, favourite / words, marks minus the
        rival's, share of foreign words, share of words the language's news writes and that
        share minus the rival's."""
        rival = _RIVAL[lang]
        share = self.coverage.share(lang)
        ratio = max(-_RATIO_CLIP, min(_RATIO_CLIP, self.ngrams.ratio(lang)))
        inverse = 1.0 / max(self.coverage.words, 1)
        favourite = float(self.ngrams.best == lang)
        return (
            1.0,
            share,
            share * share,
            share - self.coverage.share(rival),
            self.function_words[lang] - self.function_words[rival],
            inverse,
            float(share == 1.0),
            ratio,
            favourite,
            favourite * inverse,
            self.marks[lang] - self.marks[rival],
            self.foreign,
            self.news[lang],
            self.news[lang] - self.news[rival],
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
    marks = {lang: float(bool(_MARKS[lang].search(text))) for lang in LATIN_CANDIDATES}
    forms = word_forms(text)
    foreign = sum(form in FOREIGN_WORDS for form in forms) / max(len(forms), 1)
    news = {lang: _news_share(forms, lang) for lang in LATIN_CANDIDATES}
    return LatinEvidence(coverage(text), function_words, ngrams, marks, foreign, news)


def _news_share(forms: list[str], lang: str) -> float:
    vocabulary, function_words = news_words(lang), _FUNCTION_WORDS[lang]
    known = sum(form in vocabulary or form in function_words for form in forms)
    return known / max(len(forms), 1)


def word_forms(text: str, *, lower: bool = True) -> list[str]:
    """The words of ``text`` with typographic apostrophes made straight, lower-cased unless
    ``lower`` is false."""
    words = [word.replace("\u2019", "'") for word in WORD.findall(text)]
    return [word.lower() for word in words] if lower else words


@dataclass(frozen=True, slots=True)
class LatinVerdict:
    """``lang`` is ``"en"``, ``"fr"`` or ``None`` (neither), with the model's probability
    for the likelier of the two; ``closest`` is the langdetect profile that explains the
    text best (empty without n-grams), which names a text that is neither."""

    lang: str | None
    probability: float
    closest: str


def latin_verdict(text: str) -> LatinVerdict:
    """Whether ``text`` is English, French or neither.

    The model decides, except that a sentence-long text it leaves unplaced is English or
    French when every kind of evidence points there: the n-gram favourite, most of its words
    in that lexicon and more of its function words ("The carmaker presented its new car.":
    the model, fitted on short sentences, wants every word known).
    """
    evidence = latin_evidence(text)
    probabilities = {lang: evidence.probability(lang) for lang in LATIN_CANDIDATES}
    lang = max(probabilities, key=probabilities.__getitem__)
    probability = probabilities[lang]
    closest = evidence.ngrams.best
    if probability <= 0.5 and closest in LATIN_CANDIDATES and _backed(evidence, closest):
        return LatinVerdict(closest, probabilities[closest], closest)
    if probability <= 0.5 and _INVERSION.search(text) and evidence.coverage.share("fr") >= 0.6:
        return LatinVerdict("fr", probabilities["fr"], closest)
    return LatinVerdict(lang if probability > 0.5 else None, probability, closest)


def _backed(evidence: LatinEvidence, lang: str) -> bool:
    rival = _RIVAL[lang]
    return (
        evidence.coverage.words >= _BACKED_WORDS
        and evidence.coverage.share(lang) >= _BACKED_SHARE
        and evidence.function_words[lang] > evidence.function_words[rival]
    )
