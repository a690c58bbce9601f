"""Tests of the extractive summariser, its tokenizers and language resources."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from release_texts import BODY_SENTENCES, MARKDOWN_RELEASE

from polyglot_press.documents import BRIEF_KINDS, parse_document, plain_text, read_document
from polyglot_press.errors import PolyglotPressError
from polyglot_press.summarize import (
    ALGORITHMS,
    DEFAULT_ALGORITHM,
    KoreanTokenizer,
    LatinTokenizer,
    LeadAwareSummarizer,
    LeadAwareWeights,
    available_algorithms,
    language_tools,
    summarize,
    summarize_document,
    summarize_sentences,
    summary_length,
)
from polyglot_press.summarize._language import content_words as _content_words

ARTICLE = (
    "Harbour Motors will build a new electric van at its plant in Lyon from next spring. "
    "The electric van uses a battery pack designed with a regional supplier. "
    "Production at the Lyon plant will reach forty thousand vans a year by the end of 2026. "
    "The company also sells bicycles.\n\n"
    "Analysts expect the electric van to compete with vans from larger carmakers in Europe. "
    "The weather in Lyon was mild on Monday. "
    '"We are delighted," said the chief executive.\n\n'
    "Harbour Motors said the battery pack for the electric van would be recycled in Lyon."
)


KOREAN_RELEASE = """# 하버모터스, 리옹에 배터리 공장 준공

서울, 2025년 3월 3일 – 하버모터스가 리옹에 첫 유럽 배터리 공장을 열었다. 이 공장은 전기차 두 종의 \
배터리 팩을 생산한다.

공장에는 800명이 일하며 2026년에 완전 가동에 들어간다.
"""

# The first paragraph says what happened; the second one's first sentence is more central.
LEAD = "Harbour Motors will build electric vans at a new plant in Lyon from next spring."
CENTRAL = (
    "The new plant in Lyon will build electric vans and the battery packs of the electric vans."
)
LEAD_FIRST_TEXT = (
    f"{LEAD}\n\n{CENTRAL} Eight hundred people will work there.\n\n"
    "Electric vans from the plant in Lyon will be sold across Europe."
)

SHARED = Path(__file__).parents[2] / "shared"


def assert_extracted_in_order(summary: list[str], text: str) -> None:
    position = 0
    for sentence in summary:
        found = text.find(sentence, position)
        assert found >= 0, f"{sentence!r} is not in the text after position {position}"
        position = found + 1
    assert len(set(summary)) == len(summary)


# --- library -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\n  \t"])
def test_empty_text_gives_no_sentences(text: str) -> None:
    assert summarize(text) == []


def test_one_sentence_document_gives_that_sentence() -> None:
    assert summarize("Harbour Motors opened a plant in Lyon.", sentences=3) == [
        "Harbour Motors opened a plant in Lyon."
    ]


def test_fewer_sentences_than_requested_gives_all_in_order() -> None:
    text = "The plant opened on Monday. It employs eight hundred people. Output starts in May."
    assert summarize(text, sentences=5) == [
        "The plant opened on Monday.",
        "It employs eight hundred people.",
        "Output starts in May.",
    ]


@pytest.mark.parametrize("algorithm", available_algorithms())
def test_every_algorithm_extracts_the_requested_count_in_source_order(algorithm: str) -> None:
    summary = summarize(ARTICLE, "en", sentences=3, algorithm=algorithm, bonus_words=["battery"])
    assert len(summary) == 3
    assert_extracted_in_order(summary, ARTICLE)


def test_default_algorithm_prefers_central_sentences_to_asides() -> None:
    summary = summarize(ARTICLE, "en", sentences=3)
    assert summary[0].startswith("Harbour Motors will build a new electric van")
    assert "The weather in Lyon was mild on Monday." not in summary
    assert "The company also sells bicycles." not in summary


def test_title_is_a_hint_never_part_of_the_summary() -> None:
    title = "Harbour Motors to build electric van in Lyon"
    summary = summarize(ARTICLE, sentences=2, title=title)
    assert title not in summary
    assert len(summary) == 2


def test_near_duplicate_sentences_are_dropped() -> None:
    text = (
        "Harbour Motors will build an electric van in Lyon from next spring. "
        "Harbour Motors will build an electric van in Lyon from next spring onwards. "
        "The van has a range of three hundred kilometres on one charge."
    )
    summary = summarize(text, sentences=2)
    assert len(summary) == 2
    assert sum(s.startswith("Harbour Motors will build") for s in summary) == 1


def test_exact_duplicate_sentences_appear_once() -> None:
    text = "The plant opened on Monday. The plant opened on Monday. The plant opened on Monday."
    assert summarize(text, sentences=3) == ["The plant opened on Monday."]


def test_words_budget_caps_the_summary_length() -> None:
    summary = summarize(ARTICLE, "en", words=30)
    assert summary
    assert sum(len(s.split()) for s in summary) <= 30


def test_words_budget_smaller_than_any_sentence_keeps_the_best_one() -> None:
    summary = summarize(ARTICLE, "en", words=3)
    assert len(summary) == 1
    assert summary_length(summary, "en") > 3


def test_summary_length_counts_words_or_korean_characters() -> None:
    assert summary_length(["The van sells.", "Output rises in May."], "en") == 7
    assert summary_length(["전기 밴이", "팔린다."], "ko") == 8


def test_korean_budget_counts_characters_without_spaces() -> None:
    sentences = [
        "전기 밴은 리옹 공장에서 생산된다.",
        "판매는 내년 봄에 시작된다.",
        "가격은 아직 정해지지 않았다.",
    ]
    budget = sum(len(s.replace(" ", "")) for s in sentences[:2])
    summary = summarize_sentences(sentences, "ko", words=budget)
    assert sum(len(s.replace(" ", "")) for s in summary) <= budget
    assert len(summary) == 2


def test_markdown_text_is_summarised_without_title_headings_or_dateline() -> None:
    summary = summarize(MARKDOWN_RELEASE, "en", sentences=10)
    assert summary == BODY_SENTENCES
    assert summary == summarize_document(parse_document(MARKDOWN_RELEASE), "en", sentences=10)


def test_korean_markdown_summary_has_no_heading_or_dateline() -> None:
    assert summarize(KOREAN_RELEASE, "ko", sentences=5) == [
        "하버모터스가 리옹에 첫 유럽 배터리 공장을 열었다.",
        "이 공장은 전기차 두 종의 배터리 팩을 생산한다.",
        "공장에는 800명이 일하며 2026년에 완전 가동에 들어간다.",
    ]


def test_text_that_is_only_a_title_has_no_summary_but_sentences_are_kept_as_given() -> None:
    assert summarize("# Harbour Motors opens a plant\n") == []
    assert summarize_sentences(["# Harbour Motors opens a plant"], count=1) == [
        "# Harbour Motors opens a plant"
    ]


def test_summarize_sentences_keeps_the_given_sentences() -> None:
    sentences = ["Output rises.", "The plant in Lyon builds electric vans.", "Vans sell well."]
    summary = summarize_sentences(sentences, "en", count=1)
    assert len(summary) == 1
    assert summary[0] in sentences


def test_edmundson_favours_sentences_with_bonus_words() -> None:
    text = (
        "The company reported results on Monday. "
        "Its regenerative braking system saves energy. "
        "Sales rose in the spring."
    )
    summary = summarize(
        text, sentences=1, algorithm="edmundson", bonus_words=["regenerative braking"]
    )
    assert summary == ["Its regenerative braking system saves energy."]


def test_bonus_words_are_prepared_once_per_language_and_set_of_terms() -> None:
    terms = ["regenerative braking", "battery pack"]
    _content_words.cache_clear()
    first = summarize(ARTICLE, sentences=2, algorithm="edmundson", bonus_words=terms)
    again = summarize(ARTICLE, sentences=2, algorithm="edmundson", bonus_words=terms[::-1])
    assert first == again
    assert _content_words.cache_info()[:2] == (1, 1)  # (hits, misses)
    assert _content_words("en", frozenset(terms)) == {"regenerative", "braking", "battery", "pack"}
    # The default algorithm has no use for bonus words and never prepares them.
    summarize(ARTICLE, sentences=2, bonus_words=["electric van"])
    assert _content_words.cache_info().misses == 1


def test_korean_bonus_words_are_lemmas() -> None:
    assert {"배터리", "공장"} <= _content_words("ko", frozenset({"배터리 공장을"}))


def test_quotations_are_demoted() -> None:
    tools = language_tools("en")
    from sumy.models.dom import Sentence

    plain = "The new plant in Lyon will build electric vans for European buyers."
    quoted = '"The new plant in Lyon will build electric vans for European buyers."'
    scores = LeadAwareSummarizer(tools.stem, tools.stop_words).rate(
        [Sentence(plain, tools.tokenizer), Sentence(quoted, tools.tokenizer)]
    )
    assert scores[1] < scores[0]


@pytest.mark.parametrize(
    "fragment",
    [
        "Harbour Motors said: the plant in Lyon will build electric vans for « European buyers.",
        "Harbour Motors said: the plant in Lyon will build electric vans for European buyers. »",
        "Harbour Motors said: the plant in Lyon will build electric vans for “European buyers.",
        'Harbour Motors said: the plant in Lyon will build electric vans for "European buyers.',
    ],
)
def test_sentences_with_unbalanced_quotes_are_demoted(fragment: str) -> None:
    tools = language_tools("en")
    from sumy.models.dom import Sentence

    summarizer = LeadAwareSummarizer(tools.stem, tools.stop_words)

    def score_alone(text: str) -> float:
        return float(summarizer.rate([Sentence(text, tools.tokenizer)])[0])

    plain = score_alone(
        "Harbour Motors said: the plant in Lyon will build electric vans for European buyers."
    )
    balanced = score_alone(
        "Harbour Motors said: « the plant in Lyon will build electric vans » for European buyers."
    )
    assert balanced == pytest.approx(plain)
    assert score_alone(fragment) == pytest.approx(plain * summarizer.weights.unbalanced_quotes)
    assert summarizer.weights.unbalanced_quotes < 1.0


def test_first_paragraph_is_favoured_as_the_lead() -> None:
    assert summarize(LEAD_FIRST_TEXT, "en", sentences=1) == [LEAD]
    # Without the lead prior the more central sentence wins.
    tools = language_tools("en")
    from sumy.models.dom import Sentence

    sentences = [Sentence(text, tools.tokenizer) for text in (LEAD, CENTRAL)]
    without_lead = LeadAwareSummarizer(
        tools.stem, tools.stop_words, LeadAwareWeights(lead=0.0, position=0.0)
    ).rate(sentences, lead_sentences=1)
    assert without_lead[1] > without_lead[0]


def test_one_paragraph_keeps_the_positional_lead_prior() -> None:
    one_paragraph = LEAD_FIRST_TEXT.replace("\n\n", " ")
    assert summarize(one_paragraph, "en", sentences=1) == [LEAD]
    # Without the position prior the more central sentence would win.
    weights = LeadAwareWeights(position=0.0)
    tools = language_tools("en")
    from sumy.models.dom import Sentence

    scores = LeadAwareSummarizer(tools.stem, tools.stop_words, weights).rate(
        [Sentence(text, tools.tokenizer) for text in (LEAD, CENTRAL)]
    )
    assert scores[1] > scores[0]


@pytest.mark.parametrize("name", ["000_5719a15dc49a1b3a.txt", "001_ce65062f760762de.txt"])
def test_seed_release_brief_opens_with_its_lead_and_quotes_no_fragment(name: str) -> None:
    path = SHARED / "seeds" / name
    if not path.is_file():
        pytest.skip(f"seed release {path} is absent (shared data lives beside the checkout)")
    document = read_document(path)
    summary = summarize_document(document, "fr")
    first_paragraph = next(b for b in document.blocks if b.kind in BRIEF_KINDS)
    lead = language_tools("fr").tokenizer.to_sentences(plain_text(first_paragraph.text, "md"))[0]
    assert len(summary) == 3
    assert summary[0] == lead
    for sentence in summary:
        assert sentence.count("«") == sentence.count("»")
        assert sentence.count('"') % 2 == 0


def test_registry_lists_the_default_first() -> None:
    names = available_algorithms()
    assert names[0] == DEFAULT_ALGORITHM == "lead-aware"
    assert set(names) == {
        "lead-aware", "lexrank", "lsa", "textrank", "luhn", "edmundson", "sumbasic", "kl"
    }  # fmt: skip
    assert all(ALGORITHMS[name].description for name in names)


def test_unknown_algorithm_names_the_valid_ones() -> None:
    with pytest.raises(PolyglotPressError) as caught:
        summarize(ARTICLE, algorithm="magic")
    assert "magic" in caught.value.message
    assert caught.value.hint is not None and "lexrank" in caught.value.hint


def test_unsupported_language_is_an_error() -> None:
    with pytest.raises(PolyglotPressError, match="no summariser for language 'de'"):
        summarize(ARTICLE, lang="de")


@pytest.mark.parametrize("lang", ["EN", "en-GB", "fra_Latn", "korean"])
def test_language_tags_are_normalised(lang: str) -> None:
    assert language_tools(lang).lang in ("en", "fr", "ko")


@pytest.mark.parametrize(("sentences", "words"), [(0, None), (3, 0)])
def test_non_positive_lengths_are_rejected(sentences: int, words: int | None) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        summarize(ARTICLE, sentences=sentences, words=words)


# --- tokenizers and language resources -----------------------------------------------------------


def test_french_words_lose_their_elided_articles() -> None:
    words = LatinTokenizer("fr").to_words(
        "L'usine d'assemblage qu'il dirige produit 2 000 voitures."
    )
    assert words == ("usine", "assemblage", "il", "dirige", "produit", "voitures")


def test_english_words_skip_numbers_and_punctuation() -> None:
    words = LatinTokenizer("en").to_words("The firm's 2,000 e-bikes sold out — fast!")
    assert words == ("The", "firm's", "e-bikes", "sold", "out", "fast")


def test_korean_words_are_content_lemmas() -> None:
    words = KoreanTokenizer().to_words("전기차 판매가 크게 늘었다.")
    assert "판매" in words
    assert "늘다" in words
    assert "가" not in words


@pytest.mark.parametrize(
    ("lang", "word", "stem"), [("en", "running", "run"), ("fr", "voitures", "voitur")]
)
def test_snowball_stemmers_and_stop_words_load_offline(lang: str, word: str, stem: str) -> None:
    tools = language_tools(lang)
    assert tools.stem(word) == stem
    assert len(tools.stop_words) > 100


# --- documents -----------------------------------------------------------------------------------


def test_document_summary_uses_only_paragraphs_and_list_items() -> None:
    document = parse_document(MARKDOWN_RELEASE, format="md")
    summary = summarize_document(document, "en", sentences=10)
    assert summary == BODY_SENTENCES


def test_document_with_only_boilerplate_gives_no_sentences() -> None:
    text = (
        "# Harbour Motors\n\n## About Harbour Motors\n\nHarbour Motors is a fictional carmaker.\n"
    )
    assert summarize_document(parse_document(text, format="md"), "en") == []


# --- properties ----------------------------------------------------------------------------------

_TEXT = st.text(
    alphabet=st.sampled_from(list("abcXYZ éà한국어 .!?\n\"«»'-0123")),
    max_size=200,
) | st.lists(
    st.sampled_from(
        ["The van sells.", "Le van se vend.", "밴이 팔린다.", "«Oui.»", "...", "\n\n", "3.5"]
    ),
    max_size=12,
).map(" ".join)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=_TEXT,
    lang=st.sampled_from(["en", "fr", "ko"]),
    count=st.integers(min_value=1, max_value=4),
    algorithm=st.sampled_from(available_algorithms()),
)
def test_any_text_gives_extracted_sentences_in_order(
    text: str, lang: str, count: int, algorithm: str
) -> None:
    summary = summarize(text, lang, count, algorithm, bonus_words=["van"])
    assert len(summary) <= count
    assert_extracted_in_order(summary, text)
