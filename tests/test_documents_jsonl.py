"""JSONL records (issue 21): text, title and id fields named or recognised; the title becomes
the headline; a record without usable text names its fields and the option to use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from polyglot_press import PipelineConfig
from polyglot_press.batch import expand_inputs, record_text
from polyglot_press.documents import (
    BlockKind,
    RecordFields,
    parse_document,
    read_record,
    restore_paragraphs,
    with_headline,
)
from polyglot_press.errors import InputError

BODY = (
    "Le constructeur a présenté lundi un nouveau moteur. Il développe 630 ch.\n\n"
    "La production commencera en 2026 dans l'usine de Modène."
)


def _feed(tmp_path: Path, *records: object) -> Path:
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    return path


@pytest.mark.parametrize("text_field", ["text", "article", "body", "Content"])
def test_common_field_names_are_recognised(text_field: str) -> None:
    record = read_record(
        {"url": "https://example.com/a", "headline": "Un nouveau moteur", text_field: BODY},
        source="x",
    )
    assert record.id == "https://example.com/a" and record.title == "Un nouveau moteur"
    document = parse_document(record.text, format=record.format)
    assert document.blocks[0].kind is BlockKind.TITLE
    assert document.title == "Un nouveau moteur"


def test_named_fields_win_and_reach_into_objects() -> None:
    record = read_record(
        {"id": 1, "text": "ignored", "meta": {"slug": "moteur-v6"}, "corps": BODY, "t": "Titre"},
        RecordFields(text="corps", title="t", id="meta.slug"),
        source="x",
    )
    assert (record.id, record.title) == ("moteur-v6", "Titre")
    assert BODY in record.text


def test_a_record_without_text_names_its_fields_and_the_option() -> None:
    with pytest.raises(InputError) as caught:
        read_record({"id": 3, "titre": "x", "resume": "y"}, source="feed.jsonl:3")
    assert "its fields: id, titre, resume" in caught.value.reason
    assert caught.value.hint is not None and "--text-field" in caught.value.hint
    with pytest.raises(InputError, match="field 'corps'"):
        read_record({"text": "x"}, RecordFields(text="corps"), source="x")


def test_a_jsonl_batch_is_named_by_id_with_the_title_as_headline(tmp_path: Path) -> None:
    feed = _feed(
        tmp_path,
        {"id": "36", "title": "Maserati présente son V6", "article": BODY},
        {"guid": "g-2", "title": "Sans corps"},
        {"id": "38", "article": BODY},
    )
    items = expand_inputs([str(feed)])
    assert [item.doc_id for item in items] == ["36", "feed-2", "38"]
    assert items[1].problem is not None and "--text-field" in items[1].problem
    assert items[0].record is not None and items[0].text is None  # read when its turn comes
    assert parse_document(record_text(items[0].record)).title == "Maserati présente son V6"
    config = PipelineConfig(text_field="article", title_field="title", id_field="id")
    again = expand_inputs([str(feed)], fields=config.record_fields)
    assert [item.doc_id for item in again] == ["36", "feed-2", "38"]


def test_a_bom_a_lone_surrogate_and_a_line_not_in_utf8_cost_no_other_record(
    tmp_path: Path,
) -> None:
    # Once: the BOM made line 1 invalid JSON, a "\\ud800" stopped the batch with a
    # traceback (UTF-8 cannot write it), one Latin-1 line refused the whole file.
    feed = tmp_path / "feed.jsonl"
    lines = [
        "\ufeff" + json.dumps({"id": "bom", "article": BODY}),
        '{"id": "half\\ud83d", "title": "Titre \\udc80", "article": "Un \\ud800 mot."}',
    ]
    feed.write_bytes("\n".join(lines).encode() + b'\n{"id": "latin", "article": "caf\xe9"}\n')
    items = expand_inputs([str(feed)])
    assert [item.doc_id for item in items] == ["bom", "half", "feed-3"]
    assert items[0].problem is None and items[1].problem is None
    assert items[2].problem is not None and "UTF-8" in items[2].problem
    assert items[0].record is not None and items[1].record is not None
    assert BODY in record_text(items[0].record)
    text = record_text(items[1].record)
    assert "Un \ufffd mot." in text and "Titre \ufffd" in text
    text.encode("utf-8")  # writable


def test_html_and_markdown_bodies_keep_their_format() -> None:
    html_body = "<p>Le constructeur a présenté un moteur.</p>\n<p>Il développe 630 ch.</p>"
    text, fmt = with_headline(html_body, "Un moteur")
    assert fmt == "html" and parse_document(text, format=fmt).title == "Un moteur"
    text, fmt = with_headline("## Détails\n\nUn **moteur** neuf.", "Un moteur")
    assert fmt == "md" and parse_document(text, format=fmt).blocks[0].kind is BlockKind.TITLE
    # A body that already starts with its title does not get it twice.
    assert with_headline("Un moteur\n\n" + BODY, "Un moteur")[0].count("Un moteur") == 1


_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèàçABCDEFÉ ", min_size=1, max_size=60)


@given(headline=_WORDS.filter(lambda s: s.strip() and s.strip()[0].isalpha()))
def test_any_headline_becomes_the_title(headline: str) -> None:
    text, fmt = with_headline(BODY, headline)
    document = parse_document(text, format=fmt)
    assert document.blocks[0].kind is BlockKind.TITLE
    assert " ".join(document.blocks[0].text.split()) == " ".join(headline.split())


# An export in the shape of ../shared/data/fr_auto_news/ (paragraph markup dropped by the
# scraper: "…la future MC20.Cette nouvelle…"), written for this test.
GLUED = (
    "Maserati a présenté un moteur V6 pour la future MC20.Cette nouvelle motorisation, baptisée "
    "« Nettuno », développe 630 ch.Elle sera produite à Modène dès 2021 ».La voiture arrivera "
    "en septembre, selon M.Dupont, avec le système IQ.DRIVE et un site www.Maserati.com."
)


def test_glued_paragraphs_of_a_one_line_export_are_restored() -> None:
    record = read_record({"id": "36", "title": "Un V6", "article": GLUED}, source="x")
    document = parse_document(record.text, format=record.format)
    paragraphs = [b.text for b in document.blocks if b.kind is BlockKind.PARAGRAPH]
    assert [p.split()[0] for p in paragraphs] == ["Maserati", "Cette", "Elle", "La"]
    assert paragraphs[1].endswith("630 ch.") and paragraphs[2].endswith("2021 ».")
    # Names and addresses with a capital after a full stop are left alone.
    assert "M.Dupont" in paragraphs[3] and "IQ.DRIVE" in paragraphs[3]
    assert "www.Maserati.com" in paragraphs[3]


def test_a_text_with_its_own_line_breaks_is_left_alone() -> None:
    text = "Premier paragraphe.Suite collée.\n\nSecond paragraphe."
    assert restore_paragraphs(text) == text
    assert restore_paragraphs(BODY) == BODY


_GLUE_WORDS = st.sampled_from(
    ["Le", "moteur", "MC20", "ch", "»", "M", "Dupont", "IQ", "DRIVE", "www"]
)


@given(st.lists(st.tuples(_GLUE_WORDS, st.sampled_from([" ", ".", ". ", "!", "»"])), max_size=30))
def test_restoring_paragraphs_only_adds_breaks(pieces: list[tuple[str, str]]) -> None:
    text = "".join(word + glue for word, glue in pieces)
    restored = restore_paragraphs(text)
    assert restored.replace("\n\n", "") == text
    assert restore_paragraphs(restored) == restored
