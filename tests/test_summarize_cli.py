"""Tests of the ``polyglot-press summarize`` command."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from release_texts import BODY_SENTENCES, MARKDOWN_RELEASE
from typer.testing import CliRunner, Result

from polyglot_press.cli.summarize import summarize_command

# --- command line --------------------------------------------------------------------------------


Invoke = Callable[..., Result]


@pytest.fixture
def run(tmp_path: Path) -> Invoke:
    """Run ``summarize`` on a file holding ``text``; the argument ``FILE`` stands for its path."""
    app = typer.Typer()
    app.command()(summarize_command)
    runner = CliRunner()

    def invoke(*args: str, text: str = MARKDOWN_RELEASE) -> Result:
        path = tmp_path / "release.md"
        path.write_text(text, encoding="utf-8")
        return runner.invoke(app, [str(path) if arg == "FILE" else arg for arg in args])

    return invoke


def test_cli_prints_one_sentence_per_line(run: Invoke) -> None:
    result = run("FILE", "--sentences", "2")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert set(lines) <= set(BODY_SENTENCES)


def test_cli_json_names_source_language_and_algorithm(run: Invoke) -> None:
    result = run("FILE", "--json", "--words", "20", "--algorithm", "lexrank")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["source"].endswith("release.md")
    assert (payload["lang"], payload["algorithm"]) == ("en", "lexrank")
    assert 1 <= len(payload["sentences"]) <= 2


def test_cli_sentences_and_words_are_exclusive(run: Invoke) -> None:
    result = run("FILE", "--sentences", "2", "--words", "20")
    assert result.exit_code == 2
    assert "not both" in result.output


def test_cli_unknown_algorithm_lists_the_valid_names(run: Invoke) -> None:
    result = run("FILE", "--algorithm", "magic")
    assert result.exit_code == 2
    assert "lead-aware" in result.output and "textrank" in result.output


def test_cli_says_when_there_is_nothing_to_summarise(run: Invoke) -> None:
    result = run("FILE", text="# Title only\n\n## About us\n\nWe make cars.\n")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "nothing to summarise" in result.stderr


def test_cli_detects_the_language_by_default(run: Invoke) -> None:
    text = (
        "# Harbour Motors ouvre une usine de batteries\n\n"
        "Harbour Motors a ouvert lundi à Lyon sa première usine de batteries en Europe. "
        "Le site fabriquera les batteries de deux modèles électriques.\n\n"
        "L'usine emploie 800 personnes et atteindra sa pleine production en 2026.\n"
    )
    result = run("FILE", "--json", text=text)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["lang"] == "fr"
    assert payload["sentences"][0].startswith("Harbour Motors a ouvert lundi")


def test_cli_explicit_language_is_used_as_given(run: Invoke) -> None:
    result = run("FILE", "--json", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["lang"] == "en"


def test_cli_detected_language_without_summariser_asks_for_lang(run: Invoke) -> None:
    text = (
        "Der Hersteller hat heute in Berlin ein neues Werk eröffnet. Die Produktion beginnt "
        "im Frühjahr mit dreihundert Mitarbeitern und soll danach schnell wachsen.\n"
    )
    result = run("FILE", text=text)
    assert result.exit_code == 1
    assert "detected language 'de'" in result.stderr
    assert "--lang" in result.stderr
    assert result.stdout == ""


def test_cli_notes_when_the_best_sentence_exceeds_the_words_limit(run: Invoke) -> None:
    result = run("FILE", "--words", "3")
    assert result.exit_code == 0, result.output
    [sentence] = result.stdout.splitlines()
    assert len(sentence.split()) > 3
    assert f"has {len(sentence.split())} words, over --words 3" in result.stderr


def test_cli_says_nothing_when_the_summary_fits_the_words_limit(run: Invoke) -> None:
    result = run("FILE", "--words", "200")
    assert result.exit_code == 0, result.output
    assert result.stdout
    assert result.stderr == ""


def test_cli_missing_file_is_an_error(tmp_path: Path) -> None:
    app = typer.Typer()
    app.command()(summarize_command)
    result = CliRunner().invoke(app, [str(tmp_path / "absent.md")])
    assert result.exit_code == 1
    assert "no such file" in result.stderr


def test_cli_reads_standard_input_for_dash() -> None:
    app = typer.Typer()
    app.command()(summarize_command)
    result = CliRunner().invoke(app, ["-", "--json", "--lang", "EN"], input=MARKDOWN_RELEASE)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["source"] == "<stdin>"
    assert payload["lang"] == "en"
    assert set(payload["sentences"]) <= set(BODY_SENTENCES) and payload["sentences"]
