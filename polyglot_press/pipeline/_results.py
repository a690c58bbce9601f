"""What the pipeline returns: results that describe, serialise and render themselves.

``Result.to_dict()`` is what ``brief --format json`` prints and what a batch writes as
``<id>.json``; the review page (``polyglot_press.report``) reads it. Its schema is stable:
fields are only ever added.

=================  ===========================================================================
key                value
=================  ===========================================================================
``source``         the input's name (path, ``-`` or a JSONL record's ``file:line``)
``status``         ``ok``, ``partial`` (a requested brief is missing), ``failed``, ``unsupported``
``language``       detected (or forced) ISO 639-1 code of the document, ``und`` if unknown
``confidence``     the detection's confidence, 0–1
``route``          how it was translated, e.g. ``fr→en (1.9)`` or ``identity …``
``headline``       the title as plain text (English when translated), or null
``dateline``       the dateline block's text, or null
``briefs``         ``{lang: [sentence, …]}`` for each requested brief language (``en``, ``ko``);
                   sentence *i* of the ``ko`` brief translates sentence *i* of the ``en`` one
``glossary``       ``{lang: compliance report}``: ``en`` for the translated document, ``ko`` for
                   the Korean brief (see ``ComplianceReport.to_dict``)
``terms``          ``[{id, fr, en, ko, expected, found}]`` glossary terms the document uses
``term_use_rate``  share of expected terms found in the English translation, or null
``blocks``         ``[{index, kind, language, source, translation}]``: every block of the source
                   in order (markup-only blocks left out; ``index`` counts all blocks), ``kind``
                   one of ``title page_title heading paragraph list_item dateline contact
                   boilerplate``, ``translation`` the block's English text, or null when the
                   block was not translated (already English, contacts, a Korean source)
``sentences``      ``[{block, source, target_lang, text, path, error}]``: every sentence the
                   engine translated for the document (``block`` is the ``blocks`` index),
                   then every sentence of a brief translated from the other brief (``block``
                   null, ``target_lang`` the brief's language, e.g. ``ko`` for the Korean
                   brief of a French release); ``text`` is null when it failed; ``path``
                   says how the sentence's spans (terms, numbers, names) were met: ``as_is
                   nbest aligned fallback not_met failed memory``; ``error`` is why it
                   failed, else null
``warnings``       what an editor should check, one sentence each
``error``/``hint`` why the document failed or is partial, and what to do; else null
``timings``        seconds per stage for this document (left out of batch brief files)
=================  ===========================================================================
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from polyglot_press.checks import Flag
from polyglot_press.documents import BlockKind, Document

if TYPE_CHECKING:
    from polyglot_press.errors import PolyglotPressError
    from polyglot_press.glossary import ComplianceReport

__all__ = [
    "ENFORCEMENT_PATHS",
    "OutputFormat",
    "Result",
    "ResultStatus",
    "SentenceRecord",
    "TermUse",
    "Translation",
]

#: ``review``: every brief was written, but a sentence of the headline or of a brief is flagged
#: (see ``polyglot_press.checks``); ``partial``: some briefs were written, not every language.
ResultStatus = Literal["ok", "review", "partial", "failed", "unsupported"]
OutputFormat = Literal["md", "json", "txt"]
#: How a sentence's constraints were met (see ``polyglot_press.translate``).
ENFORCEMENT_PATHS = ("as_is", "nbest", "aligned", "fallback", "not_met", "failed", "memory")


@dataclass(frozen=True, slots=True)
class SentenceRecord:
    """One sentence the engine translated: where it came from, how it went, what to check.

    ``flags`` are what the checks found (``polyglot_press.checks``); an ``untranslated`` or
    ``wrong_language`` flag makes the sentence count as failed (``ok`` is false) although its
    ``text`` keeps what the model wrote. ``from_memory``: read back from the translation
    memory (``path`` still says how its spans were met when it was translated).
    """

    block: int | None  # None: a sentence of a brief, not of the document's blocks
    source: str
    target_lang: str
    text: str | None
    path: str
    error: str | None = None
    flags: tuple[Flag, ...] = ()
    from_memory: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None and not any(flag.fails for flag in self.flags)

    @property
    def flagged(self) -> bool:
        return bool(self.flags)

    def to_dict(self) -> dict[str, Any]:
        return {
            "block": self.block,
            "source": self.source,
            "target_lang": self.target_lang,
            "text": self.text,
            "path": self.path,
            "error": self.error,
            "flags": [flag.to_dict() for flag in self.flags],
            "from_memory": self.from_memory,
        }


@dataclass(frozen=True, slots=True)
class Translation:
    """A document translated into ``target``, block by block, and how it got there."""

    source: Document
    target: str
    document: Document
    route: str
    compliance: ComplianceReport | None = None
    warnings: tuple[str, ...] = ()
    sentences: tuple[SentenceRecord, ...] = ()

    @property
    def untranslated(self) -> tuple[str, ...]:
        """The sentences not translated, as they stand in :attr:`document`: the source of
        those that failed, the output of those the checks found untranslated."""
        return tuple(
            sentence.text or sentence.source for sentence in self.sentences if not sentence.ok
        )

    @property
    def text(self) -> str:
        """The translated document in its source markup (Markdown, HTML or plain text)."""
        from polyglot_press.documents import render_document

        return render_document(self.document)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view: blocks side by side, the compliance report, warnings."""
        blocks = [
            {
                "kind": str(new.kind),
                "lang": original.lang or self.source.lang,
                "source": original.text,
                "text": new.text,
            }
            for original, new in zip(self.source.blocks, self.document.blocks, strict=True)
            if new.kind is not BlockKind.RAW
        ]
        return {
            "source": self.source.source,
            "language": self.source.lang,
            "target": self.target,
            "route": self.route,
            "blocks": blocks,
            "sentences": [sentence.to_dict() for sentence in self.sentences],
            "glossary": None if self.compliance is None else self.compliance.to_dict(),
            "warnings": list(self.warnings),
        }

    def render(self, fmt: OutputFormat = "md") -> str:
        """The translation in its source markup (``md``), as plain text or as JSON."""
        from polyglot_press.pipeline._render import render_translation

        return render_translation(self, fmt)


@dataclass(frozen=True, slots=True)
class TermUse:
    """A glossary entry a document uses, its three forms, and how often the translation used it.

    ``expected`` counts the entry's occurrences in the source, ``found`` those whose target term
    is in the English translation.
    """

    entry_id: str
    fr: str
    en: str
    ko: str
    kind: str
    expected: int
    found: int

    @property
    def used(self) -> bool:
        return self.found == self.expected

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.entry_id,
            "fr": self.fr,
            "en": self.en,
            "ko": self.ko,
            "expected": self.expected,
            "found": self.found,
        }


@dataclass(frozen=True, slots=True)
class Result:
    """Everything the pipeline learned and wrote about one input document."""

    source: str
    status: ResultStatus
    language: str | None = None
    confidence: float = 0.0
    route: str | None = None
    document: Document | None = None
    translation: Document | None = None
    headline: str | None = None
    dateline: str | None = None
    briefs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    glossary: Mapping[str, ComplianceReport] = field(default_factory=dict)
    terms: tuple[TermUse, ...] = ()
    sentences: tuple[SentenceRecord, ...] = ()
    warnings: tuple[str, ...] = ()
    error: str | None = None
    hint: str | None = None
    timings: Mapping[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def term_use_rate(self) -> float | None:
        """Share of expected glossary terms found in the English translation (None if n/a)."""
        report = self.glossary.get("en")
        return None if report is None else report.term_use_rate

    @classmethod
    def failure(cls, source: str, error: PolyglotPressError, **fields: Any) -> Result:
        """A failed result whose ``error`` says what went wrong (without repeating the source)."""
        return cls(source=source, status="failed", error=error.reason, hint=error.hint, **fields)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready view documented at the top of this module."""
        return {
            "source": self.source,
            "status": self.status,
            "language": self.language,
            "confidence": round(self.confidence, 4),
            "route": self.route,
            "headline": self.headline,
            "dateline": self.dateline,
            "briefs": {lang: list(sentences) for lang, sentences in self.briefs.items()},
            "glossary": {lang: report.to_dict() for lang, report in self.glossary.items()},
            "terms": [term.to_dict() for term in self.terms],
            "term_use_rate": self.term_use_rate,
            "blocks": self._blocks(),
            "sentences": [sentence.to_dict() for sentence in self.sentences],
            "warnings": list(self.warnings),
            "error": self.error,
            "hint": self.hint,
            "timings": {stage: round(seconds, 4) for stage, seconds in self.timings.items()},
        }

    def _blocks(self) -> list[dict[str, Any]]:
        if self.document is None:
            return []
        translated = self.translation.blocks if self.translation is not None else ()
        rows = []
        for index, block in enumerate(self.document.blocks):
            if block.kind is BlockKind.RAW:
                continue
            new = translated[index] if index < len(translated) else None
            changed = new is not None and new.lang != block.lang and block.translatable
            rows.append(
                {
                    "index": index,
                    "kind": str(block.kind),
                    "language": block.lang or self.document.lang,
                    "source": block.text,
                    "translation": new.text if changed and new is not None else None,
                }
            )
        return rows

    def to_markdown(self) -> str:
        """A brief an editor can paste into a newsroom chat."""
        from polyglot_press.pipeline._render import brief_markdown

        return brief_markdown(self)

    def render(self, fmt: Literal["md", "json"] = "md") -> str:
        """The brief as Markdown or as JSON text."""
        from polyglot_press.pipeline._render import to_json

        return to_json(self.to_dict()) if fmt == "json" else self.to_markdown()
