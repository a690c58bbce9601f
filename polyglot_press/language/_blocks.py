"""Routing a document: a language for the document and for each block."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from polyglot_press.documents import BlockKind, Document, plain_text
from polyglot_press.language._detect import detect_language
from polyglot_press.language._guess import MAX_DETECTION_CHARS, UNDETERMINED, LanguageGuess
from polyglot_press.language._latin import LATIN_CANDIDATES, latin_evidence

_BODY_KINDS = frozenset(
    {BlockKind.TITLE, BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM}
)
# Share of function words that decides a text no model could place.
_STRONG_FUNCTION_WORDS = 0.3
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
        body = body[:MAX_DETECTION_CHARS]
        return _backed(detect_language(body), body)
    code, count = letters.most_common(1)[0]
    share = count / total
    return LanguageGuess(code, share, share >= 0.5, "model")


def _backed(guess: LanguageGuess, text: str) -> LanguageGuess:
    """``guess`` if it is reliable or backed by more than an n-gram profile, else ``"und"``.

    On a few words langdetect names a language at random ("Titre" comes out Romanian), so an
    unreliable verdict stands only for English or French, which :func:`detect_language` has
    weighed with lexicons and function words; a script verdict (Hangul …) always stands.
    Failing that, function words of one language and none of the other decide ("Des Ventes",
    a title-cased heading whose capitalised words count as names).
    """
    if guess.reliable or guess.basis == "script" or guess.code in LATIN_CANDIDATES:
        return guess
    # Judged on the first characters, as the guess was: on 5 MB the n-gram matrix took 1 GB.
    shares = latin_evidence(text[:MAX_DETECTION_CHARS]).function_words
    for code, rival in (("fr", "en"), ("en", "fr")):
        if shares[code] >= _STRONG_FUNCTION_WORDS and shares[rival] == 0.0:
            return LanguageGuess(code, shares[code], False, "model")
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
