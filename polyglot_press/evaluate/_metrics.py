"""Scores of translations against references: chrF, BLEU, and what the translation kept.

Corpus scores come from sacrebleu (imported lazily): chrF (character 6-grams, β=2) and BLEU
with its ``13a`` tokenizer. Korean BLEU is computed on space-separated words, which punishes
every particle: read chrF first for Korean.

The fidelity rates count, over all sentences, how much of what the *source* carries the
translation kept:

* term use: glossary hits of the source whose target form is in the output
  (:func:`polyglot_press.glossary.compliance_report`);
* numbers: source numbers whose value is in the output (``300 000`` = ``300,000`` = ``30만``);
* contacts: e-mail addresses, URLs and phone numbers found verbatim in the output;
* markup: inline tags and ``**`` markers, by count;
* names: the annotated names of the shipped set (their Korean form in Korean).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from polyglot_press._languages import GLOSSARY_LANGUAGES
from polyglot_press.evaluate._annotations import split_name
from polyglot_press.evaluate._extract import contacts, markup, quantities

if TYPE_CHECKING:
    from polyglot_press.glossary import Glossary


@dataclass(frozen=True, slots=True)
class Rate:
    """``found`` of ``expected``; ``value`` is ``None`` when nothing was expected."""

    found: int = 0
    expected: int = 0

    @property
    def value(self) -> float | None:
        return self.found / self.expected if self.expected else None

    def __add__(self, other: Rate) -> Rate:
        return Rate(self.found + other.found, self.expected + other.expected)


@dataclass(frozen=True, slots=True)
class Fidelity:
    """What one output kept of its source, and what it lost (for the per-sentence report)."""

    terms: Rate = Rate()
    numbers: Rate = Rate()
    contacts: Rate = Rate()
    markup: Rate = Rate()
    names: Rate = Rate()
    missing: tuple[str, ...] = ()

    def __add__(self, other: Fidelity) -> Fidelity:
        return Fidelity(
            self.terms + other.terms,
            self.numbers + other.numbers,
            self.contacts + other.contacts,
            self.markup + other.markup,
            self.names + other.names,
        )


def fidelity(
    source: str,
    source_lang: str,
    output: str,
    target_lang: str,
    glossary: Glossary | None,
    *,
    names: Sequence[str] = (),
) -> Fidelity:
    """How much of ``source``'s terms, numbers, contacts, markup and ``names`` ``output`` kept."""
    missing: list[str] = []
    terms = _term_use(source, source_lang, output, target_lang, glossary, missing)
    wanted_numbers = quantities(source, source_lang)
    lost_numbers = wanted_numbers - quantities(output, target_lang)
    missing.extend(f"number {quantity}" for quantity in sorted(lost_numbers.elements()))
    numbers = Rate(wanted_numbers.total() - lost_numbers.total(), wanted_numbers.total())
    wanted_contacts = contacts(source)
    lost_contacts = [contact for contact in wanted_contacts if contact not in output]
    missing.extend(f"contact {contact}" for contact in lost_contacts)
    wanted_markup = Counter(markup(source))
    lost_markup = wanted_markup - Counter(markup(output))
    missing.extend(f"markup {token}" for token in sorted(lost_markup.elements()))
    found_names = 0
    for name in names:
        latin, korean = split_name(name)
        if latin in output or (target_lang == "ko" and korean in output):
            found_names += 1
        else:
            missing.append(f"name {latin}")
    return Fidelity(
        terms,
        numbers,
        Rate(len(wanted_contacts) - len(lost_contacts), len(wanted_contacts)),
        Rate(wanted_markup.total() - lost_markup.total(), wanted_markup.total()),
        Rate(found_names, len(names)),
        tuple(missing),
    )


def corpus_scores(outputs: Sequence[str], references: Sequence[str]) -> tuple[float, float]:
    """(chrF, BLEU) of ``outputs`` against one reference each, both on a 0–100 scale."""
    if not outputs:
        return 0.0, 0.0
    from sacrebleu.metrics.bleu import BLEU
    from sacrebleu.metrics.chrf import CHRF

    chrf = CHRF().corpus_score(list(outputs), [list(references)]).score
    bleu = BLEU(tokenize="13a", effective_order=True).corpus_score(
        list(outputs), [list(references)]
    )
    return float(chrf), float(bleu.score)


def _term_use(
    source: str,
    source_lang: str,
    output: str,
    target_lang: str,
    glossary: Glossary | None,
    missing: list[str],
) -> Rate:
    if glossary is None or not {source_lang, target_lang}.issubset(GLOSSARY_LANGUAGES):
        return Rate()
    from polyglot_press.glossary import compliance_report

    report = compliance_report(source, source_lang, output, target_lang, glossary)
    missing.extend(f"term {item.expected}" for item in report.missing)
    return Rate(report.found, report.expected)
