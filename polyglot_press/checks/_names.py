"""Names in a source sentence, and whether its translation carries them."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from difflib import SequenceMatcher
from functools import lru_cache

from polyglot_press.checks._flags import Flag
from polyglot_press.checks._words import HANGUL, fold, words

__all__ = ["contains", "name_candidates", "name_missing"]

# A name-like token: a capital then letters (Deblaise, McLaren, Citroën), an acronym (BMW),
# or an identifier mixing letters and digits (A320, 802.11n, ID.4).
_NAME_TOKEN = re.compile(
    r"(?<![\w.])(?:[A-ZÀ-ÖØ-Þ][\w’'-]{0,62}[^\W\d_]|[A-Z]{2,64}|(?=[\w.-]{0,64}\d)"
    r"(?=[\w.-]{0,64}[^\W\d_])[A-Za-z0-9][\w.-]{0,62}[A-Za-z0-9])(?![\w])"
)
#: Titles and honorifics, which translations write their own way (Mme → Ms).
_TITLES = frozenset({"m", "mm", "mme", "mmes", "mlle", "dr", "me", "mgr", "pr", "st", "ste"})
_ORDINAL = re.compile(r"(?<!\d)\d+(?:er|re|e|ème|eme|nd|nde|st|th|rd)|[IVXLC]+(?:e|ème)?", re.I)
# Times (19h30, 10:15), ages and other hyphenated words (20-year-old) are not names.
_NOT_A_NAME = re.compile(
    r"^\d{1,2}[h:.]\d{0,2}$|-[^\W\d_]{3,}|^[a-z]{2,}-\d|\d-[a-z]+-\d"
    r"|^\d+(?:[.,]\d+)?(?:bn|m|k|km|kg|h|am|pm|million|billion|s|st|nd|rd|th|è|e|er|ème)$",
    re.I,
)
#: What may stand between the words of one name: "Pays de Galles", "Bank of England".
_CONNECTOR_WORDS = frozenset(
    {"de", "du", "des", "d", "la", "le", "les", "of", "the", "del", "van", "von", "da"}
)
_CONNECTOR = re.compile(
    r"\s+|\s+(?:" + "|".join(sorted(_CONNECTOR_WORDS, key=len, reverse=True)) + r")\s+|\s+d['’]|-"
)
_SENTENCE_END = frozenset('.!?:;«»"“”()[]–—-\n')
#: Elisions before a name: "l'Alpine", "d'Renault".
_ELISION = re.compile(r"^(?:[ldjmnstcqu]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)


def name_candidates(
    source: str, source_lang: str, keep: Collection[str] = (), known: Collection[str] = ()
) -> list[str]:
    """Person, organisation and place names and identifiers of ``source``, in order.

    A name is a run of capitalised words (``Pays de Galles``, ``Stéphane Deblaise``) not
    explained by its position (a sentence start) or by being an ordinary word of the source
    language written with a capital (``Président``), an acronym, or an identifier with
    letters and digits (``A320``). ``keep`` lists words the glossary keeps as they are (they
    are checked as spans); ``known`` ordinary words. Times, ages and ordinals are not names.
    """
    kept = _folded(keep if isinstance(keep, frozenset) else frozenset(keep))
    runs: list[tuple[int, int, list[str]]] = []
    for match in _NAME_TOKEN.finditer(source):
        token = _ELISION.sub("", match.group()).strip("’'-.")
        folded = fold(token)
        if (
            len(token) < 2
            or folded in kept
            or folded in known
            or folded in _TITLES
            or _ORDINAL.fullmatch(token)
            or _NOT_A_NAME.search(token)
        ):
            continue
        has_digit = any(c.isdigit() for c in token)
        if not has_digit and not token.isupper():
            if _at_sentence_start(source, match.start()):
                continue  # a capital explained by the sentence start
            if _is_known_word(source_lang, token.lower()):
                continue
        elif not has_digit and len(token) > 2 and _is_known_word(source_lang, token.lower()):
            continue  # a word in capitals ("MERCI", "UNE"), not an acronym
        gap = source[runs[-1][1] : match.start()] if runs else ""
        if runs and _CONNECTOR.fullmatch(gap):
            runs[-1] = (runs[-1][0], match.end(), [*runs[-1][2], token])
        else:
            runs.append((match.start(), match.end(), [token]))
    return list(dict.fromkeys(source[a:b].strip("’'-.") for a, b, _ in runs))


@lru_cache(maxsize=8)
def _folded(words: frozenset[str]) -> frozenset[str]:
    # The glossary's keep-list is the same for every sentence of a run: fold it once.
    return frozenset(fold(word) for word in words)


def _at_sentence_start(text: str, at: int) -> bool:
    """Whether only spaces stand between ``at`` and the start of ``text`` or the end of a
    sentence or quote before it (a bounded look back: linear over a long text)."""
    index = at - 1
    while index >= 0 and at - index <= 32 and text[index].isspace() and text[index] != "\n":
        index -= 1
    return index < 0 or text[index] in _SENTENCE_END


def _is_known_word(lang: str, word: str) -> bool:
    from polyglot_press.language._lexicon import LEXICON_LANGUAGES, lexicon

    return lang in LEXICON_LANGUAGES and lexicon(lang).knows(word)


def name_missing(
    names: Sequence[str], output: str, target_lang: str, accepted: Collection[str] = ()
) -> Flag | None:
    """A name of the source is in the output neither as written (letter case and accents
    aside), nor in the target language's spelling (a shared beginning, ``Mexique``/``Mexico``,
    or a known exonym, ``Allemagne``/``Germany``), nor in an ``accepted`` form. Korean
    transliterates names and acronyms into Hangul, so only identifiers with digits, which it
    keeps in Latin letters, are checked there."""
    folded = fold(output)
    output_words = set(words(output))
    accepted_folded = {fold(a) for a in accepted}
    absent = []
    for name in names:
        if target_lang == "ko" and not any(c.isdigit() for c in name):
            continue
        if fold(name) in accepted_folded or _name_in(name, folded, output_words):
            continue
        absent.append(name)
    if not absent:
        return None
    listed = ", ".join(f"«{name}»" for name in absent[:3])
    return Flag(
        "name_missing",
        f"{listed} {'is' if len(absent) == 1 else 'are'} not in the output",
    )


def _name_in(name: str, folded_output: str, output_words: Collection[str]) -> bool:
    from polyglot_press.text import EXONYMS

    whole = fold(name)
    squeezed = "".join(words(whole))
    if squeezed and squeezed in "".join(words(folded_output)) and len(squeezed) > 5:
        return True  # "Sky Blues" written "Skyblues"
    if contains(folded_output, whole) or any(
        contains(folded_output, fold(form)) for form in EXONYMS.get(whole, ())
    ):
        return True
    if name.isupper() and _acronym_in(whole, folded_output):
        return True
    code = re.fullmatch(r"([a-z]{1,3})(\d+)", whole)
    if code and re.search(rf"\b[a-z]{{{len(code.group(1))}}}{code.group(2)}\b", folded_output):
        return True  # "PE19" (printemps-été) as "SS19"
    pieces = [p for p in _NAME_TOKEN.findall(name) if fold(p) not in _CONNECTOR_WORDS]
    if len(pieces) < 2:
        return bool(pieces) and _spelled_alike(fold(pieces[0]), output_words)
    # A person is often named by one part of the name only ("Kavanaugh", "Jones").
    return any(_name_in(piece, folded_output, output_words) for piece in pieces)


def _acronym_in(folded: str, folded_output: str) -> bool:
    """An acronym written with full stops (``DC`` as ``D.C.``) or with its letters in the
    target language's order (``CCCD`` as ``DCCC``: French puts the adjective after the noun)."""
    if contains(folded_output.replace(".", ""), folded):
        return True
    letters = sorted(folded)
    return len(folded) >= 3 and any(
        sorted(word) == letters for word in re.findall(r"\w+", folded_output)
    )


def contains(folded_output: str, folded: str) -> bool:
    if not folded:
        return False
    at = folded_output.find(folded)
    while at != -1:
        before = folded_output[at - 1] if at else " "
        end = at + len(folded)
        after = folded_output[end : end + 1] or " "
        if after == "s" and not folded_output[end + 1 : end + 2].isalnum():
            after = " "  # a plural: "MWPs"
        if HANGUL.match(after):
            after = " "  # a Korean particle: "K4는"
        if not before.isalnum() and not (after.isalnum() and folded[-1].isalnum()):
            return True
        at = folded_output.find(folded, at + 1)
    return False


def _spelled_alike(folded: str, output_words: Collection[str]) -> bool:
    """A word of the output shares the name's beginning (all but its last three letters)."""
    letters = "".join(words(folded))
    if len(letters) < 4:
        return False
    need = max(4, len(letters) - 3)
    return any(
        _common_prefix(letters, word) >= need
        or (
            len(letters) >= 5
            and word[:1] == letters[:1]
            and abs(len(word) - len(letters)) <= 2
            and SequenceMatcher(None, letters, word).ratio() >= 0.8
        )
        for word in output_words
    )  # "Hambourg" / "Hamburg", "Bachar" / "Bashar": one spelling adapted


def _common_prefix(left: str, right: str) -> int:
    size = 0
    for a, b in zip(left, right, strict=False):
        if a != b:
            break
        size += 1
    return size
