"""Reading TBX (TermBase eXchange) v2 and v3 term bases."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.parsers import expat

from polyglot_press._languages import normalize_code
from polyglot_press.errors import GlossaryError, InputError
from polyglot_press.glossary._model import GlossaryProblem, SourceRow

_KEEP_VALUES = {"keep", "propernoun", "proper noun", "brand", "dnt", "donottranslate"}
_TERM_VALUES = {"term", "fullform", "full form", "noun", "commonnoun"}
# Entry and language-section elements of TBX v2 (ISO 30042:2008) and v3 (ISO 30042:2019).
_TBX_ENTRIES = ("termEntry", "conceptEntry")
_TBX_LANGUAGE_SECTIONS = ("langSet", "langSec")
# Data categories: DCA style puts them in a ``type`` attribute (``<termNote type="termType">``),
# TBX v3 DCT style makes them elements (``<basic:termType>``).
_TBX_CATEGORY_ELEMENTS = ("termNote", "descrip", "admin")
_TBX_DCT_CATEGORIES = ("termType", "partOfSpeech", "definition")
_TBX_KIND_CATEGORIES = ("kind", "termType", "type", "partOfSpeech")
_TBX_NOTE_CATEGORIES = ("note", "definition", "usage")


class TbxReader:
    """Reads TBX v2 ``termEntry``/``langSet`` and v3 ``conceptEntry``/``langSec`` entries with
    expat, tracking line numbers. Namespace prefixes are ignored, so any TBX dialect with or
    without namespaces reads the same.

    Entity declarations are refused, so entity-expansion attacks cannot run; external
    entities are never fetched.
    """

    def __init__(self, path: Path, problems: list[GlossaryProblem]) -> None:
        self.path = str(path)
        self.problems = problems
        self.rows: list[SourceRow] = []
        self._stack: list[tuple[str, int]] = []  # element name, where its text starts
        self._entry: dict[str, Any] | None = None
        self._lang: str | None = None
        self._text: list[str] = []
        self._category: str | None = None

    def read(self, data: bytes) -> list[SourceRow]:
        parser = expat.ParserCreate()
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.EntityDeclHandler = self._refuse_entity
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._text.append
        self._parser = parser
        try:
            parser.Parse(data, True)
        except expat.ExpatError as error:
            self.problems.append(
                GlossaryProblem(
                    self.path, error.lineno, f"not well-formed TBX: {expat.ErrorString(error.code)}"
                )
            )
        except GlossaryError as error:
            self.problems.append(
                GlossaryProblem(self.path, parser.CurrentLineNumber, error.message)
            )
        else:
            if not self.rows:
                self.problems.append(
                    GlossaryProblem(
                        self.path, 1, "no termEntry (TBX v2) or conceptEntry (TBX v3) elements"
                    )
                )
        return self.rows

    def _refuse_entity(self, *_args: object) -> None:
        raise GlossaryError("entity declarations are not allowed in a TBX glossary")

    def _start(self, tag: str, attributes: dict[str, str]) -> None:
        name = tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]
        self._stack.append((name, len(self._text)))
        if name in _TBX_ENTRIES:
            self._entry = {
                "line": self._parser.CurrentLineNumber,
                "terms": {},
                "kind": "",
                "note": "",
            }
        elif name in _TBX_LANGUAGE_SECTIONS and self._entry is not None:
            lang = attributes.get("xml:lang") or attributes.get("lang") or ""
            self._lang = _language_code(lang)
        elif name in _TBX_CATEGORY_ELEMENTS:
            self._category = attributes.get("type", name)
        elif name in _TBX_DCT_CATEGORIES:
            self._category = name

    def _end(self, tag: str) -> None:
        name, text_start = self._stack.pop()
        entry = self._entry
        if entry is None:
            return
        # An element's text includes its children's (``<term>Renault <hi>Korea</hi></term>``).
        text = " ".join("".join(self._text[text_start:]).split())
        if name == "term" and self._lang:
            entry["terms"].setdefault(self._lang, []).append(text)
        elif name in _TBX_CATEGORY_ELEMENTS or name in _TBX_DCT_CATEGORIES:
            self._category_value(entry, text)
        elif name == "note":
            entry["note"] = text
        elif name in _TBX_LANGUAGE_SECTIONS:
            self._lang = None
        elif name in _TBX_ENTRIES:
            self._end_entry(entry)

    def _category_value(self, entry: dict[str, Any], text: str) -> None:
        value = text.casefold()
        if self._category in _TBX_KIND_CATEGORIES or value in _KEEP_VALUES:
            if value in _KEEP_VALUES:
                entry["kind"] = "keep"
            elif value in _TERM_VALUES:
                entry["kind"] = entry["kind"] or "term"
            elif self._category == "kind":
                entry["kind"] = text  # reported as an unknown kind
        elif self._category in _TBX_NOTE_CATEGORIES:
            entry["note"] = text
        self._category = None

    def _end_entry(self, entry: dict[str, Any]) -> None:
        terms: dict[str, list[str]] = entry["terms"]
        french = [term for term in terms.get("fr", []) if term] or [""]
        self.rows.append(
            SourceRow(
                entry["line"],
                french[0],
                next((term for term in terms.get("en", []) if term), ""),
                next((term for term in terms.get("ko", []) if term), ""),
                entry["kind"] or "term",
                entry["note"],
                tuple(french[1:]),
            )
        )
        self._entry = None
        self._text.clear()  # every open element's text has been used: nothing reads it again


def _language_code(tag: str) -> str:
    """The ISO 639-1 code of an ``xml:lang`` tag (``fr-FR``, ``fra``, ``kor``); the tag itself
    (lower-cased) when it names no language, so such sections are ignored rather than fatal."""
    try:
        return normalize_code(tag)
    except InputError:
        return tag.lower()
