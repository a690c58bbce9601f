"""Reading a result file back: the current schema checked, older versions upgraded, newer
ones refused with a message (:func:`read_result`)."""

from __future__ import annotations

import types
from pathlib import PurePath
from typing import Any, Literal, Union, cast, get_args, get_origin, is_typeddict

from polyglot_press.errors import InputError
from polyglot_press.pipeline._schema import (
    SCHEMA_VERSION,
    BlockJSON,
    ComplianceItemJSON,
    ComplianceJSON,
    ResultJSON,
    SentenceJSON,
    field_types,
    report_scope,
    schema_problems,
)

__all__ = ["READABLE_VERSIONS", "read_result"]

#: The result schema versions :func:`read_result` reads (1: files without ``schema_version``).
READABLE_VERSIONS = tuple(range(1, SCHEMA_VERSION + 1))
_PROBLEMS_SHOWN = 3
_RERUN = "write it again with `polyglot-press batch ... --force` (or `brief --format json`)"
#: What a version-1 file's missing or mistyped field reads as, where the type's empty value
#: (``None``, ``""``, ``0``, ``[]``) would mislead.
_V1_DEFAULTS: dict[tuple[Any, str], object] = {
    (ResultJSON, "status"): "unknown",  # the manifest's status wins where there is one
    (BlockJSON, "kind"): "paragraph",
    (SentenceJSON, "path"): "as_is",
    (ComplianceItemJSON, "kind"): "term",
}
_SUFFIX_FORMATS = {".pdf": "pdf", ".docx": "docx", ".eml": "eml", ".html": "html", ".htm": "html"}
_SUFFIX_FORMATS |= {".txt": "txt", ".md": "md", ".markdown": "md"}


def read_result(data: object, *, source: str) -> ResultJSON:
    """The result file ``source`` (its decoded JSON ``data``) in the current schema.

    A file of the current version must match it; a version-1 file (no ``schema_version``) is
    read field by field, a missing or mistyped field reading as empty, so an old or damaged
    file still shows what it has.

    Raises:
        InputError: ``data`` is not an object, is of a version this polyglot_press does not
            read (a newer one), or does not match the schema of its version.
    """
    if not isinstance(data, dict):
        raise InputError(source, "does not hold a JSON object", hint=_RERUN)
    version = data.get("schema_version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InputError(source, f"schema_version {version!r} is not a version", hint=_RERUN)
    if version > SCHEMA_VERSION:
        raise InputError(
            source,
            f"written by a newer polyglot-press (result schema {version}; this one reads "
            f"{READABLE_VERSIONS[0]} to {SCHEMA_VERSION})",
            hint="upgrade polyglot-press to read it",
        )
    if version == 1:
        return _upgrade_v1(data)
    problems = schema_problems(data, ResultJSON)
    if problems:
        more = len(problems) - _PROBLEMS_SHOWN
        shown = "; ".join(problems[:_PROBLEMS_SHOWN]) + (f" (+{more} more)" if more > 0 else "")
        raise InputError(source, f"does not match result schema {version}: {shown}", hint=_RERUN)
    return cast(ResultJSON, data)


def _upgrade_v1(data: dict[str, Any]) -> ResultJSON:
    """A version-1 file in the current schema: what version 2 added is filled in from what the
    file has (the compliance reports' scope, the input's format from its name)."""
    data = dict(data)
    if isinstance(data.get("blocks"), list):  # a block without an index is at its position
        data["blocks"] = [
            {"index": position, **block} if isinstance(block, dict) else block
            for position, block in enumerate(data["blocks"])
        ]
    result = cast(ResultJSON, _lenient(data, ResultJSON))
    result["schema_version"] = SCHEMA_VERSION
    source_format = _SUFFIX_FORMATS.get(PurePath(result["source"]).suffix.lower())
    result["input_format"] = source_format
    result["markup"] = source_format if source_format in ("html", "txt") else "md"
    written = data.get("glossary")
    glossary: dict[str, object] = written if isinstance(written, dict) else {}
    for lang, report in result["glossary"].items():
        _complete_report(report, lang, glossary.get(lang), result["language"])
    return result


def _complete_report(report: ComplianceJSON, lang: str, raw: object, language: str | None) -> None:
    """Counts a version-1 report lacks are those of its items; its scope follows the route."""
    written = raw if isinstance(raw, dict) else {}
    if not isinstance(written.get("expected"), int):
        report["expected"] = len(report["items"])
    if not isinstance(written.get("found"), int):
        report["found"] = sum(item["found"] for item in report["items"])
    report["target_lang"] = report["target_lang"] or lang
    if written.get("scope") not in ("document", "brief"):
        report["scope"] = report_scope(language, lang)


def _lenient(value: object, definition: Any) -> object:
    """``value`` read as ``definition`` where it can be: an object's fields one by one (a wrong
    one reads as its default), a list's items that are of the right kind; ``_MISSING`` when
    ``value`` is not of the definition's kind at all."""
    if is_typeddict(definition):
        if not isinstance(value, dict):
            return _MISSING
        fields = {}
        for key, hint in field_types(definition).items():
            read = _lenient(value.get(key, _MISSING), hint)
            fields[key] = _default(definition, key, hint) if read is _MISSING else read
        return fields
    origin, args = get_origin(definition), get_args(definition)
    if origin in (Union, types.UnionType):
        for arg in args:
            read = _lenient(value, arg)
            if read is not _MISSING:
                return read
        return _MISSING
    if origin is Literal:  # version 1 knew the same words, or more: keep them as written
        return value if isinstance(value, type(args[0])) else _MISSING
    if origin is list:
        if not isinstance(value, list):
            return _MISSING
        read = (_lenient(item, args[0]) for item in value)
        return [item for item in read if item is not _MISSING]
    if origin is dict:
        if not isinstance(value, dict):
            return _MISSING
        items = {str(key): _lenient(item, args[1]) for key, item in value.items()}
        return {key: item for key, item in items.items() if item is not _MISSING}
    return value if not schema_problems(value, definition) else _MISSING


def _default(definition: Any, key: str, hint: Any) -> object:
    if (definition, key) in _V1_DEFAULTS:
        return _V1_DEFAULTS[definition, key]
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType) and type(None) in args:
        return None
    if origin is Literal:
        return args[0]
    kind = origin or hint
    # A new empty value each time: the lists and objects of one file are filled in separately.
    return kind() if kind in (str, int, float, bool, list, dict) else None


class _Missing:
    """Not there, or not of the kind wanted (distinct from a JSON ``null``)."""


_MISSING = _Missing()
