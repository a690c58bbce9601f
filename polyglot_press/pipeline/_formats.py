"""The output formats of results: Markdown and plain text for people, JSON text for tools.

Results call into this module to render themselves (:meth:`Result.to_markdown`,
:meth:`Translation.render`); it imports the result types for annotations only, so there is no
import cycle.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from polyglot_press._languages import GLOSSARY_LANGUAGES, display_name
from polyglot_press.documents import BlockKind

if TYPE_CHECKING:
    from polyglot_press.pipeline._results import OutputFormat, Result, Translation

__all__ = ["brief_markdown", "render_translation", "to_json"]

_TERMS_SHOWN = 12


def to_json(data: Mapping[str, Any] | list[Any]) -> str:
    """Pretty JSON that keeps non-ASCII text readable, with a final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _terms_line(result: Result) -> str | None:
    if not result.terms:
        return None
    source = result.language if result.language in GLOSSARY_LANGUAGES else "fr"
    shown_langs = [lang for lang in result.briefs if lang != source]
    shown = []
    for term in result.terms[:_TERMS_SHOWN]:
        forms = {"fr": term.fr, "en": term.en, "ko": term.ko}
        targets = " / ".join(forms[lang] for lang in shown_langs if lang in forms) or term.en
        count = "" if term.used else f" ({term.found}/{term.expected} used)"
        shown.append(f"{forms[source]} → {targets}{count}")
    hidden = len(result.terms) - _TERMS_SHOWN
    more = f" (+{hidden} more)" if hidden > 0 else ""
    return "**Glossary:** " + "; ".join(shown) + more


def brief_markdown(result: Result) -> str:
    """A brief an editor can paste into a newsroom chat."""
    lines: list[str] = [f"### {result.headline or result.source}"]
    facts = [f"`{result.source}`"]
    if result.dateline:
        facts.insert(0, f"*{result.dateline.strip(' -–—')}*")
    if result.route:
        facts.append(result.route)
    if result.term_use_rate is not None:
        facts.append(f"glossary terms used: {result.term_use_rate:.0%}")
    lines.append(" · ".join(facts))
    if result.error:
        lines += ["", f"**Error:** {result.error}"]
        if result.hint:
            lines.append(f"**What to do:** {result.hint}")
    for lang, sentences in result.briefs.items():
        lines += ["", f"**{display_name(lang, native=True)}**"]
        lines += [f"- {sentence}" for sentence in sentences] or ["- (no brief)"]
    terms = _terms_line(result)
    if terms:
        lines += ["", terms]
    if result.warnings:
        lines += ["", *[f"> ⚠ {warning}" for warning in result.warnings]]
    return "\n".join(lines) + "\n"


def render_translation(translation: Translation, fmt: OutputFormat) -> str:
    """The translated document in its source markup (md), as plain text, or as JSON."""
    from polyglot_press.documents import plain_text, render_document

    if fmt == "json":
        return to_json(translation.to_dict())
    if fmt == "txt":
        document = translation.document
        return (
            "\n\n".join(
                plain_text(block.text, document.format)
                for block in document.blocks
                if block.kind not in (BlockKind.RAW, BlockKind.PAGE_TITLE) and block.text.strip()
            )
            + "\n"
        )
    return render_document(translation.document)
