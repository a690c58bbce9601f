"""Markdown and plain text: block splitting, classification, datelines, round trips."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from polyglot_press.documents import (
    BlockKind,
    parse_document,
    plain_text,
    render_document,
    sniff_format,
)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


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
    # A contact is plain text, one line per line; its markup is kept for rendering.
    assert doc.blocks[7].text == "Paul Girard\n+33 1 23 45 67 89\npaul.girard@lumen.example"
    assert doc.blocks[7].written.count("  \n") == 2  # hard line breaks kept
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


def test_a_paragraph_starting_with_about_is_not_boilerplate() -> None:
    text = (
        "# Strike ends\n\nAbout 500 workers returned to the assembly line on Monday after a "
        "two-week strike over pay, the union said in a statement.\n\n"
        "For more information: https://example.com/press\n"
    )
    kinds = [block.kind for block in parse_document(text, format="md").blocks]
    assert kinds == [BlockKind.TITLE, BlockKind.PARAGRAPH, BlockKind.BOILERPLATE]
