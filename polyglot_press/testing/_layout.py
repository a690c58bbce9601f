"""The files around the model: ``metadata.json``, ``README.md``, ``stanza/``, the marker, the zip.

``metadata.json`` holds the six keys real packages have (``package_version``, ``argos_version``,
``from_code``, ``from_name``, ``to_code``, ``to_name``), written the way each tool wrote it: the
OPUS-MT converter on one line, argos-train indented by four spaces. What tells a fixture from a
real package is a separate file, :data:`MARKER_FILE`, which no real package has.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from polyglot_press.testing._corpus import LANGUAGE_NAMES

#: Present in every package built by :mod:`polyglot_press.testing`, never in a real one.
MARKER_FILE = "polyglot-press-fixture.json"


def write_metadata(
    package_dir: Path,
    source: str,
    target: str,
    *,
    version: str,
    argos_version: str,
    indent: int | None,
    target_prefix: str = "",
) -> None:
    metadata: dict[str, Any] = {
        "package_version": version,
        "argos_version": argos_version,
        "from_code": source,
        "from_name": LANGUAGE_NAMES.get(source, source),
        "to_code": target,
        "to_name": LANGUAGE_NAMES.get(target, target),
    }
    if target_prefix:  # not in the six keys, but argostranslate reads it when present
        metadata["target_prefix"] = target_prefix
    (package_dir / "metadata.json").write_text(json.dumps(metadata, indent=indent), "utf-8")


def write_readme(package_dir: Path, source: str, target: str, *, version: str, origin: str) -> None:
    names = f"{LANGUAGE_NAMES.get(source, source)} - {LANGUAGE_NAMES.get(target, target)}"
    (package_dir / "README.md").write_text(
        f"# {names} version {version}\n\n{origin}\n", encoding="utf-8"
    )


def write_stanza_dir(package_dir: Path, lang: str) -> None:
    """``stanza/`` as packaged for sentence splitting, without the ~1 MB tokenizer weights.

    argostranslate loads it at start-up; tests that run argostranslate replace its sentence
    splitter, so only the layout matters here.
    """
    tokenize = package_dir / "stanza" / lang / "tokenize"
    tokenize.mkdir(parents=True)
    resources = {lang: {"default_processors": {"tokenize": "combined"}, "lang_name": lang}}
    (package_dir / "stanza" / "resources.json").write_text(json.dumps(resources), "utf-8")


def write_marker(package_dir: Path, details: dict[str, Any]) -> None:
    marker = {"weights": "random", "builder": "polyglot_press.testing", **details}
    (package_dir / MARKER_FILE).write_text(json.dumps(marker, indent=2) + "\n", "utf-8")


def read_fixture_marker(package_dir: Path) -> dict[str, Any] | None:
    """The marker of a package built by :mod:`polyglot_press.testing`, or ``None``."""
    try:
        data = json.loads((Path(package_dir) / MARKER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def is_fixture_package(package_dir: Path) -> bool:
    """Whether ``package_dir`` was built by :mod:`polyglot_press.testing` (random weights)."""
    return (Path(package_dir) / MARKER_FILE).is_file()


def write_argosmodel(package_dir: Path, destination: Path | None = None) -> Path:
    """Zip ``package_dir`` as an ``.argosmodel``, its folder at the archive root.

    ``destination`` defaults to ``<package_dir>.argosmodel`` beside it. Entries are stored
    uncompressed, as the OPUS-MT converter writes them.
    """
    package_dir = Path(package_dir)
    archive_path = destination or package_dir.with_name(package_dir.name + ".argosmodel")
    with zipfile.ZipFile(archive_path, "w", compression=zipfile.ZIP_STORED) as archive:
        for path in sorted(package_dir.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(package_dir.parent).as_posix())
    return archive_path
