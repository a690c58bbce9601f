"""The entry points: summarise a text, a parsed document or a list of sentences.

Length rule: ``words=N`` caps a brief at N words, counted as whitespace-separated tokens in
English and French and as non-space characters in Korean (Korean words are not
space-delimited; see :func:`summary_length`). Sentences are taken best first while they fit; if
the best sentence alone is longer than the cap, the brief is that one sentence, over the cap, so
a text with body sentences never gives an empty brief. Callers that must stay within the cap
compare :func:`summary_length` with it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Any

from polyglot_press.documents import BRIEF_KINDS, Document, parse_document, plain_text
from polyglot_press.summarize._cleanup import body_sentences
from polyglot_press.summarize._language import (
    LanguageTools,
    content_words,
    language_tools,
)
from polyglot_press.summarize._registry import algorithm_named, built
from polyglot_press.summarize._selection import RankedSentence, Selection, length_function
from polyglot_press.summarize._tokenizer import SumyTokenizer

_NO_BONUS_WORDS: frozenset[str] = frozenset()

#: Only a document's first this many body sentences are candidates for its brief. A release has
#: tens of sentences and its news comes first; the cap keeps scoring (quadratic in sumy's
#: algorithms) bounded on a 5 MB input of tiny sentences.
MAX_CANDIDATE_SENTENCES = 500


def summarize(
    text: str,
    lang: str = "en",
    sentences: int = 3,
    algorithm: str | None = None,
    *,
    words: int | None = None,
    bonus_words: Collection[str] = (),
    title: str | None = None,
) -> list[str]:
    """Summarise the body of ``text`` into at most ``sentences`` of its sentences, in source order.

    ``text`` is parsed with :func:`~polyglot_press.documents.parse_document` (format sniffed)
    and summarised like :func:`summarize_document`: only paragraphs and list items, without
    inline markup, so the returned sentences are plain text. ``words`` (if given) replaces the
    sentence count with a length cap (see the module docstring for how Korean is counted and
    when a brief exceeds the cap). ``bonus_words`` (glossary terms) favour the sentences that
    contain them in ``edmundson``; their words are extracted once per language and set of
    terms, so passing the same glossary to every call is free. ``title`` is never part of the
    summary; it replaces the text's own title (its first heading) as a topic hint for
    ``lead-aware`` and ``edmundson``. Returns ``[]`` for a text with no body sentences.
    """
    return summarize_document(
        parse_document(text),
        lang,
        sentences,
        algorithm,
        words=words,
        bonus_words=bonus_words,
        title=title,
    )


def summarize_sentences(
    sentences: Sequence[str],
    lang: str = "en",
    count: int = 3,
    algorithm: str | None = None,
    *,
    words: int | None = None,
    bonus_words: Collection[str] = (),
    title: str | None = None,
) -> list[str]:
    """Like :func:`summarize` for body text already split into sentences (kept as they are).

    The sentences are not parsed as a document: nothing is taken for a heading or a dateline,
    and they count as one paragraph.
    """
    tools = language_tools(lang)
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    kept = [s for s in sentences if s.strip()][:MAX_CANDIDATE_SENTENCES]
    paragraph = Paragraph(Sentence(s, tools.tokenizer) for s in kept)
    document = ObjectDocumentModel([paragraph])
    return _select(document, tools, count, algorithm, words, bonus_words, title)


def summarize_document(
    doc: Document,
    lang: str,
    sentences: int = 3,
    algorithm: str | None = None,
    words: int | None = None,
    bonus_words: Collection[str] = (),
    *,
    title: str | None = None,
) -> list[str]:
    """Summarise the body of ``doc``: its paragraphs and list items, without inline markup.

    Headings, datelines, contacts and boilerplate never enter a brief; the title (``title`` if
    given, else the document's own) only guides the choice. Returns ``[]`` when the document
    has no body text.
    """
    paragraphs = [
        plain
        for block in doc.blocks
        if block.kind in BRIEF_KINDS and (plain := plain_text(block.text, doc.format)).strip()
    ]
    if title is None and doc.title:
        title = plain_text(doc.title, doc.format)
    tools = language_tools(lang)
    return _select(
        _sumy_document(paragraphs, tools.tokenizer),
        tools,
        sentences,
        algorithm,
        words,
        bonus_words,
        title,
    )


def summary_length(sentences: Iterable[str], lang: str) -> int:
    """The length of a brief as ``words=`` counts it: words, or non-space characters in Korean."""
    length_of = length_function(language_tools(lang).lang)
    return sum(length_of(sentence) for sentence in sentences)


def _sumy_document(paragraphs: Sequence[str], tokenizer: SumyTokenizer) -> Any:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    kept: list[Any] = []
    room = MAX_CANDIDATE_SENTENCES
    for sentences in body_sentences(_first_paragraphs(paragraphs), tokenizer):
        if room <= 0:
            break
        kept.append(Paragraph([Sentence(s, tokenizer) for s in sentences[:room]]))
        room -= len(sentences)
    return ObjectDocumentModel(kept)


def _first_paragraphs(paragraphs: Sequence[str]) -> list[str]:
    """The leading paragraphs that can hold the candidate sentences, and no more.

    A sentence has at least one character, so paragraphs past about
    :data:`MAX_CANDIDATE_SENTENCES` characters of sentences hold none of the candidates; a
    generous bound in characters is cheap and keeps the tokenizer off a 5 MB tail.
    """
    kept: list[str] = []
    budget = MAX_CANDIDATE_SENTENCES * 2_000
    for paragraph in paragraphs:
        if budget <= 0 or len(kept) >= MAX_CANDIDATE_SENTENCES * 4:
            break
        kept.append(paragraph)
        budget -= len(paragraph)
    return kept


def _select(
    document: Any,
    tools: LanguageTools,
    count: int,
    algorithm: str | None,
    words: int | None,
    bonus_words: Collection[str],
    title: str | None,
) -> list[str]:
    if count < 1:
        raise ValueError(f"sentences must be at least 1, not {count}")
    if words is not None and words < 1:
        raise ValueError(f"words must be at least 1, not {words}")
    chosen_algorithm = algorithm_named(algorithm)
    if not document.sentences:
        return []
    if title and title.strip():
        document = _with_title(document, title, tools.tokenizer)
    selection = Selection(
        max_sentences=None if words is not None else count,
        max_length=words,
        length_of=length_function(tools.lang),
    )
    if all(not sentence.words for sentence in document.sentences):
        # Nothing to score (numbers, symbols): the lead is the only sensible choice.
        ranked = [RankedSentence(s, i, -i) for i, s in enumerate(document.sentences)]
        chosen: Sequence[Any] = [info.sentence for info in selection(ranked)]
    else:
        bonus = _NO_BONUS_WORDS
        if chosen_algorithm.uses_bonus_words and bonus_words:
            bonus = content_words(tools.lang, frozenset(bonus_words))
        chosen = built(chosen_algorithm.name, tools.lang, bonus)(document, selection)
    return [str(sentence) for sentence in chosen]


def _with_title(document: Any, title: str, tokenizer: SumyTokenizer) -> Any:
    """The document with ``title`` as a heading: scored against, never selected."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    heading = Paragraph([Sentence(title.strip(), tokenizer, is_heading=True)])
    return ObjectDocumentModel([heading, *document.paragraphs])
