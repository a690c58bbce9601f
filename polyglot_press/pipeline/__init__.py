"""The pipeline: read → route → translate → check → summarise → render, as named stages.

A :class:`Pipeline` holds a frozen :class:`~polyglot_press.PipelineConfig`, the shared
components (glossary, translation engine, package routes: :class:`PipelineContext`) and the
stages its configuration names (``config.stages``), which batches of :class:`WorkItem` flow
through, like a spaCy ``Language`` and its components. A stage is any callable
``stage(items, context) -> items`` registered under a name (:func:`register_stage`, or
:meth:`Pipeline.add_stage` / :meth:`Pipeline.replace_stage` with the callable); the
configuration then names it, so batch runs and Dask workers rebuild the same pipeline.

Modules, one per stage: ``_read``, ``_route``, ``_translate`` (and the sentence records),
``_check`` (glossary compliance), ``_summarise`` (the briefs), ``_render`` (the
:class:`Result`); ``_stages`` (the stages by name), ``_context`` (work items, the context, the
stage and engine protocols), ``_pipeline`` (the façade), ``_fingerprint`` (what an output
depends on), ``_results`` (the result types), ``_schema`` (their JSON, typed and versioned),
``_schema_read`` (result files read back, older versions upgraded), ``_formats`` (Markdown,
text and JSON text), ``_problems`` (problems in an editor's words), ``_probe`` (install
validation's probe on the translation backend).
"""

from polyglot_press._config import PipelineConfig
from polyglot_press.pipeline._check import CheckStage
from polyglot_press.pipeline._context import (
    DocumentInput,
    PipelineContext,
    Stage,
    TextTranslator,
    WorkItem,
)
from polyglot_press.pipeline._formats import to_json
from polyglot_press.pipeline._pipeline import DEFAULT_STAGES, Pipeline
from polyglot_press.pipeline._probe import EngineProbe
from polyglot_press.pipeline._problems import translation_problems
from polyglot_press.pipeline._read import ReadStage
from polyglot_press.pipeline._render import RenderStage
from polyglot_press.pipeline._results import (
    ENFORCEMENT_PATHS,
    OutputFormat,
    Result,
    ResultStatus,
    SentenceRecord,
    TermUse,
    Translation,
)
from polyglot_press.pipeline._route import RouteStage
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
from polyglot_press.pipeline._stages import BUILT_IN_STAGES, STAGES, register_stage, resolve_stage
from polyglot_press.pipeline._summarise import SummariseStage
from polyglot_press.pipeline._translate import TranslateStage

__all__ = [
    "BUILT_IN_STAGES",
    "DEFAULT_STAGES",
    "ENFORCEMENT_PATHS",
    "SCHEMA_VERSION",
    "STAGES",
    "BlockJSON",
    "CheckStage",
    "ComplianceItemJSON",
    "ComplianceJSON",
    "DocumentInput",
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
    "register_stage",
    "resolve_stage",
    "schema_problems",
    "to_json",
    "translation_problems",
]
