"""Each document's own seconds per stage, and its time budget (issues 17.5 and 19).

Stages that treat each item on its own (read, route, check, render) run item by item, so each
document's time is measured; a stage that batches the documents (translate, summarise: one
engine call for all, each document decoded in batches of its own) runs once, and its time is
shared among the documents in proportion to their text. A document whose seconds add up to
more than ``PipelineConfig.timeout`` fails after the stage that took it over, with a message;
the engine also stops a document's translation mid-way (see
:func:`polyglot_press.translate.document_limits`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import replace

from polyglot_press.pipeline._check import CheckStage
from polyglot_press.pipeline._context import Stage, WorkItem
from polyglot_press.pipeline._read import ReadStage
from polyglot_press.pipeline._render import RenderStage
from polyglot_press.pipeline._route import RouteStage

__all__ = ["over_time", "timed_stage"]

#: Stages whose work on an item does not depend on the other items of the batch.
_ITEM_BY_ITEM = (ReadStage, RouteStage, CheckStage, RenderStage)

Isolated = Callable[[str, Stage, list[WorkItem]], list[WorkItem]]


def timed_stage(
    name: str, stage: Stage, items: list[WorkItem], run: Isolated
) -> tuple[list[WorkItem], list[float]]:
    """``run(name, stage, items)`` and the seconds it spent on each item."""
    if isinstance(stage, _ITEM_BY_ITEM) and len(items) > 1:
        changed: list[WorkItem] = []
        seconds: list[float] = []
        for item in items:
            started = time.perf_counter()
            changed.extend(run(name, stage, [item]))
            seconds.append(time.perf_counter() - started)
        return changed, seconds
    started = time.perf_counter()
    changed = run(name, stage, items)
    elapsed = time.perf_counter() - started
    weights = [_size(item) for item in items]
    total = sum(weights)
    return changed, [elapsed * weight / total for weight in weights]


def _size(item: WorkItem) -> int:
    """How much text an item holds (its share of a batched stage), at least 1."""
    document = item.document
    if document is None:
        return 1
    return max(1, sum(len(block.text) for block in document.blocks))


def over_time(item: WorkItem, timings: Mapping[str, float], timeout: float | None) -> WorkItem:
    """``item``, failed if its seconds so far are over ``timeout``."""
    from polyglot_press.translate import DocumentLimitError

    spent = sum(timings.values())
    if timeout is None or item.error is not None or spent <= timeout:
        return item
    last = list(timings)[-1]
    error = DocumentLimitError(
        f"the document took {spent:.1f} s, longer than the limit of {timeout:g} s a document "
        f"(stopped after the {last} stage)",
        hint="split the document into smaller ones, or raise the limit "
        "(--timeout, PipelineConfig.timeout)",
    )
    return replace(item, error=error)
