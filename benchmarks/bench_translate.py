"""Translation speed: our engine, argostranslate and raw CTranslate2 on a transformer-base package.

The package is synthetic (random weights, see polyglot_press.testing) with a SentencePiece model
trained on fr_auto_news, so only speed and memory mean anything here, not quality. Each variant
runs in its own subprocess so that its peak RSS is its own; all use the same thread count and
beam size, and each is warmed up (model loaded) before the clock starts.

    PYTHONPATH=. python benchmarks/bench_translate.py [--articles 20] [--threads 2]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "fr_auto_news" / "orangesum_auto_articles.jsonl"
CACHE = Path(__file__).resolve().parent / ".cache"


def load_articles(count: int, *, offset: int = 0) -> list[str]:
    with DATA.open(encoding="utf-8") as lines:
        records = [json.loads(line) for _, line in zip(range(offset + count), lines, strict=False)]
    return [record["article"] for record in records[offset:]]


def base_package() -> Path:
    """Build (once) the base-size fr→en package, SentencePiece trained on fr_auto_news."""
    from polyglot_press.text import split_sentences
    from polyglot_press.testing import build_synthetic_package

    path = CACHE / "translate-fr_en-1_0"
    archive = CACHE / "translate-fr_en-1_0.argosmodel"
    if not archive.exists():
        # Articles after the benchmarked ones, so the tokenizer has not seen the test text.
        corpus = [s for text in load_articles(1500, offset=100) for s in split_sentences(text)]
        started = time.perf_counter()
        build_synthetic_package(CACHE, "fr", "en", corpus=corpus, size="base", archive=True)
        print(f"built {path.name} (base) in {time.perf_counter() - started:.1f} s")
    return path


def peak_rss_mb() -> float:
    """This process's peak RSS (VmHWM; ru_maxrss would carry the parent's peak over exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_variant(variant: str, package_path: Path, articles: int, threads: int, beam: int) -> None:
    """Child process: translate, then print one JSON line of figures."""
    from polyglot_press.text import split_sentences

    texts = load_articles(articles)
    sentences = [s for text in texts for s in split_sentences(text, "fr")]
    if variant == "argos":
        seconds = _run_argos(package_path, texts, threads, beam)
    elif variant == "raw":
        seconds = _run_raw(package_path, sentences, threads, beam)
    else:
        seconds = _run_ours(variant, package_path, texts, sentences, threads, beam)
    figures = {"sentences": len(sentences), "seconds": seconds, "peak_rss_mb": peak_rss_mb()}
    print(json.dumps(figures))


def best_time(run: Any, repeats: int = 2) -> float:
    """Best wall time of ``repeats`` runs: the machine is shared, the minimum is the signal."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def _engine(package_path: Path, threads: int, beam: int, **options: Any) -> tuple[Any, Any]:
    from polyglot_press.engine import EngineOptions, TranslationEngine
    from polyglot_press.packages import InstalledPackage

    package = InstalledPackage("fr", "en", "1.0", package_path, 0, "models-dir")
    engine = TranslationEngine(EngineOptions(beam_size=beam, threads=threads, **options))
    engine.load(package)
    return engine, package


def _run_ours(
    variant: str,
    package_path: Path,
    texts: list[str],
    sentences: list[str],
    threads: int,
    beam: int,
) -> float:
    from polyglot_press.engine import SourceSentence

    strategy = "segmented" if variant == "ours-texts-segmented" else "auto"
    engine, package = _engine(package_path, threads, beam, span_strategy=strategy)

    def translate() -> None:
        if variant == "ours":
            engine.translate_sentences([SourceSentence(s) for s in sentences], [package])
        else:
            engine.translate_texts(texts, [package], source_lang="fr", target_lang="en")

    return best_time(translate)


def _run_raw(package_path: Path, sentences: list[str], threads: int, beam: int) -> float:
    """The floor: one translate_batch call per length batch, same decoding limits as ours."""
    import ctranslate2
    import sentencepiece

    from polyglot_press.engine import EngineOptions, _length_batches

    options = EngineOptions(beam_size=beam, threads=threads)
    translator = ctranslate2.Translator(
        str(package_path / "model"), compute_type="int8", intra_threads=threads
    )
    processor = sentencepiece.SentencePieceProcessor(
        model_file=str(package_path / "sentencepiece.model")
    )

    def translate() -> None:
        tokens = processor.encode(sentences, out_type=str)
        for batch in _length_batches(tokens, options.max_batch_tokens):
            longest = len(tokens[batch[-1]])
            results = translator.translate_batch(
                [tokens[i] for i in batch],
                max_batch_size=len(batch),
                beam_size=beam,
                max_decoding_length=int(options.max_length_ratio * longest)
                + options.max_length_extra,
                no_repeat_ngram_size=options.no_repeat_ngram_size,
            )
            processor.decode([result.hypotheses[0] for result in results])

    return best_time(translate)


def _run_argos(package_path: Path, texts: list[str], threads: int, beam: int) -> float:
    with tempfile.TemporaryDirectory() as packages_dir:
        # argostranslate reads its settings from the environment at import time.
        os.environ.update(
            ARGOS_PACKAGES_DIR=packages_dir,
            ARGOS_BEAM_SIZE=str(beam),
            ARGOS_INTRA_THREADS=str(threads),
            ARGOS_COMPUTE_TYPE="int8",
        )
        import argostranslate.package
        import argostranslate.translate

        from polyglot_press.text import split_sentences

        class PlainSentencizer:
            """MiniSBD downloads its model on first use; split like the other variants."""

            def __init__(self, pkg: Any) -> None:
                self.pkg = pkg

            def split_sentences(self, text: str) -> list[str]:
                return split_sentences(text, "fr")

        argostranslate.translate.MiniSBDSentencizer = PlainSentencizer  # type: ignore[misc]
        argostranslate.package.install_from_path(package_path.with_suffix(".argosmodel"))
        argostranslate.translate.translate("Bonjour.", "fr", "en")  # load the model
        return best_time(
            lambda: [argostranslate.translate.translate(text, "fr", "en") for text in texts]
        )


def measure(variant: str, package: Path, articles: int, threads: int, beam: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", variant, "--articles", str(articles)]
    command += ["--threads", str(threads), "--beam", str(beam)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    completed = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if completed.returncode != 0:
        raise SystemExit(f"{variant} failed:\n{completed.stderr[-3000:]}")
    figures: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    figures["rate"] = figures["sentences"] / figures["seconds"]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--beam", type=int, default=None, help="default: EngineOptions default")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not DATA.exists():
        raise SystemExit(f"needs {DATA} (the shared fr_auto_news data set)")
    if args.child:
        run_variant(
            args.child, CACHE / "translate-fr_en-1_0", args.articles, args.threads, args.beam
        )
        return

    from polyglot_press.engine import EngineOptions

    beam = args.beam or EngineOptions().beam_size
    package = base_package()
    print(f"{args.articles} fr_auto_news articles, beam {beam}, {args.threads} threads, int8 CPU")
    rows = {}
    for variant in ("ours", "ours-texts", "ours-texts-segmented", "raw", "argos"):
        rows[variant] = figures = measure(variant, package, args.articles, args.threads, beam)
        print(
            f"  {variant:<22} {figures['sentences']:>4} sentences  {figures['seconds']:6.2f} s  "
            f"{figures['rate']:6.1f} sentences/s  peak RSS {figures['peak_rss_mb']:5.0f} MB"
        )
    print(f"ours / argos: {rows['ours']['rate'] / rows['argos']['rate']:.2f}x (target >= 4x)")
    print(f"ours-texts / argos: {rows['ours-texts']['rate'] / rows['argos']['rate']:.2f}x")
    print(f"ours / raw:   {rows['ours']['rate'] / rows['raw']['rate']:.2f}x (target >= 0.9x)")
    print("beam size (ours, plain sentences; random weights, so speed only):")
    for beam_size in (1, 2, 4):
        figures = measure("ours", package, args.articles, args.threads, beam_size)
        print(f"  beam {beam_size}: {figures['rate']:6.1f} sentences/s")


if __name__ == "__main__":
    main()
