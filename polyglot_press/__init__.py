"""polyglot_press: offline translation and English/Korean briefs for newsroom press releases.

The public API is imported lazily so that ``import polyglot_press`` stays fast: translation,
summarisation and language detection load their libraries only when first used.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from polyglot_press._version import __version__

if TYPE_CHECKING:
    from polyglot_press._config import PipelineConfig
    from polyglot_press.documents import Block, BlockKind, Document, parse_document, read_document
    from polyglot_press.errors import (
        GlossaryError,
        InputError,
        ModelError,
        PolyglotPressError,
        TranslationError,
    )
    from polyglot_press.glossary import ComplianceReport, Glossary, GlossaryEntry, load_glossary
    from polyglot_press.language import LanguageGuess, detect_language
    from polyglot_press.pipeline import Pipeline, Result, SentenceRecord, TermUse, Translation
    from polyglot_press.report import write_report
    from polyglot_press.summarize import summarize
    from polyglot_press.text import split_sentences
    from polyglot_press.translate import EngineOptions, TranslationMemory

_EXPORTS = {
    "Block": "documents",
    "BlockKind": "documents",
    "Document": "documents",
    "parse_document": "documents",
    "read_document": "documents",
    "PolyglotPressError": "errors",
    "InputError": "errors",
    "ModelError": "errors",
    "GlossaryError": "errors",
    "TranslationError": "errors",
    "TranslationMemory": "translate",
    "EngineOptions": "translate",
    "ComplianceReport": "glossary",
    "GlossaryEntry": "glossary",
    "Glossary": "glossary",
    "load_glossary": "glossary",
    "LanguageGuess": "language",
    "detect_language": "language",
    "Pipeline": "pipeline",
    "PipelineConfig": "_config",
    "Result": "pipeline",
    "Translation": "pipeline",
    "TermUse": "pipeline",
    "SentenceRecord": "pipeline",
    "split_sentences": "text",
    "summarize": "summarize",
    "write_report": "report",
}

# Spelled out (not derived from _EXPORTS) so that type checkers see the public names;
# tests/test_cli.py checks that the two agree.
__all__ = [
    "Block",
    "BlockKind",
    "ComplianceReport",
    "Document",
    "EngineOptions",
    "Glossary",
    "GlossaryEntry",
    "GlossaryError",
    "InputError",
    "LanguageGuess",
    "ModelError",
    "Pipeline",
    "PipelineConfig",
    "PolyglotPressError",
    "Result",
    "SentenceRecord",
    "TermUse",
    "Translation",
    "TranslationError",
    "TranslationMemory",
    "__version__",
    "detect_language",
    "load_glossary",
    "parse_document",
    "read_document",
    "split_sentences",
    "summarize",
    "write_report",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'polyglot_press' has no attribute {name!r}")
    value = getattr(import_module(f"polyglot_press.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
