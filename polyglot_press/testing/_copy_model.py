"""A tiny CTranslate2 Transformer whose weights are fitted, not random: it copies its input.

Random weights only exercise failure paths. This model behaves like a trained one where the
engine relies on it: spans come through as written, attention is diagonal, ``<unk>`` appears
exactly where the source had a character the vocabulary lacks (and CTranslate2's
``replace_unknowns`` copies it back), and outputs end with ``</s>`` after the last source token.

The weights are set analytically, in closed form, so building takes well under a second:

- every token has a random unit code in the first ``CODE_DIMS`` dimensions; every position has a
  Fourier code (cosines and sines of ``2πkn/MAX_POSITIONS``) in the last ``2 * FREQUENCIES``,
  whose dot products peak sharply at equal positions;
- the encoder passes ``code(token) + code(position)`` through (attention and feed-forward
  outputs are zero); the decoder ignores the tokens it has produced (zero embeddings) and its
  cross-attention matches its own position against the source positions, so step ``t`` reads
  source token ``t``;
- the output layer scores every vocabulary code against what was read. Past the last source
  token the decoder reads a blur of all of them, and ``</s>`` is scored on how weak the read
  was (see ``_CONSTANT_DIM``), which works with CTranslate2's int8 kernels as in float32.

The package has the argos-train layout: one SentencePiece unigram model without byte fallback
(``character_coverage`` 0.9995) and the OpenNMT-py vocabulary order ``<unk>``, ``<blank>``,
``<s>``, ``</s>``.
"""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

CODE_DIMS = 120
FREQUENCIES = 64
MAX_POSITIONS = 2 * FREQUENCIES
# Dimensions 120..127 are spare: the decoder's position code carries a constant in one (and
# its negative in another, so that layer norms only rescale). After the last layer norm that
# constant is large when the decoder read a blur and small when it read a clean match (a strong
# code inflates the norm), which is what ``</s>`` is scored on.
_CONSTANT_DIM = CODE_DIMS
_BALANCE_DIM = CODE_DIMS + 1
_CONSTANT = 2.0
_POSITION_START = 128
_D_MODEL = _POSITION_START + 2 * FREQUENCIES
_SHARPNESS = 24.0  # cross-attention logit gap between the matching position and the rest
_VALUE_SCALE = 0.7  # a clean match reads a code about twice the decoder's position code
_DECODER_POSITION_SCALE = 4.0
_MATCH_LOGIT = 30.0  # output logit of the token read by a clean match
_EOS_MARGIN = 40.0  # </s> logit at a clean match (negated) and at a half-and-half blur
_SPECIALS = ("<unk>", "<blank>", "<s>", "</s>")

_CORPUS = (
    "Le constructeur a présenté sa nouvelle voiture électrique à Paris le 12 mars 2025.",
    "Les ventes ont progressé de 12,5 % pour atteindre 300 000 unités en Europe.",
    "Contact presse : presse@lumen-auto.example, +33 1 23 45 67 89, https://lumen-auto.example.",
    "The carmaker unveiled its electric saloon in Busan; deliveries start in spring.",
    "La batterie de 94 kWh se recharge en 30 minutes sur une borne rapide.",
    "Le directeur général a salué l'engagement des équipes de l'usine.",
    "Plus d'informations sur www.lumen-auto.example/presse ou au 01 23 45 67 89.",
)


def build_copy_package(
    dest_dir: Path,
    source: str = "fr",
    target: str = "en",
    *,
    corpus: Sequence[str] | None = None,
    seed: int = 0,
) -> Path:
    """Write an argos-train style package ``<source>_<target>/`` whose model copies its input.

    Inputs longer than ``MAX_POSITIONS`` tokens are cut by the position table; tests use
    sentences of a few dozen tokens.
    """
    import ctranslate2
    import numpy as np

    package_dir = Path(dest_dir) / f"{source}_{target}"
    if package_dir.exists():
        shutil.rmtree(package_dir)
    package_dir.mkdir(parents=True)
    pieces = _train_sentencepiece(package_dir / "sentencepiece.model", corpus or _CORPUS)
    vocabulary = [*_SPECIALS, *pieces]
    spec = ctranslate2.specs.TransformerSpec.from_config((1, 1), 1)
    _fit_copy_weights(spec, len(vocabulary), np.random.default_rng(seed))
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    spec.optimize(quantization=None)
    (package_dir / "model").mkdir()
    spec.save(str(package_dir / "model"))
    metadata: dict[str, Any] = {
        "package_version": "1.0",
        "argos_version": "1.0",
        "from_code": source,
        "from_name": source,
        "to_code": target,
        "to_name": target,
    }
    (package_dir / "metadata.json").write_text(json.dumps(metadata, indent=2) + "\n", "utf-8")
    (package_dir / "README.md").write_text("A model that copies its input (tests only).\n")
    return package_dir


def _train_sentencepiece(model_path: Path, corpus: Sequence[str]) -> list[str]:
    """Train the unigram model; return its pieces less SentencePiece's own specials."""
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(list(corpus)),
        model_writer=model,
        vocab_size=300,
        hard_vocab_limit=False,
        character_coverage=0.9995,
        model_type="unigram",
        num_threads=1,
        minloglevel=2,
    )
    model_path.write_bytes(model.getvalue())
    processor = spm.SentencePieceProcessor(model_proto=model.getvalue())
    return [
        processor.id_to_piece(i)
        for i in range(processor.get_piece_size())
        if not (processor.is_control(i) or processor.is_unknown(i))
    ]


def _fit_copy_weights(spec: Any, vocab_size: int, rng: np.random.Generator) -> None:
    import numpy as np

    d = _D_MODEL
    codes = rng.standard_normal((vocab_size, CODE_DIMS))
    codes -= codes.mean(axis=1, keepdims=True)
    codes /= np.linalg.norm(codes, axis=1, keepdims=True)
    tokens = np.zeros((vocab_size, d), np.float32)
    tokens[:, :CODE_DIMS] = codes
    frequencies = np.arange(1, FREQUENCIES + 1) / MAX_POSITIONS
    angles = 2 * np.pi * np.outer(np.arange(MAX_POSITIONS), frequencies)
    positions = np.zeros((MAX_POSITIONS, d), np.float32)
    positions[:, _POSITION_START::2] = np.cos(angles) / np.sqrt(FREQUENCIES)
    positions[:, _POSITION_START + 1 :: 2] = np.sin(angles) / np.sqrt(FREQUENCIES)
    # Zero-sum codes make every layer norm a pure rescaling.
    positions[:, _POSITION_START:] -= positions[:, _POSITION_START:].mean(axis=1, keepdims=True)

    encoder, decoder = spec.encoder, spec.decoder
    encoder.scale_embeddings = False
    decoder.scale_embeddings = False
    encoder.embeddings[0].weight = tokens
    encoder.position_encodings.encodings = positions
    decoder.embeddings.weight = np.zeros_like(tokens)
    decoder_positions = positions * _DECODER_POSITION_SCALE
    decoder_positions[:, _CONSTANT_DIM] = _CONSTANT
    decoder_positions[:, _BALANCE_DIM] = -_CONSTANT
    decoder.position_encodings.encodings = decoder_positions
    _silence(encoder.layer[0].self_attention, encoder.layer[0].ffn, d)
    _silence(decoder.layer[0].self_attention, decoder.layer[0].ffn, d)
    for norm in (encoder.layer_norm, decoder.layer_norm, decoder.layer[0].attention.layer_norm):
        _identity_norm(norm, d)

    weights = _Weights(tokens, positions, decoder_positions)
    attention = decoder.layer[0].attention
    attention.linear[0].weight = weights.query
    attention.linear[0].bias = np.zeros(d, np.float32)
    attention.linear[1].weight = np.concatenate([weights.key, weights.value])
    attention.linear[1].bias = np.zeros(2 * d, np.float32)
    attention.linear[2].weight = np.eye(d, dtype=np.float32)
    attention.linear[2].bias = np.zeros(d, np.float32)

    # </s> is scored on the constant's share of the final state (see _CONSTANT_DIM).
    matched = _layer_norm(weights.read_state([4]))
    blurred = _layer_norm(weights.read_state([4, 5]))
    middle = (matched[_CONSTANT_DIM] + blurred[_CONSTANT_DIM]) / 2
    slope = 2 * _EOS_MARGIN / (blurred[_CONSTANT_DIM] - matched[_CONSTANT_DIM])
    projection = tokens * (_MATCH_LOGIT / float(tokens[4] @ matched))
    eos = _SPECIALS.index("</s>")
    projection[eos, _CONSTANT_DIM] = slope
    # Reading a source </s> (Marian's add_source_eos) must end the output despite the match.
    projection[eos, :CODE_DIMS] *= 3
    bias = np.zeros(vocab_size, np.float32)
    bias[eos] = -slope * middle
    bias[[_SPECIALS.index(s) for s in ("<blank>", "<s>")]] = -1e4
    decoder.projection.weight = projection.astype(np.float32)
    decoder.projection.bias = bias


class _Weights:
    """The cross-attention weights, and the decoder state they give (numpy, for calibration)."""

    def __init__(
        self, tokens: np.ndarray, positions: np.ndarray, decoder_positions: np.ndarray
    ) -> None:
        import numpy as np

        d = _D_MODEL
        self.tokens, self.positions, self.decoder_positions = tokens, positions, decoder_positions
        position_part = np.zeros((d, d), np.float32)
        position_part[_POSITION_START:, _POSITION_START:] = np.eye(d - _POSITION_START)
        code_part = np.zeros((d, d), np.float32)
        code_part[:CODE_DIMS, :CODE_DIMS] = np.eye(CODE_DIMS)
        # Normed position codes have norm about sqrt(d); the 1/sqrt(d) scaling of attention
        # logits is undone so that the matching position wins by _SHARPNESS.
        self.query = position_part * (_SHARPNESS * np.sqrt(d) / d)
        self.key = position_part
        self.value = code_part * _VALUE_SCALE

    def read_state(self, tokens: list[int]) -> np.ndarray:
        """The decoder state at a typical position after reading ``tokens`` with equal weights
        (one token: a clean match; position 0's code, less its mean, is shorter than others)."""
        import numpy as np

        reads = [self.value @ _layer_norm(self.tokens[t] + self.positions[5]) for t in tokens]
        return np.asarray(self.decoder_positions[5] + np.mean(reads, axis=0))


def _layer_norm(x: np.ndarray) -> np.ndarray:
    import numpy as np

    centred = x - x.mean()
    return np.asarray(centred / np.sqrt((centred**2).mean() + 1e-6))


def _silence(attention: Any, ffn: Any, d: int) -> None:
    """Zero a self-attention's (and feed-forward's) output, leaving only the residual."""
    import numpy as np

    _identity_norm(attention.layer_norm, d)
    attention.linear[0].weight = np.zeros((3 * d, d), np.float32)
    attention.linear[0].bias = np.zeros(3 * d, np.float32)
    attention.linear[1].weight = np.zeros((d, d), np.float32)
    attention.linear[1].bias = np.zeros(d, np.float32)
    if ffn is not None:
        _identity_norm(ffn.layer_norm, d)
        ffn.linear_0.weight = np.zeros((8, d), np.float32)
        ffn.linear_0.bias = np.zeros(8, np.float32)
        ffn.linear_1.weight = np.zeros((d, 8), np.float32)
        ffn.linear_1.bias = np.zeros(d, np.float32)


def _identity_norm(norm: Any, d: int) -> None:
    import numpy as np

    norm.gamma = np.ones(d, np.float32)
    norm.beta = np.zeros(d, np.float32)
