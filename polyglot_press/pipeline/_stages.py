"""The stages by name, spaCy-style: the six built in and any a user registers.

A pipeline's configuration names its stages (``PipelineConfig.stages``), and every process that
builds a pipeline from a configuration — a batch run, each Dask worker — looks the names up
here. So the configuration says what a pipeline runs, its fingerprint covers it, and a name no
one registered is refused where the pipeline is built, not half-way through a batch.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from polyglot_press._config import DEFAULT_STAGES
from polyglot_press.errors import PolyglotPressError
from polyglot_press.pipeline._check import CheckStage
from polyglot_press.pipeline._context import Stage
from polyglot_press.pipeline._read import ReadStage
from polyglot_press.pipeline._render import RenderStage
from polyglot_press.pipeline._route import RouteStage
from polyglot_press.pipeline._summarise import SummariseStage
from polyglot_press.pipeline._translate import TranslateStage

__all__ = ["BUILT_IN_STAGES", "STAGES", "register_stage", "resolve_stage"]

# The built-in stages keep no state: one instance serves every pipeline.
_BUILT_IN: dict[str, Stage] = {
    "read": ReadStage(),
    "route": RouteStage(),
    "translate": TranslateStage(),
    "check": CheckStage(),
    "summarise": SummariseStage(),
    "render": RenderStage(),
}
assert tuple(_BUILT_IN) == DEFAULT_STAGES
#: The names of the built-in stages, which cannot be registered again.
BUILT_IN_STAGES = frozenset(_BUILT_IN)
_STAGES: dict[str, Stage] = dict(_BUILT_IN)
#: Every registered stage by name, the built-in ones first (a read-only live view).
STAGES: Mapping[str, Stage] = MappingProxyType(_STAGES)


def register_stage(name: str, stage: Stage, *, replace: bool = False) -> Stage:
    """Make ``stage`` available as ``name`` in ``PipelineConfig.stages``, and so to
    :meth:`Pipeline.add_stage <polyglot_press.Pipeline.add_stage>` and to batch runs.

    ``stage`` is any callable ``stage(items, context) -> items``. Registering a taken name
    raises unless ``replace=True`` (pipelines already built keep the stage they were built
    with); a built-in stage cannot be replaced. For Dask, the runner sends the stages its
    configuration names to the workers, so they must pickle (a module-level function or an
    instance of a module-level class, importable on the workers).
    """
    if not isinstance(name, str) or not name or name != name.strip() or "," in name:
        raise PolyglotPressError(
            f"invalid stage name {name!r}", hint="use a short name such as 'embargo'"
        )
    if not callable(stage):
        raise PolyglotPressError(
            f"stage {name!r} is not callable",
            hint="a stage is a callable stage(items, context) -> items",
        )
    if name in BUILT_IN_STAGES and stage is not _BUILT_IN[name]:
        raise PolyglotPressError(
            f"{name!r} is a built-in stage and cannot be registered again",
            hint="register yours under another name and use Pipeline.replace_stage",
        )
    if name in _STAGES and _STAGES[name] is not stage and not replace:
        raise PolyglotPressError(
            f"a stage named {name!r} is already registered",
            hint="choose another name, or pass replace=True to replace your own",
        )
    _STAGES[name] = stage
    return stage


def resolve_stage(name: str) -> Stage:
    """The stage registered as ``name``; :class:`PolyglotPressError` when there is none."""
    stage = _STAGES.get(name)
    if stage is None:
        raise PolyglotPressError(
            f"no stage is registered as {name!r} (registered: {', '.join(_STAGES)})",
            hint="register it with polyglot_press.pipeline.register_stage(name, stage) in the "
            "process that builds the pipeline, or add it with Pipeline.add_stage(name, stage)",
        )
    return stage
