"""Word inputs (issue 21): DOCX written with python-docx in the test, read into the blocks of
the release it was written from; headers and footers left out."""

from __future__ import annotations

from pathlib import Path

import pytest
from document_files import CONTACTS, DEBRIS, FRENCH_RELEASE, HEADLINE, write_docx

from polyglot_press.documents import BlockKind, read_document, render_document
from polyglot_press.errors import InputError


@pytest.fixture
def release_docx(tmp_path: Path) -> Path:
    return write_docx(
        FRENCH_RELEASE,
        tmp_path / "release.docx",
        header="EN-TÊTE COURANT CONFIDENTIEL",
        footer="Pied de page 1",
    )


def test_a_word_release_gives_the_blocks_of_its_source(release_docx: Path) -> None:
    document = read_document(release_docx)
    assert document.meta["input_format"] == "docx"
    assert document.title == HEADLINE
    kinds = [block.kind for block in document.blocks]
    assert kinds[:2] == [BlockKind.TITLE, BlockKind.DATELINE]
    assert kinds.count(BlockKind.LIST_ITEM) == 2
    contacts = "\n".join(b.text for b in document.blocks if b.kind is BlockKind.CONTACT)
    assert all(contact in contacts for contact in CONTACTS)
    assert any(b.text.startswith("**Claire Dubois, directrice générale**") for b in document.blocks)
    heading = next(b for b in document.blocks if b.text == "Contacts presse")
    assert (heading.prefix, heading.level) == ("## ", 2)


def test_headers_and_footers_are_left_out(release_docx: Path) -> None:
    text = render_document(read_document(release_docx))
    assert "EN-TÊTE" not in text and "Pied de page" not in text
    assert not DEBRIS.search(text)


def test_tables_italics_numbered_lists_and_links(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Chiffres clés", style="Heading 1")
    intro = document.add_paragraph("Le modèle ")
    intro.add_run("Aurore").italic = True
    intro.add_run(" arrive en juin.")
    document.add_paragraph("Premier marché", style="List Number")
    document.add_paragraph("Second marché", style="List Number")
    table = document.add_table(rows=2, cols=2)
    for row, (name, value) in zip(
        table.rows, [("Autonomie", "520 km"), ("Prix", "39 900 €")], strict=True
    ):
        row.cells[0].text, row.cells[1].text = name, value
    path = tmp_path / "figures.docx"
    document.save(str(path))

    blocks = read_document(path).blocks
    texts = [b.text for b in blocks]
    assert blocks[0].kind is BlockKind.TITLE and blocks[0].text == "Chiffres clés"
    assert "Le modèle *Aurore* arrive en juin." in texts
    assert [b.text for b in blocks if b.kind is BlockKind.LIST_ITEM] == [
        "Premier marché",
        "Second marché",
    ]
    assert "Autonomie | 520 km" in texts and "Prix | 39 900 €" in texts


def test_the_format_comes_from_the_content(release_docx: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "release.bin"
    renamed.write_bytes(release_docx.read_bytes())
    assert read_document(renamed).title == HEADLINE


def test_a_legacy_word_file_is_refused_with_a_hint(tmp_path: Path) -> None:
    legacy = tmp_path / "old.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(InputError, match="legacy Word") as caught:
        read_document(legacy)
    assert caught.value.hint is not None and ".docx" in caught.value.hint


def test_a_broken_word_file_is_refused(release_docx: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(release_docx.read_bytes()[:2000])
    with pytest.raises(InputError, match=r"binary file|not a readable Word"):
        read_document(broken)
