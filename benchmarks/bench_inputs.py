"""Reading speed of PDF and Word inputs, next to the time of the brief itself.

A French release written for the benchmark (the test release of ``tests/document_files.py``,
its body repeated ``--copies`` times with numbered sentences, so that it runs over several
pages and every sentence is translated: the engine translates each distinct sentence of a
document once) is printed to PDF by headless Chromium and written to DOCX with python-docx;
each file is then read ``--repeat`` times with :func:`polyglot_press.documents.read_document`.
Printed: pages (PDF) or page-equivalents (DOCX: the PDF's page count, same text) per second,
best pass, one process, and beside it the seconds of one ``Pipeline.process`` (translation and
briefs) on the same document with fixture packages (random weights, built in a temporary
folder: the time is the pipeline's, not a trained model's).

    PYTHONPATH=.:tests python benchmarks/bench_inputs.py [--copies 20] [--repeat 5]
"""

from __future__ import annotations

import os

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import argparse  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from document_files import FRENCH_RELEASE, markdown_to_html, print_pdf, write_docx  # noqa: E402

from polyglot_press.documents import read_document  # noqa: E402


def _best(action: object, repeat: int) -> float:
    assert callable(action)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def release_text(copies: int) -> str:
    """The test release with its body ``copies`` times, each copy's sentences numbered
    ("… en Europe (3).") so that no sentence repeats."""
    head, body = FRENCH_RELEASE.split("\n\n", 1)
    main, contacts = body.split("## Contacts")
    copies_text = [re.sub(r"(?<=\w)\.(?=\s|$)", f" ({n}).", main) for n in range(1, copies + 1)]
    return (
        head
        + "\n\n"
        + "\n\n".join(part.strip() for part in copies_text)
        + "\n\n## Contacts"
        + contacts
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    text = release_text(args.copies)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        pdf = print_pdf(markdown_to_html(text, title="Communiqué"), folder / "release.pdf")
        docx = write_docx(text, folder / "release.docx")
        pages = int(read_document(pdf).meta["pages"])
        from polyglot_press import Pipeline
        from polyglot_press.testing import build_package

        build_package(folder / "models", "opus-bpe", "fr", "en", seed=0)
        build_package(folder / "models", "argos-train", "en", "ko", seed=1)
        pipeline = Pipeline(models_dir=folder / "models")
        pipeline.process(read_document(docx))  # loads the models: not counted
        print(f"{pages} pages, {len(text.split())} words")
        print(f"{'input':6} {'read s':>8} {'pages/s':>8} {'brief s':>8}")
        for name, path in (("pdf", pdf), ("docx", docx)):
            seconds = _best(lambda path=path: read_document(path), args.repeat)
            document = read_document(path)
            brief = _best(lambda document=document: pipeline.process(document), 1)
            print(f"{name:6} {seconds:8.3f} {pages / seconds:8.1f} {brief:8.2f}")
        pipeline.close()


if __name__ == "__main__":
    main()
