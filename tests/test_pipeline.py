"""The pipeline end to end on synthetic packages."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from polyglot_press import Pipeline, PolyglotPressError
from polyglot_press.documents import BlockKind, parse_document

EXAMPLES = Path(__file__).parents[1] / "examples" / "releases"


@pytest.fixture(scope="module")
def pipeline(models_dir: Path) -> Pipeline:
    return Pipeline(models_dir=models_dir)


def test_french_release_gets_aligned_briefs(pipeline: Pipeline) -> None:
    result = pipeline.process(EXAMPLES / "alpine-dieppe-electric.md")
    assert result.ok, result.error
    assert result.language == "fr"
    assert result.route is not None and "fr→en" in result.route
    assert 1 <= len(result.briefs["en"]) <= 3
    assert len(result.briefs["ko"]) == len(result.briefs["en"])
    assert result.translation is not None and result.translation.lang == "en"
    assert "en" in result.glossary and "ko" in result.glossary
    assert result.term_use_rate is not None and 0.0 <= result.term_use_rate <= 1.0


def test_keep_list_names_and_contacts_survive(pipeline: Pipeline) -> None:
    result = pipeline.process(EXAMPLES / "alpine-dieppe-electric.md")
    assert result.translation is not None
    text = "\n".join(block.text for block in result.translation.blocks)
    assert "Alpine" in text
    assert "claire.morel@alpine-presse.example" in text
    assert "+33 1 76 84 00 00" in text
    contacts = [b for b in result.translation.blocks if b.kind is BlockKind.CONTACT]
    originals = [b for b in result.document.blocks if b.kind is BlockKind.CONTACT]  # type: ignore[union-attr]
    assert contacts == originals


def test_numbers_follow_english_conventions(pipeline: Pipeline) -> None:
    result = pipeline.process(EXAMPLES / "alpine-dieppe-electric.md")
    assert result.translation is not None
    text = "\n".join(block.text for block in result.translation.blocks)
    assert "15,000" in text
    assert "80%" in text  # "80 %" in the source


def test_english_release_skips_translation(pipeline: Pipeline) -> None:
    result = pipeline.process(EXAMPLES / "geely-export-hub.md")
    assert result.ok
    assert result.language == "en"
    assert result.route is not None and "identity" in result.route
    assert result.translation is not None
    assert [b.text for b in result.translation.blocks] == [b.text for b in result.document.blocks]  # type: ignore[union-attr]
    assert all(s in result.translation.blocks[0].text or True for s in result.briefs["en"])
    assert len(result.briefs["ko"]) == len(result.briefs["en"]) > 0


def test_missing_pair_names_the_install_command(tmp_path: Path) -> None:
    empty = tmp_path / "models"
    empty.mkdir()
    result = Pipeline(models_dir=empty).process(EXAMPLES / "alpine-dieppe-electric.md")
    assert result.status == "failed"
    assert result.error is not None
    assert "fr→en" in result.error
    assert result.hint is not None and "polyglot-press models install fr en" in result.hint


def test_unrecognised_language_is_a_status(pipeline: Pipeline) -> None:
    document = parse_document("1234 5678 ---- 90.12 %%% 3456 7890 ---- 12.34", source="noise")
    result = pipeline.process(document)
    assert result.status == "unsupported"
    assert result.error


def test_unknown_brief_language_is_refused() -> None:
    with pytest.raises(PolyglotPressError):
        Pipeline(langs=("en", "xx"))


def test_batched_processing_matches_one_by_one(pipeline: Pipeline) -> None:
    paths = sorted(EXAMPLES.iterdir())
    together = [r.to_dict() for r in pipeline.process_many(paths)]
    alone = [pipeline.process(path).to_dict() for path in paths]
    for record in together + alone:
        record.pop("timings", None)
    assert together == alone


def test_pipeline_is_safe_to_share_between_threads(pipeline: Pipeline) -> None:
    paths = sorted(EXAMPLES.iterdir()) * 3
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(lambda p: pipeline.process(p).briefs, paths))
    sequential = [pipeline.process(p).briefs for p in paths]
    assert parallel == sequential


def test_untranslated_sentences_stay_out_of_the_english_brief(pipeline: Pipeline) -> None:
    # Random-weight packages fail on some sentences: those keep their French source, are
    # reported, and must never be offered to an English reader as part of the brief.
    path = EXAMPLES / "dacia-hybride-bursa.txt"
    (translation,) = pipeline.translate([path])
    assert not isinstance(translation, PolyglotPressError)
    result = pipeline.process(path)
    for sentence in result.briefs["en"]:
        assert not any(source in sentence for source in translation.untranslated)
    if translation.untranslated:
        assert any("could not be translated" in warning for warning in result.warnings)


def test_briefs_are_written_without_the_untranslated_sentences() -> None:
    from polyglot_press.pipeline import _without_sentences

    document = parse_document("# T\n\nHello there. Bonjour là. Bye now.\n", format="md")
    cleaned = _without_sentences(document, ["Bonjour là."])
    assert "Bonjour" not in cleaned.blocks[1].text
    assert cleaned.blocks[1].text.startswith("Hello there.")
    assert _without_sentences(document, []) is document


def test_result_lists_the_glossary_terms_involved(pipeline: Pipeline) -> None:
    result = pipeline.process(EXAMPLES / "alpine-dieppe-electric.md")
    ids = {term.entry_id for term in result.terms}
    assert "usine" in ids
    usine = next(term for term in result.terms if term.entry_id == "usine")
    assert (usine.en, usine.ko) == ("plant", "공장")
    assert all(term.kind == "term" for term in result.terms)
    assert result.to_dict()["terms"][0]["fr"]


def test_translation_problems_are_summed_up() -> None:
    from polyglot_press.engine import SentenceTranslation, TextTranslation
    from polyglot_press.pipeline import translation_problems

    good = SentenceTranslation("Bonjour.", "Hello.", "plain")
    short = SentenceTranslation("Une longue phrase.", "A.", "plain", warning="much shorter")
    failed = SentenceTranslation("Encore.", "Encore.", "plain", error="runaway output")
    text = TextTranslation("…", "…", (good, short, failed, failed))
    problems = translation_problems([text], "fr")
    assert problems[0].startswith("2 of 4 sentences could not be translated (runaway output)")
    assert "kept in fr" in problems[0] and "«Encore.»" in problems[0]
    assert problems[1].startswith("1 of 4 translations are much shorter")
    assert translation_problems([TextTranslation("a", "b", (good,))], "fr") == []


def test_forced_language_that_contradicts_the_text_is_flagged(models_dir: Path) -> None:
    result = Pipeline(models_dir=models_dir, langs=("en",), source_lang="en").process(
        EXAMPLES / "alpine-dieppe-electric.md"
    )
    assert result.language == "en"
    assert any("forced to en, but the text reads as fr" in w for w in result.warnings)


def test_fallback_encoding_is_flagged(pipeline: Pipeline, tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes(
        "Le constructeur a présenté une nouvelle citadine électrique à Paris.".encode("cp1252")
    )
    (translation,) = pipeline.translate([latin])
    assert not isinstance(translation, PolyglotPressError)
    assert any("not UTF-8" in warning and "cp1252" in warning for warning in translation.warnings)


def test_term_uses_are_counted(pipeline: Pipeline) -> None:
    result = pipeline.process(EXAMPLES / "alpine-dieppe-electric.md")
    report = result.glossary["en"]
    for term in result.terms:
        items = [i for i in report.items if i.entry_id == term.entry_id]
        assert term.expected == len(items)
        assert term.found == sum(i.found for i in items)


def test_translation_text_is_the_rendered_document(pipeline: Pipeline) -> None:
    (translation,) = pipeline.translate([EXAMPLES / "geely-export-hub.md"])
    assert not isinstance(translation, PolyglotPressError)
    assert (
        translation.text == (EXAMPLES / "geely-export-hub.md").read_text(encoding="utf-8").lstrip()
    )


def test_a_missing_pair_is_raised_afresh_each_time(tmp_path: Path) -> None:
    from polyglot_press.errors import ModelError

    (tmp_path / "none").mkdir()
    pipeline = Pipeline(models_dir=tmp_path / "none")
    errors = []
    for _ in range(2):
        with pytest.raises(ModelError) as caught:
            pipeline.route("fr", "en")
        errors.append(caught.value)
    assert errors[0] is not errors[1]
    assert errors[0].message == errors[1].message
