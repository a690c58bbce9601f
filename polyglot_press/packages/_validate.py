"""Install-time validation: a package must load and translate before it is installed.

A package can pass every layout check and still be unusable: a ``model.bin`` that CTranslate2
cannot read, a tokenizer file from another package, a vocabulary that does not match. So before
an archive is moved into the package directory, :func:`check_package_loads` loads the extracted
copy through a :class:`PackageProbe`, checks that a probe sentence tokenizes into the model's
vocabulary, and translates it.

The probe is given by the caller (the CLI passes ``polyglot_press.pipeline.EngineProbe``, the
translation backend that translates later): this layer manages package files and never imports
the translation engine, which sits above it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from polyglot_press.errors import ModelError
from polyglot_press.packages._family import (
    SENTENCEPIECE_MODEL,
    VOCABULARY_FILES,
    tokenizer_file_in_dir,
)
from polyglot_press.packages._model import InstalledPackage

__all__ = ["PROBE_SENTENCES", "PackageProbe", "ProbeModel", "check_package_loads"]


class ProbeModel(Protocol):
    """A package loaded for the check: its tokenizer, and a greedy translation of tokens."""

    def encode(self, text: str) -> list[str]: ...

    def translate(self, tokens: Sequence[str], max_tokens: int) -> str:
        """The translation of ``tokens`` (at most ``max_tokens`` long), detokenized."""
        ...


class PackageProbe(Protocol):
    """Loads a package as translation will; raises :class:`ModelError` when it cannot."""

    def __call__(self, package: InstalledPackage) -> ProbeModel: ...


# Short, plain sentences: every real package's vocabulary covers nearly all their subwords.
PROBE_SENTENCES = {
    "en": "The company presented its new electric car in Paris.",
    "fr": "L'entreprise a présenté sa nouvelle voiture électrique à Paris.",
    "ko": "회사는 파리에서 새로운 전기차를 공개했다.",
    "de": "Das Unternehmen stellte in Paris sein neues Elektroauto vor.",
    "es": "La empresa presentó su nuevo coche eléctrico en París.",
    "it": "L'azienda ha presentato la sua nuova auto elettrica a Parigi.",
}
# Thresholds of the tokenizer/model match, measured on the fixture packages of the three
# families (tiny and small): a tokenizer and its own model's vocabulary agree on 100% (OPUS-MT
# SentencePiece) or 93% (argos-train: OpenNMT-py drops pieces unused in its training data) of
# the tokenizer's pieces and 82% of the BPE merge results (intermediate merges that are always
# merged further never reach the vocabulary); another package's tokenizer agrees on at most 53%
# of its pieces and 22% of its merges. The limits sit between, with margin on both sides.
#: Above this share of a SentencePiece model's pieces missing from the vocabulary, it is foreign.
MAX_MISSING_PIECES = 0.25
#: Above this share of BPE merge results missing from the vocabulary, the codes are foreign.
MAX_MISSING_MERGES = 0.5
#: Above this many subwords per word of the probe sentence, the tokenizer shreds the language it
#: should know: its own tokenizer splits a probe word into at most 2.9 pieces on the tiny
#: fixtures (about 1.5 in real packages), a foreign one into 4 to 5 pieces.
MAX_PIECES_PER_WORD = 3.5
#: Below this share of probe tokens found in the model's vocabulary, the probe turned into
#: unknown tokens (a matching pair scores 100%).
MIN_KNOWN_SHARE = 0.8
_PROBE_MAX_TOKENS = 32
_REINSTALL_HINT = "the package is damaged or not an Argos package: download it again"
_FOREIGN_TOKENIZER_HINT = "re-download the package"
_END_OF_WORD = "</w>"


def check_package_loads(package: InstalledPackage, label: str, probe: PackageProbe) -> None:
    """Raise :class:`ModelError` naming what is wrong if ``package`` cannot translate.

    ``label`` names the package for the user (the archive's file name); ``probe`` loads it.
    """
    try:
        model = probe(package)
    except ModelError as error:
        # The package sits in a scratch folder the user never sees: name it by its folder.
        reason = error.message.replace(str(package.path), package.path.name)
        raise ModelError(
            f"{label} was not installed: it does not load ({reason})",
            hint=_REINSTALL_HINT,
        ) from error
    sentence = PROBE_SENTENCES.get(package.source, PROBE_SENTENCES["en"])
    try:
        tokens = model.encode(sentence)
    except (ModelError, RuntimeError, ValueError, OSError) as error:
        raise ModelError(
            f"{label} was not installed: its tokenizer fails on a probe sentence ({error})",
            hint=_REINSTALL_HINT,
        ) from error
    _check_vocabulary_match(package, tokens, label)
    try:
        model.translate(tokens, _PROBE_MAX_TOKENS)
    except (RuntimeError, ValueError, IndexError) as error:
        raise ModelError(
            f"{label} was not installed: it fails to translate a probe sentence ({error})",
            hint=_REINSTALL_HINT,
        ) from error


def _check_vocabulary_match(package: InstalledPackage, tokens: list[str], label: str) -> None:
    """Refuse a tokenizer that belongs to another model, by its inventory and by the probe.

    Counting probe tokens found in the vocabulary alone is not enough: a foreign tokenizer
    splits the probe into characters and short pieces, which every vocabulary has.
    """
    vocabulary_file, vocabulary = _read_vocabulary(package.path)
    if vocabulary_file is None:
        return  # nothing to compare against
    tokenizer_file = tokenizer_file_in_dir(package.path)
    if tokenizer_file is None:
        return  # the layout check already refused a package without one
    inventory, unit = _tokenizer_inventory(package.path / tokenizer_file)
    if inventory:
        missing = sum(piece not in vocabulary for piece in inventory) / len(inventory)
        limit = MAX_MISSING_PIECES if tokenizer_file == SENTENCEPIECE_MODEL else MAX_MISSING_MERGES
        if missing > limit:
            raise _foreign_tokenizer(
                label,
                tokenizer_file,
                f"{missing:.0%} of its {unit} are missing from the model's vocabulary "
                f"({vocabulary_file})",
            )
    probe = PROBE_SENTENCES.get(package.source)
    if probe is None or not tokens:
        return  # no probe written in the source language: its splits say nothing
    known = sum(token in vocabulary for token in tokens)
    if known < MIN_KNOWN_SHARE * len(tokens):
        raise _foreign_tokenizer(
            label,
            tokenizer_file,
            f"only {known} of {len(tokens)} tokens of a probe sentence are in {vocabulary_file}",
        )
    pieces_per_word = len(tokens) / max(1, len(probe.split()))
    if pieces_per_word > MAX_PIECES_PER_WORD:
        raise _foreign_tokenizer(
            label,
            tokenizer_file,
            f"it shreds a probe sentence into {pieces_per_word:.1f} pieces per word",
        )


def _foreign_tokenizer(label: str, tokenizer_file: str, evidence: str) -> ModelError:
    return ModelError(
        f"{label} was not installed: its tokenizer ({tokenizer_file}) does not match the "
        f"model's vocabulary — the tokenizer does not belong to this model: {evidence}",
        hint=_FOREIGN_TOKENIZER_HINT,
    )


def _tokenizer_inventory(path: Path) -> tuple[list[str], str]:
    """The subwords ``path`` can produce and what to call them (empty if it cannot be read)."""
    if path.name == SENTENCEPIECE_MODEL:
        return _sentencepiece_pieces(path), "pieces"
    return _bpe_merge_results(path), "merged subwords"


def _sentencepiece_pieces(path: Path) -> list[str]:
    """Normal and user-defined pieces: control, unknown, unused and byte pieces are not text."""
    import sentencepiece

    try:
        processor = sentencepiece.SentencePieceProcessor(model_file=str(path))
    except (OSError, RuntimeError):
        return []  # the backend already loaded it: an unreadable file is reported there
    return [
        processor.id_to_piece(piece_id)
        for piece_id in range(processor.get_piece_size())
        if not (
            processor.is_control(piece_id)
            or processor.is_unknown(piece_id)
            or processor.is_unused(piece_id)
            or processor.is_byte(piece_id)
        )
    ]


def _bpe_merge_results(path: Path) -> list[str]:
    """What each subword-nmt merge produces, spelt as in the vocabulary.

    A merge ending in ``</w>`` makes a word-final subword (``es``), any other a subword that
    continues (``pr@@``).
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    results = []
    for line in lines:
        pair = line.split()
        if line.startswith("#version") or len(pair) != 2:
            continue
        merged = pair[0] + pair[1]
        results.append(
            merged.removesuffix(_END_OF_WORD) if merged.endswith(_END_OF_WORD) else f"{merged}@@"
        )
    return results


def _read_vocabulary(package_dir: Path) -> tuple[str | None, frozenset[str]]:
    """The model's (source) vocabulary and its file name, or ``(None, ∅)`` if unreadable."""
    for relative in VOCABULARY_FILES:
        path = package_dir / relative
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if relative.endswith(".json"):
            try:
                tokens = json.loads(text)
            except ValueError:
                return None, frozenset()
            return relative, frozenset(t for t in tokens if isinstance(t, str))
        return relative, frozenset(text.splitlines())
    return None, frozenset()
