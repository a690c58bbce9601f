"""The pipeline end to end on synthetic packages."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from polyglot_press import Pipeline, PolyglotPressError
from polyglot_press.documents import BlockKind, parse_document, plain_text
from polyglot_press.pipeline import ENFORCEMENT_PATHS, register_stage
from polyglot_press.testing import FakeBackend, pseudo_translation

EXAMPLES = Path(__file__).parents[1] / "examples" / "releases"


@pytest.fixture(scope="module")
def pipeline(models_dir: Path) -> Pipeline:
    return Pipeline(models_dir=models_dir)


def test_french_release_gets_aligned_briefs(pipeline: Pipeline) -> None:
    result = pipeline.process(EXAMPLES / "alpine-dieppe-electric.md")
    # Random weights: the briefs are written, and what the checks flag makes it "review".
    assert result.status in ("ok", "review"), result.error
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
    # A random-weight model drops names: each is in its sentence's translation or flagged.
    for record in result.sentences:
        if record.block is None or "Alpine" not in record.source or record.text is None:
            continue
        codes = {flag.code for flag in record.flags}
        assert "Alpine" in record.text or codes & {"name_missing", "term_missing"}, record
    contacts = [b for b in result.translation.blocks if b.kind is BlockKind.CONTACT]
    originals = [b for b in result.document.blocks if b.kind is BlockKind.CONTACT]  # type: ignore[union-attr]
    assert contacts and contacts == originals
    text = "\n".join(block.text for block in contacts)
    assert "claire.morel@alpine-presse.example" in text
    assert "+33 1 76 84 00 00" in text


@pytest.fixture(scope="module")
def copying(models_dir: Path) -> Pipeline:
    """A pipeline whose model copies its input, as a trained model copies numbers and names."""
    return Pipeline(models_dir=models_dir, backend=FakeBackend())


def test_numbers_follow_english_conventions(copying: Pipeline) -> None:
    result = copying.process(EXAMPLES / "alpine-dieppe-electric.md")
    assert result.translation is not None
    text = "\n".join(block.text for block in result.translation.blocks)
    assert "15,000" in text
    assert "80%" in text  # "80 %" in the source


def test_english_release_skips_translation(pipeline: Pipeline) -> None:
    result = pipeline.process(EXAMPLES / "geely-export-hub.md")
    assert result.status in ("ok", "review"), result.error  # the Korean brief: random weights
    assert result.language == "en"
    assert result.route is not None and "identity" in result.route
    assert result.translation is not None
    assert [b.text for b in result.translation.blocks] == [b.text for b in result.document.blocks]  # type: ignore[union-attr]
    body = " ".join(plain_text(block.text, "md") for block in result.translation.blocks)
    assert result.briefs["en"] and all(sentence in body for sentence in result.briefs["en"])
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


@pytest.fixture(scope="module")
def shouting(models_dir: Path) -> Pipeline:
    """A pipeline whose model is a deterministic function of each sentence.

    Random-weight packages can decode a sentence differently in another batch (int8 kernels
    on a loaded machine), which would blur what these tests check: the pipeline's own
    bookkeeping across batches and threads.
    """
    return Pipeline(models_dir=models_dir, backend=FakeBackend(str.upper))


def test_batched_processing_matches_one_by_one(shouting: Pipeline) -> None:
    pipeline = shouting
    paths = sorted(EXAMPLES.iterdir())
    together = [r.to_dict() for r in pipeline.process_many(paths)]
    alone = [pipeline.process(path).to_dict() for path in paths]
    for record in together + alone:
        record.pop("timings", None)
    assert together == alone


def test_pipeline_is_safe_to_share_between_threads(shouting: Pipeline) -> None:
    pipeline = shouting
    paths = sorted(EXAMPLES.iterdir()) * 3
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(lambda p: pipeline.process(p).briefs, paths))
    sequential = [pipeline.process(p).briefs for p in paths]
    assert parallel == sequential


def test_untranslated_sentences_stay_out_of_the_english_brief(models_dir: Path) -> None:
    # Sentences the engine cannot translate keep their French source, are reported, and must
    # never be offered to an English reader as part of the brief.
    def fails_on_dacia(text: str, target: str) -> str:
        return "" if "Dacia" in text else pseudo_translation(text, target)

    pipeline = Pipeline(models_dir=models_dir, backend=FakeBackend(fails_on_dacia))
    path = EXAMPLES / "dacia-hybride-bursa.txt"
    (translation,) = pipeline.translate([path])
    assert not isinstance(translation, PolyglotPressError)
    assert translation.untranslated
    result = pipeline.process(path)
    assert result.briefs["en"]
    for sentence in result.briefs["en"]:
        assert not any(source in sentence for source in translation.untranslated)
    assert any("could not be translated" in warning for warning in result.warnings)


def test_briefs_are_written_without_the_untranslated_sentences() -> None:
    from polyglot_press.pipeline._summarise import without_sentences as _without_sentences

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
    from polyglot_press.pipeline import translation_problems
    from polyglot_press.translate import SentenceTranslation, TextTranslation

    good = SentenceTranslation("Bonjour.", "Hello.", "as_is")
    warning = "translation is much shorter than its source (2 tokens for 9); words may be missing"
    short = SentenceTranslation("Une longue phrase.", "A.", "as_is", warning=warning)
    cut = "sentence cut to its first 510 tokens: the model has 512 positions; split it"
    long = SentenceTranslation("Une phrase.", "A sentence.", "as_is", warning=cut)
    odd = SentenceTranslation("Une phrase.", "A sentence.", "as_is", warning="something else")
    failed = SentenceTranslation("Encore.", "Encore.", "failed", error="runaway output")
    text = TextTranslation("…", "…", (good, short, failed, failed, long, odd))
    problems = translation_problems([text], "fr")
    assert problems[0].startswith("2 of 6 sentences could not be translated (runaway output)")
    assert "kept in fr" in problems[0] and "«Encore.»" in problems[0]
    assert problems[1].startswith("1 of 6 translations are much shorter")
    assert problems[2].startswith("1 of 6 sentences were longer than the model can read")
    assert problems[3] == "1 of 6 translations have a warning, e.g. «something else»"
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
    assert result.terms
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


# --- the stages, the seams, the JSON schema, honest failures -------------------------------


def test_a_custom_stage_and_a_fake_backend_through_the_public_api(models_dir: Path) -> None:
    from polyglot_press import PipelineConfig
    from polyglot_press.pipeline import PipelineContext, WorkItem

    seen: list[str] = []

    def headline_brief(items: Sequence[WorkItem], context: PipelineContext) -> list[WorkItem]:
        done = []
        for item in items:
            assert item.translation is not None and item.translation.document.title is not None
            briefs = {lang: (item.translation.document.title,) for lang in context.config.langs}
            done.append(dataclasses.replace(item, briefs=briefs))
        return done

    def spy(items: Sequence[WorkItem], context: PipelineContext) -> Sequence[WorkItem]:
        seen.extend(item.label for item in items)
        return items

    backend = FakeBackend()
    pipeline = Pipeline(PipelineConfig(models_dir=models_dir, langs=("en",)), backend=backend)
    pipeline.replace_stage("summarise", "headline_brief", headline_brief)
    pipeline.add_stage("spy", spy, after="translate")
    assert pipeline.stage_names == (
        "read", "route", "translate", "spy", "check", "headline_brief", "render"
    )  # fmt: skip
    assert pipeline.config.stages == pipeline.stage_names

    source = EXAMPLES / "alpine-dieppe-electric.md"
    result = pipeline.process(source)
    assert result.ok, result.error
    headline = pseudo_translation(
        "Alpine lancera la production de sa sportive all-electric à Dieppe dès 2026", "en"
    )
    assert result.briefs == {"en": (headline,)}
    assert seen == [str(source)]
    assert backend.decoded and all(text == text.strip() for text in backend.decoded)
    assert set(result.timings) == set(pipeline.stage_names)


def test_stages_are_named_and_misuse_is_refused(models_dir: Path) -> None:
    pipeline = Pipeline(models_dir=models_dir)
    assert pipeline.stage_names == (
        "read", "route", "translate", "check", "summarise", "render"
    )  # fmt: skip
    with pytest.raises(KeyError, match="no stage called 'sumarise'"):
        pipeline.replace_stage("sumarise", "noop", lambda items, context: items)
    with pytest.raises(ValueError, match="already exists"):
        pipeline.add_stage("read", lambda items, context: items)
    with pytest.raises(PolyglotPressError, match="built-in stage"):
        register_stage("render", lambda items, context: items)
    pipeline.replace_stage("route", "drop_last", lambda items, context: items[:-1])
    with pytest.raises(PolyglotPressError, match="stage 'drop_last' returned 0 items for 1"):
        pipeline.process(EXAMPLES / "geely-export-hub.md")


def test_result_json_has_blocks_and_sentences_for_a_review_page(copying: Pipeline) -> None:
    data = copying.process(EXAMPLES / "alpine-dieppe-electric.md").to_dict()
    json.dumps(data)  # JSON-ready
    kinds = {block["kind"] for block in data["blocks"]}
    assert {"title", "paragraph", "contact"} <= kinds
    contact = next(block for block in data["blocks"] if block["kind"] == "contact")
    assert contact["translation"] is None
    title = data["blocks"][0]
    assert title["index"] == 0 and title["language"] == "fr" and title["translation"]
    document = [sentence for sentence in data["sentences"] if sentence["block"] is not None]
    brief = [sentence for sentence in data["sentences"] if sentence["block"] is None]
    assert document, "every translated sentence is listed"
    indexes = {block["index"] for block in data["blocks"]}
    for sentence in document:
        assert sentence["block"] in indexes
        assert sentence["target_lang"] == "en"
    # The Korean brief translates the English one sentence by sentence: each has its path.
    assert [sentence["target_lang"] for sentence in brief] == ["ko"] * len(data["briefs"]["ko"])
    assert [sentence["source"] for sentence in brief] == data["briefs"]["en"]
    assert data["sentences"] == [*document, *brief]  # the document's sentences come first
    for sentence in data["sentences"]:
        assert sentence["path"] in ENFORCEMENT_PATHS
        assert (sentence["text"] is None) == (sentence["error"] is not None)
    assert set(data["glossary"]) == {"en", "ko"}


def test_an_english_release_has_no_translation_column(copying: Pipeline) -> None:
    data = copying.process(EXAMPLES / "geely-export-hub.md").to_dict()
    assert data["blocks"] and all(block["translation"] is None for block in data["blocks"])
    # Only the Korean brief was translated: no sentence belongs to a block.
    assert data["briefs"]["ko"]
    assert [(s["block"], s["target_lang"]) for s in data["sentences"]] == [(None, "ko")] * len(
        data["briefs"]["ko"]
    )


BODY = (
    "# Un nouveau modèle\n\n"
    "Le constructeur présente aujourd'hui un modèle inédit. "
    "Les ventes commenceront au printemps prochain.\n"
)


def test_a_brief_that_cannot_be_written_fails_the_result_and_says_why(
    models_dir: Path, tmp_path: Path
) -> None:
    source = tmp_path / "release.md"
    source.write_text(BODY, encoding="utf-8")
    pipeline = Pipeline(models_dir=models_dir, backend=FakeBackend(lambda text: ""))
    result = pipeline.process(source)
    assert result.status == "failed"
    assert not any(result.briefs.values())
    assert result.error is not None and result.hint is not None
    assert result.error.startswith("no English and Korean brief: 3 of 3 sentences could not")
    assert "empty translation" in result.error and "«Un nouveau modèle»" in result.error
    assert "models list" in result.hint and "reinstall" in result.hint
    assert not any("nothing to summarise" in warning for warning in result.warnings)
    assert result.to_dict()["sentences"][0]["path"] == "failed"


def test_a_korean_brief_that_cannot_be_written_makes_the_result_partial(
    models_dir: Path, tmp_path: Path
) -> None:
    source = tmp_path / "release.md"
    source.write_text(BODY, encoding="utf-8")

    def english_only(text: str, target: str) -> str:
        # The French → English leg translates; the English → Korean one produces nothing.
        return "" if target == "ko" else pseudo_translation(text, target)

    result = Pipeline(models_dir=models_dir, backend=FakeBackend(english_only)).process(source)
    assert result.status == "partial", result.error
    assert result.briefs["en"] and not result.briefs["ko"]
    assert result.error is not None and result.error.startswith("no Korean brief")
    # The failed leg's sentences are recorded too, as brief sentences (no block).
    korean = [sentence for sentence in result.sentences if sentence.target_lang == "ko"]
    assert len(korean) == len(result.briefs["en"])
    assert all(s.block is None and s.path == "failed" and s.text is None for s in korean)


def test_a_forced_language_is_a_code(models_dir: Path) -> None:
    from polyglot_press import InputError, PipelineConfig

    assert PipelineConfig(source_lang="French").source_lang == "fr"
    assert PipelineConfig(source_lang="fr-CA").source_lang == "fr"
    with pytest.raises(InputError, match="not a language code"):
        PipelineConfig(source_lang="fr:0.95")


def test_the_result_schema_names_every_enforcement_path() -> None:
    from polyglot_press import translate

    assert ENFORCEMENT_PATHS == translate.ENFORCEMENT_PATHS


def test_a_glossary_is_given_as_files_or_as_an_object(models_dir: Path, tmp_path: Path) -> None:
    from polyglot_press import load_glossary

    house = tmp_path / "house.tsv"
    house.write_text("fr\ten\tko\nmodèle inédit\tbrand-new model\t신모델\n", encoding="utf-8")
    source = tmp_path / "release.md"
    source.write_text(BODY, encoding="utf-8")

    def model(text: str, target: str) -> str:
        return pseudo_translation(text, target, keep=("brand-new model", "신모델"))

    from_files = Pipeline(models_dir=models_dir, glossary=[house], backend=FakeBackend(model))
    from_object = Pipeline(
        models_dir=models_dir, glossary=load_glossary([house]), backend=FakeBackend(model)
    )
    assert from_files.config.glossary == (house,)
    for pipeline in (from_files, from_object):
        result = pipeline.process(source)
        assert result.ok, result.error
        assert "brand-new model" in " ".join(result.briefs["en"])
