"""Resumable batches follow the route (issue 17): a document's key covers the content of the
packages its route uses, and nothing else that is installed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from polyglot_press import Pipeline, PipelineConfig, parse_document
from polyglot_press.batch import BatchRunner, Manifest, expand_inputs
from polyglot_press.packages import read_package
from polyglot_press.pipeline._fingerprint import options_fingerprint, package_digest
from polyglot_press.testing import build_package

FRENCH = (
    "# L'usine de {town} produira une citadine\n\n"
    "{town} – 3 mars 2025 - Le constructeur annonce que l'usine de {town} assemblera une "
    "citadine électrique dès 2026. La production atteindra {units} unités par an.\n"
)
ENGLISH = (
    "# The {town} plant will build a city car\n\n"
    "The carmaker said on Monday that its {town} plant will assemble an electric city car "
    "from 2026. Output will reach {units} units a year.\n"
)


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """Three French and two English releases."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    for number, town in enumerate(["Douai", "Flins", "Cléon"]):
        text = FRENCH.format(town=town, units=1000 * (number + 2))
        (folder / f"fr-{number}.md").write_text(text, encoding="utf-8")
    for number, town in enumerate(["Leeds", "Derby"]):
        text = ENGLISH.format(town=town, units=1000 * (number + 2))
        (folder / f"en-{number}.md").write_text(text, encoding="utf-8")
    return folder


def run(inbox: Path, models: Path, out: Path) -> tuple[int, int]:
    """A ``--langs en`` batch over ``inbox``: (documents processed, documents skipped)."""
    config = PipelineConfig(models_dir=models, langs=["en"])
    summary = BatchRunner(Pipeline(config), out).run(expand_inputs([str(inbox)]))
    # Random weights: sentences may be flagged for review, which is finished all the same.
    statuses = {entry.status for entry in Manifest(out).entries.values()}
    assert statuses <= {"ok", "review"}, summary.failures
    return summary.total - summary.skipped, summary.skipped


def test_replacing_the_fr_en_package_redoes_the_french_documents(
    inbox: Path, tmp_path: Path
) -> None:
    models, out = tmp_path / "models", tmp_path / "out"
    package = build_package(models, "opus-bpe", "fr", "en", seed=0)
    assert run(inbox, models, out) == (5, 0)
    old_brief = (out / "fr-0.brief.json").read_bytes()
    assert run(inbox, models, out) == (0, 5)

    # Another model under the same pair, version and folder.
    before = read_package(package)
    shutil.rmtree(package)
    build_package(models, "opus-bpe", "fr", "en", seed=7)
    after = read_package(package)
    assert (after.pair, after.version, after.path) == (before.pair, before.version, before.path)

    assert run(inbox, models, out) == (3, 2)  # the French ones; English needs no package
    assert (out / "fr-0.brief.json").read_bytes() != old_brief
    assert run(inbox, models, out) == (0, 5)


def test_installing_a_package_off_the_route_redoes_nothing(inbox: Path, tmp_path: Path) -> None:
    models, out = tmp_path / "models", tmp_path / "out"
    build_package(models, "opus-bpe", "fr", "en", seed=0)
    assert run(inbox, models, out) == (5, 0)
    build_package(models, "argos-train", "en", "ko", seed=1)  # --langs en never uses it
    assert run(inbox, models, out) == (0, 5)


def test_a_document_fingerprint_covers_only_its_route(models_dir: Path) -> None:
    pipeline = Pipeline(PipelineConfig(models_dir=models_dir, langs=("en",)))
    french = parse_document(FRENCH.format(town="Douai", units=2000), source="fr.md")
    english = parse_document(ENGLISH.format(town="Leeds", units=2000), source="en.md")
    assert pipeline.fingerprint(french) != pipeline.fingerprint(english)
    # Two French documents share a route, so a fingerprint.
    other = parse_document(FRENCH.format(town="Flins", units=3000), source="fr2.md")
    assert pipeline.fingerprint(french) == pipeline.fingerprint(other)
    both = Pipeline(PipelineConfig(models_dir=models_dir, langs=("en", "ko")))
    assert both.fingerprint(english) != pipeline.fingerprint(english)  # en→ko joins the route


def test_a_package_digest_is_its_content_not_its_place(tmp_path: Path, models_dir: Path) -> None:
    original = read_package(models_dir / "translate-fr_en-1_0")
    copy = shutil.copytree(original.path, tmp_path / "elsewhere" / "fr_en")
    assert package_digest(read_package(copy)) == package_digest(original)

    model = copy / "model" / "model.bin"
    data = bytearray(model.read_bytes())
    data[-1] ^= 0xFF
    model.write_bytes(bytes(data))
    assert package_digest(read_package(copy)) != package_digest(original)

    data[-1] ^= 0xFF
    model.write_bytes(bytes(data))  # restored: a new modification time, the same content
    assert package_digest(read_package(copy)) == package_digest(original)

    tokenizer = copy / "bpe.model"
    tokenizer.write_text(tokenizer.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert package_digest(read_package(copy)) != package_digest(original)


def test_a_large_model_is_read_at_its_start_and_end_only(tmp_path: Path, models_dir: Path) -> None:
    copy = shutil.copytree(models_dir / "translate-fr_en-1_0", tmp_path / "big")
    model = copy / "model" / "model.bin"
    size = 5 << 20
    model.write_bytes(bytes(size))
    first = package_digest(read_package(copy))
    with model.open("r+b") as stream:
        stream.seek(size - 1)
        stream.write(b"\x01")
    assert package_digest(read_package(copy)) != first


def test_options_fingerprint_ignores_spelling(models_dir: Path, tmp_path: Path) -> None:
    glossary = tmp_path / "terms.tsv"
    glossary.write_text("fr\ten\tko\nzorbulateur\tzorbulator\t조르불레이터\n", encoding="utf-8")
    one = PipelineConfig(models_dir=str(models_dir), glossary=[str(glossary)], langs=["en"])
    two = PipelineConfig(models_dir=models_dir, glossary=(glossary,), langs=("english",))
    assert one == two
    assert options_fingerprint(one) == options_fingerprint(two)
    # The package folder is not an option that shapes output: packages count by content.
    elsewhere = PipelineConfig(models_dir=tmp_path, glossary=(glossary,), langs=("en",))
    assert options_fingerprint(elsewhere) == options_fingerprint(one)
