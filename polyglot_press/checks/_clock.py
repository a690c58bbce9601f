"""Times of day: a time is not a quantity, and languages write it on 12 or 24 hours."""

from __future__ import annotations

import re

__all__ = ["CLOCK", "TIME_OF_DAY", "shown_time", "time_of", "times_of"]

# "10:30", "19h30", "10.30pm": a full stop makes a time only before am/pm ("1.05 million").
TIME_OF_DAY = re.compile(
    r"(?:오전|오후)\s?\d{1,2}(?:[.:]\d{2}|\s?시(?:\s?\d{1,2}\s?분)?)?|\d{1,2}\s?(?:[:h]\s?\d{2}\s?(?:a\.?m\.?|p\.?m\.?)?|\.\d{2}\s?(?:a\.?m\.?|p\.?m\.?)"
    r"|h\b|a\.m\.|p\.m\.|am\b|pm\b|시(?:\s?\d{1,2}\s?분)?)",
    re.I,
)

# A time of day: "19h30", "10:15", "6.30pm", "3 p.m.", "15 h", "오후 3시 30분". Languages write
# them on 12 or 24 hours, so hours compare modulo 12.
CLOCK = re.compile(
    r"(?<![\d.,:])(\d{1,2})\s?(?:[:h]\s?(\d{2})|\.(\d{2})(?=\s?[ap]\.?m\b)|(?=\s?(?:h\b|[ap]\.?m\b)))"
    r"|(?<![\d.,:])(\d{1,2})시(?:\s?(\d{1,2})분)?"
    r"|(?<=오전|오후)\s?(\d{1,2})[.:](\d{2})",
    re.I,
)


def time_of(match: re.Match[str]) -> tuple[int, int]:
    hour = match.group(1) or match.group(4) or match.group(6)
    minute = match.group(2) or match.group(3) or match.group(5) or match.group(7) or "0"
    return int(hour) % 12, int(minute)


def shown_time(text: str, match: re.Match[str]) -> str:
    suffix = re.match(r"\s?(?:[ap]\.?m\.?|h)", text[match.end() :], re.I)
    return (match.group() + (suffix.group() if suffix else "")).strip()


def times_of(text: str) -> set[tuple[int, int]]:
    return {time_of(match) for match in CLOCK.finditer(text)}
