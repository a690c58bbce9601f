"""Groups of sentences that never share a decoding batch (the pipeline's documents)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from polyglot_press.translate._results import SourceSentence

__all__ = ["Grouped", "group_keys", "subsequence_keys"]

#: A sentence within its group: the unit translated once.
Grouped = tuple[Hashable, SourceSentence]


def group_keys(groups: Sequence[Hashable] | None, count: int) -> Sequence[Hashable]:
    if groups is None:
        return [None] * count
    if len(groups) != count:
        raise ValueError(f"got {len(groups)} group keys for {count} items")
    return groups


def subsequence_keys(
    sentences: Sequence[SourceSentence], keys: Sequence[Hashable], subset: Sequence[SourceSentence]
) -> list[Hashable]:
    """The group keys of ``subset``, an ordered subsequence of ``sentences`` in which equal
    sentences are all present or all absent (the memory's misses), so matching is exact."""
    found: list[Hashable] = []
    position = 0
    for sentence in subset:
        while sentences[position] != sentence:
            position += 1
        found.append(keys[position])
        position += 1
    return found
