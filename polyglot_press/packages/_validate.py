"""Install-time validation: a package must load and translate before it is installed.

A package can pass every layout check and still be unusable: a ``model.bin`` that CTranslate2
cannot read, a tokenizer file from another package, a vocabulary that does not match. So before
an archive is moved into the package directory, :func:`check_package_loads` loads the extracted
copy through the translation backend (the same code that translates later), checks that a probe
sentence tokenizes into the model's vocabulary, and translates it.
"""

from __future__ import annotations

import json
from pathlib import Path

from polyglot_press.errors import ModelError
from polyglot_press.packages._family import VOCABULARY_FILES
from polyglot_press.packages._model import InstalledPackage

# Short, plain sentences: every real package's vocabulary covers nearly all their subwords.
PROBE_SENTENCES = {
    "en": "The company presented its new electric car in Paris.",
    "fr": "L'entreprise a présenté sa nouvelle voiture électrique à Paris.",
    "ko": "회사는 파리에서 새로운 전기차를 공개했다.",
    "de": "Das Unternehmen stellte in Paris sein neues Elektroauto vor.",
    "es": "La empresa presentó su nuevo coche eléctrico en París.",
    "it": "L'azienda ha presentato la sua nuova auto elettrica a Parigi.",
}
#: Below this share of probe tokens found in the model's vocabulary, the tokenizer and the
#: model do not belong together (a matching pair scores close to 1).
MIN_KNOWN_SHARE = 0.8
_PROBE_MAX_TOKENS = 32
_REINSTALL_HINT = "the package is damaged or not an Argos package: download it again"


def check_package_loads(package: InstalledPackage, label: str) -> None:
    """Raise :class:`ModelError` naming what is wrong if ``package`` cannot translate.

    ``label`` names the package for the user (the archive's file name).
    """
    from polyglot_press.translate import CTranslate2Backend, DecodeRequest, EngineOptions

    try:
        model = CTranslate2Backend(EngineOptions(threads=1)).load(package)
    except ModelError as error:
        # The package sits in a scratch folder the user never sees: name it by its folder.
        reason = error.message.replace(str(package.path), package.path.name)
        raise ModelError(
            f"{label} was not installed: it does not load ({reason})",
            hint=_REINSTALL_HINT,
        ) from error
    probe = PROBE_SENTENCES.get(package.source, PROBE_SENTENCES["en"])
    try:
        tokens = model.tokenizer.encode(probe)
    except (ModelError, RuntimeError, ValueError, OSError) as error:
        raise ModelError(
            f"{label} was not installed: its tokenizer fails on a probe sentence ({error})",
            hint=_REINSTALL_HINT,
        ) from error
    _check_vocabulary_match(package, tokens, label)
    request = DecodeRequest(beam_size=1, max_decoding_length=_PROBE_MAX_TOKENS)
    try:
        [hypotheses] = model.translate_batch([tokens], request)
        model.tokenizer.decode(hypotheses[0].tokens)
    except (RuntimeError, ValueError, IndexError) as error:
        raise ModelError(
            f"{label} was not installed: it fails to translate a probe sentence ({error})",
            hint=_REINSTALL_HINT,
        ) from error


def _check_vocabulary_match(package: InstalledPackage, tokens: list[str], label: str) -> None:
    vocabulary_file, vocabulary = _read_vocabulary(package.path)
    if vocabulary_file is None or package.source not in PROBE_SENTENCES or not tokens:
        return  # nothing to compare against, or no probe written in the source language
    known = sum(token in vocabulary for token in tokens)
    if known < MIN_KNOWN_SHARE * len(tokens):
        tokenizer = (
            "sentencepiece.model"
            if (package.path / "sentencepiece.model").is_file()
            else "bpe.model"
        )
        raise ModelError(
            f"{label} was not installed: its tokenizer ({tokenizer}) does not match the "
            f"model's vocabulary: only {known} of {len(tokens)} tokens of a probe sentence "
            f"are in {vocabulary_file}",
            hint=_REINSTALL_HINT,
        )


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
