"""Fitting a random Transformer's output layer so that its outputs behave like a model's.

Random weights give random logits: outputs either never end or end at once, and a BPE model
ends on an ``@@`` continuation as often as not. Rather than guess an end-of-sentence bias, the
output layer is *fitted*: the random encoder-decoder is run with teacher forcing over the
fixture's parallel corpus, its last hidden state read out at every step, and a softmax
regression from those states to the next target token (``</s>`` after the last) is trained.
Each reference is also continued past its end by a few words labelled "stop"
(:func:`with_overruns`), and a second round refits on the model's own outputs for longer,
shorter and scrambled sources, cut where they should have stopped, so that it also stops on
input unlike its corpus. The network carries the signals this needs in three reserved
dimensions (decoding step, source length, "previous token is an ``@@`` continuation", see
``_network``); one hard constraint is added on top: never stop right after ``@@``.

The result ends after a realistic number of tokens, in target-language subwords, and never on
``@@``; its words are meaningless.

The hidden states are read through CTranslate2 itself, so they are exactly what the saved
model computes: a *probe* copy whose output layer is the identity on ``d_model`` ordinary
vocabulary entries returns them as ``return_logits_vocab`` log-probabilities, up to a constant.

Every CTranslate2 run here quantizes the weights to int8, as the saved model is, but computes in
``float32``: int8 *compute* quantizes activations too, with kernels CTranslate2 picks by CPU
(``CT2_FORCE_CPU_ISA``), so an int8 fit would give other fixtures on another machine. What
must hold whatever the kernel is fitted with a margin in the logits: the end of sentence
(``_END_MARGIN``) and, for ``unk_rate`` models, ``<unk>`` (:func:`_calibrate_unknowns`).
"""

from __future__ import annotations

import copy
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from polyglot_press.testing._network import CLOCK, CONTINUATION

if TYPE_CHECKING:
    import numpy as np

# Output rows for tokens never seen as a target: a logit so low they are never chosen, which is
# also what a trained model does with tokens it never learnt to produce.
_UNUSED_TOKEN_BIAS = -30.0
_READOUT_START = 8
_CONTINUATION_PENALTY = 6.0
_END_MARGIN = 3.0
_RIDGE = 1.0
_STEPS = 200
_LEARNING_RATE = 0.05
_DECAY = 1e-4
_SCALES = (2.0, 4.0, 8.0, 12.0, 16.0, 24.0, 32.0, 48.0)
# The fit runs the model with int8 weights (as saved) and float32 activations, the same on every
# CPU; int8 activations would depend on the kernels CTranslate2 picks for the machine.
_COMPUTE_TYPE = "float32"
# ``unk_rate`` models emit ``<unk>`` on at least this share of the corpus sources (decoded as
# Argos does) even with every ``<unk>`` logit ``_UNK_MARGIN`` lower: several times the few
# tenths by which int8 kernels move the logits of these models (see _calibrate_unknowns).
_UNK_SHARE = 0.15
_UNK_MARGIN = 1.0
_UNK_STEP = 0.25
_UNK_MAX_OFFSET = 12.0
_UNK_TOKEN = "<unk>"


@dataclass(frozen=True, slots=True)
class TrainingPair:
    """One source sentence and its reference, as model tokens (``labels`` may hold ``<unk>``)."""

    source: Sequence[str]
    target: Sequence[str]
    labels: Sequence[str]


def fit_output_layer(
    spec: Any,
    vocabulary: Sequence[str],
    pairs: Sequence[TrainingPair],
    *,
    end_token: str,
    rng: np.random.Generator,
) -> None:
    """Replace ``spec``'s output layer by one fitted on ``pairs`` (see the module docstring).

    Two rounds: teacher forcing on ``pairs``, then the model's own outputs on varied inputs
    (longer, shorter and scrambled sources), relabelled to stop once they pass the length
    their source calls for, so that the model also stops on input unlike its corpus.
    """
    import numpy as np

    features, labels = _hidden_states(spec, vocabulary, pairs, end_token=end_token, rng=rng)
    _set_fitted_projection(spec, vocabulary, features, labels, end_token=end_token, rng=rng)
    # Words the corpus marks unknown (``unk_rate``) stay unknown in the model's own outputs.
    unknown = {
        token
        for pair in pairs
        for token, label in zip(pair.target, pair.labels, strict=False)
        if label == "<unk>" != token
    }
    own = [
        TrainingPair(p.source, p.target, ["<unk>" if t in unknown else t for t in p.labels])
        for p in _own_outputs(spec, pairs, end_token=end_token)
    ]
    if own:
        more_features, more_labels = _hidden_states(
            spec, vocabulary, own, end_token=end_token, rng=rng
        )
        features = np.concatenate([features, more_features])
        _set_fitted_projection(
            spec, vocabulary, features, [*labels, *more_labels], end_token=end_token, rng=rng
        )
    if unknown:
        _calibrate_unknowns(spec, vocabulary, pairs)


def _set_fitted_projection(
    spec: Any,
    vocabulary: Sequence[str],
    features: np.ndarray,
    labels: Sequence[str],
    *,
    end_token: str,
    rng: np.random.Generator,
) -> None:
    import numpy as np

    d_model = int(spec.decoder.embeddings.weight.shape[1])
    index = {token: i for i, token in enumerate(vocabulary)}
    label_ids = np.array([index[label] for label in labels])
    classes = np.unique(label_ids)
    weight, bias = _softmax_regression(features, np.searchsorted(classes, label_ids), len(classes))
    full_weight = _small_noise(rng, len(vocabulary), d_model)
    full_bias = np.full(len(vocabulary), _UNUSED_TOKEN_BIAS, dtype=np.float32)
    full_weight[classes] = weight
    full_bias[classes] = bias
    # A hard constraint on top of the fit: never stop right after an ``@@`` continuation. The
    # signal is ~0 after other tokens (layer norm shifts it a little: compensate) and large
    # after a continuation.
    eos, signal = index[end_token], d_model + CONTINUATION
    full_weight[eos, signal] = -_CONTINUATION_PENALTY
    full_bias[eos] += _CONTINUATION_PENALTY * float(np.median(features[:, signal]))
    _guarantee_an_end(full_weight, full_bias, features, label_ids == eos, eos, classes, d_model)
    spec.decoder.projection.weight = full_weight
    spec.decoder.projection.bias = full_bias


def _guarantee_an_end(
    weight: np.ndarray,
    bias: np.ndarray,
    features: np.ndarray,
    ends: np.ndarray,
    eos: int,
    classes: np.ndarray,
    d_model: int,
) -> None:
    """Give the end token the steepest rise with the decoding step, anchored where references end.

    Far past its end the decoder state is dominated by the step signal (layer norm scales the
    rest down), so whichever token weighs that signal most wins forever: make it the end token.
    Its logit is unchanged where the references stop, lower before, higher after.
    """
    import numpy as np

    clock = d_model + CLOCK
    others = classes[classes != eos]
    steepest = float(weight[others, clock].max()) if len(others) else 0.0
    boost = max(0.0, steepest - float(weight[eos, clock])) + _END_MARGIN
    weight[eos, clock] += boost
    bias[eos] -= boost * float(np.median(features[ends, clock]))


def _calibrate_unknowns(
    spec: Any, vocabulary: Sequence[str], pairs: Sequence[TrainingPair]
) -> None:
    """Raise the ``<unk>`` bias until the model emits it, with a margin, on the corpus sources.

    The fit alone makes ``<unk>`` likely where a reference has an unknown word, but seldom the
    first choice by much: whether a decode emits it then depends on the CPU's int8 kernels.
    The bias is raised in steps of ``_UNK_STEP`` until decoding the corpus sources as Argos
    does emits ``<unk>`` on a share ``_UNK_SHARE`` of them, then by ``_UNK_MARGIN`` more, so
    that as many still would with every ``<unk>`` logit that much lower.
    """
    import math

    import ctranslate2
    import numpy as np

    unk = list(vocabulary).index(_UNK_TOKEN)
    sources = [list(source) for source in dict.fromkeys(tuple(pair.source) for pair in pairs)]
    wanted = max(1, math.ceil(_UNK_SHARE * len(sources)))
    bias = np.array(spec.decoder.projection.bias, dtype=np.float32)
    offset = 0.0
    with tempfile.TemporaryDirectory(prefix="polyglot-press-unk-") as folder:
        while offset < _UNK_MAX_OFFSET:
            model = copy.deepcopy(spec)
            model.decoder.projection.bias = bias.copy()
            model.decoder.projection.bias[unk] += np.float32(offset)
            model.validate()
            model.optimize(quantization="int8")
            model.save(folder)
            translator = ctranslate2.Translator(folder, compute_type=_COMPUTE_TYPE, intra_threads=1)
            results = translator.translate_batch(
                sources, beam_size=4, length_penalty=0.2, max_decoding_length=256
            )
            del translator
            if sum(_UNK_TOKEN in result.hypotheses[0] for result in results) >= wanted:
                break
            offset += _UNK_STEP
    bias[unk] += np.float32(offset + _UNK_MARGIN)
    spec.decoder.projection.bias = bias


def _own_outputs(spec: Any, pairs: Sequence[TrainingPair], *, end_token: str) -> list[TrainingPair]:
    """What the fitted model writes for varied sources, cut where it should have stopped."""
    import statistics

    import ctranslate2

    ratio = statistics.median(len(pair.target) / len(pair.source) for pair in pairs)
    sources = _varied_sources([list(pair.source) for pair in pairs])
    model = copy.deepcopy(spec)
    model.validate()
    model.optimize(quantization="int8")
    expected = [max(2, round(ratio * len(source))) for source in sources]
    outputs: list[list[str]] = []
    with tempfile.TemporaryDirectory(prefix="polyglot-press-fit-") as folder:
        model.save(folder)
        translator = ctranslate2.Translator(folder, compute_type=_COMPUTE_TYPE, intra_threads=1)
        # At least the expected length: where the model stopped early, its forced next tokens
        # become the labels, which teaches it not to.
        for source, length in zip(sources, expected, strict=True):
            [result] = translator.translate_batch(
                [source],
                beam_size=4,
                length_penalty=0.2,
                min_decoding_length=max(1, length // 2),
                disable_unk=True,  # unknowns are for the words the corpus marks, not a default
                max_decoding_length=max(256, length + 1),
            )
            outputs.append(list(result.hypotheses[0]))
        del translator
    relabelled = []
    for source, output, length in zip(sources, outputs, expected, strict=True):
        cut = min(length, len(output))
        while cut < len(output) and output[cut - 1].endswith("@@"):
            cut += 1
        kept = output[:cut]
        while kept and kept[-1].endswith("@@"):
            kept.pop()
        if kept:
            relabelled.append(_overrun(source, kept, output[len(kept) :], end_token))
    return relabelled


def _overrun(
    source: Sequence[str], kept: list[str], beyond: Sequence[str], end_token: str
) -> TrainingPair:
    """``kept`` as is, then up to half as many tokens of ``beyond``, each labelled "stop"
    (except right after an ``@@`` continuation, where the word is completed first)."""
    fill = list(beyond[: max(2, len(kept) // 2)])
    while fill and fill[-1].endswith("@@"):
        fill.pop()
    follow_ups = [
        fill[index] if fill[index - 1].endswith("@@") else end_token
        for index in range(1, len(fill))
    ]
    labels = [*kept, end_token, *follow_ups] if fill else kept
    return TrainingPair(source, [*kept, *fill], labels)


def _varied_sources(sources: list[list[str]]) -> list[list[str]]:
    """Longer (two sentences), shorter (half a sentence) and scrambled versions of ``sources``."""
    varied = []
    for number, source in enumerate(sources):
        following = sources[(number + 1) % len(sources)]
        varied.append(source + following)
        varied.append(source[: max(1, len(source) // 2)])
        varied.append(source[::-1])
    return varied


def _small_noise(rng: np.random.Generator, rows: int, columns: int) -> np.ndarray:
    # Not zeros: int8 quantization divides by each row's largest magnitude.
    import numpy as np

    noise: np.ndarray = rng.standard_normal((rows, columns), dtype=np.float32)
    return noise * np.float32(1e-3)


def _hidden_states(
    spec: Any,
    vocabulary: Sequence[str],
    pairs: Sequence[TrainingPair],
    *,
    end_token: str,
    rng: np.random.Generator,
) -> tuple[np.ndarray, list[str]]:
    """Decoder output states at every teacher-forced step, and the token that should follow."""
    import ctranslate2
    import numpy as np

    d_model = int(spec.decoder.embeddings.weight.shape[1])
    probe = copy.deepcopy(spec)
    readout = _small_noise(rng, len(vocabulary), d_model)
    # Read out through ordinary tokens: CTranslate2 masks some special ones (``<s>``).
    readout[_READOUT_START : _READOUT_START + d_model] = np.eye(d_model, dtype=np.float32)
    probe.decoder.projection.weight = readout
    probe.decoder.projection.bias = np.zeros(len(vocabulary), dtype=np.float32)
    probe.validate()
    probe.optimize(quantization="int8")
    with tempfile.TemporaryDirectory(prefix="polyglot-press-probe-") as folder:
        probe.save(folder)
        translator = ctranslate2.Translator(folder, compute_type=_COMPUTE_TYPE, intra_threads=1)
        results = translator.translate_batch(
            [list(pair.source) for pair in pairs],
            target_prefix=[list(pair.target) for pair in pairs],
            beam_size=1,
            max_decoding_length=max(len(pair.target) for pair in pairs) + 1,
            return_logits_vocab=True,
        )
        del translator
    rows: list[np.ndarray] = []
    labels: list[str] = []
    for pair, result in zip(pairs, results, strict=True):
        steps = np.asarray(result.logits[0][: len(pair.target) + 1], dtype=np.float32)
        # log-probabilities = logits - logsumexp; the other rows hold ~0 logits.
        reference = np.median(steps[:, _READOUT_START + d_model :], axis=1, keepdims=True)
        rows.append(steps[:, _READOUT_START : _READOUT_START + d_model] - reference)
        labels.extend([*pair.labels, end_token])
    return np.concatenate(rows), labels


def _softmax_regression(
    features: np.ndarray, labels: np.ndarray, classes: int
) -> tuple[np.ndarray, np.ndarray]:
    """A linear classifier from states to next tokens, with softmax-calibrated scale.

    Ridge regression onto one-hot labels (one ``d_model``-sized solve, fast enough to run
    for every fixture), then the single scale factor that maximises the softmax likelihood of
    the training labels, so that beam search sees plausible probabilities, not just a ranking.
    """
    import numpy as np

    samples, dims = features.shape
    x = np.hstack([features.astype(np.float64), np.ones((samples, 1))])
    one_hot = np.zeros((samples, classes))
    one_hot[np.arange(samples), labels] = 1.0
    gram = x.T @ x + _RIDGE * np.eye(dims + 1)
    solution = np.linalg.solve(gram, x.T @ one_hot)  # (dims + 1) x classes
    scores = x @ solution
    scale = max(_SCALES, key=lambda factor: _log_likelihood(factor * scores, labels))
    parameters = _refine((scale * solution).astype(np.float32), x.astype(np.float32), one_hot)
    return parameters[:dims].T.copy(), parameters[dims].copy()


def _refine(parameters: np.ndarray, x: np.ndarray, one_hot: np.ndarray) -> np.ndarray:
    """Full-batch Adam on the softmax cross-entropy, from the ridge solution."""
    import numpy as np

    targets = one_hot.astype(np.float32)
    moment = np.zeros_like(parameters)
    square = np.zeros_like(parameters)
    for step in range(1, _STEPS + 1):
        logits = x @ parameters
        logits -= logits.max(axis=1, keepdims=True)
        probabilities = np.exp(logits)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        gradient = x.T @ (probabilities - targets) / len(x) + _DECAY * parameters
        moment = 0.9 * moment + 0.1 * gradient
        square = 0.999 * square + 0.001 * gradient * gradient
        step_size = _LEARNING_RATE * np.sqrt(1 - 0.999**step) / (1 - 0.9**step)
        parameters -= step_size * moment / (np.sqrt(square) + 1e-7)
    return parameters


def _log_likelihood(logits: np.ndarray, labels: np.ndarray) -> float:
    import numpy as np

    shifted = logits - logits.max(axis=1, keepdims=True)
    log_normalizer = np.log(np.exp(shifted).sum(axis=1))
    return float((shifted[np.arange(len(labels)), labels] - log_normalizer).sum())


def with_overruns(pairs: Sequence[TrainingPair], end_token: str) -> list[TrainingPair]:
    """Each pair continued past its end by words of the next reference, labelled "stop".

    Teacher forcing alone only ever shows the model stopping *at* the end of a reference; a
    model run on unseen input also needs to have learnt to stop when it has gone past the
    length its source calls for. Each continuation is labelled ``end_token`` at every step,
    except right after an ``@@`` continuation, where the word is completed first: that is also
    what keeps outputs from ending on ``@@``.
    """
    extended = []
    for number, pair in enumerate(pairs):
        donor = pairs[(number + 1) % len(pairs)].target
        overrun = _overrun(pair.source, list(pair.target), donor, end_token)
        labels = [*pair.labels, *overrun.labels[len(pair.labels) :]]
        extended.append(TrainingPair(pair.source, overrun.target, labels))
    return extended
