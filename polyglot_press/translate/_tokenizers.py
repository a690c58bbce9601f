"""The two subword tokenizer families of Argos packages, chosen from the package's files.

Like ``argostranslate.package``, a package with ``sentencepiece.model`` uses SentencePiece and
one with only ``bpe.model`` (OPUS-MT "normalization + tokenization + BPE" conversions) uses
Moses normalisation and tokenization plus subword-nmt BPE. Encoding is exactly
argostranslate's. Decoding is argostranslate's too, except where it corrupts text:

- SentencePiece: pieces the model does not know (the target side of an OPUS-MT conversion that
  ships only the source model, or a source token CTranslate2 copied in for ``<unk>``) are kept
  as written with ``▁`` turned into a space, rather than decoded to ``⁇``; argostranslate's
  extra ``_`` → space replacement is not applied, since it breaks e-mails and URLs.
- BPE: a ``@@`` continuation left at the end of the output (a copied source token) is dropped.

``<unk>`` tokens the model emits are dropped in both families (with ``replace_unknowns``,
CTranslate2 has already replaced them by the source token they attend to).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from polyglot_press.errors import ModelError
from polyglot_press.packages import BPE_MODEL, SENTENCEPIECE_MODEL, tokenizer_file_in_dir

TokenizerFamily = Literal["sentencepiece", "bpe"]

_SPACE = "▁"
_BPE_JOINER = "@@"
_UNKNOWN_TOKENS = frozenset({"<unk>", "⁇"})


def tokenizer_family(package_dir: Path) -> TokenizerFamily | None:
    """Which tokenizer ``package_dir`` ships, or ``None``: the file
    :func:`~polyglot_press.packages.tokenizer_file_in_dir` picks (argostranslate's order), so
    the package layer and the engine never disagree."""
    name = tokenizer_file_in_dir(package_dir)
    if name is None:
        return None
    return "sentencepiece" if name == SENTENCEPIECE_MODEL else "bpe"


def load_tokenizer(
    package_dir: Path, source: str, target: str
) -> SentencePieceTokenizer | BpeTokenizer:
    """The tokenizer of the package at ``package_dir`` (raises :class:`ModelError`)."""
    family = tokenizer_family(package_dir)
    if family is None:
        raise ModelError(
            f"{package_dir} has neither sentencepiece.model nor bpe.model",
            hint="reinstall the package (polyglot-press models install ...)",
        )
    try:
        if family == "sentencepiece":
            return SentencePieceTokenizer(package_dir / SENTENCEPIECE_MODEL)
        return BpeTokenizer(package_dir / BPE_MODEL, source, target)
    except (RuntimeError, ValueError, OSError, UnicodeDecodeError) as error:
        raise ModelError(
            f"cannot read the {family} model of {package_dir}: {error}",
            hint="reinstall the package (polyglot-press models install ...)",
        ) from error


class SentencePieceTokenizer:
    """SentencePiece encoding; decoding that never prints ``⁇`` nor leaves ``▁``."""

    family: TokenizerFamily = "sentencepiece"

    def __init__(self, model_file: Path) -> None:
        import sentencepiece

        self._processor = sentencepiece.SentencePieceProcessor(model_file=str(model_file))

    def encode(self, text: str) -> list[str]:
        pieces: list[str] = self._processor.encode(text, out_type=str)
        return pieces

    def decode(self, tokens: Sequence[str]) -> str:
        processor = self._processor
        parts: list[str] = []
        pending = bytearray()
        for piece in tokens:
            piece_id = processor.piece_to_id(piece)
            known = not processor.is_unknown(piece_id) or piece == "<unk>"
            if known and processor.is_byte(piece_id):
                pending.append(int(piece[3:5], 16))
                continue
            if pending:
                parts.append(pending.decode("utf-8", errors="ignore"))
                pending.clear()
            if (known and (processor.is_control(piece_id) or processor.is_unknown(piece_id))) or (
                piece in _UNKNOWN_TOKENS
            ):
                continue
            parts.append(piece)
        if pending:
            parts.append(pending.decode("utf-8", errors="ignore"))
        text = "".join(parts).replace(_SPACE, " ")
        # SentencePiece drops the spaces before the first word (its dummy prefix).
        return text.lstrip(" ")


class BpeTokenizer:
    """sacremoses + subword-nmt BPE, as argostranslate runs OPUS-MT BPE packages."""

    family: TokenizerFamily = "bpe"

    def __init__(self, codes_file: Path, source: str, target: str) -> None:
        from argostranslate.apply_bpe import BPE
        from sacremoses.normalize import MosesPunctNormalizer
        from sacremoses.tokenize import MosesDetokenizer, MosesTokenizer

        self._normalizer = MosesPunctNormalizer(source)
        self._tokenizer = MosesTokenizer(source)
        self._detokenizer = MosesDetokenizer(target)
        with codes_file.open(encoding="utf-8") as codes:
            self._bpe: Any = BPE(codes)
        # sacremoses' objects keep no state between calls, but BPE fills a cache dict.
        self._lock = threading.Lock()

    def encode(self, text: str) -> list[str]:
        normalized = self._normalizer.normalize(text)
        tokenized = " ".join(self._tokenizer.tokenize(normalized))
        with self._lock:
            segmented: list[str] = self._bpe.segment_tokens(tokenized.strip("\r\n ").split(" "))
        return segmented

    def decode(self, tokens: Sequence[str]) -> str:
        kept = [token for token in tokens if token not in _UNKNOWN_TOKENS]
        if kept and kept[-1].endswith(_BPE_JOINER):
            kept[-1] = kept[-1][: -len(_BPE_JOINER)]
        words = " ".join(kept).replace(f"{_BPE_JOINER} ", "").split(" ")
        detokenized: str = self._detokenizer.detokenize(words)
        return detokenized
