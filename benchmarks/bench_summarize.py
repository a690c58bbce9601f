"""ROUGE and speed of the default summariser, Lead-N and sumy's LexRank/TextRank on every set.

One run prints, side by side, each development collection in ``shared/data``:

- ``bbc``: 300 random BBC News Summary articles (``random.Random(seed).sample``), 3 sentences,
  against the extractive reference summaries (their glued sentences split first);
- ``cnndm``: the 100 CNN/DailyMail training articles of ``cnndm_sample``, 3 sentences, against
  the highlights, articles as the data comes (bylines, time stamps and captions included);
- ``fr``: 300 random French automotive articles of ``fr_auto_news``, 1 sentence, against the
  article's title as a one-line reference (the title is not given to the summariser).

ROUGE-1/2/Lsum F1 x 100 (Google's ``rouge-score``): with its Porter stemmer for English; for
French with a Unicode word tokenizer (lower-cased ``\\w+``) and no stemming, since the default
tokenizer drops accented letters. Lead-N is the first N sentences as
:func:`polyglot_press.text.split_sentences` cuts the article, with nothing removed. Speed is
articles per second of summarising alone (parsing included, scoring excluded) in CPU time
of one process, BLAS limited to one thread, best of ``--repeat`` passes (later passes find
the stemmer's cache warm, as a long batch does).

How the default was tuned: its cleanup rules (bylines, stamps, captions, "scroll down") were
written from reading the first 50 ``cnndm_sample`` articles; its weights were chosen on those
50 articles together with 300 BBC articles drawn with ``--seed 1`` outside the seed-0 sample,
and checked on the last 50 CNN/DailyMail articles, the seed-0 BBC sample and the French set.

    PYTHONPATH=. python benchmarks/bench_summarize.py [--data DIR] [--count 300] [--seed 0]
"""

from __future__ import annotations

import os

# "One core": keep numpy's BLAS from spreading the work over threads.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from polyglot_press.summarize import DEFAULT_ALGORITHM, summarize  # noqa: E402
from polyglot_press.text import split_sentences  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
# BBC reference summaries glue sentences together ("...$10.9bn.For the full-year...").
_GLUED_SENTENCE_END = re.compile(r"([.!?][\"'”’]?)(?=[A-Z])")
_UNICODE_WORD = re.compile(r"\w+")

Record = dict[str, Any]
SummaryFunction = Callable[[Record], list[str]]
SUMMARISERS = ("default", "lead", "lexrank", "textrank")
TARGETS = {"bbc": "Lead-3 + 1", "cnndm": "37.5"}


@dataclass(frozen=True, slots=True)
class Collection:
    """A development set: its articles, language, summary length and reference summaries."""

    name: str
    records: list[Record]
    lang: str
    sentences: int
    reference: Callable[[Record], str]
    #: The record field given to the summariser as a title, if any.
    title_field: str | None


@dataclass(frozen=True, slots=True)
class Row:
    collection: str
    summariser: str
    rouge: tuple[float, float, float]
    per_second: float


class UnicodeTokenizer:
    """rouge-score tokenizer for French: lower-cased Unicode words, accents kept."""

    def tokenize(self, text: str) -> list[str]:
        return _UNICODE_WORD.findall(text.lower())


def load_jsonl(path: Path) -> list[Record]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def bbc_reference(record: Record) -> str:
    """The reference with one sentence per line, as rougeLsum expects."""
    return "\n".join(split_sentences(_GLUED_SENTENCE_END.sub(r"\1 ", record["summary"]), "en"))


def collections(data: Path, count: int, seed: int) -> list[Collection]:
    bbc = load_jsonl(data / "bbc_news_summary" / "bbc_news_summary.jsonl")
    french = load_jsonl(data / "fr_auto_news" / "orangesum_auto_articles.jsonl")
    return [
        Collection("bbc", random.Random(seed).sample(bbc, count), "en", 3, bbc_reference, "title"),
        Collection(
            "cnndm",
            load_jsonl(data / "cnndm_sample" / "cnndm_train_sample.jsonl"),
            "en",
            3,
            lambda record: str(record["highlights"]),
            None,
        ),
        Collection(
            "fr",
            random.Random(seed).sample(french, count),
            "fr",
            1,
            lambda record: str(record["title"]),
            None,
        ),
    ]


def summary_function(collection: Collection, summariser: str) -> SummaryFunction:
    count, lang = collection.sentences, collection.lang
    if summariser == "lead":
        return lambda record: split_sentences(record["article"], lang)[:count]
    algorithm = DEFAULT_ALGORITHM if summariser == "default" else summariser
    field = collection.title_field

    def run(record: Record) -> list[str]:
        title = record[field] if field else None
        return summarize(record["article"], lang, count, algorithm, title=title)

    return run


def measure(collection: Collection, summariser: str, repeat: int) -> Row:
    from rouge_score import rouge_scorer

    function = summary_function(collection, summariser)
    function(collection.records[0])  # load libraries outside the clock
    # CPU time of this process, best of `repeat` passes (as timeit does): on a machine shared
    # with other work, wall time measures the neighbours; contended cores still slow it down.
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        summaries = [function(record) for record in collection.records]
        best = min(best, time.process_time() - start)
    per_second = len(summaries) / max(best, 1e-9)

    french = collection.lang == "fr"
    scorer = rouge_scorer.RougeScorer(
        ["rouge1", "rouge2", "rougeLsum"],
        use_stemmer=not french,
        tokenizer=UnicodeTokenizer() if french else None,
    )
    totals = [0.0, 0.0, 0.0]
    for record, summary in zip(collection.records, summaries, strict=True):
        scores = scorer.score(collection.reference(record), "\n".join(summary))
        for index, key in enumerate(("rouge1", "rouge2", "rougeLsum")):
            totals[index] += scores[key].fmeasure
    r1, r2, rl = (100 * total / len(summaries) for total in totals)
    return Row(collection.name, summariser, (r1, r2, rl), per_second)


def label(summariser: str, collection: Collection) -> str:
    if summariser == "lead":
        return f"Lead-{collection.sentences}"
    if summariser == "default":
        return f"{DEFAULT_ALGORITHM} (default)"
    return f"sumy {summariser}"


def print_table(rows: Sequence[Row], sets: Sequence[Collection]) -> None:
    print(
        f"{'set':<6} {'summariser':<22} {'ROUGE-1':>8} {'ROUGE-2':>8} {'ROUGE-Lsum':>10} {'art/s':>7}"
    )
    by_name = {collection.name: collection for collection in sets}
    for row in rows:
        r1, r2, rl = row.rouge
        name = label(row.summariser, by_name[row.collection])
        print(
            f"{row.collection:<6} {name:<22} {r1:>8.2f} {r2:>8.2f} {rl:>10.2f} {row.per_second:>7.0f}"
        )


def print_verdict(rows: Sequence[Row]) -> None:
    score = {(row.collection, row.summariser): row.rouge[0] for row in rows}
    speed = {(row.collection, row.summariser): row.per_second for row in rows}
    for name in sorted({row.collection for row in rows}):
        margin = score[name, "default"] - score[name, "lead"]
        print(f"{name}: default - Lead-N = {margin:+.2f} ROUGE-1")
    print(
        f"target bbc >= Lead-3 + 1: {score['bbc', 'default'] >= score['bbc', 'lead'] + 1}; "
        f"target cnndm >= 37.5: {score['cnndm', 'default'] >= 37.5}; "
        f"target >= 300 articles/s: {min(speed[n, 'default'] for n in ('bbc', 'cnndm')) >= 300}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared/data folder")
    parser.add_argument("--count", type=int, default=300, help="BBC and French articles")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="timed passes; the best counts")
    args = parser.parse_args(argv)
    needed = ("bbc_news_summary", "cnndm_sample", "fr_auto_news")
    missing = [name for name in needed if not (args.data / name).is_dir()]
    if missing:
        print(f"no {', '.join(missing)} under {args.data}: this benchmark needs shared/data")
        return 1

    sets = collections(args.data, args.count, args.seed)
    print(
        f"ROUGE F1 x 100; bbc {len(sets[0].records)} (seed {args.seed}), "
        f"cnndm {len(sets[1].records)}, fr {len(sets[2].records)} (seed {args.seed}); "
        f"articles/s: CPU time of one thread, summarising only, best of {args.repeat} passes"
    )
    rows = [
        measure(collection, name, max(args.repeat, 1))
        for collection in sets
        for name in SUMMARISERS
    ]
    print_table(rows, sets)
    print_verdict(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
