"""Reading glossary files: TSV and CSV tables (TBX is in :mod:`._tbx`)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from polyglot_press.errors import GlossaryError
from polyglot_press.glossary._model import GlossaryProblem, SourceRow
from polyglot_press.glossary._tbx import TbxReader

COLUMNS = ("fr", "en", "ko", "kind", "note")
REQUIRED_COLUMNS = ("fr", "en", "ko")


#: Glossary files larger than this are refused unread (the built-in one is about 100 KB).
MAX_GLOSSARY_BYTES = 64 << 20
# Unreadable rows reported before reading stops (the file is then clearly not a glossary).
_MAX_ROW_ERRORS = 100

BUILTIN_NAME = "automotive.tsv"
_REPO_BUILTIN = Path(__file__).resolve().parents[2] / "glossaries" / BUILTIN_NAME


def builtin_glossary_path() -> Path:
    """Where the built-in automotive glossary is: in the installed package, else the checkout."""
    packaged = resources.files("polyglot_press").joinpath("data", BUILTIN_NAME)
    if packaged.is_file():
        return Path(str(packaged))
    return _REPO_BUILTIN


def _decode_lines(path: Path, data: bytes, problems: list[GlossaryProblem]) -> str:
    """Decode UTF-8 line by line so an undecodable byte is reported at its line."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lines = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError as error:
            problems.append(
                GlossaryProblem(
                    str(path), number, f"byte 0x{raw[error.start]:02x} is not valid UTF-8"
                )
            )
            lines.append(raw.decode("utf-8", errors="replace"))
    return "\n".join(lines)


def _read_table(
    path: Path, text: str, delimiter: str, problems: list[GlossaryProblem]
) -> list[SourceRow]:
    name = str(path)
    source = io.StringIO(text, newline="")
    reader = (
        csv.reader(source, delimiter="\t", quoting=csv.QUOTE_NONE)
        if delimiter == "\t"
        else csv.reader(source, delimiter=delimiter)
    )
    header: list[str] | None = None
    rows: list[SourceRow] = []
    for cells in _rows_or_problems(reader, name, problems):
        line = reader.line_num
        if not any(cell.strip() for cell in cells) or cells[0].lstrip().startswith("#"):
            continue
        if header is None:
            header = [cell.strip().lower() for cell in cells]
            missing = [column for column in REQUIRED_COLUMNS if column not in header]
            if missing:
                problems.append(
                    GlossaryProblem(
                        name,
                        line,
                        f"header lacks column(s) {', '.join(missing)}; "
                        f"expected {' '.join(COLUMNS)}",
                    )
                )
                return []
            unknown = [column for column in header if column not in COLUMNS]
            if unknown:
                problems.append(
                    GlossaryProblem(name, line, f"unknown column(s) {', '.join(unknown)}")
                )
            continue
        if len(cells) != len(header):
            problems.append(
                GlossaryProblem(
                    name,
                    line,
                    f"expected {len(header)} columns ({' '.join(header)}), found {len(cells)}",
                )
            )
            continue
        values = {column: cell.strip() for column, cell in zip(header, cells, strict=True)}
        rows.append(
            SourceRow(
                line,
                values.get("fr", ""),
                values.get("en", ""),
                values.get("ko", ""),
                values.get("kind", "") or "term",
                values.get("note", ""),
            )
        )
    if header is None:
        problems.append(GlossaryProblem(name, 1, f"empty glossary: no header {' '.join(COLUMNS)}"))
    return rows


def _rows_or_problems(
    reader: Any, name: str, problems: list[GlossaryProblem]
) -> Iterator[list[str]]:
    """The reader's rows; a row the csv module refuses (a cell over its field size limit, a
    NUL byte) becomes a problem at its line, and reading goes on after it."""
    while True:
        try:
            cells: list[str] = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            problems.append(GlossaryProblem(name, reader.line_num, f"unreadable row ({error})"))
            if len(problems) > _MAX_ROW_ERRORS:
                return
            continue
        yield cells


def read_rows(path: Path) -> tuple[list[SourceRow], list[GlossaryProblem]]:
    problems: list[GlossaryProblem] = []
    try:
        size = path.stat().st_size
        if size > MAX_GLOSSARY_BYTES:
            raise GlossaryError(
                f"glossary {path} is {size:,} bytes, over the {MAX_GLOSSARY_BYTES:,} limit",
                hint="a glossary holds terms, not documents: check that this is the right file",
            )
        data = path.read_bytes()
    except OSError as error:
        raise GlossaryError(
            f"cannot read glossary {path}: {error.strerror or error}",
            hint="check the path; glossaries are .tsv, .csv or .tbx files",
        ) from error
    if is_tbx(path):
        return TbxReader(path, problems).read(data), problems
    text = _decode_lines(path, data, problems)
    delimiter = "," if path.suffix.lower() == ".csv" else "\t"
    return _read_table(path, text, delimiter, problems), problems


def is_tbx(path: Path) -> bool:
    return path.suffix.lower() in (".tbx", ".xml")


def glossary_format_hint(path: Path | str) -> str:
    """How a glossary file of this type (by its suffix) must be laid out, for error hints."""
    file = Path(path)
    if is_tbx(file):
        return (
            "each termEntry (TBX v2) or conceptEntry (TBX v3) needs a langSet/langSec with "
            'xml:lang="fr" or "en" holding a <term>; a ko one is optional'
        )
    separator = "commas" if file.suffix.lower() == ".csv" else "tabs"
    return (
        f"the header is fr, en, ko, kind, note (separated by {separator}); "
        "each row needs fr or en, and ko may be empty"
    )
