"""Language detection and block-level routing."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from polyglot_press.documents import BlockKind, parse_document
from polyglot_press.language import (
    UNDETERMINED,
    LanguageGuess,
    describe_routing,
    detect_language,
    route_document,
)

SHARED = Path(__file__).parents[2] / "shared"

FRENCH = "Le constructeur a présenté sa nouvelle voiture électrique lors du salon de Genève."
ENGLISH = "The carmaker presented its new electric car at the motor show in Geneva this week."


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (FRENCH, "fr"),
        (ENGLISH, "en"),
        ("현대자동차는 새로운 전기차를 다음 달에 출시한다고 밝혔다.", "ko"),
        ("Компания представила новый электромобиль на автосалоне в Женеве.", "ru"),
        ("El fabricante presentó su nuevo coche eléctrico en el salón de Ginebra.", "es"),
        ("自動車メーカーはジュネーブのモーターショーで新しい電気自動車を発表した。", "ja"),
    ],
)
def test_detects_languages(text: str, code: str) -> None:
    guess = detect_language(text)
    assert guess.code == code
    assert guess.reliable


def test_hangul_is_decided_by_script_even_with_latin_names() -> None:
    guess = detect_language("Renault Korea Motors 부산공장은 Polestar 4를 생산할 예정이다.")
    assert (guess.code, guess.basis) == ("ko", "script")


def test_english_verdict_needs_english_function_words() -> None:
    # Tok Pisin-like text: English-looking letters, no English function words.
    guess = detect_language("Mi laik go long maket long baim kaikai bilong ol pikinini bilong mi.")
    assert guess.code not in ("en", "fr")


def test_short_text_inherits_the_default() -> None:
    assert detect_language("Merci.", default="fr") == LanguageGuess("fr", 0.0, False, "inherited")
    assert not detect_language("Merci.").reliable


def test_no_letters_is_undetermined() -> None:
    assert detect_language("12 345 — 67 %") == LanguageGuess(UNDETERMINED, 0.0, False, "none")


def test_detection_is_reproducible() -> None:
    text = "Wonders of the world, dit-il, sont nombreuses."
    assert len({detect_language(text) for _ in range(3)}) == 1


MIXED = f"""# Le constructeur présente une voiture

PARIS – 3 mars 2024 - {FRENCH} Elle sera produite en France dès l'année prochaine.

« We are very proud of this new car and of the people who built it », said the chief executive.

**Contacts presse**

Paul Girard, +33 1 23 45 67 89, paul@lumen.example

## About Lumen

Lumen is at the forefront of a mobility that is reinventing itself, in more than 30 countries.
"""


def test_routing_is_block_by_block() -> None:
    doc = route_document(parse_document(MIXED))
    assert doc.lang == "fr"
    by_kind = {(str(b.kind), b.lang) for b in doc.blocks}
    assert ("dateline", "fr") in by_kind  # datelines inherit
    quote = next(b for b in doc.blocks if b.text.startswith("« We"))
    assert quote.lang == "en"
    about = [b for b in doc.blocks if b.kind is BlockKind.BOILERPLATE]
    assert about[-1].lang == "en"
    assert all(b.lang is None for b in doc.blocks if b.kind is BlockKind.CONTACT)


def test_undetermined_document() -> None:
    doc = route_document(parse_document("2024\n\n12 345\n\n---"))
    assert doc.lang == UNDETERMINED


@pytest.mark.parametrize(
    ("text", "fmt"),
    [("# Titre\n", "md"), ("# Привет", "md")],
)
def test_a_few_words_are_not_routed_to_a_random_language(text: str, fmt: str) -> None:
    # langdetect alone calls "Titre" Romanian: one word known to two lexicons decides nothing.
    doc = route_document(parse_document(text, format=fmt))  # type: ignore[arg-type]
    assert doc.lang == UNDETERMINED
    assert doc.lang_confidence == 0.0
    assert {b.lang for b in doc.blocks} == {UNDETERMINED}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("# Le Titre\n", "fr"),
        ("# Des Ventes\n", "fr"),
        ("Autre texte.", "fr"),  # langdetect alone says Norwegian
        ("Merci.", "fr"),
        ("Hello there.", "en"),
        ("# 부산 공장", "ko"),
    ],
)
def test_a_few_words_keep_a_language_the_evidence_backs(text: str, code: str) -> None:
    # langdetect alone calls "Des Ventes" German: the function word "des" decides.
    doc = route_document(parse_document(text))
    assert doc.lang == code
    assert all(b.lang == code for b in doc.blocks)


def test_routing_records_the_document_confidence() -> None:
    doc = route_document(parse_document(MIXED))
    assert 0.5 <= doc.lang_confidence <= 1.0
    assert doc.lang_confidence == describe_routing(parse_document(MIXED)).guess.confidence


def test_describe_routing_reports_each_block() -> None:
    report = describe_routing(parse_document(MIXED))
    record = report.to_dict()
    assert record["language"] == "fr" and record["reliable"] is True
    assert len(record["blocks"]) == len(report.document.blocks)
    assert {"kind", "language", "confidence", "basis", "text"} <= set(record["blocks"][0])
    assert any(b["basis"] == "inherited" for b in record["blocks"])


def test_describe_routing_leaves_out_markup_without_text() -> None:
    source = (
        "<html lang=fr><head><title>Lumen ouvre une usine à Lyon</title></head><body>\n"
        "<blockquote><p>« Nous sommes fiers de ce projet pour la région », dit-elle.</p>"
        "</blockquote>\n<ul><li>Une capacité de quarante gigawattheures par an</li></ul>\n"
        "<pre>make build</pre>\n</body></html>\n"
    )
    report = describe_routing(parse_document(source, format="html"))
    kinds = [b["kind"] for b in report.to_dict()["blocks"]]
    assert kinds == ["page_title", "paragraph", "list_item", "raw"]  # <pre> has text
    assert all(b.text.strip() for b in report.blocks)
    assert report.blocks[0].lang == "fr"  # the <title> is routed like prose
    assert len(report.document.blocks) > len(report.blocks)  # the document keeps its markup


def test_flores_sample_routes_fr_en_ko_and_others() -> None:
    data = SHARED / "data" / "flores200_lid"
    if not data.exists():
        pytest.skip(f"FLORES data not found at {data}")
    classes = {"fra_Latn": "fr", "eng_Latn": "en", "kor_Hang": "ko"}
    with next(data.glob("*.tsv")).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    sample = [r for r in rows if r["lang"] in classes and int(r["line_no"]) % 30 == 1]
    sample += rows[::100]
    assert len(sample) >= 100, f"too few FLORES rows read from {data}"
    errors = []
    for row in sample:
        code = detect_language(row["text"]).code
        predicted = code if code in classes.values() else "other"
        if predicted != classes.get(row["lang"], "other"):
            errors.append(row["lang"])
    assert len(errors) <= 0.01 * len(sample), errors
