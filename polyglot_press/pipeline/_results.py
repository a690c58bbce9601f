"""What the pipeline returns: results that describe, serialise and render themselves.

``Result.to_dict()`` is what ``brief --format json`` prints and what a batch writes as
``<id>.brief.json``; ``Translation.to_dict()`` is what ``translate --format json`` prints. Both
are defined, with their blocks and sentences, in :mod:`polyglot_press.pipeline._schema`
(``ResultJSON``, ``TranslationJSON``: typed, versioned by ``schema_version``); the review page
(``polyglot_press.report``) reads them back through ``read_result``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from polyglot_press.checks import Flag
from polyglot_press.documents import BlockKind, Document
from polyglot_press.pipeline._schema import (
    SCHEMA_VERSION,
    BlockJSON,
    ComplianceJSON,
    ComplianceScope,
    ResultJSON,
    ResultStatus,
    SentenceJSON,
    TermJSON,
    TranslationJSON,
    report_scope,
)

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

    def to_dict(self) -> SentenceJSON:
        return {
            "block": self.block,
            "source": self.source,
            "target_lang": self.target_lang,
            "text": self.text,
            "path": self.path,
            "error": self.error,
            "flags": [{"code": flag.code, "message": flag.message} for flag in self.flags],
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

    def to_dict(self) -> TranslationJSON:
        """The JSON ``translate --format json`` prints (``TranslationJSON``): the blocks side by
        side in the shape of a brief's, every sentence, the compliance report, warnings."""
        glossary = {}
        if self.compliance is not None:
            glossary[self.target] = compliance_json(self.compliance, "document")
        return {
            "schema_version": SCHEMA_VERSION,
            "source": self.source.source,
            "input_format": input_format(self.source),
            "markup": self.source.format,
            "status": "ok",
            "language": self.source.lang,
            "target": self.target,
            "route": self.route,
            "glossary": glossary,
            "blocks": block_rows(self.source, self.document),
            "sentences": [sentence.to_dict() for sentence in self.sentences],
            "warnings": list(self.warnings),
            "error": None,
            "hint": None,
        }

    @staticmethod
    def failure_dict(source: str, target: str, error: PolyglotPressError) -> TranslationJSON:
        """The JSON of a document that could not be translated at all, in the same schema."""
        return {
            "schema_version": SCHEMA_VERSION,
            "source": source,
            "input_format": None,
            "markup": None,
            "status": "failed",
            "language": None,
            "target": target,
            "route": None,
            "glossary": {},
            "blocks": [],
            "sentences": [],
            "warnings": [],
            "error": error.reason,
            "hint": error.hint,
        }

    def render(self, fmt: OutputFormat = "md") -> str:
        """The translation in its source markup (``md``), as plain text or as JSON."""
        from polyglot_press.pipeline._formats import render_translation

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

    def to_dict(self) -> TermJSON:
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

    def to_dict(self) -> ResultJSON:
        """The JSON of ``brief --format json`` and of batch files (``ResultJSON``)."""
        document = self.document
        return {
            "schema_version": SCHEMA_VERSION,
            "source": self.source,
            "input_format": None if document is None else input_format(document),
            "markup": None if document is None else document.format,
            "status": self.status,
            "language": self.language,
            "confidence": round(self.confidence, 4),
            "route": self.route,
            "headline": self.headline,
            "dateline": self.dateline,
            "briefs": {lang: list(sentences) for lang, sentences in self.briefs.items()},
            "glossary": {
                lang: compliance_json(report, report_scope(self.language, lang))
                for lang, report in self.glossary.items()
            },
            "terms": [term.to_dict() for term in self.terms],
            "term_use_rate": self.term_use_rate,
            "blocks": [] if document is None else block_rows(document, self.translation),
            "sentences": [sentence.to_dict() for sentence in self.sentences],
            "warnings": list(self.warnings),
            "error": self.error,
            "hint": self.hint,
            "timings": {stage: round(seconds, 4) for stage, seconds in self.timings.items()},
        }

    def to_markdown(self) -> str:
        """A brief an editor can paste into a newsroom chat."""
        from polyglot_press.pipeline._formats import brief_markdown

        return brief_markdown(self)

    def render(self, fmt: Literal["md", "json"] = "md") -> str:
        """The brief as Markdown or as JSON text."""
        from polyglot_press.pipeline._formats import to_json

        return to_json(self.to_dict()) if fmt == "json" else self.to_markdown()


def input_format(document: Document) -> str:
    """What the input was: ``pdf``, ``docx`` or ``eml`` as its reader says, else the markup the
    text was read in (``md``, ``txt``, ``html``)."""
    return document.meta.get("input_format") or document.format


def block_rows(source: Document, translated: Document | None) -> list[BlockJSON]:
    """``source``'s blocks beside their translation in ``translated`` (block for block).

    A block's ``translation`` is null where it was kept as written: not translatable (a
    contact), or left in its language (already the target's, a Korean source).
    """
    new_blocks = translated.blocks if translated is not None else ()
    rows: list[BlockJSON] = []
    for index, block in enumerate(source.blocks):
        if block.kind is BlockKind.RAW:
            continue
        new = new_blocks[index] if index < len(new_blocks) else None
        changed = new is not None and new.lang != block.lang and block.translatable
        rows.append(
            {
                "index": index,
                "kind": str(block.kind),
                "language": block.lang or source.lang,
                "source": block.text,
                "translation": new.text if changed and new is not None else None,
            }
        )
    return rows


def compliance_json(report: ComplianceReport, scope: ComplianceScope) -> ComplianceJSON:
    """A glossary compliance report in the result schema."""
    rate = report.term_use_rate
    return {
        "source_lang": report.source_lang,
        "target_lang": report.target_lang,
        "glossary_version": report.glossary_version,
        "expected": report.expected,
        "found": report.found,
        "term_use_rate": None if rate is None else round(rate, 4),
        "items": [
            {
                "entry_id": item.entry_id,
                "source": item.source_text,
                "start": item.source_start,
                "end": item.source_end,
                "expected": item.expected,
                "kind": item.kind,
                "found": item.found,
            }
            for item in report.items
        ],
        "scope": scope,
    }
