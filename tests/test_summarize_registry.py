"""The algorithms registry through the public API: a user's own summariser, by name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from polyglot_press.cli.summarize import AlgorithmChoice
from polyglot_press.errors import PolyglotPressError
from polyglot_press.summarize import (
    ALGORITHMS,
    DEFAULT_ALGORITHM,
    LanguageTools,
    RankedSentence,
    SentenceCount,
    Summarizer,
    available_algorithms,
    pick,
    register_algorithm,
    summarize,
    unregister_algorithm,
)

TEXT = (
    "Harbour Motors opened a plant in Lyon on Monday. "
    "It will build electric vans. "
    "The plant employs eight hundred people. "
    "Production starts next spring."
)


class LastSentences:
    """A deliberately odd summariser: the last sentences rank best."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, document: Any, sentences_count: SentenceCount) -> tuple[Any, ...]:
        ranked = [
            RankedSentence(sentence, order, float(order))
            for order, sentence in enumerate(document.sentences)
        ]
        return pick(sorted(ranked, key=lambda info: -info.rating), sentences_count)


@pytest.fixture
def last_sentences() -> Iterator[str]:
    def build(tools: LanguageTools, bonus_words: frozenset[str]) -> Summarizer:
        return LastSentences(tools.lang)

    register_algorithm("last-sentences", build, "the end of the text")
    yield "last-sentences"
    unregister_algorithm("last-sentences")


def test_a_registered_summariser_is_used_by_name(last_sentences: str) -> None:
    assert last_sentences in available_algorithms()
    assert ALGORITHMS[last_sentences].description == "the end of the text"
    summary = summarize(TEXT, "en", sentences=2, algorithm=last_sentences)
    assert summary == ["The plant employs eight hundred people.", "Production starts next spring."]


def test_a_registered_summariser_gets_the_length_cap(last_sentences: str) -> None:
    summary = summarize(TEXT, "en", algorithm=last_sentences, words=4)
    assert summary == ["Production starts next spring."]


def test_unregistered_names_are_unknown_again() -> None:
    register_algorithm("gone", lambda tools, bonus: LastSentences(tools.lang))
    unregister_algorithm("gone")
    assert "gone" not in ALGORITHMS
    with pytest.raises(PolyglotPressError, match="unknown summarisation algorithm 'gone'"):
        summarize(TEXT, algorithm="gone")


def test_taken_names_and_built_ins_are_protected(last_sentences: str) -> None:
    with pytest.raises(PolyglotPressError, match="already registered"):
        register_algorithm(last_sentences, lambda tools, bonus: LastSentences(tools.lang))
    with pytest.raises(PolyglotPressError, match="already registered"):
        register_algorithm(
            DEFAULT_ALGORITHM, lambda tools, bonus: LastSentences(tools.lang), replace=True
        )
    with pytest.raises(PolyglotPressError, match="built in"):
        unregister_algorithm("lexrank")


def test_replace_swaps_a_users_own_summariser(last_sentences: str) -> None:
    first = summarize(TEXT, sentences=1, algorithm=last_sentences)
    register_algorithm(
        last_sentences,
        lambda tools, bonus: built_in_default(tools, bonus),
        replace=True,
    )
    assert summarize(TEXT, sentences=1, algorithm=last_sentences) != first


def built_in_default(tools: LanguageTools, bonus_words: frozenset[str]) -> Summarizer:
    return ALGORITHMS[DEFAULT_ALGORITHM].build(tools, bonus_words)


@pytest.mark.parametrize("name", ["", " padded ", "a,b"])
def test_invalid_names_are_rejected(name: str) -> None:
    with pytest.raises(PolyglotPressError, match="invalid algorithm name"):
        register_algorithm(name, lambda tools, bonus: LastSentences(tools.lang))


def test_cli_choices_are_the_built_in_algorithms() -> None:
    assert [choice.value for choice in AlgorithmChoice] == available_algorithms()[:8]
    assert set(available_algorithms()[:8]) == {choice.value for choice in AlgorithmChoice}
