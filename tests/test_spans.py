"""Placeholders round-trip any text; overlapping spans merge; verbatim spans are found."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from polyglot_press.text import (
    Span,
    date_spans,
    english_number,
    merge_spans,
    missing_spans,
    number_spans,
    protect,
    restore,
    verbatim_spans,
)

# Text rich in the characters the placeholder syntax uses, so escaping is exercised.
_TEXT = st.text(alphabet=st.sampled_from("ab ⟦⟧0123\n é"), max_size=40) | st.text(max_size=40)


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[str, list[Span]]:
    text = draw(_TEXT)
    cuts = sorted(draw(st.sets(st.integers(0, len(text)), max_size=8)))
    spans = [
        Span(start, end, draw(st.sampled_from(["X", "⟦0⟧", ""])), "keep")
        for start, end in zip(cuts[::2], cuts[1::2], strict=False)
    ]
    return text, spans


@given(text_and_spans())
def test_restore_of_protect_gives_back_the_text(case: tuple[str, list[Span]]) -> None:
    text, spans = case
    protected = protect(text, spans)
    assert restore(protected, originals=True) == text
    assert missing_spans(protected, protected.text) == []


@given(text_and_spans())
def test_restore_puts_replacements_in_place(case: tuple[str, list[Span]]) -> None:
    text, spans = case
    expected = text
    for span in sorted(spans, key=lambda s: s.start, reverse=True):
        expected = expected[: span.start] + span.replacement + expected[span.end :]
    assert restore(protect(text, spans)) == expected


def test_placeholders_follow_the_translation() -> None:
    text = "Voir https://a.fr et x@y.fr."
    url, mail = text.index("https"), text.index("x@")
    spans = [Span(url, url + 12, "URL", "url"), Span(mail, mail + 6, "MAIL", "email")]
    protected = protect(text, spans)
    assert protected.text == "Voir ⟦0⟧ et ⟦1⟧."
    assert restore(protected, "See ⟦1⟧ and ⟦0⟧.") == "See MAIL and URL."


def test_missing_spans_reports_dropped_and_doubled_placeholders() -> None:
    spans = [Span(0, 1, "A", "keep"), Span(2, 3, "B", "keep"), Span(4, 5, "C", "keep")]
    protected = protect("a b c", spans)
    assert missing_spans(protected, "⟦0⟧ ⟦1⟧ ⟦1⟧") == [spans[1], spans[2]]


def test_protect_rejects_overlapping_spans() -> None:
    with pytest.raises(ValueError, match="merge_spans"):
        protect("abcdef", [Span(0, 3, "x", "keep"), Span(2, 4, "y", "keep")])


def test_merge_prefers_longer_then_earlier_then_first_list() -> None:
    term = Span(0, 10, "Polestar 4", "term", "p4")
    number = Span(9, 10, "4", "number")
    left = Span(12, 15, "L", "keep")
    right = Span(14, 17, "R", "keep")
    same_place = Span(12, 15, "other", "number")
    merged = merge_spans([term, left], [number, right, same_place])
    assert merged == [term, left]


def test_merge_drops_empty_spans_and_sorts() -> None:
    spans = [Span(5, 6, "b", "keep"), Span(3, 3, "", "keep"), Span(0, 1, "a", "keep")]
    assert merge_spans(spans) == [spans[2], spans[0]]


def _found(text: str, source: str = "fr", target: str = "en") -> list[tuple[str, str, str]]:
    return [
        (text[s.start : s.end], s.replacement, s.kind) for s in verbatim_spans(text, source, target)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("300 000 voitures", [("300 000", "300,000", "number")]),
        ("300.000 voitures", [("300.000", "300,000", "number")]),
        ("300\u202f000 voitures", [("300\u202f000", "300,000", "number")]),
        ("1,5 litre", [("1,5", "1.5", "number")]),
        ("45 990,50 euros", [("45 990,50", "45,990.50", "number")]),
        ("2,1 millions d'unités", [("2,1 millions", "2.1 million", "number")]),
        ("1,2 milliard", [("1,2 milliard", "1.2 billion", "number")]),
        ("100 % électrique", [("100 %", "100%", "number")]),
        ("hausse de 12,5 %", [("12,5 %", "12.5%", "number")]),
        ("le 9 novembre 2023", [("le 9 novembre 2023", "9 November 2023", "date")]),
        ("au second semestre 2025", [("au second semestre 2025", "second half of 2025", "date")]),
        ("la norme 802.11n", [("802.11n", "802.11n", "number")]),
        ("à 19h30", []),
        (
            "le 09/11/2023",
            [("09", "09", "number"), ("11", "11", "number"), ("2023", "2023", "number")],
        ),
        (
            "un V6 3.0 dans la MC20",
            [("V6", "V6", "number"), ("3.0", "3.0", "number"), ("MC20", "MC20", "number")],
        ),
        ("le 1er modèle, 2e place", []),
        ("Tél. : +33 6 03 16 35 20", [("+33 6 03 16 35 20", "+33 6 03 16 35 20", "phone")]),
        ("Tél. : 06 03 16 35 20", [("06 03 16 35 20", "06 03 16 35 20", "phone")]),
        ("écrire à presse@example.fr.", [("presse@example.fr", "presse@example.fr", "email")]),
        ("voir <https://example.com/a?b=2>", [("<https://example.com/a?b=2>",) * 2 + ("url",)]),
        ("voir https://example.com/2023/x.", [("https://example.com/2023/x",) * 2 + ("url",)]),
        ("le **nouveau** SUV", [("**", "**", "markup"), ("**", "**", "markup")]),
        (
            "voir [le site](https://example.com) ici",
            [("[", "[", "markup"), ("](https://example.com)", "](https://example.com)", "markup")],
        ),
    ],
)
def test_verbatim_spans_french_to_english(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "source", "target", "expected"),
    [
        ("300 000 voitures", "fr", "de", [("300 000", "300 000", "number")]),
        (
            "12,5 % et 2,1 millions",
            "fr",
            "de",
            [("12,5 %", "12,5 %", "number"), ("2,1", "2,1", "number")],
        ),
        ("a 1,234.5 km trip", "en", "ko", [("1,234.5", "1,234.5", "number")]),
        ("300.000 Autos", "de", "en", [("300.000", "300,000", "number")]),
    ],
)
def test_numbers_are_kept_exactly_unless_converting_to_point_decimals(
    text: str, source: str, target: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _found(text, source, target) == expected


@pytest.mark.parametrize(
    ("source", "english"),
    [("300 000", "300,000"), ("1,5", "1.5"), ("2023", "2023"), ("100 %", "100%"), ("abc", "abc")],
)
def test_english_number(source: str, english: str) -> None:
    assert english_number(source) == english


def test_numbers_for_a_korean_target_use_point_decimals_but_keep_scale_words() -> None:
    text = "2,1 millions de véhicules et 300 000 unités, soit 45,5 %."
    spans = {text[s.start : s.end]: s.replacement for s in verbatim_spans(text, "fr", "ko")}
    assert spans["2,1"] == "2.1"
    assert spans["300 000"] == "300,000"
    assert spans["45,5 %"] == "45.5%"


def test_html_inline_tags_are_markup_spans() -> None:
    text = 'Les <strong>ventes</strong> de <a href="https://x.fr/a?id=2024">2024</a><br>R&D'
    found = [
        (text[s.start : s.end], s.kind) for s in verbatim_spans(text, "fr", "en", markup="html")
    ]
    assert found == [
        ("<strong>", "markup"),
        ("</strong>", "markup"),
        ('<a href="https://x.fr/a?id=2024">', "markup"),
        ("2024", "number"),
        ("</a>", "markup"),
        ("<br>", "markup"),
    ]
    # Markdown syntax means nothing in HTML, and tags mean nothing in Markdown.
    assert verbatim_spans("le **nouveau** <b>SUV</b>", "fr", "en", markup="html") == [
        Span(15, 18, "<b>", "markup"),
        Span(21, 25, "</b>", "markup"),
    ]
    assert [s.replacement for s in verbatim_spans("le **nouveau** <b>SUV</b>", "fr", "en")] == [
        "**",
        "**",
    ]


def test_number_spans_skip_ordinals_and_keep_model_names() -> None:
    text = "La 2e MC20 coûte 1 234,5 euros"
    found = [(text[s.start : s.end], s.replacement) for s in number_spans(text, "fr", "en")]
    assert found == [("1 234,5", "1,234.5"), ("MC20", "MC20")]
    assert merge_spans(number_spans(text, "fr", "en")) == verbatim_spans(text, "fr", "en")


_DATE_PIECES = st.sampled_from(
    [
        "12 mars 2024",
        "mars 2024",
        "03/12/2024",
        "début 2025",
        "fin mars",
        "le 1er ",
        "au ",
        "premier semestre 2026",
        "du 3 au 5 mai 2024",
        " ",
        ", ",
        "2024",
        "mai",
    ]
)


def _dates_by_scan(text: str, source: str, target: str) -> list[tuple[int, int, str]]:
    """date_spans as it was written first: each match checked against every date taken."""
    from polyglot_press.text import _dates

    patterns = [_dates._FULL, _dates._US, _dates._MONTH_YEAR]
    patterns += (
        [_dates._FRENCH_PERIOD, _dates._FRENCH_PART]
        if source == "fr"
        else [_dates._ENGLISH_PERIOD, _dates._ENGLISH_PART]
    )
    taken: list[tuple[int, int, str]] = []
    for pattern in patterns:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < stop and end > begin for begin, stop, _ in taken):
                continue
            replacement = _dates.translate_date(match, source, target)
            if replacement is not None:
                taken.append((start, end, replacement))
    return sorted(taken)


@given(
    st.lists(_DATE_PIECES, max_size=30), st.sampled_from([("fr", "en"), ("fr", "ko"), ("en", "ko")])
)
def test_dates_found_by_bisection_are_those_a_scan_finds(
    pieces: list[str], pair: tuple[str, str]
) -> None:
    text = "".join(pieces)
    found = [(s.start, s.end, s.replacement) for s in date_spans(text, *pair)]
    assert found == _dates_by_scan(text, *pair)


def test_a_text_of_many_dates_gives_each_one() -> None:
    spans = date_spans("le 12 mars 2024, " * 20_000, "fr", "en")
    assert len(spans) == 20_000 and spans[-1].replacement == "12 March 2024"
