"""Hostile files in an inbox (issue 19): a named pipe, a symbolic link loop, a Word zip bomb.
Each is that one input's failure with a message; the good release beside it is done."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from polyglot_press.cli import app
from polyglot_press.documents import read_document
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
