"""Decoding for the engine: length batches, submitted window by window, checked outputs.

Batches are formed over all the distinct inputs of a call (one group and one kind each, see
:mod:`._groups`; tokens a group holds twice are decoded once), then decoded in windows of about
:data:`WINDOW_TOKENS` padded source tokens;
the engine enforces each window and lets its hypotheses and attention go before the next, so the
memory of a call does not grow with its sentences (a 1 MB Markdown table held 6 GB of attention
at once). Windows change no output: a batch is the same whichever window it is decoded in.
A :class:`Clock` is charged each window's seconds, per group, against the time limit of
:func:`~polyglot_press.translate.document_limits`.
"""

from __future__ import annotations

import time
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass, replace

from polyglot_press.translate._backend import (
    DecodeRequest,
    Hypothesis,
    LoadedModel,
    ParallelModel,
)
from polyglot_press.translate._layout import fit_to_positions, length_batches
from polyglot_press.translate._limits import DocumentLimits
from polyglot_press.translate._options import EngineOptions

__all__ = ["WINDOW_TOKENS", "Clock", "Decoded", "TimedOut", "decode_windows"]

#: Padded source tokens decoded per window: enough batches for every replica to stay busy,
#: few enough that the window's hypotheses and attention stay in the tens of megabytes.
WINDOW_TOKENS = 32_768


class Clock:
    """The decoding seconds of each group in one call, checked against the time limit."""

    def __init__(self, limits: DocumentLimits | None, keys: Sequence[Hashable]) -> None:
        self.timeout = limits.timeout if limits is not None else None
        self.seconds: dict[Hashable, float] = dict.fromkeys(keys, 0.0)

    def charge(self, seconds: float, tokens: dict[Hashable, int]) -> None:
        """Share a window's ``seconds`` among its groups by their tokens; raise
        :class:`TimedOut` for the first group over the limit."""
        weight = sum(tokens.values()) or 1
        for key, count in tokens.items():
            self.seconds[key] = self.seconds.get(key, 0.0) + seconds * count / weight
        if self.timeout is None:
            return
        for key in tokens:
            if self.seconds[key] > self.timeout:
                raise TimedOut(key, self.seconds[key])


class TimedOut(Exception):
    """A group ran past the time limit (turned into a :class:`DocumentLimitError`)."""

    def __init__(self, key: Hashable, seconds: float) -> None:
        super().__init__(key, seconds)
        self.key = key
        self.seconds = seconds


@dataclass(frozen=True, slots=True)
class Decoded:
    source_tokens: tuple[str, ...]
    hypotheses: tuple[Hypothesis, ...]
    text: str
    error: str | None
    warning: str | None


def decode_windows(
    model: LoadedModel,
    texts: Sequence[str],
    options: EngineOptions,
    positions: int | None,
    *,
    alignment: Sequence[bool] = (),
    groups: Sequence[Hashable] = (),
    clock: Clock | None = None,
) -> Iterator[list[tuple[int, Decoded]]]:
    """Decode ``texts`` window by window: each window is a list of (index, output).

    Texts flagged in ``alignment`` are decoded with n-best hypotheses and attention. A batch
    holds texts of one group (``groups[i]``; none given: one group) and one flag; batches
    are formed over all the texts, then submitted a window of about :data:`WINDOW_TOKENS`
    padded tokens at a time, so the windows change no output. ``clock`` is charged each
    window's seconds (and raises when a group runs past the time limit).
    """
    tokens = [_encode_prefix(model, text, positions) for text in texts]
    limits = [
        int(options.max_length_ratio * len(tokens_) + options.max_length_extra)
        for tokens_ in tokens
    ]
    cut = fit_to_positions(tokens, limits, positions)
    keys = list(groups) or [None] * len(texts)
    flags = list(alignment) or [False] * len(texts)
    copies = _copies(tokens, keys)
    for kept, same in copies.items():  # decoded with attention if any of its copies needs it
        flags[kept] = any(flags[i] for i in same)
    batches = _batches(list(copies), tokens, keys, flags, options.max_batch_tokens)
    for window in _windows(batches, tokens):
        started = time.perf_counter()
        jobs = [
            ([tokens[i] for i in batch], _request(options, max(limits[i] for i in batch), flag))
            for batch, flag in window
        ]
        outputs = _translate_jobs(model, jobs)
        decoded: list[tuple[int, Decoded]] = []
        for (batch, _), batch_outputs in zip(window, outputs, strict=True):
            for i, hypotheses in zip(batch, batch_outputs, strict=True):
                checked = _check_output(tuple(tokens[i]), tuple(hypotheses), model, limits[i])
                # A sentence longer than the model's positions was cut: its warning says so.
                output = checked if cut[i] is None else replace(checked, warning=cut[i])
                decoded.extend((copy, output) for copy in copies[i])
        del outputs, jobs
        if clock is not None:
            shares: dict[Hashable, int] = {}
            for batch, _ in window:
                shares[keys[batch[0]]] = shares.get(keys[batch[0]], 0) + _padded(batch, tokens)
            clock.charge(time.perf_counter() - started, shares)
        yield decoded
        del decoded  # the window's attention goes before the next window is decoded


def _copies(tokens: Sequence[Sequence[str]], keys: Sequence[Hashable]) -> dict[int, list[int]]:
    """Each distinct (group, tokens) once: its first index, and every index it stands for.

    Two sentences of a document can reach the model as the same tokens (two first-leg
    outputs alike, one with spans and one without): they are decoded once and share the output.
    """
    first: dict[tuple[Hashable, tuple[str, ...]], int] = {}
    copies: dict[int, list[int]] = {}
    for i, (key, source) in enumerate(zip(keys, tokens, strict=True)):
        kept = first.setdefault((key, tuple(source)), i)
        copies.setdefault(kept, []).append(i)
    return copies


def _batches(
    kept: Sequence[int],
    tokens: Sequence[Sequence[str]],
    keys: Sequence[Hashable],
    flags: Sequence[bool],
    size: int,
) -> list[tuple[list[int], bool]]:
    """Length batches of the ``kept`` texts, one group and one flag each, in the order the
    groups come."""
    kinds: dict[tuple[Hashable, bool], list[int]] = {}
    for i in kept:
        kinds.setdefault((keys[i], flags[i]), []).append(i)
    batches: list[tuple[list[int], bool]] = []
    for (_, flag), group in kinds.items():
        for batch in length_batches([tokens[i] for i in group], size):
            batches.append(([group[i] for i in batch], flag))
    return batches


def _request(options: EngineOptions, max_decoding_length: int, alignment: bool) -> DecodeRequest:
    return DecodeRequest(
        beam_size=options.beam_size,
        max_decoding_length=max_decoding_length,
        num_hypotheses=options.num_hypotheses if alignment else 1,
        return_attention=alignment,
        length_penalty=options.length_penalty,
        replace_unknowns=options.replace_unknowns,
        no_repeat_ngram_size=options.no_repeat_ngram_size,
        repetition_penalty=options.repetition_penalty,
    )


def _padded(batch: Sequence[int], tokens: Sequence[Sequence[str]]) -> int:
    """The padded source tokens of a batch."""
    return len(batch) * max((len(tokens[i]) for i in batch), default=0)


def _windows(
    batches: list[tuple[list[int], bool]], tokens: Sequence[Sequence[str]]
) -> Iterator[list[tuple[list[int], bool]]]:
    """Consecutive runs of ``batches`` of about :data:`WINDOW_TOKENS` padded tokens each."""
    window: list[tuple[list[int], bool]] = []
    size = 0
    for batch in batches:
        window.append(batch)
        size += _padded(batch[0], tokens)
        if size >= WINDOW_TOKENS:
            yield window
            window, size = [], 0
    if window:
        yield window


def _translate_jobs(
    model: LoadedModel, jobs: Sequence[tuple[Sequence[Sequence[str]], DecodeRequest]]
) -> list[list[list[Hypothesis]]]:
    """All jobs at once where the model can (see :class:`ParallelModel`), else one by one."""
    if not jobs:
        return []
    if isinstance(model, ParallelModel):
        return model.translate_batches(jobs)
    return [model.translate_batch(batch, request) for batch, request in jobs]


#: Characters tokenized first from a sentence longer than the model can read, per position.
_CHARS_PER_POSITION = 32


def _encode_prefix(model: LoadedModel, text: str, positions: int | None) -> list[str]:
    """``text``'s tokens, or enough of the first ones to fill the model's positions.

    A 5 MB sentence is cut to the positions anyway (see :func:`fit_to_positions`); tokenizing
    it whole cost seconds and gigabytes for tokens never read. The prefix is only used when it
    overflows the positions with room to spare, so the tokens kept are those of the whole text.
    """
    if positions is None or len(text) <= positions * _CHARS_PER_POSITION:
        return model.tokenizer.encode(text)
    prefix = model.tokenizer.encode(text[: positions * _CHARS_PER_POSITION])
    return prefix if len(prefix) > positions + 16 else model.tokenizer.encode(text)


def _check_output(
    source: tuple[str, ...], hypotheses: tuple[Hypothesis, ...], model: LoadedModel, limit: int
) -> Decoded:
    best = hypotheses[0] if hypotheses else Hypothesis(())
    text = model.tokenizer.decode(best.tokens).strip()
    if len(best.tokens) >= limit:
        error = f"no end of sentence within {limit} tokens (runaway output)"
        return Decoded(source, hypotheses, text, error, None)
    if not text:
        return Decoded(source, hypotheses, text, "the model produced an empty translation", None)
    warning = None
    if len(source) >= 8 and len(best.tokens) * 4 < len(source):
        warning = (
            f"translation is much shorter than its source ({len(best.tokens)} tokens for "
            f"{len(source)}); words may be missing"
        )
    return Decoded(source, hypotheses, text, None, warning)
