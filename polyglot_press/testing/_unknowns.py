"""Which target words a fixture model "never learnt", so that it emits ``<unk>`` for them."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np

__all__ = ["unk_tokens"]


def unk_tokens(tokens: Collection[str], rate: float, rng: np.random.Generator) -> frozenset[str]:
    """A share ``rate`` of the target tokens, picked at random: the ones the model "never learnt".

    Their labels become ``<unk>`` when fitting, so the model emits ``<unk>`` where a reference
    has one of them, as real models do for rare words.
    """
    if rate <= 0:
        return frozenset()
    ordered = sorted(tokens)
    chosen = rng.random(len(ordered)) < rate
    return frozenset(token for token, pick in zip(ordered, chosen, strict=True) if pick)
