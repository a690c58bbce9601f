"""The commands on PDF, Word and e-mail inputs (issue 21): `brief --format json --langs en,ko`
gives the language, the headline and both contacts verbatim with no file-format debris;
a broken PDF exits 1 with a message; a JSONL export is briefed record by record."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from document_files import (
    CONTACTS,
    DEBRIS,
    FRENCH_RELEASE,
    HEADLINE,
    build_email,
    markdown_to_html,
    print_pdf,
    write_docx,
)
from typer.testing import CliRunner

from polyglot_press.cli import app

runner = CliRunner()
#: Inline markup and character references, which no plain-text field may hold.
MARKUP = re.compile(r"</?[a-z][a-z0-9]*\b[^>]*>|\*\*|&(?:#[0-9]+|#x[0-9a-f]+|[a-z]+);", re.I)


def _pdf(path: Path) -> Path:
    return print_pdf(markdown_to_html(FRENCH_RELEASE, title="Communiqué"), path / "r.pdf")


def _docx(path: Path) -> Path:
    return write_docx(FRENCH_RELEASE, path / "r.docx", header="EN-TÊTE", footer="Page 1")


def _eml(path: Path) -> Path:
    target = path / "r.eml"
    page = markdown_to_html(FRENCH_RELEASE)
    target.write_bytes(build_email("Communiqué", html_body=page, text_body=FRENCH_RELEASE))
    return target


@pytest.mark.parametrize("make", [_pdf, _docx, _eml], ids=["pdf", "docx", "eml"])
def test_brief_on_a_release_file(
    make: Callable[[Path], Path], models_dir: Path, tmp_path: Path
) -> None:
    source = make(tmp_path)
    result = runner.invoke(
        app,
        ["brief", str(source), "--models", str(models_dir), "--format", "json", "--langs", "en,ko"],
    )
    assert result.exit_code in (0, 1), result.output  # 1: random fixture models get flagged
    brief = json.loads(result.stdout)
    assert brief["language"] == "fr"
    assert set(brief["briefs"]) == {"en", "ko"} and all(brief["briefs"].values())
    assert [b["source"] for b in brief["blocks"] if b["kind"] == "title"] == [HEADLINE]
    # Both contacts verbatim: plain lines, the same from every format.
    contacts = [b["source"] for b in brief["blocks"] if b["kind"] == "contact"]
    assert "\n".join(contacts).splitlines() == ["Contacts presse", *CONTACTS]
    assert not DEBRIS.search(json.dumps(brief, ensure_ascii=False))
    # Plain-text fields carry no markup of the body (HTML for the e-mail, Markdown otherwise).
    plain = [brief["headline"], brief["dateline"], *contacts]
    plain += [sentence for sentences in brief["briefs"].values() for sentence in sentences]
    assert not any(MARKUP.search(text or "") for text in plain), plain


def test_detect_and_summarize_take_the_new_formats(tmp_path: Path) -> None:
    docx = _docx(tmp_path)
    detected = runner.invoke(app, ["detect", str(docx)])
    assert detected.exit_code == 0 and "\tfr\t" in detected.stdout
    summary = runner.invoke(app, ["summarize", str(docx)])
    assert summary.exit_code == 0 and "Douai" in summary.stdout


def test_a_broken_pdf_exits_1_with_a_message(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    result = runner.invoke(app, ["detect", str(broken)])
    assert result.exit_code == 1
    assert "not a readable PDF" in result.output


def test_batch_briefs_a_jsonl_export_under_its_ids(models_dir: Path, tmp_path: Path) -> None:
    feed = tmp_path / "export.jsonl"
    body = FRENCH_RELEASE.split("\n\n", 1)[1]
    records = [{"id": f"a{n}", "title": f"{HEADLINE} ({n})", "article": body} for n in range(2)]
    feed.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["batch", str(feed), "--out", str(out), "--models", str(models_dir)]
    )
    assert result.exit_code in (0, 1), result.output
    for n in range(2):
        brief = json.loads((out / f"a{n}.brief.json").read_text(encoding="utf-8"))
        assert [b["source"] for b in brief["blocks"] if b["kind"] == "title"] == [
            f"{HEADLINE} ({n})"
        ]
