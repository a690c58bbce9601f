"""Building fixture packages of the three real families (see :mod:`polyglot_press.testing`)."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

from polyglot_press.packages import PackageFamily
from polyglot_press.testing import _subwords as subwords
from polyglot_press.testing._corpus import parallel
from polyglot_press.testing._fit import (
    TrainingPair,
    fit_output_layer,
    with_overruns,
)
from polyglot_press.testing._layout import (
    write_argosmodel,
    write_marker,
    write_metadata,
    write_readme,
    write_stanza_dir,
)
from polyglot_press.testing._legacy import downgrade_model_dir
from polyglot_press.testing._network import (
    ARCHITECTURES,
    Architecture,
    PackageSize,
    random_transformer,
)
from polyglot_press.testing._unknowns import unk_tokens

if TYPE_CHECKING:
    import numpy as np

FixtureFamily = Literal["opus-bpe", "opus-spm", "argos-train"]
FIXTURE_FAMILIES: tuple[FixtureFamily, ...] = get_args(FixtureFamily)
PACKAGE_FAMILIES: dict[FixtureFamily, PackageFamily] = {
    "opus-bpe": PackageFamily.OPUS_BPE,
    "opus-spm": PackageFamily.OPUS_SPM,
    "argos-train": PackageFamily.ARGOS_SPM,
}
DEFAULT_PAIRS: dict[FixtureFamily, tuple[str, str]] = {
    "opus-bpe": ("fr", "en"),
    "opus-spm": ("fr", "en"),
    "argos-train": ("en", "ko"),
}
_MARIAN_SPECIALS = ["</s>", "<unk>"]
_OPENNMT_SPECIALS = ["<unk>", "<blank>", "<s>", "</s>"]
_OPUS_README = (
    "Converted for Argos Translate from an OPUS-MT Marian model (Tiedemann and Thottingal, "
    "EAMT 2020), licensed CC-BY 4.0.\n\nThis copy was built by polyglot_press.testing: "
    "random weights, not a translation model."
)
_ARGOS_README = (
    "Trained with argos-train (OpenNMT-py).\n\nThis copy was built by polyglot_press.testing: "
    "random weights, not a translation model."
)


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """What a family's tokenizer gives the model: its vocabulary and the fitting pairs."""

    tokens: list[str]
    pairs: list[TrainingPair]
    end_token: str


def build_package(
    dest_dir: Path,
    family: FixtureFamily = "opus-bpe",
    source: str | None = None,
    target: str | None = None,
    *,
    size: PackageSize = "tiny",
    seed: int = 0,
    unk_rate: float = 0.0,
    corpus: Sequence[str] | None = None,
    version: str | None = None,
    target_prefix: str = "",
    eos_bias: float | None = None,
    archive: bool = False,
) -> Path:
    """Write a package of ``family`` with random weights and a fitted output layer.

    See :mod:`polyglot_press.testing` for the layout of each family. Returns the package folder,
    or the ``.argosmodel`` written beside it when ``archive``. The same arguments always give
    byte-identical files.
    """
    if family not in PACKAGE_FAMILIES:
        raise ValueError(f"unknown fixture family {family!r}; choose from {FIXTURE_FAMILIES}")
    import numpy as np

    default_source, default_target = DEFAULT_PAIRS[family]
    source, target = source or default_source, target or default_target
    architecture = ARCHITECTURES[size]
    rng = np.random.default_rng(seed)
    package_dir = Path(dest_dir) / _folder_name(family, source, target)
    if package_dir.exists():
        shutil.rmtree(package_dir)
    package_dir.mkdir(parents=True)
    extra = tuple(corpus or ())
    if family == "opus-bpe":
        vocabulary = _opus_bpe(package_dir, source, target, architecture, extra)
    elif family == "opus-spm":
        vocabulary = _opus_spm(package_dir, source, target, architecture, extra)
    else:
        vocabulary = _argos_spm(package_dir, source, target, architecture, extra)
    labelled = _with_unknowns(vocabulary, unk_rate, rng)
    _write_model(package_dir / "model", family, architecture, labelled, rng, eos_bias)
    _write_files(package_dir, family, source, target, version, target_prefix)
    write_marker(package_dir, {"family": family, "size": size, "seed": seed, "unk_rate": unk_rate})
    if not archive:
        return package_dir
    return write_argosmodel(
        package_dir, package_dir.parent / _archive_name(family, package_dir, version)
    )


def _folder_name(family: FixtureFamily, source: str, target: str) -> str:
    if family == "argos-train":
        return f"{source}_{target}"  # argos-train's 2021 packages, e.g. en_ko
    return f"translate-{source}_{target}-1_0"  # the converter hard-coded version 1.0


def _archive_name(family: FixtureFamily, package_dir: Path, version: str | None) -> str:
    """The converter zips the folder under its own name; argos-train names it by version."""
    if family != "argos-train":
        return f"{package_dir.name}.argosmodel"
    source, target = package_dir.name.split("_", 1)
    package_version = (version or _default_version(family)).replace(".", "_")
    return f"translate-{source}_{target}-{package_version}.argosmodel"


def _default_version(family: FixtureFamily) -> str:
    return "1.1" if family == "argos-train" else "1.9"


def _write_files(
    package_dir: Path,
    family: FixtureFamily,
    source: str,
    target: str,
    version: str | None,
    target_prefix: str,
) -> None:
    package_version = version or _default_version(family)
    opus = family != "argos-train"
    write_metadata(
        package_dir,
        source,
        target,
        version=package_version,
        argos_version="1.9.0" if opus else "1.1",
        indent=None if opus else 4,
        target_prefix=target_prefix,
    )
    write_readme(
        package_dir,
        source,
        target,
        version=package_version,
        origin=_OPUS_README if opus else _ARGOS_README,
    )
    write_stanza_dir(package_dir, source)


def _opus_bpe(
    package_dir: Path, source: str, target: str, architecture: Architecture, extra: tuple[str, ...]
) -> _Vocabulary:
    pairs = parallel(source, target)
    source_words = subwords.moses_tokenize([s for s, _ in pairs] + list(extra), source)
    target_words = subwords.moses_tokenize([t for _, t in pairs], target)
    source_codes = subwords.learn_bpe(source_words, architecture.bpe_merges)
    target_codes = subwords.learn_bpe(target_words, architecture.bpe_merges)
    source_bpe = subwords.apply_bpe(source_codes, source_words)
    target_bpe = subwords.apply_bpe(target_codes, target_words)
    alphabet = subwords.bpe_alphabet([*source_words, *target_words])
    tokens = _padded(
        _MARIAN_SPECIALS + subwords.by_frequency([*source_bpe, *target_bpe], alphabet),
        architecture.vocab_size,
    )
    (package_dir / "bpe.model").write_text(source_codes, encoding="utf-8")
    pairs_bpe = source_bpe[: len(pairs)]  # the rest is the extra corpus, with no reference
    return _Vocabulary(tokens, _training_pairs(pairs_bpe, target_bpe, tokens), "</s>")


def _opus_spm(
    package_dir: Path, source: str, target: str, architecture: Architecture, extra: tuple[str, ...]
) -> _Vocabulary:
    pairs = parallel(source, target)
    half = architecture.vocab_size // 2
    source_model = subwords.train_sentencepiece(
        [s for s, _ in pairs] + list(extra), vocab_size=half, character_coverage=0.9995
    )
    target_model = subwords.train_sentencepiece(
        [t for _, t in pairs], vocab_size=half, character_coverage=0.9995
    )
    source_pieces = subwords.sentencepiece_encode(source_model, [s for s, _ in pairs])
    target_pieces = subwords.sentencepiece_encode(target_model, [t for _, t in pairs])
    tokens = _padded(
        _MARIAN_SPECIALS
        + subwords.by_frequency(
            [*source_pieces, *target_pieces],
            subwords.sentencepiece_pieces(source_model),
            subwords.sentencepiece_pieces(target_model),
        ),
        architecture.vocab_size,
    )
    # Only the source model ships: the converter drops the target one.
    (package_dir / "sentencepiece.model").write_bytes(source_model)
    return _Vocabulary(tokens, _training_pairs(source_pieces, target_pieces, tokens), "</s>")


def _argos_spm(
    package_dir: Path, source: str, target: str, architecture: Architecture, extra: tuple[str, ...]
) -> _Vocabulary:
    pairs = parallel(source, target)
    texts = [s for s, _ in pairs] + [t for _, t in pairs] + list(extra)
    model = subwords.train_sentencepiece(
        texts, vocab_size=architecture.vocab_size, character_coverage=0.9995
    )
    source_pieces = subwords.sentencepiece_encode(model, [s for s, _ in pairs])
    target_pieces = subwords.sentencepiece_encode(model, [t for _, t in pairs])
    # onmt_build_vocab counts the tokenized training text: only pieces seen there, by frequency.
    seen = subwords.by_frequency(subwords.sentencepiece_encode(model, texts))
    tokens = _padded(_OPENNMT_SPECIALS + seen, architecture.vocab_size)
    (package_dir / "sentencepiece.model").write_bytes(model)
    return _Vocabulary(tokens, _training_pairs(source_pieces, target_pieces, tokens), "</s>")


def _padded(tokens: list[str], size: int) -> list[str]:
    """Fill the vocabulary up to ``size`` so the output layer costs what a real one does.

    The filler tokens are never produced by the tokenizer, nor by the model (see ``_fit``).
    """
    return tokens + [f"⸨{index}⸩" for index in range(size - len(tokens))]


def _training_pairs(
    sources: Sequence[Sequence[str]], targets: Sequence[Sequence[str]], tokens: Sequence[str]
) -> list[TrainingPair]:
    known = set(tokens)

    def in_vocabulary(sentence: Sequence[str]) -> list[str]:
        return [token if token in known else "<unk>" for token in sentence]

    return [
        TrainingPair(in_vocabulary(source), in_vocabulary(target), in_vocabulary(target))
        for source, target in zip(sources, targets, strict=True)
        if source and target
    ]


def _with_unknowns(vocabulary: _Vocabulary, rate: float, rng: np.random.Generator) -> _Vocabulary:
    """Relabel a share ``rate`` of the rare target words as ``<unk>`` (see ``unk_tokens``).

    Rare words (seen at most twice), as a trained model's unknowns are; the model then emits
    ``<unk>`` in contexts like theirs, which on unseen input is more often than ``rate``.
    """
    counts = Counter(token for pair in vocabulary.pairs for token in pair.target)
    candidates = {
        token
        for token, count in counts.items()
        if count <= 2 and any(char.isalnum() for char in token)
    }
    unknown = unk_tokens(candidates, rate, rng)
    if not unknown:
        return vocabulary
    pairs = [
        TrainingPair(
            pair.source,
            pair.target,
            ["<unk>" if token in unknown else token for token in pair.target],
        )
        for pair in vocabulary.pairs
    ]
    return _Vocabulary(vocabulary.tokens, pairs, vocabulary.end_token)


def _write_model(
    model_dir: Path,
    family: FixtureFamily,
    architecture: Architecture,
    vocabulary: _Vocabulary,
    rng: np.random.Generator,
    eos_bias: float | None,
) -> None:
    marian = family != "argos-train"
    spec: Any = random_transformer(architecture, vocabulary.tokens, marian=marian, rng=rng)
    pairs = with_overruns(vocabulary.pairs, vocabulary.end_token)
    fit_output_layer(spec, vocabulary.tokens, pairs, end_token=vocabulary.end_token, rng=rng)
    if eos_bias is not None:
        spec.decoder.projection.bias[vocabulary.tokens.index(vocabulary.end_token)] += eos_bias
    spec.validate()
    spec.optimize(quantization="int8")
    model_dir.mkdir()
    spec.save(str(model_dir))
    if family == "argos-train":
        downgrade_model_dir(model_dir, num_heads=architecture.heads, pre_norm=True)


def build_synthetic_package(
    dest_dir: Path,
    source: str,
    target: str,
    *,
    family: FixtureFamily | None = None,
    corpus: Sequence[str] | None = None,
    size: PackageSize = "tiny",
    seed: int = 0,
    unk_rate: float = 0.0,
    archive: bool = False,
    eos_bias: float | None = None,
    version: str | None = None,
    target_prefix: str = "",
) -> Path:
    """:func:`build_package` for a language pair, in the family of its real package.

    fr→en and en→fr are OPUS-MT BPE conversions; every other pair is built as argos-train.
    """
    chosen = family or ("opus-bpe" if {source, target} == {"fr", "en"} else "argos-train")
    return build_package(
        dest_dir,
        chosen,
        source,
        target,
        size=size,
        seed=seed,
        unk_rate=unk_rate,
        corpus=corpus,
        version=version,
        target_prefix=target_prefix,
        eos_bias=eos_bias,
        archive=archive,
    )
