"""Text: sentence segmentation and the protected spans that translation must keep.

- :func:`split_sentences` / :func:`sentence_spans`: rule-based sentence splitting for French,
  English and Korean news copy (German dates too).
- :class:`Span`: a part of a sentence that must come out of translation exactly as given;
  :func:`merge_spans` combines span lists, :func:`protect` / :func:`restore` mask spans with
  numbered placeholders around the translator.
- :func:`verbatim_spans`: the URLs, e-mails, phone numbers, numbers and inline markup of a
  sentence, as spans; :func:`english_number` rewrites ``1 234,5`` as ``1,234.5``.
"""

from __future__ import annotations

from polyglot_press.text._dates import date_spans
from polyglot_press.text._numbers import (
    COMMA_DECIMAL_LANGUAGES,
    POINT_DECIMAL_LANGUAGES,
    english_number,
    number_spans,
)
from polyglot_press.text._places import EXONYMS, translate_dateline
from polyglot_press.text._segment import sentence_spans, split_sentences
from polyglot_press.text._spans import (
    Protected,
    Span,
    SpanKind,
    merge_spans,
    missing_spans,
    protect,
    restore,
    shift_span,
)
from polyglot_press.text._verbatim import verbatim_spans

__all__ = [
    "COMMA_DECIMAL_LANGUAGES",
    "EXONYMS",
    "POINT_DECIMAL_LANGUAGES",
    "Protected",
    "Span",
    "SpanKind",
    "date_spans",
    "english_number",
    "merge_spans",
    "missing_spans",
    "number_spans",
    "protect",
    "restore",
    "sentence_spans",
    "shift_span",
    "split_sentences",
    "translate_dateline",
    "verbatim_spans",
]
