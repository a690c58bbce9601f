"""``polyglot-press glossary``: check a glossary file, match a text, look up a term."""

from __future__ import annotations

import html
import json
import re
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from polyglot_press.cli._common import DEFAULT_MAX_BYTES, GlossaryOption, MaxBytesOption, fail
from polyglot_press.cli._options import DataFormat, DataFormatOption, JsonAliasOption, wants_json
from polyglot_press.errors import InputError, PolyglotPressError

if TYPE_CHECKING:
    from polyglot_press.documents import Document
    from polyglot_press.glossary import Glossary, GlossaryHit

app = typer.Typer(
    help="Check, match and look up glossary terms.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


class MatchLanguage(StrEnum):
    """The language ``glossary match`` reads a document in: detected, or one glossary column."""

    AUTO = "auto"
    FR = "fr"
    EN = "en"
    KO = "ko"


@app.command("check")
def check(
    file: Annotated[
        Path, typer.Argument(help="Glossary file (TSV, CSV or TBX).", show_default=False)
    ],
) -> None:
    """Validate a glossary file: print each FILE:LINE: problem, then a summary.

    Exits 1 on errors; warnings (an entry without a Korean or English form, which is loaded
    but not enforced in that language) still exit 0.
    """
    from polyglot_press.glossary import glossary_format_hint, validate_glossary_file

    try:
        result = validate_glossary_file(file)
    except PolyglotPressError as error:
        fail(error)
    for problem in result.problems:
        typer.echo(str(problem))
    if not result.ok:
        fail(
            f"{file}: {len(result.errors)} error(s), {len(result.warnings)} warning(s)",
            hint=f"fix the listed lines; {glossary_format_hint(file)}",
        )
    warnings = f" ({len(result.warnings)} warning(s))" if result.warnings else ""
    typer.echo(f"{file}: OK{warnings}, {result.summary}")


@app.command("match")
def match(
    file: Annotated[
        Path,
        typer.Argument(
            help="Document to scan (.md, .txt, .html), or - for standard input.",
            show_default=False,
        ),
    ],
    lang: Annotated[
        MatchLanguage,
        typer.Option("--lang", help="auto (detect, else fr), or the document's language."),
    ] = MatchLanguage.AUTO,
    glossary_files: GlossaryOption = None,
    fmt: DataFormatOption = DataFormat.TEXT,
    json_output: JsonAliasOption = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """List each glossary hit in FILE with its line:column and expected English/Korean forms.

    Only the prose that gets translated is scanned (not contacts, code or markup). FILE ``-``
    reads standard input; its positions are then in the text as read (leading blank lines
    dropped, HTML character references decoded), since it cannot be read a second time.
    """
    from polyglot_press.documents import read_document

    name = str(file)
    try:
        document = read_document(name, max_bytes=max_bytes)
        glossary = _load(glossary_files)
        language = _document_language(document) if lang is MatchLanguage.AUTO else str(lang)
        source = _parsed_text(document) if name == "-" else _source_text(file)
        records = _hit_records(source, document, glossary, language)
    except PolyglotPressError as error:
        fail(error)
    shown = document.source if name == "-" else name
    if wants_json(fmt, json_output):
        payload = {
            "file": shown,
            "lang": language,
            "glossary_version": glossary.version,
            "hits": records,
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for record in records:
        typer.echo(
            f"{shown}:{record['line']}:{record['column']}\t{record['text']}\t"
            f"{record['entry_id']} ({record['kind']})\ten={record['en']}\tko={record['ko']}"
        )
    typer.echo(f"{len(records)} hit(s), language {language}", err=True)


@app.command("lookup")
def lookup(
    term: Annotated[str, typer.Argument(help="Text to find in any language.", show_default=False)],
    glossary_files: GlossaryOption = None,
    fmt: DataFormatOption = DataFormat.TEXT,
    json_output: JsonAliasOption = False,
) -> None:
    """Find the entries for TERM in any language: as a document would match it (plurals,
    feminines, elision, case, Korean particles), then every form that contains it."""
    try:
        glossary = _load(glossary_files)
    except PolyglotPressError as error:
        fail(error)
    entries = glossary.lookup(term)
    if wants_json(fmt, json_output):
        typer.echo(json.dumps([e.to_dict() for e in entries], ensure_ascii=False, indent=2))
        return
    if not entries:
        fail(f"no glossary entry matches or contains {term!r}", hint="try a shorter form")
    for entry in entries:
        typer.echo(f"{entry.id}\t{entry.kind}\tfr={entry.fr}\ten={entry.en}\tko={entry.ko}")


def _load(paths: list[Path] | None) -> Glossary:
    from polyglot_press.glossary import load_glossary

    return load_glossary(paths or ())


def _document_language(document: Document) -> str:
    """The routed language of the document when the glossary has it, else French."""
    from polyglot_press._languages import GLOSSARY_LANGUAGES
    from polyglot_press.language import route_document

    detected = route_document(document).lang
    return detected if detected in GLOSSARY_LANGUAGES else "fr"


def _parsed_text(document: Document) -> str:
    """The document's text as parsed: what positions refer to when the source is not at hand."""
    return "".join(
        block.prefix + block.text + block.suffix + block.separator for block in document.blocks
    )


def _hit_records(
    source: str, document: Document, glossary: Glossary, lang: str
) -> list[dict[str, Any]]:
    """One JSON-ready record per hit in the document's translatable blocks.

    Markdown and plain-text blocks are matched as written, HTML blocks on their text without
    tags. ``start``/``end`` are character offsets in ``source`` (the decoded file), ``line`` and
    ``column`` (1-based) where the hit starts in it.
    """
    located: list[tuple[GlossaryHit, int, int]] = []
    parsed: list[str] = []  # the blocks' pieces, as parsed
    offset = 0
    for block in document.blocks:
        parsed += [block.prefix, block.text, block.suffix, block.separator]
        start = offset + len(block.prefix)
        offset = start + len(block.text) + len(block.suffix) + len(block.separator)
        if not block.translatable:
            continue
        if document.format == "html":
            text, starts, ends = _html_text_with_offsets(block.text)
            for hit in glossary.match(text, lang):
                located.append((hit, start + starts[hit.start], start + ends[hit.end - 1]))
        else:
            for hit in glossary.match(block.text, lang):
                located.append((hit, start + hit.start, start + hit.end))
    if not located:
        return []
    offsets = _source_offsets("".join(parsed), source)
    return [_hit_record(source, hit, offsets[start], offsets[end]) for hit, start, end in located]


_HTML_PIECE = re.compile(
    r"(?P<br><br\s*/?>)|(?P<tag><!--.*?-->|<[A-Za-z/!?][^<>]*>)"
    r"|(?P<reference>&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)|(?P<space>\s+)",
    re.IGNORECASE | re.DOTALL,
)


def _html_text_with_offsets(markup: str) -> tuple[str, list[int], list[int]]:
    """The text of inline HTML, with where each of its characters starts and ends in it.

    Tags vanish (inline elements do not separate words), ``<br>`` is a line break, character
    references are decoded and runs of white space are one space, as a browser shows them.
    """
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    cursor = 0
    for found in _HTML_PIECE.finditer(markup):
        pieces.append(markup[cursor : found.start()])
        starts.extend(range(cursor, found.start()))
        ends.extend(range(cursor + 1, found.start() + 1))
        kind = found.lastgroup
        if kind == "br":
            replacement = "\n"
        elif kind == "space":
            replacement = " "
        elif kind == "reference":
            replacement = html.unescape(found.group())
        else:
            replacement = ""
        pieces.append(replacement)
        starts.extend([found.start()] * len(replacement))
        ends.extend([found.end()] * len(replacement))
        cursor = found.end()
    pieces.append(markup[cursor:])
    starts.extend(range(cursor, len(markup)))
    ends.extend(range(cursor + 1, len(markup) + 1))
    return "".join(pieces), starts, ends


def _source_text(path: Path) -> str:
    """The file's text as :func:`~polyglot_press.documents.read_document` saw it before parsing."""
    from polyglot_press.documents import decode_bytes, repair_lost_nbsp

    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(str(path), error.strerror or str(error), hint="check the path") from error
    return repair_lost_nbsp(decode_bytes(data, source=str(path))[0])[0]


_REFERENCE = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]{0,31};?)")


def _source_offsets(parsed: str, source: str) -> list[int]:
    """For each offset in ``parsed`` (its end included), the offset in ``source`` it came from.

    Parsing drops the source's leading white space and may decode HTML character references
    (``&eacute;`` is read as ``é``); everything else is kept as written.
    """
    index = len(source) - len(source.lstrip())
    if source.startswith(parsed, index):
        return list(range(index, index + len(parsed) + 1))
    offsets: list[int] = []
    position = 0
    while position < len(parsed):
        reference = _REFERENCE.match(source, index) if source[index : index + 1] == "&" else None
        if reference is not None and not parsed.startswith(reference.group(), position):
            decoded = html.unescape(reference.group())
            if parsed.startswith(decoded, position):
                offsets += [index] * len(decoded)
                position += len(decoded)
                index = reference.end()
                continue
        if source[index : index + 1] != parsed[position]:
            # Out of step, which parsing should never cause: keep the last known distance.
            offsets += range(index, index + len(parsed) - position)
            index += len(parsed) - position
            break
        offsets.append(index)
        position += 1
        index += 1
    offsets.append(index)
    return offsets


def _hit_record(source: str, hit: GlossaryHit, start: int, end: int) -> dict[str, Any]:
    return {
        "start": start,
        "end": end,
        "line": source.count("\n", 0, start) + 1,
        "column": start - (source.rfind("\n", 0, start) + 1) + 1,
        "text": hit.matched_text,
        "entry_id": hit.entry.id,
        "kind": hit.entry.kind,
        "fr": hit.entry.fr,
        "en": hit.entry.en_plural if hit.plural else hit.entry.en,
        "ko": hit.entry.ko,
    }
