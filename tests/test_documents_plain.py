"""Plain text of every block kind (issue 17 point 5, issue 21): HTML, Markdown and e-mail
inputs give each block's plain text with no tag of the input's markup, character references
decoded exactly once, and contacts as plain, verbatim lines."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from document_files import CONTACTS, FRENCH_RELEASE, build_email, markdown_to_html
from hypothesis import given, settings
from hypothesis import strategies as st

from polyglot_press.documents import (
    Block,
    BlockKind,
    Document,
    DocumentFormat,
    block_plain_text,
    parse_document,
    plain_text,
    read_document,
    render_document,
)

#: What markup leaves behind when it is not removed: a tag, a Markdown marker, a reference.
_TAG = re.compile(r"</?(?:strong|b|em|i|span|a|br|p|li|h[1-6]|code)\b[^>]*>", re.IGNORECASE)
_MD_MARKER = re.compile(r"\*\*|(?<!\w)\*(?=\w)|\]\(|`")
_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def plain_blocks(document: Document) -> list[tuple[Block, str]]:
    return [
        (block, block_plain_text(block, document.format))
        for block in document.blocks
        if block.kind is not BlockKind.RAW
    ]


# Examples -----------------------------------------------------------------------------------


def test_html_contacts_are_plain_lines_and_render_as_written() -> None:
    source = (
        "<h1>Lumen</h1>\n<p>Texte.</p>\n<h2>Contacts presse</h2>\n"
        "<p><strong>Marc Petit</strong><br>\n+33 1 23 45 67 89<br>\n"
        '<a href="mailto:marc@lumen.example">marc@lumen.example</a></p>\n'
        "<p>Sophie Martin &amp; Associés &lt;sophie@lumen.example&gt;</p>\n"
    )
    document = parse_document(source, format="html")
    contacts = [b for b in document.blocks if b.kind is BlockKind.CONTACT]
    assert [b.text for b in contacts] == [
        "Contacts presse",  # the heading opens the contact section
        "Marc Petit\n+33 1 23 45 67 89\nmarc@lumen.example",
        "Sophie Martin & Associés <sophie@lumen.example>",
    ]
    assert contacts[0].markup is None  # nothing to remove
    assert contacts[1].markup is not None and contacts[1].markup.startswith("<strong>")
    assert render_document(document) == source
    # Plain text of a contact's plain text changes nothing (the address is not a tag).
    assert plain_text(contacts[2].text, "html") == contacts[2].text


def test_markdown_contacts_are_plain_lines() -> None:
    source = (
        "# Lumen\n\nTexte.\n\n## Contacts presse\n\n"
        "**Marc Petit**  \n+33 1 23 45 67 89  \n[marc@lumen.example](mailto:marc@lumen.example)\n"
    )
    document = parse_document(source, format="md")
    heading, contact = [b for b in document.blocks if b.kind is BlockKind.CONTACT]
    assert heading.text == "Contacts presse" and heading.prefix == "## "
    assert contact.text == "Marc Petit\n+33 1 23 45 67 89\nmarc@lumen.example"
    assert render_document(document) == source
    assert contact.with_text("x").markup is None  # new text carries its own markup


def test_the_dateline_and_entities_are_plain_in_every_format() -> None:
    html_doc = parse_document(
        "<h1>A &amp; B</h1><p><strong>PARIS – 2 mars 2025 -</strong> Le &lt;b&gt; reste"
        " &amp;lt;, R&amp;D.</p>",
        format="html",
    )
    md_doc = parse_document(
        "# A &amp; B\n\n**PARIS – 2 mars 2025 -** Le &lt;b&gt; reste &amp;lt;, R&D \\*x\\*.\n",
        format="md",
    )
    for document in (html_doc, md_doc):
        plain = [text for _, text in plain_blocks(document)]
        assert plain[0] == "A & B"
        assert plain[1] == "PARIS – 2 mars 2025 -"
        assert plain[2].startswith("Le <b> reste &lt;, R&D")  # decoded once, not twice
    assert plain_blocks(md_doc)[2][1].endswith("*x*.")


def test_markdown_raw_html_and_code_spans() -> None:
    assert plain_text("Le <strong>site</strong><br>\nde `**Douai**`", "md") == (
        "Le site\nde **Douai**"
    )
    assert plain_text("a < b et 3 > 2, R&D", "md") == "a < b et 3 > 2, R&D"


def test_seed_like_email_blocks_have_no_markup(tmp_path: Path) -> None:
    page = markdown_to_html(FRENCH_RELEASE)
    eml = tmp_path / "r.eml"
    eml.write_bytes(build_email("Communiqué", html_body=page, text_body=FRENCH_RELEASE))
    document = read_document(eml)
    contacts = "\n".join(b.text for b in document.blocks if b.kind is BlockKind.CONTACT)
    assert contacts.splitlines() == ["Contacts presse", *CONTACTS]
    for block, text in plain_blocks(document):
        assert not _TAG.search(text) and not _REFERENCE.search(text), (block.kind, text)


# Property: documents written in HTML, Markdown and as an e-mail ----------------------------

#: Words with the characters markup must escape; ``&lt;`` and ``<b>`` here are literal text.
_PLAIN_WORDS = ["Lumen", "usine", "électrique", "l'usine", "R&D", "a < b", "3 > 2", "«x»", "100 %"]
_TRICKY_WORDS = ["<b>", "&lt;", "&amp;", "&eacute;"]
_STYLES = ("plain", "bold", "italic", "link", "span")
_PHONE, _EMAIL = "+33 1 23 45 67 89", "marc.petit@lumen.example"


@dataclass(frozen=True)
class Piece:
    text: str
    style: str
    encode: bool  # non-ASCII written as character references


_DATELINE = "PARIS, 2 mars 2025 –"
_ABOUT = "À propos de Lumen"


@dataclass(frozen=True)
class Part:
    #: heading, paragraph, item, contact, dateline (a paragraph opening with one, in bold when
    #: its first piece is) or about (a heading that opens a boilerplate section)
    kind: str
    pieces: tuple[Piece, ...]

    @property
    def plain(self) -> str:
        text = " ".join(piece.text for piece in self.pieces)
        if self.kind == "contact":
            return f"{text}\n{_PHONE}\n{_EMAIL}"
        if self.kind == "dateline":
            return f"{_DATELINE} {text}"
        return _ABOUT if self.kind == "about" else text

    @property
    def bold_dateline(self) -> bool:
        return self.pieces[0].style == "bold"


def _pieces(words: list[str]) -> st.SearchStrategy[tuple[Piece, ...]]:
    piece = st.builds(Piece, st.sampled_from(words), st.sampled_from(_STYLES), st.booleans())
    return st.lists(piece, min_size=1, max_size=6).map(tuple)


def _parts(words: list[str]) -> st.SearchStrategy[list[Part]]:
    kinds = st.sampled_from(["heading", "paragraph", "item", "contact", "dateline", "about"])
    return st.lists(st.builds(Part, kinds, _pieces(words)), min_size=1, max_size=6)


def _html_text(piece: Piece) -> str:
    text = html.escape(piece.text, quote=False)
    if piece.encode:
        text = "".join(f"&#{ord(c)};" if ord(c) > 127 else c for c in text)
    return {
        "plain": text,
        "bold": f"<strong>{text}</strong>",
        "italic": f"<em>{text}</em>",
        "link": f'<a href="https://lumen.example/?a=1&amp;b=2">{text}</a>',
        "span": f'<span class="x">{text}</span>',
    }[piece.style]


def _md_text(piece: Piece) -> str:
    text = piece.text.replace("&", "&amp;").replace("<b>", "&lt;b&gt;")
    if piece.encode:
        text = "".join(f"&#x{ord(c):X};" if ord(c) > 127 else c for c in text)
    return {
        "plain": text,
        "bold": f"**{text}**",
        "italic": f"*{text}*",
        "link": f"[{text}](https://lumen.example/x)",
        "span": f"<span>{text}</span>",
    }[piece.style]


def to_html(parts: list[Part], title: tuple[Piece, ...] = ()) -> str:
    """The parts as an HTML page; ``title`` (plain text, no tags) as its ``<title>``."""
    body = []
    for part in parts:
        text = " ".join(_html_text(piece) for piece in part.pieces)
        if part.kind == "heading":
            body.append(f"<h2>{text}</h2>")
        elif part.kind == "about":
            body.append(f"<h2>{_ABOUT}</h2>")
        elif part.kind == "dateline":
            dateline = f"<strong>{_DATELINE}</strong>" if part.bold_dateline else _DATELINE
            body.append(f"<p>{dateline} {text}</p>")
        elif part.kind == "item":
            body.append(f"<ul><li>{text}</li></ul>")
        elif part.kind == "contact":
            body.append(f"<p>{text}<br>\n{_PHONE}<br>\n<a href='mailto:{_EMAIL}'>{_EMAIL}</a></p>")
        else:
            body.append(f"<p>{text}</p>")
    head = ""
    if title:
        written = " ".join(_html_text(Piece(p.text, "plain", p.encode)) for p in title)
        head = f"<head><title>{written}</title></head>"
    return f"<html>{head}<body>\n" + "\n".join(body) + "\n</body></html>\n"


def to_markdown(parts: list[Part]) -> str:
    chunks = []
    for part in parts:
        text = " ".join(_md_text(piece) for piece in part.pieces)
        prefix = {"heading": "## ", "item": "- "}.get(part.kind, "")
        if part.kind == "dateline":
            prefix = f"**{_DATELINE}** " if part.bold_dateline else f"{_DATELINE} "
        suffix = f"  \n{_PHONE}  \n<{_EMAIL}>" if part.kind == "contact" else ""
        chunks.append(f"## {_ABOUT}" if part.kind == "about" else prefix + text + suffix)
    return "\n\n".join(chunks) + "\n"


def assert_plain(document: Document, parts: list[Part]) -> None:
    blocks = plain_blocks(document)
    got = squash(" ".join(text for _, text in blocks))
    assert got == squash(" ".join(part.plain for part in parts))
    for block, text in blocks:
        if block.kind is BlockKind.CONTACT:
            assert text.endswith(f"\n{_PHONE}\n{_EMAIL}"), text  # one line per line


def _read(source: str, fmt: DocumentFormat) -> Document:
    return parse_document(source, format=fmt)


_FORMATS: list[DocumentFormat] = ["html", "md"]


def _title_part(title: tuple[Piece, ...], fmt: str) -> list[Part]:
    """The page title's part, first in an HTML document (Markdown has none)."""
    return [Part("heading", title)] if fmt == "html" and title else []


@settings(max_examples=150, deadline=None)
@given(_parts(_PLAIN_WORDS), st.sampled_from(_FORMATS), _pieces(_PLAIN_WORDS))
def test_block_plain_text_has_no_markup_and_no_references(
    parts: list[Part], fmt: str, title: tuple[Piece, ...]
) -> None:
    source = to_html(parts, title) if fmt == "html" else to_markdown(parts)
    document = _read(source, fmt)  # type: ignore[arg-type]
    assert_plain(document, _title_part(title, fmt) + parts)
    for _, text in plain_blocks(document):
        assert not _TAG.search(text), text
        assert not _MD_MARKER.search(text), text
        assert not _REFERENCE.search(text), text


@settings(max_examples=150, deadline=None)
@given(
    _parts(_PLAIN_WORDS + _TRICKY_WORDS),
    st.sampled_from(_FORMATS),
    _pieces(_PLAIN_WORDS + _TRICKY_WORDS),
)
def test_references_are_decoded_exactly_once(
    parts: list[Part], fmt: str, title: tuple[Piece, ...]
) -> None:
    # Literal "<b>" and "&lt;" in the text come out as written by the author, not decoded twice.
    source = to_html(parts, title) if fmt == "html" else to_markdown(parts)
    document = _read(source, fmt)  # type: ignore[arg-type]
    assert_plain(document, _title_part(title, fmt) + parts)


@pytest.fixture(scope="module")
def eml_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("eml")


@settings(max_examples=60, deadline=None)
@given(
    parts=_parts(_PLAIN_WORDS + _TRICKY_WORDS),
    headline=_pieces(_PLAIN_WORDS + _TRICKY_WORDS),
    as_html=st.booleans(),
)
def test_email_blocks_are_plain(
    parts: list[Part], headline: tuple[Piece, ...], as_html: bool, eml_dir: Path
) -> None:
    # An HTML body (quoted-printable) read by the HTML reader, or a Markdown plain-text body.
    parts = [Part("heading", headline), *parts]
    path = eml_dir / "release.eml"
    if as_html:
        path.write_bytes(build_email("Communiqué", html_body=to_html(parts)))
    else:
        path.write_bytes(build_email("Communiqué", text_body=to_markdown(parts)))
    document = read_document(path)
    assert document.format == ("html" if as_html else "md")
    assert_plain(document, parts)
    text = " ".join(text for _, text in plain_blocks(document))
    assert "=C3" not in text and "=\n" not in text  # quoted-printable decoded
