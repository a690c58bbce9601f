"""How long ``polyglot-press evaluate`` takes on transformer-base packages (fr→en and en→ko).

The packages are synthetic (random weights, see polyglot_press.testing): only the run time
means anything. Issue 11 asks for "a few minutes on 2 cores" for the whole shipped set, all
three pairs and all three systems. Packages are built once into benchmarks/.cache/evaluate
(fr→en ``opus-bpe``, en→ko ``argos-train``, see polyglot_press.testing).

    PYTHONPATH=. python benchmarks/bench_evaluate.py [--limit N] [--threads 2] [--systems ...]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache" / "evaluate"


def base_packages() -> Path:
    """fr→en as OPUS-MT BPE and en→ko as argos-train, both transformer-base (built once)."""
    from polyglot_press.testing import build_package

    for seed, (family, source, target) in enumerate(
        (("opus-bpe", "fr", "en"), ("argos-train", "en", "ko"))
    ):
        stamp = CACHE / f".built-{source}_{target}"
        if not stamp.exists():
            started = time.perf_counter()
            build_package(CACHE, family, source, target, size="base", seed=seed)
            stamp.touch()
            print(
                f"built {source}→{target} ({family}, base) in {time.perf_counter() - started:.1f} s"
            )
    return CACHE


def main() -> None:
    from dataclasses import replace

    from polyglot_press.evaluate import SYSTEMS, load_references, render_text, run_evaluation
    from polyglot_press.glossary import load_glossary
    from polyglot_press.translate import EngineOptions

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="first N sentences only")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--systems", default=",".join(SYSTEMS))
    args = parser.parse_args()

    models = base_packages()
    references = load_references()
    if args.limit:
        references = replace(references, rows=references.rows[: args.limit])
    started = time.perf_counter()
    evaluation = run_evaluation(
        references,
        models_dir=models,
        systems=tuple(args.systems.split(",")),
        glossary=load_glossary(),
        engine_options=EngineOptions(threads=args.threads),
    )
    wall = time.perf_counter() - started
    print(render_text(evaluation))
    print(f"{len(references.rows)} sentences × 3 pairs, {args.systems}: {wall:.1f} s wall")


if __name__ == "__main__":
    main()
