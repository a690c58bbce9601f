"""Language routing (fr / en / ko / other) on every development set, side by side.

For each set, polyglot_press's routing and raw langdetect (all 55 profiles, seeded) are run on
the same items; the table gives overall accuracy, recall per class (fr, en, ko, other) and
items per second on one core (CPU time of this single-threaded process, after loading):

- FLORES-200 devtest (204 languages, every 10th sentence; long, clean sentences);
- Tatoeba, split in two halves by a hash of each sentence (as ``scripts/fit_language_model.py``
  splits it): ``tune`` (where the routing model's weights and foreign words were fitted) and
  ``check`` (held out), then all of it (short sentences, 50 languages);
- NTREX-128 news sentences, each alone: the English originals and their French and Korean
  human translations (what the ``wrong_language`` check sees);
- the seed releases: every translatable block (routed per block, in its document) and every
  sentence of those blocks (detected alone); all are French.

    PYTHONPATH=. python benchmarks/bench_routing.py [--limit N] [--no-baseline]
"""

from __future__ import annotations

import argparse
import csv
import time
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from polyglot_press.language import ROUTED_LANGUAGES, detect_language, route_document

SHARED = Path(__file__).resolve().parents[2] / "shared"
CLASSES = (*ROUTED_LANGUAGES, "other")
FLORES_CLASS = {"fra_Latn": "fr", "eng_Latn": "en", "kor_Hang": "ko"}

Item = tuple[str, str, str]  # (dataset label, class, text)


@dataclass(frozen=True, slots=True)
class Score:
    items: int
    errors: int
    recall: dict[str, float | None]
    per_second: float
    confusions: list[tuple[tuple[str, str], int]]

    @property
    def accuracy(self) -> float:
        return 1 - self.errors / self.items


def as_class(code: str) -> str:
    return code if code in ROUTED_LANGUAGES else "other"


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def flores() -> list[Item]:
    rows = read_tsv(SHARED / "data" / "flores200_lid" / "flores200_devtest_lid_every10th.tsv")
    return [(r["lang"], FLORES_CLASS.get(r["lang"], "other"), r["text"]) for r in rows]


def tatoeba() -> list[Item]:
    rows = read_tsv(SHARED / "data" / "tatoeba_lid" / "tatoeba_lid_sentences.tsv")
    return [(r["lang"], as_class(r["lang"]), r["text"]) for r in rows]


def tatoeba_half(text: str) -> str:
    """``"tune"`` or ``"check"``, as ``scripts/fit_language_model.py`` splits the set."""
    return "tune" if zlib.crc32(text.encode("utf-8")) % 2 == 0 else "check"


def ntrex() -> list[Item]:
    rows = read_tsv(SHARED / "data" / "ntrex_news" / "ntrex128_en_fr_ko.tsv")
    return [(lang, lang, r[lang]) for r in rows for lang in ("en", "fr", "ko")]


def seed_documents() -> list[Path]:
    return sorted((SHARED / "seeds").glob("*.txt"))


def seed_sentences() -> list[Item]:
    from polyglot_press.documents import plain_text, read_document
    from polyglot_press.text import split_sentences

    items = []
    for path in seed_documents():
        doc = read_document(path)
        for block in doc.blocks:
            if block.translatable:
                text = plain_text(block.text, doc.format)
                items += [(path.name, "fr", s) for s in split_sentences(text, "fr")]
    return items


def score(
    classify: Callable[[Sequence[str]], list[str]], items: Sequence[Item], runs: int = 1
) -> Score:
    """Classify the items (``runs`` times, keeping the fastest run) and count the errors."""
    classify([items[0][2]])  # load models and profiles outside the timed run
    elapsed = float("inf")
    predicted: list[str] = []
    for _ in range(runs):
        # CPU time of this (single-threaded) process: items per second on one core, however
        # busy the machine's other cores are.
        start = time.process_time()
        predicted = classify([text for _, _, text in items])
        elapsed = min(elapsed, time.process_time() - start)
    gold = [cls for _, cls, _ in items]
    recall: dict[str, float | None] = {}
    for cls in CLASSES:
        wanted = [p for p, g in zip(predicted, gold, strict=True) if g == cls]
        recall[cls] = sum(p == cls for p in wanted) / len(wanted) if wanted else None
    confusions = Counter(
        (label, p) for p, (label, g, _) in zip(predicted, items, strict=True) if p != g
    )
    errors = sum(confusions.values())
    return Score(len(items), errors, recall, len(items) / elapsed, confusions.most_common(6))


def ours(texts: Sequence[str]) -> list[str]:
    return [as_class(detect_language(text).code) for text in texts]


def raw_langdetect(texts: Sequence[str]) -> list[str]:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    out = []
    for text in texts:
        try:
            out.append(as_class(detect(text)))
        except LangDetectException:
            out.append("other")
    return out


def seed_blocks() -> tuple[list[Item], Callable[[Sequence[str]], list[str]]]:
    """The seeds' translatable blocks, and a classifier that routes them in their document."""
    from polyglot_press.documents import plain_text, read_document

    docs = [read_document(path) for path in seed_documents()]
    items = [
        (doc.source, "fr", plain_text(block.text, doc.format))
        for doc in docs
        for block in doc.blocks
        if block.translatable
    ]

    def routed(texts: Sequence[str]) -> list[str]:
        # Block routing needs the documents: route them all, whatever ``texts`` holds.
        langs = [
            as_class(block.lang or "und")
            for doc in docs
            for block in route_document(doc).blocks
            if block.translatable
        ]
        return langs[: len(texts)]

    return items, routed


def row(name: str, method: str, result: Score) -> str:
    recalls = " ".join(
        f"{'-':>6}" if result.recall[c] is None else f"{result.recall[c]:6.2%}" for c in CLASSES
    )
    return (
        f"{name:<16} {method:<15} {result.items:>6} {result.accuracy:8.2%} {result.errors:>6}"
        f" {recalls} {result.per_second:>9,.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=1, help="every n-th item only (quick runs)")
    parser.add_argument("--no-baseline", action="store_true", help="skip raw langdetect")
    parser.add_argument("--confusions", action="store_true", help="print the top confusions")
    args = parser.parse_args()
    if not (SHARED / "data").exists():
        raise SystemExit(f"no development data at {SHARED / 'data'}")
    every = max(args.limit, 1)
    all_tatoeba = tatoeba()
    sets: list[tuple[str, list[Item]]] = [
        ("FLORES-200", flores()[::every]),
        ("Tatoeba tune", [i for i in all_tatoeba if tatoeba_half(i[2]) == "tune"][::every]),
        ("Tatoeba check", [i for i in all_tatoeba if tatoeba_half(i[2]) == "check"][::every]),
        ("Tatoeba all", all_tatoeba[::every]),
        ("NTREX sentences", ntrex()[::every]),
        ("seed sentences", seed_sentences()),
    ]
    methods: list[tuple[str, Callable[[Sequence[str]], list[str]]]] = [("polyglot_press", ours)]
    if not args.no_baseline:
        methods.append(("raw langdetect", raw_langdetect))
    recall_head = " ".join(f"{'r.' + c:>6}" for c in CLASSES)
    print(f"{'set':<16} {'method':<15} {'items':>6} {'accuracy':>8} {'errors':>6} {recall_head}"
          f" {'items/s':>9}")  # fmt: skip
    for name, items in sets:
        for method, classify in methods:
            result = score(classify, items)
            print(row(name, method, result))
            if args.confusions and result.confusions:
                print("    " + ", ".join(f"{g}->{p} x{n}" for (g, p), n in result.confusions))
    blocks, routed = seed_blocks()
    print(row("seed blocks", "polyglot_press", score(routed, blocks, runs=3)))
    if not args.no_baseline:
        print(row("seed blocks", "raw langdetect", score(raw_langdetect, blocks)))


if __name__ == "__main__":
    main()
