"""PDF to Markdown text with pdfminer.six: reading order, headings from font sizes, bold and
italic runs, hyphenation undone, running headers, footers and page numbers dropped.

The Markdown goes through the same parser as ``.md`` files, so a PDF gives the same typed
blocks as the release it was printed from.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from polyglot_press.documents._markup import Run, hyphen_join, join_runs, list_item_text
from polyglot_press.documents._pdf_limits import InflationLimit, inflation_budget, install
from polyglot_press.errors import InputError

__all__ = ["pdf_to_markdown"]

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|extrabold", re.IGNORECASE)
_ITALIC_FONT = re.compile(r"italic|oblique", re.IGNORECASE)
_PAGE_NUMBER = re.compile(
    r"(?:page|p\.)?\s*(?:[-–—]\s*)?\d{1,4}(?:\s*(?:/|sur|of|de)\s*\d{1,4})?\s*[-–—]?", re.IGNORECASE
)
_STAMP = re.compile(
    r"(?:https?|file)://\S+|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?(?:\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:\s*[AP]M)?)?",
    re.IGNORECASE,
)
_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
_SENTENCE_END = re.compile(r"[.!?:;»\"”)\]]\s*$")
#: The share of a page's height, at the top and at the bottom, where running headers live.
_MARGIN_BAND = 0.1


@dataclass(frozen=True, slots=True)
class _Line:
    page: int
    runs: tuple[Run, ...]
    x0: float
    x1: float
    y0: float
    size: float
    in_band: bool
    bullet: bool = False  # a small shape drawn just left of the line: a list bullet

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs).strip()


def pdf_to_markdown(data: bytes, *, source: str) -> tuple[str, int]:
    """The PDF's text as Markdown, and its page count.

    Raises:
        InputError: the PDF is broken, needs a password, or has no text layer (a scan).
    """
    pages = _read_pages(data, source)
    lines = [line for page in pages for box in page for line in box]
    if sum(len(line.text) for line in lines) < 20:
        raise InputError(
            source,
            "the PDF has no text layer (a scanned image?)",
            hint="run OCR first (e.g. ocrmypdf), or pass the release as text",
        )
    if sum(line.text.count("(cid:") for line in lines) > 0.05 * len(lines) + 3:
        raise InputError(
            source,
            "the PDF's fonts have no character map: its text cannot be extracted",
            hint="export the release again as PDF, or pass it as text or DOCX",
        )
    furniture = _running_furniture(lines, len(pages))
    body = _body_size([line for line in lines if line not in furniture])
    boxes = [
        kept
        for page in pages
        for box in page
        for kept in _split_box([line for line in box if line not in furniture], body)
    ]
    paragraphs = _merge_across_pages([box for box in boxes if box])
    width = max((line.x1 for line in lines), default=1.0) - min(
        (line.x0 for line in lines), default=0.0
    )
    return _render(paragraphs, body, width), len(pages)


def _read_pages(data: bytes, source: str) -> list[list[list[_Line]]]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    install()
    try:
        with inflation_budget():
            pages = extract_pages(io.BytesIO(data), laparams=LAParams())
            return [_page_boxes(number, page) for number, page in enumerate(pages)]
    except InflationLimit as error:
        raise InputError(
            source,
            f"the PDF is too large to read safely: {error}",
            hint="a release PDF holds a few MB of text: export the text alone again, or send "
            "the release as .docx or .md",
        ) from error
    except PDFPasswordIncorrect as error:
        raise InputError(
            source,
            "the PDF is encrypted and needs a password",
            hint="ask the sender for an unprotected copy, or remove the password (qpdf --decrypt)",
        ) from error
    except Exception as error:  # pdfminer raises many kinds on broken files
        if type(error).__name__.startswith("PDFEncryption"):
            raise InputError(
                source,
                f"the PDF is encrypted in a way that cannot be read ({error})",
                hint="ask the sender for an unprotected copy",
            ) from error
        raise InputError(
            source,
            f"not a readable PDF ({type(error).__name__}: {error})"[:300],
            hint="check that the file is complete; export or download it again",
        ) from error


def _page_boxes(number: int, page: Any) -> list[list[_Line]]:
    from pdfminer.layout import LTCurve, LTTextBox

    height = float(page.height) or 1.0
    marks = [
        shape.bbox for shape in _text_boxes(page, LTCurve) if shape.width < 8 and shape.height < 8
    ]
    boxes = []
    for item in _text_boxes(page, LTTextBox):
        lines = [_bulleted(_line(number, line, height), line, marks) for line in item]
        boxes.append([line for line in lines if line.text])
    return [box for box in boxes if box]


def _bulleted(line: _Line, item: Any, marks: list[tuple[float, float, float, float]]) -> _Line:
    """The line, marked as a list item when a bullet is drawn just left of it."""
    bottom, top = float(item.y0), float(item.y1)
    for x0, y0, x1, y1 in marks:
        if line.x0 - 30 <= x0 and x1 <= line.x0 and y0 < top and y1 > bottom:
            return replace(line, bullet=True)
    return line


def _text_boxes(container: Any, box_type: type) -> Iterator[Any]:
    for item in container:
        if isinstance(item, box_type):
            yield item
        elif hasattr(item, "__iter__") and not isinstance(item, str):
            yield from _text_boxes(item, box_type)


def _line(page: int, line: Any, height: float) -> _Line:
    from pdfminer.layout import LTChar

    runs: list[Run] = []
    sizes: Counter[float] = Counter()
    style = (False, False)
    for char in line:
        text = char.get_text().translate(_LIGATURES)
        if isinstance(char, LTChar):
            font = str(char.fontname).split("+")[-1]
            style = (bool(_BOLD_FONT.search(font)), bool(_ITALIC_FONT.search(font)))
            if text.strip():
                sizes[round(float(char.size), 1)] += 1
        runs.append(Run(text.replace("\n", ""), *style))
    size = sizes.most_common(1)[0][0] if sizes else 0.0
    top, bottom = float(line.y1), float(line.y0)
    in_band = top > height * (1 - _MARGIN_BAND) or bottom < height * _MARGIN_BAND
    return _Line(page, tuple(runs), float(line.x0), float(line.x1), bottom, size, in_band)


def _running_furniture(lines: list[_Line], pages: int) -> set[_Line]:
    """Running headers and footers (the same line at the same place on several pages), page
    numbers, and small print stamps (dates, URLs) in the top and bottom margins."""
    places: dict[tuple[str, int, float], set[int]] = {}
    for line in lines:
        if line.in_band:
            key = (re.sub(r"\d+", "#", line.text.lower()), round(line.y0 / 3), line.size)
            places.setdefault(key, set()).add(line.page)
    sizes = Counter({line.size: len(line.text) for line in lines})
    common = sizes.most_common(1)[0][0] if sizes else 0.0
    furniture = set()
    for line in lines:
        if not line.in_band:
            continue
        key = (re.sub(r"\d+", "#", line.text.lower()), round(line.y0 / 3), line.size)
        repeated = pages > 1 and len(places[key]) >= 2
        small = line.size < 0.8 * common
        if (
            repeated
            or _PAGE_NUMBER.fullmatch(line.text)
            or (small and _STAMP.fullmatch(line.text))
            or (small and pages == 1 and len(line.text) <= 80)
        ):
            furniture.add(line)
    return furniture


def _body_size(lines: Iterable[_Line]) -> float:
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _split_box(box: list[_Line], body: float) -> Iterator[list[_Line]]:
    """A layout box cut where the font size jumps (a heading glued to its paragraph) or a
    list item starts."""
    current: list[_Line] = []
    for line in box:
        if current and (
            _is_heading_size(line.size, body) != _is_heading_size(current[-1].size, body)
            or list_item_text(line.text) is not None
            or line.bullet
        ):
            yield current
            current = []
        current.append(line)
    if current:
        yield current


def _is_heading_size(size: float, body: float) -> bool:
    return size >= body * 1.15


def _merge_across_pages(boxes: list[list[_Line]]) -> list[list[_Line]]:
    """Join a paragraph that a page break cut in two."""
    merged: list[list[_Line]] = []
    for box in boxes:
        if merged:
            last = merged[-1]
            tail, head = last[-1], box[0]
            if (
                head.page == tail.page + 1
                and abs(head.size - tail.size) < 0.5
                and not _SENTENCE_END.search(tail.text)
                and head.text[:1].islower()
            ):
                merged[-1] = last + box
                continue
        merged.append(box)
    return merged


def _render(paragraphs: list[list[_Line]], body: float, width: float) -> str:
    heading_sizes = sorted(
        {p[0].size for p in paragraphs if _is_heading(p, body)},
        reverse=True,
    )
    blocks = []
    for paragraph in paragraphs:
        if _is_heading(paragraph, body):
            text = join_runs(_paragraph_runs(paragraph, width))
            level = min(heading_sizes.index(paragraph[0].size) + 1, 6)
            blocks.append("#" * level + " " + _unbold(text).replace("  \n", " "))
            continue
        text = join_runs(_paragraph_runs(paragraph, width))
        if paragraph[0].bullet:
            blocks.append("- " + text)
            continue
        item = list_item_text(text)
        blocks.append(text if item is None or item[:1].isdigit() else "- " + item)
    return "\n\n".join(blocks).replace("\xad", "") + "\n"


def _is_heading(paragraph: list[_Line], body: float) -> bool:
    text = " ".join(line.text for line in paragraph)
    return all(_is_heading_size(line.size, body) for line in paragraph) and len(text) <= 200


def _unbold(text: str) -> str:
    return re.sub(r"\*\*(.+?)\*\*", r"\1", text, flags=re.S)


def _paragraph_runs(paragraph: list[_Line], text_width: float) -> list[Run]:
    """The paragraph's runs with line ends turned into spaces, joins or hard breaks: a line
    that stops well before the paragraph's (or, in a narrow paragraph, the column's) right
    edge was broken on purpose."""
    left = min(line.x0 for line in paragraph)
    width = max(max(line.x1 for line in paragraph) - left, 0.45 * text_width)
    runs: list[Run] = []
    for index, line in enumerate(paragraph):
        line_runs = _strip_runs(line.runs)
        if index and runs:
            previous = paragraph[index - 1]
            short = previous.x1 - left < 0.8 * width
            joined = hyphen_join("".join(run.text for run in runs), line.text)
            if joined is not None and not short:
                _cut_end(runs, len(joined))
            else:
                last = runs[-1]
                runs[-1] = replace(last, text=last.text + ("  \n" if short else " "))
        runs.extend(line_runs)
    return runs


def _cut_end(runs: list[Run], length: int) -> None:
    """Shorten the runs, from the end, to ``length`` characters of text."""
    excess = sum(len(run.text) for run in runs) - length
    while excess > 0 and runs:
        last = runs[-1]
        if len(last.text) <= excess:
            excess -= len(last.text)
            runs.pop()
        else:
            runs[-1] = replace(last, text=last.text[: len(last.text) - excess])
            excess = 0


def _strip_runs(runs: tuple[Run, ...]) -> list[Run]:
    kept = list(runs)
    while kept and not kept[0].text.strip():
        kept.pop(0)
    while kept and not kept[-1].text.strip():
        kept.pop()
    if kept:
        kept[0] = replace(kept[0], text=kept[0].text.lstrip())
        kept[-1] = replace(kept[-1], text=kept[-1].text.rstrip())
    return kept
