"""Sentence segmentation: speed on news articles and accuracy on FLORES-200 sentences.

Speed: milliseconds per article for ``split_sentences`` on BBC (en) and fr_auto_news (fr)
articles, against pysbd (the obvious library, and what the shared baselines used).
Accuracy: consecutive FLORES-200 devtest sentences (each one exactly one sentence) are joined
five at a time; a splitter should give back the original sentences. Prints the share of
passages split exactly right and boundary precision/recall, for ours, pysbd and, for Korean,
kiwipiepy.

    PYTHONPATH=. python benchmarks/bench_segment.py [--articles 300]
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path

from polyglot_press.text import split_sentences

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
Splitter = Callable[[str], list[str]]


def articles(name: str, limit: int) -> list[str]:
    path = next((SHARED / name).glob("*.jsonl"))
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line)["article"] for line in islice(handle, limit)]


def flores_passages(code: str, size: int = 5) -> list[list[str]]:
    path = next((SHARED / "flores200_lid").glob("*.tsv"))
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        sentences = [row["text"].strip() for row in rows if row["lang"] == code]
    return [sentences[i : i + size] for i in range(0, len(sentences) - size + 1, size)]


def per_article_ms(split: Splitter, texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        split(text)
    return (time.perf_counter() - start) * 1000 / len(texts)


def boundaries(sentences: list[str]) -> set[int]:
    """Offsets of sentence ends in the space-joined passage, whitespace ignored."""
    ends, total = set(), 0
    for sentence in sentences[:-1]:
        total += len("".join(sentence.split()))
        ends.add(total)
    return ends


def accuracy(split: Splitter, passages: list[list[str]]) -> tuple[float, float, float]:
    exact = found = predicted = gold = 0
    for passage in passages:
        got = [s for s in split(" ".join(passage)) if s.strip()]
        want_ends, got_ends = boundaries(passage), boundaries(got)
        exact += want_ends == got_ends
        found += len(want_ends & got_ends)
        predicted += len(got_ends)
        gold += len(want_ends)
    return exact / len(passages), found / max(predicted, 1), found / max(gold, 1)


def our_splitter(lang: str) -> Splitter:
    def split(text: str) -> list[str]:
        return split_sentences(text, lang)

    return split


def pysbd_splitter(lang: str) -> Splitter:
    import pysbd

    segmenter = pysbd.Segmenter(language=lang, clean=False)
    return lambda text: [str(s) for s in segmenter.segment(text)]


def kiwi_splitter() -> Splitter:
    from kiwipiepy import Kiwi

    kiwi = Kiwi()
    return lambda text: [s.text for s in kiwi.split_into_sents(text)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    if not SHARED.exists():
        raise SystemExit(f"no shared data at {SHARED}")
    print("speed (ms per article; lower is better)")
    for lang, name in (("en", "bbc_news_summary"), ("fr", "fr_auto_news")):
        texts = articles(name, args.articles)
        words = sum(len(t.split()) for t in texts) / len(texts)
        ours = per_article_ms(our_splitter(lang), texts)
        theirs = per_article_ms(pysbd_splitter(lang), texts[:30])
        print(
            f"  {lang} {name}: {len(texts)} articles, {words:.0f} words avg | "
            f"polyglot_press {ours:.3f} ms ({1000 / ours:,.0f} articles/s) | "
            f"pysbd {theirs:.1f} ms ({1000 / theirs:,.0f} articles/s) | x{theirs / ours:.0f}"
        )
    print("accuracy on FLORES-200 passages of 5 sentences (exact passages, precision, recall)")
    for lang, code in (("en", "eng_Latn"), ("fr", "fra_Latn"), ("ko", "kor_Hang")):
        passages = flores_passages(code)
        contenders: list[tuple[str, Splitter]] = [("polyglot_press", our_splitter(lang))]
        contenders.append(
            ("kiwipiepy", kiwi_splitter()) if lang == "ko" else ("pysbd", pysbd_splitter(lang))
        )
        for name, split in contenders:
            exact, precision, recall = accuracy(split, passages)
            print(
                f"  {lang} {name:<15} exact {exact:6.1%}  precision {precision:6.1%}"
                f"  recall {recall:6.1%}  ({len(passages)} passages)"
            )


if __name__ == "__main__":
    main()
