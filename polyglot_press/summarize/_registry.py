"""The algorithms by name: the default, sumy's classics, and any a user registers.

An algorithm is a :class:`Summarizer` built for a language by a factory,
``build(tools, bonus_words)``. :func:`register_algorithm` adds one under a new name, after which
``summarize(..., algorithm=name)``, the pipeline and the CLI's library callers accept it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Protocol

from polyglot_press.errors import PolyglotPressError
from polyglot_press.summarize._language import LanguageTools, tools_for_code
from polyglot_press.summarize._lead import LeadAwareSummarizer
from polyglot_press.summarize._selection import SentenceCount

DEFAULT_ALGORITHM = "lead-aware"


class Summarizer(Protocol):
    """The interface of every algorithm: sumy's ``summarizer(document, count)``.

    ``document`` is a ``sumy.models.dom.ObjectDocumentModel`` (its ``sentences``,
    ``paragraphs`` and ``headings``; each sentence has ``words`` and ``str()``); ``count`` is a
    number of sentences or a callable that picks from :class:`RankedSentence` items ranked best
    first (see :func:`~polyglot_press.summarize.pick`). The result is the selected sentence
    objects in document order.
    """

    def __call__(self, document: Any, sentences_count: SentenceCount) -> tuple[Any, ...]: ...


#: Builds a summariser for a language; the frozenset holds the glossary's content words.
SummarizerFactory = Callable[[LanguageTools, frozenset[str]], Summarizer]


@dataclass(frozen=True, slots=True)
class Algorithm:
    """A named summarisation algorithm and how to build it for a language."""

    name: str
    description: str
    build: SummarizerFactory
    #: Whether ``build`` uses the bonus words; the others are built (and cached) without them.
    uses_bonus_words: bool = False


_ALGORITHMS: dict[str, Algorithm] = {}
#: Every registered algorithm by name, the default first (a read-only live view).
ALGORITHMS: Mapping[str, Algorithm] = MappingProxyType(_ALGORITHMS)


def register_algorithm(
    name: str,
    build: SummarizerFactory,
    description: str = "",
    *,
    uses_bonus_words: bool = False,
    replace: bool = False,
) -> Algorithm:
    """Make ``build`` available as ``algorithm=name`` everywhere summaries are written.

    ``build(tools, bonus_words)`` returns a :class:`Summarizer` for one language; it is called
    once per language (and per set of bonus words when ``uses_bonus_words``) and the result is
    reused. Registering a taken name raises unless ``replace=True``; the default cannot be
    replaced.
    """
    if not name or name != name.strip() or "," in name:
        raise PolyglotPressError(
            f"invalid algorithm name {name!r}", hint="use a short name such as 'my-summariser'"
        )
    if name in _ALGORITHMS and (not replace or name == DEFAULT_ALGORITHM):
        raise PolyglotPressError(
            f"a summarisation algorithm named {name!r} is already registered",
            hint="choose another name, or pass replace=True to replace your own",
        )
    algorithm = Algorithm(name, description or name, build, uses_bonus_words)
    _ALGORITHMS[name] = algorithm
    built.cache_clear()
    return algorithm


def unregister_algorithm(name: str) -> None:
    """Remove an algorithm added with :func:`register_algorithm` (not a built-in one)."""
    if name in _BUILT_IN_NAMES:
        raise PolyglotPressError(f"{name!r} is built in and cannot be removed")
    if _ALGORITHMS.pop(name, None) is None:
        raise PolyglotPressError(
            f"no summarisation algorithm named {name!r}",
            hint="choose one of: " + ", ".join(available_algorithms()),
        )
    built.cache_clear()


def available_algorithms() -> list[str]:
    """Names accepted by ``algorithm=``, the default first."""
    return list(_ALGORITHMS)


def algorithm_named(name: str | None) -> Algorithm:
    """The algorithm called ``name`` (the default for ``None``), or an error listing them."""
    algorithm = _ALGORITHMS.get(name or DEFAULT_ALGORITHM)
    if algorithm is None:
        raise PolyglotPressError(
            f"unknown summarisation algorithm {name!r}",
            hint="choose one of: " + ", ".join(available_algorithms()),
        )
    return algorithm


@lru_cache(maxsize=64)
def built(name: str, lang: str, bonus_words: frozenset[str]) -> Summarizer:
    """The summariser ``name`` for the normalised language ``lang``, built once."""
    return _ALGORITHMS[name].build(tools_for_code(lang), bonus_words)


# --- the built-in algorithms -------------------------------------------------------------------


def _build_lead_aware(tools: LanguageTools, bonus_words: frozenset[str]) -> Summarizer:
    return LeadAwareSummarizer(tools.stem, tools.stop_words)


def _sumy_builder(module: str, class_name: str) -> SummarizerFactory:
    def build(tools: LanguageTools, bonus_words: frozenset[str]) -> Summarizer:
        from importlib import import_module

        summarizer = getattr(import_module(f"sumy.summarizers.{module}"), class_name)(tools.stem)
        summarizer.stop_words = tools.stop_words
        result: Summarizer = summarizer
        return result

    return build


def _build_edmundson(tools: LanguageTools, bonus_words: frozenset[str]) -> Summarizer:
    from sumy.summarizers.edmundson import EdmundsonSummarizer

    # The cue method needs bonus words; without glossary terms only title and location count.
    summarizer = EdmundsonSummarizer(tools.stem, cue_weight=1.0 if bonus_words else 0.0)
    summarizer.null_words = tools.stop_words
    summarizer.stigma_words = tools.stigma_words
    if bonus_words:
        summarizer.bonus_words = bonus_words
    result: Summarizer = summarizer
    return result


_BUILT_IN = (
    Algorithm(
        DEFAULT_ALGORITHM,
        "position-aware TF-IDF centrality tuned for news and press releases (default)",
        _build_lead_aware,
    ),
    Algorithm(
        "lexrank",
        "sumy LexRank: sentence graph centrality",
        _sumy_builder("lex_rank", "LexRankSummarizer"),
    ),
    Algorithm("lsa", "sumy LSA: latent semantic analysis", _sumy_builder("lsa", "LsaSummarizer")),
    Algorithm(
        "textrank",
        "sumy TextRank: word-overlap graph",
        _sumy_builder("text_rank", "TextRankSummarizer"),
    ),
    Algorithm(
        "luhn", "sumy Luhn: clusters of significant words", _sumy_builder("luhn", "LuhnSummarizer")
    ),
    Algorithm(
        "edmundson",
        "sumy Edmundson: cue (glossary) words, title and location",
        _build_edmundson,
        uses_bonus_words=True,
    ),
    Algorithm(
        "sumbasic",
        "sumy SumBasic: word probabilities",
        _sumy_builder("sum_basic", "SumBasicSummarizer"),
    ),
    Algorithm(
        "kl",
        "sumy KL-Sum: divergence from the document's word distribution",
        _sumy_builder("kl", "KLSummarizer"),
    ),
)
_ALGORITHMS.update((algorithm.name, algorithm) for algorithm in _BUILT_IN)
_BUILT_IN_NAMES = frozenset(algorithm.name for algorithm in _BUILT_IN)
