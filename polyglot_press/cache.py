"""Translation memory: a SQLite cache of sentence translations.

Press releases repeat themselves (boilerplate, contact blocks, "About" sections), so a batch
translates each distinct sentence once. Entries are keyed by everything that can change the
output: the package (pair and version), the engine options, the glossary version and the
source sentence with its protected spans.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from polyglot_press.errors import PolyglotPressError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    key TEXT PRIMARY KEY,
    target TEXT NOT NULL,
    created REAL NOT NULL DEFAULT (julianday('now'))
)
"""


def memory_key(*parts: str) -> str:
    """A stable key for a translation from its ingredients."""
    digest = hashlib.sha256()
    for part in parts:
        encoded = part.encode("utf-8")
        digest.update(len(encoded).to_bytes(8, "big"))
        digest.update(encoded)
    return digest.hexdigest()


@dataclass
class MemoryStats:
    hits: int = 0
    misses: int = 0

    @property
    def hit_rate(self) -> float:
        total = self.hits + self.misses
        return self.hits / total if total else 0.0


class TranslationMemory:
    """A thread-safe SQLite translation memory (WAL mode, so readers never block writers)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._connection = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
            self._connection.execute("PRAGMA journal_mode=WAL")
            self._connection.execute("PRAGMA synchronous=NORMAL")
            self._connection.execute(_SCHEMA)
            self._connection.commit()
        except (OSError, sqlite3.Error) as error:
            raise PolyglotPressError(
                f"cannot open the translation memory at {self.path}: {error}",
                hint="set POLYGLOT_PRESS_CACHE to a writable folder, or pass --no-cache",
            ) from error
        self.stats = MemoryStats()

    def get_many(self, keys: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        with self._lock:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._connection.execute(
                    f"SELECT key, target FROM translations WHERE key IN ({marks})", chunk
                )
                found.update(rows.fetchall())
            self.stats.hits += len(found)
            self.stats.misses += len(set(keys)) - len(found)
        return found

    def put_many(self, items: Mapping[str, str] | Iterable[tuple[str, str]]) -> None:
        pairs = list(items.items() if isinstance(items, Mapping) else items)
        if not pairs:
            return
        with self._lock:
            self._connection.executemany(
                # The first translation of a sentence wins, so concurrent chunks cannot change
                # what later runs read back.
                "INSERT OR IGNORE INTO translations (key, target) VALUES (?, ?)",
                pairs,
            )
            self._connection.commit()

    def __len__(self) -> int:
        with self._lock:
            (count,) = self._connection.execute("SELECT COUNT(*) FROM translations").fetchone()
        return int(count)

    def close(self) -> None:
        with self._lock:
            self._connection.close()


def default_memory_path() -> Path:
    """``$POLYGLOT_PRESS_CACHE/memory.sqlite``, else under the XDG cache folder."""
    import os

    root = os.environ.get("POLYGLOT_PRESS_CACHE")
    if root is None:
        xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        root = str(Path(xdg) / "polyglot_press")
    return Path(root) / "memory.sqlite"
