"""Annotations of a trilingual reference row, and the checks that keep them honest.

:func:`annotate` finds in a French sentence what the shipped set annotates automatically
(glossary entries, numbers, contacts, markup; names are written by hand).
:func:`check_row` verifies a row: every annotation occurs in the French text, its expected
form occurs in the English and Korean references, and the references themselves use every
glossary term, number and contact of their source (so a reference would score 100%).
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import TYPE_CHECKING

from polyglot_press.evaluate._extract import contacts, markup, number_mentions, quantities
from polyglot_press.evaluate._references import TRILINGUAL_LANGUAGES

if TYPE_CHECKING:
    from polyglot_press.evaluate._references import ReferenceRow
    from polyglot_press.glossary import Glossary

# (source, reference) directions whose glossary use is checked on every row: each pair of the
# set's languages in table order (fr→en, fr→ko, en→ko).
_DIRECTIONS = tuple(combinations(TRILINGUAL_LANGUAGES, 2))


def annotate(french: str, glossary: Glossary) -> dict[str, tuple[str, ...]]:
    """The automatic annotations of a French sentence, by column."""
    return {
        "terms": tuple(hit.entry.id for hit in glossary.match(french, "fr")),
        "numbers": tuple(surface for surface, _ in number_mentions(french, "fr")),
        "contacts": tuple(contacts(french)),
        "markup": tuple(markup(french)),
    }


def split_name(name: str) -> tuple[str, str]:
    """``"Claire Morel=클레르 모렐"`` → (Latin form, Korean form); the same form twice if none."""
    latin, _, korean = name.partition("=")
    return latin.strip(), (korean.strip() or latin.strip())


def check_row(row: ReferenceRow, glossary: Glossary) -> list[str]:
    """Problems with one trilingual row, each prefixed with its line; empty when it is sound."""
    source, source_lang = row.source, row.source_lang
    references = [(lang, text) for lang, text in row.texts.items() if lang != source_lang]
    problems = _check_terms(row, glossary)
    wanted = annotate(source, glossary)
    for column in ("terms", "numbers", "contacts", "markup"):
        if tuple(getattr(row, column)) != wanted[column]:
            problems.append(
                f"{column} annotated as {list(getattr(row, column))}, "
                f"the French text has {list(wanted[column])}"
            )
    for surface in row.numbers:
        if surface not in source:
            problems.append(f"number {surface!r} is not in the French text")
    source_numbers = quantities(source, source_lang)
    for lang, text in references:
        missing = source_numbers - quantities(text, lang)
        if missing:
            problems.append(f"{lang} reference lacks the numbers {sorted(map(str, missing))}")
        for contact in row.contacts:
            if contact not in text or contact not in source:
                problems.append(f"contact {contact!r} is not verbatim in {source_lang} and {lang}")
        kept = Counter(markup(text))
        if any(kept[token] < count for token, count in Counter(row.markup).items()):
            problems.append(f"{lang} reference does not keep the markup {list(row.markup)}")
    for name in row.names:
        latin, korean = split_name(name)
        for lang, text in row.texts.items():
            form = korean if lang == "ko" else latin
            if form not in text:
                problems.append(f"name {form!r} is not in the {lang} text")
    return [f"line {row.line} ({row.id}): {problem}" for problem in problems]


def _check_terms(row: ReferenceRow, glossary: Glossary) -> list[str]:
    from polyglot_press.glossary import compliance_report

    problems = []
    for entry_id in row.terms:
        if glossary.get(entry_id) is None:
            problems.append(f"term {entry_id!r} is not a glossary entry id")
    for source, target in _DIRECTIONS:
        report = compliance_report(row.texts[source], source, row.texts[target], target, glossary)
        for item in report.missing:
            problems.append(
                f"{target} reference lacks {item.expected!r} for {source} "
                f"{item.source_text!r} ({item.entry_id})"
            )
    return problems
