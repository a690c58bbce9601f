"""The synthetic package builder writes real, loadable, reproducible Argos packages."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import ctranslate2
import pytest
import sentencepiece

from polyglot_press.testing import build_synthetic_package


def test_package_has_the_argos_layout(models_dir: Path) -> None:
    package = models_dir / "translate-fr_en-1_0"
    metadata = json.loads((package / "metadata.json").read_text(encoding="utf-8"))
    assert metadata["from_code"] == "fr"
    assert metadata["to_code"] == "en"
    assert metadata["from_name"] == "French"
    assert metadata["type"] == "translate"
    assert metadata["package_version"] == "1.0"
    assert "target_prefix" not in metadata
    assert (package / "sentencepiece.model").is_file()
    for name in ("model.bin", "config.json", "shared_vocabulary.json"):
        assert (package / "model" / name).is_file()


def test_model_translates_with_ctranslate2(models_dir: Path) -> None:
    package = models_dir / "translate-fr_en-1_0"
    processor = sentencepiece.SentencePieceProcessor(
        model_file=str(package / "sentencepiece.model")
    )
    translator = ctranslate2.Translator(str(package / "model"), compute_type="int8")
    tokens = processor.encode("La voiture est rouge.", out_type=str)
    result = translator.translate_batch([tokens], beam_size=1, max_decoding_length=20)
    assert 0 < len(result[0].hypotheses[0]) <= 20


@pytest.mark.parametrize("text", ["Ωμέγα ∑ 😀 ñ", "Привет", "東京モーターショー"])
def test_any_text_tokenizes_without_unknown_pieces(models_dir: Path, text: str) -> None:
    processor = sentencepiece.SentencePieceProcessor(
        model_file=str(models_dir / "translate-en_ko-1_0" / "sentencepiece.model")
    )
    ids = processor.encode(text)
    assert processor.unk_id() not in ids
    assert processor.decode(ids) == text


def test_same_seed_gives_the_same_model(tmp_path: Path) -> None:
    first = build_synthetic_package(tmp_path / "a", "fr", "en", seed=7)
    second = build_synthetic_package(tmp_path / "b", "fr", "en", seed=7)
    other = build_synthetic_package(tmp_path / "c", "fr", "en", seed=8)
    weights = [(p / "model" / "model.bin").read_bytes() for p in (first, second, other)]
    assert weights[0] == weights[1]
    assert weights[0] != weights[2]
    assert (first / "sentencepiece.model").read_bytes() == (
        second / "sentencepiece.model"
    ).read_bytes()


def test_archive_holds_the_package_directory_at_its_root(tmp_path: Path) -> None:
    archive = build_synthetic_package(
        tmp_path, "de", "en", archive=True, version="1.9", target_prefix="__en__"
    )
    assert archive.name == "translate-de_en-1_9.argosmodel"
    with zipfile.ZipFile(archive) as archive_file:
        names = set(archive_file.namelist())
        metadata = json.loads(archive_file.read("translate-de_en-1_9/metadata.json"))
    assert "translate-de_en-1_9/model/model.bin" in names
    assert "translate-de_en-1_9/sentencepiece.model" in names
    assert metadata["package_version"] == "1.9"
    assert metadata["target_prefix"] == "__en__"


def test_custom_corpus_shapes_the_vocabulary(tmp_path: Path) -> None:
    package = build_synthetic_package(tmp_path, "xx", "en", corpus=["zyxwv qutsr"] * 50)
    processor = sentencepiece.SentencePieceProcessor(
        model_file=str(package / "sentencepiece.model")
    )
    assert not any(piece.startswith("<0x") for piece in processor.encode("zyxwv", out_type=str))
    assert all(piece.startswith("<0x") for piece in processor.encode("ж", out_type=str)[1:])
    assert json.loads((package / "metadata.json").read_text())["from_name"] == "xx"
