"""Real CTranslate2 decoding: a fitted copy model for the happy path, fixture families for the rest.

``build_copy_package`` writes an argos-train style package whose weights are fitted to copy the
input, so spans coming through as is and diagonal attention are observed on real decoding, not
on a test double. The family fixtures (random weights with a fitted output layer) show that
every family loads and that no subword marker reaches the output.
"""

from __future__ import annotations

import collections
import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

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
        .replace("le 12 mars 2025", "12 March 2025")  # dates are translated by rule
    )
    assert result.text == expected
    kinds = {span.kind for sentence in result.sentences for span in sentence.spans}
    assert kinds == {"term", "number", "date", "email", "phone", "url", "markup"}
    assert not any(marker in result.text for marker in MARKERS)


def test_copy_model_attention_is_diagonal(copy_package: InstalledPackage) -> None:
    model = CTranslate2Backend().load(copy_package)
    tokens = model.tokenizer.encode(SENTENCES[1])
    request = DecodeRequest(
        beam_size=4, max_decoding_length=80, num_hypotheses=2, return_attention=True
    )
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


def test_marian_add_source_eos_is_left_to_ctranslate2(
    tmp_path: Path, copy_package: InstalledPackage
) -> None:
    sentence = [SourceSentence(SENTENCES[0])]
    expected = TranslationEngine().translate_sentences(sentence, [copy_package])
    marian = tmp_path / "marian"
    shutil.copytree(copy_package.path, marian)
    config_path = marian / "model" / "config.json"
    config = json.loads(config_path.read_text("utf-8"))
    config["add_source_eos"] = True  # the model then sees </s> after the source, and copies it
    config_path.write_text(json.dumps(config), "utf-8")
    marian_package = replace(copy_package, path=marian)
    result = TranslationEngine().translate_sentences(sentence, [marian_package])[0]
    assert result.text == expected[0].text


def test_the_argos_train_layout_of_ctranslate2_1_loads(en_ko_package: InstalledPackage) -> None:
    model_dir = en_ko_package.path / "model"
    assert (model_dir / "shared_vocabulary.txt").exists()
    assert not (model_dir / "config.json").exists()
    result = TranslationEngine().translate_sentences(
        [SourceSentence("The carmaker opened a new plant.")], [en_ko_package]
    )[0]
    assert result.ok and not any(marker in result.text for marker in MARKERS)


def test_every_family_translates_without_subword_markers(family_package: InstalledPackage) -> None:
    lang = family_package.source
    texts = (
        SENTENCES
        if lang == "fr"
        else ["The carmaker sold 300,000 cars in 2024.", "Contact: press@lumen.example."]
    )
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


class CountingBackend:
    """The CTranslate2 backend, recording every token sequence decoded (a test seam)."""

    def __init__(self) -> None:
        self.inner = CTranslate2Backend()
        self.decoded: collections.Counter[tuple[str, tuple[str, ...]]] = collections.Counter()

    def load(self, package: InstalledPackage) -> Any:
        model = self.inner.load(package)
        counter, pair = self.decoded, package.pair

        class Counted:
            tokenizer = model.tokenizer

            def translate_batch(self, batch: Any, request: DecodeRequest) -> Any:
                counter.update((pair, tuple(tokens)) for tokens in batch)
                return model.translate_batch(batch, request)

        return Counted()


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared")
@pytest.mark.parametrize(
    "route_names",
    [["fr_en_bpe_package"], ["fr_en_spm_package"], ["fr_en_bpe_package", "en_ko_package"]],
)
def test_the_seed_release_decodes_each_sentence_once_per_leg(
    request: pytest.FixtureRequest, route_names: list[str]
) -> None:
    route = [request.getfixturevalue(name) for name in route_names]
    paragraphs = [p for p in SEED.read_text("utf-8").split("\n\n") if p.strip()]
    backend = CountingBackend()
    results = TranslationEngine(backend=backend).translate_texts(
        paragraphs, route, source_lang="fr", target_lang=route[-1].target
    )
    sentences = [s for r in results for s in r.sentences]
    assert sentences and backend.decoded
    first_leg = route[0].pair
    once = {key: n for key, n in backend.decoded.items() if key[0] == first_leg}
    assert max(once.values()) == 1, collections.Counter(once).most_common(3)
    # The second leg decodes an English sentence again only when it carries other spans
    # (random weights write the same English for two French sentences): never more often
    # than there are sentences.
    assert sum(n for key, n in backend.decoded.items() if key[0] != first_leg) <= len(sentences)
    for result in results:
        assert not any(marker in result.text for marker in MARKERS)
    counts = collections.Counter(s.enforcement for s in sentences)
    assert sum(counts.values()) == len(sentences)


def test_batched_output_equals_one_sentence_at_a_time(fr_en_package: InstalledPackage) -> None:
    engine = TranslationEngine(EngineOptions(max_batch_tokens=64))
    sentences = [SourceSentence(s) for s in SENTENCES]
    batched = engine.translate_sentences(sentences, [fr_en_package])
    single = [engine.translate_sentences([s], [fr_en_package])[0] for s in sentences]
    # The same words; scores to float rounding (padding changes the order of float32 sums).
    assert [replace(r, score=None) for r in batched] == [replace(r, score=None) for r in single]
    assert [r.score for r in batched] == pytest.approx([r.score for r in single], rel=1e-5)


def test_broken_packages_raise_model_errors(
    tmp_path: Path, fr_en_package: InstalledPackage
) -> None:
    with pytest.raises(ModelError, match="fr→en") as raised:
        TranslationEngine().load(replace(fr_en_package, path=tmp_path / "missing"))
    assert raised.value.hint is not None
    corrupt = tmp_path / "corrupt"
    shutil.copytree(fr_en_package.path, corrupt)
    (corrupt / "model" / "model.bin").write_bytes(b"nonsense")
    with pytest.raises(ModelError, match="does not load: it is not a CTranslate2 model"):
        TranslationEngine().load(replace(fr_en_package, path=corrupt))


def test_inter_threads_reaches_the_translator(fr_en_package: InstalledPackage) -> None:
    model = CTranslate2Backend(EngineOptions(inter_threads=2, threads=1)).load(fr_en_package)
    assert model.translator.num_translators == 2


def _argostranslate_output(package: InstalledPackage, text: str) -> str:
    """What ``argostranslate.translate`` makes of one sentence, without importing it (torch).

    The same steps as its ``apply_packaged_translation``: the package's tokenizer as
    ``argostranslate.package.Package`` picks it, and its ``translate_batch`` options.
    """
    import argostranslate.package
    import ctranslate2

    pkg = argostranslate.package.Package(package.path)
    translator = ctranslate2.Translator(str(package.path / "model"), compute_type="int8")
    output = translator.translate_batch(
        [pkg.tokenizer.encode(text)],
        replace_unknowns=True,
        beam_size=4,
        num_hypotheses=1,
        length_penalty=0.2,
        return_scores=True,
    )[0]
    value: str = pkg.tokenizer.decode(output.hypotheses[0])
    return value[1:] if value.startswith(" ") else value


def test_plain_sentences_come_out_as_argostranslate_makes_them(
    family_package: InstalledPackage,
) -> None:
    """Decoding parity: same tokens, same options, same words (no ``_`` in these texts)."""
    options = EngineOptions(no_repeat_ngram_size=0, max_length_ratio=0, max_length_extra=256)
    engine = TranslationEngine(options)
    texts = SENTENCES[:2] if family_package.source == "fr" else ["The carmaker sold cars."]
    compared = 0
    for text in texts:
        ours = engine.translate_sentences([SourceSentence(text)], [family_package])[0]
        reference = _argostranslate_output(family_package, text)
        if ours.ok and "⁇" not in reference and "_" not in reference:
            assert ours.text == reference.strip()
            compared += 1
    assert compared, "at least one sentence should be comparable"


def test_inline_markup_survives_every_family(family_package: InstalledPackage) -> None:
    from polyglot_press.documents import HTML_TAG

    lang = family_package.source
    text = (
        "Le groupe présente ses <strong>nouveaux modèles</strong> sur "
        '<a href="https://lumen.example/fr">son site</a>.<br>Merci.'
        if lang == "fr"
        else 'The group shows its <strong>new models</strong> on <a href="https://lumen.example">its site</a>.'
    )
    result = TranslationEngine().translate_texts(
        [text], [family_package], source_lang=lang, target_lang=family_package.target, markup="html"
    )[0]
    translated = [s for s in result.sentences if s.ok]
    assert translated, result.errors
    assert HTML_TAG.findall(result.text) == HTML_TAG.findall(text)
    assert not any(marker in result.text for marker in MARKERS), result.text


def test_parallel_replicas_give_the_same_translations(fr_en_package: InstalledPackage) -> None:
    """Batches submitted together run on several replicas; outputs must not depend on it."""
    sentences = [SourceSentence(s) for s in SENTENCES * 3]
    options = EngineOptions(max_batch_tokens=48, threads=1)
    alone = TranslationEngine(options).translate_sentences(sentences, [fr_en_package])
    parallel = TranslationEngine(replace(options, inter_threads=2)).translate_sentences(
        sentences, [fr_en_package]
    )
    assert [r.text for r in parallel] == [r.text for r in alone]
    assert any(r.ok for r in parallel)


@pytest.mark.parametrize("content", ["zeros", "cut", "html"])
def test_a_model_bin_that_is_not_a_model_is_refused_with_a_message(
    tmp_path: Path, fr_en_package: InstalledPackage, content: str
) -> None:
    # Put in a models folder by hand, never checked by `models install`: CTranslate2 raised
    # "IndexError: variable encoder/embeddings_0/weight not found" on the zeroed one.
    broken = tmp_path / content
    shutil.copytree(fr_en_package.path, broken)
    model_bin = broken / "model" / "model.bin"
    size = model_bin.stat().st_size
    model_bin.write_bytes(
        {
            "zeros": bytes(size),
            "cut": model_bin.read_bytes()[:4],
            "html": b"<html><body>404 Not Found</body></html>",
        }[content]
    )
    with pytest.raises(ModelError, match="not a CTranslate2 model") as raised:
        TranslationEngine().load(replace(fr_en_package, path=broken))
    assert "fr→en" in raised.value.message
    assert raised.value.hint is not None and "reinstall" in raised.value.hint
