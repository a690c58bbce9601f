"""The CTranslate2 backend: loads an Argos package's ``model/`` and its tokenizer.

CTranslate2 reads both model layouts Argos packages ship — the current one (``model.bin``,
``config.json``, ``shared_vocabulary.json``) and the one argos-train wrote with CTranslate2 1.x
(``model.bin`` version 4 with ``shared_vocabulary.txt``, no ``config.json``) — and applies a
Marian conversion's ``add_source_eos`` from ``config.json`` itself, so token sequences go in
exactly as the tokenizer makes them, as in argostranslate.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from polyglot_press.errors import ModelError
from polyglot_press.translate._backend import DecodeRequest, Hypothesis, SubwordTokenizer
from polyglot_press.translate._options import EngineOptions
from polyglot_press.translate._tokenizers import load_tokenizer

if TYPE_CHECKING:
    from polyglot_press.packages import InstalledPackage


class CTranslate2Backend:
    """Loads packages with ``ctranslate2.Translator`` on the device and threads of ``options``."""

    def __init__(self, options: EngineOptions | None = None) -> None:
        self.options = options or EngineOptions()

    def load(self, package: InstalledPackage) -> CTranslate2Model:
        import ctranslate2

        from polyglot_press.packages._metadata import check_model_file

        model_dir = package.path / "model"
        hint = f"reinstall the {package.pair} package (polyglot-press models install ...)"
        if not (model_dir / "model.bin").exists():
            raise ModelError(
                f"{package.pair} package is missing {model_dir / 'model.bin'}", hint=hint
            )
        try:
            # A zeroed, cut or replaced model.bin put in a models folder by hand (never checked
            # by `models install`) is refused here, before CTranslate2 raises an IndexError.
            check_model_file(package.path)
        except ModelError as error:
            raise ModelError(f"the {package.pair} package: {error.message}", hint=hint) from None
        tokenizer = load_tokenizer(package.path, package.source, package.target)
        options = self.options
        compute_type = options.compute_type or ("int8" if options.device == "cpu" else "auto")
        try:
            translator = ctranslate2.Translator(
                str(model_dir),
                device=options.device,
                compute_type=compute_type,
                inter_threads=options.inter_threads,
                intra_threads=options.threads,
            )
        except Exception as error:  # CTranslate2 raises RuntimeError, IndexError, ValueError...
            raise ModelError(
                f"cannot load the {package.pair} package at {package.path}: {error}", hint=hint
            ) from error
        prefix = (package.target_prefix,) if package.target_prefix else ()
        return CTranslate2Model(translator, tokenizer, prefix)


class CTranslate2Model:
    """A loaded ``ctranslate2.Translator`` with its tokenizer and target prefix."""

    def __init__(
        self, translator: Any, tokenizer: SubwordTokenizer, target_prefix: tuple[str, ...]
    ) -> None:
        self.translator = translator
        self._tokenizer = tokenizer
        # Argos packages may name one target-prefix token (e.g. a language tag), used as is.
        self.target_prefix = target_prefix

    @property
    def tokenizer(self) -> SubwordTokenizer:
        return self._tokenizer

    def translate_batches(
        self, jobs: Sequence[tuple[Sequence[Sequence[str]], DecodeRequest]]
    ) -> list[list[list[Hypothesis]]]:
        # Submitted asynchronously, so that with inter_threads > 1 the translator's replicas
        # decode several batches at once: on CPU, two one-thread replicas decode about twice
        # as fast as one two-thread translator (benchmarks/bench_translate.py).
        pending = [self._submit(batch, request) for batch, request in jobs]
        return [
            [self._hypotheses(result.result(), request) for result in results]
            for results, (_, request) in zip(pending, jobs, strict=True)
        ]

    def translate_batch(
        self, batch: Sequence[Sequence[str]], request: DecodeRequest
    ) -> list[list[Hypothesis]]:
        """One n-best list per token sequence of one batch."""
        return self.translate_batches([(batch, request)])[0]

    def _submit(self, batch: Sequence[Sequence[str]], request: DecodeRequest) -> Any:
        prefix = list(self.target_prefix)
        return self.translator.translate_batch(
            [list(tokens) for tokens in batch],
            target_prefix=[prefix for _ in batch] if prefix else None,
            max_batch_size=len(batch),
            beam_size=request.beam_size,
            num_hypotheses=max(1, min(request.num_hypotheses, request.beam_size)),
            length_penalty=request.length_penalty,
            replace_unknowns=request.replace_unknowns,
            max_decoding_length=request.max_decoding_length + len(prefix),
            no_repeat_ngram_size=request.no_repeat_ngram_size,
            repetition_penalty=request.repetition_penalty,
            return_scores=True,
            return_attention=request.return_attention,
            asynchronous=True,
        )

    def _hypotheses(self, output: Any, request: DecodeRequest) -> list[Hypothesis]:
        skip = len(self.target_prefix)
        attention = output.attention if request.return_attention else None
        hypotheses = []
        for rank, tokens in enumerate(output.hypotheses):
            # CTranslate2's lists are used as they are: copying them costs more than decoding.
            weights: Sequence[Sequence[float]] = attention[rank][skip:] if attention else ()
            score = float(output.scores[rank]) if output.scores else None
            hypotheses.append(Hypothesis(tuple(tokens[skip:]), score, weights))
        return hypotheses
