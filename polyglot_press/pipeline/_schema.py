"""The result JSON, defined once: what ``Result.to_dict()`` and ``Translation.to_dict()`` write
and what every reader (the review page, a newsroom tool) reads.

The definitions are ``TypedDict``\\ s, so ``mypy --strict`` holds the writer to them key by key,
and :func:`schema_problems` checks a decoded file against the same definitions at run time.
Blocks (:class:`BlockJSON`) and sentences (:class:`SentenceJSON`) have one shape in the output
of ``brief`` and ``batch`` (:class:`ResultJSON`) and of ``translate`` (:class:`TranslationJSON`).

Every file carries ``schema_version`` (:data:`SCHEMA_VERSION`). Within a version fields are only
ever added, so a reader ignores keys it does not know; a change to an existing field raises the
version. Files without ``schema_version`` are version 1 (polyglot_press before this schema):
:func:`~polyglot_press.pipeline.read_result` upgrades them and refuses newer versions.
"""

from __future__ import annotations

import types
from functools import cache
from typing import (
    Any,
    Literal,
    TypedDict,
    Union,
    get_args,
    get_origin,
    get_type_hints,
    is_typeddict,
)

from polyglot_press._languages import BRIEF_LANGUAGES, PIVOT

__all__ = [
    "SCHEMA_VERSION",
    "BlockJSON",
    "ComplianceItemJSON",
    "ComplianceJSON",
    "ComplianceScope",
    "FlagJSON",
    "ResultJSON",
    "ResultStatus",
    "SentenceJSON",
    "TermJSON",
    "TranslationJSON",
    "TranslationStatus",
    "field_types",
    "report_scope",
    "schema_problems",
]

#: The version this polyglot_press writes. 2: ``schema_version``, ``input_format``, ``markup``,
#: a ``scope`` per compliance report, and translate's blocks in the shape of brief's.
SCHEMA_VERSION = 2

#: ``review``: every brief was written, but a sentence of the headline or of a brief is flagged
#: (see ``polyglot_press.checks``); ``partial``: some briefs were written, not every language.
ResultStatus = Literal["ok", "review", "partial", "failed", "unsupported"]
#: ``failed``: nothing was translated (the document could not be read, a package is missing).
TranslationStatus = Literal["ok", "failed"]
#: Whether a compliance report checks the translated document or a brief.
ComplianceScope = Literal["document", "brief"]


class FlagJSON(TypedDict):
    """What a check found in one translated sentence (``polyglot_press.checks``)."""

    code: str  # untranslated, wrong_language, omission, … (any other code: shown as written)
    message: str


class SentenceJSON(TypedDict):
    """One sentence the engine translated.

    ``block`` is the ``blocks`` index, null for a sentence of a brief translated from the other
    brief; ``text`` is null when it failed (``error`` says why); ``path`` is how its spans
    were met (``as_is nbest aligned fallback not_met failed``; ``memory`` in files whose memory
    entries predate the path), kept when it was read back from the translation memory
    (``from_memory``).
    """

    block: int | None
    source: str
    target_lang: str
    text: str | None
    path: str
    error: str | None
    flags: list[FlagJSON]
    from_memory: bool


class BlockJSON(TypedDict):
    """One block of the source, in order (markup-only blocks left out; ``index`` counts all).

    ``kind``: ``title page_title heading paragraph list_item dateline contact boilerplate``;
    ``translation`` is the block's translated text, null when the block was kept as written
    (already in the target language, contacts, a Korean source summarised directly).
    """

    index: int
    kind: str
    language: str | None
    source: str
    translation: str | None


class ComplianceItemJSON(TypedDict):
    """One glossary hit of the source: ``source[start:end]`` of the report's source text."""

    entry_id: str
    source: str
    start: int | None
    end: int | None
    expected: str
    kind: str  # "term", or "keep" for a name kept as written
    found: bool


class ComplianceJSON(TypedDict):
    """How well one translation used the glossary."""

    source_lang: str
    target_lang: str
    glossary_version: str
    expected: int
    found: int
    term_use_rate: float | None
    items: list[ComplianceItemJSON]
    scope: ComplianceScope


class TermJSON(TypedDict):
    """A glossary term the document uses: its three forms and how often the English used it."""

    id: str
    fr: str
    en: str
    ko: str
    expected: int
    found: int


class ResultJSON(TypedDict):
    """One document's brief: ``brief --format json`` and a batch's ``<id>.brief.json``.

    ``input_format`` is what the input was (``pdf docx eml md txt html``), ``markup`` that
    of the blocks' text (``md txt html``: PDF and Word are read as Markdown); both null when no
    document was read. ``timings`` is empty in batch files.
    """

    schema_version: int
    source: str
    input_format: str | None
    markup: str | None
    status: ResultStatus
    language: str | None
    confidence: float
    route: str | None
    headline: str | None
    dateline: str | None
    briefs: dict[str, list[str]]
    glossary: dict[str, ComplianceJSON]
    terms: list[TermJSON]
    term_use_rate: float | None
    blocks: list[BlockJSON]
    sentences: list[SentenceJSON]
    warnings: list[str]
    error: str | None
    hint: str | None
    timings: dict[str, float]


class TranslationJSON(TypedDict):
    """One document's translation: ``translate --format json``."""

    schema_version: int
    source: str
    input_format: str | None
    markup: str | None
    status: TranslationStatus
    language: str | None
    target: str
    route: str | None
    glossary: dict[str, ComplianceJSON]
    blocks: list[BlockJSON]
    sentences: list[SentenceJSON]
    warnings: list[str]
    error: str | None
    hint: str | None


def report_scope(language: str | None, target: str) -> ComplianceScope:
    """Whether the ``target`` compliance report of a ``language`` document checks the document.

    The pipeline translates a document into English only, and only when it is neither English
    nor Korean (a Korean source is summarised directly); every other report checks a brief.
    """
    return "document" if target == PIVOT and language not in BRIEF_LANGUAGES else "brief"


def schema_problems(value: object, definition: Any, where: str = "") -> list[str]:
    """What in ``value`` (decoded JSON) does not match ``definition`` (a type of this module,
    or any type built of ``str int float bool None``, ``Literal``, ``list``, ``dict`` and
    unions), each as ``"blocks[2].kind: expected str, got int"``; ``[]`` when it matches.
    Keys a definition does not name are allowed (fields are only ever added)."""
    if is_typeddict(definition):
        return _typeddict_problems(value, definition, where)
    origin, args = get_origin(definition), get_args(definition)
    if origin in (Union, types.UnionType):
        options = [schema_problems(value, arg, where) for arg in args]
        return [] if any(not found for found in options) else min(options, key=len)
    if origin is Literal:
        return (
            [] if value in args else [f"{where or 'value'}: expected one of {args}, got {value!r}"]
        )
    if origin is list:
        if not isinstance(value, list):
            return [_expected(where, "a list", value)]
        return [
            p
            for i, item in enumerate(value)
            for p in schema_problems(item, args[0], f"{where}[{i}]")
        ]
    if origin is dict:
        if not isinstance(value, dict):
            return [_expected(where, "an object", value)]
        return [
            problem
            for key, item in value.items()
            for problem in schema_problems(item, args[1], f"{where}.{key}" if where else str(key))
        ]
    return [] if _is_instance(value, definition) else [_expected(where, definition.__name__, value)]


@cache
def field_types(definition: Any) -> dict[str, Any]:
    """The fields of a ``TypedDict`` and their types (resolved once: a report checks thousands
    of blocks and sentences)."""
    return get_type_hints(definition)


def _typeddict_problems(value: object, definition: Any, where: str) -> list[str]:
    if not isinstance(value, dict):
        return [_expected(where, "an object", value)]
    problems = []
    for key, hint in field_types(definition).items():
        path = f"{where}.{key}" if where else key
        if key not in value:
            problems.append(f"{path}: missing")
        else:
            problems.extend(schema_problems(value[key], hint, path))
    return problems


def _is_instance(value: object, kind: Any) -> bool:
    if kind is type(None):
        return value is None
    if kind is float:  # JSON writes 1.0 as 1
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def _expected(where: str, what: str, value: object) -> str:
    return f"{where or 'value'}: expected {what}, got {type(value).__name__}"
