"""Glossary matching speed and coverage on the French automotive news corpus.

Run from the checkout: ``PYTHONPATH=. python benchmarks/bench_glossary.py``.
Prints articles/s on one core (target >= 500), how many entries occur in the corpus, the most
frequent entries, and the most frequent automotive n-grams that no entry covers.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from polyglot_press.glossary import load_glossary

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "fr_auto_news"
TARGET_ARTICLES_PER_SECOND = 500

HEAD_WORDS = {
    "véhicule", "voiture", "moteur", "batterie", "usine", "modèle", "gamme", "marché", "vente",
    "constructeur", "production", "boîte", "motorisation", "version", "finition", "berline",
    "citadine", "hybride", "électrique", "recharge", "autonomie", "émission", "consommation",
    "puissance", "plateforme", "salon", "série", "transmission", "châssis", "carrosserie",
}  # fmt: skip
STOPWORDS = {
    "de", "la", "le", "les", "des", "du", "et", "à", "en", "un", "une", "sa", "son", "ses", "ce",
    "cette", "au", "aux", "pour", "par", "sur", "est", "a", "qui", "que", "l", "d", "dont", "avec",
    "dans", "sera", "plus", "ces", "leur", "leurs", "tous", "toutes", "deux", "trois", "quatre",
    "ne", "pas", "se", "il", "elle", "ou", "été", "être", "ont", "nouveau", "nouvelle", "nouveaux",
    "nouvelles", "premier", "première", "dernier", "autre", "autres", "chaque", "comme", "selon",
}  # fmt: skip
WORD = re.compile(r"\w+", re.UNICODE)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith(("s", "x")) else word


def main() -> int:
    files = sorted(CORPUS.glob("*.jsonl"))
    if not files:
        print(f"corpus not found at {CORPUS}; it lives in shared/ beside the checkout")
        return 1
    texts = []
    for file in files:
        with file.open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                texts.append(f"{record['title']}\n{record['article']}")

    started = time.perf_counter()
    glossary = load_glossary()
    glossary.match("", "fr")  # compile the French matcher
    load_seconds = time.perf_counter() - started

    started = time.perf_counter()
    all_hits = [glossary.match(text, "fr") for text in texts]
    seconds = time.perf_counter() - started
    rate = len(texts) / seconds
    characters = sum(len(text) for text in texts)

    frequency: Counter[str] = Counter()
    documents: Counter[str] = Counter()
    for hits in all_hits:
        ids = [hit.entry.id for hit in hits]
        frequency.update(ids)
        documents.update(set(ids))
    hit_total = sum(frequency.values())

    print(f"glossary: {len(glossary)} entries, version {glossary.version}, "
          f"loaded and compiled in {load_seconds * 1000:.0f} ms")  # fmt: skip
    print(f"corpus: {len(texts)} articles, {characters / 1e6:.2f} M characters")
    verdict = "OK" if rate >= TARGET_ARTICLES_PER_SECOND else "BELOW TARGET"
    print(f"matching: {seconds:.2f} s, {rate:,.0f} articles/s on one core "
          f"(target >= {TARGET_ARTICLES_PER_SECOND}: {verdict}), {hit_total:,} hits")  # fmt: skip
    print(f"entries occurring in the corpus: {len(frequency)} / {len(glossary)}")
    print("top entries (hits, articles):")
    for entry_id, count in frequency.most_common(20):
        print(f"  {count:6d} {documents[entry_id]:5d}  {entry_id}")

    uncovered: Counter[str] = Counter()
    for text, hits in zip(texts, all_hits, strict=True):
        covered = bytearray(len(text))
        for hit in hits:
            covered[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
        words = [m for m in WORD.finditer(text) if not covered[m.start()]]
        for size in (2, 3):
            for index in range(len(words) - size + 1):
                window = words[index : index + size]
                if any(window[i + 1].start() - window[i].end() > 1 for i in range(size - 1)):
                    continue
                lowered = [m.group().lower() for m in window]
                if lowered[0] in STOPWORDS or lowered[-1] in STOPWORDS or lowered[-1].isdigit():
                    continue
                if any(_singular(word) in HEAD_WORDS for word in lowered):
                    uncovered[" ".join(lowered)] += 1
    print("most frequent automotive n-grams no entry covers:")
    for ngram, count in uncovered.most_common(30):
        print(f"  {count:6d}  {ngram}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
