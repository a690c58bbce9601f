"""Properties of constraint checking: accepted renderings of numbers, spans always in place."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from polyglot_press.packages import InstalledPackage
from polyglot_press.testing import FakeBackend
from polyglot_press.text import Span
from polyglot_press.translate import ENFORCEMENT_PATHS, SourceSentence, TranslationEngine
from polyglot_press.translate._forms import Found, find_form

FR_EN = InstalledPackage("fr", "en", "1.0", Path("/packages/fr_en"), 0, "models-dir")
FR_KO = InstalledPackage("fr", "ko", "1.0", Path("/packages/fr_ko"), 0, "models-dir")


@given(st.integers(min_value=1000, max_value=10**9))
def test_grouped_numbers_count_in_every_grouping(number: int) -> None:
    english = f"{number:,}"
    for written in (english, english.replace(",", " "), english.replace(",", ".")):
        found = find_form(f"Sales: {written} cars.", english, "number", [])
        assert found is not None, written
        assert (found.start, found.end) == (7, 7 + len(written))


@given(st.integers(min_value=1, max_value=9999))
def test_korean_man_renderings_count_as_the_number(tens_of_thousands: int) -> None:
    english = f"{tens_of_thousands * 10_000:,}"
    found = find_form(f"판매량은 {tens_of_thousands}만 대", english, "number", [])
    assert found is not None and found.keep


@given(st.integers(min_value=1, max_value=99), st.integers(min_value=1, max_value=9999))
def test_korean_compound_numbers_count_as_the_number(eok: int, man: int) -> None:
    english = f"{eok * 10**8 + man * 10**4:,}"
    written = f"{eok}억 {man:,}만"
    found = find_form(f"매출은 {written} 원이다.", english, "number", [])
    assert found is not None and found.keep
    assert (found.start, found.end) == (4, 4 + len(written))


def test_korean_counters_and_particles_may_follow() -> None:
    assert find_form("2023년에 520km를 달렸다", "2023", "number", []) == Found(0, 4, keep=True)
    assert find_form("2023년에 520km를 달렸다", "520", "number", []) == Found(7, 10, keep=True)
    assert find_form("제조사는 공장을 열었다", "제조사", "term", []) is not None
    assert find_form("The carmakers said", "carmaker", "term", []) is None


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=999))
def test_a_different_number_is_not_accepted(number: int, other: int) -> None:
    if number != other:
        assert find_form(f"It sold {other} cars.", f"{number}", "number", []) is None


WORDS = ["Le", "constructeur", "vend", "300 000", "voitures", "sur", "https://a.example/b", "vite."]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["The", "maker", "sells", "300", "000", "cars", "on", "fast."]), max_size=10
    ),
    st.booleans(),
    st.sampled_from([FR_EN, FR_KO]),
)
def test_reported_spans_are_always_where_they_say(
    output_words: list[str], attention: bool, package: InstalledPackage
) -> None:
    text = " ".join(WORDS)
    spans = (
        Span(3, 15, "carmaker", "term", "maker"),
        Span(text.index("300"), text.index("300") + 7, "300,000", "number"),
        Span(text.index("https"), text.index("https") + 19, "https://a.example/b", "url"),
    )
    backend = FakeBackend(lambda source: " ".join(output_words), attention=attention)
    result = TranslationEngine(backend=backend).translate_sentences(
        [SourceSentence(text, spans)], [package]
    )[0]
    assert result.enforcement in ENFORCEMENT_PATHS
    for span in result.spans:
        assert result.text[span.start : span.end] == span.replacement
    if result.enforcement in ("as_is", "nbest", "aligned", "fallback"):
        assert len(result.spans) == 3 and not result.missing
    if package is FR_KO:
        assert result.enforcement != "fallback"
