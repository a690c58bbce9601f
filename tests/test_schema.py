"""One result schema (issues 17 and 20): ``translate``, ``brief`` and the batch's per-document
files are checked against the same typed definitions the pipeline writes them with, and
``read_result`` reads the current version, upgrades version 1 and refuses newer ones."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, get_type_hints

import pytest
from document_files import FRENCH_RELEASE, build_email, write_docx
from test_report import english_release, french_release, parse, write_batch
from typer.testing import CliRunner

from polyglot_press import Pipeline, PipelineConfig
from polyglot_press.cli import app
from polyglot_press.errors import InputError
from polyglot_press.pipeline import (
    ENFORCEMENT_PATHS,
    SCHEMA_VERSION,
    BlockJSON,
    ResultJSON,
    SentenceJSON,
    TranslationJSON,
    read_result,
    schema_problems,
)
from polyglot_press.report import write_report

EXAMPLES = Path(__file__).parent.parent / "examples" / "releases"
RELEASE = EXAMPLES / "alpine-dieppe-electric.md"
runner = CliRunner()


def _json(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A translation memory of the test's own."""
    monkeypatch.setenv("POLYGLOT_PRESS_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_translate_and_brief_blocks_and_sentences_have_one_shape(
    models_dir: Path, cache: Path
) -> None:
    models = ("--models", str(models_dir))
    translated = _json("translate", str(RELEASE), "--to", "en", "--format", "json", *models)
    brief = _json("brief", str(RELEASE), "--format", "json", *models)
    assert schema_problems(translated, TranslationJSON) == []
    assert schema_problems(brief, ResultJSON) == []
    for data in (translated, brief):
        assert data["schema_version"] == SCHEMA_VERSION
        assert (data["input_format"], data["markup"]) == ("md", "md")
        assert data["blocks"] and data["sentences"]
        assert all(set(block) == set(get_type_hints(BlockJSON)) for block in data["blocks"])
        assert all(set(s) == set(get_type_hints(SentenceJSON)) for s in data["sentences"])
    # The same document, block for block, in both commands.
    assert [b["source"] for b in translated["blocks"]] == [b["source"] for b in brief["blocks"]]
    assert translated["glossary"]["en"]["scope"] == brief["glossary"]["en"]["scope"] == "document"
    assert brief["glossary"]["ko"]["scope"] == "brief"


def test_a_translation_that_failed_is_in_the_same_schema(models_dir: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("", "utf-8")
    args = ["translate", str(RELEASE), str(empty), "--format", "json", "--models", str(models_dir)]
    good, failed = _json(*args)
    assert schema_problems([good, failed], list[TranslationJSON]) == []
    assert failed["status"] == "failed" and failed["error"] and not failed["blocks"]


def test_a_sentence_read_back_from_memory_keeps_its_path(models_dir: Path, tmp_path: Path) -> None:
    config = PipelineConfig(models_dir=models_dir, translation_memory=tmp_path / "memory.sqlite")
    first, second = (Pipeline(config).process(RELEASE).to_dict() for _ in range(2))
    assert schema_problems(second, ResultJSON) == []
    assert second["sentences"] and not any(s["from_memory"] for s in first["sentences"])
    # Every sentence but the dateline's (translated by rule, not by the model) is remembered.
    by_rule = {block["index"] for block in second["blocks"] if block["kind"] == "dateline"}
    assert all(s["from_memory"] for s in second["sentences"] if s["block"] not in by_rule)
    paths = [s["path"] for s in second["sentences"]]
    assert paths == [s["path"] for s in first["sentences"]]
    assert "memory" not in paths and set(paths) <= set(ENFORCEMENT_PATHS)


def test_batch_files_match_the_schema_and_pages_name_the_input(
    models_dir: Path, cache: Path, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "alpine.md").write_text(RELEASE.read_text("utf-8"), "utf-8")
    write_docx(FRENCH_RELEASE, inbox / "release.docx")
    attachment = write_docx(FRENCH_RELEASE, tmp_path / "lumiere.docx").read_bytes()
    mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    note = build_email("Communiqué", text_body="Veuillez trouver notre communiqué ci-joint.",
                       attachments=(("lumiere.docx", attachment, mime),))  # fmt: skip
    (inbox / "message.eml").write_bytes(note)
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["batch", str(inbox), "--out", str(out), "--models", str(models_dir)]
    )
    assert result.exit_code in (0, 1), result.stderr
    files = sorted(out.glob("*.json"))
    assert len(files) == 3
    formats = {}
    for path in files:
        data = json.loads(path.read_text("utf-8"))
        assert schema_problems(data, ResultJSON) == [], path.name
        assert read_result(data, source=path.name) == data
        formats[Path(data["source"]).name] = data["input_format"]
    assert formats == {
        "alpine.md": "md",
        "release.docx": "docx",
        "message.eml#lumiere.docx": "docx",
    }
    write_report(out)
    cells = "".join(parse(out / "report" / "index.html").text)
    assert "release.docx · Word" in cells and "message.eml#lumiere.docx · Word" in cells
    assert "alpine.md · Markdown" in cells


def _current(release: dict[str, Any]) -> dict[str, Any]:
    """A hand-written version-1 release as the pipeline writes it now."""
    data = read_result(copy.deepcopy(release), source="x.json")
    assert schema_problems(data, ResultJSON) == []
    return dict(data)


def test_version_1_files_are_upgraded() -> None:
    old = french_release()
    del old["sentences"][0]["path"]
    old["blocks"].append({"kind": 3, "source": "Fin."})
    data = read_result(old, source="alpine.json")
    assert schema_problems(data, ResultJSON) == []
    assert data["schema_version"] == SCHEMA_VERSION
    assert (data["input_format"], data["markup"]) == ("md", "md")
    assert {lang: report["scope"] for lang, report in data["glossary"].items()} == {
        "en": "document",
        "ko": "brief",
    }
    assert data["sentences"][0]["path"] == "as_is"
    assert all(s["flags"] == [] and s["from_memory"] is False for s in data["sentences"])
    # A block without an index stands at its position; a wrong kind reads as a paragraph.
    assert data["blocks"][-1] == {
        "index": 3,
        "kind": "paragraph",
        "language": None,
        "source": "Fin.",
        "translation": None,
    }
    korean = read_result({**english_release(), "language": "ko"}, source="k.json")
    assert korean["glossary"]["ko"]["scope"] == "brief"


def test_newer_and_damaged_current_files_are_refused_with_a_message() -> None:
    current = _current(french_release())
    assert read_result(current, source="a.json") == current
    with pytest.raises(InputError, match=r"newer polyglot-press \(result schema 99") as newer:
        read_result({**current, "schema_version": 99}, source="a.json")
    assert newer.value.hint and "upgrade" in newer.value.hint
    damaged: dict[str, Any] = json.loads(json.dumps(current))
    damaged["blocks"][0]["kind"] = 7
    del damaged["sentences"][1]["path"]
    with pytest.raises(InputError, match=r"blocks\[0\]\.kind: expected str.*sentences\[1\]\.path"):
        read_result(damaged, source="a.json")
    bad: object
    for bad in ([], {"schema_version": "2"}, {"schema_version": True}):
        with pytest.raises(InputError):
            read_result(bad, source="a.json")


def test_the_review_page_says_why_it_cannot_read_a_newer_file(tmp_path: Path) -> None:
    newer = {**_current(french_release()), "schema_version": SCHEMA_VERSION + 1}
    record = {**_current(english_release()), "source": "in/feed.jsonl:3"}
    releases = {"alpine": newer, "geely": _current(english_release()), "record": record}
    out = write_batch(tmp_path / "out", releases)
    write_report(out)
    page = "".join(parse(out / "report" / "releases" / "alpine.html").text)
    assert "newer polyglot-press" in page and "upgrade polyglot-press" in page
    assert "✓ ok" in page  # the manifest still says what became of the release
    english = "".join(parse(out / "report" / "releases" / "geely.html").text)
    assert "releases/geely.md · Markdown" in english
    assert "in/feed.jsonl:3 · JSONL record" in "".join(parse(out / "report" / "index.html").text)
