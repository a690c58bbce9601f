"""A release whose sentences carry one of each check's flags, as the result JSON has them.

Built as a plain dict (``Result.to_dict()``'s shape), so the report tests need nothing of the
pipeline; the review page must show every code beside its sentence.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

#: Every flag code, with a message as a check would write it.
CODES = {
    "untranslated": "the output is mostly the source text",
    "wrong_language": "the output is French, not Korean",
    "omission": "the output has 4 words where about 14 were expected",
    "addition": "the output has 31 words where about 12 were expected",
    "repetition": "'the plant' repeats 3 times",
    "low_confidence": "model score -2.9 under the package's threshold -1.5",
    "name_missing": "'Stéphane Deblaise' is not in the output",
    "number_missing": "'180 000' is not in the output",
    "contact_missing": "'presse@alpine.fr' is not in the output",
    "term_missing": "'usine' → 'plant' is not in the output",
    "date_mismatch": "'9 novembre 2023' should read '9 November 2023'",
}
TITLE = "Alpine produira la A290 à Dieppe"
SENTENCES = [
    ("Alpine produira la A290 à Dieppe", "Alpine produira la A290 à Dieppe", ["untranslated"]),
    ("L'usine de Dieppe est prête.", "The Dieppe works is ready.", ["term_missing"]),
    ("Elle produira 180 000 voitures.", "It will build cars.", ["number_missing", "omission"]),
    ("Stéphane Deblaise l'a annoncé.", "He announced it.", ["name_missing"]),
    ("Écrivez à presse@alpine.fr.", "Write to the press office.", ["contact_missing"]),
    ("C'était le 9 novembre 2023.", "It was on 2023 9.", ["date_mismatch"]),
    ("L'usine embauche.", "The plant the plant the plant hires.", ["repetition", "addition"]),
    ("La production démarre.", "Production starts.", ["low_confidence"]),
]
BRIEF_EN = ["Alpine will build the A290 in Dieppe.", "Production starts in 2024."]
BRIEF_KO = ["알핀은 디에프에서 A290을 생산한다.", "La production démarre en 2024."]


def _flags(codes: list[str]) -> list[dict[str, str]]:
    return [{"code": code, "message": CODES[code]} for code in codes]


def flagged_release() -> dict[str, Any]:
    """A French release in ``review``: one of each code, on body and brief sentences."""
    body = [s for s in SENTENCES[1:]]
    paragraph = " ".join(source for source, _, _ in body)
    records = [
        {
            "block": 0,
            "source": TITLE,
            "target_lang": "en",
            "text": SENTENCES[0][1],
            "path": "as_is",
            "error": None,
            "flags": _flags(SENTENCES[0][2]),
            "from_memory": False,
        },
    ]
    records += [
        {
            "block": 1,
            "source": source,
            "target_lang": "en",
            "text": text,
            "path": "as_is",
            "error": None,
            "flags": _flags(codes),
            "from_memory": number == 0,
        }
        for number, (source, text, codes) in enumerate(body)
    ]
    records.append(
        {"block": None, "source": BRIEF_EN[1], "target_lang": "ko", "text": BRIEF_KO[1],
         "path": "as_is", "error": None, "flags": _flags(["wrong_language"])}
    )  # fmt: skip
    return {
        "source": "releases/flagged.md",
        "status": "review",
        "language": "fr",
        "route": "fr→en (1.9)",
        "headline": TITLE,
        "briefs": {"en": BRIEF_EN, "ko": BRIEF_KO},
        "glossary": {},
        "blocks": [
            {"index": 0, "kind": "title", "language": "fr", "source": TITLE,
             "translation": SENTENCES[0][1]},
            {"index": 1, "kind": "paragraph", "language": "fr", "source": paragraph,
             "translation": " ".join(text for _, text, _ in body)},
        ],
        "sentences": records,
        "warnings": ["9 of 10 sentences are flagged for review"],
    }  # fmt: skip


def write_flagged_batch(out: Path, statuses: dict[str, str]) -> Path:
    """A batch folder: the flagged release plus one plain release per ``statuses`` item."""
    out.mkdir(parents=True, exist_ok=True)
    releases = {"flagged": flagged_release()}
    for doc_id, status in statuses.items():
        release = flagged_release()
        release.update(status=status, sentences=[], source=f"releases/{doc_id}.md")
        releases[doc_id] = release
    lines = []
    for doc_id, data in releases.items():
        (out / f"{doc_id}.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        entry = {"id": doc_id, "source": data["source"], "status": data["status"],
                 "outputs": [f"{doc_id}.json"], "warnings": data["warnings"]}  # fmt: skip
        lines.append(json.dumps(entry, ensure_ascii=False))
    (out / "manifest.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    return out
