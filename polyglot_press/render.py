"""Rendering results for people (Markdown, text) and for tools (JSON-ready dicts)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from polyglot_press.documents import BlockKind

if TYPE_CHECKING:
    from polyglot_press.glossary import ComplianceReport
    from polyglot_press.pipeline import Result, Translation

OutputFormat = Literal["md", "json", "txt"]
LANG_LABELS = {"en": "English", "ko": "한국어 (Korean)", "fr": "French"}


def to_json(data: Mapping[str, Any] | list[Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _report_dict(report: ComplianceReport | None) -> dict[str, Any] | None:
    return None if report is None else report.to_dict()


def result_to_dict(result: Result) -> dict[str, Any]:
    """A JSON-ready view of a :class:`~polyglot_press.pipeline.Result`."""
    return {
        "source": result.source,
        "status": result.status,
        "language": result.language,
        "confidence": round(result.confidence, 4),
        "route": result.route,
        "headline": result.headline,
        "dateline": result.dateline,
        "briefs": {lang: list(sentences) for lang, sentences in result.briefs.items()},
        "glossary": {lang: _report_dict(report) for lang, report in result.glossary.items()},
        "terms": [
            {
                "id": t.entry_id,
                "fr": t.fr,
                "en": t.en,
                "ko": t.ko,
                "expected": t.expected,
                "found": t.found,
            }
            for t in result.terms
        ],
        "term_use_rate": result.term_use_rate,
        "warnings": list(result.warnings),
        "error": result.error,
        "hint": result.hint,
        "timings": {stage: round(seconds, 4) for stage, seconds in result.timings.items()},
    }


def _terms_line(result: Result) -> str | None:
    if not result.terms:
        return None
    source = result.language if result.language in ("fr", "en", "ko") else "fr"
    shown_langs = [lang for lang in ("en", "ko") if lang != source and lang in result.briefs]
    shown = []
    for term in result.terms[:12]:
        forms = {"fr": term.fr, "en": term.en, "ko": term.ko}
        targets = " / ".join(forms[lang] for lang in shown_langs) or forms["en"]
        count = "" if term.used else f" ({term.found}/{term.expected} used)"
        shown.append(f"{forms[source]} → {targets}{count}")
    more = f" (+{len(result.terms) - 12} more)" if len(result.terms) > 12 else ""
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
    for lang, sentences in result.briefs.items():
        lines += ["", f"**{LANG_LABELS.get(lang, lang)}**"]
        lines += [f"- {sentence}" for sentence in sentences] or ["- (no brief)"]
    terms = _terms_line(result)
    if terms:
        lines += ["", terms]
    if result.warnings:
        lines += ["", *[f"> ⚠ {warning}" for warning in result.warnings]]
    return "\n".join(lines) + "\n"


def render_result(result: Result, fmt: OutputFormat) -> str:
    if fmt == "json":
        return to_json(result_to_dict(result))
    return brief_markdown(result)


def translation_to_dict(translation: Translation) -> dict[str, Any]:
    blocks = [
        {
            "kind": str(new.kind),
            "lang": original.lang or translation.source.lang,
            "source": original.text,
            "text": new.text,
        }
        for original, new in zip(
            translation.source.blocks, translation.document.blocks, strict=True
        )
        if new.kind is not BlockKind.RAW
    ]
    return {
        "source": translation.source.source,
        "language": translation.source.lang,
        "target": translation.target,
        "route": translation.route,
        "blocks": blocks,
        "glossary": _report_dict(translation.compliance),
        "warnings": list(translation.warnings),
    }


def render_translation(translation: Translation, fmt: OutputFormat) -> str:
    """The translated document in its source markup (md), as plain text, or as JSON."""
    from polyglot_press.documents import plain_text, render_document

    if fmt == "json":
        return to_json(translation_to_dict(translation))
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
