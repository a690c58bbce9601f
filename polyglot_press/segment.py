"""Sentence segmentation (placeholder until the real splitter lands)."""

from __future__ import annotations

import re

_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Þ«\"“])")


def split_sentences(text: str, lang: str = "en") -> list[str]:
    return [s for s in _END.split(text.strip()) if s]
