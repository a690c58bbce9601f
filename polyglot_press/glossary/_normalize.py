"""Normalising glossary terms and text: tokens, case folding, plural keys, Korean patterns."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Literal, cast

from polyglot_press._languages import GLOSSARY_LANGUAGES

Lang = Literal["fr", "en", "ko"]
EntryKind = Literal["term", "keep"]

#: The glossary's columns, from the one table of languages.
LANGUAGES: tuple[Lang, ...] = tuple(cast(Lang, code) for code in GLOSSARY_LANGUAGES)

KINDS: tuple[EntryKind, ...] = ("term", "keep")


# A French/English word token; combining accents stay inside the word for decomposed input,
# and the modifier-letter apostrophe (U+02BC, a \w character) separates words like ’ does.
_TOKEN = re.compile(r"(?:[^\W\u02bc]|[\u0300-\u036f])+|[%&+]")
_SPLIT = re.compile(rf"({_TOKEN.pattern})")
# What may separate two tokens of one multi-word term: spaces of any width, hyphens,
# apostrophes, slashes, and at most one line break (a term wrapped over two lines).
_SPACE = " \t\r\u00a0\u2007\u2009\u202f"
_GAP = re.compile(rf"[{_SPACE}\-\u2010\u2011\u2012\u2013'\u2019\u02bc/]*\n?[{_SPACE}]*")
_HANGUL = "\uac00-\ud7a3\u3131-\u318e"
# After a Korean term: a particle (any Hangul) or a non-word character, never more Latin/digits.
KOREAN_END = rf"(?!(?![{_HANGUL}])\w)"


def check_lang(lang: str) -> Lang:
    if lang not in LANGUAGES:
        choices = ", ".join(LANGUAGES)
        raise ValueError(f"unsupported glossary language {lang!r}; use one of {choices}")
    return lang


#: What an entry's note may say, as ``key=value`` parts separated by ``;``:
#: ``forms``   extra French surface forms (``forms=présidente|présidentes``);
#: ``en_plural`` the English plural when it is not regular;
#: ``en_also``/``ko_also`` other target forms a translation may use (``en_also=US|U.S.``);
#: ``context`` words one of which must be in the same text for the entry to apply (an
#:             ambiguous word in its automotive sense: ``couple`` is torque near ``moteur``).
NOTE_FIELDS = ("forms", "en_plural", "en_also", "ko_also", "context")


def _note_fields(note: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for part in note.split(";"):
        key, sep, value = part.partition("=")
        if sep and key.strip() in NOTE_FIELDS:
            fields[key.strip()] = value.strip()
    return fields


@lru_cache(maxsize=4096)
def english_plural(en: str, note: str) -> str:
    if not en:
        return ""
    override = _note_fields(note).get("en_plural")
    return override if override else pluralize_en(en)


def forms_from_note(note: str) -> tuple[str, ...]:
    return note_list(note, "forms")


@lru_cache(maxsize=8192)
def note_list(note: str, key: str) -> tuple[str, ...]:
    """The ``|``-separated values of ``key=`` in an entry's note (``forms=a|b``)."""
    values = _note_fields(note).get(key, "")
    return tuple(value.strip() for value in values.split("|") if value.strip())


@lru_cache(maxsize=131_072)
def fold(token: str) -> str:
    return unicodedata.normalize("NFC", token).casefold().replace("œ", "oe").replace("æ", "ae")


@lru_cache(maxsize=131_072)
def key_fr(token: str) -> str:
    """Case-folded French token with a regular plural (-s, -x, -aux) reduced to the singular."""
    word = fold(token)
    if len(word) <= 3:
        return word
    if word.endswith("eaux"):
        return word[:-1]
    if word.endswith("aux"):
        return word[:-3] + "al"
    if word.endswith(("s", "x")):
        return word[:-1]
    return word


@lru_cache(maxsize=131_072)
def key_en(token: str) -> str:
    """Case-folded English token with a regular plural reduced to the singular."""
    word = fold(token)
    if len(word) <= 3 or word.endswith("ss"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


KEY_FUNCTIONS = {"fr": key_fr, "en": key_en}


@lru_cache(maxsize=131_072)
def exact_form(token: str) -> str:
    return unicodedata.normalize("NFC", token)


def tokens_of(text: str) -> list[str]:
    return [match.group() for match in _TOKEN.finditer(text)]


@dataclass(frozen=True, slots=True)
class Tokenized:
    """A text cut into word tokens, with the text between them (``re.split`` keeps it cheap)."""

    text: str
    pieces: list[str]  # gap, word, gap, word, ..., gap

    @classmethod
    def of(cls, text: str) -> Tokenized:
        return cls(text, _SPLIT.split(text))

    @property
    def words(self) -> list[str]:
        return self.pieces[1::2]

    def offsets(self) -> list[int]:
        """``offsets[2 * i]`` is where word ``i`` starts, ``offsets[2 * i + 1]`` where it ends."""
        return list(accumulate(map(len, self.pieces)))

    def joined(self, index: int, size: int) -> bool:
        """True when words ``index..index+size-1`` are separated only by spaces, hyphens,
        apostrophes or slashes."""
        return all(_GAP.fullmatch(self.pieces[2 * i + 2]) for i in range(index, index + size - 1))


_KO_SPACING = re.compile(r"[\s\-\u2010\u2011\u2013]+")


def compact_ko(text: str) -> str:
    return _KO_SPACING.sub("", unicodedata.normalize("NFC", text))


def is_plural_form(found: Sequence[str], base: Sequence[str]) -> bool:
    """True when a found token ends in -s/-x where the base form's token does not."""
    pairs = zip(found, base, strict=False) if len(found) == len(base) else [(found[-1], base[-1])]
    for found_token, base_token in pairs:
        word, singular = fold(found_token), fold(base_token)
        if word != singular and word.endswith(("s", "x")) and not singular.endswith(("s", "x")):
            return True
    return False


def pluralize_en(phrase: str) -> str:
    """A simple English plural: the head noun (last word, or the word before ``of``/``per``).

    Acronyms take ``s`` (``SUVs``); words that already end in ``s`` are left alone.
    """
    words = phrase.split(" ")
    head = len(words) - 1
    for index, word in enumerate(words[1:], start=1):
        if word in ("of", "per", "for", "in", "with"):
            head = index - 1
            break
    word = words[head]
    if word.isupper() or word[-1:].isdigit():
        plural = word + "s"
    elif word.endswith("s"):
        plural = word
    elif word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        plural = word[:-1] + "ies"
    elif word.endswith(("x", "z", "ch", "sh")):
        plural = word + "es"
    else:
        plural = word + "s"
    return " ".join([*words[:head], plural, *words[head + 1 :]])


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "entry"


def entry_identity(fr: str, en: str) -> tuple[str, ...]:
    """How entries are identified when merging files: the normalised French term, or the
    English one for an entry without French."""
    if fr.strip():
        return ("fr", *(tuple(key_fr(token) for token in tokens_of(fr)) or (fr.strip(),)))
    return ("en", *(tuple(key_en(token) for token in tokens_of(en)) or (en.strip(),)))


def korean_pattern(term: str) -> str:
    parts = []
    for char in unicodedata.normalize("NFC", term.strip()):
        if char.isspace():
            parts.append(r"\s*")
        elif char in "-\u2010\u2011\u2013":
            parts.append(r"[\-\u2010\u2011\u2013\s]?")
        else:
            parts.append(re.escape(char))
    return re.sub(r"(?:\\s\*)+", r"\\s*", "".join(parts))
