"""The engine within its model's limits and its options within theirs: messages, no crashes."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from polyglot_press.errors import PolyglotPressError
from polyglot_press.packages import InstalledPackage, read_package
from polyglot_press.packages._metadata import model_positions
from polyglot_press.testing import build_package
from polyglot_press.translate import EngineOptions, TranslationEngine
from polyglot_press.translate._decode import _encode_prefix
from polyglot_press.translate._layout import fit_to_positions
from polyglot_press.translate._tokenizers import load_tokenizer


@pytest.fixture(scope="module")
def runaway_package(tmp_path_factory: pytest.TempPathFactory) -> InstalledPackage:
    """fr→en whose outputs never end: decoding runs to its length limit."""
    folder = tmp_path_factory.mktemp("runaway")
    return read_package(build_package(folder, "opus-bpe", "fr", "en", eos_bias=-20))


def test_position_tables_are_read_from_model_bin(
    fr_en_package: InstalledPackage, en_ko_package: InstalledPackage, tmp_path: Path
) -> None:
    assert model_positions(fr_en_package.path) == 1024
    assert model_positions(en_ko_package.path) == 1024  # CTranslate2 1.x layout
    assert model_positions(tmp_path) is None


def test_sources_and_limits_are_cut_to_the_positions() -> None:
    tokens = [["a"] * 10, ["b"] * 600]
    limits = [30, 1210]
    warnings = fit_to_positions(tokens, limits, 512)
    assert [len(t) for t in tokens] == [10, 510]
    assert limits == [30, 510]
    assert warnings[0] is None and warnings[1] and "512 positions" in warnings[1]


def test_a_sentence_longer_than_the_position_table_never_raises(
    runaway_package: InstalledPackage,
) -> None:
    # Once: RuntimeError "No position encodings are defined for positions >= 1024".
    engine = TranslationEngine(EngineOptions(threads=1, beam_size=1, num_hypotheses=1))
    text = " ".join(["la voiture rouge roule vite"] * 100) + "."
    (result,) = engine.translate_texts(
        [text], [runaway_package], source_lang="fr", target_lang="en"
    )
    assert result.sentences[0].enforcement == "failed"
    assert "runaway" in (result.sentences[0].error or "")


def test_a_cut_sentence_says_so(fr_en_package: InstalledPackage) -> None:
    engine = TranslationEngine(EngineOptions(threads=1, beam_size=1, num_hypotheses=1))
    text = " ".join(["la voiture rouge roule vite"] * 300) + "."
    (result,) = engine.translate_texts([text], [fr_en_package], source_lang="fr", target_lang="en")
    assert "cut to its first" in (result.sentences[0].warning or "")


@pytest.mark.parametrize(
    "options",
    [
        {"beam_size": 100_000},
        {"beam_size": 0},
        {"beam_size": 2.5},
        {"beam_size": True},
        {"threads": -5},
        {"inter_threads": 0},
        {"num_hypotheses": 0},
        {"max_batch_tokens": 0},
        {"length_penalty": float("nan")},
        {"repetition_penalty": 0},
        {"device": "tpu"},
        {"compute_type": "int3"},
        {"span_strategy": "random"},
        {"stitch_unmet": "yes"},
    ],
)
def test_engine_options_are_validated(options: dict[str, object]) -> None:
    with pytest.raises(PolyglotPressError, match="is not a valid setting") as caught:
        EngineOptions(**options)  # type: ignore[arg-type]
    assert caught.value.hint


def test_engine_option_bounds_are_inclusive() -> None:
    EngineOptions(beam_size=1, threads=0, num_hypotheses=1)
    EngineOptions(beam_size=64, num_hypotheses=64, compute_type="int8_float32")
    EngineOptions(no_repeat_ngram_size=0, max_length_ratio=0, max_length_extra=256)


@pytest.mark.parametrize("package", ["fr_en_package", "en_ko_package"])
def test_a_sentence_past_the_positions_is_tokenized_as_far_as_it_is_read(
    package: str, request: pytest.FixtureRequest
) -> None:
    installed: InstalledPackage = request.getfixturevalue(package)
    tokenizer = load_tokenizer(installed.path, installed.source, installed.target)
    model = SimpleNamespace(tokenizer=tokenizer)
    words = "la voiture rouge roule vite " if installed.source == "fr" else "the red car goes "
    long_text = words * 2000  # 40,000+ characters: past 512 positions × 32 characters
    whole = tokenizer.encode(long_text)
    prefix = _encode_prefix(model, long_text, 512)  # type: ignore[arg-type]
    assert 512 < len(prefix) < len(whole)
    assert prefix[:510] == whole[:510]
    spaces = "a" + " " * 40_000 + words  # a prefix of blanks holds too few tokens: all of it
    assert _encode_prefix(model, spaces, 512) == tokenizer.encode(spaces)  # type: ignore[arg-type]
