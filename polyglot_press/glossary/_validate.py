"""Validating glossary files and merging them into one glossary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import cast

from polyglot_press._languages import display_name
from polyglot_press.errors import GlossaryError
from polyglot_press.glossary._glossary import Glossary
from polyglot_press.glossary._io import (
    builtin_glossary_path,
    glossary_format_hint,
    is_tbx,
    read_rows,
)
from polyglot_press.glossary._model import (
    GlossaryCheck,
    GlossaryEntry,
    GlossaryProblem,
    GlossarySummary,
    SourceRow,
)
from polyglot_press.glossary._normalize import (
    KINDS,
    LANGUAGES,
    EntryKind,
    entry_identity,
    forms_from_note,
    slugify,
)


def _conflicts(first: SourceRow, second: SourceRow) -> bool:
    """True when two rows for one term disagree on a form both give, or on the kind."""
    return first.kind != second.kind or any(
        getattr(first, lang)
        and getattr(second, lang)
        and getattr(first, lang) != getattr(second, lang)
        for lang in ("en", "ko")
    )


def _check_rows(
    path: Path, rows: Sequence[SourceRow], problems: list[GlossaryProblem]
) -> list[SourceRow]:
    """Report missing forms, unknown kinds and duplicates; return the rows that are usable.

    A row without French and English is an error (nothing to match); one without some other
    form is loaded with a warning. A keep-list name lacking fr or en takes the other form.
    """
    name = str(path)
    missing = "no {} term" if is_tbx(path) else "empty {} cell"
    seen: dict[tuple[str, ...], SourceRow] = {}
    good: list[SourceRow] = []
    for raw in rows:
        row = _usable_row(raw, name, missing, problems)
        if row is None:
            continue
        identity = entry_identity(row.fr, row.en)
        previous = seen.get(identity)
        if previous is not None:
            problems.append(_duplicate(name, previous, row))
            continue
        seen[identity] = row
        good.append(row)
    return good


def _usable_row(
    row: SourceRow, name: str, missing: str, problems: list[GlossaryProblem]
) -> SourceRow | None:
    """``row`` completed (a keep-list name takes its missing fr or en form), or ``None`` when
    it cannot load; problems found are appended to ``problems``."""
    if not row.fr and not row.en:
        message = f"{missing.format('fr or en')}: nothing to match"
        problems.append(GlossaryProblem(name, row.line, message))
        return None
    if row.kind not in KINDS:
        message = f"unknown kind {row.kind!r}; use term or keep"
        problems.append(GlossaryProblem(name, row.line, message))
        return None
    if row.kind == "keep":
        if row.fr and row.en and row.fr != row.en:
            message = f"keep entry {row.fr!r} must have the same fr and en name"
            problems.append(GlossaryProblem(name, row.line, message))
            return None
        row = replace(row, fr=row.fr or row.en, en=row.en or row.fr)
    empty = [lang for lang in LANGUAGES if not getattr(row, lang)]
    if empty:
        languages = " or ".join(display_name(lang) for lang in empty)
        message = (
            f"{missing.format(', '.join(empty))}: the entry is loaded but not matched "
            f"or enforced in {languages}"
        )
        problems.append(GlossaryProblem(name, row.line, message, severity="warning"))
    return row


def _duplicate(name: str, previous: SourceRow, row: SourceRow) -> GlossaryProblem:
    """The problem with ``row`` naming the same term as the earlier ``previous``."""
    label = row.fr or row.en
    if _conflicts(previous, row):
        return GlossaryProblem(
            name,
            row.line,
            f"{label!r} conflicts with line {previous.line} "
            f"({previous.en!r}/{previous.ko!r} vs {row.en!r}/{row.ko!r})",
        )
    return GlossaryProblem(name, row.line, f"{label!r} repeats line {previous.line}")


def validate_glossary_file(path: Path | str) -> GlossaryCheck:
    """Check a TSV, CSV or TBX glossary and summarise it; problems carry line numbers.

    Missing forms are warnings (:attr:`GlossaryCheck.warnings`), everything else errors.
    Raises :class:`GlossaryError` only when the file cannot be read at all.
    """
    file = Path(path)
    rows, problems = read_rows(file)
    good = _check_rows(file, rows, problems)
    summary = GlossarySummary(
        entries=len(good),
        per_language={lang: sum(1 for row in good if getattr(row, lang)) for lang in LANGUAGES},
        keep=sum(1 for row in good if row.kind == "keep"),
    )
    problems.sort(key=lambda problem: problem.line)
    return GlossaryCheck(str(file), tuple(problems), summary)


@lru_cache(maxsize=32)
def _load_file(path: Path, mtime_ns: int) -> tuple[GlossaryEntry, ...]:
    check_rows, problems = read_rows(path)
    rows = _check_rows(path, check_rows, problems)
    errors = [problem for problem in problems if problem.severity == "error"]
    if errors:
        first = min(errors, key=lambda problem: problem.line)
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise GlossaryError(
            f"{first}{more}",
            hint=f"{glossary_format_hint(path)}; "
            f"run `polyglot-press glossary check {path}` to list every problem",
        )
    return tuple(
        GlossaryEntry(
            id="",
            fr=row.fr,
            en=row.en,
            ko=row.ko,
            kind=cast(EntryKind, row.kind),
            note=row.note,
            forms_fr=row.forms_fr + forms_from_note(row.note),
            source_file=str(path),
            line=row.line,
        )
        for row in rows
    )


def _inherit_forms(entry: GlossaryEntry, replaced: GlossaryEntry | None) -> GlossaryEntry:
    """``entry`` with the forms it lacks taken from the entry of the same kind it replaces.

    A newsroom's fr/en term base that overrides a built-in term keeps its Korean form.
    """
    if replaced is None or replaced.kind != entry.kind or (entry.en and entry.ko):
        return entry
    return replace(entry, en=entry.en or replaced.en, ko=entry.ko or replaced.ko)


def load_glossary(paths: Sequence[Path | str] = (), *, builtin: bool = True) -> Glossary:
    """Load the built-in glossary (unless ``builtin=False``) and merge ``paths`` over it.

    Later files win: an entry replaces any earlier one with the same normalised French term
    (English, for entries without French), and takes from it the forms it lacks. Missing forms
    are otherwise no error: :func:`validate_glossary_file` lists them as warnings.
    Unchanged files give the same (cached) :class:`Glossary`, compiled matchers included.
    Raises :class:`GlossaryError` when a file is missing, unreadable or malformed.
    """
    files = [builtin_glossary_path()] if builtin else []
    files.extend(Path(path) for path in paths)
    stamped = []
    for file in files:
        try:
            stamped.append((file.resolve(), file.stat().st_mtime_ns))
        except OSError as error:
            raise GlossaryError(
                f"cannot read glossary {file}: {error.strerror or error}",
                hint="check the path; glossaries are .tsv, .csv or .tbx files",
            ) from error
    return _merge(tuple(stamped))


@lru_cache(maxsize=8)
def _merge(files: tuple[tuple[Path, int], ...]) -> Glossary:
    merged: dict[tuple[str, ...], GlossaryEntry] = {}
    for file, mtime in files:
        for entry in _load_file(file, mtime):
            identity = entry_identity(entry.fr, entry.en)
            # Re-insert so the later file also wins in the indexes.
            replaced = merged.pop(identity, None)
            merged[identity] = _inherit_forms(entry, replaced)
    ids: Counter[str] = Counter()
    entries = []
    for entry in merged.values():
        slug = slugify(entry.fr or entry.en)
        ids[slug] += 1
        entry_id = slug if ids[slug] == 1 else f"{slug}-{ids[slug]}"
        entries.append(replace(entry, id=entry_id))
    return Glossary(tuple(entries))
