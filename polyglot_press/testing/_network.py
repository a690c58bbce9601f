"""Random Transformer weights in the two architectures real Argos packages use.

* OPUS-MT (Marian, converted by ``ct2-marian-converter``): post-norm, Swish feed-forward,
  embeddings tied across encoder and decoder, decoding starts from a zero embedding, ``</s>``
  appended to the source (``add_source_eos``).
* argos-train (OpenNMT-py 2.x, ``ct2-opennmt-py-converter``): pre-norm with a final layer norm,
  ReLU, separate source and target embeddings over one shared vocabulary.

The output layer is left to :mod:`polyglot_press.testing._fit`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import numpy as np

PackageSize = Literal["tiny", "small", "base"]


@dataclass(frozen=True, slots=True)
class Architecture:
    """Transformer dimensions, and the subword vocabulary sizes that go with them."""

    layers: int
    d_model: int
    heads: int
    ffn: int
    vocab_size: int
    bpe_merges: int


ARCHITECTURES: dict[str, Architecture] = {
    "tiny": Architecture(2, 64, 2, 128, vocab_size=800, bpe_merges=400),
    "small": Architecture(3, 256, 4, 1024, vocab_size=4000, bpe_merges=1500),
    "base": Architecture(6, 512, 8, 2048, vocab_size=16000, bpe_merges=3000),
}


def random_transformer(
    architecture: Architecture, vocabulary: list[str], *, marian: bool, rng: np.random.Generator
) -> Any:
    """A ``ctranslate2.specs.TransformerSpec`` with random weights and a blank output layer."""
    import ctranslate2
    import numpy as np

    activation = ctranslate2.specs.Activation.SWISH if marian else ctranslate2.specs.Activation.RELU
    spec = ctranslate2.specs.TransformerSpec.from_config(
        (architecture.layers, architecture.layers),
        architecture.heads,
        pre_norm=not marian,
        activation=activation,
    )
    # Post-norm re-normalises the residual stream after every branch: small branches keep the
    # signals below from fading layer after layer (the usual scaled initialisation).
    _Filler(architecture, rng, branch_scale=0.3 if marian else 1.0).fill(spec)
    d_model, size = architecture.d_model, len(vocabulary)
    source_embeddings = _embedding_matrix(rng, size, d_model)
    spec.encoder.embeddings[0].weight = source_embeddings
    spec.decoder.embeddings.weight = (
        source_embeddings if marian else _embedding_matrix(rng, size, d_model)
    )
    if marian:
        spec.decoder.start_from_zero_embedding = True
        spec.config.add_source_eos = True
    _add_length_signals(spec, vocabulary, architecture)
    spec.decoder.projection.weight = np.zeros((size, d_model), dtype=np.float32)
    spec.decoder.projection.bias = np.zeros(size, dtype=np.float32)
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    return spec


# The last three model dimensions carry signals a trained model learns to track, so that a
# fitted output layer can read them linearly: how far the decoder is (CLOCK), how long the
# source is (SOURCE_LENGTH) and whether the previous token is an ``@@`` continuation.
CLOCK, SOURCE_LENGTH, CONTINUATION = -1, -2, -3
# The clock and source-length signals rise over the first few dozen positions, then level off:
# unbounded, they would swamp every other dimension once layer norm rescales a long sequence.
_RAMP_HEIGHT = 4.0
_RAMP_LENGTH = 40.0
_POSITIONS = 1024  # rows of the stored position tables (CTranslate2 truncates input at 1024)
_CONTINUATION_VALUE = 4.0


def _add_length_signals(spec: Any, vocabulary: list[str], architecture: Architecture) -> None:
    """Reserve the signal dimensions: no layer writes them, positions and one head feed them.

    * embeddings are zero there, except CONTINUATION for ``@@`` tokens;
    * the stored position tables are sinusoidal elsewhere and ramp up on CLOCK (decoder) and
      SOURCE_LENGTH (encoder);
    * no residual branch writes them, except one head of the first decoder cross-attention,
      made to attend uniformly, which copies the mean source position (half the source
      length) into SOURCE_LENGTH.
    """
    import numpy as np

    d_model = architecture.d_model
    reserved = [d_model + CLOCK, d_model + SOURCE_LENGTH, d_model + CONTINUATION]
    continuation = np.array([token.endswith("@@") for token in vocabulary])
    for embeddings in {
        id(e): e for e in (spec.encoder.embeddings[0], spec.decoder.embeddings)
    }.values():
        weight = embeddings.weight
        weight[:, reserved] = 0.0
        weight[continuation, d_model + CONTINUATION] = _CONTINUATION_VALUE / np.sqrt(d_model)
    positions = np.arange(_POSITIONS, dtype=np.float32)
    ramp = _RAMP_HEIGHT * (1 - np.exp(-positions / np.float32(_RAMP_LENGTH)))
    for stack, dimension in ((spec.encoder, SOURCE_LENGTH), (spec.decoder, CLOCK)):
        table = _sinusoids(_POSITIONS, d_model)
        table[:, reserved] = 0.0
        table[:, d_model + dimension] = ramp
        stack.position_encodings.encodings = table
        for layer in stack.layer:
            branches = [layer.self_attention.linear[-1], layer.ffn.linear_1]
            if hasattr(layer, "attention"):
                branches.append(layer.attention.linear[-1])
            for branch in branches:
                branch.weight[reserved] = 0.0
    _copy_source_length(spec.decoder.layer[0].attention, architecture)


def _copy_source_length(attention: Any, architecture: Architecture) -> None:
    d_model = architecture.d_model
    head_size = d_model // architecture.heads
    last_head = slice(d_model - head_size, d_model)
    channel = d_model - 1  # the last value channel of the last head
    attention.linear[0].weight[last_head] = 0.0  # zero queries: uniform attention
    keys_values = attention.linear[1].weight  # keys in rows [0, d), values in [d, 2d)
    keys_values[d_model + channel] = 0.0
    keys_values[d_model + channel, d_model + SOURCE_LENGTH] = 1.0
    output = attention.linear[2].weight
    output[:, channel] = 0.0
    output[d_model + SOURCE_LENGTH, channel] = 1.0


def _sinusoids(positions: int, d_model: int) -> np.ndarray:
    """The usual sinusoidal table, sines in the first half and cosines in the second."""
    import numpy as np

    half = d_model // 2
    rates = np.power(10000.0, -np.arange(half) / half)
    angles = np.arange(positions)[:, None] * rates[None, :]
    return np.concatenate([np.sin(angles), np.cos(angles)], axis=1).astype(np.float32)


def _embedding_matrix(rng: np.random.Generator, rows: int, d_model: int) -> np.ndarray:
    import numpy as np

    weights: np.ndarray = rng.standard_normal((rows, d_model), dtype=np.float32)
    return weights / np.float32(np.sqrt(d_model))


@dataclass(frozen=True, slots=True)
class _Filler:
    architecture: Architecture
    rng: np.random.Generator
    branch_scale: float

    def fill(self, spec: Any) -> None:
        for layer in spec.encoder.layer:
            self._attention(layer.self_attention, fused=True)
            self._feed_forward(layer.ffn)
        for layer in spec.decoder.layer:
            self._attention(layer.self_attention, fused=True)
            self._attention(layer.attention, fused=False)
            self._feed_forward(layer.ffn)
        for stack in (spec.encoder, spec.decoder):
            if hasattr(stack, "layer_norm"):  # pre-norm models end with a layer norm
                self._layer_norm(stack.layer_norm)

    def _matrix(self, rows: int, columns: int) -> np.ndarray:
        import numpy as np

        weights: np.ndarray = self.rng.standard_normal((rows, columns), dtype=np.float32)
        return weights / np.float32(np.sqrt(columns))

    def _linear(self, layer: Any, rows: int, columns: int, *, branch_output: bool = False) -> None:
        import numpy as np

        scale = self.branch_scale if branch_output else 1.0
        layer.weight = self._matrix(rows, columns) * np.float32(scale)
        layer.bias = np.zeros(rows, dtype=np.float32)

    def _layer_norm(self, layer: Any) -> None:
        import numpy as np

        layer.gamma = np.ones(self.architecture.d_model, dtype=np.float32)
        layer.beta = np.zeros(self.architecture.d_model, dtype=np.float32)

    def _attention(self, attention: Any, *, fused: bool) -> None:
        d_model = self.architecture.d_model
        self._layer_norm(attention.layer_norm)
        if fused:
            self._linear(attention.linear[0], 3 * d_model, d_model)
            self._linear(attention.linear[1], d_model, d_model, branch_output=True)
        else:
            self._linear(attention.linear[0], d_model, d_model)
            self._linear(attention.linear[1], 2 * d_model, d_model)
            self._linear(attention.linear[2], d_model, d_model, branch_output=True)

    def _feed_forward(self, ffn: Any) -> None:
        d_model, inner = self.architecture.d_model, self.architecture.ffn
        self._layer_norm(ffn.layer_norm)
        self._linear(ffn.linear_0, inner, d_model)
        self._linear(ffn.linear_1, d_model, inner, branch_output=True)
