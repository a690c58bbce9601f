"""Lexicons: is a word English, is it French?

On a short sentence, the share of its words that a language's lexicon knows separates that
language from its neighbours far better than character n-grams do: "Tom sourit toujours."
has three French words and one English one, while langdetect, on 18 letters, may name any
Romance language. Each lexicon joins simplemma's dictionary of inflected forms and their
lemmas (Wiktionary-derived, shipped inside the simplemma wheel, loaded on first use) with the
function words of :mod:`._stopwords`, which such dictionaries tend to leave out.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Container
from dataclasses import dataclass

from polyglot_press.language._stopwords import ENGLISH_FUNCTION_WORDS, FRENCH_FUNCTION_WORDS

LEXICON_LANGUAGES = ("en", "fr")
_FUNCTION_WORDS = {"en": ENGLISH_FUNCTION_WORDS, "fr": FRENCH_FUNCTION_WORDS}
# A word, with its inner apostrophes (``don't``, ``aujourd'hui``, ``l'usine``).
WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")


class Lexicon:
    """The known word forms of one language, case-insensitive.

    ``forms`` and ``lemmas`` hold UTF-8 encoded words, as simplemma stores them.
    """

    def __init__(self, lang: str, forms: Container[bytes], lemmas: Container[bytes]) -> None:
        self.lang = lang
        self._forms = forms
        self._lemmas = lemmas
        self._function_words = _FUNCTION_WORDS[lang]

    def knows(self, word: str) -> bool:
        """Whether ``word`` (letters and inner apostrophes) is a form of this language.

        An elided word is known when each piece is: ``l'usine``, ``qu'il``, ``j'ai``.
        """
        word = word.replace("\u2019", "'")
        lower = word.lower()
        if self._known(word) or (lower != word and self._known(lower)):
            return True
        if "'" not in lower:
            return False
        *heads, tail = lower.split("'")
        return all(self._known(head + "'") or self._known(head) for head in heads) and (
            not tail or self._known(tail)
        )

    def is_function_word(self, word: str) -> bool:
        """Whether ``word`` (any case) is one of the language's function words."""
        return word.lower().replace("\u2019", "'") in self._function_words

    def _known(self, form: str) -> bool:
        if form in self._function_words:
            return True
        encoded = form.encode()
        return encoded in self._forms or encoded in self._lemmas


@functools.cache
def lexicon(lang: str) -> Lexicon:
    """The lexicon of ``lang`` (``en`` or ``fr``), loaded once (a few tenths of a second)."""
    from simplemma.strategies.dictionaries import DEFAULT_DICTIONARY_FACTORY

    mapping = DEFAULT_DICTIONARY_FACTORY.get_dictionary(lang)
    # simplemma keeps each dictionary as a dict of UTF-8 bytes behind a decoding view;
    # reading it directly saves decoding a quarter of a million words on load.
    raw = getattr(mapping, "_dict", None)
    if isinstance(raw, dict):
        return Lexicon(lang, raw, frozenset(raw.values()))
    forms = {key.encode(): value.encode() for key, value in mapping.items()}
    return Lexicon(lang, forms, frozenset(forms.values()))


@dataclass(frozen=True, slots=True)
class Coverage:
    """How many of a text's words each lexicon knows.

    ``words`` counts the words that can carry a language (see :func:`coverage`).
    """

    words: int
    known: dict[str, int]

    def share(self, lang: str) -> float:
        """The share of words ``lang``'s lexicon knows (0 for a text without words)."""
        return self.known.get(lang, 0) / self.words if self.words else 0.0


def coverage(text: str) -> Coverage:
    """Count the words of ``text`` that the English and French lexicons know.

    Names belong to no language, so words that look like names are left out: capitalised
    words after the first, other than function words ("Hokkaido", "Boston"), and a
    capitalised first word neither lexicon knows ("Yanni a bondi."). In a title-cased
    heading (most words capitalised) the capitalised words count, unless neither lexicon
    knows them ("Christion Abercrombie Undergoes Emergency Surgery").
    """
    lexicons = [lexicon(lang) for lang in LEXICON_LANGUAGES]
    found = WORD.findall(text)
    title_case = sum(word[0].isupper() for word in found) * 2 > len(found) > 1
    known = dict.fromkeys(LEXICON_LANGUAGES, 0)
    words = 0
    for index, word in enumerate(found):
        capital = word[0].isupper()
        if (
            index
            and not title_case
            and capital
            and not any(each.is_function_word(word) for each in lexicons)
        ):
            continue
        knowing = [each.lang for each in lexicons if each.knows(word)]
        if not knowing and capital and len(found) > 1 and (index == 0 or title_case):
            continue
        words += 1
        for lang in knowing:
            known[lang] += 1
    return Coverage(words, known)
