"""Translation speed on fr_auto_news: whole articles with spans vs raw CTranslate2 vs argostranslate.

The package is an ``opus-bpe`` fixture (see polyglot_press.testing: the layout, tokenizer and
CTranslate2 model of the OPUS-MT fr→en package, base size, random weights with a fitted output
layer), so only speed and memory mean anything here, not quality. All variants decode with the
same options (argostranslate's: beam 4, length penalty 0.2, replace_unknowns) and the same
number of threads (ours as ``--threads`` one-thread CTranslate2 replicas, see ``argos*``);
each runs in its own subprocess so that its peak RSS is its own, and is warmed up (model loaded)
before the clock starts. Variants:

``ours-texts``  whole articles through ``TranslationEngine.translate_texts`` with glossary, number,
                URL and contact spans enforced (n-best + attention for sentences with spans);
``ours-docs``   the same, each article its own group (``groups=``), as the pipeline translates
                documents: no batch spans two articles, so each article's translation is what
                it gets alone (issue 17); the articles' batches still run in parallel;
``ours``        the same sentences as plain ``SourceSentence`` objects, no spans;
``raw``         the floor: the same sentences, our tokenizer, one ``translate_batch`` call over
                all of them, nothing else;
``argos``       ``argostranslate.translate.translate`` per article on the same package (its
                sentence splitter replaced by ours: Stanza and MiniSBD download their models),
                with its own thread layout (one translator, ``ARGOS_INTRA_THREADS=--threads``);
``argos-replicas`` the same with our layout (``ARGOS_INTER_THREADS=--threads``, one thread
                each), which argostranslate also gains from, as its batches split over replicas.

    PYTHONPATH=. python benchmarks/bench_translate.py [--articles 20] [--threads 2]
"""

from __future__ import annotations

import argparse
import collections
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
CACHE = Path(__file__).resolve().parent / ".cache" / "opus-bpe-base"
PACKAGE = CACHE / "translate-fr_en-1_0"


def load_articles(count: int, *, offset: int = 0) -> list[str]:
    with DATA.open(encoding="utf-8") as lines:
        records = [json.loads(line) for _, line in zip(range(offset + count), lines, strict=False)]
    return [record["article"] for record in records[offset:]]


def base_package() -> Path:
    """Build (once) the base-size opus-bpe fr→en package, subwords learned on fr_auto_news."""
    from polyglot_press.testing import build_package

    if not ((PACKAGE / "metadata.json").exists() and list(CACHE.glob("*.argosmodel"))):
        # Articles after the benchmarked ones, so the subword model has not seen the test text.
        corpus = load_articles(100, offset=100)
        started = time.perf_counter()
        build_package(CACHE, "opus-bpe", "fr", "en", size="base", corpus=corpus, archive=True)
        print(f"built {PACKAGE.name} (opus-bpe, base) in {time.perf_counter() - started:.1f} s")
    return PACKAGE


def archive_path() -> Path:
    """The package's ``.argosmodel`` (named after the version in its metadata)."""
    return next(CACHE.glob("*.argosmodel"))


def peak_rss_mb() -> float:
    """This process's peak RSS (VmHWM; ru_maxrss would carry the parent's peak over exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def best_time(run: Any, repeats: int = 2) -> float:
    """Best wall time of ``repeats`` runs: the machine is shared, the minimum is the signal."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def run_variant(variant: str, articles: int, threads: int) -> None:
    """Child process: translate, then print one JSON line of figures."""
    from polyglot_press.text import split_sentences

    texts = load_articles(articles)
    sentences = [s for text in texts for s in split_sentences(text, "fr")]
    extra: dict[str, Any] = {}
    if variant.startswith("argos"):
        seconds = _run_argos(texts, threads, replicas=variant == "argos-replicas")
    elif variant == "raw":
        seconds = _run_raw(sentences, threads)
    else:
        seconds, extra = _run_ours(variant, texts, sentences, threads)
    figures = {"sentences": len(sentences), "seconds": seconds, "peak_rss_mb": peak_rss_mb()}
    print(json.dumps({**figures, **extra}))


def _engine(threads: int) -> tuple[Any, Any]:
    from polyglot_press.packages import read_package
    from polyglot_press.translate import EngineOptions, TranslationEngine

    package = read_package(PACKAGE)
    # One-thread replicas decoding batches in parallel: on CPU about twice as fast as one
    # translator with ``threads`` intra threads. Every variant gets the same layout.
    engine = TranslationEngine(EngineOptions(threads=1, inter_threads=threads))
    engine.load(package)
    return engine, package


def _run_ours(
    variant: str, texts: list[str], sentences: list[str], threads: int
) -> tuple[float, dict[str, Any]]:
    from polyglot_press.glossary import load_glossary
    from polyglot_press.translate import SourceSentence

    engine, package = _engine(threads)
    glossary = load_glossary()
    spans = [glossary.spans(text, "fr", "en") for text in texts]
    paths: collections.Counter[str] = collections.Counter()

    def translate() -> None:
        if variant == "ours":
            engine.translate_sentences([SourceSentence(s) for s in sentences], [package])
            return
        groups = list(range(len(texts))) if variant == "ours-docs" else None
        results = engine.translate_texts(
            texts, [package], source_lang="fr", target_lang="en", extra_spans=spans, groups=groups
        )
        paths.clear()
        paths.update(s.enforcement for r in results for s in r.sentences)
        spans_total = sum(len(s.spans) for r in results for s in r.sentences)
        paths["spans"] = spans_total

    seconds = best_time(translate)
    return seconds, {"paths": dict(paths)} if paths else {}


def _run_raw(sentences: list[str], threads: int) -> float:
    """The floor: the same tokenizer, translator and decoding options, one translate_batch call
    over all sentences (CTranslate2 sorts them and splits them into batches itself)."""
    from polyglot_press.translate import EngineOptions

    engine, package = _engine(threads)
    model = engine.backend.load(package)
    translator, tokenizer = model.translator, model.tokenizer
    options = EngineOptions()

    def translate() -> None:
        tokens = [tokenizer.encode(sentence) for sentence in sentences]
        longest = max(len(sequence) for sequence in tokens)
        results = translator.translate_batch(
            tokens,
            max_batch_size=options.max_batch_tokens,
            batch_type="tokens",
            beam_size=options.beam_size,
            length_penalty=options.length_penalty,
            replace_unknowns=options.replace_unknowns,
            max_decoding_length=int(options.max_length_ratio * longest) + options.max_length_extra,
            no_repeat_ngram_size=options.no_repeat_ngram_size,
        )
        for result in results:
            tokenizer.decode(result.hypotheses[0])

    return best_time(translate)


def _run_argos(texts: list[str], threads: int, *, replicas: bool) -> float:
    from polyglot_press.translate import EngineOptions

    with tempfile.TemporaryDirectory() as packages_dir:
        # argostranslate reads its settings from the environment at import time.
        os.environ.update(
            ARGOS_PACKAGES_DIR=packages_dir,
            ARGOS_BEAM_SIZE=str(EngineOptions().beam_size),
            ARGOS_INTER_THREADS=str(threads) if replicas else "1",
            ARGOS_INTRA_THREADS="1" if replicas else str(threads),
            ARGOS_COMPUTE_TYPE="int8",
        )
        import argostranslate.package
        import argostranslate.translate

        from polyglot_press.text import split_sentences

        class PlainSentencizer:
            """argostranslate's splitters download models on first use; split like the others."""

            def __init__(self, pkg: Any) -> None:
                self.pkg = pkg

            def split_sentences(self, text: str) -> list[str]:
                return split_sentences(text, "fr")

        # A package with stanza/ gets StanzaSentencizer, which downloads its resources.
        argostranslate.translate.MiniSBDSentencizer = PlainSentencizer
        argostranslate.translate.StanzaSentencizer = PlainSentencizer
        argostranslate.package.install_from_path(archive_path())
        argostranslate.translate.translate("Bonjour.", "fr", "en")  # load the model
        return best_time(
            lambda: [argostranslate.translate.translate(text, "fr", "en") for text in texts]
        )


def measure(variant: str, articles: int, threads: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", variant, "--articles", str(articles)]
    command += ["--threads", str(threads)]
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
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not DATA.exists():
        raise SystemExit(f"needs {DATA} (the shared fr_auto_news data set)")
    if args.child:
        run_variant(args.child, args.articles, args.threads)
        return

    base_package()
    print(
        f"{args.articles} fr_auto_news articles, opus-bpe base fixture, beam 4, "
        f"length penalty 0.2, {args.threads} one-thread replicas, int8 CPU"
    )
    rows = {}
    for variant in ("ours-texts", "ours-docs", "ours", "raw", "argos", "argos-replicas"):
        rows[variant] = figures = measure(variant, args.articles, args.threads)
        print(
            f"  {variant:<11} {figures['sentences']:>4} sentences  {figures['seconds']:6.2f} s  "
            f"{figures['rate']:6.1f} sentences/s  peak RSS {figures['peak_rss_mb']:5.0f} MB"
        )
    paths = rows["ours-texts"].get("paths", {})
    print(f"  enforcement paths (ours-texts): {paths}")
    texts_rate = rows["ours-texts"]["rate"]
    print(f"ours-texts / raw:   {texts_rate / rows['raw']['rate']:.2f}x (target >= 0.8x)")
    print(f"ours-texts / argos: {texts_rate / rows['argos']['rate']:.2f}x (target >= 4x)")
    replicas_rate = rows["argos-replicas"]["rate"]
    print(f"ours-texts / argos-replicas: {texts_rate / replicas_rate:.2f}x")
    print(f"ours / raw:         {rows['ours']['rate'] / rows['raw']['rate']:.2f}x")
    docs_cost = rows["ours-docs"]["seconds"] / rows["ours-texts"]["seconds"]
    print(f"ours-docs / ours-texts time: {docs_cost:.2f}x (per-document batches; target <= 1.1x)")


if __name__ == "__main__":
    main()
