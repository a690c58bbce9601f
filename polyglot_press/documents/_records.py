"""JSON records (a JSONL export's lines) to release text: which fields hold the text, the
title and the id, named or recognised among the common names scrapers and CMS exports use."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from polyglot_press.documents._headline import with_headline
from polyglot_press.documents._model import DocumentFormat
from polyglot_press.errors import InputError

__all__ = [
    "ID_FIELDS",
    "TEXT_FIELDS",
    "TITLE_FIELDS",
    "Record",
    "RecordFields",
    "read_record",
    "restore_paragraphs",
]

#: Field names recognised, in this order, when no field is named.
TEXT_FIELDS = ("text", "article", "body", "content")
TITLE_FIELDS = ("title", "headline")
ID_FIELDS = ("id", "guid", "url")


@dataclass(frozen=True, slots=True)
class RecordFields:
    """The fields of a JSON record that hold the release's text, title and id.

    ``None`` recognises the common names (:data:`TEXT_FIELDS`, :data:`TITLE_FIELDS`,
    :data:`ID_FIELDS`, in that order). A dotted name (``"meta.title"``) reaches into a nested
    object. The CLI's ``--text-field``, ``--title-field`` and ``--id-field`` set them.
    """

    text: str | None = None
    title: str | None = None
    id: str | None = None


@dataclass(frozen=True, slots=True)
class Record:
    """A record's release: ``text`` with the title in front as its headline (``format`` is
    what to parse it as), the ``title`` and the ``id`` as found (``None`` when absent)."""

    text: str
    format: DocumentFormat | None
    title: str | None
    id: str | None


def read_record(record: object, fields: RecordFields | None = None, *, source: str) -> Record:
    """The release held by one JSON record.

    Raises:
        InputError: the record is not an object, or has no usable text; the message names the
            fields it has and the option that picks one.
    """
    fields = fields or RecordFields()
    if not isinstance(record, Mapping):
        raise InputError(
            source,
            f"the record is a JSON {type(record).__name__}, not an object",
            hint='each line must be an object such as {"id": …, "text": …}',
        )
    text = _field(record, fields.text, TEXT_FIELDS)
    if not isinstance(text, str) or not text.strip():
        raise _no_text(record, fields, source)
    text = restore_paragraphs(_without_lone_surrogates(text))
    title = _string(_field(record, fields.title, TITLE_FIELDS))
    title = None if title is None else _without_lone_surrogates(title)
    raw_id = _field(record, fields.id, ID_FIELDS)
    doc_id = None if raw_id in (None, "") or isinstance(raw_id, dict | list) else str(raw_id)
    doc_id = None if doc_id is None else _without_lone_surrogates(doc_id)
    if title is None:
        return Record(text, None, None, doc_id)
    body, fmt = with_headline(text, title)
    return Record(body, fmt, title, doc_id)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_lone_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (``"\\ud800"`` in JSON, half of a broken emoji) as
    U+FFFD: JSON allows them, UTF-8 cannot write them, and one stopped a whole batch."""
    return _LONE_SURROGATE.sub("\ufffd", text)


# A sentence end glued to the next sentence ("la MC20.Cette motorisation", "».L'habitacle"):
# what a scraper leaves when it drops the markup between two paragraphs.
_GLUED_END = re.compile(r"(?<=[\w)»\"%€])(?:[.!?…]+[»\"]?|»)(?=[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’])")
_ADDRESS = re.compile(r"[/@]|www\.|\.(?:com|fr|net|org|eu|de|io|co|uk)\b", re.IGNORECASE)


def restore_paragraphs(text: str) -> str:
    """A text on one line whose paragraphs were glued together (``…la MC20.Cette nouvelle…``)
    with a blank line again at each glued sentence end; any other text as it is.

    Only a one-line text is repaired: a text with line breaks kept its paragraphs. The word
    before the end must not be a lone letter (``M.Dupont`` is a name) and the glued
    piece no address (``www.Renault.com``, ``a@b.fr``); the next word starts with a capital
    and goes on in lower case (``IQ.DRIVE`` is a name).
    """
    if "\n" in text.strip() or not _GLUED_END.search(text):
        return text
    pieces, position = [], 0
    for end in _GLUED_END.finditer(text):
        start = text.rfind(" ", 0, end.start()) + 1
        stop = text.find(" ", end.end())
        token = text[start : len(text) if stop < 0 else stop]
        word = re.sub(r"\W+$", "", text[start : end.start()])
        if len(word) == 1 or _ADDRESS.search(token):
            continue
        pieces += [text[position : end.end()], "\n\n"]
        position = end.end()
    return "".join(pieces) + text[position:]


def _field(record: Mapping[str, object], name: str | None, names: tuple[str, ...]) -> object:
    if name is not None:
        value: object = record
        for part in name.split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
        return _joined(value)
    lowered = {str(key).lower(): value for key, value in record.items()}
    for candidate in names:
        value = _joined(lowered.get(candidate))
        if value not in (None, "") and (not isinstance(value, str) or value.strip()):
            return value
    return None


def _joined(value: object) -> object:
    """A list of strings (paragraphs) as one text."""
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return "\n\n".join(value)
    return value


def _string(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _no_text(record: Mapping[str, object], fields: RecordFields, source: str) -> InputError:
    names = ", ".join(str(key) for key in record) or "none"
    if fields.text is not None:
        reason = f"no non-empty text in field {fields.text!r} (the record's fields: {names})"
    else:
        tried = ", ".join(TEXT_FIELDS)
        reason = f"no text field ({tried}) in this record; its fields: {names}"
    return InputError(
        source,
        reason,
        hint="name the field that holds the text with --text-field NAME "
        "(text_field= in PipelineConfig)",
    )
