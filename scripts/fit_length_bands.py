"""Fit the omission/addition length bands of ``polyglot_press/checks/_lengths.py``.

On the calibration half of NTREX-128 (documents whose id hashes even, see
``polyglot_press.checks.calibration_half``), for each language pair and source-length bin, the
band is the range of log(target characters / source characters) that human translations
show, widened by a margin. Prints the Python literal to paste into ``_lengths.py``, and how many
human translations of each half fall outside it::

    .venv/bin/python scripts/fit_length_bands.py [../shared/data/ntrex_news/ntrex128_en_fr_ko.tsv]
"""

from __future__ import annotations

import collections
import csv
import sys
from pathlib import Path

from polyglot_press.checks import calibration_half, length_ratio
from polyglot_press.checks._lengths import BINS

MARGIN = 0.12
TAIL = 0.004
SMALL_BIN = 150
PAIRS = [("fr", "en"), ("en", "fr"), ("en", "ko"), ("ko", "en"), ("fr", "ko"), ("ko", "fr")]
DEFAULT = Path(__file__).resolve().parents[2] / "shared/data/ntrex_news/ntrex128_en_fr_ko.tsv"


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    bands: dict[str, list[tuple[int, float, float]]] = {}
    for source, target in PAIRS:
        by_bin: dict[int, list[float]] = collections.defaultdict(list)
        for row in rows:
            if calibration_half(row["doc_id"]):
                ratio = length_ratio(row[source], row[target])
                if ratio is not None:
                    by_bin[_bin(row[source])].append(ratio)
        pair = []
        for floor in BINS:
            values = sorted(by_bin.get(floor) or by_bin[max(k for k in by_bin if k < floor)])
            pair.append((floor, *_band(values)))
        bands[f"{source}-{target}"] = pair
    print("LENGTH_BANDS: dict[str, tuple[tuple[int, float, float], ...]] = {")
    for key, pair in bands.items():
        print(f'    "{key}": {tuple(pair)},')
    print("}")


def _band(values: list[float]) -> tuple[float, float]:
    """The extremes for a small bin; past a few hundred sentences, the 0.4% tails (one
    sentence in 250 is a loose translation, and flagging it is right)."""
    if len(values) < SMALL_BIN:
        return round(values[0] - MARGIN, 2), round(values[-1] + MARGIN, 2)
    cut = int(len(values) * TAIL)
    return round(values[cut] - MARGIN / 2, 2), round(values[-1 - cut] + MARGIN / 2, 2)


def _bin(text: str) -> int:
    size = len("".join(text.split()))
    return max(floor for floor in BINS if size >= floor)


if __name__ == "__main__":
    main()
