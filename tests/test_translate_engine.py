"""The engine through its public API with ``FakeBackend``: batching, spans, enforcement paths.

The fake translates with a Python function and gives diagonal attention, so each test states
exactly what the "model" does and checks what the engine makes of it.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from polyglot_press.documents import HTML_TAG, parse_document
from polyglot_press.errors import TranslationError
from polyglot_press.glossary import load_glossary
from polyglot_press.packages import InstalledPackage
from polyglot_press.testing import FakeBackend
from polyglot_press.text import Span
from polyglot_press.translate import (
    EngineOptions,
    SentenceTranslation,
    SourceSentence,
    TranslationEngine,
    TranslationMemory,
)


def copy_text(text: str) -> str:
    """A model that copies its input, as a trained one copies numbers and names."""
    return text


FR_EN = InstalledPackage("fr", "en", "1.0", Path("/packages/fr_en"), 0, "models-dir")
EN_KO = InstalledPackage("en", "ko", "1.0", Path("/packages/en_ko"), 0, "models-dir")
FR_KO = InstalledPackage("fr", "ko", "1.0", Path("/packages/fr_ko"), 0, "models-dir")
DE_EN = InstalledPackage("de", "en", "1.0", Path("/packages/de_en"), 0, "models-dir")


def _span(text: str, word: str, replacement: str, kind: str = "term") -> Span:
    start = text.index(word)
    entry = f"entry-{replacement}" if kind == "term" else None
    return Span(start, start + len(word), replacement, kind, entry)  # type: ignore[arg-type]


def _assert_spans_in_place(result: SentenceTranslation) -> None:
    assert result.spans, "the sentence should have located spans"
    for span in result.spans:
        assert result.text[span.start : span.end] == span.replacement


def _sentence(text: str, *spans: tuple[str, str, str]) -> SourceSentence:
    return SourceSentence(text, tuple(_span(text, *spec) for spec in spans))


def test_one_result_per_sentence_and_each_distinct_sentence_decoded_once() -> None:
    backend = FakeBackend(str.upper)
    texts = ["Bonjour tout le monde.", "Merci.", "Bonjour tout le monde."]
    results = TranslationEngine(backend=backend).translate_sentences(
        [SourceSentence(t) for t in texts], [FR_EN]
    )
    assert [r.text for r in results] == [t.upper() for t in texts]
    assert [r.enforcement for r in results] == ["as_is"] * 3
    assert sorted(backend.decoded) == ["Bonjour tout le monde.", "Merci."]
    assert all(not request.return_attention for request in backend.requests)


def test_two_sentences_reaching_a_leg_as_the_same_tokens_are_decoded_once() -> None:
    """Two French sentences the first leg renders alike, one with a span and one without,
    reach the second leg as one input: decoded once, with attention, the output shared."""
    renderings = {
        "Prix : 20 euros.": "It costs 20 euros.",
        "Vingt euros, le prix.": "It costs 20 euros.",
    }

    def model(text: str) -> str:
        return renderings.get(text, text)

    backend = FakeBackend(model)
    with_number = _sentence("Prix : 20 euros.", ("20", "20", "number"))
    results = TranslationEngine(backend=backend).translate_sentences(
        [with_number, SourceSentence("Vingt euros, le prix.")], [FR_EN, EN_KO]
    )
    assert [r.text for r in results] == ["It costs 20 euros."] * 2
    assert backend.decoded.count("It costs 20 euros.") == 1
    assert [request.return_attention for request in backend.requests][-1]


def test_spans_a_model_copies_are_met_as_is_with_normalised_numbers() -> None:
    sentence = _sentence(
        "Le constructeur publie https://example.com/a et 300 000 photos.",
        ("constructeur", "carmaker", "term"),
        ("https://example.com/a", "https://example.com/a", "url"),
        ("300 000", "300,000", "number"),
    )
    backend = FakeBackend(copy_text)
    result = TranslationEngine(backend=backend).translate_sentences([sentence], [FR_EN])[0]
    # The term was written into the source; the number came back in French grouping.
    assert backend.decoded == ["Le carmaker publie https://example.com/a et 300 000 photos."]
    assert result.text == "Le carmaker publie https://example.com/a et 300,000 photos."
    assert result.enforcement == "as_is"
    assert [s.kind for s in result.spans] == ["term", "url", "number"]
    assert result.spans[0].entry_id == "entry-carmaker"
    _assert_spans_in_place(result)


def test_a_later_hypothesis_holding_every_span_is_picked() -> None:
    sentence = _sentence("Le constructeur ouvre une usine.", ("constructeur", "carmaker", "term"))
    backend = FakeBackend(lambda text: ["The maker opens a plant.", "The carmaker opens a plant."])
    result = TranslationEngine(backend=backend).translate_sentences([sentence], [FR_EN])[0]
    assert (result.text, result.enforcement) == ("The carmaker opens a plant.", "nbest")
    assert len(backend.decoded) == 1
    assert backend.requests[0].num_hypotheses == EngineOptions().num_hypotheses
    assert backend.requests[0].return_attention


def test_a_wrong_number_aligned_with_the_source_number_is_replaced_in_place() -> None:
    sentence = _sentence("Il vend 1,5 voitures.", ("1,5", "1.5", "number"))
    backend = FakeBackend(lambda text: "He sells 15 cars.")
    result = TranslationEngine(backend=backend).translate_sentences([sentence], [FR_EN])[0]
    assert result.text == "He sells 1.5 cars."
    assert result.enforcement == "aligned"
    assert len(backend.decoded) == 1, "repair in place decodes nothing more"
    _assert_spans_in_place(result)


def test_terms_and_words_are_never_written_over_the_model_keeps_its_text() -> None:
    """When in doubt, flag, don't edit: the aligned words of a missing term are other words,
    and "300 many" is not a number to overwrite; the sentence is kept and reported."""
    sentence = _sentence(
        "Le constructeur vend 300 000 voitures.",
        ("constructeur", "carmaker", "term"),
        ("300 000", "300,000", "number"),
    )
    backend = FakeBackend(lambda text: "The maker sells 300 many cars.")
    result = TranslationEngine(backend=backend).translate_sentences([sentence], [FR_EN])[0]
    assert result.text == "The maker sells 300 many cars."
    assert result.enforcement == "not_met"
    assert set(result.missing) == {"carmaker", "300,000"}
    assert set(result.missing_kinds) == {"term", "number"}
    assert len(backend.decoded) == 1


def test_a_number_the_source_has_elsewhere_is_not_overwritten() -> None:
    sentence = _sentence("Les 20 usines font 6 modèles.", ("6", "6", "number"))
    backend = FakeBackend(lambda text: "The 20 plants make 20 models.")
    result = TranslationEngine(backend=backend).translate_sentences([sentence], [FR_EN])[0]
    assert (result.text, result.enforcement) == ("The 20 plants make 20 models.", "not_met")


def test_pieces_are_stitched_only_when_asked_and_never_for_korean() -> None:
    text = "Le constructeur ouvre une usine."
    fr_en = _sentence(text, ("constructeur", "carmaker", "term"))
    backend = FakeBackend(lambda source: source.replace("carmaker", "maker"), attention=False)
    result = TranslationEngine(backend=backend).translate_sentences([fr_en], [FR_EN])[0]
    assert (result.enforcement, result.missing) == ("not_met", ("carmaker",))
    assert result.text == "Le maker ouvre une usine."
    assert backend.decoded == ["Le carmaker ouvre une usine."]

    backend = FakeBackend(lambda source: source.replace("carmaker", "maker"), attention=False)
    stitching = TranslationEngine(EngineOptions(stitch_unmet=True), backend=backend)
    result = stitching.translate_sentences([fr_en], [FR_EN])[0]
    assert result.enforcement == "fallback"
    assert result.text == "Le carmaker ouvre une usine."
    assert backend.decoded == ["Le carmaker ouvre une usine.", "Le", "ouvre une usine."]

    fr_ko = _sentence(text, ("constructeur", "제조사", "term"))
    backend = FakeBackend(lambda source: "그 회사는 공장을 연다.", attention=False)
    stitching = TranslationEngine(EngineOptions(stitch_unmet=True), backend=backend)
    result = stitching.translate_sentences([fr_ko], [FR_KO])[0]
    assert result.enforcement == "not_met"
    assert result.missing == ("제조사",)
    assert result.text == "그 회사는 공장을 연다."
    assert backend.decoded == ["Le 제조사 ouvre une usine."], "one decoding, no stitching"


def test_a_dropped_contact_is_reported_not_inserted() -> None:
    text = "Pour plus d'informations : presse@lumen.example merci."
    sentence = _sentence(text, ("presse@lumen.example", "presse@lumen.example", "email"))
    backend = FakeBackend(lambda source: "자세한 내용은 홍보팀에 문의.")
    result = TranslationEngine(backend=backend).translate_sentences([sentence], [FR_KO])[0]
    assert result.enforcement == "not_met"
    assert result.text == "자세한 내용은 홍보팀에 문의."
    assert (result.missing, result.missing_kinds) == (("presse@lumen.example",), ("email",))
    assert len(backend.decoded) == 1


def test_korean_renderings_of_a_number_count_as_the_number() -> None:
    sentence = _sentence("The group sold 300,000 cars.", ("300,000", "300,000", "number"))
    backend = FakeBackend(lambda text: "그룹은 30만 대를 팔았다.")
    result = TranslationEngine(backend=backend).translate_sentences([sentence], [EN_KO])[0]
    assert (result.text, result.enforcement) == ("그룹은 30만 대를 팔았다.", "as_is")
    assert [s.replacement for s in result.spans] == ["30만"]
    _assert_spans_in_place(result)


def test_a_failed_decoding_keeps_the_source_and_says_why() -> None:
    backend = FakeBackend(lambda text: "")
    text = "Une phrase. Une autre."
    translation = TranslationEngine(backend=backend).translate_texts(
        [text], [FR_EN], source_lang="fr", target_lang="en"
    )[0]
    assert translation.text == text
    assert [s.enforcement for s in translation.sentences] == ["failed", "failed"]
    assert translation.errors == ["the model produced an empty translation"] * 2
    assert translation.enforcement_counts()["failed"] == 2


def test_nothing_to_translate_is_copied_with_replacements() -> None:
    backend = FakeBackend(copy_text)
    results = TranslationEngine(backend=backend).translate_texts(
        ["300 000", "2023", "   "], [FR_EN], source_lang="fr", target_lang="en"
    )
    assert [r.text for r in results] == ["300,000", "2023", "   "]
    assert results[0].sentences[0].enforcement == "as_is"
    assert backend.decoded == []


def test_pivot_route_keeps_spans_through_both_legs() -> None:
    backend = FakeBackend(copy_text)
    texts = ["Le constructeur vend 300 000 voitures.", "Le constructeur recrute."]
    sentences = [_sentence(t, ("constructeur", "제조사", "term")) for t in texts]
    results = TranslationEngine(backend=backend).translate_sentences(sentences, [FR_EN, EN_KO])
    assert [r.text for r in results] == ["Le 제조사 vend 300 000 voitures.", "Le 제조사 recrute."]
    for result in results:
        assert [s.entry_id for s in result.spans] == ["entry-제조사"]
        _assert_spans_in_place(result)
    assert [p.pair for p in backend.loaded] == ["fr→en", "en→ko"]


def test_the_translation_memory_answers_the_second_run(tmp_path: Path) -> None:
    memory = TranslationMemory(tmp_path / "memory.sqlite")
    backend = FakeBackend(str.upper)
    engine = TranslationEngine(backend=backend, memory=memory)
    sentences = [SourceSentence("Bonjour."), SourceSentence("Merci.")]
    first = engine.translate_sentences(sentences, [FR_EN])
    second = engine.translate_sentences(sentences, [FR_EN])
    assert [r.text for r in second] == [r.text for r in first] == ["BONJOUR.", "MERCI."]
    # The path each took when it was translated, and where it came from this time.
    assert [r.enforcement for r in second] == ["as_is", "as_is"]
    assert [r.from_memory for r in second] == [True, True]
    assert not any(r.from_memory for r in first)
    assert len(backend.decoded) == 2
    memory.close()


def test_translate_texts_keeps_layout_and_maps_extra_spans() -> None:
    texts = ["Das Auto ist neu.  Der Preis liegt bei 45.990 Euro.", "  Danke!\n"]
    start = texts[0].index("Preis")
    extra = [[Span(start, start + 5, "price", "term", "price")], []]
    first, second = TranslationEngine(backend=FakeBackend(copy_text)).translate_texts(
        texts, [DE_EN], source_lang="de", target_lang="en", extra_spans=extra
    )
    assert [s.text for s in first.sentences] == [
        "Das Auto ist neu.",
        "Der price liegt bei 45,990 Euro.",
    ]
    assert first.text == "Das Auto ist neu.  Der price liegt bei 45,990 Euro."
    assert second.text == "  Danke!\n"


def test_span_across_a_sentence_boundary_joins_the_sentences() -> None:
    text = "Il a dit Bonjour. Merci et au revoir."
    start = text.index("Bonjour")
    extra = [[Span(start, text.index("Merci") + 5, "KEEP", "keep")]]
    result = TranslationEngine(backend=FakeBackend(copy_text)).translate_texts(
        [text], [FR_EN], source_lang="fr", target_lang="en", extra_spans=extra
    )[0]
    assert len(result.sentences) == 1
    assert result.text == "Il a dit KEEP et au revoir."


def test_html_inline_tags_are_placed_around_the_aligned_words() -> None:
    source = (
        "<p>Lumen présente ses <strong>véhicules électriques</strong> sur "
        '<a href="https://lumen.example/fr?a=1&amp;b=2">son site</a>.<br>'
        "Les ventes montent &amp;lt; vite.</p>\n"
    )
    text = parse_document(source, format="html").blocks[0].text
    spans = [load_glossary().spans(text, "fr", "en")]
    backend = FakeBackend(copy_text)
    result = TranslationEngine(backend=backend).translate_texts(
        [text], [FR_EN], source_lang="fr", target_lang="en", extra_spans=spans, markup="html"
    )[0]
    assert result.ok, result.errors
    assert "<strong>electric vehicles</strong>" in result.text
    assert '<a href="https://lumen.example/fr?a=1&amp;b=2">son site' in result.text
    assert HTML_TAG.findall(result.text) == HTML_TAG.findall(text)
    assert "&amp;lt;" in result.text
    assert not any("<" in decoded for decoded in backend.decoded), "tags never reach the model"


def test_markdown_emphasis_and_links_are_kept() -> None:
    text = "Voir **le nouveau modèle** sur [notre site](https://lumen.example) demain."
    result = TranslationEngine(backend=FakeBackend(str.upper)).translate_texts(
        [text], [FR_EN], source_lang="fr", target_lang="en"
    )[0]
    assert (
        result.text == "VOIR **LE NOUVEAU MODÈLE** SUR [NOTRE SITE](https://lumen.example) DEMAIN."
    )


def test_a_sentence_of_thousands_of_tags_keeps_every_tag_and_says_so() -> None:
    # Once: edits past 2,048 got sentinels outside the private-use range that were never
    # swapped back, and 37,952 stray characters reached the output.
    text = "**a " * 3000 + "fin."
    (result,) = TranslationEngine(backend=FakeBackend(str.upper)).translate_texts(
        [text], [FR_EN], source_lang="fr", target_lang="en"
    )
    assert result.text.count("**") == 3000
    assert not [c for c in result.text if ord(c) >= 0xE000 and c != "\ufffd"]
    assert "translated as plain text" in (result.sentences[0].warning or "")


def test_a_stray_closing_tag_closes_its_opener_and_those_opened_inside() -> None:
    source = "<p>Un <b>deux <i>trois</b> quatre</i> cinq</u> six.</p>\n"
    text = parse_document(source, format="html").blocks[0].text
    result = TranslationEngine(backend=FakeBackend(copy_text)).translate_texts(
        [text], [FR_EN], source_lang="fr", target_lang="en", markup="html"
    )[0]
    assert HTML_TAG.findall(result.text) == HTML_TAG.findall(text)


def test_concurrent_calls_share_the_loaded_model() -> None:
    backend = FakeBackend(str.upper)
    engine = TranslationEngine(backend=backend)
    sentences = [SourceSentence(f"Phrase numéro {i}.") for i in range(20)]
    expected = engine.translate_sentences(sentences, [FR_EN])
    outputs: list[list[SentenceTranslation]] = []
    threads = [
        threading.Thread(
            target=lambda: outputs.append(engine.translate_sentences(sentences, [FR_EN]))
        )
        for _ in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outputs == [expected] * 3
    assert len(backend.loaded) == 1


def test_routes_that_do_not_chain_are_rejected() -> None:
    engine = TranslationEngine(backend=FakeBackend(copy_text))
    with pytest.raises(TranslationError, match="does not chain"):
        engine.translate_sentences([SourceSentence("x")], [FR_EN, DE_EN])
    with pytest.raises(TranslationError, match="does not start from de"):
        engine.translate_texts(["x"], [FR_EN], source_lang="de", target_lang="en")
    with pytest.raises(TranslationError, match="one package or two"):
        engine.translate_sentences([SourceSentence("x")], [])


def test_extra_spans_must_match_the_texts() -> None:
    engine = TranslationEngine(backend=FakeBackend(copy_text))
    with pytest.raises(ValueError, match="2 span lists for 1 texts"):
        engine.translate_texts(
            ["Merci."], [FR_EN], source_lang="fr", target_lang="en", extra_spans=[[], []]
        )
