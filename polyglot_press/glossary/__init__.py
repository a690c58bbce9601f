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

from polyglot_press.glossary._compliance import ComplianceItem, ComplianceReport, compliance_report
from polyglot_press.glossary._glossary import Glossary
from polyglot_press.glossary._io import builtin_glossary_path, glossary_format_hint
from polyglot_press.glossary._model import (
    GlossaryCheck,
    GlossaryEntry,
    GlossaryHit,
    GlossaryProblem,
    GlossarySummary,
)
from polyglot_press.glossary._normalize import LANGUAGES, EntryKind, Lang, pluralize_en
from polyglot_press.glossary._validate import load_glossary, validate_glossary_file

__all__ = [
    "LANGUAGES",
    "ComplianceItem",
    "ComplianceReport",
    "EntryKind",
    "Glossary",
    "GlossaryCheck",
    "GlossaryEntry",
    "GlossaryHit",
    "GlossaryProblem",
    "GlossarySummary",
    "Lang",
    "builtin_glossary_path",
    "compliance_report",
    "glossary_format_hint",
    "load_glossary",
    "pluralize_en",
    "validate_glossary_file",
]
