"""Hostile inputs: every stage stays linear and bounded, and no input crashes a parser.

Small sizes here (each case runs in well under a second when the code is linear, and in tens
of seconds or gigabytes when it is not); the large sizes are in ``benchmarks/bench_scaling.py``.
"""

from __future__ import annotations

import itertools
import shutil
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from polyglot_press.documents import parse_document, render_document
from polyglot_press.packages import InstalledPackage
from polyglot_press.summarize import LeadAwareSummarizer, summarize_sentences
from polyglot_press.text import Span, merge_spans, split_sentences
from polyglot_press.translate._layout import (
    fill_verbatim,
    sentence_ranges,
    spans_in_ranges,
)


@contextmanager
def within(seconds: float) -> Iterator[None]:
    started = time.perf_counter()
    yield
    elapsed = time.perf_counter() - started
    assert elapsed < seconds, f"took {elapsed:.1f} s (limit {seconds} s): not linear"


# -- spans ----------------------------------------------------------------------------------


def _naive_merge(*span_lists: list[Span]) -> list[Span]:
    """The quadratic definition merge_spans must agree with."""
    candidates = [
        (span, order)
        for order, spans in enumerate(span_lists)
        for span in spans
        if span.end > span.start
    ]
    candidates.sort(key=lambda item: (-(item[0].end - item[0].start), item[0].start, item[1]))
    kept: list[Span] = []
    for span, _ in candidates:
        if all(span.end <= other.start or span.start >= other.end for other in kept):
            kept.append(span)
    return sorted(kept, key=lambda span: span.start)


_SPAN = st.builds(
    lambda start, length, kind: Span(start, start + length, "x", kind),
    st.integers(0, 60),
    st.integers(0, 12),
    st.sampled_from(["term", "number", "url"]),
)


@given(st.lists(st.lists(_SPAN, max_size=12), min_size=1, max_size=4))
def test_merge_spans_agrees_with_the_quadratic_definition(lists: list[list[Span]]) -> None:
    assert merge_spans(*lists) == _naive_merge(*lists)


@given(st.lists(st.lists(_SPAN, max_size=12), min_size=1, max_size=4))
def test_merged_spans_never_overlap(lists: list[list[Span]]) -> None:
    merged = merge_spans(*lists)
    assert all(a.end <= b.start for a, b in itertools.pairwise(merged))


def test_merge_spans_is_not_quadratic() -> None:
    # 40,000 disjoint spans plus 40,000 covering pairs of them: quadratic merging takes minutes.
    small = [Span(i * 10, i * 10 + 5, "x", "number") for i in range(40_000)]
    large = [Span(i * 20, i * 20 + 8, "y", "term") for i in range(20_000)]
    with within(5):
        merged = merge_spans(large, small)
    assert len(merged) == 20_000 + 20_000  # each large span and the small one it leaves


def test_fill_verbatim_is_linear() -> None:
    text = "ab " * 50_000
    spans = [Span(i * 3, i * 3 + 2, "XY", "keep") for i in range(50_000)]
    with within(3):
        filled, located = fill_verbatim(text, spans)
    assert filled == "XY " * 50_000
    assert located[-1].start == 3 * 49_999


@given(st.text(alphabet="ab .", max_size=60), st.lists(_SPAN, max_size=8))
def test_spans_in_ranges_agrees_with_filtering(text: str, spans: list[Span]) -> None:
    spans = [s for s in merge_spans(spans) if s.end <= len(text)]
    ranges = sentence_ranges(text, "en", spans)
    expected = [
        tuple(
            Span(s.start - start, s.end - start, s.replacement, s.kind)
            for s in spans
            if s.start >= start and s.end <= end
        )
        for start, end in ranges
    ]
    assert spans_in_ranges(spans, ranges) == expected


@given(st.text(max_size=80), st.sampled_from(["fr", "en", "ko"]))
def test_a_text_that_is_not_blank_gives_a_sentence(text: str, lang: str) -> None:
    """What lets the sentence cap count texts first: a non-blank text is at least one sentence."""
    ranges = sentence_ranges(text, lang, ())
    assert bool(ranges) == (bool(text) and not text.isspace())


def test_sentence_ranges_with_many_spans_is_linear() -> None:
    text = "Le prix est de 12 euros. " * 20_000
    spans = [Span(i * 25 + 15, i * 25 + 17, "12", "number") for i in range(20_000)]
    with within(5):
        ranges = sentence_ranges(text, "fr", spans)
    assert len(ranges) == 20_000


# -- segmentation ---------------------------------------------------------------------------


def test_segmenting_many_urls_and_sentences_is_linear() -> None:
    text = "Voir www.example.com/a. Le site ouvre. " * 20_000
    with within(5):
        sentences = split_sentences(text, "fr")
    assert len(sentences) == 40_000


def test_segmenting_text_without_spaces_is_linear() -> None:
    text = "a." * 200_000 + " Fin."
    with within(5):
        split_sentences(text, "fr")


@given(st.text(alphabet="ab.!? «»\n@w:/", max_size=80))
def test_sentences_are_stripped_substrings(text: str) -> None:
    for sentence in split_sentences(text, "fr"):
        assert sentence and sentence == sentence.strip() and sentence in text


# -- documents ------------------------------------------------------------------------------


def test_deeply_nested_html_parses_without_recursion() -> None:
    depth = 20_000
    html = "<html><body>" + "<div><p>Le texte.</p>" * depth + "</div>" * depth + "</body></html>"
    with within(10):
        doc = parse_document(html)
    assert render_document(doc) == html
    assert sum(1 for block in doc.blocks if block.text == "Le texte.") == depth


def test_deeply_nested_unclosed_html_parses() -> None:
    html = "<html><body>" + "<div><span>" * 5_000 + "<p>Le texte.</p>"
    doc = parse_document(html)
    assert render_document(doc) == html


_HTML_PIECES = st.sampled_from(
    ["<div>", "</div>", "<p>", "</p>", "<li>", "<ul>", "</ul>", "<b>", "</b>", "texte. ", "\n"]
)


@given(st.lists(_HTML_PIECES, max_size=60))
def test_html_round_trips_whatever_the_nesting(pieces: list[str]) -> None:
    html = "<html><body>" + "".join(pieces)
    assert render_document(parse_document(html)) == html


def test_markdown_with_many_paragraphs_is_linear() -> None:
    text = "# Titre\n\n" + "Oui merci.\n\n" * 100_000
    with within(10):
        doc = parse_document(text, format="md")
    assert len(doc.blocks) > 100_000 - 10


@settings(max_examples=50)
@given(st.text(alphabet="#-*|`~ab\n .", max_size=120))
def test_markdown_round_trips(text: str) -> None:
    doc = parse_document(text, format="md")
    assert render_document(doc) == text.lstrip()


# -- summaries ------------------------------------------------------------------------------


def test_summarising_many_tiny_sentences_keeps_memory_bounded() -> None:
    sentences = [f"Le prix {i} monte." for i in range(20_000)]
    tracemalloc.start()
    try:
        with within(20):
            summary = summarize_sentences(sentences, "fr", 3)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(summary) == 3
    # The N x N overlap matrix alone would be 3.2 GB.
    assert peak < 300e6, f"peak {peak / 1e6:.0f} MB"


def test_lead_aware_overlap_never_builds_the_full_matrix() -> None:
    from sumy.models.dom import Sentence

    from polyglot_press.summarize import language_tools

    tools = language_tools("en")
    sentences = [Sentence(f"Prices rose {i} points.", tools.tokenizer) for i in range(6_000)]
    summarizer = LeadAwareSummarizer(tools.stem, tools.stop_words)
    tracemalloc.start()
    try:
        scores = summarizer.rate(sentences)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(scores) == 6_000
    assert peak < 150e6, f"peak {peak / 1e6:.0f} MB"  # the full matrix: 288 MB


# -- a hostile model file ---------------------------------------------------------------------


def test_a_zeroed_model_bin_in_a_models_folder_is_a_message_in_every_command(
    tmp_path: Path, models_dir: Path, fr_en_package: InstalledPackage
) -> None:
    # Put there by hand (never checked by `models install`): CTranslate2 raised IndexError.
    from typer.testing import CliRunner

    from polyglot_press.cli import app

    models = tmp_path / "models"
    shutil.copytree(models_dir, models)
    model_bin = models / fr_en_package.path.relative_to(models_dir) / "model" / "model.bin"
    model_bin.write_bytes(bytes(model_bin.stat().st_size))
    release = tmp_path / "release.md"
    release.write_text("Le constructeur a présenté sa berline à Lyon.\n", encoding="utf-8")
    runner = CliRunner()
    commands = {
        "translate": ["translate", str(release), "--models", str(models)],
        "brief": ["brief", str(release), "--models", str(models)],
        "batch": [
            *("batch", str(release), "--out", str(tmp_path / "out")),
            *("--models", str(models), "--no-cache"),
        ],
        "models list": ["models", "list", "--models", str(models)],
        "evaluate": ["evaluate", "--models", str(models), "--systems", "polyglot_press"],
    }
    for name, args in commands.items():
        result = runner.invoke(app, [*args, *(["--limit", "1"] if name == "evaluate" else [])])
        output = result.output + (result.stderr or "")
        assert "Traceback" not in output and not isinstance(result.exception, IndexError), name
        assert "not a CTranslate2 model" in output, (name, output[-500:])
        if name not in ("models list", "evaluate"):
            assert result.exit_code == 1, name
            assert "hint: reinstall the fr→en package" in output, name


def test_glossary_context_cues_are_looked_up_not_scanned() -> None:
    # "couple" is *torque* only beside "moteur": each hit once scanned every word of the text
    # (40 s of a 160 KB table's translation).
    from polyglot_press.glossary import load_glossary

    glossary = load_glossary()
    text = " ".join(f"Le couple {i} du moteur {i * 7} atteint {i * 3} Nm." for i in range(6000))
    with within(5.0):
        hits = glossary.match(text, "fr")
    assert len(hits) >= 6000
