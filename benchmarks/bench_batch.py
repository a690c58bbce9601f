"""End-to-end batch throughput and translation-memory reuse on synthetic packages.

200 articles of ../shared/data/fr_auto_news go through `BatchRunner` (read, route, translate
fr→en, glossary, briefs, en→ko, write) on synthetic "small" packages. Then a second run over the
same 200 articles with 20% of them replaced by new ones (into a fresh output folder, same
translation memory) measures how much the memory saves: its hit rate and the speed-up.

    python benchmarks/bench_batch.py [--articles 200] [--size small]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from polyglot_press import Pipeline, PipelineConfig
from polyglot_press.batch import BatchRunner, InputItem
from polyglot_press.testing import build_synthetic_package
from polyglot_press.translate import TranslationMemory

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "fr_auto_news"


def load_articles(count: int, seed: int) -> list[dict[str, str]]:
    files = sorted(SHARED.glob("*.jsonl"))
    if not files:
        sys.exit(f"needs {SHARED} (the shared development data)")
    records = [json.loads(line) for line in files[0].read_text(encoding="utf-8").splitlines()]
    return random.Random(seed).sample(records, count)


def as_items(records: list[dict[str, str]]) -> list[InputItem]:
    return [
        InputItem(
            label=f"fr_auto_news:{r['id']}",
            doc_id=f"a{r['id']}",
            text=f"# {r['title']}\n\n{r['article']}",
        )
        for r in records
    ]


def run(
    items: list[InputItem], models: Path, out: Path, memory: TranslationMemory
) -> tuple[float, int]:
    pipeline = Pipeline(PipelineConfig(models_dir=models), memory=memory)
    runner = BatchRunner(pipeline, out)
    started = time.perf_counter()
    summary = runner.run(items)
    return time.perf_counter() - started, summary.done


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--size", default="small", choices=["tiny", "small", "base"])
    args = parser.parse_args()

    records = load_articles(args.articles + args.articles // 5, seed=0)
    first, fresh = records[: args.articles], records[args.articles :]
    rerun = first[: args.articles - len(fresh)] + fresh

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for source, target in (("fr", "en"), ("en", "ko")):
            build_synthetic_package(root / "models", source, target, size=args.size)
        memory = TranslationMemory(root / "memory.sqlite")

        seconds, done = run(as_items(first), root / "models", root / "out1", memory)
        sentences = memory.stats.misses
        print(
            f"first run:  {done} documents in {seconds:.1f}s = {done / seconds:.2f} docs/s "
            f"({sentences} distinct sentences translated, {args.size} synthetic packages)"
        )

        memory.stats.hits = memory.stats.misses = 0
        seconds2, done2 = run(as_items(rerun), root / "models", root / "out2", memory)
        print(
            f"rerun with {len(fresh)} new of {len(rerun)}: {done2} documents in {seconds2:.1f}s = "
            f"{done2 / seconds2:.2f} docs/s; translation-memory hit rate {memory.stats.hit_rate:.1%}; "
            f"speed-up {seconds / seconds2:.2f}x"
        )


if __name__ == "__main__":
    main()
