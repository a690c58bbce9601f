"""Argos Translate packages: finding, installing, listing and removing them.

(Skeleton: the data type below is the contract between model management and the engine.)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

PackageOrigin = Literal["argos", "models-dir", "models-dir-archive"]


@dataclass(frozen=True, slots=True)
class InstalledPackage:
    """An extracted Argos package on disk, ready to load.

    ``path`` is the package directory holding ``metadata.json``, ``model/`` and
    ``sentencepiece.model``; ``target_prefix`` comes from metadata (often empty).
    """

    source: str
    target: str
    version: str
    path: Path
    size_bytes: int
    origin: PackageOrigin
    target_prefix: str = ""

    @property
    def pair(self) -> str:
        return f"{self.source}→{self.target}"
