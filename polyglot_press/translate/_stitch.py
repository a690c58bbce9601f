"""The last-resort repair: translate the text between spans piece by piece and stitch it.

Context is lost and the word order is the source's, which is why the engine uses it only when a
full-sentence translation cannot be repaired in place, and never for a verb-final target.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from polyglot_press.text import Span
from polyglot_press.translate._layout import (
    LETTER,
    keep_outer_whitespace,
    split_at_spans,
)
from polyglot_press.translate._results import SentenceTranslation, SourceSentence

#: Decodes plain strings: for each, (text, score, error, warning).
DecodeTexts = Callable[[Sequence[str]], list[tuple[str, float | None, str | None, str | None]]]


def stitch(sentences: Sequence[SourceSentence], decode: DecodeTexts) -> list[SentenceTranslation]:
    """Translate each sentence's pieces between spans (one batched call) and join them."""
    pieces_of = [split_at_spans(s.text, s.spans) for s in sentences]
    wanted = sorted({piece.strip() for pieces in pieces_of for piece, _ in pieces if piece})
    wanted = [piece for piece in wanted if LETTER.search(piece)]
    translations = dict(zip(wanted, decode(wanted), strict=True))
    results = []
    for sentence, pieces in zip(sentences, pieces_of, strict=True):
        parts: list[str] = []
        spans: list[Span] = []
        scores: list[float] = []
        warnings: list[str] = []
        error = None
        for piece, span in pieces:
            output = translations.get(piece.strip())
            if output is None:
                parts.append(piece)
            elif output[2] is not None:
                error = output[2]
            else:
                parts.append(keep_outer_whitespace(piece, output[0]))
                scores.extend([output[1]] if output[1] is not None else [])
                warnings.extend([output[3]] if output[3] else [])
            if span is not None:
                offset = sum(len(part) for part in parts)
                spans.append(replace(span, start=offset, end=offset + len(span.replacement)))
                parts.append(span.replacement)
        if error is not None:
            results.append(SentenceTranslation(sentence.text, sentence.text, "failed", error=error))
            continue
        results.append(
            SentenceTranslation(
                sentence.text,
                "".join(parts),
                "fallback",
                tuple(spans),
                sum(scores) / len(scores) if scores else None,
                warnings[0] if warnings else None,
            )
        )
    return results
