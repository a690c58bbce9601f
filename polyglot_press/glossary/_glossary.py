"""The merged glossary with its compiled matchers."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from polyglot_press.glossary._match import KoreanMatcher, TokenMatcher
from polyglot_press.glossary._model import GlossaryEntry, GlossaryHit, expected_target
from polyglot_press.glossary._normalize import LANGUAGES, Lang, check_lang, fold
from polyglot_press.text import Span

_CONTEXT_WORD = re.compile(r"[^\W_]+")


def _in_context(context: tuple[str, ...], words: Sequence[str]) -> bool:
    """Whether one of the ``context`` words starts a word of the text (``moteur`` finds
    ``moteurs``; a short cue must be the whole word); a context of several words needs each
    of them. ``words``: the text's distinct words, sorted."""
    for cue in context:
        pieces = _CONTEXT_WORD.findall(fold(cue))
        if pieces and all(_cued(words, piece) for piece in pieces):
            return True
    return False


def _cued(words: Sequence[str], cue: str) -> bool:
    """Whether a word of the sorted ``words`` is cued, found by bisection (a scan of every word
    for every hit was quadratic: 40 s for a 160 KB table)."""
    # A cue of three letters or fewer (ch, kW, SUV) is a whole word: "ch" is not "chez".
    # The words starting with ``cue`` follow one another from the first word >= ``cue``.
    index = bisect_left(words, cue)
    if index == len(words):
        return False
    return words[index] == cue if len(cue) <= 3 else words[index].startswith(cue)


# "ils ont marché": a noun entry spelled like a past participle (marché, pavé, côté) is the
# verb after a form of "avoir".
_AUXILIARY = re.compile(
    r"(?:^|[\s'’])(?:a|ai|as|avons|avez|ont|avait|avaient|avais|aura|auront|aurait|ayant|eu)"
    r"(?:\s+(?:pas|jamais|déjà|bien|beaucoup|longtemps|tous|toutes|aussi|encore))?\s+$",
    re.IGNORECASE,
)


def _after_auxiliary(text: str, hit: GlossaryHit) -> bool:
    matched = hit.matched_text.rstrip("sS")
    return (
        matched[-1:] in "éÉ"
        and bool(matched)
        and (_AUXILIARY.search(text, max(0, hit.start - 40), hit.start) is not None)
    )


@dataclass(frozen=True)
class Glossary:
    """Merged glossary entries with compiled matchers for French, English and Korean.

    ``version`` is a content hash: equal entries give an equal version, so it can key caches.
    """

    entries: tuple[GlossaryEntry, ...]
    version: str = field(init=False)
    _matchers: dict[str, TokenMatcher | KoreanMatcher] = field(init=False, repr=False)
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

    def _matcher(self, lang: Lang) -> TokenMatcher | KoreanMatcher:
        matcher = self._matchers.get(lang)
        if matcher is None:
            matcher = (
                KoreanMatcher(self.entries) if lang == "ko" else TokenMatcher(lang, self.entries)
            )
            self._matchers[lang] = matcher
        return matcher

    def match(self, text: str, lang: str) -> list[GlossaryHit]:
        """Glossary hits in ``text`` (in ``lang``): longest first, non-overlapping, ordered.

        An entry with ``context=`` words in its note is a hit only where one of them is in
        ``text`` too (``couple`` is *torque* beside ``moteur``, not in "un couple de").
        """
        hits = self._matcher(check_lang(lang)).match(text)
        if lang == "fr":
            hits = [hit for hit in hits if not _after_auxiliary(text, hit)]
        if not any(hit.entry.context for hit in hits):
            return hits
        words = sorted(set(_CONTEXT_WORD.findall(fold(text))))
        return [
            hit for hit in hits if not hit.entry.context or _in_context(hit.entry.context, words)
        ]

    def accepted_forms(self, lang: str) -> dict[str, tuple[str, ...]]:
        """For each target form an entry enforces in ``lang`` (singular and English plural),
        every form a translation may use instead (``en_also``/``ko_also`` of the note)."""
        forms: dict[str, tuple[str, ...]] = {}
        for entry in self.entries:
            accepted = entry.accepted(lang)
            if len(accepted) > 1:
                forms[accepted[0]] = accepted
                if lang == "en" and entry.en_plural:
                    forms[entry.en_plural] = (entry.en_plural, *accepted)
        return forms

    def spans(self, text: str, source_lang: str, target_lang: str) -> list[Span]:
        """Protected spans for translating ``text`` from ``source_lang`` to ``target_lang``.

        Each hit's replacement is the entry's target form; a plural French or English hit gets
        the English plural when translating to English. Keep-list names between French and
        English keep the source text exactly as written. Entries without a target form give
        no span: the translator handles those words.
        """
        target = check_lang(target_lang)
        spans = []
        for hit in self.match(text, source_lang):
            replacement = expected_target(hit, target)
            if replacement:
                spans.append(Span(hit.start, hit.end, replacement, hit.entry.kind, hit.entry.id))
        return spans

    def lookup(self, query: str) -> list[GlossaryEntry]:
        """Entries for ``query`` in any language, best first.

        First the entries that :meth:`match` finds in the query, as in a document (so
        ``Usines``, ``l'usine`` or ``공장에서`` find *usine*), then those whose French, English
        or Korean form contains it (case-insensitive).
        """
        needle = fold(query.strip())
        if not needle:
            return []
        found = {hit.entry.id: hit.entry for lang in LANGUAGES for hit in self.match(query, lang)}
        for entry in self.entries:
            if entry.id not in found and (
                any(needle in fold(entry.term(lang)) for lang in LANGUAGES)
                or any(needle in fold(form) for form in entry.forms_fr)
            ):
                found[entry.id] = entry
        return list(found.values())
