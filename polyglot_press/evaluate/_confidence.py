"""A package's ``low_confidence`` threshold, read off its own translations of the references.

The model's score of a translation (its mean token log-probability) means nothing across
packages: each model has its own scale. So the threshold is calibrated per package, on the
sentences of the user's references that the package translated and the checks pass: the score
under which the lowest :data:`QUANTILE` of them fall. ``evaluate`` prints it with the share of
the sentences the checks flag that fall under it (how much the score adds to the checks).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from polyglot_press.glossary import Glossary

__all__ = ["QUANTILE", "ScoreCalibration", "calibrate_min_score"]

#: The share of good translations a suggested threshold flags.
QUANTILE = 0.05


@dataclass(frozen=True, slots=True)
class ScoreCalibration:
    """``min_score``: the suggested threshold; ``median``: the median score of the sentences
    the checks pass (``passed`` of them); ``flagged_below``: the share of the ``flagged``
    sentences (the checks find a problem) scored under the threshold."""

    min_score: float
    median: float
    passed: int
    flagged: int
    flagged_below: float | None


def calibrate_min_score(
    sources: Sequence[str],
    outputs: Sequence[str],
    scores: Sequence[float | None],
    source_lang: str,
    target_lang: str,
    glossary: Glossary | None = None,
) -> ScoreCalibration | None:
    """The threshold for one package from its outputs and their scores; ``None`` when too
    few sentences passed the checks (fewer than 20) or the package gives no scores."""
    from polyglot_press.checks import check_translation

    good: list[float] = []
    bad: list[float] = []
    for source, output, score in zip(sources, outputs, scores, strict=True):
        if score is None:
            continue
        flags = check_translation(source, output, source_lang, target_lang, glossary)
        (bad if flags else good).append(score)
    if len(good) < 20:
        return None
    good.sort()
    threshold = good[int(len(good) * QUANTILE)]
    below = sum(score < threshold for score in bad) / len(bad) if bad else None
    return ScoreCalibration(round(threshold, 3), good[len(good) // 2], len(good), len(bad), below)
