"""Inputs at and past their limits: long ids, huge cells and records are messages, not crashes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from polyglot_press import Pipeline
from polyglot_press.batch import BatchRunner, Manifest, expand_inputs, record_text, safe_id
from polyglot_press.batch._inputs import MAX_ID_BYTES, MAX_RECORD_CHARS
from polyglot_press.errors import GlossaryError, InputError
from polyglot_press.glossary import load_glossary, validate_glossary_file
from polyglot_press.testing import FakeBackend


@given(st.text(max_size=400))
def test_ids_fit_in_a_file_name(text: str) -> None:
    doc_id = safe_id(text)
    assert doc_id and len(doc_id.encode("utf-8")) <= MAX_ID_BYTES
    assert "/" not in doc_id and doc_id not in (".", "..")


def test_long_ids_are_cut_by_bytes_and_stay_distinct() -> None:
    hangul = "가" * 200  # 600 bytes: once cut to 120 characters, still 360 bytes
    first, second = safe_id(hangul), safe_id(hangul + "나")
    assert len(first.encode()) <= MAX_ID_BYTES and first != second
    assert safe_id("short-id") == "short-id"


def test_a_batch_with_a_long_hangul_id_writes_its_files(models_dir: Path, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    text = "# Titre\n\nLe constructeur ouvre une usine à Lyon.\n"
    feed.write_text(json.dumps({"id": "가" * 200, "text": text}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    pipeline = Pipeline(models_dir=models_dir, langs=("en",), backend=FakeBackend())
    BatchRunner(pipeline, out).run(expand_inputs([str(feed)]))
    (entry,) = Manifest(out).entries.values()
    assert "File name too long" not in (entry.error or "")
    assert entry.outputs and all((out / name).is_file() for name in entry.outputs)


def test_an_oversized_jsonl_record_is_a_failed_input(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    big = json.dumps({"id": "big", "text": "a" * (MAX_RECORD_CHARS + 10)})
    feed.write_text(big + "\n" + json.dumps({"id": "ok", "text": "Bonjour."}) + "\n")
    items = expand_inputs([str(feed)])
    assert items[0].problem and "limit" in items[0].problem
    assert items[1].problem is None and items[1].record is not None
    assert record_text(items[1].record) == "Bonjour."


def test_a_glossary_cell_past_the_csv_field_limit_is_a_problem(tmp_path: Path) -> None:
    glossary = tmp_path / "big.csv"
    glossary.write_text("fr,en,ko\n" + "a" * 200_000 + ",b,c\nvoiture,car,차\n", encoding="utf-8")
    check = validate_glossary_file(glossary)
    assert any("field limit" in problem.message for problem in check.problems)
    with pytest.raises(GlossaryError):
        load_glossary([glossary])


def test_a_huge_glossary_file_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from polyglot_press.glossary import _io

    monkeypatch.setattr(_io, "MAX_GLOSSARY_BYTES", 100)
    glossary = tmp_path / "big.tsv"
    glossary.write_text("fr\ten\tko\n" + "voiture\tcar\t차\n" * 20, encoding="utf-8")
    with pytest.raises(GlossaryError, match="over the 100 limit"):
        load_glossary([glossary])


def test_jsonl_records_are_not_held_while_listed(tmp_path: Path) -> None:
    import tracemalloc

    feed = tmp_path / "feed.jsonl"
    body = "Le constructeur présente sa berline électrique à Lyon. " * 40
    with feed.open("w", encoding="utf-8") as handle:
        for number in range(2_000):
            handle.write(json.dumps({"id": f"r{number}", "text": body}) + "\n")
    tracemalloc.start()
    items = expand_inputs([str(feed)])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(items) == 2_000 and all(item.text is None for item in items)
    # 4.5 MB of record text: held, the listing took more than that; now about 1 MB.
    assert peak < 2_500_000, f"peak {peak:,} bytes"
    assert items[-1].record is not None and record_text(items[-1].record).startswith("Le ")


def test_a_jsonl_file_with_too_many_records_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from polyglot_press.batch import _inputs

    monkeypatch.setattr(_inputs, "MAX_JSONL_RECORDS", 3)
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": n, "text": "Bonjour."}) + "\n" for n in range(4)))
    with pytest.raises(InputError, match="more than 3 records"):
        expand_inputs([str(feed)])


def test_a_jsonl_record_nested_too_deeply_is_a_failed_input(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    deep = '{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}"
    feed.write_text(deep + "\n" + json.dumps({"id": "ok", "text": "Bonjour."}) + "\n")
    items = expand_inputs([str(feed)])  # json.loads raised RecursionError out of the listing
    assert items[0].problem == "not valid JSON (nested too deeply)"
    assert items[1].problem is None and items[1].doc_id == "ok"
