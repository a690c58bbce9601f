"""Progress reporting for batch runs: a bar on a terminal, silence in pipes and logs."""

from __future__ import annotations

import sys
from typing import Protocol

from polyglot_press.batch._manifest import ManifestEntry

__all__ = ["BatchProgress", "SilentProgress", "TerminalProgress", "default_progress"]


class BatchProgress(Protocol):
    def start(self, total: int) -> None: ...
    def advance(self, entry: ManifestEntry) -> None: ...
    def stop(self) -> None: ...


class SilentProgress:
    """Progress reporting for pipes and logs: nothing until the summary."""

    def start(self, total: int) -> None:
        pass

    def advance(self, entry: ManifestEntry) -> None:
        pass

    def stop(self) -> None:
        pass


class TerminalProgress:
    """A progress bar with ETA on standard error."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
        )
        self._task = self._bar.add_task("briefs", total=None)

    def start(self, total: int) -> None:
        self._bar.update(self._task, total=total)
        self._bar.start()

    def advance(self, entry: ManifestEntry) -> None:
        self._bar.update(
            self._task, advance=1, description=f"{entry.status:<7} {entry.id[:28]:<28}"
        )

    def stop(self) -> None:
        self._bar.stop()


def default_progress() -> BatchProgress:
    """A progress bar on a terminal, silence when standard error is not one."""
    return TerminalProgress() if sys.stderr.isatty() else SilentProgress()
