"""Extractive summaries: pick the sentences of a text that make the best brief.

Every algorithm sees the text through sumy's document model (paragraphs of sentences, each with
its words) and follows sumy's calling convention, ``summarizer(document, count)`` (the
:class:`Summarizer` protocol). The default, ``lead-aware``, is tuned for press releases and
news; sumy's classic summarizers are kept for comparison, and a user can add their own with
:func:`register_algorithm`.

Text given to :func:`summarize` is parsed as a document first (Markdown, HTML or plain text,
sniffed), and only its paragraphs and list items are summarised, as by
:func:`summarize_document`: a title, headings, a dateline, press contacts and "about"
boilerplate never become summary sentences.

Before any algorithm ranks them, a body's sentences are cleaned (:func:`body_sentences`):
bylines, time stamps, "scroll down" and "read more" furniture are dropped, agency datelines
stripped, and captions glued to the next sentence split off. Every summary sentence is still a
substring of the input.

Modules: ``_api`` (entry points), ``_cleanup`` (news furniture and sentence repair),
``_selection`` (picking from a ranking), ``_registry`` (algorithms by name), ``_lead`` (the
default), ``_language`` (stemmers and word lists), ``_tokenizer`` (download-free tokenizers
for sumy).
"""

from polyglot_press.summarize._api import (
    summarize,
    summarize_document,
    summarize_sentences,
    summary_length,
)
from polyglot_press.summarize._cleanup import body_sentences, caption_likeness, is_furniture
from polyglot_press.summarize._language import LanguageTools, language_tools
from polyglot_press.summarize._lead import LeadAwareSummarizer, LeadAwareWeights, SentenceFeatures
from polyglot_press.summarize._registry import (
    ALGORITHMS,
    DEFAULT_ALGORITHM,
    Algorithm,
    Summarizer,
    SummarizerFactory,
    available_algorithms,
    register_algorithm,
    unregister_algorithm,
)
from polyglot_press.summarize._selection import (
    DUPLICATE_JACCARD,
    RankedSentence,
    Selection,
    SentenceCount,
    pick,
)
from polyglot_press.summarize._tokenizer import (
    SUMY_LANGUAGES,
    KoreanTokenizer,
    LatinTokenizer,
    SumyTokenizer,
    tokenizer_for,
)

__all__ = [
    "ALGORITHMS",
    "DEFAULT_ALGORITHM",
    "DUPLICATE_JACCARD",
    "SUMY_LANGUAGES",
    "Algorithm",
    "KoreanTokenizer",
    "LanguageTools",
    "LatinTokenizer",
    "LeadAwareSummarizer",
    "LeadAwareWeights",
    "RankedSentence",
    "Selection",
    "SentenceCount",
    "SentenceFeatures",
    "Summarizer",
    "SummarizerFactory",
    "SumyTokenizer",
    "available_algorithms",
    "body_sentences",
    "caption_likeness",
    "is_furniture",
    "language_tools",
    "pick",
    "register_algorithm",
    "summarize",
    "summarize_document",
    "summarize_sentences",
    "summary_length",
    "tokenizer_for",
    "unregister_algorithm",
]
