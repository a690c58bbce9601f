"""The fixture builder writes the three real package families, file for file, and models that
behave like trained ones where it matters: outputs end, never on ``@@``, at realistic lengths."""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path

import ctranslate2
import pytest
import sentencepiece

from polyglot_press.packages import InstalledPackage
from polyglot_press.testing import (
    MARKER_FILE,
    PARALLEL_CORPUS,
    build_package,
    build_synthetic_package,
    is_fixture_package,
    read_fixture_marker,
)

SIX_KEYS = {"package_version", "argos_version", "from_code", "from_name", "to_code", "to_name"}
# Unseen text, longer and shorter than the corpus, with characters no package knows.
UNSEEN = (
    "Le groupe a annoncé jeudi un partenariat industriel pour produire des véhicules hybrides.",
    "Bonjour.",
    "Les ventes de véhicules électriques ont fortement augmenté en 2023, selon l'association "
    "des constructeurs européens, avec une hausse de 37 % par rapport à l'année précédente, "
    "portée par les nouveaux modèles compacts et la baisse des prix des batteries.",
    "Renault Korea Motors ⟦0⟧ contact@renault.com — 15 €",
    "The company will present the new model at the show next week.",
    "자동차 판매가 증가했다.",
)


def encode(package: InstalledPackage, texts: list[str]) -> list[list[str]]:
    """Tokens as argostranslate makes them for this package."""
    from argostranslate.tokenizer import BPETokenizer, SentencePieceTokenizer

    if (package.path / "sentencepiece.model").is_file():
        tokenizer: object = SentencePieceTokenizer(package.path / "sentencepiece.model")
    else:
        tokenizer = BPETokenizer(package.path / "bpe.model", package.source, package.target)
    return [tokenizer.encode(text) for text in texts]  # type: ignore[attr-defined]


def translate(package: InstalledPackage, texts: list[str]) -> list[tuple[int, list[str]]]:
    """(source length, output tokens) with argostranslate's decoding settings."""
    translator = ctranslate2.Translator(str(package.path / "model"), compute_type="int8")
    batch = encode(package, texts)
    results = translator.translate_batch(
        batch, beam_size=4, length_penalty=0.2, replace_unknowns=True, max_decoding_length=256
    )
    return [(len(tokens), r.hypotheses[0]) for tokens, r in zip(batch, results, strict=True)]


def vocabulary(package: InstalledPackage) -> list[str]:
    model = package.path / "model"
    if (model / "shared_vocabulary.json").is_file():
        tokens: list[str] = json.loads((model / "shared_vocabulary.json").read_text("utf-8"))
        return tokens
    return (model / "shared_vocabulary.txt").read_text("utf-8").splitlines()


def test_opus_bpe_layout(fr_en_bpe_package: InstalledPackage) -> None:
    path = fr_en_bpe_package.path
    assert path.name == "translate-fr_en-1_0"
    assert (path / "bpe.model").read_text("utf-8").startswith("#version: 0.2\n")
    assert not (path / "sentencepiece.model").exists()
    assert json.loads((path / "model" / "config.json").read_text("utf-8"))["add_source_eos"]
    assert vocabulary(fr_en_bpe_package)[:2] == ["</s>", "<unk>"]
    assert any(token.endswith("@@") for token in vocabulary(fr_en_bpe_package))


def test_opus_spm_ships_only_the_source_model(fr_en_spm_package: InstalledPackage) -> None:
    path = fr_en_spm_package.path
    processor = sentencepiece.SentencePieceProcessor(model_file=str(path / "sentencepiece.model"))
    pieces = {processor.id_to_piece(i) for i in range(processor.get_piece_size())}
    tokens = vocabulary(fr_en_spm_package)

    assert tokens[:2] == ["</s>", "<unk>"]
    assert not (path / "bpe.model").exists()
    target_only = [token for token in tokens if token.startswith("▁") and token not in pieces]
    assert "▁Th" in target_only  # an English piece the French model does not know


def test_argos_train_layout_is_ctranslate2_1x(en_ko_package: InstalledPackage) -> None:
    model = en_ko_package.path / "model"
    assert en_ko_package.path.name == "en_ko"
    assert sorted(p.name for p in model.iterdir()) == ["model.bin", "shared_vocabulary.txt"]
    (binary_version,) = struct.unpack("<I", (model / "model.bin").read_bytes()[:4])
    assert binary_version == 4
    assert vocabulary(en_ko_package)[:4] == ["<unk>", "<blank>", "<s>", "</s>"]
    metadata_text = (en_ko_package.path / "metadata.json").read_text("utf-8")
    assert metadata_text.startswith('{\n    "package_version": "1.1"')  # argos-train's indent


def test_every_family_has_the_real_files_and_a_marker(family_package: InstalledPackage) -> None:
    path = family_package.path
    metadata = json.loads((path / "metadata.json").read_text("utf-8"))
    marker = read_fixture_marker(path)

    assert set(metadata) == SIX_KEYS
    assert (path / "README.md").read_text("utf-8").startswith("# ")
    assert (path / "stanza" / family_package.source).is_dir()
    assert marker is not None and marker["weights"] == "random"
    assert is_fixture_package(path) and MARKER_FILE not in metadata


@pytest.mark.parametrize("text", ["⟦0⟧", "€", "😀"])
def test_no_byte_fallback_unseen_characters_are_unknown(
    en_ko_package: InstalledPackage, text: str
) -> None:
    processor = sentencepiece.SentencePieceProcessor(
        model_file=str(en_ko_package.path / "sentencepiece.model")
    )
    pieces = processor.encode(text, out_type=str)

    assert processor.unk_id() in processor.encode(text)
    assert not any(piece.startswith("<0x") for piece in pieces)


def test_outputs_are_written_in_the_target_language(en_ko_package: InstalledPackage) -> None:
    outputs = translate(en_ko_package, [row[1] for row in PARALLEL_CORPUS[:8]])
    processor = sentencepiece.SentencePieceProcessor(
        model_file=str(en_ko_package.path / "sentencepiece.model")
    )
    texts = [processor.decode(tokens) for _, tokens in outputs]

    assert len(texts) == 8
    assert all(any("가" <= char <= "힣" for char in text) for text in texts)


def test_outputs_end_at_realistic_lengths(family_package: InstalledPackage) -> None:
    texts = [row[0] for row in PARALLEL_CORPUS[::3]] + list(UNSEEN)
    outputs = translate(family_package, texts)

    assert len(outputs) == len(texts)
    for source_length, tokens in outputs:
        assert 0 < len(tokens) < max(64, 3 * source_length)
        assert not tokens[-1].endswith("@@")
        assert "<unk>" not in tokens


def test_unk_rate_makes_the_model_emit_unknowns(
    unk_package: InstalledPackage, fr_en_bpe_package: InstalledPackage
) -> None:
    texts = [row[0] for row in PARALLEL_CORPUS] + list(UNSEEN)

    def unknowns(package: InstalledPackage) -> int:
        translator = ctranslate2.Translator(str(package.path / "model"), compute_type="int8")
        results = translator.translate_batch(
            encode(package, texts), beam_size=4, length_penalty=0.2
        )
        return sum(result.hypotheses[0].count("<unk>") for result in results)

    assert unknowns(unk_package) >= 1
    assert unknowns(fr_en_bpe_package) == 0
    assert read_fixture_marker(unk_package.path) == {
        "weights": "random",
        "builder": "polyglot_press.testing",
        "family": "opus-bpe",
        "size": "tiny",
        "seed": 4,
        "unk_rate": 0.3,
    }


def test_same_arguments_give_the_same_files(
    tmp_path: Path, en_ko_package: InstalledPackage
) -> None:
    first = en_ko_package.path  # built with seed 1
    second = build_package(tmp_path / "b", "argos-train", seed=1)
    other = build_package(tmp_path / "c", "argos-train", seed=8)

    for name in ("model/model.bin", "sentencepiece.model", "metadata.json"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    assert (first / "model/model.bin").read_bytes() != (other / "model/model.bin").read_bytes()


def test_archive_holds_the_package_folder_at_its_root(tmp_path: Path) -> None:
    archive = build_package(tmp_path, "opus-spm", "de", "en", archive=True, version="1.2")

    assert archive.name == "translate-de_en-1_0.argosmodel"  # the converter's name
    with zipfile.ZipFile(archive) as opened:
        names = set(opened.namelist())
        metadata = json.loads(opened.read("translate-de_en-1_0/metadata.json"))
    assert {name.split("/")[0] for name in names} == {"translate-de_en-1_0"}
    assert "translate-de_en-1_0/model/model.bin" in names
    assert "translate-de_en-1_0/sentencepiece.model" in names
    assert metadata["package_version"] == "1.2"


def test_synthetic_package_takes_the_real_family_of_its_pair(tmp_path: Path) -> None:
    fr_en = build_synthetic_package(tmp_path, "fr", "en")
    ko_en = build_synthetic_package(tmp_path, "ko", "en", archive=True, version="1.1")

    assert (fr_en / "bpe.model").is_file()
    assert ko_en.name == "translate-ko_en-1_1.argosmodel"
    with zipfile.ZipFile(ko_en) as opened:
        assert "ko_en/sentencepiece.model" in opened.namelist()


def test_unknown_family_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown fixture family"):
        build_package(tmp_path, "nllb")  # type: ignore[arg-type]


def test_ctranslate2_1x_layout_computes_what_the_current_one_does(tmp_path: Path) -> None:
    import shutil

    import numpy as np

    from polyglot_press.testing._legacy import downgrade_model_dir
    from polyglot_press.testing._network import ARCHITECTURES, random_transformer

    tokens = ["<unk>", "<blank>", "<s>", "</s>", *(f"▁w{i}" for i in range(60))]
    spec = random_transformer(
        ARCHITECTURES["tiny"], tokens, marian=False, rng=np.random.default_rng(3)
    )
    spec.decoder.projection.weight = np.random.default_rng(4).standard_normal(
        (len(tokens), 64), dtype=np.float32
    )
    spec.validate()
    spec.optimize(quantization="int8")
    current, legacy = tmp_path / "current", tmp_path / "legacy"
    current.mkdir()
    spec.save(str(current))
    shutil.copytree(current, legacy)
    downgrade_model_dir(legacy, num_heads=2, pre_norm=True)
    source = [["▁w1", "▁w7", "▁w3", "▁w9"], ["▁w2"]]

    # float32 compute dequantizes the same int8 weights in both layouts: the same network, so
    # the same beams on every CPU.
    results = [
        ctranslate2.Translator(str(folder), compute_type="float32").translate_batch(
            source, beam_size=2, max_decoding_length=12, return_scores=True
        )
        for folder in (current, legacy)
    ]

    assert sorted(p.name for p in legacy.iterdir()) == ["model.bin", "shared_vocabulary.txt"]
    assert [r.hypotheses for r in results[0]] == [r.hypotheses for r in results[1]]
    assert [r.scores[0] for r in results[0]] == pytest.approx(
        [r.scores[0] for r in results[1]], rel=1e-5
    )
    assert any(len(r.hypotheses[0]) > 1 for r in results[0])
    # int8 compute also quantizes activations, with kernels CTranslate2 picks by CPU, and
    # CTranslate2 truncates rather than rounds for binary version < 5, as it did for real old
    # packages: beams may part, but both layouts score the same outputs alike.
    outputs = [r.hypotheses[0] for r in results[0]]
    int8_scores = [
        [
            sum(r.log_probs)
            for r in ctranslate2.Translator(str(folder), compute_type="int8").score_batch(
                source, outputs
            )
        ]
        for folder in (current, legacy)
    ]
    assert int8_scores[0] == pytest.approx(int8_scores[1], rel=0.1)
    # How far int8 scores are from float32 ones is the CPU's kernels' business (on an AMD EPYC
    # they were a third apart under every ISA), so it is not asserted: only that both layouts
    # agree with each other on the same CPU.
