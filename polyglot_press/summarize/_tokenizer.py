"""Word and sentence tokenizers for sumy that need no download.

sumy's own ``Tokenizer`` loads NLTK's punkt models (a download) and, for Korean, KoNLPy (a JVM).
These classes implement the same duck-typed interface (``language``, ``to_sentences``,
``to_words``) on top of :func:`polyglot_press.text.split_sentences` and, for Korean,
kiwipiepy, whose model ships inside the ``kiwipiepy_model`` wheel.
"""

from __future__ import annotations

import re
import threading
from functools import cache
from typing import TYPE_CHECKING, Protocol

from polyglot_press._languages import ROUTED_LANGUAGES, display_name
from polyglot_press.text import split_sentences

if TYPE_CHECKING:
    from kiwipiepy import Kiwi

#: Languages with a tokenizer, as ISO 639-1 codes mapped to sumy's language names (its stemmers
#: and stop-word lists are named by the lower-case English name). They are the languages the
#: router recognises: a document in any other is translated before it is summarised.
SUMY_LANGUAGES = {code: display_name(code).lower() for code in ROUTED_LANGUAGES}
#: Languages whose words are separated by spaces; Korean words come from Kiwi instead.
LATIN_LANGUAGES = tuple(code for code in SUMY_LANGUAGES if code != "ko")

# Letters, optionally joined by apostrophes or hyphens ("company's", "porte-parole"); digits and
# punctuation are not words, as in sumy's own tokenizer.
_LATIN_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# French elisions glue a function word to the next one ("l'usine", "qu'il"): keep the content word.
_FRENCH_ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)

# Kiwi part-of-speech tags of content words: nouns (not bound nouns), verb and adjective stems,
# roots, and Latin or Chinese-character words ("EV", "電氣").
_KOREAN_CONTENT_TAGS = frozenset({"NNG", "NNP", "VV", "VA", "XR", "SL", "SH"})
# Light verbs and the most frequent auxiliaries carry no topic.
_KOREAN_LIGHT_LEMMAS = frozenset({"하다", "되다", "있다", "없다", "않다", "이다", "같다", "보다"})


class SumyTokenizer(Protocol):
    """The interface sumy's document model expects from a tokenizer."""

    @property
    def language(self) -> str: ...

    def to_sentences(self, paragraph: str) -> tuple[str, ...]: ...

    def to_words(self, sentence: str) -> tuple[str, ...]: ...


class LatinTokenizer:
    """English or French: sentences from ``split_sentences``, words by a Unicode regex."""

    def __init__(self, lang: str) -> None:
        if lang not in LATIN_LANGUAGES:
            raise ValueError(f"LatinTokenizer handles {', '.join(LATIN_LANGUAGES)}, not {lang!r}")
        self._lang = lang

    @property
    def language(self) -> str:
        return SUMY_LANGUAGES[self._lang]

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph, self._lang))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        words = _LATIN_WORD.findall(sentence)
        if self._lang == "fr":
            words = [_FRENCH_ELISION.sub("", word) for word in words]
        return tuple(words)


class KoreanTokenizer:
    """Korean: sentences from ``split_sentences``, content-word lemmas from kiwipiepy.

    ``to_words`` returns lemmas ("늘다" for "늘었다"), so the stemmer for Korean is the identity.
    """

    @property
    def language(self) -> str:
        return SUMY_LANGUAGES["ko"]

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph, "ko"))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        if not sentence.strip():
            return ()
        tokens = kiwi().tokenize(sentence)
        return tuple(
            token.lemma
            for token in tokens
            if token.tag.split("-")[0] in _KOREAN_CONTENT_TAGS
            and token.lemma not in _KOREAN_LIGHT_LEMMAS
        )


_kiwi_lock = threading.Lock()
_kiwi: Kiwi | None = None


def kiwi() -> Kiwi:
    """The process-wide Kiwi analyser, loaded on first use (about 2 s)."""
    global _kiwi
    with _kiwi_lock:
        if _kiwi is None:
            from kiwipiepy import Kiwi

            _kiwi = Kiwi()
        return _kiwi


@cache
def tokenizer_for(lang: str) -> SumyTokenizer:
    """The tokenizer for a supported language code (``en``, ``fr`` or ``ko``)."""
    if lang == "ko":
        return KoreanTokenizer()
    return LatinTokenizer(lang)
