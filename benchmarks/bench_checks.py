"""How the sentence checks and enforcement treat good and bad translations (issue 18).

NTREX-128 news documents (human French and Korean translations of English news) go through
the library as French releases: fr→en for the document, then en→ko for the Korean brief, with
``FakeBackend`` answering each sentence with

(a) its human translation       nothing should be flagged or changed (false alarms);
(b) its source, copied          every sentence should be flagged;
(c) the translation cut to 40%  of its words: should be flagged;
(d) one number changed          (sentences with a number only): should be flagged or repaired.

It prints, per leg and condition, the share of sentences flagged or changed by enforcement,
on each half of the documents (the calibration half, and the check half the length bands were
not fitted on), and the most common flags::

    .venv/bin/python benchmarks/bench_checks.py [--data ../shared/data/ntrex_news] [--docs N]
"""

from __future__ import annotations

import argparse
import collections
import csv
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from polyglot_press import Pipeline
from polyglot_press.checks import calibration_half
from polyglot_press.documents import parse_document
from polyglot_press.evaluate._conditions import change_number, cut
from polyglot_press.testing import FakeBackend, build_package

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ntrex_news"
_WORD = re.compile(r"\w+", re.UNICODE)
SHOW_CHANGED_ONLY = "--changed" in sys.argv
SHOW_MISSED = "--missed" in sys.argv
CONDITIONS = ("human", "copy", "cut", "number")
TARGETS = {"human": "≤ 3%", "copy": "≥ 98%", "cut": "≥ 80%", "number": "≥ 98%"}


def load(data: Path) -> dict[str, list[dict[str, str]]]:
    documents: dict[str, list[dict[str, str]]] = collections.defaultdict(list)
    with (data / "ntrex128_en_fr_ko.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            documents[row["doc_id"]].append(row)
    return documents


class Answers:
    """Looks a (possibly glossary-rewritten) source sentence up among the known ones."""

    def __init__(self, pairs: dict[str, str]) -> None:
        self.pairs = pairs
        self.index: dict[str, set[str]] = collections.defaultdict(set)
        for source in pairs:
            for word in set(_WORD.findall(source.lower())):
                self.index[word].add(source)

    def source_of(self, text: str) -> str | None:
        if text in self.pairs:
            return text
        words = set(_WORD.findall(text.lower()))
        votes: collections.Counter[str] = collections.Counter()
        for word in words:
            candidates = self.index.get(word, ())
            if len(candidates) < 50:
                votes.update(candidates)
        if not votes:
            return None
        # Ties broken by the text, not by set order (which changes with PYTHONHASHSEED).
        best, count = max(votes.items(), key=lambda item: (item[1], item[0]))
        # Glossary terms are written into the source in English: most words still match.
        return best if len(words) >= 4 and count >= 0.6 * len(words) else None


def answerer(
    answers: Answers, condition: str, given: dict[str, str], leg_sources: set[str]
) -> Callable[[str], str]:
    def translate(text: str) -> str:
        source = answers.source_of(text)
        if source is None:
            return text  # a piece the data has no translation of: a model would copy it
        human = answers.pairs[source]
        if source not in leg_sources:
            output = human  # the other leg: answered right, so that this one is reached
        elif condition == "copy":
            output = text
        elif condition == "cut":
            output = cut(human)
        elif condition == "number":
            output = change_number(human) or human
        else:
            output = human
        given[source] = output
        return output

    return translate


def run(
    documents: dict[str, list[dict[str, str]]],
    condition: str,
    leg: str,
    models: Path,
    show: int = 0,
) -> collections.Counter[str]:
    """Apply ``condition`` to the sentences of ``leg`` (the other leg gets human answers)."""
    fr_en = {row["fr"].strip(): row["en"].strip() for rows in documents.values() for row in rows}
    en_ko = {row["en"].strip(): row["ko"].strip() for rows in documents.values() for row in rows}
    given: dict[str, str] = {}
    both = Answers({**fr_en, **en_ko})
    backend = FakeBackend(answerer(both, condition, given, set(fr_en if leg == "fr→en" else en_ko)))
    pipeline = Pipeline(models_dir=models, backend=backend, source_lang="fr", langs=("en", "ko"))
    counter: collections.Counter[str] = collections.Counter()
    inputs = []
    for doc_id, rows in documents.items():
        text = "\n\n".join(row["fr"].strip() for row in rows) + "\n"
        inputs.append(parse_document(text, source=doc_id, format="txt"))
    for result in pipeline.process_many(inputs):
        for record in result.sentences:
            if leg != ("en→ko" if record.target_lang == "ko" else "fr→en"):
                continue
            human = fr_en.get(record.source) if leg == "fr→en" else en_ko.get(record.source)
            if condition == "number" and (human is None or change_number(human) is None):
                continue
            answer = given.get(record.source)
            if answer is None:
                continue  # segmented otherwise than the data: no known answer to compare
            counter["sentences"] += 1
            changed = record.text is None or (
                answer is not None and " ".join(record.text.split()) != " ".join(answer.split())
            )
            flagged = bool(record.flags)
            counter["flagged"] += flagged
            counter["changed"] += changed
            counter["caught"] += flagged or changed
            for flag in record.flags:
                counter["flag:" + flag.code] += 1
            if (
                show
                and (
                    not (flagged or changed)
                    if SHOW_MISSED
                    else changed
                    if SHOW_CHANGED_ONLY
                    else flagged or changed
                )
                and counter["shown"] < show
            ):
                counter["shown"] += 1
                print(
                    f"  [{leg} {condition}] {record.source}\n    given: {answer}\n    got:   {record.text}\n    flags: {[f.message for f in record.flags]}"
                )
    pipeline.close()
    return counter


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--docs", type=int, default=0, help="documents per half (0: all)")
    parser.add_argument("--conditions", default=",".join(CONDITIONS))
    parser.add_argument("--halves", default="calibration,check")
    parser.add_argument("--show", type=int, default=0, help="print N flagged or changed sentences")
    parser.add_argument("--changed", action="store_true", help="--show only changed ones")
    parser.add_argument("--missed", action="store_true", help="--show only sentences not caught")
    args = parser.parse_args()
    if not (args.data / "ntrex128_en_fr_ko.tsv").is_file():
        print(f"no NTREX data in {args.data}", file=sys.stderr)
        return 2
    documents = load(args.data)
    halves = {"calibration": {}, "check": {}}
    for doc_id, rows in documents.items():
        halves["calibration" if calibration_half(doc_id) else "check"][doc_id] = rows
    with tempfile.TemporaryDirectory() as tmp:
        models = Path(tmp)
        build_package(models, "opus-bpe")
        build_package(models, "argos-train")
        print("share of sentences flagged or changed by enforcement (flagged / changed)")
        print(
            f"{'half':12} {'condition':10} {'leg':6} {'n':>5} {'caught':>8} {'flagged':>8} {'changed':>8}  target  top flags"
        )
        for half, docs in halves.items():
            if half not in args.halves.split(","):
                continue
            if args.docs:
                docs = dict(list(docs.items())[: args.docs])
            for condition in args.conditions.split(","):
                for leg in ("fr→en", "en→ko"):
                    counter = run(docs, condition, leg, models, args.show)
                    n = counter["sentences"] or 1
                    flags = sorted(
                        ((k[5:], v) for k, v in counter.items() if k.startswith("flag:")),
                        key=lambda item: -item[1],
                    )[:4]
                    print(
                        f"{half:12} {condition:10} {leg:6} {counter['sentences']:5} "
                        f"{counter['caught'] / n:8.1%} {counter['flagged'] / n:8.1%} "
                        f"{counter['changed'] / n:8.1%}  {TARGETS[condition]:6}  "
                        + ", ".join(f"{code} {count}" for code, count in flags)
                    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
