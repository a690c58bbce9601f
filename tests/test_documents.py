"""Reading, block splitting and rendering of press releases."""

from __future__ import annotations

import html
import pickle
import re
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from polyglot_press.documents import (
    BRIEF_KINDS,
    HTML_TAG,
    BlockKind,
    inline_html_markup,
    parse_document,
    plain_text,
    read_document,
    render_document,
    repair_lost_nbsp,
    sniff_format,
)
from polyglot_press.errors import InputError

SHARED = Path(__file__).parents[2] / "shared"


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def same_html(rendered: str, source: str) -> bool:
    """HTML round trip: the same tags, and the same text once character references are read."""
    return HTML_TAG.findall(rendered) == HTML_TAG.findall(source) and squash(
        html.unescape(rendered)
    ) == squash(html.unescape(source))


def kinds(text: str, fmt: str | None = None) -> list[str]:
    return [str(block.kind) for block in parse_document(text, format=fmt).blocks]  # type: ignore[arg-type]


BR = "  \n"  # a Markdown hard line break
RELEASE_MD = f"""\
# Lumen Motors ouvre une usine à Lyon

LYON, FRANCE – 3 mars 2024 - Lumen Motors annonce l'ouverture d'une usine de batteries. \
Le site emploiera 1 200 personnes.

**Claire Martin, directrice générale**, a déclaré : « Nous sommes fiers de ce projet. »

- une capacité de 40 GWh ;
- un investissement de 2,1 milliards d'euros.

**CONTACTS PRESSE**

**Paul Girard**{BR}+33 1 23 45 67 89{BR}paul.girard@lumen.example

## À propos de Lumen Motors

Lumen Motors conçoit des voitures électriques depuis 2015.

Davantage d'information : <https://lumen.example/fr/>

## Calendrier

Les premières livraisons auront lieu en 2026.
"""


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


def test_lost_no_break_spaces_are_restored() -> None:
    text, count = repair_lost_nbsp("près de 2?000 salariés?; il a dit?: «?oui?»")
    assert text == "près de 2\u202f000 salariés\u202f; il a dit\u00a0: «\u00a0oui\u00a0»"
    assert count == 5
    assert repair_lost_nbsp("Vraiment? Oui.")[1] == 0


# Markdown and plain text --------------------------------------------------------------------


def test_markdown_release_blocks() -> None:
    doc = parse_document(RELEASE_MD, source="release.md")
    assert doc.format == "md"
    assert [str(b.kind) for b in doc.blocks] == [
        "title",
        "dateline",
        "paragraph",
        "paragraph",
        "list_item",
        "list_item",
        "contact",
        "contact",
        "boilerplate",
        "boilerplate",
        "boilerplate",
        "heading",
        "paragraph",
    ]
    title, dateline, first = doc.blocks[:3]
    assert (title.prefix, title.level) == ("# ", 1)
    assert dateline.text == "LYON, FRANCE – 3 mars 2024 -" and dateline.separator == " "
    assert first.text.startswith("Lumen Motors annonce")
    assert doc.blocks[3].text.startswith("**Claire Martin")  # inline markup stays in text
    assert doc.blocks[4].prefix == "- "
    assert doc.blocks[7].text.count("  \n") == 2  # hard line breaks kept
    assert doc.title == "Lumen Motors ouvre une usine à Lyon"
    assert doc.dateline == "LYON, FRANCE – 3 mars 2024 -"
    assert render_document(doc) == RELEASE_MD


def test_english_about_section_and_lone_url() -> None:
    text = (
        "Plain announcement text here.\n\n"
        "About Orbit Cars\n\n"
        "Orbit Cars builds vans.\n\n"
        "https://orbit.example"
    )
    assert kinds(text) == ["paragraph", "boilerplate", "boilerplate", "boilerplate"]


def test_plain_text_title_and_wire_dateline() -> None:
    text = (
        "Nouvelle usine pour Lumen Motors\n\n"
        "date 2024-03 (AgenceInfo.fr) — Lumen Motors construit une usine. Elle ouvrira en 2026."
    )
    doc = parse_document(text)
    assert doc.format == "txt"
    assert [str(b.kind) for b in doc.blocks] == ["title", "dateline", "paragraph"]
    assert doc.blocks[1].text == "date 2024-03 (AgenceInfo.fr) —"


def test_fenced_code_and_rules_are_raw() -> None:
    text = "# T\n\nProse.\n\n```\ncode\n\nmore code\n```\n\n---\n\nEnd."
    assert kinds(text, "md") == ["title", "paragraph", "raw", "raw", "paragraph"]


def test_plain_text_strips_markdown_markup() -> None:
    markup = "**Claire** a dit *oui* à [Lumen](https://lumen.example) : <https://x.example>  \nfin"
    assert plain_text(markup, "md") == "Claire a dit oui à Lumen : https://x.example\nfin"
    assert plain_text("snake_case_name stays", "md") == "snake_case_name stays"


# HTML ---------------------------------------------------------------------------------------

RELEASE_HTML = """<!DOCTYPE html>
<html><head><title>Lumen</title><style>p { margin: 0 }</style></head>
<body>
<h1>Lumen <em>ouvre</em> une usine</h1>
<p>LYON – 3 mars 2024 - Lumen Motors annonce une usine &amp; <a href="/x">un centre</a>.
<p>Deuxième paragraphe
<ul><li>un</li><li>deux</ul>
<h2>À propos de Lumen</h2>
<div><p>Lumen conçoit des voitures.</p></div>
<hr>
<h2>Calendrier</h2>
<p>Livraisons en 2026.</p>
<address>Paul Girard<br>+33 1 23 45 67 89<br>paul@lumen.example</address>
</body></html>
"""


def test_html_blocks_keep_tags_and_round_trip() -> None:
    doc = parse_document(RELEASE_HTML)
    assert doc.format == "html"
    assert [str(b.kind) for b in doc.blocks] == [
        "raw",
        "page_title",
        "raw",
        "title",
        "dateline",
        "paragraph",
        "paragraph",
        "raw",
        "list_item",
        "list_item",
        "raw",
        "boilerplate",
        "raw",
        "boilerplate",
        "raw",
        "heading",
        "paragraph",
        "contact",
        "raw",
    ]
    title = doc.blocks[3]
    assert (title.prefix, title.text, title.suffix, title.level) == (
        "<h1>",
        "Lumen <em>ouvre</em> une usine",
        "</h1>",
        1,
    )
    assert "<style>" in doc.blocks[2].text
    assert render_document(doc) == RELEASE_HTML
    assert plain_text(doc.blocks[5].text, "html") == "Lumen Motors annonce une usine & un centre."


def test_html_page_title_is_translatable_but_not_the_document_title() -> None:
    doc = parse_document(RELEASE_HTML)
    page_title = doc.blocks[1]
    assert (page_title.kind, page_title.prefix, page_title.text, page_title.suffix) == (
        BlockKind.PAGE_TITLE,
        "<title>",
        "Lumen",
        "</title>",
    )
    assert page_title.translatable and page_title.kind not in BRIEF_KINDS
    assert doc.title == "Lumen <em>ouvre</em> une usine"  # the visible <h1>
    only_head = "<html><head><title>Lumen &amp; Orbit</title></head><body></body></html>"
    doc = parse_document(only_head, format="html")
    assert doc.title == "Lumen & Orbit"
    assert render_document(doc) == only_head
    assert kinds("<svg><title>Icône</title></svg><p>Texte.</p>", "html") == ["raw", "paragraph"]


HEADER = '<!DOCTYPE html>\n<html lang="fr" class="page">\n<head><meta charset="utf-8"></head>\n'


@pytest.mark.parametrize(
    ("header", "lang", "expected"),
    [
        (HEADER, "en", HEADER.replace('lang="fr"', 'lang="en"')),
        (HEADER, "fr", HEADER),  # untranslated: unchanged
        (HEADER, None, HEADER),
        (HEADER, "und", HEADER),
        (HEADER.replace('"fr"', '"fr-FR"'), "fr", HEADER.replace('"fr"', '"fr-FR"')),
        (
            "<html xml:lang='fr' lang=fr data-lang=\"fr\"><body>\n",
            "ko",
            "<html xml:lang='ko' lang=ko data-lang=\"fr\"><body>\n",
        ),
        ("<!-- <html lang=fr> --><html><body>\n", "en", "<!-- <html lang=fr> --><html><body>\n"),
    ],
)
def test_render_writes_the_document_language_into_the_html_tag(
    header: str, lang: str | None, expected: str
) -> None:
    body = "<p>Lumen Motors ouvre une usine.</p>\n</body></html>\n"
    doc = replace(parse_document(header + body, format="html"), lang=lang)
    assert render_document(doc) == expected + body


def test_render_leaves_other_formats_alone_whatever_the_language() -> None:
    doc = replace(parse_document("<html lang=fr> est du texte.", format="txt"), lang="en")
    assert render_document(doc) == "<html lang=fr> est du texte."


def test_sniff_format() -> None:
    assert sniff_format("<html><body><p>x</p></body></html>") == "html"
    assert sniff_format("Title\n\nSome **bold** text") == "md"
    assert sniff_format("Just words.\n\nMore words.") == "txt"


# Round-trip properties ----------------------------------------------------------------------

_WORD = st.sampled_from(
    [
        "Lumen",
        "usine",
        "voiture",
        "électrique",
        "**gras**",
        "*ital*",
        "[lien](https://x.fr)",
        "300 000",
        "2,1",
        "M.",
        "«",
        "»",
        "!",
        "?",
        "a@b.fr",
        "+33 1 23 45 67 89",
        "2024",
        "–",
    ]
)
_LINE = st.one_of(
    st.lists(_WORD, min_size=1, max_size=12).map(" ".join),
    st.tuples(st.sampled_from(["# ", "## ", "### "]), st.lists(_WORD, min_size=1, max_size=5)).map(
        lambda t: t[0] + " ".join(t[1])
    ),
    st.tuples(st.sampled_from(["- ", "* ", "1. "]), st.lists(_WORD, min_size=1, max_size=6)).map(
        lambda t: t[0] + " ".join(t[1])
    ),
    st.sampled_from(["À propos de Lumen", "Contacts presse", "https://lumen.example", "---"]),
)
_MARKDOWNISH = st.lists(
    st.tuples(_LINE, st.sampled_from(["\n", "\n\n", "  \n", "\n\n\n"])), min_size=1, max_size=15
).map(lambda parts: "".join(line + end for line, end in parts))


@settings(max_examples=150, deadline=None)
@given(_MARKDOWNISH, st.sampled_from(["md", "txt", None]))
def test_round_trip_markdownish(text: str, fmt: str | None) -> None:
    doc = parse_document(text, format=fmt)  # type: ignore[arg-type]
    assert squash(render_document(doc)) == squash(text)
    assert all(block.text or block.kind is BlockKind.RAW for block in doc.blocks)


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(codec="utf-8"), max_size=300))
def test_round_trip_any_text(text: str) -> None:
    for fmt in ("md", "txt"):
        assert squash(render_document(parse_document(text, format=fmt))) == squash(text)
    assert same_html(render_document(parse_document(text, format="html")), text)


_HTML_PART = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<h2>",
        "</h2>",
        "<li>",
        "</li>",
        "<ul>",
        "</ul>",
        "<div>",
        "</div>",
        "<b>",
        "</b>",
        "<br>",
        "<!-- note -->",
        "Lumen",
        " usine ",
        "&amp;",
        "&eacute;",
        "&lt;",
        "&gt;",
        "&#39;",
        "&nbsp;",
        "&amp;lt;",
        "&amp;eacute;",
        "&",
        "R&D",
        " a < b ",
        '<a href="/x?a=1&amp;b=2">',
        "</a>",
        "\n",
        "<script>x<y</script>",
        "<head>",
        "</head>",
        "<title>",
        "</title>",
        "<strong>",
        "</strong>",
        "PARIS – 2 mars 2025 - ",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_HTML_PART, max_size=30).map("".join))
def test_round_trip_html(text: str) -> None:
    # Round trip in HTML: tags exactly, text up to whitespace and entity spelling.
    assert same_html(render_document(parse_document(text, format="html")), text)


def test_html_character_references_are_decoded_in_prose_and_escaped_on_render() -> None:
    source = (
        '<p>Les v&eacute;hicules &eacute;lectriques de R&amp;D &amp; <a href="/x?a=1&amp;b=2">'
        "l&#39;usine</a> : 1 &lt; 2, &amp;lt; reste &amp;lt;.</p>\n"
    )
    doc = parse_document(source, format="html")
    text = doc.blocks[0].text
    assert text == (
        'Les véhicules électriques de R&D & <a href="/x?a=1&amp;b=2">'
        "l'usine</a> : 1 &lt; 2, &amp;lt; reste &amp;lt;."
    )
    assert plain_text(text, "html").endswith("l'usine : 1 < 2, &lt; reste &lt;.")
    assert render_document(doc) == (
        '<p>Les véhicules électriques de R&amp;D &amp; <a href="/x?a=1&amp;b=2">'
        "l'usine</a> : 1 &lt; 2, &amp;lt; reste &amp;lt;.</p>\n"
    )
    # Raw blocks (head, scripts) are never decoded nor escaped.
    raw = "<html><head><title>A &amp; B</title></head><body><p>x</p></body></html>"
    assert render_document(parse_document(raw, format="html")) == raw


def test_inline_html_markup_finds_tags_and_encoded_references() -> None:
    text = 'Voir <a href="/x">le site</a> &amp;lt; 1 &lt; 2<br> R&D &foo;'
    assert [text[a:b] for a, b in inline_html_markup(text)] == [
        '<a href="/x">',
        "</a>",
        "&amp;lt;",
        "&lt;",
        "<br>",
    ]


@pytest.mark.parametrize(
    ("paragraph", "fmt", "dateline", "separator", "rest"),
    [
        (
            "<p><strong>BOULOGNE – 2 octobre 2025 -</strong> Mobilize ouvre des stations.</p>",
            "html",
            "<strong>BOULOGNE – 2 octobre 2025 -</strong>",
            " ",
            "Mobilize ouvre des stations.",
        ),
        (
            "<p><b>PARIS – 2 mars 2025 – </b>Lumen <em>ouvre</em> une usine.</p>",
            "html",
            "<b>PARIS – 2 mars 2025 – </b>",
            "",
            "Lumen <em>ouvre</em> une usine.",
        ),
        (
            "<p><b>PARIS</b>, 2 mars 2025 - <em>Lumen</em> ouvre une usine.</p>",
            "html",
            "<b>PARIS</b>, 2 mars 2025 -",
            " ",
            "<em>Lumen</em> ouvre une usine.",
        ),
        (
            "**LYON, 3 mars 2024** – Lumen Motors ouvre une usine.",
            "md",
            "**LYON, 3 mars 2024** –",
            " ",
            "Lumen Motors ouvre une usine.",
        ),
        (
            "ZWICKAU, DEUTSCHLAND – 3. März 2025 - Das Werk beginnt die Produktion.",
            "txt",
            "ZWICKAU, DEUTSCHLAND – 3. März 2025 -",
            " ",
            "Das Werk beginnt die Produktion.",
        ),
        (
            "MADRID, ESPAÑA – 3 de marzo de 2025 - La fábrica abre sus puertas.",
            "txt",
            "MADRID, ESPAÑA – 3 de marzo de 2025 -",
            " ",
            "La fábrica abre sus puertas.",
        ),
        (
            "BARCELONA – 1º de octubre de 2025 – La marca presenta un coche.",
            "txt",
            "BARCELONA – 1º de octubre de 2025 –",
            " ",
            "La marca presenta un coche.",
        ),
        (
            "MÜNCHEN – 12. Dezember 2024 – Der Hersteller stellt ein Auto vor.",
            "md",
            "MÜNCHEN – 12. Dezember 2024 –",
            " ",
            "Der Hersteller stellt ein Auto vor.",
        ),
    ],
)
def test_dateline_is_found_in_plain_text_and_keeps_its_markup(
    paragraph: str, fmt: str, dateline: str, separator: str, rest: str
) -> None:
    doc = parse_document(paragraph, format=fmt)  # type: ignore[arg-type]
    first, second = doc.blocks
    assert (first.kind, first.text, first.separator) == (BlockKind.DATELINE, dateline, separator)
    assert (second.kind, second.text) == (BlockKind.PARAGRAPH, rest)
    assert render_document(doc) == paragraph


@pytest.mark.parametrize(
    ("paragraph", "fmt"),
    [
        ("<p><strong>PARIS – 2 mars 2025 – Lumen</strong> ouvre une usine.</p>", "html"),
        ("**PARIS – 2 mars 2025 – Lumen** ouvre une usine.", "md"),
    ],
)
def test_dateline_is_not_split_inside_markup_that_runs_on(paragraph: str, fmt: str) -> None:
    doc = parse_document(paragraph, format=fmt)  # type: ignore[arg-type]
    assert [b.kind for b in doc.blocks] == [BlockKind.PARAGRAPH]
    assert render_document(doc) == paragraph


def test_korean_dateline_is_split() -> None:
    doc = parse_document(
        "부산 – 2025년 3월 2일 - 르노코리아가 새 전기차를 공개했다.\n", format="txt"
    )
    assert [(str(b.kind), b.text) for b in doc.blocks] == [
        ("dateline", "부산 – 2025년 3월 2일 -"),
        ("paragraph", "르노코리아가 새 전기차를 공개했다."),
    ]


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


def test_example_html_release_round_trips_with_title_and_dateline() -> None:
    path = Path(__file__).parents[1] / "examples" / "releases" / "mobilize-recharge.html"
    doc = read_document(path)
    assert render_document(doc) == path.read_text(encoding="utf-8")
    assert [str(b.kind) for b in doc.blocks[:5]] == [
        "raw",
        "page_title",
        "raw",
        "title",
        "dateline",
    ]
    assert doc.title is not None and doc.title.endswith("en Europe")  # the <h1>
    assert doc.dateline == "<strong>BOULOGNE-BILLANCOURT – 2 octobre 2025 -</strong>"
    assert '<html lang="en">' in render_document(replace(doc, lang="en"))


def test_a_paragraph_starting_with_about_is_not_boilerplate() -> None:
    text = (
        "# Strike ends\n\nAbout 500 workers returned to the assembly line on Monday after a "
        "two-week strike over pay, the union said in a statement.\n\n"
        "For more information: https://example.com/press\n"
    )
    kinds = [block.kind for block in parse_document(text, format="md").blocks]
    assert kinds == [BlockKind.TITLE, BlockKind.PARAGRAPH, BlockKind.BOILERPLATE]
