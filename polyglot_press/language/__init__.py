"""Language detection and routing: which language is each document and each block in?

Routing only needs to tell French, English and Korean apart from everything else, and it
must do so on a heading or a one-line quote as well as on a paragraph. Detection goes:

1. the writing system (``_scripts``): Hangul is Korean, kana Japanese, Thai Thai…, decided
   without a model; scripts shared by several languages (Cyrillic, Arabic, Devanagari) are
   named by langdetect's profiles for that script only;
2. Latin-script text (``_latin``) is English, French or neither by a small logistic model
   over three kinds of evidence: the share of words English and French lexicons know
   (``_lexicon``: simplemma's dictionaries plus hand-written function words,
   ``_stopwords``), function words, and how much better langdetect's English or French
   profile explains the text than the best of its 30 other Latin-script profiles
   (``_ngrams``: every n-gram scored, so short texts get deterministic, complete evidence);
3. a text that is neither is named by its closest langdetect profile, or ``"und"``
   (undetermined) when nothing fits.

``_sentence`` judges one sentence alone (:func:`detect_sentence`, :func:`sentence_in_language`):
the check that a translation's output sentence is in its target language.

``_blocks`` routes a document: each block on its own, the document by the language covering
most letters, and blocks whose verdict is unreliable inherit the document's language.
"""

from polyglot_press.language._blocks import (
    BlockRouting,
    RoutingReport,
    describe_routing,
    route_document,
)
from polyglot_press.language._detect import detect_language
from polyglot_press.language._guess import (
    MIN_LETTERS,
    ROUTED_LANGUAGES,
    UNDETERMINED,
    Basis,
    LanguageGuess,
)
from polyglot_press.language._sentence import detect_sentence, sentence_in_language

__all__ = [
    "MIN_LETTERS",
    "ROUTED_LANGUAGES",
    "UNDETERMINED",
    "Basis",
    "BlockRouting",
    "LanguageGuess",
    "RoutingReport",
    "describe_routing",
    "detect_language",
    "detect_sentence",
    "route_document",
    "sentence_in_language",
]
