"""Real CTranslate2 decoding: a fitted copy model for the happy path, fixture families for the rest.

``build_copy_package`` writes an argos-train style package whose weights are fitted to copy the
input, so spans coming through as is and diagonal attention are observed on real decoding, not
on a test double. The family fixtures (random weights with a fitted output layer) show that
every family loads and that no subword marker reaches the output.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from polyglot_press.errors import ModelError
from polyglot_press.packages import InstalledPackage
from polyglot_press.testing import build_copy_package
from polyglot_press.text import Span
from polyglot_press.translate import (
    CTranslate2Backend,
    DecodeRequest,
    EngineOptions,
    SourceSentence,
    TranslationEngine,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seeds" / "000_5719a15dc49a1b3a.txt"
MARKERS = ("▁", "@@ ", "⁇", "<unk>")
SENTENCES = [
    "Le constructeur a présenté sa nouvelle voiture électrique à Paris le 12 mars 2025.",
    "Les ventes ont progressé de 12,5 % pour atteindre 300 000 unités en Europe.",
    "Contact presse : presse@lumen-auto.example, +33 1 23 45 67 89.",
    "Plus d'informations sur https://lumen-auto.example/presse ⟦bientôt⟧.",
]


@pytest.fixture(scope="module")
def copy_package(tmp_path_factory: pytest.TempPathFactory) -> InstalledPackage:
    path = build_copy_package(tmp_path_factory.mktemp("copy"), "fr", "en")
    return InstalledPackage("fr", "en", "1.0", path, 0, "models-dir")


def test_copy_model_keeps_every_span_as_is_on_real_decoding(
    copy_package: InstalledPackage,
) -> None:
    text = " ".join(SENTENCES) + " Voir <b>le site</b> demain."
    start = text.index("constructeur")
    extra = [[Span(start, start + len("constructeur"), "carmaker", "term", "maker")]]
    result = TranslationEngine().translate_texts(
        [text], [copy_package], source_lang="fr", target_lang="en", extra_spans=extra, markup="html"
    )[0]
    assert [s.enforcement for s in result.sentences] == ["as_is"] * 5, result.sentences
    expected = (
        text.replace("constructeur", "carmaker")
        .replace("12,5 %", "12.5%")
        .replace("300 000", "300,000")
    )
    assert result.text == expected
    kinds = {span.kind for sentence in result.sentences for span in sentence.spans}
    assert kinds == {"term", "number", "email", "phone", "url", "markup"}
    assert not any(marker in result.text for marker in MARKERS)


def test_copy_model_attention_is_diagonal(copy_package: InstalledPackage) -> None:
    model = CTranslate2Backend().load(copy_package)
    tokens = model.tokenizer.encode(SENTENCES[1])
    request = DecodeRequest(beam_size=4, max_decoding_length=80, num_hypotheses=2, return_attention=True)
    best = model.translate_batch([tokens], request)[0][0]
    assert list(best.tokens) == tokens
    argmax = [max(range(len(row)), key=row.__getitem__) for row in best.attention]
    assert argmax == list(range(len(tokens)))


def test_unknown_characters_come_back_through_replace_unknowns(
    copy_package: InstalledPackage,
) -> None:
    model = CTranslate2Backend().load(copy_package)
    tokens = model.tokenizer.encode("Prix ⟦€⟧ fixé.")
    plain = DecodeRequest(beam_size=4, max_decoding_length=40, replace_unknowns=False)
    assert "<unk>" in model.translate_batch([tokens], plain)[0][0].tokens
    result = TranslationEngine().translate_sentences(
        [SourceSentence("Prix ⟦€⟧ fixé.")], [copy_package]
    )[0]
    assert result.text == "Prix ⟦€⟧ fixé."


def test_older_model_layouts_load_as_ctranslate2_reads_them(
    tmp_path: Path, copy_package: InstalledPackage
) -> None:
    expected = TranslationEngine().translate_sentences([SourceSentence(SENTENCES[0])], [copy_package])

    old = tmp_path / "old"
    shutil.copytree(copy_package.path, old)
    vocabulary = json.loads((old / "model" / "shared_vocabulary.json").read_text("utf-8"))
    (old / "model" / "shared_vocabulary.json").unlink()
    (old / "model" / "shared_vocabulary.txt").write_text("\n".join(vocabulary) + "\n", "utf-8")
    (old / "model" / "config.json").unlink()
    old_package = replace(copy_package, path=old)
    assert TranslationEngine().translate_sentences([SourceSentence(SENTENCES[0])], [old_package]) == expected

    marian = tmp_path / "marian"
    shutil.copytree(copy_package.path, marian)
    config_path = marian / "model" / "config.json"
    config = json.loads(config_path.read_text("utf-8"))
    config["add_source_eos"] = True  # the model then sees </s> after the source, and copies it
    config_path.write_text(json.dumps(config), "utf-8")
    marian_package = replace(copy_package, path=marian)
    assert TranslationEngine().translate_sentences([SourceSentence(SENTENCES[0])], [marian_package]) == expected


def test_every_family_translates_without_subword_markers(family_package: InstalledPackage) -> None:
    lang = family_package.source
    texts = SENTENCES if lang == "fr" else ["The carmaker sold 300,000 cars in 2024.", "Contact: press@lumen.example."]
    results = TranslationEngine().translate_texts(
        texts, [family_package], source_lang=lang, target_lang=family_package.target
    )
    translated = [s for r in results for s in r.sentences if s.ok]
    assert translated, "the fitted fixtures should translate some sentences"
    for sentence in translated:
        assert not any(marker in sentence.text for marker in MARKERS), sentence.text
        assert sentence.text != sentence.source


def test_a_model_that_emits_unk_never_shows_it(unk_package: InstalledPackage) -> None:
    results = TranslationEngine().translate_sentences(
        [SourceSentence(s) for s in SENTENCES], [unk_package]
    )
    assert any(r.ok for r in results)
    for result in results:
        assert not any(marker in result.text for marker in MARKERS), result.text


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared")
def test_the_seed_release_decodes_each_sentence_once_per_leg(fr_en_package: InstalledPackage) -> None:
    text = SEED.read_text("utf-8")
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    results = TranslationEngine().translate_texts(
        paragraphs, [fr_en_package], source_lang="fr", target_lang="en"
    )
    paths = [s.enforcement for r in results for s in r.sentences]
    assert paths and set(paths) <= {"as_is", "nbest", "aligned", "fallback", "not_met", "failed"}
    for result in results:
        assert not any(marker in result.text for marker in MARKERS)


def test_batched_output_equals_one_sentence_at_a_time(fr_en_package: InstalledPackage) -> None:
    engine = TranslationEngine(EngineOptions(max_batch_tokens=64))
    sentences = [SourceSentence(s) for s in SENTENCES]
    batched = engine.translate_sentences(sentences, [fr_en_package])
    single = [engine.translate_sentences([s], [fr_en_package])[0] for s in sentences]
    assert batched == single


def test_broken_packages_raise_model_errors(tmp_path: Path, fr_en_package: InstalledPackage) -> None:
    with pytest.raises(ModelError, match="fr→en") as raised:
        TranslationEngine().load(replace(fr_en_package, path=tmp_path / "missing"))
    assert raised.value.hint is not None
    corrupt = tmp_path / "corrupt"
    shutil.copytree(fr_en_package.path, corrupt)
    (corrupt / "model" / "model.bin").write_bytes(b"nonsense")
    with pytest.raises(ModelError, match="cannot load"):
        TranslationEngine().load(replace(fr_en_package, path=corrupt))


def test_inter_threads_reaches_the_translator(fr_en_package: InstalledPackage) -> None:
    model = CTranslate2Backend(EngineOptions(inter_threads=2, threads=1)).load(fr_en_package)
    assert model.translator.num_translators == 2
