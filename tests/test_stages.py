"""Stages named in the configuration (issue 20.2): a registry of names, a pipeline whose config
names what it runs, a fingerprint that covers it, and batch runs and Dask workers that rebuild
the same pipeline from the config (or refuse a name they cannot resolve)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from polyglot_press import Pipeline, PipelineConfig, PolyglotPressError
from polyglot_press.batch import BatchRunner, DaskBatchRunner, InputItem, dask_client
from polyglot_press.documents import parse_document
from polyglot_press.pipeline import (
    BUILT_IN_STAGES,
    DEFAULT_STAGES,
    STAGES,
    CheckStage,
    PipelineContext,
    Translation,
    WorkItem,
    register_stage,
)
from polyglot_press.testing import FakeBackend

STAMP = "stamped by a custom stage"
RELEASE = (
    "# Renault ouvre une usine à Douai\n\n"
    "Renault ouvre une nouvelle usine de batteries à Douai. "
    "La production commence en mars avec 400 salariés.\n"
)


def stamp(items: Sequence[WorkItem], context: PipelineContext) -> list[WorkItem]:
    """A custom stage at module level, so that Dask workers can unpickle it."""
    return [dataclasses.replace(item, warnings=(*item.warnings, STAMP)) for item in items]


def _pipeline(models_dir: Path, **options: object) -> Pipeline:
    return Pipeline(models_dir=models_dir, langs=("en",), backend=FakeBackend(), **options)


def test_the_config_names_the_built_in_stages() -> None:
    config = PipelineConfig()
    assert config.stages == DEFAULT_STAGES == ("read", "route", "translate", "check", "summarise", "render")  # fmt: skip
    assert set(DEFAULT_STAGES) == BUILT_IN_STAGES <= set(STAGES)
    assert isinstance(STAGES["check"], CheckStage)


def test_an_old_config_naming_enforce_means_check() -> None:
    old = ("read", "route", "translate", "enforce", "summarise", "render")
    assert PipelineConfig(stages=old).stages == DEFAULT_STAGES
    assert Pipeline(stages=old).stage_names == DEFAULT_STAGES


def test_stage_names_are_checked_in_the_config() -> None:
    with pytest.raises(PolyglotPressError, match="named twice: read"):
        PipelineConfig(stages=("read", "read"))
    with pytest.raises(PolyglotPressError, match="non-empty str"):
        PipelineConfig(stages=("read", ""))


def test_a_stage_name_no_one_registered_is_refused_with_a_hint(tmp_path: Path) -> None:
    config = PipelineConfig(stages=(*DEFAULT_STAGES, "never-registered"))
    with pytest.raises(
        PolyglotPressError, match="no stage is registered as 'never-registered'"
    ) as caught:
        Pipeline(config)
    assert caught.value.hint is not None and "register_stage" in caught.value.hint
    # A batch run builds its pipeline from the config: refused before anything is read.
    with pytest.raises(PolyglotPressError, match="never-registered"):
        BatchRunner(config, tmp_path / "out")


def test_registering_is_checked() -> None:
    with pytest.raises(PolyglotPressError, match="built-in stage"):
        register_stage("translate", stamp)
    with pytest.raises(PolyglotPressError, match="invalid stage name"):
        register_stage("a,b", stamp)
    with pytest.raises(PolyglotPressError, match="not callable"):
        register_stage("not-a-stage", "stamp")  # type: ignore[arg-type]
    register_stage("stamp-twice", stamp)
    register_stage("stamp-twice", stamp)  # the same stage again is fine
    with pytest.raises(PolyglotPressError, match="already registered"):
        register_stage("stamp-twice", lambda items, context: items)


def test_a_custom_stage_is_in_the_config_and_changes_the_fingerprint(models_dir: Path) -> None:
    plain = _pipeline(models_dir)
    custom = _pipeline(models_dir)
    document = parse_document(RELEASE, source="douai.md")
    before = custom.fingerprint(document)
    assert before == plain.fingerprint(document)

    custom.add_stage("stamp", stamp, after="route")

    assert custom.config.stages == ("read", "route", "stamp", "translate", "check", "summarise", "render")  # fmt: skip
    assert custom.context.config is custom.config
    assert custom.fingerprint(document) != before
    assert custom.fingerprint() != plain.fingerprint()
    # Built again from its config, the pipeline runs the same stages.
    rebuilt = Pipeline(custom.config, backend=FakeBackend())
    assert rebuilt.get_stage("stamp") is stamp
    assert STAMP in rebuilt.process(document).warnings
    assert rebuilt.fingerprint(document) == custom.fingerprint(document)

    custom.remove_stage("stamp")
    assert custom.fingerprint(document) == before


def test_replacing_a_stage_names_the_replacement(models_dir: Path) -> None:
    pipeline = _pipeline(models_dir)
    pipeline.replace_stage("summarise", "stamp", stamp)
    assert pipeline.config.stages == ("read", "route", "translate", "check", "stamp", "render")
    result = pipeline.process(parse_document(RELEASE, source="douai.md"))
    assert STAMP in result.warnings
    assert result.briefs == {"en": ()}  # nothing summarised: the stamp ran instead
    with pytest.raises(ValueError, match="already exists"):
        pipeline.replace_stage("check", "render")


def test_translate_works_without_the_check_stage(models_dir: Path) -> None:
    pipeline = _pipeline(models_dir)
    document = parse_document(RELEASE, source="douai.md")
    [checked] = pipeline.translate([document], target="en")
    assert isinstance(checked, Translation) and checked.compliance is not None

    removed = pipeline.remove_stage("check")

    assert isinstance(removed, CheckStage)
    assert "check" not in pipeline.config.stages
    [translation] = pipeline.translate([document], target="en")
    assert isinstance(translation, Translation), translation
    assert translation.compliance is None  # nothing measured the glossary use
    assert translation.document.blocks == checked.document.blocks
    assert pipeline.process(document).ok


def _stamp_is_registered() -> bool:
    from polyglot_press.pipeline import STAGES

    return "stamp" in STAGES


def test_a_custom_stage_runs_on_dask_workers(models_dir: Path, tmp_path: Path) -> None:
    pipeline = Pipeline(models_dir=models_dir, langs=("en",))
    pipeline.add_stage("stamp", stamp, after="read")
    items = [InputItem(label="douai.md", doc_id="douai", text=RELEASE)]
    out = tmp_path / "out"
    with dask_client(local_workers=1) as client:
        # The worker processes never ran add_stage: the stage travels with the run.
        assert set(client.run(_stamp_is_registered).values()) == {False}
        summary = DaskBatchRunner(client, pipeline.config, out).run(items)

    assert (summary.done, summary.failed) == (1, 0), summary.failures
    data = json.loads((out / "douai.brief.json").read_text(encoding="utf-8"))
    assert STAMP in data["warnings"]


def test_dask_refuses_a_stage_the_client_cannot_resolve(tmp_path: Path) -> None:
    config = PipelineConfig(stages=(*DEFAULT_STAGES, "unknown-on-the-cluster"))
    client: Any = None  # refused before the client is used
    with pytest.raises(PolyglotPressError, match="unknown-on-the-cluster"):
        DaskBatchRunner(client, config, tmp_path / "out")
