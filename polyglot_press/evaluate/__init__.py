"""Evaluation: run a reference set through the installed packages and score the output.

Pieces, one concept per module:

- ``_references``: :func:`load_references` reads the shipped trilingual set
  (``data/references/automotive_press.tsv``) or a newsroom's ``source``/``reference`` TSV,
  with line-numbered :class:`~polyglot_press.errors.InputError` for bad files.
- ``_annotations``: :func:`annotate` and :func:`check_row` keep the shipped annotations honest.
- ``_extract``: numbers by value (``300 000`` = ``300,000`` = ``30만``), contacts, markup.
- ``_metrics``: chrF/BLEU (sacrebleu) and the term/number/contact/markup/name fidelity rates.
- ``_runner``: :func:`run_evaluation` translates with polyglot_press (with and without
  enforcement) and with ``argostranslate`` on the same packages; the adapter
  :func:`translate_polyglot` is the one call into the translation API.
- ``_report``: :func:`render_text` and :func:`to_dict` (for ``--format json``).

Example::

    from polyglot_press.evaluate import load_references, render_text, run_evaluation

    evaluation = run_evaluation(load_references(), models_dir="models/")
    print(render_text(evaluation))
"""

from polyglot_press.evaluate._annotations import annotate, check_row, split_name
from polyglot_press.evaluate._extract import Quantity, contacts, markup, number_mentions, quantities
from polyglot_press.evaluate._metrics import Fidelity, Rate, corpus_scores, fidelity
from polyglot_press.evaluate._references import (
    EvalPair,
    PairItem,
    ReferenceRow,
    ReferenceSet,
    builtin_references_path,
    load_references,
)
from polyglot_press.evaluate._report import MEANINGLESS, render_text, to_dict
from polyglot_press.evaluate._runner import (
    FIXTURE_MARKER,
    SYSTEMS,
    ArgosTranslator,
    Evaluation,
    Output,
    PairResult,
    SentenceResult,
    SystemResult,
    is_fixture_package,
    run_evaluation,
    translate_polyglot,
)

__all__ = [
    "FIXTURE_MARKER",
    "MEANINGLESS",
    "SYSTEMS",
    "ArgosTranslator",
    "EvalPair",
    "Evaluation",
    "Fidelity",
    "Output",
    "PairItem",
    "PairResult",
    "Quantity",
    "Rate",
    "ReferenceRow",
    "ReferenceSet",
    "SentenceResult",
    "SystemResult",
    "annotate",
    "builtin_references_path",
    "check_row",
    "contacts",
    "corpus_scores",
    "fidelity",
    "is_fixture_package",
    "load_references",
    "markup",
    "number_mentions",
    "quantities",
    "render_text",
    "run_evaluation",
    "split_name",
    "to_dict",
    "translate_polyglot",
]
