"""Routing short texts: headings, one-line quotes, Korean, and languages that are not routed."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from polyglot_press.documents import BlockKind, parse_document
from polyglot_press.language import ROUTED_LANGUAGES, UNDETERMINED, detect_language, route_document
from polyglot_press.language._lexicon import coverage
from polyglot_press.language._ngrams import extract_ngrams


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Press release", "en"),
        ("Notes to editors", "en"),
        ("Hello there.", "en"),
        ("Her feet ached.", "en"),
        ("Did the plant close?", "en"),
        ("Communiqué de presse", "fr"),
        ("Note aux rédactions", "fr"),
        ("Tom sourit toujours.", "fr"),
        ("L'usine ouvrira en mars.", "fr"),
        ("부산 공장", "ko"),
        ("Polestar 4는 부산 공장에서 생산된다.", "ko"),
    ],
)
def test_short_texts_route_to_their_language(text: str, code: str) -> None:
    assert detect_language(text).code == code


@pytest.mark.parametrize(
    "text",
    [
        "Das Werk in Busan baut ab nächstem Jahr Elektroautos.",
        "La fábrica de Busan producirá coches eléctricos.",
        "La fabbrica produrrà auto elettriche dal prossimo anno.",
        "De fabriek bouwt volgend jaar elektrische auto's.",
        "A fábrica vai produzir carros elétricos no próximo ano.",
        "Завод начнёт выпускать электромобили в следующем году.",
        "工場は来年から電気自動車を生産する。",
        "Fabryka zacznie produkować samochody elektryczne.",
    ],
)
def test_other_languages_are_not_routed_as_french_english_or_korean(text: str) -> None:
    guess = detect_language(text)
    assert guess.code not in ROUTED_LANGUAGES
    assert guess.code != UNDETERMINED  # a clear sentence is named, not left undetermined


def test_a_name_alone_routes_nowhere() -> None:
    assert detect_language("Renault Korea Motors").code not in ROUTED_LANGUAGES


RELEASE = """# Lumen ouvre une usine de batteries à Lyon

LYON – 3 mars 2024 - Le constructeur Lumen a inauguré mardi sa nouvelle usine de batteries, qui
emploiera 800 personnes d'ici à la fin de l'année prochaine.

"We are proud of this plant."

## Chiffres clés

La production commencera en septembre.
"""


def test_a_one_line_english_quote_in_a_french_release_routes_english() -> None:
    doc = route_document(parse_document(RELEASE))
    assert doc.lang == "fr"
    quote = next(b for b in doc.blocks if "proud" in b.text)
    assert quote.lang == "en"
    heading = next(b for b in doc.blocks if b.kind is BlockKind.HEADING)
    assert heading.lang == "fr"
    assert {b.lang for b in doc.blocks if b is not quote} == {"fr"}


def test_a_short_english_heading_in_an_english_release_stays_english() -> None:
    doc = route_document(
        parse_document(
            "# Record sales in Europe\n\nLumen opened its new battery plant in Lyon on Tuesday, "
            "with 800 jobs by the end of next year.\n"
        )
    )
    assert [b.lang for b in doc.blocks] == ["en", "en"]


def test_names_do_not_count_as_words_of_a_language() -> None:
    # "Boston" is in the French dictionary; a name mid-sentence belongs to no language.
    assert coverage("Tom ne veut pas habiter à Boston.").words == 6
    assert coverage("Record Sales In Europe").words == 4  # a title-cased heading counts whole


_FRENCH = st.sampled_from(
    [
        "le constructeur a présenté sa voiture",
        "l'usine produira des batteries",
        "nous sommes très fiers de ce projet",
        "elle sera vendue en Europe dès l'année prochaine",
        "les ventes ont augmenté de dix pour cent",
    ]
)
_ENGLISH = st.sampled_from(
    [
        "the carmaker presented its new car",
        "the plant will make batteries",
        "we are very proud of this project",
        "it will be sold in Europe from next year",
        "sales rose by ten per cent",
    ]
)


@settings(max_examples=40, deadline=None)
@given(st.lists(_FRENCH, min_size=1, max_size=4), st.lists(_ENGLISH, min_size=1, max_size=4))
def test_sentences_of_one_language_route_to_it(french: list[str], english: list[str]) -> None:
    assert detect_language(", ".join(french).capitalize() + ".").code == "fr"
    assert detect_language(", ".join(english).capitalize() + ".").code == "en"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_text_gets_a_well_formed_guess(text: str) -> None:
    guess = detect_language(text)
    assert 0.0 <= guess.confidence <= 1.0
    assert guess.code == UNDETERMINED or guess.code.isalpha()
    assert not (guess.reliable and guess.code == UNDETERMINED)
    assert detect_language(text) == guess  # deterministic


# Latin letters with and without accents, a few other scripts, spaces, punctuation, digits;
# no Vietnamese tone marks (langdetect recomposes those before extracting n-grams).
_NGRAM_TEXT = st.text(
    alphabet=st.sampled_from(list("aAbBcéÉèçxXyYzZ  ',.-!?0123456789ßøæœпрДЖ한国ひ")), max_size=60
)


@settings(max_examples=200, deadline=None)
@given(_NGRAM_TEXT)
def test_ngram_extraction_matches_langdetect(text: str) -> None:
    from polyglot_press.language._langdetect import detector_factory
    from polyglot_press.language._scripts import LATIN_PROFILES

    factory = detector_factory(LATIN_PROFILES)
    detector = factory.create()
    detector.append(text)
    known = factory.word_lang_prob_map
    assert [gram for gram in extract_ngrams(text) if gram in known] == detector._extract_ngrams()


SHARED = Path(__file__).parents[2] / "shared"


def test_tatoeba_sample_routes_short_sentences() -> None:
    data = SHARED / "data" / "tatoeba_lid" / "tatoeba_lid_sentences.tsv"
    if not data.exists():
        pytest.skip(f"Tatoeba data not found at {data}")
    with data.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    sample = rows[1::10]  # rows of the held-out half (odd rows); weights were fitted on even
    assert len(sample) >= 1500, f"too few Tatoeba rows read from {data}"
    errors = []
    for row in sample:
        gold = row["lang"] if row["lang"] in ROUTED_LANGUAGES else "other"
        code = detect_language(row["text"]).code
        if (code if code in ROUTED_LANGUAGES else "other") != gold:
            errors.append((row["lang"], row["text"]))
    assert len(errors) <= 0.01 * len(sample), errors
