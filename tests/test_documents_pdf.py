"""PDF inputs (issue 21): PDFs printed by headless Chromium from HTML, read into the same blocks
as the release they were printed from; broken, scanned and encrypted PDFs refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from document_files import (
    CONTACTS,
    DEBRIS,
    FRENCH_RELEASE,
    HEADLINE,
    chromium,
    markdown_to_html,
    print_pdf,
)

from polyglot_press.documents import BlockKind, read_document, render_document
from polyglot_press.documents._markup import hyphen_join
from polyglot_press.errors import InputError

# Each section on a page of its own, so that Chromium's running header and footer (date, title,
# file URL, "1/3") repeat.
_PAGED = "h2 { break-before: page; }"


@pytest.fixture(scope="module")
def release_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chromium()
    page = markdown_to_html(FRENCH_RELEASE, title="Communiqué de presse", css=_PAGED)
    return print_pdf(page, tmp_path_factory.mktemp("pdf") / "release.pdf")


def test_a_printed_release_gives_the_blocks_of_its_source(release_pdf: Path) -> None:
    document = read_document(release_pdf)
    assert document.format == "md"
    assert document.meta["input_format"] == "pdf"
    assert document.meta["pages"] == "3"
    assert document.title == HEADLINE
    kinds = [block.kind for block in document.blocks]
    assert kinds[:2] == [BlockKind.TITLE, BlockKind.DATELINE]
    assert kinds.count(BlockKind.LIST_ITEM) == 2
    contacts = "\n".join(b.text for b in document.blocks if b.kind is BlockKind.CONTACT)
    assert all(contact in contacts for contact in CONTACTS)
    about = next(b for b in document.blocks if b.text.startswith("À propos"))
    assert about.kind is BlockKind.BOILERPLATE


def test_running_headers_footers_and_page_numbers_are_dropped(release_pdf: Path) -> None:
    text = render_document(read_document(release_pdf))
    assert "Communiqué de presse" not in text  # the page title in Chromium's running header
    assert not DEBRIS.search(text), DEBRIS.search(text)


def test_bold_runs_are_kept_as_emphasis(release_pdf: Path) -> None:
    blocks = read_document(release_pdf).blocks
    assert any(b.text.startswith("**Claire Dubois, directrice générale**, a") for b in blocks)
    assert any("**100 % électriques**" in b.text for b in blocks)


def test_the_format_comes_from_the_content_not_the_name(release_pdf: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "release.txt"
    renamed.write_bytes(release_pdf.read_bytes())
    assert read_document(renamed).title == HEADLINE


def test_headings_follow_font_sizes(release_pdf: Path) -> None:
    headings = [b for b in read_document(release_pdf).blocks if b.prefix.startswith("#")]
    assert [(b.prefix, b.text) for b in headings][:2] == [
        ("# ", HEADLINE),
        ("## ", "Contacts presse"),
    ]


def test_a_broken_pdf_is_refused(release_pdf: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(release_pdf.read_bytes()[:3000])
    with pytest.raises(InputError, match="not a readable PDF") as caught:
        read_document(broken)
    assert caught.value.hint


def test_a_pdf_without_a_text_layer_is_refused(tmp_path: Path) -> None:
    chromium()
    drawing = '<html><body><svg width="400" height="300"><rect width="300" height="200"/></svg>'
    scan = print_pdf(drawing, tmp_path / "scan.pdf", header_footer=False)
    with pytest.raises(InputError, match="no text layer") as caught:
        read_document(scan)
    assert caught.value.hint is not None and "OCR" in caught.value.hint


def test_an_encrypted_pdf_is_refused(release_pdf: Path, tmp_path: Path) -> None:
    import pypdf  # a dev dependency: it writes the encrypted file

    writer = pypdf.PdfWriter(clone_from=str(release_pdf))
    writer.encrypt("secret", algorithm="RC4-128")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(InputError, match="encrypted"):
        read_document(locked)


def test_the_pdf_size_limit_is_the_same_as_for_text(release_pdf: Path) -> None:
    with pytest.raises(InputError, match="byte limit"):
        read_document(release_pdf, max_bytes=1000)


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [
        ("les véhi-", "cules", "les véhi"),
        ("des inves ‐", "tissements", "des inves"),
        ("le vice-", "président", "le vice-"),
        ("peut-", "être", "peut-"),
        ("Renault-", "Nissan", "Renault-"),
        ("automo\xad", "biles", "automo"),
        ("fin de phrase", "suite", None),
        ("2024-", "2025", None),
    ],
)
def test_end_of_line_hyphenation_is_undone(before: str, after: str, joined: str | None) -> None:
    assert hyphen_join(before, after) == joined
