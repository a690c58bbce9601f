"""The sentence checks: each one alone, and what the pipeline does with their flags."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from polyglot_press import Pipeline
from polyglot_press.checks import (
    FLAG_ADVICE,
    FLAG_CODES,
    Flag,
    addition,
    check_sentence,
    missing_values,
    name_candidates,
    name_missing,
    number_added,
    omission,
    repetition,
    untranslated,
    wrong_language,
)
from polyglot_press.documents import BlockKind
from polyglot_press.testing import FakeBackend, pseudo_translation
from polyglot_press.text import date_spans, translate_dateline, verbatim_spans

EXAMPLES = Path(__file__).parents[1] / "examples" / "releases"
SOURCE = "Le constructeur prévoit une capacité de production de 180 000 unités par an à Dieppe."
HUMAN = "The carmaker plans a production capacity of 180,000 units per year in Dieppe."


def test_a_copied_sentence_is_untranslated_and_a_translation_is_not() -> None:
    flag = untranslated(SOURCE, SOURCE)
    assert flag is not None and flag.code == "untranslated" and flag.fails
    assert untranslated(SOURCE, HUMAN) is None
    # Glossary terms written into the source do not make a copy a translation.
    injected = "Le automaker prévoit une production capacity de 180,000 units per year à Dieppe."
    assert untranslated(
        SOURCE, injected, protected=["automaker", "production capacity", "units per year"]
    )


def test_wrong_language_by_script_and_by_detector() -> None:
    assert wrong_language("25 80%.", "ko", source=HUMAN) is not None  # no Hangul at all
    assert wrong_language("2024", "ko", source="2024") is None
    assert wrong_language("The carmaker plans a new plant.", "ko") is not None
    assert wrong_language("자동차 제조사는 새 공장을 계획한다.", "ko") is None
    assert wrong_language("Le constructeur prévoit une nouvelle usine en Normandie.", "en")
    assert wrong_language(HUMAN, "en") is None
    assert wrong_language("Renault Trafic", "en") is None  # names alone: nothing to judge


def test_omission_and_addition_follow_the_pair_and_the_length() -> None:
    assert omission(SOURCE, "The carmaker plans.", "fr", "en") is not None
    assert omission(SOURCE, HUMAN, "fr", "en") is None
    assert addition(SOURCE, HUMAN + " " + HUMAN + " " + HUMAN, "fr", "en") is not None
    assert addition(SOURCE, HUMAN, "fr", "en") is None


def test_repetition_is_a_loop_the_source_does_not_have() -> None:
    assert repetition(SOURCE, "The plant the plant the plant the plant.") is not None
    looped = "For any questions please contact the press office by mail for any questions please contact the press office"
    assert repetition(SOURCE, looped) is not None
    assert repetition(SOURCE, HUMAN) is None
    assert repetition("Non, non, non, non.", "No, no, no, no.") is None


def test_names_are_found_and_accepted_in_their_english_spelling() -> None:
    source = "Le Président indonésien, Joko Widodo, a visité Londres, l'Allemagne et l'usine A320."
    names = name_candidates(source, "fr")
    assert "Joko Widodo" in names and "A320" in names and "Président" not in names
    assert (
        name_missing(names, "President Widodo visited London, Germany and the A320 plant.", "en")
        is None
    )
    flag = name_missing(names, "The president visited London, Germany and the plant.", "en")
    assert flag is not None and "Joko Widodo" in flag.message and "A320" in flag.message
    # Korean transliterates names: only identifiers with digits are checked there.
    assert name_missing(names, "조코 위도도 대통령이 런던을 방문했다.", "ko") is not None
    assert name_missing(["Stéphane Deblaise"], "스테판 데블레즈", "ko") is None


def test_missing_values_accept_other_correct_forms() -> None:
    assert missing_values(["10%"], ["number"], "more than 10 percent of them") == []
    assert missing_values(["3"], ["number"], "three years ago") == []
    assert missing_values(["2.8bn"], ["number"], "28억 파운드 규모") == []
    assert missing_values(["9 November 2023"], ["date"], "on November 9, 2023") == []
    assert (
        missing_values(
            ["United States"], ["term"], "in the U.S.", {"United States": ("US", "U.S.")}
        )
        == []
    )
    [flag] = missing_values(["180,000"], ["number"], "180 units")
    assert flag.code == "number_missing"
    codes = {
        f.code
        for f in missing_values(["presse@lumen.example", "9 November 2023"], ["email", "date"], "x")
    }
    assert codes == {"contact_missing", "date_mismatch"}


def test_a_number_the_source_does_not_have_is_flagged() -> None:
    assert number_added("Il y a 3 ans, 281 pharmacies.", "Three years ago, 282 pharmacies.", "fr")
    assert (
        number_added("Il y a trois ans, 281 pharmacies.", "3 years ago, 281 pharmacies.", "fr")
        is None
    )
    assert number_added("au XIXe siècle, à 19h30", "in the 19th century, at 7:30 pm", "fr") is None


@pytest.mark.parametrize(
    ("source", "wanted", "human", "wrong"),
    [
        ("un porc de 250 kg", "250", "a 550 pound pig", "a 750 pound pig"),
        ("dans un rayon de 300 km", "300", "within 200 miles", "within 400 miles"),
        ("des vents de 135 km/h", "135", "winds of 85 miles per hour", "winds of 95 mph"),
        ("il faisait 26 degrés", "26", "it was 80 degrees", "it was 90 degrees"),
        ("un joueur de 1,98 m", "1.98", "the 6-foot-6 forward", "the 7-foot-6 forward"),
        ("de 5 à 10 cm de pluie", "10", "2 to 4 inches of rain", "2 to 6 inches of rain"),
        ("dans les années 80", "80", "in the 1980s", "in the 1990s"),
    ],
)
def test_a_measure_in_other_units_or_a_decade_is_the_same_number(
    source: str, wanted: str, human: str, wrong: str
) -> None:
    assert missing_values([wanted], ["number"], human, source=source) == []
    assert number_added(source, human, "fr") is None
    [flag] = missing_values([wanted], ["number"], wrong, source=source)
    assert flag.code == "number_missing"


def test_times_compare_on_the_clock_and_percentages_by_value() -> None:
    assert number_added("mercredi à 15 h au stade", "at 3 p.m. on Wednesday", "fr") is None
    flag = number_added("mercredi à 15 h au stade", "at 4 p.m. on Wednesday", "fr")
    assert flag is not None and "4 p.m." in flag.message
    assert number_added("just before 7 a.m.", "오전 8시 전에", "en", "ko") is not None
    assert number_added("just before 7 a.m.", "오전 7시 전에", "en", "ko") is None
    # "1.05 million" is not a time; "105만" and "2.7%" are the source's values.
    assert number_added("1.05 million viewers", "105만 명", "en", "ko") is None
    assert number_added("sales rose 2.7 per cent", "매출이 2.7% 올랐다", "en", "ko") is None
    assert number_added("20 million people", "2000만명이", "en", "ko") is None
    assert number_added("in its eighth year", "8년째", "en", "ko") is None
    assert number_added("on Nov. 6", "11월 6일", "en", "ko") is None
    assert missing_values(["32%"], ["number"], "Thirty-two percent supported it") == []
    assert number_added("pour la douzième fois", "for a record 12th time", "fr") is None
    assert number_added("paid her $375,000", "37만 5,000달러를", "en", "ko") is None
    assert number_added("paid her $375,000", "37만 6,000달러를", "en", "ko") is not None
    assert number_added("on Saturday (September 29)", "토요일(1월 29일)에는", "en", "ko")
    assert number_added("during World War One", "제2차 세계 대전 동안", "en", "ko")
    assert number_added("a pint at 5.30pm", "오후 6.30에", "en", "ko") is not None
    assert number_added("a pint at 5.30pm", "오후 5.30에", "en", "ko") is None
    # One of the source's numbers given twice in place of another.
    four_days = "a four day week, but paid for five"
    assert number_added(four_days, "주 5일 근무하지만 5일 지급", "en", "ko") is not None
    assert number_added(four_days, "주 4일 근무하지만 5일 지급", "en", "ko") is None


def test_names_in_their_target_spelling_acronyms_and_codes() -> None:
    assert name_missing(["Hambourg"], "the Hamburg shipyard", "en") is None
    assert name_missing(["Bachar al-Assad"], "President Bashar al-Assad", "en") is None
    assert name_missing(["DC"], "the D.C. Circuit", "en") is None
    assert name_missing(["CCCD"], "the committee (DCCC)", "en") is None
    assert name_missing(["PE19"], "their SS19 collection", "en") is None
    assert name_missing(["PE19"], "their SS20 collection", "en") is not None
    assert name_missing(["Hambourg"], "the German port", "en") is not None
    names = name_candidates("« NON ENCORE UNE FOIS », il joue le par-3 avec 1-of-4 joueurs", "fr")
    assert "UNE" not in names and "par-3" not in names and "1-of-4" not in names


def test_a_glossary_term_as_its_adjective_and_a_participle_is_no_term() -> None:
    from polyglot_press.glossary import load_glossary

    assert missing_values(["China"], ["term"], "Killer pig mauls Chinese farmer") == []
    assert missing_values(["Europe"], ["term"], "the winningest European") == []
    glossary = load_glossary()
    assert not [h for h in glossary.match("les adeptes ont marché", "fr") if h.entry.fr == "marché"]
    assert [h for h in glossary.match("le marché automobile", "fr")]
    # "ch" is a context word of "couple": a whole word, not the start of "chez".
    assert not [h for h in glossary.match("un couple chez eux", "fr") if h.entry.fr == "couple"]
    assert [h for h in glossary.match("un couple de 300 Nm", "fr") if h.entry.fr == "couple"]


def test_service_numbers_after_a_call_to_ring_are_phones() -> None:
    def kinds(text: str) -> list[tuple[str, str]]:
        spans = verbatim_spans(text, "fr", "en", markup="txt")
        return [(span.kind, text[span.start : span.end]) for span in spans]

    assert ("phone", "116 123") in kinds("vous pouvez appeler gratuitement au 116 123 (France)")
    assert ("phone", "0800 555 111") in kinds("contactez-les au 0800 555 111, en indiquant")
    assert kinds("une capacité de 300 000 unités") == [("number", "300 000")]
    assert ("number", "300 000") in kinds("le numéro un compte 300 000 unités")


def test_every_code_has_advice_and_round_trips() -> None:
    assert set(FLAG_ADVICE) == set(FLAG_CODES) and len(FLAG_CODES) == 11
    for code in FLAG_CODES:
        flag = Flag(code, "m")
        assert Flag.from_dict(flag.to_dict()) == flag
    with pytest.raises(ValueError, match="unknown flag code"):
        Flag.from_dict({"code": "nope", "message": ""})


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300), st.text(max_size=300))
def test_checks_never_raise_and_flag_each_code_once(source: str, output: str) -> None:
    flags = check_sentence(source, output, "fr", "en")
    assert len({flag.code for flag in flags}) == len(flags)
    assert all(flag.code in FLAG_CODES and flag.message for flag in flags)


def test_identifiers_are_atomic_and_dates_are_written_by_rule() -> None:
    spans = verbatim_spans("La norme 802.11n, l'A320 et le 9 novembre 2023.", "fr", "en")
    assert [(s.replacement, s.kind) for s in spans] == [
        ("802.11n", "number"),
        ("A320", "number"),
        ("9 November 2023", "date"),
    ]
    text = "production au second semestre 2025 puis début 2026"
    assert [s.replacement for s in date_spans(text, "fr", "en")] == [
        "second half of 2025",
        "early 2026",
    ]
    assert [s.replacement for s in date_spans(text, "fr", "ko")] == ["2025년 하반기", "2026년 초"]
    assert translate_dateline("SÉOUL, CORÉE DU SUD – 9 novembre 2023 -", "fr", "en") == (
        "SEOUL, SOUTH KOREA – 9 November 2023 -"
    )


def test_a_model_that_copies_its_input_gives_a_failed_document(models_dir: Path) -> None:
    pipeline = Pipeline(models_dir=models_dir, backend=FakeBackend(lambda text: text))
    result = pipeline.process(EXAMPLES / "alpine-dieppe-electric.md")
    # Never ok: what is left are lines made of glossary terms and numbers only, and the
    # headline, untranslated, sends it to review.
    assert result.status in ("failed", "partial", "review"), result.status
    assert result.error is not None and "untranslated" in result.error
    assert result.document is not None
    records = [
        r
        for r in result.sentences
        if r.block is not None
        and r.text is not None
        and result.document.blocks[r.block].kind is not BlockKind.DATELINE  # by rule
    ]
    # The one line a copy gets right: glossary terms and a number, nothing else to translate.
    assert len(records) > 10
    assert [r.source for r in records if r.ok] == ["Capacité de production : 15 000 unités par an"]
    assert any("untranslated" in warning for warning in result.warnings)


def test_flags_reach_the_json_and_make_the_result_review(models_dir: Path) -> None:
    def drops_alpine(text: str, target: str) -> str:
        return pseudo_translation(text.replace("Alpine", "the brand"), target)

    result = Pipeline(models_dir=models_dir, backend=FakeBackend(drops_alpine)).process(
        EXAMPLES / "alpine-dieppe-electric.md"
    )
    assert result.status == "review", result.error
    assert result.error is not None and "flagged for review" in result.error
    data = result.to_dict()
    flagged = [s for s in data["sentences"] if s["flags"]]
    assert flagged and all(set(f) == {"code", "message"} for s in flagged for f in s["flags"])
    assert any(f["code"] in ("name_missing", "term_missing") for s in flagged for f in s["flags"])
    assert all(s["from_memory"] is False for s in data["sentences"])
    dateline = data["dateline"]
    assert dateline is not None and "March 2025" in dateline


def test_a_pseudo_translation_passes_the_checks(models_dir: Path) -> None:
    result = Pipeline(models_dir=models_dir, backend=FakeBackend()).process(
        EXAMPLES / "alpine-dieppe-electric.md"
    )
    assert result.status == "ok", result.error


def test_a_threshold_per_package_from_its_own_translations() -> None:
    from polyglot_press import PipelineConfig
    from polyglot_press.evaluate._confidence import calibrate_min_score

    sources = [SOURCE] * 40 + [SOURCE] * 10
    outputs = [HUMAN] * 40 + [SOURCE] * 10  # ten copies, which the checks flag
    scores = [-0.5 - i / 100 for i in range(40)] + [-3.0] * 10
    calibration = calibrate_min_score(sources, outputs, scores, "fr", "en")
    assert calibration is not None
    assert calibration.passed == 40 and calibration.flagged == 10
    assert -0.88 <= calibration.min_score <= -0.86 and calibration.flagged_below == 1.0
    assert calibrate_min_score(sources[:10], outputs[:10], scores[:10], "fr", "en") is None
    config = PipelineConfig(min_score={"fr→en": calibration.min_score, "en-ko": -1})
    assert config.min_score_for("fr", "en") == calibration.min_score
    assert config.min_score_for("en", "ko") == -1.0 and config.min_score_for("de", "en") is None
    assert PipelineConfig(min_score=-2).min_score_for("en", "ko") == -2.0
    flags = check_sentence(SOURCE, HUMAN, "fr", "en", score=-3.0, min_score=-0.5)
    assert [flag.code for flag in flags] == ["low_confidence"]


def test_min_score_on_the_command_line(models_dir: Path) -> None:
    import json

    from typer.testing import CliRunner

    from polyglot_press.cli import app

    runner = CliRunner()
    release = str(EXAMPLES / "alpine-dieppe-electric.md")
    base = ["brief", release, "--models", str(models_dir), "--format", "json", "--langs", "en"]
    # Scores are log-probabilities (negative): a threshold of 0 flags every scored sentence.
    result = runner.invoke(app, [*base, "--min-score", "fr-en=0"])
    data = json.loads(result.stdout)
    codes = [f["code"] for s in data["sentences"] if s["target_lang"] == "en" for f in s["flags"]]
    assert codes.count("low_confidence") >= 3
    quiet = json.loads(runner.invoke(app, [*base, "--min-score", "en-ko=0"]).stdout)
    assert not [f for s in quiet["sentences"] for f in s["flags"] if f["code"] == "low_confidence"]
    refused = runner.invoke(app, [*base, "--min-score", "fr-en=high"])
    assert refused.exit_code == 2 and "--min-score" in refused.output
