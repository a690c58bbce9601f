"""The engine on tiny random-weight packages: batching, spans, fallbacks, pivots, failures.

Random weights produce gibberish, so these tests check bookkeeping — every span present
where reported, order kept, batches equal to single sentences — never wording.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import ctranslate2
import pytest

from polyglot_press.documents import HTML_TAG, parse_document, render_document
from polyglot_press.engine import (
    EngineOptions,
    SentenceTranslation,
    SourceSentence,
    TranslationEngine,
)
from polyglot_press.errors import ModelError, TranslationError
from polyglot_press.glossary import load_glossary
from polyglot_press.packages import InstalledPackage
from polyglot_press.text import Span
from polyglot_press.testing import build_synthetic_package

SENTENCES = [
    "La voiture électrique sera produite en Corée.",
    "Les ventes ont beaucoup augmenté cette année.",
    "Le directeur a présenté le nouveau modèle.",
    "Une conférence de presse aura lieu demain matin à Paris.",
    "Merci.",
    "La voiture électrique sera produite en Corée.",
]


def _term(text: str, word: str, replacement: str) -> Span:
    start = text.index(word)
    return Span(start, start + len(word), replacement, "term", f"entry-{replacement}")


def _assert_spans_in_place(result: SentenceTranslation) -> None:
    for span in result.spans:
        assert result.text[span.start : span.end] == span.replacement


@pytest.fixture(scope="module")
def engine() -> TranslationEngine:
    return TranslationEngine()


def test_one_result_per_sentence_in_order(
    engine: TranslationEngine, fr_en_package: InstalledPackage
) -> None:
    results = engine.translate_sentences([SourceSentence(s) for s in SENTENCES], [fr_en_package])
    assert [r.source for r in results] == SENTENCES
    assert results[0] == results[-1]
    for result in results:
        assert result.strategy == "plain"
        if result.ok:
            assert result.text and result.text != result.source
            assert result.score is not None
        else:
            assert result.text == result.source


def test_batched_output_equals_one_sentence_at_a_time(fr_en_package: InstalledPackage) -> None:
    engine = TranslationEngine(EngineOptions(max_batch_tokens=64))
    sentences = [SourceSentence(s) for s in SENTENCES]
    batched = engine.translate_sentences(sentences, [fr_en_package])
    single = [engine.translate_sentences([s], [fr_en_package])[0] for s in sentences]
    assert batched == single


def test_spans_appear_where_reported(
    engine: TranslationEngine, fr_en_package: InstalledPackage
) -> None:
    text = "Le constructeur coréen vend la voiture électrique en Europe."
    spans = (
        _term(text, "constructeur", "carmaker"),
        _term(text, "voiture électrique", "electric vehicle"),
    )
    result = engine.translate_sentences([SourceSentence(text, spans)], [fr_en_package])[0]
    assert result.ok
    # Random weights never copy the terms, so the segmented fallback enforces them.
    assert result.strategy == "segmented"
    assert [s.replacement for s in result.spans] == ["carmaker", "electric vehicle"]
    assert [s.entry_id for s in result.spans] == ["entry-carmaker", "entry-electric vehicle"]
    _assert_spans_in_place(result)


def test_segmented_strategy_can_be_forced(fr_en_package: InstalledPackage) -> None:
    engine = TranslationEngine(EngineOptions(span_strategy="segmented"))
    text = "Voir https://example.com/presse pour les photos."
    url = "https://example.com/presse"
    span = Span(text.index(url), text.index(url) + len(url), url, "url")
    result = engine.translate_sentences([SourceSentence(text, (span,))], [fr_en_package])[0]
    assert result.strategy == "segmented"
    assert result.ok, result.error
    assert url in result.text
    _assert_spans_in_place(result)


def test_nothing_to_translate_is_copied_with_replacements(
    engine: TranslationEngine, fr_en_package: InstalledPackage
) -> None:
    texts = ["300 000", "2023", "   "]
    results = engine.translate_texts(texts, [fr_en_package], source_lang="fr", target_lang="en")
    assert [r.text for r in results] == ["300,000", "2023", "   "]
    assert results[0].sentences[0].strategy == "verbatim"


def test_inline_strategy_when_the_model_copies_its_input(
    monkeypatch: pytest.MonkeyPatch, fr_en_package: InstalledPackage
) -> None:
    class EchoTranslator:
        """Stands in for a model that copies placeholders and terms, as trained ones do."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            pass

        def translate_batch(self, source: list[list[str]], **kwargs: Any) -> list[Any]:
            return [SimpleNamespace(hypotheses=[tokens], scores=[-0.5]) for tokens in source]

    monkeypatch.setattr(ctranslate2, "Translator", EchoTranslator)
    text = "Le constructeur publie https://example.com/a et 300 000 photos."
    url = text.index("https")
    spans = (
        _term(text, "constructeur", "carmaker"),
        Span(url, url + 21, "https://example.com/a", "url"),
        Span(text.index("300"), text.index("300") + 7, "300,000", "number"),
    )
    result = TranslationEngine().translate_sentences(
        [SourceSentence(text, spans)], [fr_en_package]
    )[0]
    assert result.strategy == "inline"
    assert result.text == "Le carmaker publie https://example.com/a et 300,000 photos."
    _assert_spans_in_place(result)
    assert len(result.spans) == 3


def test_runaway_output_is_flagged_and_keeps_the_source(tmp_path: Path) -> None:
    path = build_synthetic_package(tmp_path, "fr", "en", eos_bias=-20.0)
    package = InstalledPackage("fr", "en", "1.0", path, 0, "models-dir")
    text = "La voiture est rouge."
    result = TranslationEngine().translate_sentences([SourceSentence(text)], [package])[0]
    assert not result.ok
    assert result.text == text
    assert result.error is not None and "runaway" in result.error
    translation = TranslationEngine().translate_texts(
        ["Une phrase. Une autre."], [package], source_lang="fr", target_lang="en"
    )[0]
    assert translation.text == "Une phrase. Une autre."
    assert len(translation.errors) == 2


def test_pivot_route_keeps_spans_through_both_legs(
    engine: TranslationEngine, fr_en_package: InstalledPackage, en_ko_package: InstalledPackage
) -> None:
    texts = [
        "Le constructeur vend 300 000 voitures.",
        "Le constructeur ouvre une usine à Busan.",
        "Le constructeur recrute des ingénieurs.",
    ]
    sentences = [SourceSentence(t, (_term(t, "constructeur", "제조사"),)) for t in texts]
    results = engine.translate_sentences(sentences, [fr_en_package, en_ko_package])
    translated = [r for r in results if r.ok]
    assert translated, "at least one sentence should survive both random legs"
    for result in translated:
        assert "제조사" in result.text
        assert [s.entry_id for s in result.spans] == ["entry-제조사"]
        _assert_spans_in_place(result)
    for result in results:
        if not result.ok:
            assert result.text == result.source


def test_translate_texts_keeps_layout_and_maps_extra_spans(
    engine: TranslationEngine, de_en_package: InstalledPackage
) -> None:
    texts = ["Das Auto ist neu.  Der Preis liegt bei 45.990 Euro.", "  Danke!\n"]
    term_start = texts[0].index("Preis")
    extra = [[Span(term_start, term_start + 5, "price", "term", "price")], []]
    results = engine.translate_texts(
        texts, [de_en_package], source_lang="de", target_lang="en", extra_spans=extra
    )
    first, second = results
    assert len(first.sentences) == 2
    assert first.text.startswith(first.sentences[0].text + "  ")
    assert first.text.endswith(first.sentences[1].text)
    if first.sentences[1].ok:
        assert "price" in first.sentences[1].text
        assert "45,990" in first.sentences[1].text
    assert second.text.startswith("  ") and second.text.endswith("\n")


def test_span_across_a_sentence_boundary_joins_the_sentences(
    engine: TranslationEngine, fr_en_package: InstalledPackage
) -> None:
    text = "Il a dit Bonjour. Merci et au revoir."
    start = text.index("Bonjour")
    extra = [[Span(start, text.index("Merci") + 5, "KEEP", "keep")]]
    result = engine.translate_texts(
        [text], [fr_en_package], source_lang="fr", target_lang="en", extra_spans=extra
    )[0]
    assert len(result.sentences) == 1
    assert "KEEP" in result.text if result.ok else result.text == text


def test_concurrent_calls_share_the_loaded_model(
    engine: TranslationEngine, fr_en_package: InstalledPackage
) -> None:
    sentences = [SourceSentence(s) for s in SENTENCES]
    expected = engine.translate_sentences(sentences, [fr_en_package])
    outputs: list[list[SentenceTranslation]] = []
    threads = [
        threading.Thread(
            target=lambda: outputs.append(engine.translate_sentences(sentences, [fr_en_package]))
        )
        for _ in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outputs == [expected] * 3


def test_routes_that_do_not_chain_are_rejected(
    engine: TranslationEngine, fr_en_package: InstalledPackage, de_en_package: InstalledPackage
) -> None:
    with pytest.raises(TranslationError, match="does not chain"):
        engine.translate_sentences([SourceSentence("x")], [fr_en_package, de_en_package])
    with pytest.raises(TranslationError, match="does not start from de"):
        engine.translate_texts(["x"], [fr_en_package], source_lang="de", target_lang="en")
    with pytest.raises(TranslationError, match="one package or two"):
        engine.translate_sentences([SourceSentence("x")], [])


def test_broken_package_raises_model_error(tmp_path: Path, fr_en_package: InstalledPackage) -> None:
    broken = replace(fr_en_package, path=tmp_path / "missing")
    with pytest.raises(ModelError, match="fr→en") as raised:
        TranslationEngine().load(broken)
    assert raised.value.hint is not None
    (tmp_path / "corrupt" / "model").mkdir(parents=True)
    (tmp_path / "corrupt" / "sentencepiece.model").write_bytes(b"nonsense")
    with pytest.raises(ModelError, match="cannot load"):
        TranslationEngine().load(replace(fr_en_package, path=tmp_path / "corrupt"))


def test_html_inline_tags_and_references_survive_translation(
    engine: TranslationEngine, fr_en_package: InstalledPackage
) -> None:
    source = (
        "<p>Lumen &amp; Cie pr&eacute;sente ses <strong>v&eacute;hicules &eacute;lectriques"
        '</strong> sur <a href="https://lumen.example/fr?a=1&amp;b=2">son site</a>.<br>'
        "Les ventes montent &amp;lt; vite.</p>\n"
    )
    document = parse_document(source, format="html")
    text = document.blocks[0].text
    hits = load_glossary().match(text, "fr")
    assert "véhicules électriques" in [hit.matched_text for hit in hits]
    spans = [load_glossary().spans(text, "fr", "en")]
    result = engine.translate_texts(
        [text],
        [fr_en_package],
        source_lang="fr",
        target_lang="en",
        extra_spans=spans,
        markup="html",
    )[0]
    assert result.ok, result.errors
    assert "electric vehicles" in result.text
    tags = [
        "<strong>",
        "</strong>",
        '<a href="https://lumen.example/fr?a=1&amp;b=2">',
        "</a>",
        "<br>",
    ]
    assert HTML_TAG.findall(result.text) == tags
    assert "&amp;lt;" in result.text
    translated = replace(document, blocks=(document.blocks[0].with_text(result.text),))
    assert HTML_TAG.findall(render_document(translated)) == ["<p>", *tags, "</p>"]


def test_extra_spans_must_match_the_texts(
    engine: TranslationEngine, fr_en_package: InstalledPackage
) -> None:
    with pytest.raises(ValueError, match="2 span lists for 1 texts"):
        engine.translate_texts(
            ["Merci."], [fr_en_package], source_lang="fr", target_lang="en", extra_spans=[[], []]
        )


def test_inter_threads_reaches_the_translator(fr_en_package: InstalledPackage) -> None:
    engine = TranslationEngine(EngineOptions(inter_threads=2, threads=1))
    engine.load(fr_en_package)
    assert engine._get(fr_en_package).translator.num_translators == 2
