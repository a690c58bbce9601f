"""Language detection and routing: which language is each document and each block in?

Detection layers cheap evidence over langdetect's character n-gram model:

1. the writing system: Hangul is Korean, kana Japanese, Thai Thai…, decided without a model;
   scripts shared by several languages (Cyrillic, Arabic, Devanagari) go to langdetect with
   only that script's profiles;
2. Latin-script text goes to langdetect restricted to Latin-script profiles (seeded, so
   results are reproducible);
3. an English or French verdict must be confirmed by function words (``the``, ``of`` … /
   ``le``, ``des`` …) and by the letters used: langdetect knows 55 languages, so text in any
   other Latin-script language tends to come out as English. Unconfirmed verdicts become
   ``"und"`` (undetermined), a clear status for callers rather than a wrong route.
"""

from polyglot_press.language._blocks import (
    BlockRouting,
    RoutingReport,
    describe_routing,
    route_document,
)
from polyglot_press.language._detect import detect_language
from polyglot_press.language._guess import (
    MIN_LETTERS,
    ROUTED_LANGUAGES,
    UNDETERMINED,
    Basis,
    LanguageGuess,
)

__all__ = [
    "MIN_LETTERS",
    "ROUTED_LANGUAGES",
    "UNDETERMINED",
    "Basis",
    "BlockRouting",
    "LanguageGuess",
    "RoutingReport",
    "describe_routing",
    "detect_language",
    "route_document",
]
