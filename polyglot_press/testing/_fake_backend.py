"""A translation backend for tests: a Python function instead of a model.

:class:`FakeBackend` implements :class:`polyglot_press.translate.TranslationBackend`, so tests
build a real :class:`~polyglot_press.translate.TranslationEngine` with it and never patch
CTranslate2 or private functions::

    backend = FakeBackend(lambda text: text.upper())
    engine = TranslationEngine(backend=backend)

Tokens are whitespace-separated words written as SentencePiece pieces (``▁word``); attention is
diagonal (target word ``i`` attends to source word ``i``, or the last one), as a model that
translates word for word would give.

Without a function, :func:`pseudo_translation` answers: a stand-in that changes the words a
model would translate and keeps what a good model keeps (names, numbers, contacts, the
glossary's target forms), so that the product's checks see a translation. A copying model is
``FakeBackend(lambda text: text)``: the checks flag every sentence of it ``untranslated``.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from polyglot_press.translate import DecodeRequest, Hypothesis

if TYPE_CHECKING:
    from polyglot_press.packages import InstalledPackage

#: ``text -> output`` or ``(text, target language) -> output``; an output may be an n-best list.
TranslateFunction = (
    Callable[[str], "str | Sequence[str]"] | Callable[[str, str], "str | Sequence[str]"]
)

_SPACE = "▁"


class FakeTokenizer:
    """Whitespace words as ``▁word`` pieces; decoding joins them back."""

    family = "sentencepiece"

    def encode(self, text: str) -> list[str]:
        return [_SPACE + word for word in text.split()]

    def decode(self, tokens: Sequence[str]) -> str:
        return "".join(tokens).replace(_SPACE, " ").strip()


class FakeModel:
    """What :meth:`FakeBackend.load` returns; records every sentence it decodes."""

    def __init__(self, backend: FakeBackend, package: InstalledPackage) -> None:
        self.package = package
        self._backend = backend
        self._tokenizer = FakeTokenizer()

    @property
    def tokenizer(self) -> FakeTokenizer:
        return self._tokenizer

    def translate_batches(
        self, jobs: Sequence[tuple[Sequence[Sequence[str]], DecodeRequest]]
    ) -> list[list[list[Hypothesis]]]:
        return [self.translate_batch(batch, request) for batch, request in jobs]

    def translate_batch(
        self, batch: Sequence[Sequence[str]], request: DecodeRequest
    ) -> list[list[Hypothesis]]:
        self._backend.requests.append(request)
        results = []
        for source_tokens in batch:
            source = self._tokenizer.decode(source_tokens)
            self._backend.decoded.append(source)
            if self._backend.translate is None:
                outputs: str | Sequence[str] = pseudo_translation(source, self.package.target)
            else:
                outputs = self._backend.call(source, self.package.target)
            texts = [outputs] if isinstance(outputs, str) else list(outputs)
            hypotheses = []
            for rank, text in enumerate(texts[: max(1, request.num_hypotheses)]):
                tokens = tuple(self._tokenizer.encode(text))
                attention = _diagonal(len(tokens), len(source_tokens))
                hypotheses.append(
                    Hypothesis(
                        tokens[: request.max_decoding_length],
                        -0.1 * (rank + 1),
                        attention if request.return_attention and self._backend.attention else (),
                    )
                )
            results.append(hypotheses)
        return results


class FakeBackend:
    """Translates with ``translate`` (text → text, or an n-best list, best first).

    The default is :func:`pseudo_translation` into the package's target language.
    ``attention=False``
    returns no attention, so in-place repair cannot align. ``decoded`` lists every sentence
    decoded, in order, and ``requests`` every :class:`~polyglot_press.translate.DecodeRequest`,
    so tests can check what was decoded how many times.
    """

    def __init__(
        self, translate: TranslateFunction | None = None, *, attention: bool = True
    ) -> None:
        self.translate: TranslateFunction | None = translate
        self.attention = attention
        self.decoded: list[str] = []
        self.requests: list[DecodeRequest] = []
        self.loaded: list[InstalledPackage] = []

    def call(self, text: str, target: str) -> str | Sequence[str]:
        """``translate`` on ``text``, given the target language when it takes two arguments."""
        function = self.translate
        assert function is not None
        if _takes_target(function):
            return function(text, target)  # type: ignore[call-arg]
        return function(text)  # type: ignore[call-arg]

    def load(self, package: InstalledPackage) -> FakeModel:
        self.loaded.append(package)
        return FakeModel(self, package)


def _diagonal(target_length: int, source_length: int) -> tuple[tuple[float, ...], ...]:
    rows = []
    for i in range(target_length):
        row = [0.0] * max(source_length, 1)
        row[min(i, len(row) - 1)] = 1.0
        rows.append(tuple(row))
    return tuple(rows)


_WORD = re.compile(r"[^\W\d_]+")
_TOKEN = re.compile(r"\S+")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_SYLLABLES = "가나다라마바사아자차카타파하고노도로모보소오조호구누두루무부수우주후"


def _takes_target(function: Callable[..., object]) -> bool:
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return False
    positional = [p for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return len(positional) >= 2


def pseudo_translation(text: str, target: str, *, keep: Sequence[str] = ()) -> str:
    """A deterministic stand-in for a translation of ``text`` into ``target``.

    What a good model keeps stays: names and acronyms (any word with a capital), numbers,
    URLs and e-mail addresses, and, into a language with a lexicon, the words only that
    language knows (the glossary's target forms written into the source). Every other word
    becomes, into English, a common English word; into Korean, Hangul syllables (about one per
    three letters: Korean is shorter); into other languages, itself spelled backwards. Not a
    translation: it lets tests run the checks on output that is neither the source nor
    random. ``keep``: more phrases to leave as they are (the target forms of a glossary of
    the test's own).
    """
    from polyglot_press.language._lexicon import LEXICON_LANGUAGES, lexicon

    own = lexicon(target) if target in LEXICON_LANGUAGES else None
    others = [lexicon(lang) for lang in LEXICON_LANGUAGES if lang != target]

    def change_word(match: re.Match[str]) -> str:
        word = match.group()
        if _HANGUL.match(word) or any(c.isupper() for c in word):
            return word
        if own is not None and own.knows(word) and not any(o.knows(word) for o in others):
            return word
        if target == "ko":
            return _hangul(word)
        return _stand_in(word) if target == "en" else word[::-1]

    terms = [(m.start(), m.end()) for m in _glossary_terms(target).finditer(text)]
    for phrase in keep:
        terms += [(m.start(), m.end()) for m in re.finditer(re.escape(phrase), text)]

    def change_token(match: re.Match[str]) -> str:
        token, offset = match.group(), match.start()
        before = text[:offset].rstrip()
        if "://" in token or "@" in token or "www." in token or before[-1:].isdigit():
            return token  # a link, an address, or the unit or scale of a number

        def change(word: re.Match[str]) -> str:
            at = offset + word.start()
            if any(start <= at < end for start, end in terms):
                return word.group()  # a glossary term written into the source: a model keeps it
            initial = not text[:at].strip() or text[:at].rstrip()[-1:] in ".!?:"
            lower = word.group().lower()
            if initial and word.group()[:1].isupper() and any(o.knows(lower) for o in others):
                # A capital explained by the sentence start ("Un", "Le"), not a name.
                changed = change_word(re.match(r".+", lower))  # type: ignore[arg-type]
                return changed[:1].upper() + changed[1:]
            return change_word(word)

        return _WORD.sub(change, token)

    return _TOKEN.sub(change_token, text)


@functools.cache
def _glossary_terms(target: str) -> re.Pattern[str]:
    """The built-in glossary's forms in ``target`` (``en``: with plurals), as one pattern."""
    from polyglot_press.glossary import load_glossary

    forms: set[str] = set()
    if target in ("en", "ko", "fr"):
        for entry in load_glossary([]):
            forms.add(entry.term(target))
            if target == "en":
                forms.add(entry.en_plural)
    alternatives = "|".join(re.escape(f) for f in sorted(forms - {""}, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)" if alternatives else r"(?!)", re.I)


_ENGLISH = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "for",
    "with",
    "on",
    "at",
    "by",
    "from",
    "new",
    "year",
    "plant",
    "car",
    "model",
    "will",
    "has",
    "was",
    "are",
    "its",
    "this",
    "that",
    "production",
    "group",
    "market",
    "company",
    "brand",
    "first",
    "range",
    "vehicles",
    "electric",
    "launch",
    "site",
    "project",
    "build",
    "more",
    "than",
    "would",
    "which",
    "their",
    "about",
    "after",
    "over",
    "people",
    "work",
    "country",
    "said",
    "also",
    "into",
    "time",
    "team",
    "plan",
    "future",
    "part",
    "these",
    "other",
    "world",
    "such",
    "place",
    "good",
    "high",
]


def _stand_in(word: str) -> str:
    """An English word in place of ``word`` (picked by a hash: the same word, the same one)."""
    digest = hashlib.sha256(word.lower().encode()).digest()
    return _ENGLISH[digest[0] % len(_ENGLISH)]


def _hangul(word: str) -> str:
    digest = hashlib.sha256(word.lower().encode()).digest()
    count = max(1, round(len(word) / 3))
    return "".join(_SYLLABLES[digest[i] % len(_SYLLABLES)] for i in range(count))
