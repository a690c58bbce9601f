"""Constraint checking and in-place repair of one full-sentence translation.

For a sentence with spans the engine decodes once, asking for the beam's n-best hypotheses and
their attention. Then, without decoding again:

1. the best hypothesis holding every span (in an accepted form, see :mod:`._forms`) is taken:
   ``as_is`` when it is the model's first choice, ``nbest`` otherwise;
2. else, in the first hypothesis, a missing number (or date) whose source words attention
   aligns with one contiguous run of target words that is itself a number is replaced there
   (``aligned``): the model wrote a number, the wrong one, and the product is sure where;
3. else the hypothesis is kept as the model wrote it and the sentence is ``not_met``: the
   checks flag what is missing. When in doubt, flag, don't edit: a term or a name is never
   written over other words, and nothing is inserted where the model dropped words. (The
   engine can still stitch pieces, ``fallback``, when ``EngineOptions.stitch_unmet`` asks.)

Inline markup is then placed around the words aligned to the text it enclosed.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from polyglot_press.text import Span
from polyglot_press.translate._align import (
    SENTINEL_BASE,
    SENTINEL_COUNT,
    SourceTokens,
    WordBoundaries,
    aligned_targets,
    insert_tokens,
    replace_tokens,
    sentinel,
    source_links,
    source_tokens_in,
    token_char_spans,
)
from polyglot_press.translate._backend import Hypothesis, SubwordTokenizer
from polyglot_press.translate._forms import find_form, number_values
from polyglot_press.translate._plan import Constraint, Plan
from polyglot_press.translate._results import Enforcement

#: Span kinds a repair may write over the model's words (see :func:`_repairs`).
_REPAIRABLE_KINDS: frozenset[str] = frozenset({"number"})
_NUMBER_ONLY = re.compile(r"[+-]?\d[\d\s.,\u00a0\u202f'’]*%?")
_SOURCE_NUMBER = re.compile(r"\d[\d\s.,\u00a0\u202f]*\d|\d")
_SENTINEL_RANGE = f"{chr(SENTINEL_BASE)}-{chr(SENTINEL_BASE + SENTINEL_COUNT - 1)}"
_SENTINELS = re.compile(f"[{_SENTINEL_RANGE}]")
_SPACE_BEFORE_SENTINEL = re.compile(rf"\s+([{_SENTINEL_RANGE}])")
_SPACE_AFTER_SENTINEL = re.compile(rf"([{_SENTINEL_RANGE}])\s+")


@dataclass(frozen=True, slots=True)
class Enforced:
    """One sentence's translation after enforcement; ``missing`` constraints were not met."""

    text: str
    spans: tuple[Span, ...]
    enforcement: Enforcement
    score: float | None
    missing: tuple[Constraint, ...] = ()


def settle(
    text: str, constraints: Sequence[Constraint], fixed: Sequence[Span] = ()
) -> tuple[str, list[Span], list[Constraint]]:
    """Locate each constraint in ``text``; rewrite numbers found in another form.

    Returns the (possibly rewritten) text, the located spans in order (``fixed`` spans,
    already placed, included and moved along), and what is missing. Longer replacements are
    placed first so that ``1.5`` is not found inside ``31.5``.
    """
    occupied = [(span.start, span.end) for span in fixed]
    found: list[tuple[int, int, bool, Constraint]] = []
    missing = []
    for constraint in sorted(constraints, key=lambda c: -len(c.wanted)):
        form = find_form(text, constraint.wanted, constraint.span.kind, occupied)
        if form is None:
            missing.append(constraint)
            continue
        occupied.append((form.start, form.end))
        found.append((form.start, form.end, form.keep, constraint))
    pieces: list[str] = []
    spans: list[Span] = []
    position = 0
    edits: list[tuple[int, int]] = []  # (source position, length change) of each rewrite
    for start, end, keep, constraint in sorted(found, key=lambda item: item[0]):
        pieces.append(text[position:start])
        shown = text[start:end] if keep else constraint.wanted
        offset = sum(map(len, pieces))
        spans.append(
            replace(constraint.span, start=offset, end=offset + len(shown), replacement=shown)
        )
        edits.append((end, len(shown) - (end - start)))
        pieces.append(shown)
        position = end
    pieces.append(text[position:])
    for span in fixed:
        shift = sum(delta for at, delta in edits if at <= span.start)
        spans.append(replace(span, start=span.start + shift, end=span.end + shift))
    return "".join(pieces), sorted(spans, key=lambda s: s.start), missing


def enforce(
    plan: Plan,
    source_tokens: Sequence[str],
    hypotheses: Sequence[Hypothesis],
    tokenizer: SubwordTokenizer,
    *,
    bpe: bool,
) -> Enforced:
    """The best translation ``hypotheses`` allow without decoding again (see module doc)."""
    texts = [tokenizer.decode(hypotheses[0].tokens)]
    missing = settle(texts[0], plan.constraints)[2]
    chosen, rank = hypotheses[0], 0
    for index, hypothesis in enumerate(hypotheses[1:] if missing else (), start=1):
        if not settle(tokenizer.decode(hypothesis.tokens), plan.constraints)[2]:
            chosen, rank, missing = hypothesis, index, []
            break
    char_spans = token_char_spans(plan.source, source_tokens)
    repairs = (
        _repairs(chosen, missing, char_spans, tokenizer, plan.source, bpe=bpe)
        if missing
        else _Repairs([], [])
    )
    placed: list[Span] = []
    if rank == 0 and not (repairs.ranges or repairs.insertions or plan.tags):
        text = texts[0]
    else:
        text, placed = _realize(chosen, plan, repairs, char_spans, tokenizer, bpe=bpe)
    repaired = {id(c) for _, _, c in repairs.ranges} | {id(c) for _, c in repairs.insertions}
    rest = [c for c in plan.constraints if id(c) not in repaired]
    text, spans, still_missing = settle(text, rest, placed)
    enforcement: Enforcement = "as_is" if rank == 0 else "nbest"
    if repaired:
        enforcement = "aligned"
    if still_missing:
        enforcement = "not_met"
    return Enforced(text, tuple(spans), enforcement, chosen.score, tuple(still_missing))


@dataclass(frozen=True, slots=True)
class _Repairs:
    """Target word ranges to replace by a constraint, and word positions to insert one at."""

    ranges: list[tuple[int, int, Constraint]]
    insertions: list[tuple[int, Constraint]]


def _repairs(
    hypothesis: Hypothesis,
    missing: Sequence[Constraint],
    char_spans: Sequence[tuple[int, int]],
    tokenizer: SubwordTokenizer,
    source: str,
    *,
    bpe: bool,
) -> _Repairs:
    """Where a missing number can be written over the number the model wrote instead.

    Only when the target words aligned to the constraint's source words form one run that
    is itself a number, and one the source does not hold (``1,5`` written ``15``; a ``20``
    the source has elsewhere may be right where it is); terms, names and contacts are never written
    over other words, and nothing is inserted where the model dropped words: those are left
    to the checks to flag. Without attention nothing is repaired.
    """
    repairs = _Repairs([], [])
    if not hypothesis.attention:
        return repairs
    links = source_links(hypothesis.attention)
    words = WordBoundaries(hypothesis.tokens, bpe)
    for constraint in missing:
        if constraint.span.kind not in _REPAIRABLE_KINDS:
            continue
        sources = source_tokens_in(char_spans, constraint.start, constraint.end)
        targets = aligned_targets(links, sources)
        if not targets:
            continue
        first, last = words.widen(min(targets), max(targets))
        if any(first <= end and last >= start for start, end, _ in repairs.ranges):
            continue
        aligned_text = tokenizer.decode(hypothesis.tokens[first : last + 1]).strip()
        if _NUMBER_ONLY.fullmatch(aligned_text) and not _in_source(aligned_text, source):
            repairs.ranges.append((first, last, constraint))
    return repairs


def _in_source(number: str, source: str) -> bool:
    values = number_values(number)
    return any(values & number_values(match.group()) for match in _SOURCE_NUMBER.finditer(source))


def _realize(
    hypothesis: Hypothesis,
    plan: Plan,
    repairs: _Repairs,
    char_spans: Sequence[tuple[int, int]],
    tokenizer: SubwordTokenizer,
    *,
    bpe: bool,
) -> tuple[str, list[Span]]:
    """Decode ``hypothesis`` with repairs made and tags placed; where each landed."""
    if not (repairs.ranges or repairs.insertions or plan.tags):
        return tokenizer.decode(hypothesis.tokens), []
    ranges = repairs.ranges
    tokens = replace_tokens(hypothesis.tokens, [(a, b) for a, b, _ in ranges], bpe=bpe)
    values: dict[int, tuple[Span, bool, bool]] = {
        index: (constraint.span, False, False) for index, (_, _, constraint) in enumerate(ranges)
    }
    inserts: list[tuple[int, tuple[Span, bool, bool]]] = [
        (_after_repairs(position, ranges), (constraint.span, False, False))
        for position, constraint in repairs.insertions
    ]
    if plan.tags:
        positions = _tag_positions(hypothesis, plan, ranges, char_spans, bpe=bpe)
        inserts += [
            (position, (tag.span, tag.glue_left, tag.glue_right))
            for position, tag in zip(positions, plan.tags, strict=True)
        ]
    inserts.sort(key=lambda item: item[0])
    tokens = insert_tokens(tokens, [p for p, _ in inserts], bpe=bpe, first_index=len(ranges))
    for k, (_, value) in enumerate(inserts):
        values[len(ranges) + k] = value
    return _substitute(tokenizer.decode(tokens), values)


def _tag_positions(
    hypothesis: Hypothesis,
    plan: Plan,
    repairs: Sequence[tuple[int, int, Constraint]],
    char_spans: Sequence[tuple[int, int]],
    *,
    bpe: bool,
) -> list[int]:
    """Where each tag goes in the edited token list, in source order, never crossing."""
    links = source_links(hypothesis.attention)
    words = WordBoundaries(hypothesis.tokens, bpe)
    tokens = SourceTokens(char_spans, links)
    count = len(hypothesis.tokens)
    # Looked up, not scanned: a sentence of 10,000 "**" tags took a scan per tag.
    openers = {tag.partner: i for i, tag in enumerate(plan.tags) if tag.partner is not None}
    raw: list[int] = []
    for index, tag in enumerate(plan.tags):
        opener = openers.get(index)
        if tag.partner is not None:
            first = tokens.first_target(tag.offset, plan.tags[tag.partner].offset)
            raw.append(words.widen(first, first)[0] if first is not None else -1)
        elif opener is not None:
            last = tokens.last_target(plan.tags[opener].offset, tag.offset)
            raw.append(words.widen(last, last)[1] + 1 if last is not None else -1)
        else:
            first = tokens.first_target_of_token_from(tag.offset)
            raw.append(words.widen(first, first)[0] if first is not None else count)
    positions: list[int] = []
    for position in raw:
        floor = positions[-1] if positions else 0
        positions.append(max(floor, position if position >= 0 else floor))
    return _after_repairs_all(positions, repairs)


def _after_repairs(position: int, repairs: Sequence[tuple[int, int, Constraint]]) -> int:
    """``position`` in the token list once each repair range became one token."""
    return _after_repairs_all([position], repairs)[0]


def _after_repairs_all(
    positions: Sequence[int], repairs: Sequence[tuple[int, int, Constraint]]
) -> list[int]:
    """Each position in the token list once each repair range became one token. The ranges
    are disjoint: in token order, those wholly before a position are a prefix, found by
    bisection (one pass over the repairs for every tag was quadratic)."""
    ordered = sorted((first, last) for first, last, _ in repairs)
    lasts = [last for _, last in ordered]
    shifts = [0]
    for first, last in ordered:
        shifts.append(shifts[-1] + last - first)
    moved = []
    for position in positions:
        before = bisect.bisect_left(lasts, position)
        inside = before < len(ordered) and position > ordered[before][0]
        moved.append((ordered[before][0] if inside else position) - shifts[before])
    return moved


def _substitute(text: str, values: dict[int, tuple[Span, bool, bool]]) -> tuple[str, list[Span]]:
    """Swap sentinels for their text, gluing tags as in the source; where each landed.

    One pass for all the marks glued on each side, one for the swap: a pass per mark, or a
    character class listing the marks, was quadratic in a sentence of 40,000 emphasis tags.
    """
    left = {sentinel(i) for i, (_, glue, _) in values.items() if glue}
    right = {sentinel(i) for i, (_, _, glue) in values.items() if glue}
    if left:
        text = _SPACE_BEFORE_SENTINEL.sub(
            lambda m: m.group(1) if m.group(1) in left else m.group(), text
        )
    if right:
        text = _SPACE_AFTER_SENTINEL.sub(
            lambda m: m.group(1) if m.group(1) in right else m.group(), text
        )
    text = re.sub(r"\s{2,}", " ", text).strip()
    pieces: list[str] = []
    placed: list[Span] = []
    position, length = 0, 0
    for match in _SENTINELS.finditer(text):
        pieces.append(text[position : match.start()])
        length += match.start() - position
        position = match.end()
        index = ord(match.group()) - SENTINEL_BASE
        if index not in values:
            continue
        span = values[index][0]
        placed.append(replace(span, start=length, end=length + len(span.replacement)))
        pieces.append(span.replacement)
        length += len(span.replacement)
    pieces.append(text[position:])
    return "".join(pieces), placed
