"""The README's Python examples are programs (issue 17): each passes ``mypy --strict`` and runs
against the fixture packages, in a folder holding the files it names."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
READMES = (ROOT / "README.md", ROOT / "examples" / "README.md")
EXAMPLES = ROOT / "examples" / "releases"


def python_blocks() -> list[tuple[str, str]]:
    """(name, code) of every ```python block of the READMEs, in order."""
    found = []
    for readme in READMES:
        if not readme.exists():
            continue
        text = readme.read_text(encoding="utf-8")
        for number, code in enumerate(re.findall(r"```python\n(.*?)```", text, re.S), 1):
            found.append((f"{readme.relative_to(ROOT).as_posix()}#{number}", code))
    return found


BLOCKS = python_blocks()


def program_path(folder: Path, name: str) -> Path:
    return folder / (re.sub(r"\W+", "_", name) + ".py")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The files the examples name: releases/, releases/busan.md, our_terms.tsv."""
    folder = tmp_path_factory.mktemp("readme")
    releases = folder / "releases"
    releases.mkdir()
    shutil.copy(EXAMPLES / "alpine-dieppe-electric.md", releases / "busan.md")
    shutil.copy(EXAMPLES / "geely-export-hub.md", releases / "geely.md")
    terms = "fr\ten\tko\nzorbulateur\tzorbulator\t조르불레이터\n"
    (folder / "our_terms.tsv").write_text(terms, encoding="utf-8")
    for name, code in BLOCKS:
        program_path(folder, name).write_text(code, encoding="utf-8")
    return folder


def test_the_readme_has_examples() -> None:
    assert len(BLOCKS) >= 3


def test_every_example_passes_mypy_strict(workdir: Path) -> None:
    programs = [str(program_path(workdir, name)) for name, _ in BLOCKS]
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *programs],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.parametrize("name", [name for name, _ in BLOCKS])
def test_every_example_runs(name: str, workdir: Path, models_dir: Path) -> None:
    env = {
        **os.environ,
        "POLYGLOT_PRESS_MODELS": str(models_dir),
        "POLYGLOT_PRESS_CACHE": str(workdir / "cache"),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DASK_SCHEDULER", None)
    ran = subprocess.run(
        [sys.executable, str(program_path(workdir, name))],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert ran.stdout.strip()
