"""Word (``.docx``) to Markdown text with python-docx: headings by style, bold and italic runs,
lists, line breaks, hyperlinks and tables as text; headers, footers and notes are left out
(python-docx keeps them in parts of their own, which are never read)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from polyglot_press._zipbounds import ZipBounds
from polyglot_press.documents._markup import Run, join_runs, list_item_text
from polyglot_press.errors import InputError

__all__ = ["docx_to_markdown"]

_HEADING_STYLE = re.compile(r"(?:heading|titre)\s*(\d)", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:title|titre)$", re.IGNORECASE)
_LIST_STYLE = re.compile(r"list|liste", re.IGNORECASE)
_NUMBER_STYLE = re.compile(r"number|numéro", re.IGNORECASE)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: What a Word file may unpack to, read from its zip directory before python-docx parses it.
#: A 300-page report's ``document.xml`` is a few MB and XML compresses about 10 times; a 2 MB
#: file that unpacks to gigabytes of XML (a zip bomb) would take lxml as many gigabytes.
DOCX_BOUNDS = ZipBounds(
    max_entries=5_000, max_total_bytes=512 << 20, max_entry_bytes=64 << 20, max_ratio=100
)


def docx_to_markdown(data: bytes, *, source: str) -> tuple[str, int]:
    """The Word file's body as Markdown, and its paragraph count.

    Raises:
        InputError: the file is not a readable Word document.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _check_bounds(data, source)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as error:
        raise InputError(
            source,
            f"not a readable Word document ({type(error).__name__}: {error})"[:300],
            hint="save it again as .docx (Word 2007 or later), or export it as PDF",
        ) from error
    except Exception as error:  # lxml and zipfile raise several kinds on broken files
        raise InputError(
            source,
            f"not a readable Word document ({type(error).__name__})",
            hint="check that the file is complete; save it again as .docx",
        ) from error
    blocks = list(_blocks(document))
    has_title = any(_TITLE_STYLE.match(_style_name(p)) for p in document.paragraphs)
    text = "\n\n".join(_markdown(kind, text, has_title) for kind, text in blocks if text)
    if not text.strip():
        raise InputError(source, "the Word document has no text", hint="the document is empty")
    return text + "\n", len(blocks)


def _check_bounds(data: bytes, source: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            problem = DOCX_BOUNDS.problem(archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # python-docx says what is wrong with a damaged file
    if problem is not None:
        raise InputError(
            source,
            f"the Word file {problem}: too large to read safely",
            hint="save the text alone as .docx or export it as PDF; a file that unpacks to "
            "this much is broken or hostile",
        )


def _blocks(document: Any) -> Iterator[tuple[str, str]]:
    """``(kind, text)`` of each body paragraph and table row, in order; kind is ``title``,
    ``hN``, ``item``, ``number`` or ``paragraph``."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    numbers = 0
    for element in document.element.body.iterchildren():
        if element.tag == f"{_W}p":
            paragraph = Paragraph(element, document)
            kind = _paragraph_kind(paragraph)
            numbers = numbers + 1 if kind == "number" else 0
            text = join_runs(list(_runs(paragraph)))
            yield kind, f"{numbers}. {text}" if kind == "number" else text
        elif element.tag == f"{_W}tbl":
            yield from (("paragraph", row) for row in _table_rows(Table(element, document)))


def _style_name(paragraph: Any) -> str:
    style = paragraph.style
    return str(style.name) if style is not None and style.name else ""


def _paragraph_kind(paragraph: Any) -> str:
    name = _style_name(paragraph)
    if _TITLE_STYLE.match(name):
        return "title"
    heading = _HEADING_STYLE.search(name)
    if heading:
        return f"h{heading.group(1)}"
    outline = paragraph._p.find(f"{_W}pPr/{_W}outlineLvl")
    if outline is not None:
        return f"h{int(outline.get(f'{_W}val', '0')) + 1}"
    numbered = paragraph._p.find(f"{_W}pPr/{_W}numPr") is not None
    if numbered or _LIST_STYLE.search(name):
        return "number" if _NUMBER_STYLE.search(name) else "item"
    return "paragraph"


def _runs(paragraph: Any) -> Iterator[Run]:
    from docx.text.hyperlink import Hyperlink

    for item in paragraph.iter_inner_content():
        runs = item.runs if isinstance(item, Hyperlink) else [item]
        for run in runs:
            font_bold = run.bold if run.bold is not None else _style_flag(run, "bold")
            italic = run.italic if run.italic is not None else _style_flag(run, "italic")
            text = str(run.text).replace("\t", " ").replace("\n", "  \n")
            yield Run(text, bool(font_bold), bool(italic))


def _style_flag(run: Any, flag: str) -> bool:
    style = run.style
    while style is not None:
        value = getattr(style.font, flag, None)
        if value is not None:
            return bool(value)
        style = style.base_style
    return False


def _table_rows(table: Any) -> Iterator[str]:
    """Each row as one line of its cells' text (merged cells once), `` | `` between them."""
    for row in table.rows:
        seen: set[int] = set()
        cells = []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            text = "  \n".join(join_runs(list(_runs(p))) for p in cell.paragraphs if p.text.strip())
            if text:
                cells.append(text)
        if cells:
            yield " | ".join(cells)


def _markdown(kind: str, text: str, has_title: bool) -> str:
    if kind == "title":
        return "# " + _flat(text)
    if kind.startswith("h"):
        level = min(int(kind[1:]) + (1 if has_title else 0), 6)
        return "#" * max(level, 1) + " " + _flat(text)
    if kind == "item":
        if _is_number(text):
            return text
        return "- " + (list_item_text(text) or text)
    return text


def _is_number(text: str) -> bool:
    return bool(re.match(r"\s*\d{1,3}[.)]\s", text))


def _flat(text: str) -> str:
    """Heading text on one line, without the emphasis its style already gives it."""
    return re.sub(r"\*{1,3}(.+?)\*{1,3}", r"\1", text.replace("  \n", " "), flags=re.S)
