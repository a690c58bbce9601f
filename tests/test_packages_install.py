"""Installing ``.argosmodel`` files and removing packages: validation, atomicity, safety."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from package_files import (
    good_entries,
    snapshot,
    write_archive,
    write_package,
    zip_entries,
)

from polyglot_press.errors import ModelError
from polyglot_press.packages import (
    install_package,
    installed_packages,
    plan_route,
    remove_package,
)
from polyglot_press.pipeline import EngineProbe
from polyglot_press.testing import PACKAGE_FAMILIES

pytestmark = pytest.mark.usefixtures("isolated")


# --------------------------------------------------------------------------- install


def test_install_package_from_file(argos_dir: Path, tmp_path: Path) -> None:
    archive = write_archive(tmp_path, "fr", "en", "1.9")

    package = install_package(archive, probe=None)

    assert package.path == argos_dir / "translate-fr_en-1_9"
    assert (package.pair, package.version, package.origin) == ("fr→en", "1.9", "argos")
    assert sorted(p.name for p in argos_dir.iterdir()) == ["translate-fr_en-1_9"]
    assert installed_packages() == [package]


def test_install_replaces_older_version_of_same_pair(argos_dir: Path, tmp_path: Path) -> None:
    write_package(argos_dir, "fr", "en", "1.0", name="argospm-fr-en")
    write_package(argos_dir, "de", "en", "1.0")

    install_package(write_archive(tmp_path, "fr", "en", "1.1"), probe=None)

    assert sorted(p.name for p in argos_dir.iterdir()) == [
        "translate-de_en-1_0",
        "translate-fr_en-1_1",
    ]


def test_reinstalling_same_version_replaces_it(argos_dir: Path, tmp_path: Path) -> None:
    stale = write_package(argos_dir, "fr", "en", "1.0")
    (stale / "leftover.txt").write_text("old", encoding="utf-8")

    install_package(write_archive(tmp_path, "fr", "en", "1.0"), probe=None)

    assert not (stale / "leftover.txt").exists()
    assert sorted(p.name for p in argos_dir.iterdir()) == [stale.name]


@pytest.mark.parametrize("family", ["opus-bpe", "opus-spm", "argos-train"])
def test_install_checks_and_installs_each_family(
    argos_dir: Path, fixture_archives: dict[str, Path], family: str
) -> None:
    package = install_package(fixture_archives[family], probe=EngineProbe())

    assert (package.path / "model" / "model.bin").is_file()
    assert package.family == PACKAGE_FAMILIES[family]  # type: ignore[index]
    assert plan_route(package.source, package.target).packages == (package,)


def _truncated(archive: Path) -> None:
    archive.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])


def _flipped_byte(archive: Path) -> None:
    archive.write_bytes(archive.read_bytes().replace(b"weights", b"weighTs", 1))


def _rewritten(entries: dict[str, bytes]) -> Callable[[Path], None]:
    def rewrite(archive: Path) -> None:
        zip_entries(archive, entries)

    return rewrite


def _not_a_zip(archive: Path) -> None:
    archive.write_bytes(b"PK not really")


def _without(name: str) -> dict[str, bytes]:
    return {k: v for k, v in good_entries().items() if not k.endswith(name)}


def _with(name: str, data: bytes) -> dict[str, bytes]:
    return {**good_entries(), name: data}


BAD_ARCHIVES: dict[str, tuple[Callable[[Path], None], str]] = {
    "truncated": (_truncated, "not a zip archive"),
    "crc mismatch": (_flipped_byte, "fails its CRC check"),
    "not a zip": (_not_a_zip, "not a zip archive"),
    "two top folders": (_rewritten(_with("other/file.txt", b"x")), "exactly one top-level"),
    "top-level file": (_rewritten(_with("README.md", b"x")), "at the top level"),
    "no metadata": (_rewritten(_without("metadata.json")), "no translate-fr_en-1_0/metadata.json"),
    "metadata not json": (
        _rewritten(_with("translate-fr_en-1_0/metadata.json", b"{nope")),
        "not valid JSON",
    ),
    "metadata without codes": (
        _rewritten(_with("translate-fr_en-1_0/metadata.json", b'{"from_code": "fr"}')),
        "lacks from_code/to_code",
    ),
    "sbd package": (
        _rewritten(
            _with(
                "translate-fr_en-1_0/metadata.json",
                b'{"type": "sbd", "from_code": "fr", "to_code": "en"}',
            )
        ),
        "not a translation package",
    ),
    "no model.bin": (_rewritten(_without("model.bin")), "missing model/model.bin"),
    "no tokenizer": (_rewritten(_without("sentencepiece.model")), "missing sentencepiece.model"),
    "parent traversal": (_rewritten(_with("translate-fr_en-1_0/../../evil", b"x")), "unsafe entry"),
    "absolute path": (_rewritten(_with("/tmp/evil", b"x")), "unsafe entry"),
    "backslash path": (_rewritten(_with("translate-fr_en-1_0\\..\\evil", b"x")), "unsafe entry"),
}


@pytest.mark.parametrize("damage", BAD_ARCHIVES.values(), ids=BAD_ARCHIVES.keys())
def test_bad_archive_is_rejected_and_package_dir_unchanged(
    damage: tuple[Callable[[Path], None], str], argos_dir: Path, tmp_path: Path
) -> None:
    corrupt, reason = damage
    write_package(argos_dir, "fr", "en", "0.9")
    before = snapshot(argos_dir)
    archive = write_archive(tmp_path, "fr", "en", "1.0")
    corrupt(archive)

    with pytest.raises(ModelError, match=reason.replace(".", r"\.")) as caught:
        install_package(archive, probe=None)

    assert caught.value.hint
    assert snapshot(argos_dir) == before
    assert not (tmp_path / "evil").exists()


def test_disk_failure_during_extraction_leaves_nothing_behind(
    argos_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_package(argos_dir, "fr", "en", "0.9")
    before = snapshot(argos_dir)
    archive = write_archive(tmp_path, "fr", "en", "1.0")

    def extract_then_fail(self: zipfile.ZipFile, path: Path) -> None:
        self.extract(self.infolist()[0], path)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "extractall", extract_then_fail)

    with pytest.raises(ModelError, match="No space left on device"):
        install_package(archive, probe=None)
    assert snapshot(argos_dir) == before
    assert sorted(p.name for p in argos_dir.iterdir()) == ["translate-fr_en-0_9"]


def test_install_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no such file"):
        install_package(tmp_path / "absent.argosmodel", probe=None)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    extra=st.lists(
        st.lists(
            st.sampled_from(["..", ".", "a", "/", "b\\c", "C:", "model"]), min_size=1, max_size=4
        ),
        max_size=3,
    )
)
def test_install_never_writes_outside_package_dir(
    extra: list[list[str]], argos_dir: Path, tmp_path: Path
) -> None:
    outside_before = sorted(p.name for p in tmp_path.iterdir())
    entries = good_entries()
    for parts in extra:
        entries[f"translate-fr_en-1_0/{'/'.join(parts)}"] = b"x"
    archive = zip_entries(tmp_path / "fuzz.argosmodel", entries)
    try:
        package = install_package(archive, probe=None)
    except ModelError:
        pass
    else:
        for path in package.path.rglob("*"):
            assert path.resolve().is_relative_to(argos_dir.resolve())
    finally:
        archive.unlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == outside_before
    assert not [p for p in argos_dir.iterdir() if p.name.startswith(".")]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 255)), min_size=1)
)
def test_damaged_deflated_archive_fails_cleanly(
    flips: list[tuple[float, int]], argos_dir: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "damaged.argosmodel"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as opened:
        for name, data in good_entries().items():
            opened.writestr(name, data * 200)
    damaged = bytearray(archive.read_bytes())
    for position, mask in flips:
        damaged[int(position * len(damaged))] ^= mask
    archive.write_bytes(bytes(damaged))
    before = snapshot(argos_dir)

    try:
        install_package(archive, probe=None)
    except ModelError:
        assert snapshot(argos_dir) == before
    else:  # a flip in a field zipfile ignores (e.g. a timestamp) is harmless
        assert [p.pair for p in installed_packages()] == ["fr→en"]
        remove_package("fr", "en")


# --------------------------------------------------------------------------- remove


def test_remove_package_removes_every_installed_version(argos_dir: Path) -> None:
    write_package(argos_dir, "fr", "en", "1.0", name="old-fr-en")
    write_package(argos_dir, "fr", "en", "1.1")
    keep = write_package(argos_dir, "de", "en")

    removed = remove_package("fr", "en")

    assert removed.version == "1.1"
    assert list(argos_dir.iterdir()) == [keep]


def test_remove_missing_package_is_an_error() -> None:
    with pytest.raises(ModelError, match="no installed package for fr→en"):
        remove_package("fr", "en")


def test_remove_refuses_models_dir_package(models_folder: Path) -> None:
    archive = write_archive(models_folder, "fr", "en")

    with pytest.raises(ModelError, match="does not manage") as caught:
        remove_package("fr", "en", models_folder)

    assert str(archive) in (caught.value.hint or "")
    assert archive.exists()
