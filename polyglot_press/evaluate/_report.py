"""An :class:`Evaluation` as a plain-text table per pair, or as JSON-ready data."""

from __future__ import annotations

import textwrap
from typing import Any

from polyglot_press.evaluate._metrics import Fidelity, Rate
from polyglot_press.evaluate._runner import Evaluation, PairResult, SystemResult

MEANINGLESS = (
    "NOTE: random weights — scores meaningless. These packages are test fixtures built by "
    "polyglot_press.testing, not trained translation models: {packages}. Install trained "
    "Argos packages to measure translation quality."
)
_COLUMNS = ("system", "chrF", "BLEU", "terms", "numbers", "contacts", "markup", "sent/s", "paths")
_SYSTEM_LABELS = {
    "polyglot_press": "polyglot_press",
    "no_enforcement": "no enforcement",
    "argostranslate": "argostranslate",
}
#: Past this share of outputs the checks find unrelated, the package is said to be.
UNRELATED = 0.5
_CONDITION_LABELS = {
    "human": "human translation (false alarms)",
    "copied": "source copied (should be ~100%)",
    "cut": "translation cut to 40% of words",
    "number": "one number changed",
}
_READING = (
    "chrF and BLEU: 0-100 against the human references (chrF is the better guide for Korean). "
    "terms/numbers/contacts/markup: share of what the source holds that the output kept. "
    "paths: how polyglot_press met its constraints (as_is = first translation already did)."
)


def render_text(evaluation: Evaluation) -> str:
    """The report as text: a notice for test packages, then one table per pair."""
    lines: list[str] = []
    if evaluation.meaningless:
        lines += [*textwrap.wrap(_notice(evaluation), width=100), ""]
    lines.append(f"Reference set: {evaluation.references} ({evaluation.rows} sentences)")
    for pair in evaluation.pairs:
        lines.append("")
        lines.extend(_pair_lines(pair))
    lines += ["", *textwrap.wrap(_READING, width=100)]
    if evaluation.meaningless:
        lines += ["", *textwrap.wrap(_notice(evaluation), width=100)]
    return "\n".join(lines) + "\n"


def to_dict(evaluation: Evaluation, *, sentences: bool = True) -> dict[str, Any]:
    """JSON-ready data; ``sentences`` adds every output with what it lost."""
    return {
        "references": evaluation.references,
        "rows": evaluation.rows,
        "scores_meaningful": not evaluation.meaningless,
        "notice": _notice(evaluation) if evaluation.meaningless else None,
        "fixture_packages": list(evaluation.fixture_packages),
        "pairs": [_pair_dict(pair, sentences) for pair in evaluation.pairs],
    }


def _notice(evaluation: Evaluation) -> str:
    return MEANINGLESS.format(packages=", ".join(evaluation.fixture_packages))


def _pair_lines(pair: PairResult) -> list[str]:
    header = f"{pair.label}  ({pair.count} sentences"
    header += f"; route {pair.route})" if pair.route else ")"
    if pair.skipped:
        return [header, f"  skipped: {pair.skipped}"]
    rows = [list(_COLUMNS)] + [_system_cells(result) for result in pair.systems]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_COLUMNS) - 1)]
    lines = [header]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  " + "  ".join([*cells, row[-1]]).rstrip())
    lines.extend(
        f"  {_SYSTEM_LABELS.get(r.system, r.system)}: {r.error}" for r in pair.systems if r.error
    )
    if pair.unrelated is not None and pair.unrelated > UNRELATED:
        lines.append(
            f"  WARNING: the checks find {pair.unrelated:.0%} of polyglot_press's outputs "
            "untranslated, in another language or far off in length: the package's output "
            "looks unrelated to its input."
        )
    if pair.confidence is not None:
        lines.extend(_confidence_lines(pair))
    if pair.conditions is not None:
        lines.append("  checks on the references (share of sentences flagged):")
        for condition, (count, share) in pair.conditions.shares.items():
            lines.append(f"    {_CONDITION_LABELS[condition]:<34} {share:6.1%}  of {count}")
    return lines


def _confidence_lines(pair: PairResult) -> list[str]:
    calibration = pair.confidence
    assert calibration is not None
    codes = pair.label.split("→")
    key = f"{codes[0]}-{codes[-1]}"  # a pivot's threshold is the whole route's
    caught = (
        ""
        if calibration.flagged_below is None
        else f"; {calibration.flagged_below:.0%} of the {calibration.flagged} they flag score"
        " under it"
    )
    return [
        f"  low_confidence: of {calibration.passed} sentences the checks pass, 5% score under "
        f"{calibration.min_score:.3f} (median {calibration.median:.3f}){caught}.",
        f'    to flag them: PipelineConfig(min_score={{"{key}": {calibration.min_score:.3f}}})'
        f" or --min-score {key}={calibration.min_score:.3f}",
    ]


def _system_cells(result: SystemResult) -> list[str]:
    label = _SYSTEM_LABELS.get(result.system, result.system)
    if result.error is not None:
        return [label, *(["-"] * (len(_COLUMNS) - 2)), "(did not run, see below)"]
    fidelity = result.fidelity
    speed = result.sentences_per_second
    return [
        label,
        _score(result.chrf),
        _score(result.bleu),
        _rate(fidelity.terms),
        _rate(fidelity.numbers),
        _rate(fidelity.contacts),
        _rate(fidelity.markup),
        "-" if speed is None else f"{speed:.1f}",
        _paths(result),
    ]


def _paths(result: SystemResult) -> str:
    total = sum(result.paths.values())
    if not total:
        return "-"
    ordered = sorted(result.paths.items(), key=lambda item: -item[1])
    return " ".join(f"{path} {count / total:.0%}" for path, count in ordered)


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _rate(rate: Rate) -> str:
    value = rate.value
    return "n/a" if value is None else f"{value:.0%}"


def _pair_dict(pair: PairResult, sentences: bool) -> dict[str, Any]:
    return {
        "pair": pair.label,
        "route": pair.route,
        "sentences": pair.count,
        "skipped": pair.skipped,
        "systems": [_system_dict(result, sentences) for result in pair.systems],
        "checks": None
        if pair.conditions is None
        else {
            condition: {"sentences": count, "flagged": round(share, 4)}
            for condition, (count, share) in pair.conditions.shares.items()
        },
        "unrelated_share": None if pair.unrelated is None else round(pair.unrelated, 4),
        "suggested_min_score": None if pair.confidence is None else pair.confidence.min_score,
        "output_unrelated": pair.unrelated is not None and pair.unrelated > UNRELATED,
    }


def _system_dict(result: SystemResult, sentences: bool) -> dict[str, Any]:
    total = sum(result.paths.values())
    data: dict[str, Any] = {
        "system": result.system,
        "error": result.error,
        "chrf": _round(result.chrf),
        "bleu": _round(result.bleu),
        **_fidelity_dict(result.fidelity),
        "paths": dict(result.paths),
        "path_shares": {path: round(count / total, 4) for path, count in result.paths.items()}
        if total
        else {},
        "seconds": round(result.seconds, 3),
        "sentences_per_second": _round(result.sentences_per_second),
    }
    if sentences:
        data["outputs"] = [
            {
                "id": sentence.id,
                "line": sentence.line,
                "source": sentence.source,
                "reference": sentence.reference,
                "output": sentence.output.text,
                "path": sentence.output.path,
                "error": sentence.output.error,
                "missing": list(sentence.fidelity.missing),
            }
            for sentence in result.sentences
        ]
    return data


def _fidelity_dict(fidelity: Fidelity) -> dict[str, Any]:
    rates = {
        "term_use": fidelity.terms,
        "number_fidelity": fidelity.numbers,
        "contact_fidelity": fidelity.contacts,
        "markup_fidelity": fidelity.markup,
        "name_fidelity": fidelity.names,
    }
    return {
        name: {"rate": _round(rate.value, 4), "found": rate.found, "expected": rate.expected}
        for name, rate in rates.items()
    }


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)
