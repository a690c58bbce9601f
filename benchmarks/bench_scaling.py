"""How time and memory grow with the input: every command should be linear (or n log n).

Runs ``detect``, ``summarize``, ``translate`` and ``brief`` on generated French releases of
several shapes, doubling the size from ``--min-size`` to ``--max-size``, each run in a fresh
subprocess so that its peak RSS is its own. Prints seconds and peak RSS per size and the time
ratio per doubling; the targets are at most 2.3x per doubling and a peak RSS under 1.5 GB at
5 MB. Translation uses a tiny fixture package (``polyglot_press.testing.build_package``, random
weights: the figures measure our code around the model, not the model).

Shapes: ``paragraph`` (one paragraph), ``paragraphs`` (three sentences a paragraph),
``table`` (a Markdown table), ``deep-html`` (HTML nested one level per sentence),
``tiny`` (many three-word sentences, one paragraph a line), ``tags`` (one sentence of
unclosed Markdown emphasis, a ``**`` before every word).

    PYTHONPATH=. python benchmarks/bench_scaling.py [--max-size 640K] [--commands detect,...]
        [--shapes paragraph,...] [--min-size 10K] [--timeout 300] [--no-limits]

The default run (10 KB to 320 KB) takes a few minutes on two cores; ``--max-size 5M`` is the
full check. The commands run with their default per-document limits (``--max-sentences``
10,000, ``--timeout`` 600 s), so the largest inputs of some shapes are refused with a message
(the exit code is 1 and the message is printed): that is the check that a 5 MB input is
processed or refused within two minutes. ``--no-limits`` lifts them, to measure how the work
itself grows.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

COMMANDS = ("detect", "summarize", "translate", "brief")
SHAPES = ("paragraph", "paragraphs", "table", "deep-html", "tiny", "tags")
TIME_RATIO = 2.3
RSS_LIMIT = 1.5e9
#: Seconds within which any input up to 5 MB is processed or refused (with the default limits).
SECONDS_LIMIT = 120.0

_SENTENCES = (
    "Le constructeur a présenté lundi à Lyon sa nouvelle berline électrique, qui sera "
    "produite dans l'usine de Sochaux à partir de 2026.",
    "La batterie de 82 kWh offre une autonomie de 600 km selon le cycle WLTP.",
    "Le prix de base est fixé à 45 900 euros, bonus écologique non compris.",
    "« Nous voulons doubler nos ventes en Europe », a déclaré la directrice générale.",
    "Les commandes ouvriront le 3 mars sur le site www.example.com et chez les concessionnaires.",
    "Le groupe emploie 12 000 personnes en France et vend ses voitures dans 40 pays.",
    "Contact presse : jean.dupont@example.com, +33 1 23 45 67 89.",
)
_TINY = ("Oui merci.", "Prix en hausse.", "Le moteur tourne.", "Fin du test.")


def _sentences() -> Iterator[str]:
    index = 0
    while True:
        yield _SENTENCES[index % len(_SENTENCES)]
        index += 1


def make_input(shape: str, size: int) -> tuple[str, str]:
    """A French release of about ``size`` bytes in ``shape``, and its file suffix."""
    parts: list[str] = ["# Un nouveau modèle électrique\n\n"]
    total = len(parts[0].encode())
    sentences = _sentences()
    suffix = ".md"
    if shape == "deep-html":
        parts = ["<html><head><title>Un nouveau modèle</title></head><body>"]
        closing: list[str] = []
        suffix = ".html"
    index = 0
    while True:
        if shape == "paragraph":
            piece = next(sentences) + " "
        elif shape == "paragraphs":
            piece = " ".join(next(sentences) for _ in range(3)) + "\n\n"
        elif shape == "table":
            if index == 0:
                piece = "| Modèle | Description | Prix |\n|---|---|---|\n"
            else:
                piece = f"| Modèle {index} | {next(sentences)} | {index * 100} € |\n"
        elif shape == "deep-html":
            piece = f"<div><p>{next(sentences)}</p>"
            closing.append("</div>")
        elif shape == "tiny":
            piece = _TINY[index % len(_TINY)] + "\n\n"
        elif shape == "tags":  # one sentence of unclosed emphasis: a tag every word
            piece = "".join(f"**{word.strip('.,')} " for word in next(sentences).split())
        else:
            raise SystemExit(f"unknown shape {shape!r}; shapes: {', '.join(SHAPES)}")
        # Stay under ``size``: 5M must fit the default --max-bytes of 5,000,000.
        grown = total + len(piece.encode()) + (len("</div>") if shape == "deep-html" else 0)
        if grown > size - 100 and index > 2:
            break
        parts.append(piece)
        total = grown
        index += 1
    if shape == "deep-html":
        parts.extend(closing)
        parts.append("</body></html>\n")
    return "".join(parts), suffix


# -- one measurement, in a subprocess -----------------------------------------------------------


def _cli(args: list[str]) -> tuple[int, str]:
    """Run one command in this process: its exit code and the last line it wrote to stderr."""
    from polyglot_press.cli import app

    errors = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(errors):
        try:
            # Without standalone mode, click returns the exit code of typer.Exit instead of
            # raising SystemExit.
            returned = app(args, standalone_mode=False)
            code = returned if isinstance(returned, int) else 0
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        except Exception as error:  # a crash is a result here
            return 99, f"{type(error).__name__}: {error}"
    lines = [line for line in errors.getvalue().splitlines() if line.startswith("error:")]
    return code, lines[-1] if lines else ""


def _command_args(command: str, path: Path, models: Path) -> list[str]:
    if command == "detect":
        return ["detect", str(path), "--blocks", "--json"]
    if command == "summarize":
        return ["summarize", str(path), "--json"]
    if command == "translate":
        return ["translate", str(path), "--models", str(models), "--format", "json"]
    return ["brief", str(path), "--models", str(models), "--format", "json"]


def worker(command: str, shape: str, size: int, models: Path) -> None:
    """Run one command on one input in this process; print seconds, exit code and peak RSS."""
    import resource

    with tempfile.TemporaryDirectory() as scratch:
        # Warm up on a small input: imports, model loading and caches are not what we measure.
        text, suffix = make_input(shape, 2_000)
        warm = Path(scratch) / f"warm{suffix}"
        warm.write_text(text, encoding="utf-8")
        _cli(_command_args(command, warm, models))  # its result does not count
        text, suffix = make_input(shape, size)
        path = Path(scratch) / f"input{suffix}"
        path.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        code, error = _cli(_command_args(command, path, models))
        seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"seconds": seconds, "code": code, "rss": peak, "error": error}))


#: The environment of the runs without the per-document limits (``--no-limits``).
NO_LIMITS = {"POLYGLOT_PRESS_MAX_SENTENCES": "0", "POLYGLOT_PRESS_TIMEOUT": "0"}


def measure(
    command: str, shape: str, size: int, models: Path, timeout: float, *, limits: bool = True
) -> dict[str, Any] | None:
    """One fresh subprocess; ``None`` when it ran past ``timeout`` or crashed."""
    arguments = [sys.executable, __file__, "--worker", command, shape, str(size), str(models)]
    environment = dict(os.environ) if limits else {**os.environ, **NO_LIMITS}
    try:
        done = subprocess.run(
            arguments,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            env=environment,
        )
    except subprocess.TimeoutExpired:
        return None
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = (done.stderr or "").strip().splitlines()[-1:] or ["no output"]
        print(f"    {command} {shape} {size}: crashed ({done.returncode}): {tail[0]}")
        return None
    result: dict[str, Any] = json.loads(lines[-1])
    return result


# -- the table ----------------------------------------------------------------------------------


def parse_size(text: str) -> int:
    units = {"K": 1_000, "M": 1_000_000}
    text = text.strip().upper().rstrip("B")
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def sizes(minimum: int, maximum: int) -> list[int]:
    result = [minimum]
    while result[-1] * 2 <= maximum * 1.01:
        result.append(result[-1] * 2)
    if result[-1] < maximum * 0.99:
        result.append(maximum)
    return result


def _human(size: float) -> str:
    for unit, scale in (("MB", 1e6), ("KB", 1e3)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size:.0f} B"


def run(
    commands: list[str],
    shapes: list[str],
    steps: list[int],
    models: Path,
    timeout: float,
    report: Callable[[str], None] = print,
    *,
    limits: bool = True,
) -> bool:
    """Print one table per command and shape; whether every target was met.

    A doubling is over the target when its ratio is over :data:`TIME_RATIO` and so is the
    ratio averaged over the last two doublings (a shared machine makes single ratios wobble).
    """
    ok = True
    for command in commands:
        for shape in shapes:
            report(f"\n{command} / {shape}")
            report(f"  {'size':>8}  {'seconds':>8}  {'ratio':>6}  {'peak RSS':>9}  exit")
            previous: float | None = None
            history: list[float] = []
            for size in steps:
                result = measure(command, shape, size, models, timeout, limits=limits)
                if result is None:
                    report(f"  {_human(size):>8}  {'> ' + str(int(timeout)):>8}  (stopped)")
                    ok = False
                    break
                seconds, rss = result["seconds"], result["rss"]
                ratio = seconds / previous if previous else None
                history.append(max(seconds, 1e-3))
                smoothed = (history[-1] / history[-3]) ** 0.5 if len(history) >= 3 else ratio
                # Ratios on runs shorter than a tenth of a second are noise, not growth.
                slow = (
                    ratio is not None
                    and smoothed is not None
                    and min(ratio, smoothed) > TIME_RATIO
                    and seconds > 0.1
                )
                heavy = rss > RSS_LIMIT or (limits and seconds > SECONDS_LIMIT)
                ok = ok and not slow and not heavy
                ratio_text = f"{ratio:.2f}x" if ratio is not None else "-"
                flag = " !" if slow or heavy else ""
                error = f"  {result['error']}" if result.get("error") else ""
                report(
                    f"  {_human(size):>8}  {seconds:8.2f}  {ratio_text:>6}  "
                    f"{rss / 1e6:7.0f} MB  {int(result['code'])}{flag}{error[:100]}"
                )
                previous = max(seconds, 1e-3)
    return ok


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        command, shape, size, models = sys.argv[2:6]
        worker(command, shape, int(size), Path(models))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-size", default="10K")
    parser.add_argument("--max-size", default="320K", help="e.g. 5M for the full check")
    parser.add_argument("--commands", default=",".join(COMMANDS))
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per run")
    parser.add_argument("--models", type=Path, help="a models folder (default: build one)")
    parser.add_argument(
        "--no-limits",
        action="store_true",
        help="lift the per-document sentence and time limits (measure the work itself)",
    )
    args = parser.parse_args()
    steps = sizes(parse_size(args.min_size), parse_size(args.max_size))
    with tempfile.TemporaryDirectory() as scratch:
        models_dir: Path | None = args.models
        if models_dir is None:
            from polyglot_press.testing import build_package

            models_dir = Path(scratch) / "models"
            build_package(models_dir, "opus-bpe", "fr", "en", seed=0)
            build_package(models_dir, "argos-train", "en", "ko", seed=1)
        ok = run(
            args.commands.split(","),
            args.shapes.split(","),
            steps,
            models_dir,
            args.timeout,
            limits=not args.no_limits,
        )
    print("\nall targets met" if ok else "\nsome targets missed (marked !)")
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
