"""Attention alignment between source and target subword tokens, and edits made through it.

CTranslate2 returns, for each target token, its attention over the source tokens
(``return_attention=True``). Taking each target token's most-attended source token gives a
word alignment good enough to find "the words that translate this span": the engine replaces
them by a span the model did not copy, and places inline markup around them.

Edits are made on the token list, not the detokenized text: the edited tokens become private-use
sentinel characters, the list is detokenized as usual, and the sentinels are then swapped for
the wanted text, so Moses detokenization or SentencePiece never touch it.
"""

from __future__ import annotations

import bisect
import html
from collections.abc import Sequence
from dataclasses import dataclass

_SPACE = "▁"
_JOINER = "@@"
SENTINEL_BASE = 0xE000
#: The edits one sentence may carry: their sentinels stay inside the private-use area, where
#: no text or tokenizer puts characters (a sentence of 40,000 tags once ran into plane 1).
SENTINEL_COUNT = 0x800


def sentinel(index: int) -> str:
    """The private-use character standing for edit ``index`` while detokenizing."""
    if not 0 <= index < SENTINEL_COUNT:
        raise ValueError(f"edit {index} is outside the {SENTINEL_COUNT} a sentence may carry")
    return chr(SENTINEL_BASE + index)


def token_char_spans(text: str, tokens: Sequence[str]) -> list[tuple[int, int]]:
    """The character range of ``text`` each source token comes from (approximate).

    Tokenizers normalise (Moses escapes ``&``, SentencePiece folds some characters), so a token
    that cannot be found gets an empty range at the current position.
    """
    spans = []
    position = 0
    for token in tokens:
        core = html.unescape(token.replace(_SPACE, " ").removesuffix(_JOINER)).strip()
        start = text.find(core, position, position + len(core) + 8) if core else -1
        if start == -1:
            spans.append((position, position))
            continue
        spans.append((start, start + len(core)))
        position = start + len(core)
    return spans


def source_tokens_in(char_spans: Sequence[tuple[int, int]], start: int, end: int) -> list[int]:
    """Indices of the source tokens overlapping ``text[start:end]``."""
    return [i for i, (begin, stop) in enumerate(char_spans) if begin < end and stop > start]


class SourceTokens:
    """The source tokens' character spans (in text order, as :func:`token_char_spans` gives
    them) and the target tokens attending to each: which targets a stretch of source text
    aligns to, found by bisection instead of a scan of every token."""

    def __init__(self, char_spans: Sequence[tuple[int, int]], links: Sequence[int]) -> None:
        self._begins = [begin for begin, _ in char_spans]
        self._stops = [stop for _, stop in char_spans]
        self._first: dict[int, int] = {}
        self._last: dict[int, int] = {}
        for target, source in enumerate(links):
            self._first.setdefault(source, target)
            self._last[source] = target

    def _overlapping(self, start: int, end: int) -> range:
        """The tokens overlapping ``text[start:end]`` (as :func:`source_tokens_in`)."""
        low = bisect.bisect_right(self._stops, start)
        return range(low, max(low, bisect.bisect_left(self._begins, end)))

    def first_target(self, start: int, end: int) -> int | None:
        """The first target token aligned to a source token overlapping ``text[start:end]``."""
        found = [self._first[i] for i in self._overlapping(start, end) if i in self._first]
        return min(found) if found else None

    def last_target(self, start: int, end: int) -> int | None:
        """The last target token aligned to a source token overlapping ``text[start:end]``."""
        found = [self._last[i] for i in self._overlapping(start, end) if i in self._last]
        return max(found) if found else None

    def first_target_of_token_from(self, offset: int) -> int | None:
        """The first target token aligned to the first source token starting at ``offset``
        or later."""
        index = bisect.bisect_left(self._begins, offset)
        return self._first.get(index) if index < len(self._begins) else None


def source_links(attention: Sequence[Sequence[float]]) -> list[int]:
    """For each target token, its most-attended source token."""
    return [max(range(len(row)), key=row.__getitem__) if row else -1 for row in attention]


def aligned_targets(links: Sequence[int], sources: Sequence[int]) -> list[int]:
    """Target tokens whose most-attended source token (see :func:`source_links`) is in
    ``sources``."""
    wanted = set(sources)
    return [index for index, source in enumerate(links) if source in wanted]


@dataclass(frozen=True, slots=True)
class WordBoundaries:
    """Where words start in a target token list, for one tokenizer family."""

    tokens: tuple[str, ...]
    bpe: bool

    def starts_word(self, index: int) -> bool:
        if index <= 0 or index >= len(self.tokens):
            return True
        if self.bpe:
            return not self.tokens[index - 1].endswith(_JOINER)
        token = self.tokens[index]
        return token.startswith(_SPACE) or not token[:1].isalnum()

    def widen(self, first: int, last: int) -> tuple[int, int]:
        """``first..last`` grown to whole words."""
        while not self.starts_word(first):
            first -= 1
        while not self.starts_word(last + 1):
            last += 1
        return first, last


def replace_tokens(
    tokens: Sequence[str], ranges: Sequence[tuple[int, int]], *, bpe: bool
) -> list[str]:
    """``tokens`` with each inclusive ``ranges[k]`` replaced by the word ``sentinel(k)``.

    Ranges must not overlap. The sentinel takes the word-start marker of the tokens it replaces.
    """
    output = list(tokens)
    for index, (first, last) in sorted(enumerate(ranges), key=lambda item: -item[1][0]):
        leading = _SPACE if not bpe and (first == 0 or tokens[first].startswith(_SPACE)) else ""
        output[first : last + 1] = [leading + sentinel(index)]
    return output


def insert_tokens(
    tokens: Sequence[str], positions: Sequence[int], *, bpe: bool, first_index: int
) -> list[str]:
    """``tokens`` with the word ``sentinel(first_index + k)`` inserted before ``positions[k]``.

    Positions must be word starts, in non-decreasing order; equal positions keep their order.
    """
    output: list[str] = []
    queue = [min(position, len(tokens)) for position in positions]
    k = 0  # the next insertion: an index, not pop(0), which was quadratic in the tags
    for index, token in enumerate([*tokens, None]):
        while k < len(queue) and queue[k] == index:
            output.append(("" if bpe else _SPACE) + sentinel(first_index + k))
            k += 1
        if token is not None:
            output.append(token)
    return output
