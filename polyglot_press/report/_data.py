"""Reading a batch output folder: ``manifest.jsonl`` and each release's brief JSON.

The files may come from an older or newer polyglot_press, or be damaged: every field is
optional here, and a wrong type reads as missing, so one odd file never stops the report.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from polyglot_press.batch import MANIFEST_NAME
from polyglot_press.errors import InputError

_JSON_SUFFIXES = (".brief.json", ".json")
_MD_SUFFIXES = (".brief.md", ".md")


@dataclass(frozen=True, slots=True)
class GlossaryItem:
    """One glossary hit in a compliance report's source text."""

    entry_id: str
    source: str
    start: int | None
    end: int | None
    expected: str
    kind: str
    found: bool


@dataclass(frozen=True, slots=True)
class Compliance:
    """A glossary compliance report: which hits of the source appear in the target."""

    source_lang: str
    target_lang: str
    expected: int
    found: int
    term_use_rate: float | None
    items: tuple[GlossaryItem, ...]
    scope: str | None = None  # "document" or "brief" when the file says so


@dataclass(frozen=True, slots=True)
class BlockData:
    """One block of the document and its translation (``None``: not translated)."""

    index: int
    kind: str
    language: str | None
    source: str
    translation: str | None


@dataclass(frozen=True, slots=True)
class CheckFlag:
    """What a check found in one translated sentence (``code``: ``untranslated``, …)."""

    code: str
    message: str


@dataclass(frozen=True, slots=True)
class SentenceData:
    """How one sentence was translated (``path``), why it failed if it did, and what the
    checks flagged in it. ``block`` is ``None`` for a sentence of a brief. Files written
    before the checks have no ``flags`` and no ``from_memory``: none, and false."""

    block: int | None
    source: str
    target_lang: str | None
    text: str
    path: str
    error: str | None
    flags: tuple[CheckFlag, ...] = ()
    from_memory: bool = False


@dataclass(frozen=True, slots=True)
class ReleaseData:
    """Everything the report knows about one release, from its manifest line and JSON file."""

    id: str
    source: str
    status: str
    language: str | None = None
    route: str | None = None
    headline: str | None = None
    dateline: str | None = None
    briefs: Mapping[str, tuple[str, ...]] | None = None
    glossary: Mapping[str, Compliance] | None = None
    term_use_rate: float | None = None
    blocks: tuple[BlockData, ...] = ()
    sentences: tuple[SentenceData, ...] = ()
    warnings: tuple[str, ...] = ()
    error: str | None = None
    hint: str | None = None
    json_name: str | None = None
    md_name: str | None = None
    has_json: bool = False
    json_problem: str | None = None


def load_releases(out_dir: Path) -> list[ReleaseData]:
    """The releases of a batch output folder, in manifest order.

    Without a manifest, every ``*.json`` brief file in the folder is a release.
    """
    if not out_dir.is_dir():
        raise InputError(
            str(out_dir),
            "no such output folder",
            hint="pass the folder given to `polyglot-press batch --out`",
        )
    entries = _read_manifest(out_dir / MANIFEST_NAME)
    if not entries:
        entries = [_entry_for_json(path) for path in _json_files(out_dir)]
    if not entries:
        raise InputError(
            str(out_dir),
            "no manifest.jsonl and no brief JSON files",
            hint="run `polyglot-press batch INPUTS --out DIR` first",
        )
    return [_release(out_dir, entry) for entry in entries]


def _read_manifest(path: Path) -> list[dict[str, Any]]:
    """The manifest's entries, the latest line for an id winning, in first-seen order."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    entries: dict[str, dict[str, Any]] = {}
    for line in text.splitlines():
        try:
            data = json.loads(line)
        except json.JSONDecodeError:
            continue  # a line torn by a kill
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            entries[data["id"]] = data
    return list(entries.values())


def _json_files(out_dir: Path) -> list[Path]:
    return sorted(
        path for path in out_dir.glob("*.json") if path.is_file() and not path.name.startswith(".")
    )


def _entry_for_json(path: Path) -> dict[str, Any]:
    name = path.name
    doc_id = next(name[: -len(s)] for s in _JSON_SUFFIXES if name.endswith(s))
    outputs = [name]
    for suffix in _MD_SUFFIXES:
        if (path.parent / (doc_id + suffix)).is_file():
            outputs.append(doc_id + suffix)
            break
    return {"id": doc_id, "source": doc_id, "outputs": outputs}


def _release(out_dir: Path, entry: Mapping[str, Any]) -> ReleaseData:
    outputs = [name for name in _strings(entry.get("outputs")) if "/" not in name]
    json_name = next((n for n in outputs if n.endswith(".json")), None)
    md_name = next((n for n in outputs if n.endswith(".md")), None)
    data: Mapping[str, Any] = {}
    problem = None
    if json_name is not None:
        data, problem = _read_json(out_dir / json_name)
    merged = {**entry, **{key: value for key, value in data.items() if value is not None}}
    # The manifest has the final word on the status: it is written after the JSON file.
    status = _string(entry.get("status")) or _string(data.get("status")) or "unknown"
    return ReleaseData(
        id=str(entry["id"]),
        source=_string(merged.get("source")) or str(entry["id"]),
        status=status,
        language=_string(merged.get("language")),
        route=_string(merged.get("route")),
        headline=_string(merged.get("headline")),
        dateline=_string(merged.get("dateline")),
        briefs=_briefs(data.get("briefs")) if data else None,
        glossary=_glossary(data.get("glossary")) if data else None,
        term_use_rate=_rate(merged.get("term_use_rate")),
        blocks=_blocks(data.get("blocks")),
        sentences=_sentences(data.get("sentences")),
        warnings=tuple(_strings(merged.get("warnings"))),
        error=_string(entry.get("error")) or _string(data.get("error")),
        hint=_string(entry.get("hint")) or _string(data.get("hint")),
        json_name=json_name,
        md_name=md_name,
        has_json=bool(data),
        json_problem=problem,
    )


def _read_json(path: Path) -> tuple[Mapping[str, Any], str | None]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        return {}, f"cannot read {path.name}: {error.strerror or error}"
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return {}, f"{path.name} is not valid JSON: {error}"
    if not isinstance(data, dict):
        return {}, f"{path.name} does not hold a JSON object"
    return data, None


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _strings(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _rate(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def _briefs(value: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        return {}
    return {str(lang): tuple(_strings(sentences)) for lang, sentences in value.items()}


def _glossary(value: Any) -> dict[str, Compliance]:
    if not isinstance(value, dict):
        return {}
    reports = {}
    for lang, report in value.items():
        if isinstance(report, dict):
            reports[str(lang)] = _compliance(str(lang), report)
    return reports


def _compliance(lang: str, report: Mapping[str, Any]) -> Compliance:
    items = tuple(
        GlossaryItem(
            entry_id=_string(item.get("entry_id")) or "",
            source=_string(item.get("source")) or "",
            start=_int(item.get("start")),
            end=_int(item.get("end")),
            expected=_string(item.get("expected")) or "",
            kind=_string(item.get("kind")) or "term",
            found=item.get("found") is True,
        )
        for item in report.get("items") or ()
        if isinstance(item, dict)
    )
    expected = _int(report.get("expected"))
    found = _int(report.get("found"))
    return Compliance(
        source_lang=_string(report.get("source_lang")) or "",
        target_lang=_string(report.get("target_lang")) or lang,
        expected=len(items) if expected is None else expected,
        found=sum(item.found for item in items) if found is None else found,
        term_use_rate=_rate(report.get("term_use_rate")),
        items=items,
        scope=_string(report.get("scope")),
    )


def _blocks(value: Any) -> tuple[BlockData, ...]:
    if not isinstance(value, list):
        return ()
    blocks = []
    for position, block in enumerate(value):
        if not isinstance(block, dict):
            continue
        index = _int(block.get("index"))
        blocks.append(
            BlockData(
                index=position if index is None else index,
                kind=_string(block.get("kind")) or "paragraph",
                language=_string(block.get("language")) or _string(block.get("lang")),
                source=_string(block.get("source")) or "",
                translation=_string(block.get("translation")),
            )
        )
    return tuple(blocks)


def _sentences(value: Any) -> tuple[SentenceData, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(
        SentenceData(
            block=_int(sentence.get("block")),
            source=_string(sentence.get("source")) or "",
            target_lang=_string(sentence.get("target_lang")),
            text=_string(sentence.get("text")) or "",
            path=_string(sentence.get("path")) or "as_is",
            error=_string(sentence.get("error")),
            flags=_check_flags(sentence.get("flags")),
            from_memory=sentence.get("from_memory") is True,
        )
        for sentence in value
        if isinstance(sentence, dict)
    )


def _check_flags(value: Any) -> tuple[CheckFlag, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(
        CheckFlag(code, _string(flag.get("message")) or "")
        for flag in value
        if isinstance(flag, dict) and (code := _string(flag.get("code")))
    )
