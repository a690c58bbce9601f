"""The engine decodes in bounded windows and honours per-document limits (issue 19).

Windows bound the memory of a call (hypotheses and attention are let go window by window) and
change no output; ``document_limits`` refuses a document with too many sentences before
decoding it and stops one that runs past its time, and refuses it at once when it comes back.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from polyglot_press.packages import InstalledPackage
from polyglot_press.testing import FakeBackend
from polyglot_press.testing._fake_backend import FakeModel
from polyglot_press.translate import (
    DecodeRequest,
    DocumentLimitError,
    EngineOptions,
    Hypothesis,
    SourceSentence,
    SubwordTokenizer,
    TranslationEngine,
    _decode,
    _enforce,
    _engine,
    document_limits,
)

FR_EN = InstalledPackage("fr", "en", "1.0", Path("/packages/fr_en"), 0, "models-dir")

#: A Markdown table: every row has spans (numbers, ``|`` markup), so it is decoded with attention.
TABLE = "\n".join(
    f"| Modèle {i} | La batterie de {40 + i} kWh offre {300 + i} km. | {i * 100} € |"
    for i in range(1, 61)
)


def _translate(engine: TranslationEngine, texts: list[str], groups: list[str]) -> list[object]:
    return [
        (sentence.text, sentence.enforcement, sentence.spans, sentence.score, sentence.warning)
        for translation in engine.translate_texts(
            texts, [FR_EN], source_lang="fr", target_lang="en", groups=groups
        )
        for sentence in translation.sentences
    ]


def test_windows_change_no_output_of_a_real_model(
    fr_en_package: InstalledPackage, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = TranslationEngine(EngineOptions(threads=1, inter_threads=2, max_batch_tokens=256))
    texts = [TABLE, "Le prix de base est fixé à 45 900 euros. Les commandes ouvrent le 3 mars."]

    def run() -> list[object]:
        return [
            (s.text, s.enforcement, s.spans, s.score, s.warning)
            for t in engine.translate_texts(
                texts, [fr_en_package], source_lang="fr", target_lang="en", groups=["a", "b"]
            )
            for s in t.sentences
        ]

    whole = run()
    monkeypatch.setattr(_decode, "WINDOW_TOKENS", 64)  # a window or two per batch
    assert run() == whole


class _Recording:
    """A FakeBackend whose models note each submission of batches in ``events``."""

    def __init__(self, events: list[str]) -> None:
        self.fake = FakeBackend()
        self.events = events

    def load(self, package: InstalledPackage) -> _RecordingModel:
        return _RecordingModel(self.fake.load(package), self.events)


class _RecordingModel:
    def __init__(self, model: FakeModel, events: list[str]) -> None:
        self.model = model
        self.events = events

    @property
    def tokenizer(self) -> SubwordTokenizer:
        return self.model.tokenizer

    def translate_batch(
        self, batch: Sequence[Sequence[str]], request: DecodeRequest
    ) -> list[list[Hypothesis]]:
        return self.translate_batches([(batch, request)])[0]

    def translate_batches(
        self, jobs: Sequence[tuple[Sequence[Sequence[str]], DecodeRequest]]
    ) -> list[list[list[Hypothesis]]]:
        self.events.append("decode")
        return self.model.translate_batches(jobs)


def test_each_window_is_enforced_before_the_next_is_decoded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    events: list[str] = []
    enforce = _enforce.enforce

    def enforced(*args: Any, **kwargs: Any) -> Any:
        events.append("enforce")
        return enforce(*args, **kwargs)

    monkeypatch.setattr(_engine, "enforce", enforced)
    monkeypatch.setattr(_decode, "WINDOW_TOKENS", 200)
    engine = TranslationEngine(EngineOptions(max_batch_tokens=100), backend=_Recording(events))
    windowed = _translate(engine, [TABLE], ["a"])
    decodes = [i for i, event in enumerate(events) if event == "decode"]
    assert len(decodes) > 3
    # Sentences are enforced between two windows, not all after the last one.
    assert "enforce" in events[decodes[0] : decodes[1]]
    monkeypatch.setattr(_decode, "WINDOW_TOKENS", 10**9)
    events.clear()
    assert _translate(engine, [TABLE], ["a"]) == windowed
    assert events.count("decode") == 1


def test_a_document_of_more_texts_than_the_cap_is_refused_before_its_spans(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each non-blank text is a sentence at least: the cap is checked on them first."""
    planned: list[str] = []
    real = _engine.verbatim_spans

    def recorded(text: str, *args: Any, **kwargs: Any) -> Any:
        planned.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(_engine, "verbatim_spans", recorded)
    engine = TranslationEngine(backend=FakeBackend())
    texts = [f"Ligne {i}." for i in range(5)] + ["  ", ""]
    with document_limits(max_sentences=4), pytest.raises(DocumentLimitError) as raised:
        engine.translate_texts(texts, [FR_EN], source_lang="fr", target_lang="en")
    assert "at least 5 sentences" in raised.value.message and "limit of 4" in raised.value.message
    assert planned == []
    with document_limits(max_sentences=5):  # five texts, blank ones not counted: under the cap
        done = engine.translate_texts(texts[:5], [FR_EN], source_lang="fr", target_lang="en")
    assert len(done) == 5 and len(planned) == 5


def test_a_document_over_the_sentence_cap_is_refused_before_decoding() -> None:
    backend = FakeBackend()
    engine = TranslationEngine(backend=backend)
    sentences = [SourceSentence(f"Phrase numéro {i} du texte.") for i in range(5)]
    with document_limits(max_sentences=4), pytest.raises(DocumentLimitError) as raised:
        engine.translate_sentences(sentences + sentences[:1], [FR_EN], groups=["a"] * 6)
    assert "6 sentences" in raised.value.message and "limit of 4" in raised.value.message
    assert raised.value.hint is not None and "--max-sentences" in raised.value.hint
    assert backend.decoded == []
    with document_limits(max_sentences=4):  # two documents of three: each under the cap
        done = engine.translate_sentences(
            sentences + sentences[:1], [FR_EN], groups=["a"] * 3 + ["b"] * 3
        )
    assert len(done) == 6


def test_a_document_past_its_time_is_stopped_and_refused_when_it_returns() -> None:
    backend = FakeBackend()
    engine = TranslationEngine(backend=backend)
    sentences = [SourceSentence(f"Phrase numéro {i} du texte.") for i in range(3)]
    with document_limits(timeout=0.0):
        with pytest.raises(DocumentLimitError) as raised:
            engine.translate_sentences(sentences, [FR_EN], groups=["a"] * 3)
        assert "longer than the limit of 0 s" in raised.value.message
        assert raised.value.hint is not None and "--timeout" in raised.value.hint
        decoded = len(backend.decoded)
        with pytest.raises(DocumentLimitError):  # the same document again: refused at once
            engine.translate_sentences(sentences, [FR_EN], groups=["z"] * 3)
        assert len(backend.decoded) == decoded


def test_outside_a_limits_block_nothing_is_limited() -> None:
    engine = TranslationEngine(backend=FakeBackend())
    sentences = [SourceSentence(f"Phrase numéro {i}.") for i in range(30)]
    with document_limits(timeout=None, max_sentences=None):
        assert len(engine.translate_sentences(sentences, [FR_EN])) == 30
    assert len(engine.translate_sentences(sentences, [FR_EN])) == 30
