"""The automotive glossary: load, validate, match and check terms in French, English and Korean.

A glossary is a list of :class:`GlossaryEntry` rows, each naming one concept in the three
languages. ``kind="term"`` entries are translated to their listed equivalent; ``kind="keep"``
entries are brand and model names that must survive translation untouched (or take their
standard Korean rendering).

Files are TSV or CSV with the header ``fr en ko kind note``, or TBX (TermBase eXchange, v2
``martif``/``termEntry``/``langSet`` or v3 ``tbx``/``conceptEntry``/``langSec``). The ``note``
cell holds ``;``-separated fields: ``forms=a|b`` lists extra French surface forms (feminine or
irregular plurals) of the ``fr`` term, ``en_plural=X`` overrides the English plural (give the
singular for adjectives), and anything else is a free usage note.

An entry needs a French or an English form; a missing form (a newsroom's term base often has
no Korean) is a warning, not an error: the entry is simply not matched or enforced in that
language. When a later file replaces an entry, the forms it lacks come from the replaced one.

Matching works on word tokens for French and English, so a hit never starts or ends inside a
word, tolerates typographic variants (apostrophes, no-break spaces, hyphens, ``100 %`` vs
``100%``) and regular plurals; Korean uses one compiled pattern that lets particles follow a
term (``르노코리아가`` matches ``르노코리아``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from pathlib import Path
from typing import Any, Literal, cast
from xml.parsers import expat

from polyglot_press.errors import GlossaryError
from polyglot_press.spans import Span

Lang = Literal["fr", "en", "ko"]
EntryKind = Literal["term", "keep"]

LANGUAGES: tuple[Lang, ...] = ("fr", "en", "ko")
LANGUAGE_NAMES: dict[str, str] = {"fr": "French", "en": "English", "ko": "Korean"}
COLUMNS = ("fr", "en", "ko", "kind", "note")
REQUIRED_COLUMNS = ("fr", "en", "ko")
KINDS: tuple[EntryKind, ...] = ("term", "keep")

BUILTIN_NAME = "automotive.tsv"
_REPO_BUILTIN = Path(__file__).resolve().parents[1] / "glossaries" / BUILTIN_NAME

# A French/English word token; combining accents stay inside the word for decomposed input,
# and the modifier-letter apostrophe (U+02BC, a \w character) separates words like ’ does.
_TOKEN = re.compile(r"(?:[^\W\u02bc]|[\u0300-\u036f])+|[%&+]")
_SPLIT = re.compile(rf"({_TOKEN.pattern})")
# What may separate two tokens of one multi-word term: spaces of any width, hyphens,
# apostrophes, slashes, and at most one line break (a term wrapped over two lines).
_SPACE = " \t\r\u00a0\u2007\u2009\u202f"
_GAP = re.compile(rf"[{_SPACE}\-\u2010\u2011\u2012\u2013'\u2019\u02bc/]*\n?[{_SPACE}]*")
_HANGUL = "\uac00-\ud7a3\u3131-\u318e"
# After a Korean term: a particle (any Hangul) or a non-word character, never more Latin/digits.
_KO_END = rf"(?!(?![{_HANGUL}])\w)"


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
        return cast(str, getattr(self, _check_lang(lang)))

    @property
    def en_plural(self) -> str:
        """The English plural: ``en_plural=`` from the note, else a regular plural (or empty)."""
        return _en_plural(self.en, self.note)

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
class _Row:
    line: int
    fr: str
    en: str
    ko: str
    kind: str
    note: str
    forms_fr: tuple[str, ...] = ()


# ---------------------------------------------------------------------------------------------
# Normalisation


def _check_lang(lang: str) -> Lang:
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported glossary language {lang!r}; use one of fr, en, ko")
    return lang


def _note_fields(note: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for part in note.split(";"):
        key, sep, value = part.partition("=")
        if sep and key.strip() in ("forms", "en_plural"):
            fields[key.strip()] = value.strip()
    return fields


@lru_cache(maxsize=4096)
def _en_plural(en: str, note: str) -> str:
    if not en:
        return ""
    override = _note_fields(note).get("en_plural")
    return override if override else pluralize_en(en)


def _forms_from_note(note: str) -> tuple[str, ...]:
    forms = _note_fields(note).get("forms", "")
    return tuple(form.strip() for form in forms.split("|") if form.strip())


@lru_cache(maxsize=131_072)
def _fold(token: str) -> str:
    return unicodedata.normalize("NFC", token).casefold().replace("œ", "oe").replace("æ", "ae")


@lru_cache(maxsize=131_072)
def _key_fr(token: str) -> str:
    """Case-folded French token with a regular plural (-s, -x, -aux) reduced to the singular."""
    word = _fold(token)
    if len(word) <= 3:
        return word
    if word.endswith("eaux"):
        return word[:-1]
    if word.endswith("aux"):
        return word[:-3] + "al"
    if word.endswith(("s", "x")):
        return word[:-1]
    return word


@lru_cache(maxsize=131_072)
def _key_en(token: str) -> str:
    """Case-folded English token with a regular plural reduced to the singular."""
    word = _fold(token)
    if len(word) <= 3 or word.endswith("ss"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


_KEY_FUNCTIONS = {"fr": _key_fr, "en": _key_en}


@lru_cache(maxsize=131_072)
def _exact(token: str) -> str:
    return unicodedata.normalize("NFC", token)


def _tokens(text: str) -> list[str]:
    return [match.group() for match in _TOKEN.finditer(text)]


@dataclass(frozen=True, slots=True)
class _Tokenized:
    """A text cut into word tokens, with the text between them (``re.split`` keeps it cheap)."""

    text: str
    pieces: list[str]  # gap, word, gap, word, ..., gap

    @classmethod
    def of(cls, text: str) -> _Tokenized:
        return cls(text, _SPLIT.split(text))

    @property
    def words(self) -> list[str]:
        return self.pieces[1::2]

    def offsets(self) -> list[int]:
        """``offsets[2 * i]`` is where word ``i`` starts, ``offsets[2 * i + 1]`` where it ends."""
        return list(accumulate(map(len, self.pieces)))

    def joined(self, index: int, size: int) -> bool:
        """True when words ``index..index+size-1`` are separated only by spaces, hyphens,
        apostrophes or slashes."""
        return all(_GAP.fullmatch(self.pieces[2 * i + 2]) for i in range(index, index + size - 1))


_KO_SPACING = re.compile(r"[\s\-\u2010\u2011\u2013]+")


def _compact_ko(text: str) -> str:
    return _KO_SPACING.sub("", unicodedata.normalize("NFC", text))


def _is_plural_form(found: Sequence[str], base: Sequence[str]) -> bool:
    """True when a found token ends in -s/-x where the base form's token does not."""
    pairs = zip(found, base, strict=False) if len(found) == len(base) else [(found[-1], base[-1])]
    for found_token, base_token in pairs:
        word, singular = _fold(found_token), _fold(base_token)
        if word != singular and word.endswith(("s", "x")) and not singular.endswith(("s", "x")):
            return True
    return False


def pluralize_en(phrase: str) -> str:
    """A simple English plural: the head noun (last word, or the word before ``of``/``per``).

    Acronyms take ``s`` (``SUVs``); words that already end in ``s`` are left alone.
    """
    words = phrase.split(" ")
    head = len(words) - 1
    for index, word in enumerate(words[1:], start=1):
        if word in ("of", "per", "for", "in", "with"):
            head = index - 1
            break
    word = words[head]
    if word.isupper() or word[-1:].isdigit():
        plural = word + "s"
    elif word.endswith("s"):
        plural = word
    elif word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        plural = word[:-1] + "ies"
    elif word.endswith(("x", "z", "ch", "sh")):
        plural = word + "es"
    else:
        plural = word + "s"
    return " ".join([*words[:head], plural, *words[head + 1 :]])


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "entry"


def _identity(fr: str, en: str) -> tuple[str, ...]:
    """How entries are identified when merging files: the normalised French term, or the
    English one for an entry without French."""
    if fr.strip():
        return ("fr", *(tuple(_key_fr(token) for token in _tokens(fr)) or (fr.strip(),)))
    return ("en", *(tuple(_key_en(token) for token in _tokens(en)) or (en.strip(),)))


# ---------------------------------------------------------------------------------------------
# Matchers


@dataclass(frozen=True, slots=True)
class _Variant:
    entry: GlossaryEntry
    #: Tokens of the entry's own term, against which a hit is judged plural.
    base_tokens: tuple[str, ...]


class _TokenMatcher:
    """Longest-first, non-overlapping matching of token sequences (French and English).

    Terms match case-insensitively with regular plurals; keep-list names match their exact
    case or all capitals. Lookups are dictionary hits keyed on normalised token tuples, so the
    cost grows with the text, not with the glossary.
    """

    def __init__(self, lang: Lang, entries: Sequence[GlossaryEntry]) -> None:
        self.lang = lang
        self._key = _KEY_FUNCTIONS[lang]
        self._folded: dict[tuple[str, ...], _Variant] = {}
        self._exact: dict[tuple[str, ...], _Variant] = {}
        self._longest_folded: dict[str, int] = {}
        self._longest_exact: dict[str, int] = {}
        for entry in entries:
            surfaces = [entry.term(lang)]
            if lang == "fr":
                surfaces.extend(entry.forms_fr)
            base_tokens = tuple(_tokens(entry.term(lang)))
            for surface in surfaces:
                tokens = tuple(_tokens(surface))
                if not tokens:
                    continue
                variant = _Variant(entry, base_tokens)
                if entry.kind == "keep":
                    for form in {
                        tuple(_exact(t) for t in tokens),
                        tuple(t.upper() for t in tokens),
                    }:
                        self._add(self._exact, self._longest_exact, form, variant)
                else:
                    key = tuple(self._key(t) for t in tokens)
                    self._add(self._folded, self._longest_folded, key, variant)

    @staticmethod
    def _add(
        table: dict[tuple[str, ...], _Variant],
        longest: dict[str, int],
        key: tuple[str, ...],
        variant: _Variant,
    ) -> None:
        table[key] = variant  # later entries win
        longest[key[0]] = max(longest.get(key[0], 0), len(key))

    def match(self, text: str) -> list[GlossaryHit]:
        tokenized = _Tokenized.of(text)
        words = tokenized.words
        exact = list(map(_exact, words))
        folded = list(map(self._key, words))
        # Only tokens that start some entry are worth a look; most tokens start none.
        starts = sorted(
            {i for i, key in enumerate(exact) if key in self._longest_exact}
            | {i for i, key in enumerate(folded) if key in self._longest_folded}
        )
        hits: list[GlossaryHit] = []
        offsets: list[int] = []
        count, resume = len(words), 0
        for index in starts:
            if index < resume:
                continue
            best: tuple[int, _Variant] | None = None
            for table, longest, keys in (
                (self._exact, self._longest_exact, exact),
                (self._folded, self._longest_folded, folded),
            ):
                size = min(longest.get(keys[index], 0), count - index)
                while size > (best[0] if best else 0):
                    variant = table.get(tuple(keys[index : index + size]))
                    if variant is not None and tokenized.joined(index, size):
                        best = (size, variant)
                        break
                    size -= 1
            if best is None:
                continue
            size, variant = best
            offsets = offsets or tokenized.offsets()
            start, end = offsets[2 * index], offsets[2 * (index + size) - 1]
            plural = variant.entry.kind == "term" and _is_plural_form(
                words[index : index + size], variant.base_tokens
            )
            hits.append(GlossaryHit(variant.entry, start, end, text[start:end], self.lang, plural))
            resume = index + size
        return hits


class _KoreanMatcher:
    """One compiled alternation of the Korean terms, longest first.

    Spaces inside a term are optional (Korean spacing varies); a term may be followed by a
    particle but never starts inside a word.
    """

    def __init__(self, entries: Sequence[GlossaryEntry]) -> None:
        self._exact: dict[str, GlossaryEntry] = {}
        self._folded: dict[str, GlossaryEntry] = {}
        branches: dict[str, int] = {}
        for entry in entries:
            compact = _compact_ko(entry.ko)
            if not compact:
                continue
            if entry.kind == "keep":
                self._exact[compact] = entry
            else:
                self._folded[compact.casefold()] = entry
            pattern = _ko_pattern(entry.ko)
            if entry.kind == "term":
                pattern = f"(?i:{pattern})"
            branches[pattern] = max(branches.get(pattern, 0), len(compact))
        ordered = sorted(branches, key=lambda p: -branches[p])
        self._pattern = re.compile(rf"(?<!\w)(?:{'|'.join(ordered)}){_KO_END}") if ordered else None

    def match(self, text: str) -> list[GlossaryHit]:
        if self._pattern is None:
            return []
        hits = []
        for found in self._pattern.finditer(text):
            compact = _compact_ko(found.group())
            entry = self._exact.get(compact) or self._folded.get(compact.casefold())
            if entry is not None:
                hits.append(GlossaryHit(entry, found.start(), found.end(), found.group(), "ko"))
        return hits


def _ko_pattern(term: str) -> str:
    parts = []
    for char in unicodedata.normalize("NFC", term.strip()):
        if char.isspace():
            parts.append(r"\s*")
        elif char in "-\u2010\u2011\u2013":
            parts.append(r"[\-\u2010\u2011\u2013\s]?")
        else:
            parts.append(re.escape(char))
    return re.sub(r"(?:\\s\*)+", r"\\s*", "".join(parts))


# ---------------------------------------------------------------------------------------------
# The glossary


@dataclass(frozen=True)
class Glossary:
    """Merged glossary entries with compiled matchers for French, English and Korean.

    ``version`` is a content hash: equal entries give an equal version, so it can key caches.
    """

    entries: tuple[GlossaryEntry, ...]
    version: str = field(init=False)
    _matchers: dict[str, _TokenMatcher | _KoreanMatcher] = field(init=False, repr=False)
    _by_id: dict[str, GlossaryEntry] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        digest = hashlib.sha256()
        for entry in self.entries:
            fields = (entry.id, entry.fr, entry.en, entry.ko, entry.kind, entry.note)
            digest.update("\x1f".join(fields).encode() + b"\x1e")
        object.__setattr__(self, "version", digest.hexdigest()[:16])
        object.__setattr__(self, "_matchers", {})
        object.__setattr__(self, "_by_id", {entry.id: entry for entry in self.entries})

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[GlossaryEntry]:
        return iter(self.entries)

    def get(self, entry_id: str) -> GlossaryEntry | None:
        """The entry with this id, or ``None``."""
        return self._by_id.get(entry_id)

    def _matcher(self, lang: Lang) -> _TokenMatcher | _KoreanMatcher:
        matcher = self._matchers.get(lang)
        if matcher is None:
            matcher = (
                _KoreanMatcher(self.entries) if lang == "ko" else _TokenMatcher(lang, self.entries)
            )
            self._matchers[lang] = matcher
        return matcher

    def match(self, text: str, lang: str) -> list[GlossaryHit]:
        """Glossary hits in ``text`` (in ``lang``): longest first, non-overlapping, ordered."""
        return self._matcher(_check_lang(lang)).match(text)

    def spans(self, text: str, source_lang: str, target_lang: str) -> list[Span]:
        """Protected spans for translating ``text`` from ``source_lang`` to ``target_lang``.

        Each hit's replacement is the entry's target form; a plural French or English hit gets
        the English plural when translating to English. Keep-list names between French and
        English keep the source text exactly as written. Entries without a target form give
        no span: the translator handles those words.
        """
        target = _check_lang(target_lang)
        spans = []
        for hit in self.match(text, source_lang):
            replacement = _expected_target(hit, target)
            if replacement:
                spans.append(Span(hit.start, hit.end, replacement, hit.entry.kind, hit.entry.id))
        return spans

    def lookup(self, query: str) -> list[GlossaryEntry]:
        """Entries for ``query`` in any language, best first.

        First the entries that :meth:`match` finds in the query, as in a document (so
        ``Usines``, ``l'usine`` or ``공장에서`` find *usine*), then those whose French, English
        or Korean form contains it (case-insensitive).
        """
        needle = _fold(query.strip())
        if not needle:
            return []
        found = {hit.entry.id: hit.entry for lang in LANGUAGES for hit in self.match(query, lang)}
        for entry in self.entries:
            if entry.id not in found and (
                any(needle in _fold(entry.term(lang)) for lang in LANGUAGES)
                or any(needle in _fold(form) for form in entry.forms_fr)
            ):
                found[entry.id] = entry
        return list(found.values())


def _expected_target(hit: GlossaryHit, target: Lang) -> str:
    """The form ``hit`` should take in ``target``: empty when the entry has none there."""
    entry = hit.entry
    latin = hit.lang in ("fr", "en") and target in ("fr", "en")
    if entry.kind == "keep" and latin and entry.fr == entry.en:
        return hit.matched_text
    if target == "en" and hit.plural:
        return entry.en_plural
    return entry.term(target)


# ---------------------------------------------------------------------------------------------
# Reading files


def builtin_glossary_path() -> Path:
    """Where the built-in automotive glossary is: in the installed package, else the checkout."""
    packaged = resources.files("polyglot_press").joinpath("data", BUILTIN_NAME)
    if packaged.is_file():
        return Path(str(packaged))
    return _REPO_BUILTIN


def _decode_lines(path: Path, data: bytes, problems: list[GlossaryProblem]) -> str:
    """Decode UTF-8 line by line so an undecodable byte is reported at its line."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lines = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError as error:
            problems.append(
                GlossaryProblem(
                    str(path), number, f"byte 0x{raw[error.start]:02x} is not valid UTF-8"
                )
            )
            lines.append(raw.decode("utf-8", errors="replace"))
    return "\n".join(lines)


def _read_table(
    path: Path, text: str, delimiter: str, problems: list[GlossaryProblem]
) -> list[_Row]:
    name = str(path)
    source = io.StringIO(text, newline="")
    reader = (
        csv.reader(source, delimiter="\t", quoting=csv.QUOTE_NONE)
        if delimiter == "\t"
        else csv.reader(source, delimiter=delimiter)
    )
    header: list[str] | None = None
    rows: list[_Row] = []
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells) or cells[0].lstrip().startswith("#"):
            continue
        if header is None:
            header = [cell.strip().lower() for cell in cells]
            missing = [column for column in REQUIRED_COLUMNS if column not in header]
            if missing:
                problems.append(
                    GlossaryProblem(
                        name,
                        line,
                        f"header lacks column(s) {', '.join(missing)}; "
                        f"expected {' '.join(COLUMNS)}",
                    )
                )
                return []
            unknown = [column for column in header if column not in COLUMNS]
            if unknown:
                problems.append(
                    GlossaryProblem(name, line, f"unknown column(s) {', '.join(unknown)}")
                )
            continue
        if len(cells) != len(header):
            problems.append(
                GlossaryProblem(
                    name,
                    line,
                    f"expected {len(header)} columns ({' '.join(header)}), found {len(cells)}",
                )
            )
            continue
        values = {column: cell.strip() for column, cell in zip(header, cells, strict=True)}
        rows.append(
            _Row(
                line,
                values.get("fr", ""),
                values.get("en", ""),
                values.get("ko", ""),
                values.get("kind", "") or "term",
                values.get("note", ""),
            )
        )
    if header is None:
        problems.append(GlossaryProblem(name, 1, f"empty glossary: no header {' '.join(COLUMNS)}"))
    return rows


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
# Three-letter ISO 639-2 codes some term bases use.
_LANGUAGE_ALIASES = {"fra": "fr", "fre": "fr", "eng": "en", "kor": "ko"}


class _TbxReader:
    """Reads TBX v2 ``termEntry``/``langSet`` and v3 ``conceptEntry``/``langSec`` entries with
    expat, tracking line numbers. Namespace prefixes are ignored, so any TBX dialect with or
    without namespaces reads the same.

    Entity declarations are refused, so entity-expansion attacks cannot run; external
    entities are never fetched.
    """

    def __init__(self, path: Path, problems: list[GlossaryProblem]) -> None:
        self.path = str(path)
        self.problems = problems
        self.rows: list[_Row] = []
        self._stack: list[tuple[str, int]] = []  # element name, where its text starts
        self._entry: dict[str, Any] | None = None
        self._lang: str | None = None
        self._text: list[str] = []
        self._category: str | None = None

    def read(self, data: bytes) -> list[_Row]:
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
            code = lang.split("-")[0].split("_")[0].lower()
            self._lang = _LANGUAGE_ALIASES.get(code, code)
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
            _Row(
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


def _read_rows(path: Path) -> tuple[list[_Row], list[GlossaryProblem]]:
    problems: list[GlossaryProblem] = []
    try:
        data = path.read_bytes()
    except OSError as error:
        raise GlossaryError(
            f"cannot read glossary {path}: {error.strerror or error}",
            hint="check the path; glossaries are .tsv, .csv or .tbx files",
        ) from error
    if _is_tbx(path):
        return _TbxReader(path, problems).read(data), problems
    text = _decode_lines(path, data, problems)
    delimiter = "," if path.suffix.lower() == ".csv" else "\t"
    return _read_table(path, text, delimiter, problems), problems


def _is_tbx(path: Path) -> bool:
    return path.suffix.lower() in (".tbx", ".xml")


def glossary_format_hint(path: Path | str) -> str:
    """How a glossary file of this type (by its suffix) must be laid out, for error hints."""
    file = Path(path)
    if _is_tbx(file):
        return (
            "each termEntry (TBX v2) or conceptEntry (TBX v3) needs a langSet/langSec with "
            'xml:lang="fr" or "en" holding a <term>; a ko one is optional'
        )
    separator = "commas" if file.suffix.lower() == ".csv" else "tabs"
    return (
        f"the header is fr, en, ko, kind, note (separated by {separator}); "
        "each row needs fr or en, and ko may be empty"
    )


def _conflicts(first: _Row, second: _Row) -> bool:
    """True when two rows for one term disagree on a form both give, or on the kind."""
    return first.kind != second.kind or any(
        getattr(first, lang)
        and getattr(second, lang)
        and getattr(first, lang) != getattr(second, lang)
        for lang in ("en", "ko")
    )


def _check_rows(path: Path, rows: Sequence[_Row], problems: list[GlossaryProblem]) -> list[_Row]:
    """Report missing forms, unknown kinds and duplicates; return the rows that are usable.

    A row without French and English is an error (nothing to match); one without some other
    form is loaded with a warning. A keep-list name lacking fr or en takes the other form.
    """
    name = str(path)
    missing = "no {} term" if _is_tbx(path) else "empty {} cell"
    seen: dict[tuple[str, ...], _Row] = {}
    good: list[_Row] = []
    for row in rows:
        if not row.fr and not row.en:
            problems.append(
                GlossaryProblem(name, row.line, f"{missing.format('fr or en')}: nothing to match")
            )
            continue
        if row.kind not in KINDS:
            problems.append(
                GlossaryProblem(name, row.line, f"unknown kind {row.kind!r}; use term or keep")
            )
            continue
        if row.kind == "keep":
            if row.fr and row.en and row.fr != row.en:
                problems.append(
                    GlossaryProblem(
                        name, row.line, f"keep entry {row.fr!r} must have the same fr and en name"
                    )
                )
                continue
            row = replace(row, fr=row.fr or row.en, en=row.en or row.fr)
        empty = [lang for lang in LANGUAGES if not getattr(row, lang)]
        if empty:
            languages = " or ".join(LANGUAGE_NAMES[lang] for lang in empty)
            problems.append(
                GlossaryProblem(
                    name,
                    row.line,
                    f"{missing.format(', '.join(empty))}: the entry is loaded but not matched "
                    f"or enforced in {languages}",
                    severity="warning",
                )
            )
        identity = _identity(row.fr, row.en)
        previous = seen.get(identity)
        if previous is not None:
            label = row.fr or row.en
            if _conflicts(previous, row):
                problems.append(
                    GlossaryProblem(
                        name,
                        row.line,
                        f"{label!r} conflicts with line {previous.line} "
                        f"({previous.en!r}/{previous.ko!r} vs {row.en!r}/{row.ko!r})",
                    )
                )
            else:
                problems.append(
                    GlossaryProblem(name, row.line, f"{label!r} repeats line {previous.line}")
                )
            continue
        seen[identity] = row
        good.append(row)
    return good


def validate_glossary_file(path: Path | str) -> GlossaryCheck:
    """Check a TSV, CSV or TBX glossary and summarise it; problems carry line numbers.

    Missing forms are warnings (:attr:`GlossaryCheck.warnings`), everything else errors.
    Raises :class:`GlossaryError` only when the file cannot be read at all.
    """
    file = Path(path)
    rows, problems = _read_rows(file)
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
    check_rows, problems = _read_rows(path)
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
            forms_fr=row.forms_fr + _forms_from_note(row.note),
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
            identity = _identity(entry.fr, entry.en)
            # Re-insert so the later file also wins in the indexes.
            replaced = merged.pop(identity, None)
            merged[identity] = _inherit_forms(entry, replaced)
    ids: Counter[str] = Counter()
    entries = []
    for entry in merged.values():
        slug = _slug(entry.fr or entry.en)
        ids[slug] += 1
        entry_id = slug if ids[slug] == 1 else f"{slug}-{ids[slug]}"
        entries.append(replace(entry, id=entry_id))
    return Glossary(tuple(entries))


# ---------------------------------------------------------------------------------------------
# Compliance


@dataclass(frozen=True, slots=True)
class ComplianceItem:
    """One source hit and whether its expected target form appears in the output."""

    entry_id: str
    source_text: str
    source_start: int
    source_end: int
    expected: str
    kind: EntryKind
    found: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "entry_id": self.entry_id,
            "source": self.source_text,
            "start": self.source_start,
            "end": self.source_end,
            "expected": self.expected,
            "kind": self.kind,
            "found": self.found,
        }


@dataclass(frozen=True, slots=True)
class ComplianceReport:
    """How well a translation used the glossary: one item per source hit."""

    source_lang: str
    target_lang: str
    glossary_version: str
    items: tuple[ComplianceItem, ...]

    @property
    def expected(self) -> int:
        return len(self.items)

    @property
    def found(self) -> int:
        return sum(1 for item in self.items if item.found)

    @property
    def term_use_rate(self) -> float | None:
        """Found / expected; ``None`` when the source has no glossary hit (nothing to use)."""
        return self.found / self.expected if self.items else None

    @property
    def missing(self) -> tuple[ComplianceItem, ...]:
        return tuple(item for item in self.items if not item.found)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view of the report (``term_use_rate`` is ``null`` without hits)."""
        rate = self.term_use_rate
        return {
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "glossary_version": self.glossary_version,
            "expected": self.expected,
            "found": self.found,
            "term_use_rate": None if rate is None else round(rate, 4),
            "items": [item.to_dict() for item in self.items],
        }


class _Occurrences:
    """Counts of target-language phrases in one output text, tokenised once for all phrases.

    A phrase counts its non-overlapping occurrences, tolerant of plurals and typography
    (French/English) or of following particles and spacing (Korean). Keep-list names count
    in their exact case or all capitals.
    """

    def __init__(self, text: str, lang: Lang) -> None:
        self._text = text
        self._lang = lang
        self._tokenized = _Tokenized.of(text) if lang != "ko" else None
        # Per exactness: the normalised words, and where each normalised word occurs.
        self._indexes: dict[bool, tuple[list[str], dict[str, list[int]]]] = {}

    def count(self, phrase: str, exact: bool) -> int:
        tokenized = self._tokenized
        if tokenized is None:
            return len(_korean_occurrence_pattern(phrase, exact).findall(self._text))
        normalise = _exact if exact else _KEY_FUNCTIONS[self._lang]
        wanted = tuple(normalise(token) for token in _tokens(phrase))
        if not wanted:
            return 0
        keys, positions = self._index(tokenized, exact, normalise)
        forms = {wanted, tuple(token.upper() for token in wanted)} if exact else {wanted}
        size = len(wanted)
        starts = sorted(
            index
            for form in forms
            for index in positions.get(form[0], ())
            if tuple(keys[index : index + size]) == form and tokenized.joined(index, size)
        )
        count, resume = 0, 0
        for index in starts:
            if index >= resume:
                count += 1
                resume = index + size
        return count

    def _index(
        self, tokenized: _Tokenized, exact: bool, normalise: Callable[[str], str]
    ) -> tuple[list[str], dict[str, list[int]]]:
        index = self._indexes.get(exact)
        if index is None:
            keys = [normalise(word) for word in tokenized.words]
            positions: dict[str, list[int]] = {}
            for position, key in enumerate(keys):
                positions.setdefault(key, []).append(position)
            index = self._indexes[exact] = (keys, positions)
        return index


@lru_cache(maxsize=4096)
def _korean_occurrence_pattern(phrase: str, exact: bool) -> re.Pattern[str]:
    flags = 0 if exact else re.IGNORECASE
    return re.compile(rf"(?<!\w)(?:{_ko_pattern(phrase)}){_KO_END}", flags)


def compliance_report(
    source_text: str,
    source_lang: str,
    output_text: str,
    target_lang: str,
    glossary: Glossary,
) -> ComplianceReport:
    """Check that each glossary hit of the source appears in the output in its target form.

    An entry hit ``n`` times in the source must appear ``n`` times in the output: the first
    hits beyond what the output holds count as missing. Entries without a target form are
    not reported.
    """
    target = _check_lang(target_lang)
    occurrences = _Occurrences(output_text, target)
    available: dict[tuple[str, bool], int] = {}
    items = []
    for hit in glossary.match(source_text, source_lang):
        expected = _expected_target(hit, target)
        if not expected:
            continue
        base = hit.entry.term(target) if hit.entry.kind == "term" else expected
        exact = hit.entry.kind == "keep"
        key = (base, exact)
        if key not in available:
            available[key] = occurrences.count(base, exact)
        found = available[key] > 0
        if found:
            available[key] -= 1
        items.append(
            ComplianceItem(
                hit.entry.id, hit.matched_text, hit.start, hit.end, expected, hit.entry.kind, found
            )
        )
    return ComplianceReport(source_lang, target, glossary.version, tuple(items))
