"""Reading a batch output folder: ``manifest.jsonl`` and each release's brief JSON.

A brief file is read through the result schema the pipeline writes it in
(:func:`polyglot_press.pipeline.read_result`): a file of the current version as it is, an
older one upgraded, a newer or damaged one refused with a message shown on its page, where
the manifest line still says what became of the release. One odd file never stops the report.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from polyglot_press.batch import MANIFEST_NAME
from polyglot_press.errors import InputError

if TYPE_CHECKING:
    from polyglot_press.pipeline import BlockJSON, ComplianceJSON, ResultJSON, SentenceJSON

_JSON_SUFFIXES = (".brief.json", ".json")
_MD_SUFFIXES = (".brief.md", ".md")


@dataclass(frozen=True, slots=True)
class ReleaseData:
    """Everything the report knows about one release, from its manifest line and JSON file.

    ``blocks``, ``sentences``, ``briefs`` and ``glossary`` are the file's, in the result schema
    (``None``/empty without a readable file); ``input_format`` and ``markup`` too (``None``: not
    known). ``schema_version`` is the version the file was written in.
    """

    id: str
    source: str
    status: str
    language: str | None = None
    route: str | None = None
    headline: str | None = None
    dateline: str | None = None
    briefs: Mapping[str, list[str]] | None = None
    glossary: Mapping[str, ComplianceJSON] | None = None
    term_use_rate: float | None = None
    blocks: tuple[BlockJSON, ...] = ()
    sentences: tuple[SentenceJSON, ...] = ()
    input_format: str | None = None
    markup: str | None = None
    schema_version: int | None = None
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
        manifest = out_dir / MANIFEST_NAME
        problem = (
            f"{MANIFEST_NAME} holds no readable record, and there are no brief JSON files"
            if manifest.exists()
            else f"no {MANIFEST_NAME} and no brief JSON files"
        )
        raise InputError(
            str(out_dir),
            problem,
            hint="run `polyglot-press batch INPUTS --out DIR` again: it redoes what is missing",
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
    result, version, problem = _read_json(out_dir / json_name) if json_name else (None, None, None)
    file: Mapping[str, Any] = result or {}
    # The file's values where it has them, else the manifest line's; but the manifest has the
    # final word on the status and the error: it is written after the JSON file.
    merged = {**entry, **{key: value for key, value in file.items() if value is not None}}
    status = _string(entry.get("status")) or _string(file.get("status")) or "unknown"
    return ReleaseData(
        id=str(entry["id"]),
        source=_string(merged.get("source")) or str(entry["id"]),
        status=status,
        language=_string(merged.get("language")),
        route=_string(merged.get("route")),
        headline=_string(merged.get("headline")),
        dateline=_string(merged.get("dateline")),
        briefs=None if result is None else result["briefs"],
        glossary=None if result is None else result["glossary"],
        term_use_rate=_rate(merged.get("term_use_rate")),
        blocks=() if result is None else tuple(result["blocks"]),
        sentences=() if result is None else tuple(result["sentences"]),
        input_format=None if result is None else result["input_format"],
        markup=None if result is None else result["markup"],
        schema_version=version,
        warnings=tuple(_strings(merged.get("warnings"))),
        error=_string(entry.get("error")) or _string(file.get("error")),
        hint=_string(entry.get("hint")) or _string(file.get("hint")),
        json_name=json_name,
        md_name=md_name,
        has_json=result is not None,
        json_problem=problem,
    )


def _read_json(path: Path) -> tuple[ResultJSON | None, int | None, str | None]:
    """The release's file in the current schema, the version it was written in, and why it
    could not be read (``None`` when it could)."""
    from polyglot_press.pipeline import read_result

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        return None, None, f"cannot read {path.name}: {error.strerror or error}"
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return None, None, f"{path.name} is not valid JSON: {error}"
    try:
        result = read_result(data, source=path.name)
    except InputError as error:
        hint = f" ({error.hint})" if error.hint else ""
        return None, None, f"{error.message}{hint}"
    version = data.get("schema_version", 1)  # read_result took it for a version
    return result, version, None


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _strings(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _rate(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None
