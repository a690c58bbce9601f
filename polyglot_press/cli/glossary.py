"""``polyglot-press glossary``: check a glossary file, match a text, look up a term."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from polyglot_press.cli._common import GlossaryOption, fail
from polyglot_press.errors import InputError, PolyglotPressError

if TYPE_CHECKING:
    from polyglot_press.glossary import Glossary, GlossaryHit

app = typer.Typer(
    help="Check, match and look up glossary terms.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]

_FRENCH_WORDS = frozenset(
    ["le", "la", "les", "des", "du", "de", "et", "est", "une", "un", "pour", "dans", "qui", "sur"]
)
_ENGLISH_WORDS = frozenset(
    ["the", "and", "of", "to", "is", "in", "for", "with", "on", "that", "by", "at", "from", "are"]
)


@app.command("check")
def check(
    file: Annotated[
        Path, typer.Argument(help="Glossary file (TSV, CSV or TBX).", show_default=False)
    ],
) -> None:
    """Validate a glossary file: print FILE:LINE: problems (exit 1) or a summary (exit 0)."""
    from polyglot_press.glossary import validate_glossary_file

    try:
        result = validate_glossary_file(file)
    except PolyglotPressError as error:
        fail(error)
    if not result.ok:
        for problem in result.problems:
            typer.echo(str(problem))
        fail(
            f"{file}: {len(result.problems)} problem(s)",
            hint="fix the listed lines; the header is fr, en, ko, kind, note",
        )
    typer.echo(f"{file}: OK, {result.summary}")


@app.command("match")
def match(
    file: Annotated[Path, typer.Argument(help="UTF-8 text file to scan.", show_default=False)],
    lang: Annotated[str, typer.Option("--lang", help="auto, fr, en or ko.")] = "auto",
    glossary_files: GlossaryOption = None,
    json_output: JsonOption = False,
) -> None:
    """List each glossary hit in FILE with its line:column and expected English/Korean forms."""
    if lang not in ("auto", "fr", "en", "ko"):
        raise typer.BadParameter("--lang must be auto, fr, en or ko", param_hint="--lang")
    try:
        text = _read_text(file)
        glossary = _load(glossary_files)
    except PolyglotPressError as error:
        fail(error)
    language = _guess_language(text) if lang == "auto" else lang
    hits = glossary.match(text, language)
    if json_output:
        payload = {
            "file": str(file),
            "lang": language,
            "glossary_version": glossary.version,
            "hits": [_hit_record(text, hit) for hit in hits],
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for hit in hits:
        record = _hit_record(text, hit)
        typer.echo(
            f"{file}:{record['line']}:{record['column']}\t{hit.matched_text}\t"
            f"{hit.entry.id} ({hit.entry.kind})\ten={record['en']}\tko={record['ko']}"
        )
    typer.echo(f"{len(hits)} hit(s), language {language}", err=True)


@app.command("lookup")
def lookup(
    term: Annotated[str, typer.Argument(help="Text to find in any language.", show_default=False)],
    glossary_files: GlossaryOption = None,
    json_output: JsonOption = False,
) -> None:
    """Find entries whose French, English or Korean form contains TERM (case-insensitive)."""
    try:
        glossary = _load(glossary_files)
    except PolyglotPressError as error:
        fail(error)
    entries = glossary.lookup(term)
    if json_output:
        typer.echo(json.dumps([e.to_dict() for e in entries], ensure_ascii=False, indent=2))
        return
    if not entries:
        fail(f"no glossary entry contains {term!r}", hint="try a shorter or singular form")
    for entry in entries:
        typer.echo(f"{entry.id}\t{entry.kind}\tfr={entry.fr}\ten={entry.en}\tko={entry.ko}")


def _load(paths: list[Path] | None) -> Glossary:
    from polyglot_press.glossary import load_glossary

    return load_glossary(paths or ())


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(str(path), error.strerror or str(error), hint="check the path") from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            str(path),
            f"not UTF-8 text (byte 0x{data[error.start]:02x} on line {line})",
            hint="convert the file to UTF-8, e.g. with iconv",
        ) from error


def _guess_language(text: str) -> str:
    """Hangul means Korean; otherwise compare common French and English function words."""
    letters = sum(1 for char in text if char.isalpha())
    hangul = len(re.findall(r"[\uac00-\ud7a3]", text))
    if letters and hangul / letters > 0.3:
        return "ko"
    words = re.findall(r"\w+", text.lower())
    french = sum(1 for word in words if word in _FRENCH_WORDS)
    english = sum(1 for word in words if word in _ENGLISH_WORDS)
    return "en" if english > french else "fr"


def _hit_record(text: str, hit: GlossaryHit) -> dict[str, Any]:
    line = text.count("\n", 0, hit.start) + 1
    column = hit.start - (text.rfind("\n", 0, hit.start) + 1) + 1
    return {
        "start": hit.start,
        "end": hit.end,
        "line": line,
        "column": column,
        "text": hit.matched_text,
        "entry_id": hit.entry.id,
        "kind": hit.entry.kind,
        "fr": hit.entry.fr,
        "en": hit.entry.en_plural if hit.plural else hit.entry.en,
        "ko": hit.entry.ko,
    }
