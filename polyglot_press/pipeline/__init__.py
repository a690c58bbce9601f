"""The pipeline: read → route → translate → enforce → summarise → render, as named stages.

A :class:`Pipeline` holds a frozen :class:`~polyglot_press.PipelineConfig`, the shared
components (glossary, translation engine, package routes: :class:`PipelineContext`) and an
ordered list of named stages that batches of :class:`WorkItem` flow through, like a spaCy
``Language`` and its components. Any callable ``stage(items, context) -> items`` can replace a
stage or be added between two (:meth:`Pipeline.replace_stage`, :meth:`Pipeline.add_stage`).

Modules: ``_context`` (work items, the context, the stage and engine protocols), ``_stages``
(read, route), ``_translate_stage`` (translate, enforce), ``_brief`` (summarise), ``_assemble``
(render: the :class:`Result`), ``_results`` (the result types), ``_schema`` (their JSON,
typed and versioned), ``_schema_read`` (result files read back, older versions upgraded),
``_render`` (Markdown and text), ``_problems`` (problems in an editor's words), ``_pipeline``
(the façade).
"""

from polyglot_press._config import PipelineConfig
from polyglot_press.pipeline._assemble import RenderStage
from polyglot_press.pipeline._brief import SummariseStage
from polyglot_press.pipeline._context import (
    DocumentInput,
    PipelineContext,
    Stage,
    TextTranslator,
    WorkItem,
)
from polyglot_press.pipeline._pipeline import DEFAULT_STAGES, Pipeline
from polyglot_press.pipeline._probe import EngineProbe
from polyglot_press.pipeline._problems import translation_problems
from polyglot_press.pipeline._render import to_json
from polyglot_press.pipeline._results import (
    ENFORCEMENT_PATHS,
    OutputFormat,
    Result,
    ResultStatus,
    SentenceRecord,
    TermUse,
    Translation,
)
from polyglot_press.pipeline._schema import (
    SCHEMA_VERSION,
    BlockJSON,
    ComplianceItemJSON,
    ComplianceJSON,
    FlagJSON,
    ResultJSON,
    SentenceJSON,
    TermJSON,
    TranslationJSON,
    schema_problems,
)
from polyglot_press.pipeline._schema_read import read_result
from polyglot_press.pipeline._stages import ReadStage, RouteStage
from polyglot_press.pipeline._translate_stage import EnforceStage, TranslateStage

__all__ = [
    "DEFAULT_STAGES",
    "ENFORCEMENT_PATHS",
    "SCHEMA_VERSION",
    "BlockJSON",
    "ComplianceItemJSON",
    "ComplianceJSON",
    "DocumentInput",
    "EnforceStage",
    "EngineProbe",
    "FlagJSON",
    "OutputFormat",
    "Pipeline",
    "PipelineConfig",
    "PipelineContext",
    "ReadStage",
    "RenderStage",
    "Result",
    "ResultJSON",
    "ResultStatus",
    "RouteStage",
    "SentenceJSON",
    "SentenceRecord",
    "Stage",
    "SummariseStage",
    "TermJSON",
    "TermUse",
    "TextTranslator",
    "TranslateStage",
    "Translation",
    "TranslationJSON",
    "WorkItem",
    "read_result",
    "schema_problems",
    "to_json",
    "translation_problems",
]
