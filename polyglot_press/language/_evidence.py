"""Function-word shares and letters: quick evidence for or against English and French."""

from __future__ import annotations

import re
from dataclasses import dataclass


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_ENGLISH_WORDS = _words(
    """the of and to in is was that for it with as on be by this are from at or an which have
    has not but they their were been also its he she his her will would can there more other
    than into after when who these we our said had all about up out only such most between
    during over some many may because so if what while where them those both through under
    being could should very how any each then since before do does did no just you my your"""
)
_FRENCH_WORDS = _words(
    """le la les de des du un une et est en dans pour que qui sur au aux par avec pas ne plus
    son sa ses ce cette ces il elle ils elles sont été être ont mais ou comme nous vous leur
    leurs était aussi entre sans sous depuis après avant lors dont où selon tout tous toutes
    même très déjà peut fait deux encore y se on à l d qu n s c j m"""
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Letters foreign to written English and French: their presence rules both out.
_FRENCH_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzàâæçéèêëîïôœùûüÿ")


@dataclass(frozen=True, slots=True)
class Evidence:
    """Function-word shares among lowercase words (capitalised names carry no language)."""

    english: float
    french: float
    foreign_letters: float  # share of letters outside the English/French alphabet
    accented: float  # share of letters with French accents

    def could_be(self, code: str) -> bool:
        """Whether function words and letters allow an English or French verdict."""
        if self.foreign_letters > 0.01:
            return False
        if code == "en":
            return self.english >= 0.2 and self.english > self.french and self.accented < 0.02
        if code == "fr":
            return self.french >= 0.2 and self.french > self.english
        return True

    def strongly(self, code: str) -> bool:
        """Function words of ``code`` are frequent and the other language's are absent."""
        own, other = (self.english, self.french) if code == "en" else (self.french, self.english)
        return self.could_be(code) and own >= 0.3 and other <= 0.05


def function_word_evidence(text: str) -> Evidence:
    words = _WORD.findall(text)
    letters = "".join(words).lower()
    # Capitalised words are mostly names, which carry no language; function words count
    # whatever their case (sentence-initial "The", "Les").
    english = french = considered = 0
    for word in words:
        lower = word.lower()
        in_english, in_french = lower in _ENGLISH_WORDS, lower in _FRENCH_WORDS
        if word[0].islower() or in_english or in_french:
            considered += 1
            english += in_english
            french += in_french
    if not considered:
        return Evidence(0.0, 0.0, 0.0, 0.0)
    foreign = sum(char not in _FRENCH_LETTERS for char in letters)
    accented = sum(not char.isascii() for char in letters) - foreign
    return Evidence(
        english=english / considered,
        french=french / considered,
        foreign_letters=foreign / len(letters),
        accented=accented / len(letters),
    )
