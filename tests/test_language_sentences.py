"""Judging single output sentences: ``detect_sentence`` and ``sentence_in_language``."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from polyglot_press.language import detect_sentence, sentence_in_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The carmaker presented its new car.", "en"),
        ("Le constructeur a présenté sa nouvelle voiture.", "fr"),
        ("Pourquoi dis-tu cela ?", "fr"),
        ("Fumes-tu ?", "fr"),
        ("Renault Korea Motors 부산공장은 Polestar 4를 생산할 예정이다.", "ko"),
    ],
)
def test_detect_sentence(text: str, code: str) -> None:
    lang, confidence = detect_sentence(text)
    assert lang == code
    assert 0.0 < confidence <= 1.0


def test_other_languages_are_named() -> None:
    lang, _ = detect_sentence("Ik wil naar huis, want het is laat.")
    assert lang not in ("en", "fr", "ko", "und")
    assert not sentence_in_language("Ik wil naar huis, want het is laat.", "en")[0]


def test_a_copied_french_sentence_is_not_english() -> None:
    matches, confidence = sentence_in_language(
        "L'usine de Dieppe produira la nouvelle voiture électrique dès 2025.", "en"
    )
    assert not matches
    assert confidence > 0.9


def test_an_english_sentence_is_english() -> None:
    assert sentence_in_language("The Dieppe plant will build the new electric car.", "en")[0]


def test_korean_is_judged_by_script() -> None:
    assert sentence_in_language("알핀은 디에프 공장에서 전기차를 생산한다.", "ko") == (True, 1.0)
    # A Korean brief line without Hangul is not Korean, however sure the detector is.
    assert sentence_in_language("Alpine will build the car in Dieppe.", "ko") == (False, 1.0)
    matches, confidence = sentence_in_language("Renault Korea Motors 부산공장에서 생산한다", "ko")
    assert matches and 0.0 < confidence < 1.0


@pytest.mark.parametrize("text", ["", "2024 — 12 345 %", "Renault Trafic"])
def test_nothing_to_judge_is_not_another_language(text: str) -> None:
    matches, confidence = sentence_in_language(text, "en")
    assert matches or confidence < 0.9


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60), st.sampled_from(["en", "fr", "ko"]))
def test_any_text_gets_a_verdict(text: str, lang: str) -> None:
    matches, confidence = sentence_in_language(text, lang)
    assert isinstance(matches, bool)
    assert 0.0 <= confidence <= 1.0


def test_foreign_words_are_no_english_or_french_function_words() -> None:
    from polyglot_press.language._foreign import FOREIGN_WORDS
    from polyglot_press.language._stopwords import (
        ENGLISH_FUNCTION_WORDS,
        FRENCH_FUNCTION_WORDS,
    )

    assert len(FOREIGN_WORDS) > 500
    assert not FOREIGN_WORDS & (ENGLISH_FUNCTION_WORDS | FRENCH_FUNCTION_WORDS)
    assert all(word == word.lower() for word in FOREIGN_WORDS)
    # Common words of English and French news are never foreign.
    assert not FOREIGN_WORDS & {"plant", "car", "war", "net", "van", "voiture", "usine"}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Christion Abercrombie Undergoes Emergency Surgery After Suffering Head Injury", "en"),
        ("Yanni a disparu dans la forêt.", "fr"),
        ("Venez-vous souvent ici ?", "fr"),
        ("Wat is dat voor een auto?", "nl"),
    ],
)
def test_names_typography_and_foreign_words_count(text: str, code: str) -> None:
    lang, _ = detect_sentence(text)
    assert lang == code if code != "nl" else lang not in ("en", "fr", "ko")
