"""How long a translation of a sentence usually is, per language pair and source length.

The bands bound log(target characters / source characters), spaces not counted, as human
translations of news sentences show it (NTREX-128, the calibration half of its documents),
widened by a margin; ``scripts/fit_length_bands.py`` fits them. Short sources get wide bands:
a two-word headline may well become five words.
"""

from __future__ import annotations

import hashlib
import math

__all__ = ["BINS", "LENGTH_BANDS", "calibration_half", "length_band", "length_ratio"]

#: Lower bounds (in characters, spaces not counted) of the source-length bins.
BINS = (0, 20, 40, 80, 160)

# Fitted by scripts/fit_length_bands.py: (bin floor, lower, upper) per pair.
LENGTH_BANDS: dict[str, tuple[tuple[int, float, float], ...]] = {
    "fr-en": (
        (0, -0.7, 0.74),
        (20, -0.7, 0.65),
        (40, -0.78, 0.32),
        (80, -0.71, 0.28),
        (160, -0.54, 0.13),
    ),
    "en-fr": (
        (0, -0.12, 0.7),
        (20, -0.74, 0.84),
        (40, -0.31, 0.71),
        (80, -0.29, 0.57),
        (160, -0.2, 0.59),
    ),
    "en-ko": (
        (0, -1.22, 0.76),
        (20, -1.51, 0.53),
        (40, -1.24, 0.12),
        (80, -1.32, 0.05),
        (160, -1.24, -0.02),
    ),
    "ko-en": (
        (0, -0.76, 1.64),
        (20, -0.26, 1.28),
        (40, -0.31, 1.18),
        (80, -0.19, 1.14),
        (160, 0.02, 0.46),
    ),
    "fr-ko": (
        (0, -1.57, 0.18),
        (20, -1.42, 0.26),
        (40, -1.57, 0.15),
        (80, -1.76, 0.15),
        (160, -1.41, -0.26),
    ),
    "ko-fr": (
        (0, -0.18, 1.88),
        (20, -0.18, 1.48),
        (40, -0.14, 1.41),
        (80, -0.17, 1.28),
        (160, 0.23, 0.79),
    ),
}

#: Pairs without a fitted band: only a translation a third or three times as long is flagged.
_FALLBACK = (math.log(1 / 3), math.log(3))


def calibration_half(document_id: str) -> bool:
    """Whether a document belongs to the half the checks were calibrated on (by a hash)."""
    return hashlib.sha256(document_id.encode("utf-8")).digest()[0] % 2 == 0


def _size(text: str) -> int:
    return len("".join(text.split()))


def length_ratio(source: str, output: str) -> float | None:
    """log(output characters / source characters), or ``None`` when either is empty."""
    source_size, output_size = _size(source), _size(output)
    if not source_size or not output_size:
        return None
    return math.log(output_size / source_size)


def length_band(source_lang: str, target_lang: str, source: str) -> tuple[float, float]:
    """The (lower, upper) log length ratio human translations of ``source`` fall within."""
    bands = LENGTH_BANDS.get(f"{source_lang}-{target_lang}")
    if bands is None:
        return _FALLBACK
    size = _size(source)
    lower, upper = bands[0][1], bands[0][2]
    for floor, low, high in bands:
        if size >= floor:
            lower, upper = low, high
    return lower, upper
