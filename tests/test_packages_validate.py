"""Install-time validation: a package that cannot translate is refused and nothing is left behind.

Each corrupt package is derived from a faithful fixture archive by changing one thing, and
installed through the CLI, as a user would.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from polyglot_press.cli.models import app
from polyglot_press.errors import ModelError
from polyglot_press.packages import InstalledPackage, install_package, read_package
from polyglot_press.packages._validate import (
    MAX_MISSING_MERGES,
    MAX_MISSING_PIECES,
    PROBE_SENTENCES,
    check_package_loads,
)
from polyglot_press.pipeline import EngineProbe
from polyglot_press.testing import FIXTURE_FAMILIES, PARALLEL_CORPUS, FixtureFamily, build_package
from polyglot_press.testing._subwords import learn_bpe, moses_tokenize

runner = CliRunner()

Edit = Callable[[dict[str, bytes]], None]


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    argos = tmp_path / "argos"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(argos))
    monkeypatch.setenv("POLYGLOT_PRESS_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("POLYGLOT_PRESS_MODELS", raising=False)
    return argos


def rewrite(archive: Path, destination: Path, edit: Edit) -> Path:
    """A copy of ``archive`` whose entries (name → bytes, top folder included) ``edit`` changed."""
    with zipfile.ZipFile(archive) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    edit(entries)
    with zipfile.ZipFile(destination, "w") as sink:
        for name, data in entries.items():
            sink.writestr(name, data)
    return destination


def _top(entries: dict[str, bytes]) -> str:
    return next(iter(entries)).split("/")[0]


def drop_model(entries: dict[str, bytes]) -> None:
    del entries[f"{_top(entries)}/model/model.bin"]


def garbage_model(entries: dict[str, bytes]) -> None:
    entries[f"{_top(entries)}/model/model.bin"] = bytes(range(256)) * 64


def truncated_model(entries: dict[str, bytes]) -> None:
    name = f"{_top(entries)}/model/model.bin"
    entries[name] = entries[name][: len(entries[name]) // 3]


def garbage_tokenizer(entries: dict[str, bytes]) -> None:
    entries[f"{_top(entries)}/sentencepiece.model"] = b"not a sentencepiece model"


def assert_nothing_installed(argos: Path) -> None:
    leftovers = sorted(path.name for path in argos.iterdir()) if argos.exists() else []
    assert leftovers == []  # not even a hidden scratch folder


@pytest.mark.parametrize(
    ("family", "edit", "expected"),
    [
        ("opus-bpe", drop_model, "incomplete package, missing model/model.bin"),
        ("argos-train", garbage_model, "does not load"),
        ("opus-spm", truncated_model, "does not load"),
        ("argos-train", garbage_tokenizer, "sentencepiece"),
    ],
    ids=["missing-model", "garbage-model-bin", "truncated-model-bin", "garbage-tokenizer"],
)
def test_cli_refuses_a_package_that_cannot_load(
    fixture_archives: dict[str, Path],
    tmp_path: Path,
    isolated: Path,
    family: str,
    edit: Edit,
    expected: str,
) -> None:
    archive = rewrite(fixture_archives[family], tmp_path / "broken.argosmodel", edit)

    result = runner.invoke(app, ["install", str(archive)])

    assert result.exit_code == 1
    assert expected in result.stderr
    assert "broken.argosmodel" in result.stderr
    assert "hint: " in result.stderr
    assert_nothing_installed(isolated)


def test_tokenizer_from_another_package_is_refused(
    fixture_archives: dict[str, Path], tmp_path: Path, isolated: Path
) -> None:
    with zipfile.ZipFile(fixture_archives["argos-train"]) as other:
        foreign = other.read("en_ko/sentencepiece.model")

    def add_foreign_tokenizer(entries: dict[str, bytes]) -> None:
        # argostranslate (and polyglot_press) prefer sentencepiece.model over bpe.model.
        entries[f"{_top(entries)}/sentencepiece.model"] = foreign

    archive = rewrite(
        fixture_archives["opus-bpe"], tmp_path / "mixed.argosmodel", add_foreign_tokenizer
    )

    with pytest.raises(ModelError, match="does not match the model's vocabulary") as caught:
        install_package(archive, probe=EngineProbe())

    assert "sentencepiece.model" in caught.value.message
    assert_nothing_installed(isolated)


def test_bad_zip_is_refused_by_the_cli(
    fixture_archives: dict[str, Path], tmp_path: Path, isolated: Path
) -> None:
    data = fixture_archives["opus-bpe"].read_bytes()
    cut = tmp_path / "cut.argosmodel"
    cut.write_bytes(data[: len(data) // 2])

    result = runner.invoke(app, ["install", str(cut)])

    assert result.exit_code == 1
    assert "cut.argosmodel" in result.stderr
    assert "not a zip archive" in result.stderr or "corrupt" in result.stderr
    assert_nothing_installed(isolated)


def test_failed_install_keeps_the_installed_version(
    fixture_archives: dict[str, Path], tmp_path: Path, isolated: Path
) -> None:
    good = install_package(fixture_archives["opus-bpe"], probe=EngineProbe())
    before = sorted(path.relative_to(isolated) for path in isolated.rglob("*"))
    broken = rewrite(fixture_archives["opus-bpe"], tmp_path / "broken.argosmodel", garbage_model)

    result = runner.invoke(app, ["install", str(broken)])

    assert result.exit_code == 1
    assert sorted(path.relative_to(isolated) for path in isolated.rglob("*")) == before
    assert (good.path / "model" / "model.bin").read_bytes() != bytes(range(256)) * 64


def test_validated_install_reports_the_family(
    fixture_archives: dict[str, Path], isolated: Path
) -> None:
    result = runner.invoke(app, ["install", str(fixture_archives["opus-spm"])])

    assert result.exit_code == 0, result.output
    assert "Installed fr→en 1.9 (OPUS-MT SentencePiece" in result.stdout
    assert [path.name for path in isolated.iterdir()] == ["translate-fr_en-1_0"]


# --------------------------------------------------------------------------- foreign tokenizers


def with_tokenizer(
    package: InstalledPackage, destination: Path, name: str, data: bytes
) -> InstalledPackage:
    """A copy of ``package`` whose only tokenizer is ``data``, saved as ``name``."""
    copy = Path(shutil.copytree(package.path, destination / package.path.name))
    for tokenizer in ("sentencepiece.model", "bpe.model"):
        (copy / tokenizer).unlink(missing_ok=True)
    (copy / name).write_bytes(data)
    return read_package(copy)


def missing_share(error: ModelError, unit: str) -> float:
    match = re.search(
        rf"(\d+)% of its {unit} are missing from the model's vocabulary", error.message
    )
    assert match, error.message
    return int(match.group(1)) / 100


def test_each_family_passes_with_its_own_tokenizer(family_package: InstalledPackage) -> None:
    check_package_loads(family_package, "own.argosmodel", EngineProbe())  # raises if refused


@pytest.mark.parametrize("family", FIXTURE_FAMILIES)
def test_small_packages_of_each_family_pass(tmp_path: Path, family: FixtureFamily) -> None:
    package = read_package(build_package(tmp_path, family, size="small"))

    check_package_loads(package, "small.argosmodel", EngineProbe())  # raises if refused


@pytest.mark.parametrize(
    ("model", "tokenizer_from"),
    [
        # OPUS-MT ships only the source model, argos-train one joint model: both ways round.
        ("fr_en_spm_package", "en_ko_package"),
        ("en_ko_package", "fr_en_spm_package"),
        # Same family and target language, another source language.
        ("fr_en_spm_package", "de_en_package"),
    ],
)
def test_a_foreign_sentencepiece_model_is_refused_by_its_pieces(
    request: pytest.FixtureRequest, tmp_path: Path, model: str, tokenizer_from: str
) -> None:
    donor: InstalledPackage = request.getfixturevalue(tokenizer_from)
    foreign = (donor.path / "sentencepiece.model").read_bytes()
    package = with_tokenizer(
        request.getfixturevalue(model), tmp_path, "sentencepiece.model", foreign
    )

    with pytest.raises(ModelError, match="does not belong to this model") as caught:
        check_package_loads(package, "mixed.argosmodel", EngineProbe())

    assert missing_share(caught.value, "pieces") > MAX_MISSING_PIECES
    assert "sentencepiece.model" in caught.value.message
    assert caught.value.hint == "re-download the package"


def test_foreign_bpe_codes_are_refused_by_their_merges(
    fr_en_bpe_package: InstalledPackage, tmp_path: Path
) -> None:
    german = [sentences[3] for sentences in PARALLEL_CORPUS]
    codes = learn_bpe(moses_tokenize(german, "de"), 200)
    package = with_tokenizer(fr_en_bpe_package, tmp_path, "bpe.model", codes.encode())

    with pytest.raises(ModelError, match="does not belong to this model") as caught:
        check_package_loads(package, "mixed.argosmodel", EngineProbe())

    assert missing_share(caught.value, "merged subwords") > MAX_MISSING_MERGES
    assert "bpe.model" in caught.value.message


def test_a_tokenizer_that_shreds_the_probe_is_refused(
    fr_en_spm_package: InstalledPackage, tmp_path: Path
) -> None:
    import sentencepiece

    # A character model: each of its pieces is in the vocabulary, yet no word survives whole.
    model = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter([PROBE_SENTENCES["fr"]]),
        model_writer=model,
        model_type="char",
        vocab_size=40,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    package = with_tokenizer(fr_en_spm_package, tmp_path, "sentencepiece.model", model.getvalue())

    with pytest.raises(ModelError, match=r"shreds a probe sentence into \d+\.\d pieces per word"):
        check_package_loads(package, "chars.argosmodel", EngineProbe())
