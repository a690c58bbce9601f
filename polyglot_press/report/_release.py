"""The view of one release page: briefs, the document side by side, the compliance tables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import TYPE_CHECKING

from polyglot_press._languages import BRIEF_LANGUAGES, UNDETERMINED, display_name
from polyglot_press.documents import TRANSLATABLE_KINDS
from polyglot_press.report._checks import (
    brief_sentence,
    is_failed,
    is_flagged,
    sentence_flag,
)
from polyglot_press.report._marks import (
    Flag,
    Mark,
    Run,
    layout,
    place_items,
    source_term_marks,
    target_term_marks,
    value_marks,
)

if TYPE_CHECKING:
    from polyglot_press.documents import DocumentFormat
    from polyglot_press.pipeline import (
        BlockJSON,
        ComplianceItemJSON,
        ComplianceJSON,
        SentenceJSON,
    )
    from polyglot_press.report._data import ReleaseData

KIND_LABELS = {
    "title": "Title",
    "page_title": "Page title",
    "heading": "Heading",
    "paragraph": "Paragraph",
    "list_item": "List item",
    "dateline": "Dateline",
    "contact": "Contact",
    "boilerplate": "Boilerplate",
}
#: What the input was, as an editor names it (``Document.meta["input_format"]``, else the
#: markup the text was read in).
INPUT_FORMAT_LABELS = {
    "pdf": "PDF",
    "docx": "Word",
    "eml": "E-mail",
    "html": "HTML",
    "md": "Markdown",
    "txt": "Plain text",
}


@dataclass(frozen=True, slots=True)
class Cell:
    lang: str | None
    runs: tuple[Run, ...]
    note: str | None = None  # shown instead of (or next to) the text, e.g. "not translated"


@dataclass(frozen=True, slots=True)
class Row:
    """One block (or brief sentence) with its translation and its flagged sentences."""

    number: int
    kind: str
    label: str
    source: Cell
    translation: Cell | None
    flags: tuple[Flag, ...]


@dataclass(frozen=True, slots=True)
class Section:
    """A side-by-side table; ``target_lang`` is ``None`` for a single column."""

    source_lang: str | None
    target_lang: str | None
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class TermRow:
    entry_id: str
    kind: str
    source: str
    expected_form: str
    expected: int
    found: int


@dataclass(frozen=True, slots=True)
class ComplianceView:
    key: str
    scope: str  # "document" or "brief"
    source_lang: str
    target_lang: str
    expected: int
    found: int
    marked: int
    rows: tuple[TermRow, ...]


@dataclass(frozen=True, slots=True)
class ReleaseView:
    data: ReleaseData
    page: str
    briefs: Section | None
    body: Section | None
    compliance: tuple[ComplianceView, ...]
    failed_sentences: int
    flagged_sentences: int
    notices: tuple[str, ...]

    @property
    def title(self) -> str:
        return self.data.headline or self.file_name or self.data.id

    @property
    def file_name(self) -> str:
        """The input's file name (``release.pdf``, ``message.eml#attachment.docx``)."""
        return PurePath(self.data.source).name

    @property
    def input_label(self) -> str | None:
        """What the input was (``PDF``, ``Word``, ``E-mail`` …), ``None`` when not known."""
        # A JSONL record is named FILE.jsonl:LINE by the batch; its text is read as Markdown,
        # plain text or HTML, which says less about where it came from.
        stem, _, line = self.data.source.rpartition(":")
        if stem.lower().endswith(".jsonl") and line.isdigit():
            return "JSONL record"
        kind = self.data.input_format
        return None if kind is None else INPUT_FORMAT_LABELS.get(kind, kind)


def build_release(data: ReleaseData, page: str) -> ReleaseView:
    document_key, brief_key = _report_keys(data)
    reports = data.glossary or {}
    document_report = reports.get(document_key) if document_key else None
    brief_report = reports.get(brief_key) if brief_key else None
    body, body_marked = _body(data, document_key, document_report)
    briefs, brief_marked = _briefs(data, brief_key, brief_report)
    marked = {**({document_key: body_marked} if document_key else {}), **brief_marked}
    compliance = tuple(
        _compliance(key, report, "document" if key == document_key else "brief", marked.get(key))
        for key, report in reports.items()
    )
    return ReleaseView(
        data=data,
        page=page,
        briefs=briefs,
        body=body,
        compliance=compliance,
        failed_sentences=sum(map(is_failed, data.sentences)),
        flagged_sentences=sum(map(is_flagged, data.sentences)),
        notices=_notices(data),
    )


def _report_keys(data: ReleaseData) -> tuple[str | None, str | None]:
    """Which compliance report covers the document, and which the brief (their ``scope``)."""
    document_key = brief_key = None
    for key, report in (data.glossary or {}).items():
        if report["scope"] == "document":
            document_key = key
        else:
            brief_key = key
    return document_key, brief_key


def _markup(data: ReleaseData) -> DocumentFormat:
    """The markup of the blocks' text, which values are found in (Markdown when not known)."""
    return "html" if data.markup == "html" else "txt" if data.markup == "txt" else "md"


def _body(
    data: ReleaseData, key: str | None, report: ComplianceJSON | None
) -> tuple[Section | None, int]:
    if not data.blocks:
        return None, 0
    # The compliance report's offsets run over these blocks' texts joined by a blank line.
    translatable = [block for block in data.blocks if block["kind"] in TRANSLATABLE_KINDS]
    placed_items, _ = place_items(
        [block["source"] for block in translatable], report["items"] if report else (), "\n\n"
    )
    placed = {
        block["index"]: items for block, items in zip(translatable, placed_items, strict=True)
    }
    sentences: dict[int | None, list[SentenceJSON]] = {}
    for sentence in data.sentences:
        sentences.setdefault(sentence["block"], []).append(sentence)
    two_columns = any(block["translation"] is not None for block in data.blocks)
    source_lang = data.language or UNDETERMINED
    target_lang = (report["target_lang"] if report else None) or "en"
    markup = _markup(data)
    rows = tuple(
        _block_row(
            block,
            placed.get(block["index"], []),
            sentences.get(block["index"], []),
            (key, source_lang, target_lang if two_columns else None),
            markup,
        )
        for block in data.blocks
    )
    section = Section(source_lang, target_lang if two_columns else None, rows)
    return section, sum(len(items) for items in placed.values())


def _block_row(
    block: BlockJSON,
    placed: Sequence[tuple[int, int, ComplianceItemJSON]],
    sentences: Sequence[SentenceJSON],
    langs: tuple[str | None, str, str | None],
    markup: DocumentFormat,
) -> Row:
    key, source_lang, target_lang = langs
    source_lang = block["language"] or source_lang
    translation = block["translation"] if target_lang else None
    terms = source_term_marks(placed, key or "", source_lang, target_lang or "en") if key else []
    values_source, values_target = value_marks(
        block["source"], translation, source_lang, target_lang or "en", markup
    )
    flags_source, flags_target = _flags(block, sentences)
    source = Cell(source_lang, layout(block["source"], [*terms, *values_source], flags_source))
    target: Cell | None = None
    if target_lang and translation is not None:
        items = [item for _, _, item in placed]
        marks: list[Mark] = [
            *target_term_marks(translation, items, key or "", target_lang),
            *values_target,
        ]
        target = Cell(target_lang, layout(translation, marks, flags_target))
    elif target_lang:
        target = Cell(None, layout(block["source"], []), note="kept as written (not translated)")
    kind = block["kind"]
    label = KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())
    notes = tuple(sentence_flag(s, 0, 0) for s in sentences if is_flagged(s))
    return Row(block["index"], kind, label, source, target, notes)


def _flags(block: BlockJSON, sentences: Sequence[SentenceJSON]) -> tuple[list[Flag], list[Flag]]:
    """Where the block's flagged sentences are, in its source and in its translation."""
    in_source: list[Flag] = []
    in_target: list[Flag] = []
    cursors = [0, 0]
    for sentence in sentences:
        if not is_flagged(sentence):
            continue
        for side, (text, wanted, flags) in enumerate(
            (
                (block["source"], sentence["source"], in_source),
                # A failed sentence is kept as written in the translation.
                (block["translation"] or "", sentence["text"] or sentence["source"], in_target),
            )
        ):
            wanted = wanted.strip()
            start = text.find(wanted, cursors[side]) if wanted else -1
            if start >= 0:
                flags.append(sentence_flag(sentence, start, start + len(wanted)))
                cursors[side] = start + len(wanted)
    return in_source, in_target


def _briefs(
    data: ReleaseData, key: str | None, report: ComplianceJSON | None
) -> tuple[Section | None, dict[str, int]]:
    briefs = data.briefs or {}
    if not briefs:
        return None, {}
    order = [report["source_lang"], report["target_lang"]] if report else []
    langs = [lang for lang in dict.fromkeys([*order, *BRIEF_LANGUAGES, *briefs]) if lang in briefs]
    source_lang, target_lang = langs[0], (langs[1] if len(langs) > 1 else None)
    source_brief = briefs[source_lang]
    target_brief = briefs.get(target_lang, ()) if target_lang else ()
    placed: list[list[tuple[int, int, ComplianceItemJSON]]] = [[] for _ in source_brief]
    if report is not None and key is not None and report["source_lang"] == source_lang:
        placed, _ = place_items(list(source_brief), report["items"], "\n")
    rows = []
    row_langs = (key, source_lang, target_lang)
    for number in range(max(len(source_brief), len(target_brief), 1)):
        row = _brief_row(number, source_brief, target_brief, placed, row_langs)
        rows.append(_flag_brief_row(row, data.sentences))
    marked = sum(len(items) for items in placed)
    return Section(source_lang, target_lang, tuple(rows)), ({key: marked} if key else {})


def _brief_row(
    number: int,
    source_brief: Sequence[str],
    target_brief: Sequence[str],
    placed: Sequence[Sequence[tuple[int, int, ComplianceItemJSON]]],
    langs: tuple[str | None, str, str | None],
) -> Row:
    key, source_lang, target_lang = langs
    source_text = source_brief[number] if number < len(source_brief) else ""
    items = placed[number] if number < len(placed) else []
    terms = source_term_marks(items, key or "", source_lang, target_lang or "") if key else []
    target_text = target_brief[number] if number < len(target_brief) else None
    values_source, values_target = value_marks(
        source_text, target_text if target_lang else None, source_lang, target_lang or "en", "txt"
    )
    source = Cell(
        source_lang,
        layout(source_text, [*terms, *values_source]),
        None if source_text else "no brief",
    )
    target = None
    if target_lang:
        found = [item for _, _, item in items]
        marks = [
            *target_term_marks(target_text or "", found, key or "", target_lang),
            *values_target,
        ]
        note = None if target_text else "no brief"
        if target_text and target_text == source_text:
            note = f"not translated: kept in {language_name(source_lang)}"
        target = Cell(target_lang, layout(target_text or "", marks), note)
    return Row(number, "brief", f"Sentence {number + 1}", source, target, ())


def _flag_brief_row(row: Row, sentences: Sequence[SentenceJSON]) -> Row:
    """``row`` with the checks' flags of its brief sentences, over each whole sentence."""
    cells: list[Cell | None] = []
    notes: list[Flag] = []
    for cell in (row.source, row.translation):
        text = "".join(piece.text for run in cell.runs for piece in run.pieces) if cell else ""
        sentence = brief_sentence(sentences, cell.lang, text) if cell else None
        if cell is None or sentence is None:
            cells.append(cell)
            continue
        flag = sentence_flag(sentence, 0, len(text))
        notes.append(flag)
        pieces = tuple(piece for run in cell.runs for piece in run.pieces)
        cells.append(replace(cell, runs=(Run(flag, pieces),)))
    if not notes:
        return row
    source = cells[0] or row.source
    return replace(row, source=source, translation=cells[1], flags=(*row.flags, *notes))


def _compliance(key: str, report: ComplianceJSON, scope: str, marked: int | None) -> ComplianceView:
    rows: dict[str, list[ComplianceItemJSON]] = {}
    for item in report["items"]:
        rows.setdefault(item["entry_id"], []).append(item)
    return ComplianceView(
        key=key,
        scope=scope,
        source_lang=report["source_lang"],
        target_lang=report["target_lang"],
        expected=report["expected"],
        found=report["found"],
        marked=marked or 0,
        rows=tuple(
            TermRow(
                entry_id=entry_id,
                kind=items[0]["kind"],
                source=" / ".join(dict.fromkeys(item["source"] for item in items)),
                expected_form=items[0]["expected"],
                expected=len(items),
                found=sum(item["found"] for item in items),
            )
            for entry_id, items in rows.items()
        ),
    )


def _notices(data: ReleaseData) -> tuple[str, ...]:
    notices = []
    if data.json_problem:
        notices.append(data.json_problem)
    if data.has_json and not data.blocks and data.status in ("ok", "review", "partial"):
        notices.append(
            "This brief file was written by an older polyglot-press without the document's "
            "blocks; rerun the batch with --force to see the side-by-side view."
        )
    return tuple(notices)


def language_name(code: str | None) -> str:
    """How the page names a language: ``French``, ``not recognised`` for ``und``, else the code."""
    if not code:
        return "unknown"
    return "not recognised" if code == UNDETERMINED else display_name(code)
