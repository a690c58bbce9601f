"""The checks: one small function each, over a source sentence and its translation.

Every check costs linear time in the sentence. None needs a reference translation: they
compare the output with its source (words copied, names and values carried, length), with what
human translations of the pair look like (length bands, :mod:`._lengths`), and with the target
language itself (script, detector). Each returns a :class:`Flag` or ``None``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from decimal import Decimal

from polyglot_press.checks._flags import Flag
from polyglot_press.checks._lengths import length_band, length_ratio

__all__ = [
    "addition",
    "missing_values",
    "name_candidates",
    "name_missing",
    "number_added",
    "omission",
    "repetition",
    "untranslated",
    "wrong_language",
]

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_TOKEN = re.compile(r"\S+")
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_LETTER = re.compile(r"[^\W\d_]")
# A name-like token: a capital then letters (Deblaise, McLaren, Citroën), an acronym (BMW),
# or an identifier mixing letters and digits (A320, 802.11n, ID.4).
_NAME_TOKEN = re.compile(
    r"(?<![\w.])(?:[A-ZÀ-ÖØ-Þ][\w’'-]*[^\W\d_]|[A-Z]{2,}|(?=[\w.-]*\d)(?=[\w.-]*[^\W\d_])"
    r"[A-Za-z0-9][\w.-]*[A-Za-z0-9])(?![\w])"
)
#: Titles and honorifics, which translations write their own way (Mme → Ms).
_TITLES = frozenset({"m", "mm", "mme", "mmes", "mlle", "dr", "me", "mgr", "pr", "st", "ste"})
_ORDINAL = re.compile(r"\d+(?:er|re|e|ème|eme|nd|nde|st|th|rd)|[IVXLC]+(?:e|ème)?", re.I)
# Times (19h30, 10:15), ages and other hyphenated words (20-year-old) are not names.
_NOT_A_NAME = re.compile(
    r"^\d{1,2}[h:.]\d{0,2}$|-[^\W\d_]{3,}"
    r"|^\d+(?:[.,]\d+)?(?:bn|m|k|km|kg|h|am|pm|million|billion|s|st|nd|rd|th|è|e|er|ème)$",
    re.I,
)
#: What may stand between the words of one name: "Pays de Galles", "Bank of England".
_CONNECTOR_WORDS = frozenset(
    {"de", "du", "des", "d", "la", "le", "les", "of", "the", "del", "van", "von", "da"}
)
_CONNECTOR = re.compile(
    r"\s+|\s+(?:" + "|".join(sorted(_CONNECTOR_WORDS, key=len, reverse=True)) + r")\s+|\s+d['’]|-"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;«»\"“”()\[\]–—-]\s*|\n)\s*$")
#: Elisions before a name: "l'Alpine", "d'Renault".
_ELISION = re.compile(r"^(?:[ldjmnstcqu]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)

#: Below this many words a sentence is too short to judge by word overlap or language.
_MIN_WORDS = 3
#: Share of the output's words found in the source above which it counts as untranslated.
_COPIED_SHARE = 0.7
#: A target in Latin script whose detector verdict is another language with this confidence.
_WRONG_LANGUAGE_CONFIDENCE = 0.9
_MIN_LETTERS_FOR_DETECTOR = 20


def _fold_key(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c)
    )


def _fold(text: str) -> str:
    """Lower case without diacritics: ``Stéphane`` and ``stephane`` compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _words(text: str) -> list[str]:
    return [_fold(word) for word in _WORD.findall(text)]


def _without(text: str, protected: Iterable[str]) -> str:
    """``text`` with every protected string (spans, names) blanked out."""
    for piece in sorted({p for p in protected if p}, key=len, reverse=True):
        text = text.replace(piece, " ")
    return text


def untranslated(
    source: str, output: str, protected: Collection[str] = (), names: Collection[str] = ()
) -> Flag | None:
    """The output is mostly the source: most of its words, names and spans left out, are
    the source's own words (a model that copied its input; cognates alone never get there)."""
    kept = (*protected, *names)
    source_words = set(_words(_without(source, kept)))
    output_words = _words(_without(output, kept))
    if len(output_words) < _MIN_WORDS or len(source_words) < _MIN_WORDS:
        same = _fold(" ".join(output.split())) == _fold(" ".join(source.split()))
        if same and len(source_words) >= 2 and not _all_names(source, names):
            return Flag("untranslated", "the output is the source sentence, unchanged")
        return None
    copied = sum(word in source_words for word in output_words) / len(output_words)
    if copied < _COPIED_SHARE:
        return None
    return Flag(
        "untranslated",
        f"{copied:.0%} of the output's words are the source's own: it was not translated",
    )


def _all_names(source: str, names: Collection[str]) -> bool:
    return not _words(_without(source, names))


def wrong_language(output: str, target_lang: str, protected: Collection[str] = ()) -> Flag | None:
    """The output is not in the target language: no Hangul in a Korean output, or the
    detector confidently naming another language for a Latin-script one."""
    from polyglot_press.language import detect_language

    text = _without(output, protected)
    letters = len(_LETTER.findall(text))
    if target_lang == "ko":
        hangul = len(_HANGUL.findall(text))
        if letters >= 2 and hangul < 0.3 * letters:
            return Flag(
                "wrong_language",
                "the Korean output is not in Korean"
                + (" (no Hangul at all)" if not hangul else " (mostly Latin script)"),
            )
        return None
    if letters < _MIN_LETTERS_FOR_DETECTOR or len(_words(text)) < _MIN_WORDS + 1:
        return None
    guess = detect_language(text)
    if (
        guess.code in (target_lang, "und")
        or not guess.reliable
        or guess.confidence < _WRONG_LANGUAGE_CONFIDENCE
    ):
        return None
    return Flag(
        "wrong_language",
        f"the output reads as {guess.code}, not {target_lang} ({guess.confidence:.0%} sure)",
    )


def omission(source: str, output: str, source_lang: str, target_lang: str) -> Flag | None:
    """The output is much shorter than human translations of such a sentence ever are."""
    ratio = length_ratio(source, output)
    lower, _ = length_band(source_lang, target_lang, source)
    if ratio is None or ratio >= lower:
        return None
    return Flag("omission", "the output is much shorter than its source: words may be missing")


def addition(source: str, output: str, source_lang: str, target_lang: str) -> Flag | None:
    """The output is much longer than human translations of such a sentence ever are."""
    ratio = length_ratio(source, output)
    _, upper = length_band(source_lang, target_lang, source)
    if ratio is None or ratio <= upper:
        return None
    return Flag("addition", "the output is much longer than its source: check for added text")


def repetition(source: str, output: str) -> Flag | None:
    """The output loops: a word or phrase of up to four words repeated back to back three
    times or more (four for a single word), which its source does not do."""
    found = _longest_loop([_fold(t) for t in _TOKEN.findall(output)])
    if found is None or _longest_loop([_fold(t) for t in _TOKEN.findall(source)]) is not None:
        return None
    return Flag("repetition", f"the output repeats «{found}» in a loop")


def _longest_loop(tokens: Sequence[str]) -> str | None:
    for size in (1, 2, 3, 4):
        needed = 4 if size == 1 else 3
        run = 1
        for start in range(size, len(tokens) - size + 1, size):
            if tokens[start : start + size] == tokens[start - size : start]:
                run += 1
                if run >= needed:
                    return " ".join(tokens[start : start + size])
            else:
                run = 1
        # A loop need not start on a multiple of its size: try each phase once.
        for phase in range(1, size):
            run = 1
            for start in range(phase + size, len(tokens) - size + 1, size):
                if tokens[start : start + size] == tokens[start - size : start]:
                    run += 1
                    if run >= needed:
                        return " ".join(tokens[start : start + size])
                else:
                    run = 1
    return None


def name_candidates(
    source: str, source_lang: str, keep: Collection[str] = (), known: Collection[str] = ()
) -> list[str]:
    """Person, organisation and place names and identifiers of ``source``, in order.

    A name is a run of capitalised words (``Pays de Galles``, ``Stéphane Deblaise``) not
    explained by its position (a sentence start) or by being an ordinary word of the source
    language written with a capital (``Président``), an acronym, or an identifier with
    letters and digits (``A320``). ``keep`` lists words the glossary keeps as they are (they
    are checked as spans); ``known`` ordinary words. Times, ages and ordinals are not names.
    """
    kept = {_fold(k) for k in keep}
    runs: list[tuple[int, int, list[str]]] = []
    for match in _NAME_TOKEN.finditer(source):
        token = _ELISION.sub("", match.group()).strip("’'-.")
        folded = _fold(token)
        if (
            len(token) < 2
            or folded in kept
            or folded in known
            or folded in _TITLES
            or _ORDINAL.fullmatch(token)
            or _NOT_A_NAME.search(token)
        ):
            continue
        has_digit = any(c.isdigit() for c in token)
        if not has_digit and not token.isupper():
            if _SENTENCE_START.search(source[: match.start()]):
                continue  # a capital explained by the sentence start
            if _is_known_word(source_lang, token.lower()):
                continue
        elif not has_digit and len(token) > 3 and _is_known_word(source_lang, token.lower()):
            continue  # a word in capitals ("MERCI"), not an acronym
        gap = source[runs[-1][1] : match.start()] if runs else ""
        if runs and _CONNECTOR.fullmatch(gap):
            runs[-1] = (runs[-1][0], match.end(), [*runs[-1][2], token])
        else:
            runs.append((match.start(), match.end(), [token]))
    return list(dict.fromkeys(source[a:b].strip("’'-.") for a, b, _ in runs))


def _is_known_word(lang: str, word: str) -> bool:
    from polyglot_press.language._lexicon import LEXICON_LANGUAGES, lexicon

    return lang in LEXICON_LANGUAGES and lexicon(lang).knows(word)


def name_missing(
    names: Sequence[str], output: str, target_lang: str, accepted: Collection[str] = ()
) -> Flag | None:
    """A name of the source is in the output neither as written (letter case and accents
    aside), nor in the target language's spelling (a shared beginning, ``Mexique``/``Mexico``,
    or a known exonym, ``Allemagne``/``Germany``), nor in an ``accepted`` form. Korean
    transliterates names and acronyms into Hangul, so only identifiers with digits, which it
    keeps in Latin letters, are checked there."""
    folded = _fold(output)
    output_words = set(_words(output))
    accepted_folded = {_fold(a) for a in accepted}
    absent = []
    for name in names:
        if target_lang == "ko" and not any(c.isdigit() for c in name):
            continue
        if _fold(name) in accepted_folded or _name_in(name, folded, output_words):
            continue
        absent.append(name)
    if not absent:
        return None
    listed = ", ".join(f"«{name}»" for name in absent[:3])
    return Flag(
        "name_missing",
        f"{listed} {'is' if len(absent) == 1 else 'are'} not in the output",
    )


def _name_in(name: str, folded_output: str, output_words: Collection[str]) -> bool:
    from polyglot_press.checks._exonyms import EXONYMS

    whole = _fold(name)
    squeezed = "".join(_words(whole))
    if squeezed and squeezed in "".join(_words(folded_output)) and len(squeezed) > 5:
        return True  # "Sky Blues" written "Skyblues"
    if _contains(folded_output, whole) or any(
        _contains(folded_output, _fold(form)) for form in EXONYMS.get(whole, ())
    ):
        return True
    pieces = [p for p in _NAME_TOKEN.findall(name) if _fold(p) not in _CONNECTOR_WORDS]
    if len(pieces) < 2:
        return bool(pieces) and _spelled_alike(_fold(pieces[0]), output_words)
    # A person is often named by one part of the name only ("Kavanaugh", "Jones").
    return any(_name_in(piece, folded_output, output_words) for piece in pieces)


def _contains(folded_output: str, folded: str) -> bool:
    if not folded:
        return False
    at = folded_output.find(folded)
    while at != -1:
        before = folded_output[at - 1] if at else " "
        end = at + len(folded)
        after = folded_output[end : end + 1] or " "
        if after == "s" and not folded_output[end + 1 : end + 2].isalnum():
            after = " "  # a plural: "MWPs"
        if not before.isalnum() and not (after.isalnum() and folded[-1].isalnum()):
            return True
        at = folded_output.find(folded, at + 1)
    return False


def _spelled_alike(folded: str, output_words: Collection[str]) -> bool:
    """A word of the output shares the name's beginning (all but its last three letters)."""
    letters = "".join(_words(folded))
    if len(letters) < 4:
        return False
    need = max(4, len(letters) - 3)
    return any(_common_prefix(letters, word) >= need for word in output_words)


def _common_prefix(left: str, right: str) -> int:
    size = 0
    for a, b in zip(left, right, strict=False):
        if a != b:
            break
        size += 1
    return size


_URL_OR_MAIL = re.compile(r"@|^(?:https?://|www\.)|\.[a-z]{2,}/", re.IGNORECASE)
_PHONE = re.compile(r"^\+?[\d\s().\-/]{7,}$")
_DIGIT = re.compile(r"\d")
_DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|early|late|mid|first half|second half)\b|\d+년|\d+월|상반기|하반기|초|말",
    re.IGNORECASE,
)


def missing_values(
    missing: Sequence[str],
    kinds: Sequence[str] = (),
    output: str = "",
    accepted: Mapping[str, Sequence[str]] | None = None,
) -> list[Flag]:
    """Flags for the spans the engine could not place (see ``SentenceTranslation.missing``).

    ``kinds`` gives each span's kind where known (``number``, ``email``, ``url``, ``phone``,
    ``term``, ``keep``, ``date``); otherwise it is read from the text itself. A span the
    ``output`` holds in a form the engine does not enforce is not flagged: a glossary term in
    one of its ``accepted`` forms (``US`` for *United States*), a number spelled out
    (``three``) or abbreviated (``£2.8bn``).
    """
    groups: dict[str, list[str]] = {}
    for index, wanted in enumerate(missing):
        kind = kinds[index] if index < len(kinds) else _kind_of(wanted)
        if output and _present_otherwise(wanted, kind, output, accepted or {}):
            continue
        code = {
            "number": "number_missing",
            "email": "contact_missing",
            "url": "contact_missing",
            "phone": "contact_missing",
            "date": "date_mismatch",
            "keep": "name_missing",
        }.get(kind, "term_missing")
        groups.setdefault(code, []).append(wanted)
    flags = []
    for code, values in groups.items():
        listed = ", ".join(f"«{value}»" for value in values[:3])
        what = {
            "number_missing": "the number",
            "contact_missing": "the contact",
            "date_mismatch": "the date",
            "name_missing": "the name",
            "term_missing": "the glossary term",
        }[code]
        plural = "s" if len(values) > 1 else ""
        flags.append(
            Flag(code, f"{what}{plural} {listed} {'are' if plural else 'is'} not in the output")  # type: ignore[arg-type]
        )
    return flags


_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "a hundred": 100,
    "a thousand": 1000,
}
_NUMBER_WORD = re.compile(
    r"\b(" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b", re.I
)
_FRENCH_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        [
            "zéro",
            "un",
            "deux",
            "trois",
            "quatre",
            "cinq",
            "six",
            "sept",
            "huit",
            "neuf",
            "dix",
            "onze",
            "douze",
            "treize",
            "quatorze",
            "quinze",
            "seize",
            "dix-sept",
            "dix-huit",
            "dix-neuf",
            "vingt",
        ]
    )
} | {
    "une": 1,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "cent": 100,
    "mille": 1000,
    "douzaine": 12,
    "zero": 0,
    "premier": 1,
    "première": 1,
    "second": 2,
    "seconde": 2,
    "moitié": 0.5,
    "half": 0.5,
    "double": 2,
    "décennie": 10,
    "decade": 10,
}
_FRENCH_NUMBER_WORDS = {_fold_key(k): v for k, v in _FRENCH_NUMBER_WORDS.items()}
_ANY_NUMBER = re.compile(
    r"(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|(?<![\w.,])\d+(?:[.,]\d+)*"
    r"(?:\s?(?:%|bn|m|k|million|billion|milliards?|millions?|만|억|조|천)(?![^\W\d_]))?"
)
_TIME_OF_DAY = re.compile(
    r"\d{1,2}\s?(?:[:h.]\s?\d{2}\s?(?:a\.?m\.?|p\.?m\.?)?|h\b|a\.m\.|p\.m\.|am\b|pm\b"
    r"|시(?:\s?\d{1,2}\s?분)?)",
    re.I,
)
_DECADE = re.compile(r"'?s\b|년대")
_ABBREVIATED_SCALE = re.compile(r"(\d)\s?(bn|m|k)\b")
_SCALE_WORDS = {"bn": " billion", "m": " million", "k": " thousand"}


def _present_otherwise(
    wanted: str, kind: str, output: str, accepted: Mapping[str, Sequence[str]]
) -> bool:
    from polyglot_press.translate import find_form

    if kind in ("term", "keep"):
        forms = accepted.get(wanted, ())
        return any(find_form(output, form, "term", []) is not None for form in forms)
    if kind == "date":
        return any(_contains(_fold(output), _fold(form)) for form in _date_forms(wanted))
    if kind == "number":
        spelled = _NUMBER_WORD.sub(lambda m: str(_NUMBER_WORDS[m.group().lower()]), output)
        spelled = _ABBREVIATED_SCALE.sub(lambda m: m.group(1) + _SCALE_WORDS[m.group(2)], spelled)
        return find_form(spelled, wanted, "number", []) is not None
    return False


_ENGLISH_DATE = re.compile(r"(?:(\d{1,2}) )?([A-Z][a-z]+) (\d{4})")


def _date_forms(wanted: str) -> list[str]:
    """Other ways English writes the date ``9 November 2023``: ``November 9, 2023``,
    ``Nov. 9, 2023``, ``9th November 2023``."""
    match = _ENGLISH_DATE.fullmatch(wanted)
    if match is None:
        return []
    day, month, year = match.groups()
    months = [month, month[:3] + ".", month[:3]] + (["Sept."] if month == "September" else [])
    if day is None:
        return [f"{name} {year}" for name in months]
    suffix = {"1": "st", "2": "nd", "3": "rd"}.get(
        day[-1] if day[:1] != "1" or len(day) == 1 else "", "th"
    )
    forms = []
    for name in months:
        forms += [f"{name} {day}, {year}", f"{name} {day} {year}", f"{day}{suffix} {name} {year}"]
        forms += [f"{name} {day}{suffix}, {year}", f"{day} {name}, {year}"]
    return forms


def number_added(source: str, output: str, source_lang: str) -> Flag | None:
    """The output holds a number its source has in no form (``1,5`` written ``2.5``): a
    figure the model changed. Times of day, which languages write differently, are left
    out, and numbers the source spells out (``trois``, ``three``) count."""
    from polyglot_press.translate import number_values

    known: set[tuple[Decimal, bool]] = set()
    for match in _ANY_NUMBER.finditer(_TIME_OF_DAY.sub(" ", source)):
        known |= number_values(match.group())
        known |= number_values(re.sub(r"[\s\u00a0\u202f]", "", match.group()))
    for value in _spelled_values(source):
        known |= {(Decimal(value), False), (Decimal(value), True)}
    years = {str(int(value)) for value, _ in known if value == value.to_integral()}
    for match in _ANY_NUMBER.finditer(_TIME_OF_DAY.sub(" ", output)):
        text = match.group()
        values = number_values(text)
        if not values or values & known or any(y.endswith(text) for y in years):
            continue
        if _DECADE.match(output, match.end()):
            continue  # "the 80s", "1980s"
        return Flag(
            "number_missing", f"the output has the number «{text}», which the source has not"
        )
    return None


_MONTHS = {
    name: number
    for names in (
        "january february march april may june july august september october november december",
        "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre",
    )
    for number, name in enumerate(names.split(), start=1)
}
_ROMAN = re.compile(r"^[ivxlc]+(?:e|eme|er)?$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def _spelled_values(text: str) -> set[float]:
    """Numbers a text writes in words: number words (``trois``, ``fifty-eight``), months
    (Korean writes ``6월`` for June) and Roman ordinals (``XIXe`` siècle)."""
    values: set[float] = set()
    for word in _WORD.findall(text):
        folded = _fold_key(word)
        for piece in folded.split("-"):
            value = _NUMBER_WORDS.get(piece, _FRENCH_NUMBER_WORDS.get(piece))
            if value is not None:
                values.add(value)
        parts = folded.split("-")
        if len(parts) == 2 and all(p in _NUMBER_WORDS for p in parts):
            values.add(_NUMBER_WORDS[parts[0]] + _NUMBER_WORDS[parts[1]])
        if folded in _MONTHS:
            values.add(_MONTHS[folded])
        if word[:1].isupper() and _ROMAN.match(folded) and len(folded) > 1:
            roman = re.sub(r"(?:e|eme|er)$", "", folded)
            total = 0
            for index, letter in enumerate(roman):
                value = _ROMAN_VALUES[letter]
                following = _ROMAN_VALUES[roman[index + 1]] if index + 1 < len(roman) else 0
                total += -value if value < following else value
            values.add(total)
    return values


def _kind_of(wanted: str) -> str:
    if _URL_OR_MAIL.search(wanted):
        return "url"
    if _PHONE.match(wanted) and len(_DIGIT.findall(wanted)) >= 7:
        return "phone"
    if _DATE.search(wanted) and _DIGIT.search(wanted):
        return "date"
    if _DIGIT.search(wanted) and not _WORD.search(wanted.replace("million", "")):
        return "number"
    return "term"
