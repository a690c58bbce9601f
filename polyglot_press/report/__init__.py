"""The review report: static HTML pages for editors checking a batch's translations.

:func:`write_report` reads a ``polyglot-press batch`` output folder (``manifest.jsonl`` and each
release's brief JSON) and writes ``report/index.html`` — one row per release, problems first,
sortable — and ``report/releases/<id>.html`` per release: the briefs, the source and its
translation side by side with glossary terms, numbers, contacts and flagged sentences marked,
and the glossary compliance tables.

The pages are self-contained (inline CSS, no request to anything, no JavaScript framework),
usable on a phone, and every piece of release text is escaped by the template engine::

    from polyglot_press.report import write_report

    index = write_report(Path("out"))   # out/report/index.html
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["REPORT_DIR_NAME", "write_report"]

#: The report's folder inside the batch output folder.
REPORT_DIR_NAME = "report"
_RELEASES_DIR_NAME = "releases"


def write_report(out_dir: str | Path) -> Path:
    """Write the review pages for the batch output folder ``out_dir``; return the index's path.

    Existing report pages are replaced; pages of releases no longer in the folder are removed.
    Raises :class:`~polyglot_press.errors.InputError` when ``out_dir`` is not a folder or holds
    neither a ``manifest.jsonl`` nor brief JSON files.
    """
    from polyglot_press.report._data import load_releases
    from polyglot_press.report._index import index_rows, page_names, totals
    from polyglot_press.report._release import build_release
    from polyglot_press.report._render import render_index, render_release, write_text

    out_dir = Path(out_dir)
    releases = load_releases(out_dir)
    names = page_names([release.id for release in releases])
    views = [build_release(release, name) for release, name in zip(releases, names, strict=True)]
    report_dir = out_dir / REPORT_DIR_NAME
    pages_dir = report_dir / _RELEASES_DIR_NAME
    pages_dir.mkdir(parents=True, exist_ok=True)
    rows = index_rows(views)
    for position, row in enumerate(rows):
        context = {
            "previous": rows[position - 1].view if position else None,
            "next": rows[position + 1].view if position + 1 < len(rows) else None,
        }
        write_text(pages_dir / row.view.page, render_release(row.view, context))
    for stale in set(pages_dir.glob("*.html")) - {pages_dir / name for name in names}:
        stale.unlink(missing_ok=True)
    index = report_dir / "index.html"
    write_text(index, render_index(rows, totals(views), out_dir.name))
    return index
