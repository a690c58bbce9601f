"""What a zip archive promises to unpack to, judged from its central directory alone.

Both kinds of zip the product opens, ``.argosmodel`` packages and Word files, can be zip bombs:
a few megabytes that unpack to gigabytes. zipfile never yields more than an entry's recorded
``file_size``, so checking those sizes before reading a byte bounds what reading can cost.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

# Entries smaller than this may compress as well as they like (e.g. a small JSON or XML file).
RATIO_FLOOR_BYTES = 1 << 20


@dataclass(frozen=True, slots=True)
class ZipBounds:
    """Caps on an archive's entries: count, total and per-entry unpacked bytes, and the
    compression ratio of entries over :data:`RATIO_FLOOR_BYTES`."""

    max_entries: int
    max_total_bytes: int
    max_entry_bytes: int
    max_ratio: int

    def problem(self, infos: Sequence[zipfile.ZipInfo]) -> str | None:
        """What is wrong with these entries, in words (``None`` when they are within bounds)."""
        total = sum(info.file_size for info in infos)
        if len(infos) > self.max_entries:
            return f"holds {len(infos):,} entries (at most {self.max_entries:,})"
        if total > self.max_total_bytes:
            return f"would unpack to {total:,} bytes (at most {self.max_total_bytes:,})"
        for info in infos:
            if info.file_size > self.max_entry_bytes:
                return (
                    f"entry {info.filename!r} would unpack to {info.file_size:,} bytes "
                    f"(at most {self.max_entry_bytes:,})"
                )
            packed = max(info.compress_size, 1)
            if info.file_size > RATIO_FLOOR_BYTES and info.file_size > self.max_ratio * packed:
                return (
                    f"entry {info.filename!r} would unpack {info.compress_size:,} bytes into "
                    f"{info.file_size:,} ({info.file_size // packed:,} times)"
                )
        return None
