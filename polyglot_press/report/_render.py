"""Rendering the report's pages with Jinja2 and writing them next to the batch outputs.

Autoescaping is on for every template: release text is untrusted (a release may well contain
``<script>``), and escaping is what keeps it text. The Content-Security-Policy is a second
line: no network at all, and only the index's own sorting script, pinned by its hash, may run.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from polyglot_press.report._index import STATUS_LABELS, IndexRow, Totals

if TYPE_CHECKING:
    import jinja2

    from polyglot_press.report._release import ReleaseView

TEMPLATES = Path(__file__).with_name("templates")
_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'; script-src {script}"
)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates ship with the package: no stat() per page
    )
    env.filters["percent"] = _percent
    env.filters["href"] = _href
    env.globals["language_name"] = _language_name
    env.globals["status_label"] = _status_label
    return env


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.0%}"


def _href(path: str) -> str:
    """A relative link to a file name of any characters (``#`` and ``?`` included)."""
    return quote(path, safe="/")


def _status_label(status: str) -> str:
    return STATUS_LABELS.get(status, f"? {status}")


def _language_name(code: str | None) -> str:
    from polyglot_press.report._release import language_name

    return language_name(code)


@lru_cache(maxsize=1)
def _sort_script() -> tuple[str, str]:
    """The index's sorting script and its CSP source expression."""
    script = (TEMPLATES / "sort.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return script, f"'sha256-{digest}'"


def render_index(rows: Sequence[IndexRow], totals: Totals, out_name: str) -> str:
    import markupsafe

    script, source = _sort_script()
    return (
        environment()
        .get_template("index.html.j2")
        .render(
            rows=rows,
            totals=totals,
            out_name=out_name,
            script=markupsafe.Markup(script),  # our own file, never release text
            csp=_CSP.format(script=source),
        )
    )


def render_release(view: ReleaseView, context: dict[str, Any]) -> str:
    return (
        environment()
        .get_template("release.html.j2")
        .render(view=view, csp=_CSP.format(script="'none'"), **context)
    )


def write_text(path: Path, text: str) -> None:
    """Write a page in place: no temporary file and rename, no fsync — the report is rebuilt
    from the batch outputs in a second, and renames cost more than the rendering on busy disks.
    """
    path.write_text(text, encoding="utf-8")
