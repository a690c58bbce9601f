"""The checks: one small function each, over a source sentence and its translation.

Every check costs linear time in the sentence. None needs a reference translation: they
compare the output with its source (words copied, names and values carried, length), with what
human translations of the pair look like (length bands, :mod:`._lengths`), and with the target
language itself (script, detector). Each returns a :class:`Flag` or ``None``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from polyglot_press.checks._flags import Flag
from polyglot_press.checks._lengths import length_band, length_ratio
from polyglot_press.checks._words import HANGUL, LETTER, TOKEN, fold, without, words

__all__ = ["addition", "omission", "repetition", "untranslated", "wrong_language"]

_FRENCH_ELISION = re.compile(r"^(?:[dljmnstc]|qu)'[^\W\d_]")
#: Below this many words a sentence is too short to judge by word overlap or language.
_MIN_WORDS = 3
#: Share of the output's words found in the source above which it counts as untranslated.
_COPIED_SHARE = 0.7
#: A target in Latin script whose detector verdict is another language with this confidence.
_WRONG_LANGUAGE_CONFIDENCE = 0.9
_MIN_LETTERS_FOR_DETECTOR = 20


def untranslated(
    source: str,
    output: str,
    protected: Collection[str] = (),
    names: Collection[str] = (),
    target_lang: str = "",
) -> Flag | None:
    """The output is mostly the source: most of its words, names and spans left out, are
    the source's own words (a model that copied its input; cognates alone never get there).
    A short output is judged so only when a word it copied is no word of ``target_lang``."""
    kept = (*protected, *names)
    source_words = set(words(without(source, kept)))
    output_words = words(without(output, kept))
    if len(output_words) < _MIN_WORDS or len(source_words) < _MIN_WORDS:
        same = fold(" ".join(output.split())) == fold(" ".join(source.split()))
        if same and len(source_words) >= 2 and not _all_names(source, names):
            return Flag("untranslated", "the output is the source sentence, unchanged")
        copied = [word for word in output_words if word in source_words]
        foreign = [word for word in copied if not _is_target_word(word, target_lang)]
        if copied and len(copied) == len(output_words) and foreign:
            return Flag("untranslated", f"«{foreign[0]}» and the rest were left untranslated")
        return None
    copied_share = sum(word in source_words for word in output_words) / len(output_words)
    if copied_share < _COPIED_SHARE:
        return None
    return Flag(
        "untranslated",
        f"{copied_share:.0%} of the output's words are the source's own: it was not translated",
    )


def _is_target_word(word: str, lang: str) -> bool:
    from polyglot_press.language._lexicon import LEXICON_LANGUAGES, lexicon

    if lang not in LEXICON_LANGUAGES:
        return True  # no lexicon to say otherwise
    if lang != "fr" and _FRENCH_ELISION.match(word):
        return False  # "d'euros", "l'usine"
    return lexicon(lang).knows(word)


def _all_names(source: str, names: Collection[str]) -> bool:
    return not words(without(source, names))


def wrong_language(
    output: str, target_lang: str, protected: Collection[str] = (), source: str = ""
) -> Flag | None:
    """The output is not in the target language: a Korean output mostly in Latin script, or
    with no Hangul at all for a ``source`` with words; or the detector confidently naming
    another language for a Latin-script one."""
    from polyglot_press.language import detect_language

    text = without(output, protected)
    letters = len(LETTER.findall(text))
    if target_lang == "ko":
        # Glossary terms in Hangul are Korean too: judge the whole output.
        letters = len(LETTER.findall(output))
        hangul = len(HANGUL.findall(output))
        wordy_source = len(words(source)) >= 2
        if (letters >= 2 and hangul < 0.3 * letters) or (not hangul and wordy_source):
            return Flag(
                "wrong_language",
                "the Korean output is not in Korean"
                + (" (no Hangul at all)" if not hangul else " (mostly Latin script)"),
            )
        return None
    if letters < _MIN_LETTERS_FOR_DETECTOR or len(words(text)) < _MIN_WORDS + 1:
        return None
    guess = detect_language(text)
    if (
        guess.code in (target_lang, "und")
        or not guess.reliable
        or guess.confidence < _WRONG_LANGUAGE_CONFIDENCE
    ):
        return None
    return Flag(
        "wrong_language",
        f"the output reads as {guess.code}, not {target_lang} ({guess.confidence:.0%} sure)",
    )


def omission(source: str, output: str, source_lang: str, target_lang: str) -> Flag | None:
    """The output is much shorter than human translations of such a sentence ever are."""
    ratio = length_ratio(source, output)
    lower, _ = length_band(source_lang, target_lang, source)
    if ratio is None or ratio >= lower:
        return None
    return Flag("omission", "the output is much shorter than its source: words may be missing")


def addition(source: str, output: str, source_lang: str, target_lang: str) -> Flag | None:
    """The output is much longer than human translations of such a sentence ever are."""
    ratio = length_ratio(source, output)
    _, upper = length_band(source_lang, target_lang, source)
    if ratio is None or ratio <= upper:
        return None
    return Flag("addition", "the output is much longer than its source: check for added text")


def repetition(source: str, output: str) -> Flag | None:
    """The output loops: a word or phrase of up to four words repeated back to back three
    times or more (four for a single word), or a run of eight words said twice, which its
    source does not do."""
    found = _longest_loop([fold(t) for t in TOKEN.findall(output)])
    if found is None or _longest_loop([fold(t) for t in TOKEN.findall(source)]) is not None:
        return None
    return Flag("repetition", f"the output repeats «{found}» in a loop")


#: A phrase this long said twice in one sentence is a loop, not style.
_LONG_REPEAT = 8


def _longest_loop(tokens: Sequence[str]) -> str | None:
    seen: set[tuple[str, ...]] = set()
    for start in range(len(tokens) - _LONG_REPEAT + 1):
        gram = tuple(tokens[start : start + _LONG_REPEAT])
        if gram in seen:
            return " ".join(gram)
        seen.add(gram)
    return _tandem_loop(tokens)


def _tandem_loop(tokens: Sequence[str]) -> str | None:
    """A phrase of one to four tokens repeated back to back (four times for one token, three
    for a phrase), found from every phase: a loop need not start on a multiple of its size."""
    for size in (1, 2, 3, 4):
        needed = 4 if size == 1 else 3
        for phase in range(size):
            run = 1
            for start in range(phase + size, len(tokens) - size + 1, size):
                if tokens[start : start + size] == tokens[start - size : start]:
                    run += 1
                    if run >= needed:
                        return " ".join(tokens[start : start + size])
                else:
                    run = 1
    return None
