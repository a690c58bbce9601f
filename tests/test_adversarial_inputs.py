"""Hostile files in an inbox (issue 19): a named pipe, a symbolic link loop, a Word zip bomb.
Each is that one input's failure with a message; the good release beside it is done."""

from __future__ import annotations

import importlib
import io
import json
import os
import re
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from polyglot_press.cli import app
from polyglot_press.documents import read_document
from polyglot_press.documents._markup import hyphen_join
from polyglot_press.errors import InputError

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)


def _docx_bomb(path: Path, paragraphs: int) -> Path:
    """A Word file whose document.xml holds ``paragraphs`` identical paragraphs, deflated."""
    body = io.BytesIO()
    body.write(f'<w:document xmlns:w="{_W}"><w:body>'.encode())
    body.write(b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * paragraphs)
    body.write(b"</w:body></w:document>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", body.getvalue())
    return path


def test_a_word_zip_bomb_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    # 2 million paragraphs: 68 MB of XML in a 200 KB file (lxml would need about 1 GB).
    bomb = _docx_bomb(tmp_path / "bomb.docx", 2_000_000)
    assert bomb.stat().st_size < 1 << 20
    with pytest.raises(InputError, match=r"would unpack .* too large to read safely") as caught:
        read_document(bomb)
    assert caught.value.hint and "export it as PDF" in caught.value.hint


def test_a_small_word_file_of_the_same_shape_is_read(tmp_path: Path) -> None:
    document = read_document(_docx_bomb(tmp_path / "small.docx", 3))
    assert [block.text for block in document.blocks] == ["a", "a", "a"]


def test_a_named_pipe_is_refused_at_once_not_waited_on(tmp_path: Path) -> None:
    pipe = tmp_path / "inbox.md"
    os.mkfifo(pipe)
    with pytest.raises(InputError, match="not a regular file"):
        read_document(pipe)  # reading it would wait for a writer forever


def test_a_batch_with_a_pipe_and_a_link_loop_does_the_good_release(
    tmp_path: Path, models_dir: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.md").write_text("Le constructeur présente sa berline.\n", encoding="utf-8")
    os.mkfifo(inbox / "pipe.md")
    (inbox / "loop.md").symlink_to("loop.md")  # resolving it raised RuntimeError
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["batch", str(inbox), "--out", str(out), "--models", str(models_dir), "--no-cache"]
    )
    assert "Traceback" not in result.output, result.output[-800:]
    assert result.exit_code == 1
    lines = [json.loads(line) for line in (out / "manifest.jsonl").read_text("utf-8").splitlines()]
    status = {Path(line["source"]).name: line["status"] for line in lines}
    assert status["pipe.md"] == status["loop.md"] == "failed"
    assert status["good.md"] != "failed"
    errors = {Path(line["source"]).name: line["error"] for line in lines}
    assert "not a regular file" in errors["pipe.md"]
    assert "symbolic link to nothing" in errors["loop.md"]


# -- regular expressions on long runs ----------------------------------------------------------

_LONG_RUNS = [
    ("polyglot_press.checks._measures", "_FEET_AND_INCHES", "1"),
    ("polyglot_press.checks._names", "_NAME_TOKEN", "a-"),
    ("polyglot_press.checks._values", "_DATE", "1"),
    ("polyglot_press.documents._classify", "_EMAIL", "a"),
    ("polyglot_press.documents._parse", "_MD_SNIFF", "["),
    ("polyglot_press.documents._plain", "_MD_INLINE[0]", "![a]("),
    ("polyglot_press.documents._plain", "_MD_INLINE[1]", "[a]("),
    ("polyglot_press.documents._plain", "_MD_INLINE[1]", "["),
    ("polyglot_press.documents._plain", "_MD_INLINE[2]", "<"),
    ("polyglot_press.documents._plain", "_MD_INLINE[8]", " "),
    ("polyglot_press.language._latin", "_ADDRESS", "a@"),
    ("polyglot_press.language._latin", "_ADDRESS", "&"),
    ("polyglot_press.language._latin", "_INVERSION", "a"),
    ("polyglot_press.text._numbers", "_ORDINAL", "1"),
    ("polyglot_press.text._verbatim", "_EMAIL", "a."),
    ("polyglot_press.evaluate._extract", "_EMAIL", "a."),
]


def _pattern(module: str, name: str) -> re.Pattern[str]:
    attribute, _, index = name.partition("[")
    value = getattr(importlib.import_module(module), attribute)
    if index:  # an entry of a (pattern, replacement) table
        value = value[int(index.rstrip("]"))][0]
    assert isinstance(value, re.Pattern)
    return value


@pytest.mark.parametrize(("module", "name", "unit"), _LONG_RUNS)
def test_patterns_searched_over_long_runs_take_linear_time(
    module: str, name: str, unit: str
) -> None:
    # Each was quadratic: a start at every character, each scanning to the end of the run
    # (60,000 digits took a minute in the ordinal pattern).
    pattern = _pattern(module, name)
    text = unit * (60_000 // len(unit))
    started = time.perf_counter()
    found = sum(1 for _ in pattern.finditer(text))
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"{name} took {elapsed:.1f} s on {len(text):,} × {unit!r}"
    assert found <= len(text)


def test_a_pdf_line_of_spaces_is_not_a_page_number_and_is_judged_at_once() -> None:
    # Three optional spacings in a row split a run of spaces every way: 4,000 took minutes.
    pattern = _pattern("polyglot_press.documents._pdf", "_PAGE_NUMBER")
    started = time.perf_counter()
    assert pattern.fullmatch(" " * 60_000) is None
    assert pattern.fullmatch("Page 3 / 12") and pattern.fullmatch("- 7 -")
    assert time.perf_counter() - started < 1.0


def test_a_line_ending_in_a_hyphen_after_a_long_word_is_joined_quickly() -> None:
    started = time.perf_counter()
    assert hyphen_join("a" * 60_000 + " x", "suite") is None
    assert hyphen_join("véhi-", "cules") == "véhi"
    assert time.perf_counter() - started < 1.0


# -- a PDF whose page content inflates to far more than the file ----------------------------


def _pdf(path: Path, content: bytes) -> Path:
    """A one-page PDF whose content stream is ``content``, deflated."""
    data = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


_PDF_TEXT = b"BT /F1 12 Tf 72 712 Td (Le constructeur presente sa berline.) Tj ET\n"


def test_a_pdf_bomb_is_refused_having_inflated_no_more_than_the_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from polyglot_press.documents import _pdf_limits

    monkeypatch.setattr(_pdf_limits, "MAX_INFLATED_BYTES", 1 << 20)
    bomb = _pdf(tmp_path / "bomb.pdf", _PDF_TEXT + b" " * (8 << 20))
    assert bomb.stat().st_size < 64 << 10
    with pytest.raises(InputError, match="too large to read safely"):
        read_document(bomb)
    ok = read_document(_pdf(tmp_path / "ok.pdf", _PDF_TEXT))
    assert "berline" in ok.blocks[0].text


def test_pdfminer_outside_a_budget_inflates_as_it_always_did(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pdfminer.high_level import extract_text

    from polyglot_press.documents import _pdf_limits

    monkeypatch.setattr(_pdf_limits, "MAX_INFLATED_BYTES", 1 << 20)
    _pdf_limits.install()
    big = _pdf(tmp_path / "big.pdf", _PDF_TEXT + b" " * (2 << 20))
    assert "berline" in extract_text(str(big))


def test_batch_with_absurd_jobs_is_a_usage_error_not_a_traceback(
    tmp_path: Path, models_dir: Path
) -> None:
    release = tmp_path / "r.md"
    release.write_text("Le constructeur présente sa berline.\n", encoding="utf-8")
    args = ["batch", str(release), "--out", str(tmp_path / "out"), "--models", str(models_dir)]
    result = CliRunner().invoke(app, [*args, "--jobs", "100000"])
    assert result.exit_code == 2, result.output[-500:]
    assert "Traceback" not in result.output and "inter_threads" in result.output


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("emphasis.md", "**a " * 20_000),  # every opener searched to the end: 109 s
        ("comments.md", "Le texte. " + "<!--" * 60_000),
        ("comments.html", "<p>Le constructeur.</p>" + "<!--" * 60_000),  # html.parser
        ("tags.html", "<p>Le constructeur.</p>" + "<a " * 60_000),
        ("end-tags.html", "<p>Le constructeur.</p>" + "</" * 60_000),
    ],
)
def test_unclosed_markup_is_read_in_linear_time(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    document = read_document(path)
    elapsed = time.perf_counter() - started
    assert elapsed < 3.0, f"{name}: {elapsed:.1f} s"
    assert document.blocks


def test_a_stray_bracket_stays_text_and_a_commented_tag_stays_hidden(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<p>Prix < 30 000 euros</p><!-- <p>ancien texte</p> --><p>Fin</p>", encoding="utf-8"
    )
    blocks = read_document(path).blocks
    texts = [block.text for block in blocks if block.translatable]
    assert texts == ["Prix < 30 000 euros", "Fin"], texts
    # The comment is kept as it was (for a lossless rendering), whole, and never translated.
    assert any(block.text == "<!-- <p>ancien texte</p> -->" for block in blocks)


def test_the_measures_of_a_sentence_are_read_once_for_all_its_missing_numbers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Read per missing number, a sentence of thousands of numbers cost a scan of the
    # sentence for each (16 of 26 s translating 640 KB of one long sentence).
    from polyglot_press.checks import _measures
    from polyglot_press.checks._values import missing_values

    calls: list[int] = []
    original = _measures._source_measures
    monkeypatch.setattr(
        _measures, "_source_measures", lambda text: calls.append(1) or original(text)
    )
    source = " ".join(f"{n} km" for n in range(1, 2001)) + " dans les années 80"
    wanted = [str(n) for n in range(1, 2001)]
    flags = missing_values(wanted, ["number"] * 2000, "1.2 miles, the 1980s", source=source)
    assert len(calls) == 1
    assert flags and flags[0].code == "number_missing"
    assert missing_values(["80"], ["number"], "in the 1980s", source=source) == []
