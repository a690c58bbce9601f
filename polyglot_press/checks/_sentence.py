"""All the checks of one translated sentence, in one call."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING

from polyglot_press.checks._checks import (
    addition,
    omission,
    repetition,
    untranslated,
    wrong_language,
)
from polyglot_press.checks._flags import Flag
from polyglot_press.checks._names import name_candidates, name_missing
from polyglot_press.checks._values import missing_values, number_added

if TYPE_CHECKING:
    from polyglot_press.glossary import Glossary

__all__ = ["check_sentence", "check_translation"]


def check_sentence(
    source: str,
    output: str | None,
    source_lang: str,
    target_lang: str,
    *,
    protected: Sequence[str] = (),
    missing: Sequence[str] = (),
    missing_kinds: Sequence[str] = (),
    keep: Collection[str] = (),
    accepted: Mapping[str, Sequence[str]] | None = None,
    score: float | None = None,
    min_score: float | None = None,
) -> tuple[Flag, ...]:
    """The flags of one sentence translated from ``source_lang`` into ``target_lang``.

    ``protected`` are the strings the engine placed in the output (numbers, terms, contacts:
    left out when comparing words and languages); ``missing`` those it could not place, with
    their ``missing_kinds`` where known; ``keep`` the glossary's words kept as written;
    ``accepted`` the other forms a glossary term may take in the target language; ``score``
    the model's score of the output, flagged under ``min_score``. A sentence with no
    output (it failed) has no flags: its error says why. At most one flag per code.
    """
    if output is None or source_lang == target_lang:
        return ()
    names = name_candidates(source, source_lang, keep)
    flags: list[Flag | None] = [untranslated(source, output, protected, names, target_lang)]
    if flags[0] is None:
        flags.append(wrong_language(output, target_lang, [*protected, *names], source))
    flags += [
        omission(source, output, source_lang, target_lang),
        addition(source, output, source_lang, target_lang),
        repetition(source, output),
    ]
    if score is not None and min_score is not None and score < min_score:
        flags.append(
            Flag(
                "low_confidence",
                f"the model scored this translation {score:.2f}, under {min_score:.2f}",
            )
        )
    flags.append(name_missing(names, output, target_lang))
    flags += missing_values(missing, missing_kinds, output, accepted, source)
    flags.append(number_added(source, output, source_lang, target_lang))
    seen: dict[str, Flag] = {}
    for flag in flags:
        if flag is not None and flag.code not in seen:
            seen[flag.code] = flag
    return tuple(seen.values())


def check_translation(
    source: str,
    output: str,
    source_lang: str,
    target_lang: str,
    glossary: Glossary | None = None,
) -> tuple[Flag, ...]:
    """The flags of a translation made anywhere (a human's, another system's): the spans the
    engine would require (numbers, contacts, dates, ``glossary`` terms) are looked for in
    ``output`` first, then :func:`check_sentence` runs on what was found and what was not."""
    from polyglot_press.text import merge_spans, verbatim_spans
    from polyglot_press.translate import find_form

    spans = verbatim_spans(source, source_lang, target_lang, markup="txt")
    if glossary is not None:
        spans = merge_spans(glossary.spans(source, source_lang, target_lang), spans)
    found: list[str] = []
    missing: list[str] = []
    kinds: list[str] = []
    taken: list[tuple[int, int]] = []
    for span in spans:
        if span.kind == "markup":
            continue
        form = find_form(output, span.replacement, span.kind, taken)
        if form is None:
            missing.append(span.replacement)
            kinds.append(span.kind)
        else:
            taken.append((form.start, form.end))
            found.append(output[form.start : form.end])
    keep: frozenset[str] = frozenset()
    accepted: Mapping[str, Sequence[str]] = {}
    if glossary is not None:
        keep = frozenset(e.fr for e in glossary if e.kind == "keep")
        if target_lang in ("en", "ko", "fr"):
            accepted = glossary.accepted_forms(target_lang)
    return check_sentence(
        source,
        output,
        source_lang,
        target_lang,
        protected=found,
        missing=missing,
        missing_kinds=kinds,
        keep=keep,
        accepted=accepted,
    )
