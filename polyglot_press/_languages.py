"""The one table of languages polyglot_press knows, and the helpers that read user input into it.

Every language code, alias, name and role (pivot, glossary column, brief language) is declared
here once; the CLI, the pipeline, the glossary and the summarisers look languages up through
these helpers instead of keeping their own sets. Languages outside the table (Spanish, say) are
still accepted as translation endpoints when a package covers them: :func:`normalize_code`
validates any ISO 639 code, :func:`known_language` only the ones in the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from polyglot_press.errors import InputError

__all__ = [
    "BRIEF_LANGUAGES",
    "GLOSSARY_LANGUAGES",
    "LANGUAGES",
    "PIVOT",
    "ROUTED_LANGUAGES",
    "UNDETERMINED",
    "Language",
    "brief_language",
    "display_name",
    "known_language",
    "normalize_code",
    "parse_brief_languages",
]


@dataclass(frozen=True, slots=True)
class Language:
    """One language: its ISO 639-1 code, names, accepted aliases and roles in the pipeline.

    ``glossary``: the built-in glossary has a column for it (terms are matched and enforced).
    ``brief``: briefs can be written in it. ``routed``: documents in it are detected and routed
    (anything else is routed as "other" and needs a package to be translated).
    """

    code: str
    name: str
    native: str
    aliases: tuple[str, ...]
    glossary: bool
    brief: bool
    routed: bool = True

    @property
    def label(self) -> str:
        """How a heading names the language for a reader, e.g. ``한국어 (Korean)``."""
        return self.name if self.native == self.name else f"{self.native} ({self.name})"


LANGUAGES: tuple[Language, ...] = (
    Language("fr", "French", "Français", ("fra", "fre", "french", "français", "francais"),
             glossary=True, brief=False),
    Language("en", "English", "English", ("eng", "english", "anglais"), glossary=True, brief=True),
    Language("ko", "Korean", "한국어", ("kor", "korean", "coréen", "한국어"), glossary=True,
             brief=True),
    # Not routed, no glossary column, no briefs: named so that reports and messages about a
    # German package's documents say "German" (number and date rules already know German).
    Language("de", "German", "Deutsch", ("deu", "ger", "german", "allemand", "deutsch"),
             glossary=False, brief=False, routed=False),
)  # fmt: skip

#: Every translation between two non-English languages goes through English.
PIVOT = "en"
#: The code of a text whose language cannot be determined.
UNDETERMINED = "und"
GLOSSARY_LANGUAGES: tuple[str, ...] = tuple(lang.code for lang in LANGUAGES if lang.glossary)
BRIEF_LANGUAGES: tuple[str, ...] = tuple(lang.code for lang in LANGUAGES if lang.brief)
ROUTED_LANGUAGES: tuple[str, ...] = tuple(lang.code for lang in LANGUAGES if lang.routed)

_BY_CODE = {lang.code: lang for lang in LANGUAGES}
_ALIASES = {alias: lang.code for lang in LANGUAGES for alias in (lang.code, *lang.aliases)}
# ISO 639-1/639-3 codes, optionally with a region or script tag (fr-CA, zh_Hant).
_CODE = re.compile(r"[a-z]{2,3}")
_HINT = "use an ISO 639-1 code such as fr, en or ko"


@lru_cache(maxsize=256)
def normalize_code(value: str) -> str:
    """The ISO 639-1 code of a code, tag or alias: ``FR``, ``fr-CA``, ``fra``, ``French`` → ``fr``.

    A well-formed code outside the table (``de``) is returned as is, lower-cased, so packages for
    other languages stay usable. Raises :class:`InputError` for anything that is not a code.
    """
    cleaned = value.strip().lower()
    if cleaned in _ALIASES:
        return _ALIASES[cleaned]
    code = re.split(r"[-_]", cleaned, maxsplit=1)[0]
    if code in _ALIASES:
        return _ALIASES[code]
    if not _CODE.fullmatch(code):
        raise InputError(f"language {value!r}", "not a language code", hint=_HINT)
    return code


def known_language(value: str) -> Language:
    """The table entry for a code or alias; :class:`InputError` if the language is not in it."""
    code = normalize_code(value)
    found = _BY_CODE.get(code)
    if found is None:
        known = ", ".join(_BY_CODE)
        raise InputError(
            f"language {value!r}", f"not one of the supported languages ({known})", hint=_HINT
        )
    return found


def brief_language(value: str) -> str:
    """The code of a language briefs can be written in; :class:`InputError` otherwise."""
    code = normalize_code(value)
    if code not in BRIEF_LANGUAGES:
        choices = " and/or ".join(BRIEF_LANGUAGES)
        raise InputError(
            f"brief language {value!r}",
            f"briefs are written in {choices} only",
            hint=f"use {','.join(BRIEF_LANGUAGES)} or one of them",
        )
    return code


def parse_brief_languages(value: str) -> tuple[str, ...]:
    """``"en,ko"`` (or ``"english, KOR"``) → ``("en", "ko")``, without duplicates."""
    codes = [brief_language(part) for part in value.split(",") if part.strip()]
    if not codes:
        raise InputError("brief languages", "none given", hint=f"use {','.join(BRIEF_LANGUAGES)}")
    return tuple(dict.fromkeys(codes))


def display_name(code: str, *, native: bool = False) -> str:
    """The English name of a code (``fr`` → ``French``), its reader label, or the code itself."""
    found = _BY_CODE.get(code)
    if found is None:
        return code
    return found.label if native else found.name
