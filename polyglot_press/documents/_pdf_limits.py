"""A bound on what pdfminer may inflate while reading one PDF (a PDF zip bomb).

pdfminer inflates each stream it reads in one piece (``zlib.decompress``, or one byte at a
time for a damaged stream, and ``lzwdecode``): a 1 MB file whose page content inflates to
gigabytes takes as many gigabytes. While :func:`inflation_budget` is active, pdfminer's
``pdftypes`` module sees a stand-in ``zlib`` and ``lzwdecode`` that count every byte they
produce against the document's budget and raise :class:`InflationLimit` past it, having held
no more than the budget. Images pdfminer never decodes for text cost nothing. Outside a budget
(pdfminer used by other code in the same process) the stand-ins do exactly what pdfminer's own
calls do.
"""

from __future__ import annotations

import contextlib
import contextvars
import io
import zlib
from collections.abc import Iterator
from typing import Any

__all__ = ["MAX_INFLATED_BYTES", "InflationLimit", "inflation_budget", "install"]

#: What all the streams pdfminer inflates for one document may add up to. A 300-page report's
#: page content is a few tens of MB.
MAX_INFLATED_BYTES = 256 << 20
#: A damaged stream is inflated one byte at a time into a growing string (quadratic in its
#: output): it gets this much of the budget at most.
MAX_DAMAGED_STREAM_BYTES = 4 << 20

_REMAINING: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar(
    "polyglot_press_pdf_inflation", default=None
)


class InflationLimit(Exception):
    """A PDF's streams would inflate to more than :data:`MAX_INFLATED_BYTES`."""


def _spend(count: int) -> None:
    remaining = _REMAINING.get()
    if remaining is None:
        return
    remaining[0] -= count
    if remaining[0] < 0:
        raise InflationLimit(f"its streams inflate to more than {MAX_INFLATED_BYTES:,} bytes")


def _allowance(cap: int | None = None) -> int:
    remaining = _REMAINING.get()
    left = max(remaining[0], 0) if remaining is not None else MAX_INFLATED_BYTES
    return min(left, cap) if cap is not None else left


class _Inflater:
    """``zlib.decompressobj()`` that never yields more than the budget allows."""

    def __init__(self, *args: Any) -> None:
        self._inflater = zlib.decompressobj(*args)
        self._produced = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        room = _allowance(MAX_DAMAGED_STREAM_BYTES - self._produced) + 1
        out = self._inflater.decompress(data, room if not max_length else min(room, max_length))
        self._produced += len(out)
        if self._produced > MAX_DAMAGED_STREAM_BYTES:
            raise InflationLimit(f"a damaged stream inflates past {MAX_DAMAGED_STREAM_BYTES:,}")
        _spend(len(out))
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inflater, name)


class _BoundedZlib:
    """The ``zlib`` module as pdfminer's ``pdftypes`` sees it."""

    error = zlib.error

    @staticmethod
    def decompress(data: bytes, *args: Any) -> bytes:
        if _REMAINING.get() is None:
            return zlib.decompress(data, *args)
        inflater = zlib.decompressobj(*args[:1])
        out = inflater.decompress(data, _allowance() + 1)
        _spend(len(out))
        if not inflater.eof:  # as zlib.decompress says of a cut stream
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out

    @staticmethod
    def decompressobj(*args: Any) -> Any:
        return zlib.decompressobj(*args) if _REMAINING.get() is None else _Inflater(*args)

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def _bounded_lzwdecode(data: bytes) -> bytes:
    from pdfminer.lzw import LZWDecoder, lzwdecode

    if _REMAINING.get() is None:
        return lzwdecode(data)
    out = io.BytesIO()
    for piece in LZWDecoder(io.BytesIO(data)).run():
        _spend(len(piece))
        out.write(piece)
    return out.getvalue()


def install() -> None:
    """Put the bounded stand-ins into pdfminer (once; harmless outside a budget)."""
    from pdfminer import pdftypes

    # The two names pdftypes looks up when it inflates a stream.
    pdftypes.__dict__.update(zlib=_BoundedZlib(), lzwdecode=_bounded_lzwdecode)


@contextlib.contextmanager
def inflation_budget() -> Iterator[None]:
    """Count what pdfminer inflates inside this block against one document's budget."""
    token = _REMAINING.set([MAX_INFLATED_BYTES])
    try:
        yield
    finally:
        _REMAINING.reset(token)
