"""The shipped reference set, and the loader's line-numbered errors for users' TSVs."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from polyglot_press.cli import app
from polyglot_press.errors import InputError
from polyglot_press.evaluate import (
    annotate,
    builtin_references_path,
    check_row,
    fidelity,
    load_references,
)
from polyglot_press.glossary import load_glossary

runner = CliRunner()


@pytest.fixture(scope="module")
def shipped():
    return load_references()


def test_shipped_set_is_large_and_trilingual(shipped) -> None:
    assert shipped.trilingual
    assert len(shipped.rows) >= 220
    assert builtin_references_path().name == "automotive_press.tsv"
    assert [pair.label for pair in shipped.pairs()] == ["fr→en", "en→ko", "fr→en→ko"]
    assert all(len(pair.items) == len(shipped.rows) for pair in shipped.pairs())


def test_every_row_of_the_shipped_set_checks_out(shipped) -> None:
    glossary = load_glossary()
    problems = [problem for row in shipped.rows for problem in check_row(row, glossary)]
    assert problems == []


def test_shipped_set_covers_what_evaluate_measures(shipped) -> None:
    rows = shipped.rows
    assert sum(len(row.terms) for row in rows) >= 300
    assert sum(1 for row in rows if row.numbers) >= 100
    assert sum(1 for row in rows if row.contacts) >= 20
    assert sum(1 for row in rows if row.markup) >= 15
    assert sum(1 for row in rows if row.names) >= 50
    assert any("<b>" in row.markup for row in rows) and any("**" in row.markup for row in rows)
    assert any("@" in contact for row in rows for contact in row.contacts)
    assert any(contact.startswith("https://") for row in rows for contact in row.contacts)
    assert any(contact.startswith("+") for row in rows for contact in row.contacts)
    assert any(row.id.startswith("about-") and "À propos" in row.source for row in rows)


def test_every_annotation_occurs_in_the_french_text(shipped) -> None:
    checked = 0
    for row in shipped.rows:
        for value in (*row.numbers, *row.contacts, *row.markup):
            assert value in row.source, (row.id, value)
            checked += 1
    assert checked > 200


def test_references_score_full_marks_on_their_own_source(shipped) -> None:
    glossary = load_glossary()
    for pair in shipped.pairs():
        names = {row.id: row.names for row in shipped.rows}
        for item in pair.items:
            kept = fidelity(
                item.source,
                pair.source_lang,
                item.reference,
                pair.target_lang,
                glossary,
                names=names[item.id] if pair.source_lang == "fr" else (),
            )
            assert kept.missing == (), (pair.label, item.id, kept.missing)


def test_annotations_match_the_annotator(shipped) -> None:
    glossary = load_glossary()
    row = next(row for row in shipped.rows if row.contacts and row.numbers)
    found = annotate(row.source, glossary)
    assert found["contacts"] == row.contacts
    assert found["numbers"] == row.numbers


def test_user_archive_is_read_with_its_target_column(tmp_path: Path) -> None:
    path = tmp_path / "archive.tsv"
    path.write_text(
        "# newsroom archive\nid\tsource\treference\ttarget\n"
        "a1\tLa voiture est prête.\tThe car is ready.\ten\n"
        "a2\tLa voiture est prête.\t자동차가 준비되었다.\tko\n",
        encoding="utf-8",
    )
    references = load_references(path, source_lang="fr")
    assert not references.trilingual
    assert [row.line for row in references.rows] == [3, 4]
    assert [pair.label for pair in references.pairs()] == ["fr→en", "fr→ko"]


def _write(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / "refs.tsv"
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"source\treference\nUn\tOne\textra\n", "line 2: 3 columns where the header has 2"),
        (b"source\treference\nUn\tOne\n\t\n", "line 3: empty 'source', 'reference'"),
        (b"source\treference\nUn\tOne\nDeux\t \n", "line 3: empty 'reference'"),
        (b"source\treference\nUn\tOne\nTrois \xe9t\xe9\tThree\n", "line 3: not UTF-8"),
        (b"texte\ttraduction\nUn\tOne\n", "line 1: the header lacks 'source', 'reference'"),
        (b"# only a comment\n\n", "the reference file is empty"),
        (b"source\treference\n", "line 1: a header but no sentence below it"),
        (
            b"id\tsource\treference\nx\tUn\tOne\nx\tDeux\tTwo\n",
            "line 3: id 'x' already used on line 2",
        ),
    ],
)
def test_bad_files_name_their_lines(tmp_path: Path, content: bytes, expected: str) -> None:
    with pytest.raises(InputError) as caught:
        load_references(_write(tmp_path, content))
    assert expected in caught.value.reason


def test_several_problems_are_listed_together(tmp_path: Path) -> None:
    content = b"source\treference\nUn\n\tTwo\nTrois\tThree\nQuatre\tFour\tx\n"
    with pytest.raises(InputError) as caught:
        load_references(_write(tmp_path, content))
    reason = caught.value.reason
    assert "line 2:" in reason and "line 3:" in reason and "line 5:" in reason
    assert "line 4:" not in reason


def test_cli_reports_bad_tsv_with_line_numbers_and_exit_1(tmp_path: Path) -> None:
    path = _write(tmp_path, b"source\treference\nUn\tOne\nDeux\tTwo\tthree\n")
    result = runner.invoke(app, ["evaluate", "--references", str(path), "--models", str(tmp_path)])
    assert result.exit_code == 1
    assert "line 3: 3 columns where the header has 2" in result.output
    assert "hint:" in result.output


def test_cli_reports_bad_encoding_with_line_number(tmp_path: Path) -> None:
    path = _write(tmp_path, b"source\treference\n\xff\xfeUn\tOne\n")
    result = runner.invoke(app, ["evaluate", "--references", str(path)])
    assert result.exit_code == 1
    assert "line 2: not UTF-8 (byte 0xff at column 1)" in result.output


def test_cli_rejects_an_unknown_system() -> None:
    result = runner.invoke(app, ["evaluate", "--systems", "google"])
    assert result.exit_code == 2
    assert "polyglot_press, no_enforcement, argostranslate" in result.output


def test_check_row_finds_what_a_reference_lost(shipped) -> None:
    from dataclasses import replace

    glossary = load_glossary()
    row = next(row for row in shipped.rows if row.id == "plant-01")
    assert check_row(row, glossary) == []
    broken = replace(
        row,
        texts={
            **row.texts,
            "ko": row.texts["ko"].replace("15만", "12만").replace("공장", "플랜트"),
        },
        names=("Nobody=아무도",),
    )
    problems = " ".join(check_row(broken, glossary))
    assert "ko reference lacks the numbers ['150,000']" in problems
    assert "ko reference lacks '공장'" in problems
    assert "name 'Nobody' is not in the fr text" in problems
    assert problems.startswith(f"line {row.line} (plant-01)")
