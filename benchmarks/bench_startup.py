"""Start-up cost: `import polyglot_press` and `polyglot-press --help`, against their targets.

Each figure is the median of several fresh interpreter runs, measured side by side with a bare
`python -c pass` so the ratio shows what polyglot_press itself adds.

    python benchmarks/bench_startup.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 7


def median_seconds(args: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    bare = median_seconds([sys.executable, "-c", "pass"])
    imported = median_seconds([sys.executable, "-c", "import polyglot_press"])
    api = median_seconds(
        [
            sys.executable,
            "-c",
            "from polyglot_press import Pipeline, PipelineConfig, detect_language, summarize",
        ]
    )
    helped = median_seconds([sys.executable, "-m", "polyglot_press", "--help"])
    heavy = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, polyglot_press.cli; "
            "print(sorted({'torch','stanza','spacy','ctranslate2','sumy','langdetect'} & set(sys.modules)))",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    print(f"python -c pass                      {bare * 1000:7.1f} ms")
    print(
        f"import polyglot_press               {imported * 1000:7.1f} ms  (target < 300 ms; +{(imported - bare) * 1000:.0f} ms over bare)"
    )
    print(f"from polyglot_press import Pipeline... {api * 1000:7.1f} ms")
    print(
        f"polyglot-press --help               {helped * 1000:7.1f} ms  (target < 500 ms; {helped / bare:.1f}x bare python)"
    )
    print(f"heavy modules after importing the CLI: {heavy}")


if __name__ == "__main__":
    main()
