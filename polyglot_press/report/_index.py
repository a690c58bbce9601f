"""The index page's view: one row per release, problems first, and the run's totals."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from polyglot_press.report._release import ReleaseView

#: Status words with a symbol, so that the status never rests on colour alone.
STATUS_LABELS = {
    "failed": "✗ failed",
    "unsupported": "? unsupported",
    "partial": "◐ partial",
    "review": "⚑ review",
    "ok": "✓ ok",
}
#: Problems first: failed, unsupported, partial, review; then any other status; then ok.
_STATUS_RANKS = {"failed": 0, "unsupported": 1, "partial": 2, "review": 3}
_OTHER_RANK = len(_STATUS_RANKS)
_UNSAFE = re.compile(r"[^\w.-]+")


@dataclass(frozen=True, slots=True)
class IndexRow:
    view: ReleaseView
    rank: int  # 0 = worst problem: the index lists releases by rank, then by source

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.view.data.status, f"? {self.view.data.status}")

    @property
    def warnings(self) -> int:
        return len(self.view.data.warnings)


@dataclass(frozen=True, slots=True)
class Totals:
    releases: int
    statuses: tuple[tuple[str, int], ...]
    warnings: int
    failed_sentences: int
    flagged_sentences: int
    terms_expected: int
    terms_found: int

    @property
    def term_use_rate(self) -> float | None:
        return self.terms_found / self.terms_expected if self.terms_expected else None


def problem_rank(view: ReleaseView) -> int:
    """How urgently a release needs an editor: failures first, clean releases last."""
    status = view.data.status
    if status in _STATUS_RANKS:
        return _STATUS_RANKS[status]
    if status != "ok":
        return _OTHER_RANK
    if view.failed_sentences:
        return _OTHER_RANK + 1
    return _OTHER_RANK + (2 if view.flagged_sentences or view.data.warnings else 3)


def _status_rank(status: str) -> int:
    if status == "ok":
        return _OTHER_RANK + 1
    return _STATUS_RANKS.get(status, _OTHER_RANK)


def index_rows(views: Sequence[ReleaseView]) -> list[IndexRow]:
    rows = [IndexRow(view, problem_rank(view)) for view in views]
    return sorted(rows, key=lambda row: (row.rank, row.view.data.source))


def totals(views: Sequence[ReleaseView]) -> Totals:
    statuses = Counter(view.data.status for view in views)
    expected = found = 0
    for view in views:
        for report in view.compliance:
            if report.scope == "document":
                expected += report.expected
                found += report.found
    return Totals(
        releases=len(views),
        statuses=tuple(sorted(statuses.items(), key=lambda item: _status_rank(item[0]))),
        warnings=sum(len(view.data.warnings) for view in views),
        failed_sentences=sum(view.failed_sentences for view in views),
        flagged_sentences=sum(view.flagged_sentences for view in views),
        terms_expected=expected,
        terms_found=found,
    )


def page_names(ids: Sequence[str]) -> list[str]:
    """A distinct, file-name-safe page name per release id (ids may hold any character)."""
    names: list[str] = []
    taken: set[str] = set()
    for doc_id in ids:
        stem = _UNSAFE.sub("-", doc_id).strip(".-")[:80] or "release"
        name, number = f"{stem}.html", 2
        while name.lower() in taken:
            name, number = f"{stem}-{number}.html", number + 1
        taken.add(name.lower())
        names.append(name)
    return names
