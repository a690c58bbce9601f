"""Protected spans: parts of a sentence that must come out of translation exactly as given.

Glossary hits, URLs, e-mails, phone numbers, numbers and inline markup are all expressed as
:class:`Span` objects over a source sentence, so the translation engine enforces them with one
mechanism whatever found them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SpanKind = Literal["term", "keep", "url", "email", "phone", "number", "markup"]


@dataclass(frozen=True, slots=True)
class Span:
    """``text[start:end]`` must appear in the translation as ``replacement``.

    ``entry_id`` links a glossary hit back to its glossary entry (``None`` for other kinds).
    """

    start: int
    end: int
    replacement: str
    kind: SpanKind
    entry_id: str | None = None
