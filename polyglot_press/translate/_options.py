"""How the engine decodes: one frozen options object shared by the engine and its backend."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Literal, NoReturn

from polyglot_press.errors import PolyglotPressError

#: The widest beam :class:`EngineOptions` accepts (argostranslate uses 4).
MAX_BEAM_SIZE = 64


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

    def __post_init__(self) -> None:
        """Refuse values CTranslate2 would crash on, or that would exhaust memory."""
        for name, low, high in _INTEGER_RANGES:
            _check_integer(name, getattr(self, name), low, high)
        for name, lowest, highest in _NUMBER_RANGES:
            _check_number(name, getattr(self, name), lowest, highest)
        for name in ("replace_unknowns", "stitch_unmet"):
            if not isinstance(getattr(self, name), bool):
                _refuse(name, getattr(self, name), "True or False")
        if self.device not in ("cpu", "cuda"):
            _refuse("device", self.device, "'cpu' or 'cuda'")
        if self.compute_type is not None and self.compute_type not in _COMPUTE_TYPES:
            _refuse("compute_type", self.compute_type, ", ".join(sorted(_COMPUTE_TYPES)))
        if self.span_strategy not in ("auto", "segmented"):
            _refuse("span_strategy", self.span_strategy, "'auto' or 'segmented'")

    def output_relevant(self) -> EngineOptions:
        """These options less those that change speed but not output (thread counts)."""
        return dataclasses.replace(self, threads=0, inter_threads=1)


# (name, lowest, highest) of the integer options. The beam is bounded because CTranslate2
# allocates beam x batch x length states up front (beam_size=100000 was OOM-killed at 24 GB).
_INTEGER_RANGES = (
    ("beam_size", 1, MAX_BEAM_SIZE),
    ("num_hypotheses", 1, MAX_BEAM_SIZE),
    ("threads", 0, 1024),
    ("inter_threads", 1, 256),
    ("max_batch_tokens", 1, 1_000_000),
    ("max_length_extra", 0, 100_000),
    ("no_repeat_ngram_size", 0, 1_000),
)
_NUMBER_RANGES = (
    ("length_penalty", -100.0, 100.0),
    ("max_length_ratio", 0.0, 100.0),
    ("repetition_penalty", 1e-6, 100.0),
)
_COMPUTE_TYPES = frozenset(
    {
        "default",
        "auto",
        "int8",
        "int8_float32",
        "int8_float16",
        "int8_bfloat16",
        "int16",
        "float16",
        "bfloat16",
        "float32",
    }
)


def _refuse(name: str, value: object, wanted: str) -> NoReturn:
    raise PolyglotPressError(
        f"EngineOptions({name}={value!r}) is not a valid setting",
        hint=f"{name} must be {wanted}",
    )


def _check_integer(name: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        _refuse(name, value, f"a whole number from {low} to {high}")


def _check_number(name: str, value: object, low: float, high: float) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not low <= value <= high
    ):
        _refuse(name, value, f"a number from {low:g} to {high:g}")
