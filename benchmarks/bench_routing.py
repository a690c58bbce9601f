"""Sentence-level language routing on FLORES-200 (fr / en / ko / other).

Prints overall accuracy, per-class precision and recall, sentences per second on one core,
and raw langdetect (all 55 profiles, seeded) side by side. The rows are split by FLORES line
number into two halves (``--split dev|test|all``) so thresholds tuned on one half can be
checked on the other.

    PYTHONPATH=. python benchmarks/bench_routing.py [--split test] [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from polyglot_press.language import ROUTED_LANGUAGES, detect_language

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "flores200_lid"
CLASSES = (*ROUTED_LANGUAGES, "other")
FLORES_CLASS = {"fra_Latn": "fr", "eng_Latn": "en", "kor_Hang": "ko"}


def load(split: str) -> list[tuple[str, str, str]]:
    """(flores code, class, sentence) rows; dev = even tens of line numbers, test = odd."""
    rows = []
    for path in sorted(DATA.glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                half = "dev" if (int(row["line_no"]) // 10) % 2 == 0 else "test"
                if split in ("all", half):
                    code = row["lang"]
                    rows.append((code, FLORES_CLASS.get(code, "other"), row["text"]))
    return rows


def as_class(code: str) -> str:
    return code if code in ROUTED_LANGUAGES else "other"


def ours(text: str) -> str:
    return as_class(detect_language(text).code)


def raw_langdetect() -> Callable[[str], str]:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0

    def classify(text: str) -> str:
        try:
            return as_class(detect(text))
        except LangDetectException:
            return "other"

    return classify


def evaluate(name: str, classify: Callable[[str], str], rows: list[tuple[str, str, str]]) -> None:
    classify(rows[0][2])  # load profiles outside the timed loop
    start = time.perf_counter()
    predicted = [classify(text) for _, _, text in rows]
    elapsed = time.perf_counter() - start
    correct = sum(p == gold for p, (_, gold, _) in zip(predicted, rows, strict=True))
    print(
        f"\n{name}: accuracy {correct / len(rows):.4%} ({len(rows) - correct} errors / {len(rows)})"
    )
    print(f"  speed {len(rows) / elapsed:,.0f} sentences/s (one core)")
    for cls in CLASSES:
        true_positive = sum(
            p == cls == gold for p, (_, gold, _) in zip(predicted, rows, strict=True)
        )
        n_predicted = sum(p == cls for p in predicted)
        n_gold = sum(gold == cls for _, gold, _ in rows)
        precision = true_positive / n_predicted if n_predicted else 0.0
        recall = true_positive / n_gold if n_gold else 0.0
        print(f"  {cls:<6} precision {precision:7.2%}  recall {recall:7.2%}  (n={n_gold})")
    confusions = Counter(
        (code, p) for p, (code, gold, _) in zip(predicted, rows, strict=True) if p != gold
    )
    print(
        "  top confusions:", ", ".join(f"{c}->{p} x{n}" for (c, p), n in confusions.most_common(8))
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--limit", type=int, default=0, help="every n-th row only (quick runs)")
    parser.add_argument("--no-baseline", action="store_true", help="skip raw langdetect")
    args = parser.parse_args()
    if not DATA.exists():
        raise SystemExit(f"no FLORES data at {DATA}")
    rows = load(args.split)
    if args.limit:
        rows = rows[:: args.limit]
    print(f"FLORES-200 {args.split}: {len(rows)} sentences, {len({r[0] for r in rows})} languages")
    evaluate("polyglot_press.detect_language", ours, rows)
    if not args.no_baseline:
        evaluate("raw langdetect (55 profiles)", raw_langdetect(), rows)


if __name__ == "__main__":
    main()
