"""Translation: Argos packages through a pluggable backend, with spans enforced in place.

Data flow::

    texts ──split──▶ SourceSentence(text, spans) ──plan──▶ model input + constraints + tags
          ──backend: one decode, n-best + attention──▶ enforce (as_is / nbest / aligned)
          ──last resort──▶ stitch pieces (fallback; not_met for verb-final targets)
          ──▶ SentenceTranslation ──join──▶ TextTranslation

Public API:

- :class:`TranslationEngine` ``(options=None, *, memory=None, backend=None)``:
  ``load(package)``, ``unload()``,
  ``translate_sentences(sentences, route) -> list[SentenceTranslation]`` and
  ``translate_texts(texts, route, *, source_lang, target_lang, extra_spans=None,
  markup="md") -> list[TextTranslation]``. A route is one
  :class:`~polyglot_press.packages.InstalledPackage` or two pivoting through English.
- :class:`EngineOptions`: decoding settings (argostranslate's beam 4, length penalty 0.2 and
  ``replace_unknowns`` by default), threads and limits.
- :class:`SourceSentence`, :class:`SentenceTranslation`, :class:`TextTranslation`: what goes
  in and out. ``SentenceTranslation.enforcement`` says how the sentence's spans were met
  (:data:`Enforcement`: ``as_is``, ``nbest``, ``aligned``, ``fallback``, ``not_met``,
  ``failed``, ``memory``); ``TextTranslation.enforcement_counts()`` counts them.
- The backend seam: :class:`TranslationBackend` loads a package into a :class:`LoadedModel`
  (a :class:`SubwordTokenizer` plus ``translate_batch(tokens, DecodeRequest) ->`` n-best
  :class:`Hypothesis` lists). :class:`CTranslate2Backend` is the real one;
  ``polyglot_press.testing.FakeBackend`` is the test double.
- Tokenizers: :func:`load_tokenizer` picks :class:`SentencePieceTokenizer` or
  :class:`BpeTokenizer` (OPUS-MT BPE) from a package's files, as argostranslate does.
- :func:`document_limits` ``(timeout=None, max_sentences=None)``: within the block, a group
  (document) with more sentences, or whose decoding takes longer, raises
  :class:`DocumentLimitError` (the pipeline fails that document; the others go on).
- :class:`TranslationMemory`: a SQLite cache of sentence translations
  (:func:`default_memory_path`).
"""

from __future__ import annotations

from polyglot_press.translate._backend import (
    DecodeRequest,
    Hypothesis,
    LoadedModel,
    ParallelModel,
    SubwordTokenizer,
    TranslationBackend,
)
from polyglot_press.translate._ctranslate2 import CTranslate2Backend, CTranslate2Model
from polyglot_press.translate._engine import VERB_FINAL_LANGUAGES, TranslationEngine
from polyglot_press.translate._forms import find_form, korean_number_runs, number_values
from polyglot_press.translate._limits import (
    DocumentLimitError,
    DocumentLimits,
    document_limits,
)
from polyglot_press.translate._memory import (
    MemoryStats,
    TranslationMemory,
    default_memory_path,
    memory_key,
)
from polyglot_press.translate._options import EngineOptions
from polyglot_press.translate._results import (
    ENFORCEMENT_PATHS,
    Enforcement,
    SentenceTranslation,
    SourceSentence,
    TextTranslation,
)
from polyglot_press.translate._tokenizers import (
    BpeTokenizer,
    SentencePieceTokenizer,
    TokenizerFamily,
    load_tokenizer,
    tokenizer_family,
)

__all__ = [
    "ENFORCEMENT_PATHS",
    "VERB_FINAL_LANGUAGES",
    "BpeTokenizer",
    "CTranslate2Backend",
    "CTranslate2Model",
    "DecodeRequest",
    "DocumentLimitError",
    "DocumentLimits",
    "Enforcement",
    "EngineOptions",
    "Hypothesis",
    "LoadedModel",
    "MemoryStats",
    "ParallelModel",
    "SentencePieceTokenizer",
    "SentenceTranslation",
    "SourceSentence",
    "SubwordTokenizer",
    "TextTranslation",
    "TokenizerFamily",
    "TranslationBackend",
    "TranslationEngine",
    "TranslationMemory",
    "default_memory_path",
    "document_limits",
    "find_form",
    "korean_number_runs",
    "load_tokenizer",
    "memory_key",
    "number_values",
    "tokenizer_family",
]
