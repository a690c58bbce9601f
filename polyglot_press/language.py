"""Language detection and routing: which language is each document and each block in?

Detection layers cheap evidence over langdetect's character n-gram model:

1. the writing system: Hangul is Korean, kana Japanese, Thai Thai…, decided without a model;
   scripts shared by several languages (Cyrillic, Arabic, Devanagari) go to langdetect with
   only that script's profiles;
2. Latin-script text goes to langdetect restricted to Latin-script profiles (seeded, so
   results are reproducible);
3. an English or French verdict must be confirmed by function words (``the``, ``of`` … /
   ``le``, ``des`` …) and by the letters used: langdetect knows 55 languages, so text in any
   other Latin-script language tends to come out as English. Unconfirmed verdicts become
   ``"und"`` (undetermined), a clear status for callers rather than a wrong route.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from polyglot_press.documents import BlockKind, Document, plain_text

if TYPE_CHECKING:
    from langdetect.detector_factory import DetectorFactory

UNDETERMINED = "und"
#: Languages the pipeline translates from; everything else is routed as "other".
ROUTED_LANGUAGES = ("fr", "en", "ko")
#: Below this many letters a text is too short to judge and inherits the caller's default.
MIN_LETTERS = 20

Basis = Literal["script", "model", "inherited", "none"]


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """The language of a text.

    ``code`` is an ISO 639-1 code, or ``"und"`` when the language cannot be determined.
    ``confidence`` is in [0, 1]; ``reliable`` says whether to act on ``code`` without a
    fallback. ``basis`` says what decided: the writing system, the n-gram model, the
    caller's default (text too short), or nothing (no letters).
    """

    code: str
    confidence: float
    reliable: bool
    basis: Basis

    def to_dict(self) -> dict[str, Any]:
        return {
            "language": self.code,
            "confidence": round(self.confidence, 4),
            "reliable": self.reliable,
            "basis": self.basis,
        }


# Scripts -----------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Writing systems used (among FLORES-200 languages) by one main language.
_SCRIPT_LANGUAGE = {
    "HANGUL": "ko",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "CJK": "zh",
    "THAI": "th",
    "GREEK": "el",
    "HEBREW": "he",
    "GEORGIAN": "ka",
    "ARMENIAN": "hy",
    "ETHIOPIC": "am",
    "KHMER": "km",
    "LAO": "lo",
    "MYANMAR": "my",
    "SINHALA": "si",
    "TAMIL": "ta",
    "TELUGU": "te",
    "KANNADA": "kn",
    "MALAYALAM": "ml",
    "GUJARATI": "gu",
    "GURMUKHI": "pa",
    "ORIYA": "or",
    "TIBETAN": "bo",
    "BENGALI": "bn",
}
#: Writing systems shared by several languages langdetect knows: its profiles for that script.
_SCRIPT_PROFILES = {
    "CYRILLIC": ("ru", "uk", "bg", "mk"),
    "ARABIC": ("ar", "fa", "ur"),
    "DEVANAGARI": ("hi", "mr", "ne"),
}
_LATIN_PROFILES = tuple(
    sorted(
        _words("af ca cs cy da de en es et fi fr hr hu id it lt lv nl no pl pt ro sk sl so sq")
        | _words("sv sw tl tr vi")
    )
)


@functools.lru_cache(maxsize=4096)
def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    if name.startswith("CJK"):
        return "CJK"
    return name.split(" ", 1)[0]


def _script_counts(text: str) -> Counter[str]:
    return Counter(_script(char) for char in text if char.isalpha())


# Function words ----------------------------------------------------------------------------

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
class _Evidence:
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


def _evidence(text: str) -> _Evidence:
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
        return _Evidence(0.0, 0.0, 0.0, 0.0)
    foreign = sum(char not in _FRENCH_LETTERS for char in letters)
    accented = sum(not char.isascii() for char in letters) - foreign
    return _Evidence(
        english=english / considered,
        french=french / considered,
        foreign_letters=foreign / len(letters),
        accented=accented / len(letters),
    )


# langdetect ----------------------------------------------------------------------------------


@functools.cache
def _factory(profiles: tuple[str, ...]) -> DetectorFactory:
    """A private, seeded langdetect factory with only the given language profiles."""
    from pathlib import Path

    import langdetect
    from langdetect.detector_factory import DetectorFactory

    directory = Path(langdetect.__file__).parent / "profiles"
    factory = DetectorFactory()
    factory.load_json_profile([(directory / code).read_text("utf-8") for code in profiles])
    factory.set_seed(0)
    return factory


def _model_guess(text: str, profiles: tuple[str, ...], *, trials: int = 3) -> tuple[str, float]:
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory(profiles).create()
    # langdetect averages 7 random walks over the n-grams by default; 3 give the same
    # verdicts on sentence-length text at less than half the cost.
    detector.n_trial = trials
    detector.set_max_text_length(_MAX_DETECTION_CHARS)
    detector.append(text)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return UNDETERMINED, 0.0
    code = str(best.lang).split("-")[0]  # zh-cn, zh-tw
    return code, float(best.prob)


_MAX_DETECTION_CHARS = 3000


# Detection -----------------------------------------------------------------------------------


def detect_language(text: str, *, default: str | None = None) -> LanguageGuess:
    """Guess the language of ``text`` (plain text, no markup).

    Texts with fewer than :data:`MIN_LETTERS` letters return ``default`` (typically the
    document's language) with ``basis="inherited"`` when one is given. Hangul and other
    single-language scripts are decided by script; Latin text by langdetect with
    English/French verdicts confirmed by function words. Returns code ``"und"`` when the
    language cannot be determined.
    """
    scripts = _script_counts(text[:_MAX_DETECTION_CHARS])
    letters = sum(scripts.values())
    if letters < MIN_LETTERS and default is not None:
        return LanguageGuess(default, 0.0, False, "inherited")
    if letters == 0:
        return LanguageGuess(UNDETERMINED, 0.0, False, "none")
    long_enough = letters >= MIN_LETTERS
    if scripts["HANGUL"] >= 0.3 * letters:
        return LanguageGuess("ko", scripts["HANGUL"] / letters, long_enough, "script")
    script, count = scripts.most_common(1)[0]
    if script != "LATIN":
        return _non_latin_guess(text, script, count / letters, scripts, long_enough)
    evidence = _evidence(text[:_MAX_DETECTION_CHARS])
    # Text that cannot be English or French only needs naming: one random walk suffices.
    trials = 3 if evidence.could_be("en") or evidence.could_be("fr") else 1
    code, probability = _model_guess(text, _LATIN_PROFILES, trials=trials)
    # English or French needs the model and function words to agree: a confident model and
    # plausible words, or a hesitant model and strong words.
    confirmed = evidence.strongly(code) if probability < 0.9 else evidence.could_be(code)
    if code in ("en", "fr") and not confirmed:
        return LanguageGuess(UNDETERMINED, 1.0 - probability, False, "model")
    reliable = long_enough and probability >= 0.8
    return LanguageGuess(code, probability, reliable, "model")


def _non_latin_guess(
    text: str, script: str, share: float, scripts: Counter[str], long_enough: bool
) -> LanguageGuess:
    if script in ("CJK", "HIRAGANA", "KATAKANA"):
        kana = scripts["HIRAGANA"] + scripts["KATAKANA"]
        code = "ja" if kana >= 0.1 * (kana + scripts["CJK"]) else "zh"
        return LanguageGuess(code, share, long_enough, "script")
    if script in _SCRIPT_LANGUAGE:
        return LanguageGuess(_SCRIPT_LANGUAGE[script], share, long_enough, "script")
    if script in _SCRIPT_PROFILES:
        code, probability = _model_guess(text, _SCRIPT_PROFILES[script])
        return LanguageGuess(code, probability * share, long_enough and probability >= 0.8, "model")
    return LanguageGuess(UNDETERMINED, 0.0, False, "script")


# Routing -------------------------------------------------------------------------------------

_BODY_KINDS = frozenset(
    {BlockKind.TITLE, BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM}
)
# Formulaic blocks (place names and a date) that n-gram models misjudge.
_INHERITING_KINDS = frozenset({BlockKind.DATELINE})


def route_document(doc: Document) -> Document:
    """Set ``Document.lang``, ``Document.lang_confidence`` and each translatable block's ``lang``.

    Each translatable block is detected on its own. The document language is the one that
    covers most letters of the body (title, headings, paragraphs, list items), so a French
    release with an English quote or an English "About …" section stays French while those
    blocks route as English; ``lang_confidence`` is then the share of those letters. When no
    block can be judged alone, the blocks are judged together, and a verdict that is still
    unreliable only stands if the writing system or function words back it ("Titre" alone is
    not Romanian). Blocks whose guess is unreliable (short, ambiguous) and datelines inherit
    the document language. Non-translatable blocks (contacts, raw markup) get ``lang=None``.
    A document whose language cannot be determined gets ``"und"``, and so do its unreliable
    blocks.
    """
    return _route(doc)[0]


def _route(doc: Document) -> tuple[Document, LanguageGuess, list[LanguageGuess | None]]:
    texts = [plain_text(b.text, doc.format) if b.translatable else "" for b in doc.blocks]
    own = [
        detect_language(text) if block.translatable else None
        for block, text in zip(doc.blocks, texts, strict=True)
    ]
    doc_guess = _majority(doc, texts, own)
    blocks = []
    guesses: list[LanguageGuess | None] = []
    for block, text, guess in zip(doc.blocks, texts, own, strict=True):
        if guess is None:
            blocks.append(replace(block, lang=None))
            guesses.append(None)
            continue
        keeps_own = guess.reliable and block.kind not in _INHERITING_KINDS
        if not keeps_own and doc_guess.code == UNDETERMINED:
            guess = _backed(guess, text)
        elif not keeps_own and guess.code != doc_guess.code:
            guess = LanguageGuess(doc_guess.code, 0.0, False, "inherited")
        blocks.append(replace(block, lang=guess.code))
        guesses.append(guess)
    routed = replace(
        doc, blocks=tuple(blocks), lang=doc_guess.code, lang_confidence=doc_guess.confidence
    )
    return routed, doc_guess, guesses


def _majority(
    doc: Document, texts: list[str], guesses: list[LanguageGuess | None]
) -> LanguageGuess:
    """The language covering most letters of the body blocks' reliable guesses."""
    letters: Counter[str] = Counter()
    total = 0
    for block, text, guess in zip(doc.blocks, texts, guesses, strict=True):
        if guess is None or block.kind not in _BODY_KINDS:
            continue
        count = sum(char.isalpha() for char in text)
        total += count
        if guess.reliable:
            letters[guess.code] += count
    if not letters:  # only short or ambiguous blocks: judge them together
        body = "\n".join(t for t, g in zip(texts, guesses, strict=True) if g is not None)
        body = body[:_MAX_DETECTION_CHARS]
        return _backed(detect_language(body), body)
    code, count = letters.most_common(1)[0]
    share = count / total
    return LanguageGuess(code, share, share >= 0.5, "model")


def _backed(guess: LanguageGuess, text: str) -> LanguageGuess:
    """``guess`` if it is reliable or backed by more than the n-gram model, else ``"und"``.

    On a few words langdetect names a language at random ("Titre" comes out Romanian, "Autre
    texte." Norwegian), so an unreliable model verdict stands only for English or French, which
    :func:`detect_language` has confirmed with function words; a script verdict (Hangul …)
    always stands. Failing that, strong French or English function words decide.
    """
    if guess.reliable or guess.basis == "script" or guess.code in ("en", "fr"):
        return guess
    evidence = _evidence(text)
    for code, share in (("fr", evidence.french), ("en", evidence.english)):
        if evidence.strongly(code):
            return LanguageGuess(code, share, False, "model")
    return LanguageGuess(UNDETERMINED, 0.0, False, guess.basis)


@dataclass(frozen=True, slots=True)
class BlockRouting:
    """How one block was routed."""

    kind: BlockKind
    lang: str | None
    guess: LanguageGuess | None
    text: str


@dataclass(frozen=True, slots=True)
class RoutingReport:
    """A routed document with the evidence behind each decision (for ``polyglot-press detect``)."""

    document: Document
    guess: LanguageGuess
    blocks: tuple[BlockRouting, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.document.source,
            **self.guess.to_dict(),
            "language": self.document.lang,
            "blocks": [
                {
                    "kind": str(b.kind),
                    "language": b.lang,
                    "confidence": round(b.guess.confidence, 4) if b.guess else 0.0,
                    "basis": b.guess.basis if b.guess else None,
                    "text": b.text,
                }
                for b in self.blocks
            ],
        }


def describe_routing(doc: Document) -> RoutingReport:
    """Route ``doc`` and keep each guess, for reporting.

    The report lists the blocks that have text: markup with none (``</ul>``, ``<blockquote>``)
    is left out.
    """
    routed, doc_guess, guesses = _route(doc)
    blocks = []
    for block, guess in zip(routed.blocks, guesses, strict=True):
        text = plain_text(block.text, doc.format)
        if block.kind is not BlockKind.RAW or text.strip():
            blocks.append(BlockRouting(block.kind, block.lang, guess, text))
    return RoutingReport(document=routed, guess=doc_guess, blocks=tuple(blocks))
