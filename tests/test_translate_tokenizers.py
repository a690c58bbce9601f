"""Both tokenizer families against argostranslate's own tokenizer classes.

argostranslate's ``tokenizer`` and ``apply_bpe`` modules import no torch, so the reference is
the real library. Encoding must match token for token; decoding must match except where
argostranslate corrupts text (``_`` turned into spaces) or prints ``⁇``.
"""

from __future__ import annotations

import collections
import io
import itertools
from pathlib import Path

import pytest
from argostranslate.tokenizer import BPETokenizer as ArgosBpe
from argostranslate.tokenizer import SentencePieceTokenizer as ArgosSentencePiece
from hypothesis import given, settings
from hypothesis import strategies as st

from polyglot_press.errors import ModelError
from polyglot_press.packages import InstalledPackage
from polyglot_press.testing import DEFAULT_CORPUS
from polyglot_press.translate import (
    BpeTokenizer,
    SentencePieceTokenizer,
    load_tokenizer,
    tokenizer_family,
)

TEXTS = [
    "Le constructeur a présenté mardi sa nouvelle berline électrique à Paris.",
    "Les ventes ont progressé de 12,5 % au premier semestre, soit 300 000 unités.",
    "« C'est une étape majeure », a déclaré la directrice générale.",
    "Contact : presse@lumen-auto.example, +33 1 23 45 67 89 ; www.lumen-auto.example/fr.",
    "The carmaker's plant & the SUV (2025) — sales up 80%!",
]


def _learn_bpe_codes(corpus: list[str], merges: int) -> str:
    """A subword-nmt codes file (version 0.2) learned greedily from ``corpus``."""
    words = collections.Counter(word for line in corpus for word in line.split())
    vocabulary = {(*word[:-1], word[-1] + "</w>"): count for word, count in words.items()}
    lines = ["#version: 0.2"]
    for _ in range(merges):
        pairs: collections.Counter[tuple[str, str]] = collections.Counter()
        for symbols, count in vocabulary.items():
            for pair in itertools.pairwise(symbols):
                pairs[pair] += count
        if not pairs:
            break
        best = max(pairs, key=lambda pair: (pairs[pair], pair))
        lines.append(" ".join(best))
        merged = {}
        for symbols, count in vocabulary.items():
            output: list[str] = []
            i = 0
            while i < len(symbols):
                if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == best:
                    output.append(symbols[i] + symbols[i + 1])
                    i += 2
                else:
                    output.append(symbols[i])
                    i += 1
            merged[tuple(output)] = count
        vocabulary = merged
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def bpe_codes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("opus-bpe")
    (directory / "bpe.model").write_text(_learn_bpe_codes(list(DEFAULT_CORPUS), 300), "utf-8")
    return directory / "bpe.model"


@pytest.fixture(scope="module")
def spm_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A unigram model trained like argos-train's: no byte fallback, coverage 0.9995."""
    import sentencepiece

    directory = tmp_path_factory.mktemp("argos-spm")
    model = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(DEFAULT_CORPUS),
        model_writer=model,
        vocab_size=400,
        hard_vocab_limit=False,
        character_coverage=0.9995,
        model_type="unigram",
        num_threads=1,
        minloglevel=2,
    )
    (directory / "sentencepiece.model").write_bytes(model.getvalue())
    return directory / "sentencepiece.model"


def test_bpe_encoding_and_decoding_match_argostranslate(bpe_codes: Path) -> None:
    ours = BpeTokenizer(bpe_codes, "fr", "en")
    reference = ArgosBpe(bpe_codes, "fr", "en")
    continued = 0
    for text in TEXTS:
        tokens = ours.encode(text)
        assert tokens == reference.encode(text)
        continued += sum(token.endswith("@@") for token in tokens)
        assert ours.decode(tokens) == reference.decode(tokens)
        assert "@@" not in ours.decode(tokens)
    assert continued > 0, "the codes should split some words into continued pieces"


def test_bpe_decoding_drops_a_trailing_continuation_and_unknowns(bpe_codes: Path) -> None:
    tokens = BpeTokenizer(bpe_codes, "fr", "en")
    assert tokens.decode(["The", "car", "<unk>", "is", "élec@@"]) == "The car is élec"


def test_sentencepiece_matches_argostranslate_where_it_does_not_corrupt(spm_model: Path) -> None:
    ours = SentencePieceTokenizer(spm_model)
    reference = ArgosSentencePiece(spm_model)
    for text in TEXTS:
        pieces = ours.encode(text)
        assert pieces == reference.encode(text)
        known = [p for p in pieces if reference.lazy_processor().piece_to_id(p) != 0]
        if "_" not in text:
            assert ours.decode(known) == reference.decode(known)


def test_sentencepiece_keeps_underscores_in_emails_and_urls(spm_model: Path) -> None:
    ours = SentencePieceTokenizer(spm_model)
    text = "Écrire à jean_dupont@lumen.example ou voir https://lumen.example/a_b."
    decoded = ours.decode(ours.encode(text))
    assert "jean_dupont@lumen.example" in decoded
    assert "https://lumen.example/a_b" in decoded
    assert "jean dupont" in ArgosSentencePiece(spm_model).decode(ours.encode(text))


def test_sentencepiece_pieces_unknown_to_the_model_come_out_as_text(spm_model: Path) -> None:
    """OPUS-MT conversions ship only the source model; target pieces are unknown to it."""
    ours = SentencePieceTokenizer(spm_model)
    target_pieces = ["▁The", "▁company", "▁announced", "▁a", "▁⟦record⟧", "<unk>", "."]
    assert ours.decode(target_pieces) == "The company announced a ⟦record⟧."
    argos = ArgosSentencePiece(spm_model).decode(target_pieces)
    assert argos.replace(" ⁇ ", "").strip() == "The company announced a ⟦record⟧."


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40))
def test_no_subword_markers_survive_decoding(spm_model: Path, text: str) -> None:
    ours = SentencePieceTokenizer(spm_model)
    decoded = ours.decode(ours.encode(text))
    assert "▁" not in decoded and "⁇" not in decoded and "<unk>" not in decoded


def test_family_follows_argostranslate_order(
    tmp_path: Path, spm_model: Path, bpe_codes: Path
) -> None:
    assert tokenizer_family(tmp_path) is None
    (tmp_path / "bpe.model").write_bytes(bpe_codes.read_bytes())
    assert tokenizer_family(tmp_path) == "bpe"
    assert isinstance(load_tokenizer(tmp_path, "fr", "en"), BpeTokenizer)
    (tmp_path / "sentencepiece.model").write_bytes(spm_model.read_bytes())
    assert tokenizer_family(tmp_path) == "sentencepiece"
    assert isinstance(load_tokenizer(tmp_path, "fr", "en"), SentencePieceTokenizer)


def test_missing_or_corrupt_tokenizer_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"neither sentencepiece\.model nor bpe\.model"):
        load_tokenizer(tmp_path, "fr", "en")
    (tmp_path / "sentencepiece.model").write_bytes(b"nonsense")
    with pytest.raises(ModelError, match="cannot read the sentencepiece model"):
        load_tokenizer(tmp_path, "fr", "en")


def test_fixture_families_tokenize_like_argostranslate(family_package: InstalledPackage) -> None:
    """Each family's real layout: the same files pick the same tokenizer, token for token."""
    path = family_package.path
    ours = load_tokenizer(path, family_package.source, family_package.target)
    if tokenizer_family(path) == "bpe":
        reference: ArgosBpe | ArgosSentencePiece = ArgosBpe(
            path / "bpe.model", family_package.source, family_package.target
        )
    else:
        reference = ArgosSentencePiece(path / "sentencepiece.model")
    texts = TEXTS if family_package.source == "fr" else ["The carmaker sold 300,000 cars."]
    for text in texts:
        assert ours.encode(text) == reference.encode(text)
        decoded = ours.decode(ours.encode(text))
        assert not any(marker in decoded for marker in ("▁", "@@", "⁇", "<unk>")), decoded
