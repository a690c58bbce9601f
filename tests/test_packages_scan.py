"""Finding packages and planning routes: discovery, precedence, models folders, pivots."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from package_files import (
    files,
    write_archive,
    write_package,
)

from polyglot_press.errors import ModelError
from polyglot_press.packages import (
    InstalledPackage,
    PackageFamily,
    Route,
    _archive,
    find_package,
    installed_packages,
    plan_route,
    scan_packages,
)

pytestmark = pytest.mark.usefixtures("isolated")


# --------------------------------------------------------------------------- discovery


def test_no_packages_when_package_dir_is_missing() -> None:
    assert installed_packages() == []
    assert find_package("fr", "en") is None


def test_discovers_installed_package_with_size_version_and_prefix(argos_dir: Path) -> None:
    package_dir = write_package(
        argos_dir, "fr", "en", "1.9", extra_metadata={"target_prefix": "__en__"}
    )

    [package] = installed_packages()

    assert package == InstalledPackage(
        source="fr",
        target="en",
        version="1.9",
        path=package_dir,
        size_bytes=sum(p.stat().st_size for p in files(package_dir)),
        origin="argos",
        target_prefix="__en__",
        family=PackageFamily.ARGOS_SPM,  # sentencepiece.model, no Marian vocabulary
    )
    assert package.pair == "fr→en"


def test_newest_version_wins_and_bpe_tokenizer_is_accepted(argos_dir: Path) -> None:
    write_package(argos_dir, "fr", "en", "1.9")
    write_package(argos_dir, "fr", "en", "1.10", tokenizer="bpe.model")

    assert [p.version for p in installed_packages()] == ["1.10"]


def test_models_dir_overrides_installed_package_even_if_older(
    argos_dir: Path, models_folder: Path
) -> None:
    write_package(argos_dir, "fr", "en", "2.0")
    local = write_package(models_folder, "fr", "en", "1.0")

    package = find_package("FR", "en", models_folder)

    assert package is not None
    assert (package.path, package.origin) == (local, "models-dir")


def test_models_dir_comes_from_environment(
    models_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_package(models_folder, "de", "en")
    monkeypatch.setenv("POLYGLOT_PRESS_MODELS", str(models_folder))

    assert [p.pair for p in installed_packages()] == ["de→en"]


def test_missing_models_dir_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="does not exist") as caught:
        installed_packages(tmp_path / "nowhere")
    assert "--models" in (caught.value.hint or "")


def test_unreadable_entries_are_reported_not_fatal(argos_dir: Path, models_folder: Path) -> None:
    write_package(argos_dir, "fr", "en")
    (write_package(argos_dir, "es", "en") / "model" / "model.bin").unlink()
    (models_folder / "broken.argosmodel").write_bytes(b"not a zip at all")
    (models_folder / "notes.txt").write_text("ignored", encoding="utf-8")
    sbd = argos_dir / "sbd-package"
    sbd.mkdir()
    (sbd / "metadata.json").write_text('{"type": "sbd", "from_code": "fr"}', encoding="utf-8")

    scan = scan_packages(models_folder)

    assert [p.pair for p in scan.packages] == ["fr→en"]
    problems = [problem.message for problem in scan.problems]
    assert len(problems) == 2
    assert any(
        "translate-es_en-1_0: incomplete package, missing model/model.bin" in m for m in problems
    )
    assert any("broken.argosmodel is not a zip archive" in m for m in problems)


def test_archive_in_models_dir_is_listed_without_extraction_then_extracted_once(
    models_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = write_archive(models_folder, "fr", "en", "1.2")
    cache = tmp_path / "cache"

    [listed] = installed_packages(models_folder)
    assert (listed.origin, listed.archive, listed.version) == ("models-dir-archive", archive, "1.2")
    assert not cache.exists()

    found = find_package("fr", "en", models_folder)
    assert found == listed
    assert found.path.is_relative_to(cache / "models")
    assert (found.path / "model" / "model.bin").read_bytes() == b"weights of fren"
    assert found.size_bytes == sum(p.stat().st_size for p in files(found.path))

    def fail_extraction(*args: object) -> Path:
        raise AssertionError("extracted twice")

    monkeypatch.setattr(_archive, "extract", fail_extraction)
    assert find_package("fr", "en", models_folder) == found


def test_changed_archive_is_extracted_again_and_old_copy_dropped(models_folder: Path) -> None:
    archive = write_archive(models_folder, "fr", "en", "1.0")
    first = find_package("fr", "en", models_folder)
    assert first is not None

    replacement = write_archive(models_folder / "..", "fr", "en", "1.1")
    os.replace(replacement, archive)
    stat = archive.stat()
    os.utime(archive, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    second = find_package("fr", "en", models_folder)

    assert second is not None
    assert second.version == "1.1"
    assert second.path != first.path
    assert second.path.is_dir()
    assert not first.path.exists()


def test_extracted_folder_beats_archive_of_same_version(models_folder: Path) -> None:
    write_archive(models_folder, "fr", "en", "1.0")
    folder = write_package(models_folder, "fr", "en", "1.0", name="fr-en-extracted")

    [package] = installed_packages(models_folder)

    assert (package.path, package.archive) == (folder, None)


def test_corrupt_archive_in_models_dir_fails_on_use(models_folder: Path) -> None:
    archive = write_archive(models_folder, "fr", "en")
    data = archive.read_bytes()
    archive.write_bytes(data.replace(b"weights of fren", b"weights of XXXX"))

    with pytest.raises(ModelError, match="corrupt"):
        find_package("fr", "en", models_folder)


# --------------------------------------------------------------------------- routes


def test_identity_direct_and_pivot_routes(argos_dir: Path) -> None:
    write_package(argos_dir, "fr", "en")
    write_package(argos_dir, "en", "ko")

    identity = plan_route("fr", "fr")
    direct = plan_route("fr", "en")
    pivot = plan_route("fr", "ko")

    assert (identity.kind, identity.packages) == ("identity", ())
    assert direct.kind == "direct"
    assert [p.pair for p in direct.packages] == ["fr→en"]
    assert direct.describe() == "fr→en (direct)"
    assert pivot.kind == "pivot"
    assert [p.pair for p in pivot.packages] == ["fr→en", "en→ko"]
    assert pivot.languages == ("fr", "en", "ko")
    assert pivot.describe() == "fr→en→ko (pivot via en)"


def test_direct_package_is_preferred_over_pivot(argos_dir: Path) -> None:
    for source, target in [("fr", "en"), ("en", "ko"), ("fr", "ko")]:
        write_package(argos_dir, source, target)

    direct = find_package("fr", "ko")

    assert direct is not None
    assert plan_route("fr", "ko") == Route("fr", "ko", "direct", (direct,))


def test_missing_direct_pair_names_it_and_gives_commands(models_folder: Path) -> None:
    with pytest.raises(ModelError) as caught:
        plan_route("fr", "en", models_folder)

    assert caught.value.message == "no translation package for fr→en"
    hint = caught.value.hint or ""
    assert "`polyglot-press models install fr en`" in hint
    assert "`polyglot-press models install FILE.argosmodel`" in hint
    assert str(models_folder) in hint


def test_missing_pivot_leg_is_named(argos_dir: Path) -> None:
    write_package(argos_dir, "fr", "en")

    with pytest.raises(ModelError) as caught:
        plan_route("fr", "ko")

    assert "missing: en→ko" in caught.value.message
    assert "fr→en" not in caught.value.message.split("missing:")[1]
    assert "`polyglot-press models install en ko`" in (caught.value.hint or "")


def test_route_through_archives_extracts_each_leg(models_folder: Path) -> None:
    write_archive(models_folder, "fr", "en")
    write_archive(models_folder, "en", "ko")

    route = plan_route("fr", "ko", models_folder)

    assert all((p.path / "metadata.json").is_file() for p in route.packages)
