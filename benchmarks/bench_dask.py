"""Batch throughput on Dask against one process, on synthetic packages.

The same articles of ../shared/data/fr_auto_news (fr→en translation, glossary, briefs, en→ko) go
through the single-process `BatchRunner`, then `DaskBatchRunner` on a local cluster of 1 and of 2
worker processes. Every run starts with no model loaded and no translation memory, and
CTranslate2 uses one thread per process, so the workers are the only parallelism. Cluster
start-up is timed separately: the docs/s figures cover the batch run only.

    python benchmarks/bench_dask.py [--articles 150] [--size small] [--batch-size 8]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from bench_batch import as_items, load_articles  # the same corpus as the batch benchmark

from polyglot_press import PipelineConfig
from polyglot_press.batch import BatchRunner, DaskBatchRunner, dask_client
from polyglot_press.testing import build_synthetic_package
from polyglot_press.translate import EngineOptions


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--size", default="small", choices=["tiny", "small", "base"])
    parser.add_argument("--batch-size", type=int, default=8, help="documents per chunk/task")
    args = parser.parse_args()

    records = load_articles(args.articles, seed=0)
    items = as_items(records)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for source, target in (("fr", "en"), ("en", "ko")):
            build_synthetic_package(root / "models", source, target, size=args.size)
        config = PipelineConfig(models_dir=root / "models", engine_options=EngineOptions(threads=1))

        runner = BatchRunner(config, root / "single", batch_size=args.batch_size)
        started = time.perf_counter()
        summary = runner.run(items)
        single = summary.done / (time.perf_counter() - started)
        print(
            f"{len(items)} articles, {args.size} synthetic packages, {args.batch_size} documents "
            f"per chunk, ctranslate2 threads=1, machine with {os.cpu_count()} cores "
            f"(load average {os.getloadavg()[0]:.1f} before the runs)"
        )
        print(f"single process BatchRunner: {summary.done} done, {single:.2f} docs/s")

        for workers in (1, 2):
            started = time.perf_counter()
            with dask_client(local_workers=workers) as client:
                client.wait_for_workers(workers)
                startup = time.perf_counter() - started
                dask_runner = DaskBatchRunner(
                    client, config, root / f"dask{workers}", batch_size=args.batch_size
                )
                started = time.perf_counter()
                summary = dask_runner.run(items)
                rate = summary.done / (time.perf_counter() - started)
            processes = "process" if workers == 1 else "processes"
            print(
                f"Dask, {workers} worker {processes}: {summary.done} done, "
                f"{rate:.2f} docs/s = {rate / single:.2f}x single process "
                f"(cluster start-up {startup:.1f}s, not counted)"
            )


if __name__ == "__main__":
    main()
