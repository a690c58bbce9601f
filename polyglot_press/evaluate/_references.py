"""Reference sets: sentences with human translations, read from TSV and checked line by line.

Two layouts are read, told apart by the header (the first non-comment line):

*trilingual* (the shipped set, ``data/references/automotive_press.tsv``)
    ``id fr en ko terms numbers names contacts markup``: a French sentence with English and
    Korean references and its annotations (``|``-separated lists). It gives three pairs:
    fr→en, en→ko (the English reference as source) and fr→en→ko.
*archive* (a newsroom's own past translations)
    ``source reference`` with optional ``target`` (the reference's language, per row) and
    ``id`` columns; the source language is given by the caller.

Lines starting with ``#`` and blank lines are skipped. Every problem names its line, and a
file with problems raises one :class:`~polyglot_press.errors.InputError` listing them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from polyglot_press._languages import GLOSSARY_LANGUAGES, PIVOT
from polyglot_press.errors import InputError

#: The shipped set has a text column per glossary language, so that term use can be checked in
#: every direction; its sentences were written in French and translated by hand.
TRILINGUAL_LANGUAGES = GLOSSARY_LANGUAGES
TRILINGUAL_SOURCE = "fr"
ANNOTATION_COLUMNS = ("terms", "numbers", "names", "contacts", "markup")
TRILINGUAL_COLUMNS = ("id", *TRILINGUAL_LANGUAGES, *ANNOTATION_COLUMNS)
ARCHIVE_REQUIRED = ("source", "reference")
ARCHIVE_OPTIONAL = ("target", "id")
BUILTIN_NAME = "automotive_press.tsv"
_MAX_LISTED = 8
_FORMAT_HINT = (
    "a reference file is UTF-8 TSV with a header line: 'source<TAB>reference' (optional "
    "'target' and 'id' columns), one sentence per line, no tab inside a sentence"
)


@dataclass(frozen=True, slots=True)
class ReferenceRow:
    """One sentence and its references, by language, with its annotations.

    ``texts`` holds the source (in ``source_lang``) and every reference; ``names`` entries are
    ``Name`` or ``Name=한국어 표기`` (the Korean rendering). ``line`` is the TSV line.
    """

    id: str
    source_lang: str
    texts: Mapping[str, str]
    line: int
    terms: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()
    markup: tuple[str, ...] = ()

    @property
    def source(self) -> str:
        return self.texts[self.source_lang]


@dataclass(frozen=True, slots=True)
class PairItem:
    """One sentence of an evaluated pair: what goes in, what a human wrote."""

    id: str
    source: str
    reference: str
    line: int


@dataclass(frozen=True, slots=True)
class EvalPair:
    """A direction to evaluate: ``fr→en``, or ``fr→en→ko`` when ``via`` is a pivot."""

    source_lang: str
    target_lang: str
    items: tuple[PairItem, ...]
    via: str | None = None

    @property
    def label(self) -> str:
        middle = f"→{self.via}" if self.via else ""
        return f"{self.source_lang}{middle}→{self.target_lang}"


@dataclass(frozen=True, slots=True)
class ReferenceSet:
    """Rows read from one file; ``trilingual`` for the shipped layout."""

    name: str
    rows: tuple[ReferenceRow, ...]
    trilingual: bool

    def pairs(self) -> list[EvalPair]:
        """The directions this set can evaluate, each with its sentences."""
        if self.trilingual:
            return _trilingual_pairs(self.rows)
        targets = sorted({lang for row in self.rows for lang in row.texts} - {_source(self)})
        return [_pair(self.rows, _source(self), target) for target in targets]


def builtin_references_path() -> Path:
    """The shipped automotive press-release set (in the installed package or the checkout)."""
    packaged = resources.files("polyglot_press").joinpath("data", "references", BUILTIN_NAME)
    return Path(str(packaged))


def load_references(
    path: str | Path | None = None, *, source_lang: str = "fr", target_lang: str = "en"
) -> ReferenceSet:
    """Read a reference TSV (the shipped set when ``path`` is ``None``).

    ``source_lang`` is the language of an archive's ``source`` column, ``target_lang`` that
    of its references when it has no ``target`` column. Raises :class:`InputError` naming
    every bad line (up to a few) when the file cannot be used.
    """
    file = builtin_references_path() if path is None else Path(path)
    try:
        data = file.read_bytes()
    except OSError as error:
        raise InputError(
            str(file), f"cannot read the reference file: {error.strerror or error}"
        ) from error
    lines = _decode(str(file), data)
    numbered = [
        (number, line)
        for number, line in enumerate(lines, start=1)
        # A line of tabs is a row with empty cells, not a blank line.
        if (line.strip() or "\t" in line) and not line.startswith("#")
    ]
    if not numbered:
        raise InputError(str(file), "the reference file is empty", hint=_FORMAT_HINT)
    (header_line, header_text), body = numbered[0], numbered[1:]
    header = [cell.strip().lower() for cell in header_text.split("\t")]
    problems: list[str] = []
    trilingual = all(column in header for column in TRILINGUAL_LANGUAGES)
    if not trilingual:
        _check_archive_header(header, header_line, problems)
    if not problems:
        rows = _read_rows(header, body, trilingual, source_lang, target_lang, problems)
    if not problems and not rows:
        problems.append(f"line {header_line}: a header but no sentence below it")
    if problems:
        more = len(problems) - _MAX_LISTED
        listed = "; ".join(problems[:_MAX_LISTED]) + (f"; and {more} more" if more > 0 else "")
        raise InputError(str(file), listed, hint=_FORMAT_HINT)
    return ReferenceSet(file.name, tuple(rows), trilingual)


def _decode(name: str, data: bytes) -> list[str]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise InputError(
            name,
            f"line {line}: not UTF-8 (byte 0x{data[error.start]:02x} at column {column})",
            hint="save the file as UTF-8 (in a spreadsheet: 'Unicode text' / 'UTF-8 TSV')",
        ) from error
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError(name, f"line {line}: binary data (a NUL byte)", hint=_FORMAT_HINT)
    return text.splitlines()


def _check_archive_header(header: Sequence[str], line: int, problems: list[str]) -> None:
    missing = [column for column in ARCHIVE_REQUIRED if column not in header]
    if missing:
        problems.append(
            f"line {line}: the header lacks {', '.join(repr(c) for c in missing)} "
            f"(found {', '.join(repr(c) for c in header)})"
        )
    duplicates = sorted({column for column in header if column and header.count(column) > 1})
    if duplicates:
        problems.append(f"line {line}: column {duplicates[0]!r} appears twice in the header")


def _read_rows(
    header: Sequence[str],
    body: Sequence[tuple[int, str]],
    trilingual: bool,
    source_lang: str,
    target_lang: str,
    problems: list[str],
) -> list[ReferenceRow]:
    required = TRILINGUAL_LANGUAGES if trilingual else ARCHIVE_REQUIRED
    rows = []
    seen_ids: dict[str, int] = {}
    for number, text in body:
        cells = text.split("\t")
        if len(cells) != len(header):
            problems.append(
                f"line {number}: {len(cells)} columns where the header has {len(header)} "
                "(a missing or extra tab?)"
            )
            continue
        record = dict(zip(header, (cell.strip() for cell in cells), strict=True))
        empty = [column for column in required if not record.get(column)]
        if empty:
            problems.append(f"line {number}: empty {', '.join(repr(c) for c in empty)}")
            continue
        row_id = record.get("id") or f"line-{number}"
        if row_id in seen_ids:
            problems.append(f"line {number}: id {row_id!r} already used on line {seen_ids[row_id]}")
            continue
        seen_ids[row_id] = number
        if trilingual:
            rows.append(_trilingual_row(row_id, record, number))
            continue
        target = (record.get("target") or target_lang).lower()
        if target == source_lang:
            problems.append(f"line {number}: target {target!r} is the source language")
            continue
        texts = {source_lang: record["source"], target: record["reference"]}
        rows.append(ReferenceRow(row_id, source_lang, texts, number))
    return rows


def _trilingual_row(row_id: str, record: Mapping[str, str], line: int) -> ReferenceRow:
    lists = {column: _split_list(record.get(column, "")) for column in ANNOTATION_COLUMNS}
    return ReferenceRow(
        row_id,
        TRILINGUAL_SOURCE,
        {lang: record[lang] for lang in TRILINGUAL_LANGUAGES},
        line,
        terms=lists["terms"],
        numbers=lists["numbers"],
        names=lists["names"],
        contacts=lists["contacts"],
        markup=lists["markup"],
    )


def _split_list(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _source(references: ReferenceSet) -> str:
    return references.rows[0].source_lang if references.rows else TRILINGUAL_SOURCE


def _trilingual_pairs(rows: Sequence[ReferenceRow]) -> list[EvalPair]:
    """source→pivot; then, for every other language, pivot→it (the pivot reference as source)
    and source→pivot→it: ``fr→en``, ``en→ko``, ``fr→en→ko``."""
    pairs = [_pair(rows, TRILINGUAL_SOURCE, PIVOT)]
    for target in TRILINGUAL_LANGUAGES:
        if target not in (TRILINGUAL_SOURCE, PIVOT):
            pairs.append(_pair(rows, PIVOT, target, source_from=PIVOT))
            pairs.append(_pair(rows, TRILINGUAL_SOURCE, target, via=PIVOT))
    return pairs


def _pair(
    rows: Sequence[ReferenceRow],
    source: str,
    target: str,
    *,
    via: str | None = None,
    source_from: str | None = None,
) -> EvalPair:
    items = tuple(
        PairItem(row.id, row.texts[source_from or row.source_lang], row.texts[target], row.line)
        for row in rows
        if target in row.texts
    )
    return EvalPair(source, target, items, via)
