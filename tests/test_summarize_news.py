"""The default summariser on news as it is distributed: furniture, captions, glued sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from polyglot_press.summarize import (
    body_sentences,
    caption_likeness,
    is_furniture,
    summarize,
    tokenizer_for,
)

LEAD = "Harbour Motors will build electric vans at a new plant in Lyon from next spring."
SECOND = "The company expects to hire eight hundred workers for the site by the end of 2026."
THIRD = "Battery packs for the vans will come from a supplier in the same region."
FOURTH = "Analysts said the plant could make Lyon a hub for electric vans in Europe."
PROSE = [LEAD, SECOND, THIRD, FOURTH]

BYLINE_AND_STAMPS = (
    "By . Jane Roe . and John Doe . PUBLISHED: . 09:30 EST, 2 March 2025 . | . "
    "UPDATED: . 11:05 EST, 2 March 2025 . "
)
CAPTION = "Proud moment: Chief executive Jane Roe (left) at the opening of the plant in Lyon ."


def summary_of(text: str, sentences: int = 3) -> list[str]:
    return summarize(text, "en", sentences=sentences)


# --- furniture -----------------------------------------------------------------------------------


def test_bylines_and_time_stamps_never_enter_a_summary() -> None:
    summary = summary_of(BYLINE_AND_STAMPS + " ".join(PROSE), sentences=10)
    assert summary == PROSE


@pytest.mark.parametrize(
    "furniture",
    [
        "Scroll down for video .",
        "READ MORE: Harbour Motors recalls ten thousand vans over faulty brakes .",
        "Click here to see the full gallery.",
        "Sorry, we are not accepting comments on this story.",
        "Follow Jane Roe on Twitter.",
        "Last updated at 9:30 AM on 2nd March 2025 .",
    ],
)
def test_reader_prompts_and_links_are_furniture(furniture: str) -> None:
    assert is_furniture(furniture)
    text = f"{LEAD} {SECOND} {furniture} {THIRD}"
    assert summary_of(text, sentences=10) == [LEAD, SECOND, THIRD]


def test_french_link_furniture_is_dropped() -> None:
    text = (
        "Harbour Motors construira des fourgons électriques à Lyon dès le printemps prochain. "
        "Lire aussi : Harbour Motors rappelle dix mille fourgons. "
        "L'usine emploiera huit cents personnes d'ici la fin de 2026."
    )
    summary = summarize(text, "fr", sentences=10)
    assert len(summary) == 2
    assert not any("Lire aussi" in sentence for sentence in summary)


@pytest.mark.parametrize(
    "prose",
    [
        LEAD,
        "Harbour Motors said: the plant will open in May.",
        "By the end of the year, output will double.",
        "Readers can follow the story on our website, which the company read with interest.",
    ],
)
def test_prose_is_not_furniture(prose: str) -> None:
    assert not is_furniture(prose)


def test_agency_datelines_are_stripped_from_the_lead() -> None:
    text = f"LYON, France (CNN) -- {LEAD} {SECOND} {THIRD}"
    assert summary_of(text, sentences=1) == [LEAD]


def test_a_text_of_furniture_only_still_has_a_brief() -> None:
    assert summary_of("Scroll down for video.") == ["Scroll down for video."]


# --- captions --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "caption",
    [
        CAPTION,
        "Proud day: Jane Roe with the first van yesterday.",
        "Mr Roe (pictured) with the first van off the line .",
        "The new van, pictured left, on the test track.",
    ],
)
def test_captions_look_like_captions(caption: str) -> None:
    assert caption_likeness(caption) >= 0.4


@pytest.mark.parametrize(
    "prose", [LEAD, "Jane Roe said: the plant will open in May.", "Output: 40,000 vans a year."]
)
def test_prose_does_not_look_like_a_caption(prose: str) -> None:
    assert caption_likeness(prose) < 0.5


def test_captions_give_way_to_prose_in_the_lead() -> None:
    text = f"{LEAD} {CAPTION} {SECOND} {THIRD} {FOURTH}"
    summary = summary_of(text)
    assert CAPTION not in summary
    assert len(summary) == 3
    assert summary[:2] == [LEAD, SECOND]


def test_a_caption_glued_to_the_next_sentence_is_split_off() -> None:
    glued = "The first van left the line on Monday (pictured) Workers said the day was historic."
    [sentences] = body_sentences([glued], tokenizer_for("en"))
    assert sentences == [
        "The first van left the line on Monday (pictured)",
        "Workers said the day was historic.",
    ]
    # A lowercase word after the marker continues the sentence.
    joined = "Jane Roe (pictured) opened the plant on Monday."
    assert body_sentences([joined], tokenizer_for("en")) == [[joined]]


def test_sentences_glued_without_a_space_are_split() -> None:
    text = f"{LEAD[:-1]}.The plant will employ eight hundred people. {THIRD}"
    summary = summary_of(text, sentences=10)
    assert summary[1] == "The plant will employ eight hundred people."
    assert all(".The" not in sentence for sentence in summary)


# --- lead prior ----------------------------------------------------------------------------------


def test_the_lead_wins_in_a_single_block_article() -> None:
    central = "Electric vans from the Lyon plant will use battery packs built for electric vans."
    text = f"{LEAD} {SECOND} {central} {THIRD} {FOURTH}"
    assert summary_of(text, sentences=1) == [LEAD]


def test_a_question_hook_gives_way_to_the_news() -> None:
    text = f"Is this the end of the diesel van in Europe? {LEAD} {SECOND} {THIRD}"
    assert summary_of(text, sentences=1) == [LEAD]


def test_the_first_paragraph_of_a_release_leads() -> None:
    release = f"{LEAD}\n\n{SECOND} {THIRD}\n\n{FOURTH}"
    assert summary_of(release, sentences=2)[0] == LEAD


# --- properties ----------------------------------------------------------------------------------

_FURNITURE = ["Scroll down for video .", "READ MORE: Vans recalled .", "| .", "PUBLISHED: ."]
_CAPTIONS = [CAPTION, "Mr Roe (pictured) with the first van off the line ."]
_PROSE = [
    *PROSE,
    "The plant will run on renewable electricity bought from a local wind farm.",
    "Deliveries to fleet customers in France and Germany start in the autumn.",
    "Harbour Motors has not said how much the new plant will cost.",
    "Unions welcomed the jobs but asked for talks on working hours.",
]


@settings(max_examples=60, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(_PROSE + _CAPTIONS + _FURNITURE), min_size=1, max_size=14),
    count=st.integers(min_value=1, max_value=5),
)
def test_summaries_are_input_sentences_in_order_never_furniture(
    pieces: list[str], count: int
) -> None:
    text = " ".join(pieces)
    summary = summary_of(text, sentences=count)
    assert 1 <= len(summary) <= count
    position = 0
    for sentence in summary:
        found = text.find(sentence, position)
        assert found >= 0, f"{sentence!r} is not in the text after {position}"
        position = found + len(sentence)
    if any(piece not in _FURNITURE for piece in pieces):
        assert not set(summary) & set(_FURNITURE)


@settings(max_examples=40, deadline=None)
@given(prose=st.lists(st.sampled_from(_PROSE), min_size=3, max_size=8, unique=True))
def test_prose_only_news_gets_exactly_the_requested_count(prose: list[str]) -> None:
    summary = summary_of(" ".join(prose), sentences=3)
    assert len(summary) == 3
    assert summary == [sentence for sentence in prose if sentence in summary]
    assert summary[0] == prose[0]
