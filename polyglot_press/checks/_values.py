"""Numbers, contacts, terms and dates: what the engine could not place, and numbers the
output has that its source has not."""

from __future__ import annotations

import collections
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal

from polyglot_press.checks._clock import CLOCK, TIME_OF_DAY, shown_time, time_of, times_of
from polyglot_press.checks._flags import Flag
from polyglot_press.checks._measures import converted_measures, restated
from polyglot_press.checks._names import contains
from polyglot_press.checks._number_words import (
    COMPOUND_NUMBER_WORD,
    NUMBER_WORD,
    NUMBER_WORDS,
    spelled_values,
)
from polyglot_press.checks._words import WORD, fold

__all__ = ["missing_values", "number_added"]

_URL_OR_MAIL = re.compile(r"@|^(?:https?://|www\.)|\.[a-z]{2,}/", re.IGNORECASE)
_PHONE = re.compile(r"^\+?[\d\s().\-/]{7,}$")
_DIGIT = re.compile(r"\d")
_DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|early|late|mid|first half|second half)\b|(?<!\d)\d+[년월]|상반기|하반기|초|말",
    re.IGNORECASE,
)


def missing_values(
    missing: Sequence[str],
    kinds: Sequence[str] = (),
    output: str = "",
    accepted: Mapping[str, Sequence[str]] | None = None,
    source: str = "",
) -> list[Flag]:
    """Flags for the spans the engine could not place (see ``SentenceTranslation.missing``).

    ``kinds`` gives each span's kind where known (``number``, ``email``, ``url``, ``phone``,
    ``term``, ``keep``, ``date``); otherwise it is read from the text itself. A span the
    ``output`` holds in a form the engine does not enforce is not flagged: a glossary term in
    one of its ``accepted`` forms (``US`` for *United States*), a number spelled out
    (``three``) or abbreviated (``£2.8bn``); with the ``source`` sentence, a measure converted
    to the target's units (``250 kg`` as ``550 pounds``) or a decade (``les années 80`` as
    ``the 1980s``).
    """
    groups: dict[str, list[str]] = {}
    for index, wanted in enumerate(missing):
        kind = kinds[index] if index < len(kinds) else _kind_of(wanted)
        if output and _present_otherwise(wanted, kind, output, accepted or {}):
            continue
        if output and kind == "number" and source and restated(wanted, source, output):
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


# Korean scales take a counter straight after them ("2000만명"); Latin ones end a word.
_ANY_NUMBER = re.compile(
    r"(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|(?<![\w.,])\d+(?:[.,]\d+)*"
    r"(?:\s?(?:%|bn|m|k|million|billion|milliards?|millions?)(?![^\W\d_])|만|억|조|천)?"
)
_ORDINAL_PREFIX = re.compile(r"제(?=\d)")
_DECADE = re.compile(r"'?s\b|년대")
_ABBREVIATED_SCALE = re.compile(r"(\d)\s?(bn|m|k)\b")
_SCALE_WORDS = {"bn": " billion", "m": " million", "k": " thousand"}


def _present_otherwise(
    wanted: str, kind: str, output: str, accepted: Mapping[str, Sequence[str]]
) -> bool:
    from polyglot_press.translate import find_form

    if kind in ("term", "keep"):
        forms = accepted.get(wanted, ())
        if any(find_form(output, form, "term", []) is not None for form in forms):
            return True
        # A place's adjective stands for it: "Chine" as "Chinese", "Europe" as "European".
        stem = wanted[:-1]
        return (
            wanted[:1].isupper()
            and wanted.isalpha()
            and len(stem) >= 4
            and re.search(rf"\b{re.escape(stem)}[a-z]{{1,4}}\b", output) is not None
        )
    if kind == "date":
        return any(contains(fold(output), fold(form)) for form in _date_forms(wanted))
    if kind == "number":
        spelled = COMPOUND_NUMBER_WORD.sub(
            lambda m: str(NUMBER_WORDS[m.group(1).lower()] + NUMBER_WORDS[m.group(2).lower()]),
            output,
        )  # "Thirty-two percent"
        spelled = NUMBER_WORD.sub(lambda m: str(NUMBER_WORDS[m.group().lower()]), spelled)
        spelled = _ABBREVIATED_SCALE.sub(lambda m: m.group(1) + _SCALE_WORDS[m.group(2)], spelled)
        if find_form(spelled, wanted, "number", []) is not None:
            return True
        # A code whose letters the target language writes its own way: "PE19" as "SS19".
        code = re.fullmatch(r"([A-Z]{1,3})(\d+)", wanted)
        return code is not None and (
            re.search(rf"\b[A-Z]{{{len(code.group(1))}}}{code.group(2)}\b", output) is not None
        )
    return False


def _said_more_often(
    said: collections.Counter[Decimal], seen: collections.Counter[Decimal]
) -> Flag | None:
    """A number of the source replaced by another of its numbers ("two years … 3-1" as "3년
    … 3 대 1"): the output (``seen``) says one value more often than the source (``said``:
    its numbers in digits and its number words above one), and another not at all."""
    more = [value for value, n in seen.items() if said.get(value, 0) and n > said[value]]
    if more and any(value not in seen for value in said):
        return Flag(
            "number_missing",
            f"the output gives «{more[0]:f}» more often than the source, and leaves out another"
            " of its numbers",
        )
    return None


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


def number_added(
    source: str, output: str, source_lang: str, target_lang: str = "en"
) -> Flag | None:
    """The output holds a number its source has in no form (``1,5`` written ``2.5``): a
    figure the model changed. Times of day, which languages write differently, are left
    out, and numbers the source spells out (``trois``, ``three``) count."""
    from polyglot_press.translate import korean_number_runs, number_values

    known, said = _source_numbers(source, source_lang, target_lang)
    years = {str(int(value)) for value, _ in known if value == value.to_integral()}
    # "2.7 per cent" for "2,7 %": a value counts whether or not it is written as a percentage.
    known_values = {value for value, _ in known}
    blanked = TIME_OF_DAY.sub(lambda m: " " * len(m.group()), output)
    blanked = _ORDINAL_PREFIX.sub(" ", blanked)  # "제2차", "제57회": the digits are a number
    for start, end in converted_measures(source, output):  # "250 kg" as "550 pounds"
        blanked = blanked[:start] + " " * (end - start) + blanked[end:]
    for start, end, amount in korean_number_runs(blanked):  # "37만 5,000" is one number
        if amount not in known_values:
            return Flag(
                "number_missing",
                f"the output has the number «{output[start:end]}», which the source has not",
            )
        blanked = blanked[:start] + " " * (end - start) + blanked[end:]
    seen: collections.Counter[Decimal] = collections.Counter()
    for match in _ANY_NUMBER.finditer(blanked):
        text = match.group()
        values = {value for value, _ in number_values(text)}
        if len(values) == 1:
            seen.update(values)
        if not values or values & known_values or any(y.endswith(text) for y in years):
            continue
        if values == {Decimal(1)} and not re.match(r"\s?[월시]", output[match.end() :]):
            continue  # "one" is in every "a year", "a man": Korean writes "1년", "1명"
        if _DECADE.match(output, match.end()):
            continue  # "the 80s", "1980s"
        return Flag(
            "number_missing", f"the output has the number «{text}», which the source has not"
        )
    seen = collections.Counter({value.normalize(): n for value, n in seen.items()})
    repeated = _said_more_often(said, seen)
    if repeated is not None:
        return repeated
    return _time_added(source, output)


def _source_numbers(
    source: str, source_lang: str, target_lang: str
) -> tuple[set[tuple[Decimal, bool]], collections.Counter[Decimal]]:
    """Every value the source's numbers, dates and number words can mean, and how often it
    says each (its numbers in digits and its number words above one)."""
    from polyglot_press.text import date_spans
    from polyglot_press.translate import number_values

    known: set[tuple[Decimal, bool]] = set()
    said: collections.Counter[Decimal] = collections.Counter()
    for match in _ANY_NUMBER.finditer(TIME_OF_DAY.sub(" ", source)):
        readings = number_values(match.group())
        if len({value for value, _ in readings}) == 1:
            said[next(iter(readings))[0].normalize()] += 1
        known |= readings
        known |= number_values(re.sub(r"[\s\u00a0\u202f]", "", match.group()))
    for date in date_spans(source, source_lang, target_lang):
        for match in _ANY_NUMBER.finditer(date.replacement):  # "1분기" for "first quarter"
            known |= number_values(match.group())
    for value in spelled_values(source):
        known |= {(Decimal(value), False), (Decimal(value), True)}
        if value > 1:
            said[Decimal(value).normalize()] += 1
    return known, said


def _time_added(source: str, output: str) -> Flag | None:
    """A time of day in the output that none of the source's times is, on either clock."""
    source_times = times_of(source)
    for match in CLOCK.finditer(output) if source_times else ():
        if time_of(match) not in source_times:
            return Flag(
                "number_missing",
                f"the output has the time «{shown_time(output, match)}», which the source has not",
            )
    return None


def _kind_of(wanted: str) -> str:
    if _URL_OR_MAIL.search(wanted):
        return "url"
    if _PHONE.match(wanted) and len(_DIGIT.findall(wanted)) >= 7:
        return "phone"
    if _DATE.search(wanted) and _DIGIT.search(wanted):
        return "date"
    if _DIGIT.search(wanted) and not WORD.search(wanted.replace("million", "")):
        return "number"
    return "term"
