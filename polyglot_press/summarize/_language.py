"""What a summariser needs to know about a language: tokenizer, stemmer and word lists."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from polyglot_press._languages import normalize_code
from polyglot_press.errors import PolyglotPressError
from polyglot_press.summarize._tokenizer import SUMY_LANGUAGES, SumyTokenizer, tokenizer_for


@dataclass(frozen=True, slots=True)
class LanguageTools:
    """What an algorithm needs to know about a language."""

    lang: str
    tokenizer: SumyTokenizer
    stem: Callable[[str], str]
    stop_words: frozenset[str]
    #: Words that mark a sentence as unfit for a brief (Edmundson's "stigma words").
    stigma_words: frozenset[str]


_STIGMA_WORDS = {
    "en": ("contact", "email", "phone", "copyright", "subscribe", "click", "disclaimer", "follow"),
    "fr": ("contact", "courriel", "téléphone", "copyright", "abonnez", "cliquez", "suivez"),
    "ko": ("문의", "연락처", "저작권", "구독", "무단", "배포", "제보"),
}
# Korean function words are already dropped by part of speech (see KoreanTokenizer); these are
# frequent nouns that carry no topic.
_KOREAN_STOP_WORDS = ("것", "수", "등", "때", "중", "이번", "통해", "위해", "관련", "대해", "및")


def normalize_lang(lang: str) -> str:
    """``en``, ``fr`` or ``ko`` for a language tag such as ``EN``, ``fra_Latn`` or ``korean``.

    Raises :class:`~polyglot_press.errors.InputError` for something that is no language code and
    :class:`PolyglotPressError` for a language without a summariser.
    """
    code = normalize_code(lang)
    if code not in SUMY_LANGUAGES:
        raise PolyglotPressError(
            f"no summariser for language {lang!r}",
            hint=f"summaries are written in {', '.join(SUMY_LANGUAGES)}: translate the text first",
        )
    return code


def language_tools(lang: str) -> LanguageTools:
    """Tokenizer, stemmer and word lists for ``lang`` (``en``, ``fr`` or ``ko``), cached."""
    return tools_for_code(normalize_lang(lang))


@cache
def tools_for_code(lang: str) -> LanguageTools:
    """:func:`language_tools` for a code already normalised."""
    from sumy.utils import get_stop_words

    if lang == "ko":
        # KoreanTokenizer already returns lemmas.
        stem: Callable[[str], str] = str.lower
        stop_words = frozenset(_KOREAN_STOP_WORDS)
    else:
        stem = lru_cache(maxsize=1 << 16)(_snowball_stemmer(SUMY_LANGUAGES[lang]))
        stop_words = frozenset(word.lower() for word in get_stop_words(SUMY_LANGUAGES[lang]))
    return LanguageTools(
        lang=lang,
        tokenizer=tokenizer_for(lang),
        stem=stem,
        stop_words=stop_words,
        stigma_words=frozenset(_STIGMA_WORDS[lang]),
    )


def _snowball_stemmer(language: str) -> Callable[[str], str]:
    """PyStemmer's Snowball stemmer (C, ~30x faster than NLTK's), else sumy's NLTK one.

    Both implement the same Snowball algorithms; stems differ on a few dozen rare words
    (``archaeologists``), which moves no summary measurably.
    """
    try:
        import Stemmer  # type: ignore[import-not-found,unused-ignore]  # PyStemmer
    except ImportError:
        from sumy.nlp.stemmers import Stemmer as SumyStemmer

        stemmer: Callable[[str], str] = SumyStemmer(language)
        return stemmer
    stem_word: Callable[[str], str] = Stemmer.Stemmer(language).stemWord
    return stem_word


@lru_cache(maxsize=16)
def content_words(lang: str, terms: frozenset[str]) -> frozenset[str]:
    """Single content words of (possibly multi-word) glossary terms, cached per set of terms.

    Korean terms go through Kiwi (about 70 ms for a whole glossary), so a pipeline that passes
    its glossary with every document must not pay for it every time.
    """
    tools = tools_for_code(lang)
    return frozenset(
        word
        for term in terms
        for word in tools.tokenizer.to_words(term)
        if word.lower() not in tools.stop_words
    )
