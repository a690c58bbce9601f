"""HTML documents: blocks, character references, the language attribute, round trips."""

from __future__ import annotations

import html
import re
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
)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def same_html(rendered: str, source: str) -> bool:
    """HTML round trip: the same tags, and the same text once character references are read."""
    return HTML_TAG.findall(rendered) == HTML_TAG.findall(source) and squash(
        html.unescape(rendered)
    ) == squash(html.unescape(source))


def kinds(text: str, fmt: str | None = None) -> list[str]:
    return [str(block.kind) for block in parse_document(text, format=fmt).blocks]  # type: ignore[arg-type]


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
