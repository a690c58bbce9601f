"""The records that flow out of the glossary: entries, hits, problems and summaries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, cast

from polyglot_press.glossary._normalize import (
    EntryKind,
    Lang,
    check_lang,
    english_plural,
    note_list,
)


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """One concept in French, English and Korean.

    ``forms_fr`` are extra French surface forms from the note (feminine, irregular plural);
    ``source_file`` and ``line`` say where the entry was defined.
    """

    id: str
    fr: str
    en: str
    ko: str
    kind: EntryKind = "term"
    note: str = ""
    forms_fr: tuple[str, ...] = ()
    source_file: str = ""
    line: int = 0

    def term(self, lang: str) -> str:
        """The entry's form in ``lang`` (``fr``, ``en`` or ``ko``); empty when it has none."""
        return cast(str, getattr(self, check_lang(lang)))

    def accepted(self, lang: str) -> tuple[str, ...]:
        """Every form a translation into ``lang`` may use: the entry's own, then ``en_also``
        or ``ko_also`` from the note."""
        own = self.term(lang)
        also = note_list(self.note, f"{check_lang(lang)}_also")
        return tuple(dict.fromkeys(form for form in (own, *also) if form))

    @property
    def context(self) -> tuple[str, ...]:
        """Words one of which must be in the text for the entry to apply (``context=``)."""
        return note_list(self.note, "context")

    @property
    def en_plural(self) -> str:
        """The English plural: ``en_plural=`` from the note, else a regular plural (or empty)."""
        return english_plural(self.en, self.note)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view of the entry."""
        return {
            "id": self.id,
            "fr": self.fr,
            "en": self.en,
            "ko": self.ko,
            "kind": self.kind,
            "note": self.note,
            "source": f"{self.source_file}:{self.line}",
        }


@dataclass(frozen=True, slots=True)
class GlossaryHit:
    """``entry`` found at ``text[start:end]`` (``matched_text``) in a ``lang`` text.

    ``plural`` is true when a French or English hit is a plural form of the entry.
    """

    entry: GlossaryEntry
    start: int
    end: int
    matched_text: str
    lang: str
    plural: bool = False


@dataclass(frozen=True, slots=True)
class GlossaryProblem:
    """One problem found in a glossary file, at a 1-based line.

    An ``error`` stops the file from loading; a ``warning`` (an entry without a Korean form,
    say) does not.
    """

    path: str
    line: int
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        label = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}: {label}{self.message}"


@dataclass(frozen=True, slots=True)
class GlossarySummary:
    """What a glossary file holds: entries, terms per language and keep-list size."""

    entries: int
    per_language: dict[str, int]
    keep: int

    def __str__(self) -> str:
        langs = ", ".join(f"{lang} {count}" for lang, count in self.per_language.items())
        return f"{self.entries} entries ({langs}); {self.keep} keep-list names"


@dataclass(frozen=True, slots=True)
class GlossaryCheck:
    """The result of :func:`validate_glossary_file`."""

    path: str
    problems: tuple[GlossaryProblem, ...]
    summary: GlossarySummary

    @property
    def errors(self) -> tuple[GlossaryProblem, ...]:
        """The problems that stop the file from loading."""
        return tuple(problem for problem in self.problems if problem.severity == "error")

    @property
    def warnings(self) -> tuple[GlossaryProblem, ...]:
        """Problems that do not stop the file from loading (missing forms)."""
        return tuple(problem for problem in self.problems if problem.severity == "warning")

    @property
    def ok(self) -> bool:
        """True when the file loads: it may still have warnings."""
        return not self.errors


@dataclass(frozen=True, slots=True)
class SourceRow:
    line: int
    fr: str
    en: str
    ko: str
    kind: str
    note: str
    forms_fr: tuple[str, ...] = ()


def expected_target(hit: GlossaryHit, target: Lang) -> str:
    """The form ``hit`` should take in ``target``: empty when the entry has none there."""
    entry = hit.entry
    latin = hit.lang in ("fr", "en") and target in ("fr", "en")
    if entry.kind == "keep" and latin and entry.fr == entry.en:
        return hit.matched_text
    if target == "en" and hit.plural:
        return entry.en_plural
    return entry.term(target)
