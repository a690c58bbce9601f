"""Rendering the review report for a 200-release batch (target: under 2 s beyond the batch).

A real batch runs once over examples/releases on synthetic (random-weight) packages; its brief
JSON files are then copied and perturbed into 200 releases (one in ten failed, one in seven with
a glossary hit missing, every copy with its own id and headline), and `write_report` renders
the index and the 200 release pages. The batch itself is not timed.

    python benchmarks/bench_report.py [--releases 200] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from polyglot_press.report import write_report
from polyglot_press.testing import build_synthetic_package

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "releases"


def run_batch(work: Path) -> Path:
    models = work / "models"
    for source, target in (("fr", "en"), ("en", "ko")):
        build_synthetic_package(models, source, target)
    out = work / "seed"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "polyglot_press",
            "batch",
            str(EXAMPLES),
            "--out",
            str(out),
            "--models",
            str(models),
            "--no-cache",
        ],
        check=False,
        capture_output=True,
    )
    return out


def seed_releases(out: Path) -> list[dict[str, Any]]:
    releases = []
    for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        json_name = next((n for n in entry.get("outputs", []) if n.endswith(".json")), None)
        if json_name:
            releases.append(json.loads((out / json_name).read_text(encoding="utf-8")))
    if not releases:
        sys.exit(f"the seed batch wrote no brief JSON into {out}")
    return releases


def synthesise(seeds: list[dict[str, Any]], count: int, out: Path) -> None:
    """``count`` releases in ``out``: copies of the seeds, each a little different."""
    out.mkdir(parents=True)
    lines = []
    for number in range(count):
        data = json.loads(json.dumps(seeds[number % len(seeds)]))
        doc_id = f"release-{number:04d}"
        entry: dict[str, Any] = {"id": doc_id, "source": f"in/{doc_id}.md", "warnings": []}
        if number % 10 == 9:
            entry.update(status="failed", outputs=[], error="binary file (contains NUL bytes)")
            lines.append(json.dumps(entry))
            continue
        data["source"] = entry["source"]
        data["headline"] = f"{data.get('headline') or doc_id} <{number}>"
        for report in (data.get("glossary") or {}).values():
            if number % 7 == 3 and report.get("items"):
                report["items"][0]["found"] = False
                report["found"] = max(0, report["found"] - 1)
        (out / f"{doc_id}.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        entry.update(status=data.get("status", "ok"), outputs=[f"{doc_id}.json"])
        entry["warnings"] = data.get("warnings", [])
        lines.append(json.dumps(entry, ensure_ascii=False))
    (out / "manifest.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--releases", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        seeds = seed_releases(run_batch(work))
        out = work / "out"
        synthesise(seeds, args.releases, out)
        blocks = sum(len(seed.get("blocks") or []) for seed in seeds) / len(seeds)
        times, cpu = [], []
        for _ in range(args.repeat):
            shutil.rmtree(out / "report", ignore_errors=True)
            started, started_cpu = time.perf_counter(), time.process_time()
            write_report(out)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        size = sum(p.stat().st_size for p in (out / "report").rglob("*.html"))
    best, mean = min(times), statistics.mean(times)
    print(f"releases: {args.releases} (seeds: {len(seeds)}, {blocks:.0f} blocks each on average)")
    print(f"write_report: best {best:.2f} s, mean {mean:.2f} s over {args.repeat} runs")
    print(f"CPU time (what a busy machine does not inflate): best {min(cpu):.2f} s")
    print(f"per release: {best / args.releases * 1000:.1f} ms; pages: {size / 1e6:.1f} MB")
    print(f"target < 2 s: {'met' if best < 2 else 'NOT met'}")


if __name__ == "__main__":
    main()
