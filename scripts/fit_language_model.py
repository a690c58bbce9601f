"""Fit the weights of the English/French logistic model in ``polyglot_press/language/_latin.py``.

The model is fitted on the *tune* half of the Tatoeba development set only
(``../shared/data/tatoeba_lid/tatoeba_lid_sentences.tsv``); the *check* half and FLORES-200
are left for ``benchmarks/bench_routing.py``. The halves are fixed by a hash of each
sentence's text (:func:`tatoeba_half`), so they do not depend on row order and a sentence
that appears twice lands in one half.

Each language gets its own one-against-the-rest logistic regression over the features of
``LatinEvidence.features`` (Latin-script sentences only: Hangul and other scripts never reach
the model), fitted by Newton's method with a small L2 penalty (none on the bias). With
``--write`` the fitted weights replace the ``_WEIGHTS`` table in ``_latin.py``; without it they
are printed.

    PYTHONPATH=. python scripts/fit_language_model.py [--write] [--penalty 0.3]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import zlib
from collections import Counter
from pathlib import Path

import numpy as np
import numpy.typing as npt

from polyglot_press.language import _latin
from polyglot_press.language._latin import LATIN_CANDIDATES, latin_evidence, word_forms
from polyglot_press.language._scripts import script_counts
from polyglot_press.language._stopwords import ENGLISH_FUNCTION_WORDS, FRENCH_FUNCTION_WORDS

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TATOEBA = SHARED / "data" / "tatoeba_lid" / "tatoeba_lid_sentences.tsv"
LATIN_MODULE = ROOT / "polyglot_press" / "language" / "_latin.py"
FOREIGN_MODULE = ROOT / "polyglot_press" / "language" / "_foreign.py"
VOCABULARY_FILE = ROOT / "polyglot_press" / "data" / "news_words.tsv"
#: English and French text whose words are never "foreign": news in both languages.
NEWS: dict[str, list[tuple[Path, tuple[str, ...]]]] = {
    "en": [
        (SHARED / "data" / "bbc_news_summary" / "bbc_news_summary.jsonl", ("title", "article")),
        (SHARED / "data" / "cnndm_sample" / "cnndm_train_sample.jsonl", ("article",)),
    ],
    "fr": [
        (SHARED / "data" / "fr_auto_news" / "orangesum_auto_articles.jsonl", ("title", "article")),
    ],
}
#: A word is foreign when at least this many tune sentences of other languages have it.
MIN_FOREIGN_SENTENCES = 3
#: A word is English or French when the news texts write it in lower case this often.
MIN_NEWS_USES = 3
#: A word is in a language's news vocabulary when its news texts write it in lower case this
#: often (chosen by two-fold cross-validation inside the tune half among 3, 5, 8, 20 and 50).
MIN_VOCABULARY_USES = 5


def tatoeba_half(text: str) -> str:
    """``"tune"`` or ``"check"``: the half of the Tatoeba set a sentence belongs to."""
    return "tune" if zlib.crc32(text.encode("utf-8")) % 2 == 0 else "check"


def read_tatoeba(half: str) -> list[tuple[str, str]]:
    """The (language, text) rows of one half of the Tatoeba set."""
    with TATOEBA.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(r["lang"], r["text"]) for r in rows if tatoeba_half(r["text"]) == half]


def reaches_model(text: str) -> bool:
    """Whether detection hands ``text`` to the Latin-script model (as ``_detect`` does)."""
    scripts = script_counts(text)
    letters = sum(scripts.values())
    if not letters or scripts["HANGUL"] >= 0.3 * letters:
        return False
    return scripts.most_common(1)[0][0] == "LATIN"


def news_uses(lang: str) -> Counter[str]:
    """How often the ``lang`` news texts write each word form in lower case (capitalised forms
    are mostly names: "Los Angeles")."""
    uses: Counter[str] = Counter()
    for path, fields in NEWS[lang]:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                record: dict[str, object] = json.loads(line)
                for field in fields:
                    text = str(record.get(field, ""))
                    uses.update(w for w in word_forms(text, lower=False) if w.islower())
    return uses


def news_words() -> set[str]:
    """The word forms written in lower case at least :data:`MIN_NEWS_USES` times in the English
    and French news texts together."""
    uses = news_uses("en") + news_uses("fr")
    return {word for word, count in uses.items() if count >= MIN_NEWS_USES}


def news_vocabulary(lang: str) -> list[str]:
    """The ``lang`` news vocabulary: forms written in lower case at least
    :data:`MIN_VOCABULARY_USES` times in that language's news texts."""
    return sorted(w for w, n in news_uses(lang).items() if n >= MIN_VOCABULARY_USES)


def foreign_words(rows: list[tuple[str, str]]) -> list[str]:
    """Words that Latin-script sentences of other languages keep using and that English and
    French text does not: written in lower case in at least :data:`MIN_FOREIGN_SENTENCES`
    tune sentences of other languages, in no English or French tune sentence, not common in
    the English and French news texts (:func:`news_words`), in no function-word list."""
    other: Counter[str] = Counter()
    excluded = set(ENGLISH_FUNCTION_WORDS | FRENCH_FUNCTION_WORDS) | news_words()
    for lang, text in rows:
        forms = word_forms(text)
        if lang in LATIN_CANDIDATES:
            excluded.update(forms)
        else:  # words written in lower case: capitalised ones are often names ("Tom'u")
            other.update({w for w in word_forms(text, lower=False) if w.islower()})
    return sorted(w for w, n in other.items() if n >= MIN_FOREIGN_SENTENCES and w not in excluded)


FOREIGN_HEADER = '''"""Words of other Latin-script languages that English and French do not use.

Generated by ``scripts/fit_language_model.py`` (do not edit): the word forms found in at least
{min_sentences} sentences of other languages in the tune half of the Tatoeba development set
(Tatoeba, CC-BY 2.0 FR, https://tatoeba.org) and in no English or French sentence of that half,
no English or French news text of the development data and no function-word list of
:mod:`._stopwords`. Their share of a text's words is evidence against English and French
(``wat``, ``ik``, ``ass``, ``los``). Words only, no sentences.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


FOREIGN_WORDS = _words(
    """
'''


def word_lines(words: list[str]) -> str:
    """``words`` as lines of at most 96 characters, indented by four spaces."""
    lines, line = [], ""
    for word in words:
        if len(line) + len(word) + 1 > 92:
            lines.append("    " + line)
            line = ""
        line = f"{line} {word}" if line else word
    if line:
        lines.append("    " + line)
    return "\n".join(lines)


def foreign_module(words: list[str]) -> str:
    header = FOREIGN_HEADER.format(min_sentences=MIN_FOREIGN_SENTENCES)
    return f'{header}{word_lines(words)}\n    """\n)\n'


def vocabulary_table(vocabularies: dict[str, list[str]]) -> str:
    """The news vocabularies as the TSV that :mod:`polyglot_press.language._vocabulary` reads."""
    rows = [f"{lang}\t{word}" for lang, words in vocabularies.items() for word in words]
    return "lang\tword\n" + "\n".join(rows) + "\n"


def fit(
    x: npt.NDArray[np.float64], y: npt.NDArray[np.float64], penalty: float
) -> npt.NDArray[np.float64]:
    """L2-penalised logistic regression by Newton's method (column 0 is the bias)."""
    weights = np.zeros(x.shape[1])
    ridge = np.full(x.shape[1], penalty)
    ridge[0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ weights)))
        gradient = x.T @ (p - y) + ridge * weights
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(ridge) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if np.abs(step).max() < 1e-8:
            break
    return weights


def weights_block(weights: dict[str, list[float]]) -> str:
    lines = ["_WEIGHTS = {"]
    for lang, values in weights.items():
        lines.append(f'    "{lang}": ({", ".join(f"{v:.2f}" for v in values)}),')
    lines.append("}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update _latin.py in place")
    parser.add_argument("--penalty", type=float, default=0.3, help="L2 penalty (not on bias)")
    args = parser.parse_args()
    rows = [(lang, text) for lang, text in read_tatoeba("tune") if reaches_model(text)]
    words = foreign_words(rows)
    print(f"{len(words)} foreign words")
    if args.write:
        FOREIGN_MODULE.write_text(foreign_module(words), "utf-8")
        print(f"written to {FOREIGN_MODULE.relative_to(ROOT)}")
    vocabularies = {lang: news_vocabulary(lang) for lang in LATIN_CANDIDATES}
    print(", ".join(f"{len(v)} {lang} news words" for lang, v in vocabularies.items()))
    if args.write:
        VOCABULARY_FILE.write_text(vocabulary_table(vocabularies), "utf-8")
        print(f"written to {VOCABULARY_FILE.relative_to(ROOT)}")
    # The features below must see these words, written or not.
    _latin.__dict__["FOREIGN_WORDS"] = frozenset(words)
    news = {lang: frozenset(v) for lang, v in vocabularies.items()}
    _latin.__dict__["news_words"] = news.__getitem__
    evidence = [latin_evidence(text) for _, text in rows]
    fitted: dict[str, list[float]] = {}
    for lang in LATIN_CANDIDATES:
        x = np.array([each.features(lang) for each in evidence], dtype=np.float64)
        y = np.array([float(code == lang) for code, _ in rows])
        fitted[lang] = [float(v) for v in fit(x, y, args.penalty)]
    block = weights_block(fitted)
    print(f"{len(rows)} Latin-script sentences of the tune half")
    print(block)
    if args.write:
        source = LATIN_MODULE.read_text("utf-8")
        updated, count = re.subn(r"_WEIGHTS = \{\n.*?\n\}", lambda _: block, source, flags=re.S)
        if count != 1:
            raise SystemExit(f"no _WEIGHTS table found in {LATIN_MODULE}")
        LATIN_MODULE.write_text(updated, "utf-8")
        print(f"written to {LATIN_MODULE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
