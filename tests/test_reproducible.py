"""A document's output depends on the document, the packages and the configuration only (issue 17).

The same release is briefed alone (``brief``, the library) and inside batches of 30 and 300
other releases (``batch --jobs 2``, Dask): without a translation memory its brief JSON, timings
aside, is byte-identical every time. Before, documents shared decoding batches, so a sentence's
translation followed its neighbours' lengths (padding, the batch's decoding limit).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from polyglot_press import Pipeline, PipelineConfig
from polyglot_press.cli import app

EXAMPLES = Path(__file__).parents[1] / "examples" / "releases"
#: Releases whose briefs are compared: Markdown, plain text and HTML inputs.
WATCHED = ("alpine-dieppe-electric.md", "dacia-hybride-bursa.txt", "mobilize-recharge.html")
CITIES = ["Douai", "Flins", "Sandouville", "Maubeuge", "Batilly", "Cléon", "Ruitz"]
MODELS = ["un utilitaire électrique", "une citadine hybride", "un SUV familial", "une berline"]

runner = CliRunner()


def filler(number: int) -> str:
    """A French release of varying length, so that batches hold sentences of many lengths."""
    city, model = CITIES[number % len(CITIES)], MODELS[number % len(MODELS)]
    paragraphs = [
        f"# {city} produira {model}",
        f"{city.upper()} – {number % 28 + 1} mars 2025 - Le constructeur annonce que l'usine de "
        f"{city} assemblera {model} dès 2026, avec {1000 * (number + 3)} unités par an.",
    ]
    for extra in range(number % 5):
        paragraphs.append(
            f"La phase {extra + 1} du projet numéro {number} mobilise {extra + 2} équipementiers "
            "de la région et prévoit une formation des équipes" + " sur deux ans" * extra + "."
        )
    return "\n\n".join(paragraphs) + "\n"


@pytest.fixture(scope="module")
def pool(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 releases: the watched example releases and generated ones around them."""
    folder = tmp_path_factory.mktemp("pool")
    for name in WATCHED:
        shutil.copy(EXAMPLES / name, folder / name)
    for number in range(300 - len(WATCHED)):
        (folder / f"release-{number:03d}.md").write_text(filler(number), encoding="utf-8")
    return folder


def without_timings(text: str) -> str:
    data = json.loads(text)
    data.pop("timings", None)
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def batch(inputs: Sequence[str], out: Path, models_dir: Path, *options: str) -> dict[str, str]:
    """Run ``batch`` on ``inputs``; the watched releases' brief JSON files, by name."""
    args = ["batch", *inputs, "--out", str(out), "--models", str(models_dir), "--no-cache"]
    result = runner.invoke(app, [*args, *options])
    # Random weights: briefs may be flagged for review (a non-zero exit), never a crash.
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.output
    return {
        name: (out / f"{Path(name).stem}.brief.json").read_text(encoding="utf-8")
        for name in WATCHED
    }


def test_a_brief_is_the_same_alone_and_in_batches_of_30_and_300(
    pool: Path, models_dir: Path, tmp_path: Path
) -> None:
    others = sorted(path for path in pool.iterdir() if path.name not in WATCHED)
    thirty = [str(pool / name) for name in WATCHED] + [str(p) for p in others[: 30 - len(WATCHED)]]
    in_30 = batch(thirty, tmp_path / "b30", models_dir, "--jobs", "2")
    in_300 = batch([str(pool)], tmp_path / "b300", models_dir, "--jobs", "2")
    assert in_30 == in_300  # byte for byte: the batch files have no timings
    pipeline = Pipeline(PipelineConfig(models_dir=models_dir))
    for name in WATCHED:
        alone = runner.invoke(
            app, ["brief", str(pool / name), "--models", str(models_dir), "--format", "json"]
        )
        assert alone.stdout.strip(), alone.output
        assert without_timings(alone.stdout) == without_timings(in_30[name]), name
        library = pipeline.process(pool / name)
        assert replace(library, timings={}).render("json") == in_30[name], name
    assert all(json.loads(text)["briefs"]["en"] for text in in_30.values())


def test_a_brief_is_the_same_on_dask(pool: Path, models_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    others = sorted(path for path in pool.iterdir() if path.name not in WATCHED)
    inputs = [str(pool / name) for name in WATCHED] + [str(p) for p in others[:9]]
    local = batch(inputs, tmp_path / "local", models_dir)
    on_dask = batch(inputs, tmp_path / "dask", models_dir, "--dask", "local", "--jobs", "2")
    assert on_dask == local
