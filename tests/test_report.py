"""The review report without a browser: reading batch folders, marking text, escaping, CLI.

The release files here are written by hand in the schema of ``Result.to_dict()`` (see
``polyglot_press.pipeline``), damaged on purpose where a test says so. The browser tests are in
``test_report_browser.py``.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_flags import CODES, write_flagged_batch
from typer.testing import CliRunner

from polyglot_press.cli import app
from polyglot_press.errors import InputError
from polyglot_press.pipeline import ComplianceItemJSON
from polyglot_press.report import write_report
from polyglot_press.report._index import page_names
from polyglot_press.report._marks import Flag, Mark, layout, place_items, value_marks

TITLE = "Alpine lance une berline <script>alert(1)</script>"
PARAGRAPH = (
    "La batterie de 94 kWh offre 520 km & plus. Contact : presse@alpine.fr ou +33 1 23 45 67 89."
)
TRANSLATED_TITLE = "Alpine launches a saloon <script>alert(1)</script>"
TRANSLATED_PARAGRAPH = "The 94 kWh battery offers 520 km & more. Contact: presse@alpine.fr"


def _item(entry_id: str, text: str, joined: str, expected: str, found: bool) -> dict[str, Any]:
    start = joined.index(text)
    return {
        "entry_id": entry_id,
        "source": text,
        "start": start,
        "end": start + len(text),
        "expected": expected,
        "kind": "keep" if entry_id == "alpine" else "term",
        "found": found,
    }


def _report(items: list[dict[str, Any]], source: str, target: str) -> dict[str, Any]:
    found = sum(item["found"] for item in items)
    return {
        "source_lang": source,
        "target_lang": target,
        "glossary_version": "test",
        "expected": len(items),
        "found": found,
        "term_use_rate": found / len(items) if items else None,
        "items": items,
    }


def french_release() -> dict[str, Any]:
    joined = TITLE + "\n\n" + PARAGRAPH
    items = [
        _item("alpine", "Alpine", joined, "Alpine", True),
        _item("berline", "berline", joined, "saloon", True),
        _item("batterie", "batterie", joined, "battery", True),
        _item("autonomie", "km", joined, "range", False),
    ]
    brief_en = ["The 94 kWh battery offers 520 km.", "Alpine launches a saloon."]
    brief_ko = ["94 kWh 배터리는 520 km를 제공합니다.", "알핀이 세단을 출시합니다."]
    brief_joined = "\n".join(brief_en)
    brief_items = [
        _item("batterie", "battery", brief_joined, "배터리", True),
        _item("alpine", "Alpine", brief_joined, "알핀", True),
    ]
    return {
        "source": "releases/alpine.md",
        "status": "ok",
        "language": "fr",
        "route": "fr→en (1.9)",
        "headline": TRANSLATED_TITLE,
        "dateline": None,
        "briefs": {"en": brief_en, "ko": brief_ko},
        "glossary": {
            "en": _report(items, "fr", "en"),
            "ko": _report(brief_items, "en", "ko"),
        },
        "term_use_rate": 0.75,
        "blocks": [
            {
                "index": 1,
                "kind": "title",
                "language": "fr",
                "source": TITLE,
                "translation": TRANSLATED_TITLE,
            },
            {
                "index": 3,
                "kind": "paragraph",
                "language": "fr",
                "source": PARAGRAPH,
                "translation": TRANSLATED_PARAGRAPH,
            },
            {
                "index": 4,
                "kind": "contact",
                "language": "fr",
                "source": "Presse : presse@alpine.fr",
                "translation": None,
            },
        ],
        "sentences": [
            {
                "block": 1,
                "source": TITLE,
                "target_lang": "en",
                "text": TRANSLATED_TITLE,
                "path": "as_is",
                "error": None,
            },
            {
                "block": 3,
                "source": "La batterie de 94 kWh offre 520 km & plus.",
                "target_lang": "en",
                "text": "The 94 kWh battery offers 520 km & more.",
                "path": "aligned",
                "error": None,
            },
            {
                "block": 3,
                "source": "Contact : presse@alpine.fr ou +33 1 23 45 67 89.",
                "target_lang": "en",
                "text": None,
                "path": "failed",
                "error": "no end of sentence within 24 tokens",
            },
        ],
        "warnings": ["1 of 3 sentences could not be translated <b>really</b>"],
        "error": None,
        "hint": None,
    }


def english_release() -> dict[str, Any]:
    return {
        "source": "releases/geely.md",
        "status": "ok",
        "language": "en",
        "route": "identity (no translation needed)",
        "headline": "Geely opens a hub",
        "briefs": {"en": ["Geely opens a hub."], "ko": ["지리가 허브를 엽니다."]},
        "glossary": {"ko": _report([], "en", "ko")},
        "blocks": [
            {
                "index": 0,
                "kind": "title",
                "language": "en",
                "source": "Geely opens a hub",
                "translation": None,
            },
            {
                "index": 1,
                "kind": "paragraph",
                "language": "en",
                "source": "Geely opened a hub in 2025.",
                "translation": None,
            },
        ],
        "sentences": [],
        "warnings": [],
    }


def write_batch(out: Path, releases: dict[str, dict[str, Any] | None]) -> Path:
    """A batch output folder: ``None`` stands for a release that failed before any output."""
    out.mkdir(parents=True, exist_ok=True)
    lines = []
    for doc_id, data in releases.items():
        entry: dict[str, Any] = {
            "id": doc_id,
            "source": f"releases/{doc_id}",
            "status": "failed",
            "outputs": [],
            "error": "binary file (contains NUL bytes)",
            "hint": "pass a text document",
            "warnings": [],
        }
        if data is not None:
            (out / f"{doc_id}.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
            (out / f"{doc_id}.md").write_text(f"### {doc_id}\n", "utf-8")
            entry.update(
                status=data.get("status", "ok"),
                error=None,
                hint=None,
                outputs=[f"{doc_id}.md", f"{doc_id}.json"],
            )
        lines.append(json.dumps(entry, ensure_ascii=False))
    (out / "manifest.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    return out


class _Tags(HTMLParser):
    """Start tags with their attributes, and the text a reader sees (symbols and
    screen-reader-only words left out, so that the release's own text reads unbroken)."""

    _ASIDE = ("sr", "icon", "flag-label")

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.script: list[str] = []
        self._in_script = False
        self._open: list[bool] = []  # per open span: is it an aside

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if tag == "span":
            self._open.append((dict(attrs).get("class") or "") in self._ASIDE)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False
        if tag == "span" and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.script.append(data)
        elif not any(self._open):
            self.text.append(data)


def parse(path: Path) -> _Tags:
    parser = _Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _count(parser: _Tags, tag: str, **attrs: str) -> int:
    return sum(
        1
        for name, found in parser.tags
        if name == tag
        and all(
            found.get(key.strip("_").replace("_", "-")) == value for key, value in attrs.items()
        )
    )


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    return write_batch(
        tmp_path / "out",
        {"alpine": french_release(), "geely": english_release(), "corrupt": None},
    )


def test_writes_an_index_and_a_page_per_release(batch: Path) -> None:
    index = write_report(batch)
    assert index == batch / "report" / "index.html"
    pages = sorted(path.name for path in (batch / "report" / "releases").iterdir())
    assert pages == ["alpine.html", "corrupt.html", "geely.html"]
    rows = [
        attrs["data-id"] for tag, attrs in parse(index).tags if tag == "tr" and "data-id" in attrs
    ]
    assert rows == ["corrupt", "alpine", "geely"]  # failed first, then warnings, then clean


def test_glossary_hits_are_marked_as_often_as_the_report_counts(batch: Path) -> None:
    write_report(batch)
    page = parse(batch / "report" / "releases" / "alpine.html")
    assert _count(page, "mark", class_="term found", data_report="en") == 3
    assert _count(page, "mark", class_="term missing", data_report="en") == 1
    assert _count(page, "mark", class_="term found", data_report="ko") == 2
    # The expected forms are highlighted in the translation too.
    assert _count(page, "mark", class_="term target", data_report="en") == 3
    assert _count(page, "mark", class_="term target", data_report="ko") == 2
    titles = [attrs.get("title") or "" for tag, attrs in page.tags if tag == "mark"]
    assert any("«berline» → en «saloon»" in title for title in titles)


def test_values_are_verified_against_the_translation(batch: Path) -> None:
    write_report(batch)
    page = parse(batch / "report" / "releases" / "alpine.html")
    states = {
        (attrs["data-kind"], (attrs.get("class") or "").split()[-1])
        for tag, attrs in page.tags
        if tag == "span" and "data-kind" in attrs
    }
    assert ("email", "verified") in states
    assert ("phone", "unverified") in states  # the failed sentence's phone is not in English
    assert ("number", "verified") in states


def test_flagged_sentences_show_their_reason(batch: Path) -> None:
    write_report(batch)
    page = parse(batch / "report" / "releases" / "alpine.html")
    paths = [attrs["data-path"] for tag, attrs in page.tags if tag == "li" and "data-path" in attrs]
    assert paths == ["aligned", "failed"]
    text = "".join(page.text)
    assert "no end of sentence within 24 tokens" in text
    assert _count(page, "span", data_path="failed") == 1  # the translation here lacks it


def test_a_failed_sentence_kept_as_written_is_flagged_in_both_columns(tmp_path: Path) -> None:
    release = french_release()
    kept = "Contact : presse@alpine.fr ou +33 1 23 45 67 89."
    release["blocks"][1]["translation"] = "The 94 kWh battery offers 520 km & more. " + kept
    out = write_batch(tmp_path / "out", {"alpine": release})
    write_report(out)
    page = parse(out / "report" / "releases" / "alpine.html")
    assert _count(page, "span", data_path="failed") == 2


def test_a_brief_sentence_left_untranslated_says_so(tmp_path: Path) -> None:
    release = french_release()
    release["briefs"]["ko"][1] = release["briefs"]["en"][1]
    out = write_batch(tmp_path / "out", {"alpine": release})
    write_report(out)
    page = parse(out / "report" / "releases" / "alpine.html")
    assert "not translated: kept in English" in "".join(page.text)


def test_korean_source_checks_its_brief_not_its_document(tmp_path: Path) -> None:
    brief_ko = ["현대차가 울산 공장에서 전기차를 생산합니다."]
    brief_en = ["Hyundai builds electric vehicles at its Ulsan plant."]
    items = [_item("hyundai", "현대차", brief_ko[0], "Hyundai", True)]
    release = {
        "source": "releases/ulsan.md",
        "status": "ok",
        "language": "ko",
        "headline": "현대차 울산",
        "briefs": {"en": brief_en, "ko": brief_ko},
        "glossary": {"en": _report(items, "ko", "en")},
        "blocks": [
            {"index": 0, "kind": "paragraph", "language": "ko", "source": brief_ko[0]},
        ],
    }
    out = write_batch(tmp_path / "out", {"ulsan": release})
    write_report(out)
    page = parse(out / "report" / "releases" / "ulsan.html")
    assert _count(page, "mark", class_="term found", data_report="en") == 1
    assert _count(page, "mark", class_="term target", data_report="en") == 1
    compliance = next(a for t, a in page.tags if t == "table" and a.get("id") == "compliance-en")
    assert compliance["data-expected"] == "1"
    headers = [a for t, a in page.tags if t == "th" and a.get("scope") == "col"]
    assert len(headers) == 3 + 2 + 7  # briefs ko|en, the document alone, the compliance table


def test_release_text_is_escaped_and_pages_run_no_script(batch: Path) -> None:
    write_report(batch)
    html = (batch / "report" / "releases" / "alpine.html").read_text("utf-8")
    assert "<script" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    page = parse(batch / "report" / "releases" / "alpine.html")
    assert TITLE in "".join(page.text)
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv"))
    assert "script-src 'none'" in (csp or "") and "default-src 'none'" in (csp or "")


def test_index_script_is_pinned_by_its_hash(batch: Path) -> None:
    index = parse(write_report(batch))
    assert _count(index, "script") == 1
    script = "".join(index.script)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    csp = next(a["content"] for t, a in index.tags if t == "meta" and a.get("http-equiv"))
    assert f"script-src 'sha256-{digest}'" in (csp or "")


def test_english_release_has_one_column_and_failed_release_its_error(batch: Path) -> None:
    write_report(batch)
    english = parse(batch / "report" / "releases" / "geely.html")
    table = [t for t in english.tags if t[0] == "table" and t[1].get("id") == "document-table"]
    assert table
    headers = [a for t, a in english.tags if t == "th" and a.get("scope") == "col"]
    # Briefs: number, en, ko; document: number, source; compliance: 7 columns.
    assert len(headers) == 3 + 2 + 7
    failed = parse(batch / "report" / "releases" / "corrupt.html")
    assert "binary file (contains NUL bytes)" in "".join(failed.text)
    assert not [t for t in failed.tags if t[0] == "table"]


def test_damaged_and_older_files_still_give_a_report(tmp_path: Path) -> None:
    older = french_release()
    for key in ("blocks", "sentences"):
        del older[key]
    wrong_types = {
        "status": "ok",
        "blocks": "nope",
        "sentences": [1, None],
        "glossary": {"en": {"items": [None, {"start": "x"}]}},
        "briefs": [],
        "warnings": "oops",
        "headline": 42,
    }
    out = write_batch(
        tmp_path / "out", {"older": older, "odd": wrong_types, "bad": french_release()}
    )
    (out / "bad.json").write_bytes(b"\xff\xfe{not json")
    with (out / "manifest.jsonl").open("a", encoding="utf-8") as stream:
        stream.write('{"id": "torn", "sou')
    write_report(out)
    older_page = (out / "report" / "releases" / "older.html").read_text("utf-8")
    assert "rerun the batch with --force" in older_page
    assert "not valid JSON" in (out / "report" / "releases" / "bad.html").read_text("utf-8")
    assert (out / "report" / "releases" / "odd.html").exists()


def test_folder_without_manifest_reads_the_json_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "alpine.brief.json").write_text(json.dumps(french_release()), "utf-8")
    write_report(out)
    assert (out / "report" / "releases" / "alpine.html").exists()


def test_missing_or_empty_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such output folder"):
        write_report(tmp_path / "absent")
    with pytest.raises(InputError, match=r"no manifest\.jsonl"):
        write_report(tmp_path)
    (tmp_path / "manifest.jsonl").write_bytes(b'{"torn": \n\x00\xff\n')
    with pytest.raises(InputError, match=r"manifest\.jsonl holds no readable record"):
        write_report(tmp_path)


def test_rebuild_removes_pages_of_releases_gone_from_the_folder(tmp_path: Path) -> None:
    out = write_batch(tmp_path / "out", {"alpine": french_release(), "geely": english_release()})
    write_report(out)
    write_batch(out, {"alpine": french_release()})
    write_report(out)
    assert [p.name for p in (out / "report" / "releases").iterdir()] == ["alpine.html"]


def test_page_names_are_safe_and_distinct() -> None:
    names = page_names(["../etc/passwd", "a/b", "a b", "a-b", "릴리스", ".hidden", "", "A-B"])
    assert len(set(names)) == len(names)
    for name in names:
        assert re.fullmatch(r"[\w][\w.-]*\.html", name), name
    assert names[4] == "릴리스.html"


def test_cli_report_rebuilds_the_pages(batch: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["report", str(batch)])
    assert result.exit_code == 0, result.output
    assert (batch / "report" / "index.html").exists()
    missing = CliRunner().invoke(app, ["report", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2
    assert "no such output folder" in missing.output


# -- marking text ------------------------------------------------------------------------------


def _joined(runs: Any) -> str:
    return "".join(piece.text for run in runs for piece in run.pieces)


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(max_size=60),
    spans=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=6),
    flag_spans=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=3),
)
def test_layout_keeps_the_text_and_nests_marks_in_flags(
    text: str, spans: list[tuple[int, int]], flag_spans: list[tuple[int, int]]
) -> None:
    marks = [Mark(a, b, "term", "found", "t") for a, b in spans]
    flags = [Flag(a, b, "failed", "Not translated", "why") for a, b in flag_spans]
    runs = layout(text, marks, flags)
    assert _joined(runs) == text
    shown = [piece.mark for run in runs for piece in run.pieces if piece.mark is not None]
    assert len(shown) == len(set(map(id, shown)))  # a mark is never cut in two
    for earlier, later in itertools.pairwise(shown):
        assert earlier.end <= later.start


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_any_release_text_stays_text(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    release = french_release()
    release["headline"] = text
    release["blocks"][1]["source"] = text
    release["blocks"][1]["translation"] = text + "<script>x()</script>"
    release["warnings"] = [text]
    out = write_batch(tmp_path_factory.mktemp("prop") / "out", {"r": release})
    write_report(out)
    page = parse(out / "report" / "releases" / "r.html")
    assert not [tag for tag, _ in page.tags if tag in ("script", "img", "iframe", "object")]
    assert not [key for _, attrs in page.tags for key in attrs if key.startswith("on")]
    assert (
        text.replace("\r\n", "\n").replace("\r", "\n")
        in "".join(page.text).replace("\r\n", "\n").replace("\r", "\n")
        or "\x00" in text
    )


def _glossary_item(
    entry_id: str,
    source: str,
    start: int | None,
    end: int | None,
    expected: str,
    kind: str,
    found: bool,
) -> ComplianceItemJSON:
    return {
        "entry_id": entry_id,
        "source": source,
        "start": start,
        "end": end,
        "expected": expected,
        "kind": kind,
        "found": found,
    }


def test_place_items_recovers_from_wrong_offsets() -> None:
    texts = ["Alpine et Renault", "La batterie"]
    right = _glossary_item("batterie", "batterie", 22, 30, "battery", "term", True)
    wrong = _glossary_item("renault", "Renault", 0, 7, "Renault", "keep", True)
    across = _glossary_item("x", "Renault\n\nLa", None, None, "x", "term", False)
    placed, unplaced = place_items(texts, [wrong, right, across], "\n\n")
    assert placed == [[(10, 17, wrong)], [(3, 11, right)]]
    assert unplaced == [across]


def test_value_marks_accept_the_english_form_of_a_french_number() -> None:
    source, target = value_marks(
        "Les ventes : 12,5 % et 300 000 unités.",
        "Sales: 12.5% and 300,000 units.",
        "fr",
        "en",
        "md",
    )
    assert [mark.state for mark in source] == ["verified", "verified"]
    assert [target_text for target_text in ("12.5%", "300,000")] == [
        "Sales: 12.5% and 300,000 units."[m.start : m.end] for m in target
    ]


def test_every_check_flag_is_shown_beside_its_sentence(tmp_path: Path) -> None:
    out = write_flagged_batch(tmp_path / "out", {})
    write_report(out)
    page = parse(out / "report" / "releases" / "flagged.html")
    inline = [a["data-code"] for tag, a in page.tags if tag == "span" and "data-code" in a]
    listed = [a["data-code"] for tag, a in page.tags if tag == "li" and "data-code" in a]
    assert sorted(set(inline)) == sorted(CODES) == sorted(set(listed))
    text = "".join(page.text)
    for message in CODES.values():
        assert message in text
    assert "read back from the translation memory" in text
    # untranslated and wrong_language count as not translated; every flagged sentence counts
    assert "2 not translated, 9 flagged" in text


def test_review_is_counted_and_sorted_between_partial_and_ok(tmp_path: Path) -> None:
    statuses = {"a-ok": "ok", "b-partial": "partial", "c-failed": "failed", "d-unknown": "odd"}
    out = write_flagged_batch(tmp_path / "out", statuses)
    write_report(out)
    index = parse(out / "report" / "index.html")
    order = [a["data-status"] for tag, a in index.tags if tag == "tr" and "data-status" in a]
    assert order == ["failed", "partial", "review", "odd", "ok"]
    classes = [a.get("class") or "" for tag, a in index.tags if tag == "div"]
    totals = [name for name in classes if name.startswith("status-")]
    assert totals == ["status-failed", "status-partial", "status-review", "status-odd", "status-ok"]
    assert "⚑ review" in "".join(index.text)


def test_sentences_without_flags_in_older_files_are_not_flagged(batch: Path) -> None:
    write_report(batch)
    page = parse(batch / "report" / "releases" / "alpine.html")
    assert not [a for tag, a in page.tags if "data-code" in a]
