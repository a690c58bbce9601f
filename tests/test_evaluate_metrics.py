"""Numbers by value, contacts verbatim, term use, and the corpus scores, on hand-made cases."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from polyglot_press.evaluate import (
    Quantity,
    Rate,
    contacts,
    corpus_scores,
    fidelity,
    markup,
    number_mentions,
    quantities,
)
from polyglot_press.evaluate._extract import quantity_of
from polyglot_press.glossary import load_glossary


def _value(text: str, lang: str) -> Quantity:
    quantity = quantity_of(text, lang)
    assert quantity is not None, (text, lang)
    return quantity


@pytest.mark.parametrize(
    ("written", "lang", "value", "percent"),
    [
        ("300 000", "fr", "300000", False),
        ("300\u00a0000", "fr", "300000", False),
        ("300\u202f000", "fr", "300000", False),
        ("300.000", "fr", "300000", False),
        ("300,000", "en", "300000", False),
        ("300,000대", "ko", "300000", False),
        ("30만 대", "ko", "300000", False),
        ("217만", "ko", "2170000", False),
        ("2억", "ko", "200000000", False),
        ("1조 2,000억", "ko", "1200000000000", False),
        ("113만 6,000대", "ko", "1136000", False),
        ("80 %", "fr", "80", True),
        ("80%", "en", "80", True),
        ("80 per cent", "en", "80", True),
        ("12,5 %", "fr", "12.5", True),
        ("12.5%", "ko", "12.5", True),
        ("1,5 milliard", "fr", "1500000000", False),
        ("1.5 billion", "en", "1500000000", False),
        ("15억", "ko", "1500000000", False),
        ("2,1 millions", "fr", "2100000", False),
    ],
)
def test_numbers_are_read_by_value(written: str, lang: str, value: str, percent: bool) -> None:
    assert _value(written, lang) == Quantity(Decimal(value).normalize(), percent)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("le 1er janvier", "fr"),
        ("la 2e génération", "fr"),
        ("l'Alpine A110", "fr"),
        ("émissions de CO2", "fr"),
        ("un moteur V6", "en"),
        ("the EV6", "ko"),
        ("14h30", "fr"),
    ],
)
def test_names_and_ordinals_are_not_numbers(text: str, lang: str) -> None:
    assert number_mentions(text, lang) == []


def test_contact_digits_are_not_numbers() -> None:
    text = "Appelez le +33 1 76 84 20 15 ou le 0 800 12 34 56, https://x.fr/2024 ou a2@b.fr."
    assert number_mentions(text, "fr") == []
    assert contacts(text) == ["+33 1 76 84 20 15", "0 800 12 34 56", "https://x.fr/2024", "a2@b.fr"]


def test_clock_times_match_across_languages() -> None:
    assert quantities("à 14 h 30", "fr") == quantities("at 14:30", "en")
    assert quantities("14시 30분", "ko") == quantities("at 14:30", "en")
    assert quantities("à 10 h", "fr") == quantities("from 10:00", "en")


def _korean(n: int) -> str:
    """``n`` the way a Korean release may write it: 1조 2,345억 6,789만 123."""
    parts = []
    for unit, size in (("조", 10**12), ("억", 10**8), ("만", 10**4)):
        if n >= size:
            parts.append(f"{n // size:,}{unit}")
            n %= size
    if n or not parts:
        parts.append(f"{n:,}")
    return " ".join(parts)


@given(st.integers(min_value=0, max_value=10**15))
def test_integers_agree_in_french_english_and_korean(n: int) -> None:
    french = f"{n:,}".replace(",", "\u202f")
    english = f"{n:,}"
    expected = Quantity(Decimal(n).normalize())
    assert _value(french, "fr") == expected
    assert _value(english, "en") == expected
    assert _value(_korean(n), "ko") == expected


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=1, max_value=99))
def test_decimal_percentages_agree(whole: int, fraction: int) -> None:
    french = f"{whole},{fraction:02d} %"
    english = f"{whole}.{fraction:02d}%"
    assert _value(french, "fr") == _value(english, "en") == _value(english, "ko")
    assert _value(french, "fr").percent


@given(st.text(alphabet=st.sampled_from("ab <>/*_:@.0123456789 %,만억"), max_size=40))
def test_extractors_never_fail(text: str) -> None:
    for lang in ("fr", "en", "ko"):
        assert all(isinstance(q, Quantity) for _, q in number_mentions(text, lang))
    assert all(token in text for token in markup(text))
    assert all(contact in text for contact in contacts(text))


def test_fidelity_counts_what_the_output_kept() -> None:
    glossary = load_glossary()
    source = "La <b>voiture électrique</b> coûte 42 900 euros : presse@veltra.fr"
    good = fidelity(
        source, "fr", "The <b>electric car</b> costs 42,900 euros: presse@veltra.fr", "en", glossary
    )
    assert (good.terms, good.numbers, good.contacts, good.markup) == (
        Rate(1, 1),
        Rate(1, 1),
        Rate(1, 1),
        Rate(2, 2),
    )
    assert good.missing == ()
    bad = fidelity(
        source, "fr", "The electric automobile costs 42 euros: press@veltra.fr", "en", glossary
    )
    assert (bad.terms.found, bad.numbers.found, bad.contacts.found, bad.markup.found) == (
        0,
        0,
        0,
        0,
    )
    assert "contact presse@veltra.fr" in bad.missing
    assert "number 42,900" in bad.missing
    assert "markup <b>" in bad.missing


def test_korean_numbers_and_names_count_in_korean_output() -> None:
    kept = fidelity(
        "Hanbit Motors a vendu 217 000 véhicules.",
        "fr",
        "한빛모터스는 차량 21만 7,000대를 판매했다.",
        "ko",
        load_glossary(),
        names=("Hanbit Motors=한빛모터스",),
    )
    assert kept.numbers == Rate(1, 1)
    assert kept.names == Rate(1, 1)
    assert kept.terms == Rate(1, 1)


def test_rates_without_anything_expected_have_no_value() -> None:
    assert Rate().value is None
    assert (Rate(1, 2) + Rate(1, 2)).value == 0.5
    assert fidelity("Bonjour.", "fr", "Hello.", "en", None).terms == Rate()


def test_corpus_scores_reward_identical_output() -> None:
    references = ["The plant will produce 150,000 vehicles a year.", "Sales rose by 12%."]
    assert corpus_scores(references, references) == pytest.approx((100.0, 100.0))
    chrf, bleu = corpus_scores(["Bananas are yellow.", "No."], references)
    assert chrf < 30 and bleu < 10
    assert corpus_scores([], []) == (0.0, 0.0)
