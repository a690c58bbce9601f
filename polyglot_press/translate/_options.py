"""How the engine decodes: one frozen options object shared by the engine and its backend."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class EngineOptions:
    """How the engine runs CTranslate2.

    Decoding follows argostranslate where it changes the words: ``beam_size`` 4 and
    ``length_penalty`` 0.2 (``argostranslate/translate.py``), and unknown target tokens are
    replaced by the source token they attend to (``replace_unknowns``), so that ``<unk>`` never
    reaches the output. ``num_hypotheses`` is how many of the beam's hypotheses the engine gets
    back for sentences with spans to enforce (at most ``beam_size``); it picks among them before
    repairing anything. ``compute_type`` ``None`` means int8 on CPU (what Argos packages are
    quantized for) and ``auto`` on CUDA.

    Two limits differ from argostranslate, on purpose: each output may have at most
    ``max_length_ratio`` × source tokens + ``max_length_extra`` tokens (argostranslate allows
    CTranslate2's default 256, which lets a looping model run on), and ``no_repeat_ngram_size``
    stops repetition loops ("word salad") early; neither changes a normal translation.

    ``threads`` is CTranslate2's ``intra_threads``, the threads one batch uses (0: CTranslate2's
    default). ``inter_threads`` is how many batches a translator runs at once: the engine submits
    all batches of a call together, so they spread over the replicas, and calls from several
    worker threads share them too (each replica holds its own working memory). On CPU,
    ``threads=1, inter_threads=N`` decodes about twice as fast as ``threads=N`` on N cores
    (benchmarks/bench_translate.py).
    ``span_strategy="segmented"`` translates the text between spans piece by piece for every
    sentence with spans (the last-resort repair, forced); ``"auto"`` starts from one
    full-sentence translation. ``stitch_unmet``: a sentence whose spans the full translation
    cannot hold is re-translated piece by piece and stitched (off by default: the whole
    translation is kept and the missing spans are flagged, since stitching breaks sentences).
    """

    beam_size: int = 4
    length_penalty: float = 0.2
    num_hypotheses: int = 4
    replace_unknowns: bool = True
    device: Literal["cpu", "cuda"] = "cpu"
    compute_type: str | None = None
    threads: int = 0
    inter_threads: int = 1
    max_batch_tokens: int = 4096
    max_length_ratio: float = 2.0
    max_length_extra: int = 10
    no_repeat_ngram_size: int = 6
    repetition_penalty: float = 1.0
    span_strategy: Literal["auto", "segmented"] = "auto"
    stitch_unmet: bool = False

    def output_relevant(self) -> EngineOptions:
        """These options less those that change speed but not output (thread counts)."""
        return dataclasses.replace(self, threads=0, inter_threads=1)
