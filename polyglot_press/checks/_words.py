"""Words and folding shared by the checks."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["HANGUL", "LETTER", "TOKEN", "WORD", "fold", "fold_key", "without", "words"]

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
TOKEN = re.compile(r"\S+")
HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
LETTER = re.compile(r"[^\W\d_]")


def fold_key(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c)
    )


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case without diacritics: ``Stéphane`` and ``stephane`` compare equal (cached:
    the checks fold the same words, names and keep-list entries sentence after sentence)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return [fold(word) for word in WORD.findall(text)]


def without(text: str, protected: Iterable[str]) -> str:
    """``text`` with every protected string (spans, names) blanked out, with the letters
    glued to its end (``120 million`` takes the ``s`` of ``120 millions``)."""
    for piece in sorted({p for p in protected if p}, key=len, reverse=True):
        text = re.sub(re.escape(piece) + r"[A-Za-z]*", " ", text)
    return text
