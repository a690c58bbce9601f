"""A pivot translation's two legs (source → English → target) as one result."""

from __future__ import annotations

from polyglot_press.translate._results import Enforcement, SentenceTranslation

__all__ = ["chain_legs"]

_RANK: tuple[Enforcement, ...] = ("memory", "as_is", "nbest", "aligned", "fallback", "not_met")


def chain_legs(first: SentenceTranslation, second: SentenceTranslation) -> SentenceTranslation:
    """Combine the two legs of a pivot translation into one result for the original source."""
    if second.error is not None:
        return SentenceTranslation(first.source, first.source, "failed", error=second.error)
    enforcement = max(first.enforcement, second.enforcement, key=_RANK.index)
    scores = [s for s in (first.score, second.score) if s is not None]
    return SentenceTranslation(
        first.source,
        second.text,
        enforcement,
        second.spans,
        sum(scores) / len(scores) if scores else None,
        second.warning or first.warning,
        missing=tuple(dict.fromkeys([*first.missing, *second.missing])),
    )
