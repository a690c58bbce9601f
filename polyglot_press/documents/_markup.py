"""Styled text runs to Markdown, shared by the PDF and DOCX readers: emphasis, list items,
hard line breaks and end-of-line hyphenation."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Run", "hyphen_join", "join_runs", "list_item_text"]

_BULLET = re.compile(r"\s*[•●▪◦‣∙·○■□➢►▶✓✔–—-]\s+(?=\S)")
_NUMBERED = re.compile(r"\s*\d{1,3}[.)]\s+(?=\S)")
# A hyphen ending a line after a letter, with the word piece before it.
_LINE_HYPHEN = re.compile(r"(?<!\w)(\w+) ?([-‐\xad])$")
#: Word pieces that start a French or English compound written with a hyphen (``vice-président``,
#: ``peut-être``): a line break after them keeps the hyphen.
_COMPOUND_HEADS = frozenset(
    {
        "vice", "ex", "non", "sud", "nord", "est", "ouest", "anti", "après", "avant", "arrière",
        "sous", "sur", "demi", "semi", "mi", "mini", "multi", "bien", "mal", "porte", "grand",
        "grande", "petit", "petite", "haut", "self", "co", "e", "plug", "tout", "au", "aux",
    }
)  # fmt: skip
_COMPOUND_TAILS = frozenset(
    {
        "être", "ce", "il", "ils", "elle", "elles", "on", "je", "tu", "nous", "vous", "là", "ci",
        "dire", "même", "mêmes", "in", "up", "based",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of text in one style."""

    text: str
    bold: bool = False
    italic: bool = False


def join_runs(runs: list[Run]) -> str:
    """The runs as Markdown: ``**bold**`` and ``*italic*`` around maximal runs of one style,
    with the markers inside the spaces so that they stay emphasis."""
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        elif run.text:
            merged.append(run)
    pieces = []
    for run in merged:
        core = run.text.strip()
        if not core or not (run.bold or run.italic):
            pieces.append(run.text)
            continue
        marker = "***" if run.bold and run.italic else "**" if run.bold else "*"
        lead = run.text[: len(run.text) - len(run.text.lstrip())]
        trail = run.text[len(run.text.rstrip()) :]
        pieces.append(f"{lead}{marker}{core}{marker}{trail}")
    text = re.sub(r"[ \t]+(?=\n)", _line_end, "".join(pieces))
    return re.sub(r"(?<=\S)[ \t]{2,}(?=\S)", " ", text).strip()


def _line_end(match: re.Match[str]) -> str:
    # A hard break is two spaces before the newline; one space is noise.
    return "  " if len(match.group()) >= 2 else ""


def list_item_text(text: str) -> str | None:
    """The text of a list item after its bullet (``• text`` → ``text``); a numbered item keeps
    its number (``1. text``); ``None``: not a list item."""
    bullet = _BULLET.match(text)
    if bullet:
        return text[bullet.end() :]
    if _NUMBERED.match(text):
        return text.strip()
    return None


def hyphen_join(before: str, after: str) -> str | None:
    """``before`` (a line ending with a hyphen) ready to be glued to the next line ``after``:
    the hyphen dropped when it only split a word (``véhi-`` + ``cules``), kept in a compound
    (``vice-`` + ``président``). ``None``: ``before`` does not end with a split word."""
    match = _LINE_HYPHEN.search(before.rstrip())
    next_word = re.match(r"[^\W\d_][\w'’-]*", after.lstrip())
    if match is None or next_word is None:
        return None
    head, tail = match.group(1).lower(), next_word.group().lower()
    stripped = before.rstrip()
    word_end = len(stripped) - len(match.group()) + len(match.group(1))
    if match.group(2) == "\xad":  # a soft hyphen only ever splits a word
        return stripped[:word_end]
    if (
        head in _COMPOUND_HEADS
        or tail.split("-")[0] in _COMPOUND_TAILS
        or not after.lstrip()[:1].islower()
        or head.isdigit()
    ):
        return stripped[:word_end] + "-"
    return stripped[:word_end]
