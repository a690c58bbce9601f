"""What the model sees: a sentence with its spans turned into constraints and markup set aside.

Glossary terms, kept words and dates (translated by rule) are written into the source in their
target form (a trained model
copies such words and still sees a word it can inflect around). Numbers, URLs, e-mails and phone
numbers stay as written, since models copy them well and an unknown character in them is copied
back by CTranslate2's ``replace_unknowns``. Inline markup is taken out of the sentence and put
back around the aligned words after translation (see :mod:`._markup`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from polyglot_press.text import Span
from polyglot_press.translate._align import SENTINEL_COUNT

_INJECTED_KINDS = frozenset({"term", "keep", "date"})
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^>]*?(/?)>\Z")
_VOID_TAGS = frozenset({"br", "hr", "img", "wbr", "input", "meta", "link", "source"})


@dataclass(frozen=True, slots=True)
class Constraint:
    """``span`` (offsets into the sentence) stands at ``plan.source[start:end]``."""

    span: Span
    start: int
    end: int

    @property
    def wanted(self) -> str:
        return self.span.replacement


@dataclass(frozen=True, slots=True)
class Tag:
    """A markup span taken out of the sentence; it stood at ``plan.source[offset]``.

    ``partner`` is the index of the matching closing tag for an opening one (``None`` for a
    closing or standalone tag). ``glue_left``/``glue_right``: no space separated the tag from
    the text before/after it, which placement reproduces.
    """

    span: Span
    offset: int
    glue_left: bool
    glue_right: bool
    partner: int | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    source: str
    constraints: tuple[Constraint, ...]
    tags: tuple[Tag, ...]
    #: Spans past the edits a sentence may carry, left in the source as written.
    untracked: int = 0

    @property
    def needs_alignment(self) -> bool:
        return bool(self.constraints or self.tags)

    @property
    def warning(self) -> str | None:
        if not self.untracked:
            return None
        return (
            f"{self.untracked:,} markup, term or number spans past the first "
            f"{SENTINEL_COUNT:,} of the sentence were translated as plain text"
        )


def plan_sentence(text: str, spans: Sequence[Span]) -> Plan:
    """The model input for ``text`` and where each span went in it."""
    parts: list[str] = []
    length = 0
    constraints: list[Constraint] = []
    tags: list[Tag] = []
    position = untracked = 0
    for span in sorted(spans, key=lambda s: s.start):
        before = text[position : span.start]
        parts.append(before)
        length += len(before)
        if len(constraints) + len(tags) >= SENTINEL_COUNT:
            # Thousands of tags in one sentence is hostile input: the rest go through the
            # model as the text they are, and the sentence says so.
            parts.append(text[span.start : span.end])
            length += span.end - span.start
            untracked += 1
        elif span.kind == "markup":
            glue_left = span.start > 0 and not text[span.start - 1].isspace()
            glue_right = span.end < len(text) and not text[span.end].isspace()
            if glue_left and glue_right and _is_standalone(span.replacement):
                parts.append(" ")  # "site.<br>Les" must not become "site.Les"
                length += 1
            tags.append(Tag(span, length, glue_left, glue_right))
        else:
            shown = (
                span.replacement if span.kind in _INJECTED_KINDS else text[span.start : span.end]
            )
            constraints.append(Constraint(span, length, length + len(shown)))
            parts.append(shown)
            length += len(shown)
        position = span.end
    parts.append(text[position:])
    return Plan("".join(parts), tuple(constraints), tuple(_pair_tags(tags)), untracked)


def _is_standalone(markup: str) -> bool:
    match = _HTML_TAG.match(markup)
    if match is None:
        return not markup.startswith(("*", "_", "[", "]"))
    return match.group(2).lower() in _VOID_TAGS or bool(match.group(3))


def _pair_tags(tags: list[Tag]) -> list[Tag]:
    """Link each opening tag to its closing one: HTML by name, Markdown ``**``/``__``/links.

    A closing HTML tag closes the innermost open one of its name and every tag opened inside
    it. The open tags of each name are kept apart, so that finding it is a lookup, not a scan
    of every open tag (quadratic on thousands of stray closing tags).
    """
    paired = list(tags)
    open_html: list[tuple[str, int]] = []
    by_name: dict[str, list[int]] = {}
    open_markdown: dict[str, int] = {}
    for index, tag in enumerate(tags):
        markup = tag.span.replacement
        match = _HTML_TAG.match(markup)
        if match is not None:
            name = match.group(2).lower()
            if match.group(1):
                if by_name.get(name):
                    depth = by_name[name][-1]
                    opener = open_html[depth][1]
                    paired[opener] = _with_partner(tags[opener], index)
                    while len(open_html) > depth:
                        by_name[open_html.pop()[0]].pop()
            elif not _is_standalone(markup):
                by_name.setdefault(name, []).append(len(open_html))
                open_html.append((name, index))
            continue
        key = "[" if markup == "[" or markup.startswith("](") else markup
        if key in open_markdown and markup != "[":
            opener = open_markdown.pop(key)
            paired[opener] = _with_partner(tags[opener], index)
        elif markup in ("[", "**", "__"):
            open_markdown[key] = index
    return paired


def _with_partner(tag: Tag, partner: int) -> Tag:
    return Tag(tag.span, tag.offset, tag.glue_left, tag.glue_right, partner)
