"""Translation memory: a SQLite cache of sentence translations.

Press releases repeat themselves (boilerplate, contact blocks, "About" sections), so a batch
translates each distinct sentence once. Entries are keyed by everything that can change the
output: the package (pair and version), the engine options, the glossary version and the
source sentence with its protected spans.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from polyglot_press.errors import PolyglotPressError
from polyglot_press.text import Span
from polyglot_press.translate._options import EngineOptions
from polyglot_press.translate._results import SentenceTranslation, SourceSentence

if TYPE_CHECKING:
    from polyglot_press.packages import InstalledPackage

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


@dataclass(slots=True)
class MemoryStats:
    """Hits and misses of one :class:`TranslationMemory` since it was opened."""

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
    """``memory.sqlite`` in polyglot_press's cache folder (see :mod:`polyglot_press._env`)."""
    from polyglot_press._env import memory_path

    return memory_path()


def cached_translate(
    memory: TranslationMemory,
    sentences: Sequence[SourceSentence],
    route: Sequence[InstalledPackage],
    options: EngineOptions,
    translate: Callable[
        [list[SourceSentence], Sequence[InstalledPackage]], list[SentenceTranslation]
    ],
) -> list[SentenceTranslation]:
    """``translate`` the sentences ``memory`` does not hold, and remember them.

    Results read back carry ``enforcement="memory"``. Failures are remembered too: with the
    same package and options they would recur.
    """
    # The spans carry the glossary's target terms, so a glossary change changes the key.
    context = [f"{p.source}-{p.target}-{p.version}-{p.path}" for p in route]
    context.append(repr(options.output_relevant()))
    keys = [memory_key(*context, s.text, repr(s.spans)) for s in sentences]
    remembered = memory.get_many(keys)
    missing = [i for i, key in enumerate(keys) if key not in remembered]
    translated = translate([sentences[i] for i in missing], route)
    fresh = dict(zip(missing, translated, strict=True))
    memory.put_many((keys[i], _to_memory(result)) for i, result in fresh.items())
    return [fresh[i] if i in fresh else _from_memory(remembered[key]) for i, key in enumerate(keys)]


def _to_memory(result: SentenceTranslation) -> str:
    return json.dumps(
        {
            "source": result.source,
            "text": result.text,
            "spans": [dataclasses.astuple(span) for span in result.spans],
            "score": result.score,
            "warning": result.warning,
            "error": result.error,
            "missing": list(result.missing),
            "enforcement": result.enforcement,
            "missing_kinds": list(result.missing_kinds),
        },
        ensure_ascii=False,
    )


def _from_memory(value: str) -> SentenceTranslation:
    data = json.loads(value)
    return SentenceTranslation(
        source=data["source"],
        text=data["text"],
        # The path the sentence took when it was translated (older entries did not say).
        enforcement="failed" if data["error"] is not None else data.get("enforcement", "memory"),
        spans=tuple(Span(*fields) for fields in data["spans"]),
        score=data["score"],
        warning=data["warning"],
        error=data["error"],
        missing=tuple(data.get("missing", ())),
        from_memory=True,
        missing_kinds=tuple(data.get("missing_kinds", ())),
    )
