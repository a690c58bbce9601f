"""Which family a package belongs to (:class:`PackageFamily`), read from its files as
argostranslate reads them: the one place that tells a package's tokenizer.

argostranslate's ``Package`` takes ``sentencepiece.model`` if present, else ``bpe.model``. Among
SentencePiece packages, the vocabulary tells an OPUS-MT conversion (Marian's ``</s>``, ``<unk>``
first) from one trained by argos-train or Locomotive (OpenNMT-py's ``<unk>``, ``<blank>``, ``<s>``,
``</s>``, or ``<unk>``, ``<s>``, ``</s>`` for later packages).
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Callable
from pathlib import Path

SENTENCEPIECE_MODEL = "sentencepiece.model"
BPE_MODEL = "bpe.model"

# The CTranslate2 vocabulary files, newest layout first; a model converted by CTranslate2 1.x
# keeps one plain-text token per line, 2.x+ writes JSON lists.
VOCABULARY_FILES = (
    "model/shared_vocabulary.json",
    "model/shared_vocabulary.txt",
    "model/source_vocabulary.json",
    "model/source_vocabulary.txt",
)
_HEAD_BYTES = 4096
_FIRST_JSON_STRING = re.compile(r'\s*\[\s*("(?:[^"\\]|\\.)*")')

ReadHead = Callable[[str], bytes | None]


class PackageFamily(enum.Enum):
    """How a package was made, which decides how its text is tokenized.

    argostranslate picks the tokenizer from the files alone (``sentencepiece.model`` first, then
    ``bpe.model``); the two SentencePiece families differ in their vocabulary, which matters for
    decoding: OPUS-MT conversions ship only the *source* SentencePiece model.
    """

    #: OPUS-MT Marian model converted by LibreTranslate: Moses tokenisation + subword-nmt codes
    #: in ``bpe.model``, one shared vocabulary ordered ``</s>``, ``<unk>``.
    OPUS_BPE = "OPUS-MT BPE"
    #: OPUS-MT Marian model converted with its source SentencePiece model as
    #: ``sentencepiece.model``; vocabulary ordered ``</s>``, ``<unk>``.
    OPUS_SPM = "OPUS-MT SentencePiece"
    #: Trained by argos-train/Locomotive (OpenNMT-py): one joint SentencePiece model, vocabulary
    #: ordered ``<unk>``, ``<blank>``, ``<s>``, ``</s>``.
    ARGOS_SPM = "Argos SentencePiece"

    @property
    def label(self) -> str:
        return self.value

    @property
    def uses_sentencepiece(self) -> bool:
        return self is not PackageFamily.OPUS_BPE


def detect_family(exists: Callable[[str], bool], read_head: ReadHead) -> PackageFamily | None:
    """The family of a package given access to its files by relative path.

    ``exists`` says whether a file is there; ``read_head`` returns the first few kilobytes of a
    file (``None`` if it is missing). Returns ``None`` when no tokenizer file is present.
    """
    tokenizer = tokenizer_file(exists)
    if tokenizer == SENTENCEPIECE_MODEL:
        first = first_vocabulary_token(read_head)
        return PackageFamily.OPUS_SPM if first == "</s>" else PackageFamily.ARGOS_SPM
    return None if tokenizer is None else PackageFamily.OPUS_BPE


def tokenizer_file(exists: Callable[[str], bool]) -> str | None:
    """The tokenizer file a package is read with, argostranslate's way: ``sentencepiece.model``
    when there is one, else ``bpe.model`` (``None``: neither). The one place that decides."""
    for name in (SENTENCEPIECE_MODEL, BPE_MODEL):
        if exists(name):
            return name
    return None


def tokenizer_file_in_dir(directory: Path) -> str | None:
    """:func:`tokenizer_file` of the extracted package in ``directory``."""
    return tokenizer_file(lambda relative: (directory / relative).is_file())


def detect_family_in_dir(directory: Path) -> PackageFamily | None:
    """The family of the extracted package in ``directory`` (``None`` if not recognisable)."""

    def read_head(relative: str) -> bytes | None:
        try:
            with (directory / relative).open("rb") as file:
                return file.read(_HEAD_BYTES)
        except OSError:
            return None

    return detect_family(lambda relative: (directory / relative).is_file(), read_head)


def first_vocabulary_token(read_head: ReadHead) -> str | None:
    """The token with id 0 in the package's CTranslate2 vocabulary, if it can be read."""
    for relative in VOCABULARY_FILES:
        head = read_head(relative)
        if head is None:
            continue
        text = head.decode("utf-8", errors="replace")
        if relative.endswith(".json"):
            match = _FIRST_JSON_STRING.match(text)
            if match is None:
                return None
            token: str = json.loads(match.group(1))
            return token
        return text.split("\n", 1)[0].rstrip("\r")
    return None
