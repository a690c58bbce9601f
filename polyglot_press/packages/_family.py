"""Which family a package belongs to, read from its files as argostranslate reads them.

argostranslate's ``Package`` takes ``sentencepiece.model`` if present, else ``bpe.model``. Among
SentencePiece packages, the vocabulary tells an OPUS-MT conversion (Marian's ``</s>``, ``<unk>``
first) from one trained by argos-train or Locomotive (OpenNMT-py's ``<unk>``, ``<blank>``, ``<s>``,
``</s>``, or ``<unk>``, ``<s>``, ``</s>`` for later packages).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from polyglot_press.packages._model import PackageFamily

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


def detect_family(exists: Callable[[str], bool], read_head: ReadHead) -> PackageFamily | None:
    """The family of a package given access to its files by relative path.

    ``exists`` says whether a file is there; ``read_head`` returns the first few kilobytes of a
    file (``None`` if it is missing). Returns ``None`` when no tokenizer file is present.
    """
    if exists(SENTENCEPIECE_MODEL):
        first = first_vocabulary_token(read_head)
        return PackageFamily.OPUS_SPM if first == "</s>" else PackageFamily.ARGOS_SPM
    if exists(BPE_MODEL):
        return PackageFamily.OPUS_BPE
    return None


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
