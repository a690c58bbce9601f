"""Reading press releases: files, standard input, encodings, size limits, seeds."""

from __future__ import annotations

import inspect
import io
import pickle
import re
import unicodedata
from pathlib import Path

import pytest

from polyglot_press.documents import (
    DEFAULT_MAX_BYTES,
    STDIN,
    BlockKind,
    SourceText,
    read_document,
    read_source,
    render_document,
    repair_lost_nbsp,
)
from polyglot_press.errors import InputError

SHARED = Path(__file__).parents[2] / "shared"


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# Reading ------------------------------------------------------------------------------------


def test_read_missing_file_names_the_problem(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "absent.txt")


def test_read_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_document(tmp_path)


@pytest.mark.parametrize(("data", "reason"), [(b"", "empty"), (b" \n\t\n", "empty")])
def test_read_empty_file(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=reason):
        read_document(path)


@pytest.mark.parametrize(
    "data", [b"PK\x03\x04\x00\x00binary", bytes(range(1, 9)) * 200 + b"some text"]
)
def test_read_binary_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "archive.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match="binary file"):
        read_document(path)


def test_read_over_size_limit_says_how_to_raise_it(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Une phrase. " * 100, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_document(path, max_bytes=100)
    assert "100-byte limit" in caught.value.reason
    assert caught.value.hint is not None and "--max-bytes" in caught.value.hint


def test_read_utf8_with_bom_and_nfc(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Électrique et rénové.")
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + decomposed.encode("utf-8"))
    doc = read_document(path)
    assert doc.meta["encoding"] == "utf_8"
    assert render_document(doc) == "Électrique et rénové."


def test_read_cp1252_falls_back_and_records_encoding(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Le véhicule coûte 30 000 € ; c'est « très » abordable.".encode("cp1252"))
    doc = read_document(path)
    assert doc.meta["encoding"] == "cp1252"
    assert "coûte 30 000 €" in render_document(doc)


def test_read_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("\ufeffBonjour à tous, voici la nouvelle gamme.".encode("utf-16-le"))
    doc = read_document(path)
    assert doc.meta["encoding"].startswith("utf_16")
    assert render_document(doc) == "Bonjour à tous, voici la nouvelle gamme."


def test_read_format_from_extension_and_content(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Just text.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("# A heading\n\nText with **bold**.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Plain wire copy.\n\nSecond paragraph.", encoding="utf-8")
    (tmp_path / "d.htm").write_text("<p>Hello</p>", encoding="utf-8")
    formats = [
        read_document(tmp_path / name).format for name in ("a.md", "b.txt", "c.txt", "d.htm")
    ]
    assert formats == ["md", "md", "txt", "html"]


def _feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_read_from_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    _feed_stdin(monkeypatch, "# Titre\n\nLe véhicule coûte 30 000 €.".encode("cp1252"))
    doc = read_document(STDIN)
    assert (doc.source, doc.format, doc.meta["encoding"]) == ("<stdin>", "md", "cp1252")
    assert [block.kind for block in doc.blocks] == [BlockKind.TITLE, BlockKind.PARAGRAPH]
    assert doc.blocks[1].text == "Le véhicule coûte 30 000 €."


def test_standard_input_over_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    _feed_stdin(monkeypatch, b"Une phrase. " * 100)
    with pytest.raises(InputError, match="100-byte limit") as caught:
        read_document("-", max_bytes=100)
    assert caught.value.source == "<stdin>"


def test_read_source_keeps_the_text_that_block_offsets_refer_to(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _feed_stdin(monkeypatch, "\n\nPrès de 2?000 salariés?; voilà.".encode())
    source = read_source("-")
    assert source == SourceText(
        "<stdin>", "\n\nPrès de 2\u202f000 salariés\u202f; voilà.", "utf_8", None, 2
    )
    doc = source.parse()
    assert doc.meta == {"encoding": "utf_8", "nbsp_repairs": "2"}
    assert doc.blocks[0].text == source.text.lstrip()


def test_read_source_takes_the_format_from_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "release.htm"
    path.write_text("Plain words.", encoding="utf-8")
    assert read_source(path).format == "html"
    assert read_source(str(path)).parse().format == "html"


def test_one_default_size_limit_for_every_reader() -> None:
    assert DEFAULT_MAX_BYTES == 5_000_000
    for reader in (read_document, read_source):
        assert inspect.signature(reader).parameters["max_bytes"].default == DEFAULT_MAX_BYTES


def test_lost_no_break_spaces_are_restored() -> None:
    text, count = repair_lost_nbsp("près de 2?000 salariés?; il a dit?: «?oui?»")
    assert text == "près de 2\u202f000 salariés\u202f; il a dit\u00a0: «\u00a0oui\u00a0»"
    assert count == 5
    assert repair_lost_nbsp("Vraiment? Oui.")[1] == 0


def test_documents_are_hashable_picklable_and_meta_is_read_only(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Électrique.".encode("cp1252"))
    doc = read_document(path)
    assert doc.meta == {"encoding": "cp1252"}
    assert hash(doc) == hash(pickle.loads(pickle.dumps(doc)))
    with pytest.raises(TypeError):
        doc.meta["encoding"] = "utf_8"  # type: ignore[index]
    assert doc.lang_confidence == 0.0  # set by language routing


# Seeds ----------------------------------------------------------------------------------------


def _seed(prefix: str) -> Path:
    if not SHARED.exists():
        pytest.skip(f"shared data not found at {SHARED}")
    return next((SHARED / "seeds").glob(f"{prefix}_*.txt"))


def test_seed_markdownish_release_blocks() -> None:
    path = _seed("000")
    doc = read_document(path)
    assert doc.format == "md"
    found = [str(b.kind) for b in doc.blocks]
    assert found[:3] == ["title", "dateline", "paragraph"]
    assert found.count("contact") == 3
    contacts = " ".join(b.text for b in doc.blocks if b.kind is BlockKind.CONTACT)
    assert "@" in contacts and "+33" in contacts
    about = next(i for i, b in enumerate(doc.blocks) if b.text.startswith("À propos"))
    assert all(b.kind is BlockKind.BOILERPLATE for b in doc.blocks[about:])
    assert doc.blocks[-1].text.startswith("Davantage d'information")
    assert squash(render_document(doc)) == squash(path.read_text(encoding="utf-8"))


def test_seed_wire_copy_blocks() -> None:
    path = _seed("001")
    doc = read_document(path)
    assert doc.format == "txt"
    assert [str(b.kind) for b in doc.blocks] == ["dateline"] + ["paragraph"] * 5
    assert doc.blocks[0].text.startswith("date 2023-11")
    assert doc.meta["nbsp_repairs"] == "1"
    assert "?;" not in render_document(doc)
