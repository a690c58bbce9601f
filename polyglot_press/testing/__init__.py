"""Argos packages with random weights and a faithful layout, for tests, examples and benchmarks.

No trained model ships with polyglot_press and none can be downloaded at test time, so this
package builds packages of the three families real users download, file for file, with random
weights. They load and run exactly like a downloaded package (argostranslate itself runs them,
see ``tests/test_fixtures_argostranslate.py``) at a realistic speed for their size; their output
is not a translation.

Families (:data:`FIXTURE_FAMILIES`; :data:`PACKAGE_FAMILIES` maps them to
:class:`polyglot_press.packages.PackageFamily`):

``"opus-bpe"`` (default pair fr→en) — an OPUS-MT Marian model as LibreTranslate's converter
    packages it: folder ``translate-fr_en-1_0`` (the converter hard-coded 1.0) while
    ``metadata.json`` says ``1.9``; ``bpe.model`` (subword-nmt codes, used after sacremoses
    normalisation + tokenisation) and **no** ``sentencepiece.model``; ``model/`` in the current
    CTranslate2 layout (``model.bin``, ``config.json`` with ``add_source_eos: true``,
    ``shared_vocabulary.json`` ordered ``</s>``, ``<unk>``, …); post-norm, Swish.
``"opus-spm"`` (fr→en) — the same, but ``sentencepiece.model`` is the *source* SentencePiece
    model only; target pieces are in the vocabulary but unknown to it.
``"argos-train"`` (en→ko) — an argos-train (OpenNMT-py) package of 2021: folder ``en_ko``, one
    joint unigram SentencePiece model (``character_coverage=0.9995``, no byte fallback), the
    CTranslate2 1.x layout (``model.bin`` in binary version 4 + ``shared_vocabulary.txt``
    ordered ``<unk>``, ``<blank>``, ``<s>``, ``</s>``, no ``config.json``); pre-norm, ReLU.

Every package also has ``README.md``, ``stanza/`` (layout only, no tokenizer weights),
``metadata.json`` with the six real keys, and the marker file :data:`MARKER_FILE`
(``polyglot-press-fixture.json``: ``{"weights": "random", "family": ..., ...}``), which real
packages never have. No subword model has byte fallback: characters outside the fixtures'
corpus (``⟦``, ``€``, …) are ``<unk>``, as in real packages.

The output layer is *fitted* (see ``_fit``): outputs end after a realistic number of tokens,
in target-language subwords, never on an ``@@`` continuation, also on input unlike the
fixtures' corpus (:data:`PARALLEL_CORPUS`). ``unk_rate`` > 0 marks that share of the rare
target words unknown, so the model emits ``<unk>`` now and then, where it would write them.

API::

    build_package(dest_dir, family="opus-bpe", source=None, target=None, *, size="tiny",
                  seed=0, unk_rate=0.0, corpus=None, version=None, target_prefix="",
                  eos_bias=None, archive=False) -> Path
        # the package folder, or the .argosmodel beside it when archive=True (OPUS-MT:
        # <folder>.argosmodel, as the converter names it; argos-train:
        # translate-<src>_<tgt>-<version>.argosmodel). size: "tiny" (tests, 2-4 s),
        # "small", "base" (6+6 layers, d_model 512, 16k vocabulary: benchmarks, ~1 min).
        # Fitting runs many small matrix products: set OPENBLAS_NUM_THREADS=1 on busy
        # machines (tests/conftest.py does), a multi-threaded BLAS is ten times slower there.
        # corpus: extra text for the subword models. eos_bias: added to the fitted
        # end-of-sentence logit (e.g. -20 makes outputs run to the length limit).
    build_synthetic_package(dest_dir, source, target, *, family=None, ...same keywords) -> Path
        # family=None: the family of the real package for that pair (fr↔en "opus-bpe",
        # anything else "argos-train").
    write_argosmodel(package_dir, destination=None) -> Path
    is_fixture_package(package_dir) -> bool
    read_fixture_marker(package_dir) -> dict | None

Pytest fixtures (``tests/conftest.py``, session-scoped, tiny): ``models_dir`` (fr→en opus-bpe,
en→ko argos-train, de→en opus-spm; a ``--models`` folder), ``fr_en_bpe_package``,
``fr_en_spm_package``, ``en_ko_package``, ``de_en_package`` (:class:`InstalledPackage`),
``fr_en_package`` (= ``fr_en_bpe_package``), ``family_package`` (parametrised over the three
families), ``fixture_archives`` (family → ``.argosmodel`` path) and ``unk_package`` (fr→en
opus-bpe with ``unk_rate=0.3``).

Example::

    from polyglot_press.testing import build_package

    package_dir = build_package(tmp_path, "argos-train")  # tmp_path / "en_ko"
"""

from polyglot_press.testing._copy_model import build_copy_package
from polyglot_press.testing._corpus import (
    DEFAULT_CORPUS,
    LANGUAGE_NAMES,
    PARALLEL_CORPUS,
)
from polyglot_press.testing._fake_backend import FakeBackend, pseudo_translation
from polyglot_press.testing._layout import (
    MARKER_FILE,
    is_fixture_package,
    read_fixture_marker,
    write_argosmodel,
)
from polyglot_press.testing._network import PackageSize
from polyglot_press.testing._packages import (
    DEFAULT_PAIRS,
    FIXTURE_FAMILIES,
    PACKAGE_FAMILIES,
    FixtureFamily,
    build_package,
    build_synthetic_package,
)

__all__ = [
    "DEFAULT_CORPUS",
    "DEFAULT_PAIRS",
    "FIXTURE_FAMILIES",
    "LANGUAGE_NAMES",
    "MARKER_FILE",
    "PACKAGE_FAMILIES",
    "PARALLEL_CORPUS",
    "FakeBackend",
    "FixtureFamily",
    "PackageSize",
    "build_copy_package",
    "build_package",
    "build_synthetic_package",
    "is_fixture_package",
    "pseudo_translation",
    "read_fixture_marker",
    "write_argosmodel",
]
