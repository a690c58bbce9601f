"""Model management: discovery, routes, install/remove, the package index and the CLI.

Packages here only need the Argos *layout* (metadata.json, model/model.bin, a tokenizer file),
so most are written with dummy content; one test installs a real synthetic package. The network
is never touched: ``polyglot_press.packages._index._download`` is replaced in every test.
"""

from __future__ import annotations

import json
import os
import shutil
import urllib.error
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from polyglot_press.cli.models import app
from polyglot_press.errors import ModelError
from polyglot_press.packages import (
    InstalledPackage,
    Route,
    StaleIndexWarning,
    _archive,
    _index,
    available_packages,
    find_package,
    install_package,
    install_pair,
    installed_packages,
    load_package_index,
    plan_route,
    remove_package,
    scan_packages,
)
from polyglot_press.testing import PACKAGE_FAMILIES

INDEX_URL = "https://index.test/"

Downloader = Callable[..., None]


# --------------------------------------------------------------------------- helpers


def write_package(
    root: Path,
    source: str,
    target: str,
    version: str = "1.0",
    *,
    tokenizer: str = "sentencepiece.model",
    name: str | None = None,
    extra_metadata: dict[str, object] | None = None,
) -> Path:
    """An extracted package with the Argos layout and dummy model files."""
    package = root / (name or f"translate-{source}_{target}-{version.replace('.', '_')}")
    (package / "model").mkdir(parents=True)
    metadata: dict[str, object] = {
        "package_version": version,
        "from_code": source,
        "to_code": target,
    }
    metadata.update(extra_metadata or {})
    (package / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    (package / "model" / "model.bin").write_bytes(b"weights of " + f"{source}{target}".encode())
    (package / "model" / "config.json").write_text("{}", encoding="utf-8")
    (package / tokenizer).write_bytes(b"tokenizer")
    return package


def write_archive(
    root: Path,
    source: str,
    target: str,
    version: str = "1.0",
) -> Path:
    """The ``.argosmodel`` zip of a dummy package (the folder itself is not kept)."""
    staging = root / ".staging"
    package = write_package(staging, source, target, version)
    archive = root / f"{package.name}.argosmodel"
    zip_entries(
        archive, {p.relative_to(staging).as_posix(): p.read_bytes() for p in files(package)}
    )
    shutil.rmtree(staging)
    return archive


def zip_entries(archive: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as opened:
        for name, data in entries.items():
            opened.writestr(name, data)
    return archive


def files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file (hidden ones too) under ``root`` with its content."""
    if not root.exists():
        return {}
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files(root)}


def good_entries(top: str = "translate-fr_en-1_0") -> dict[str, bytes]:
    return {
        f"{top}/metadata.json": json.dumps({"from_code": "fr", "to_code": "en"}).encode(),
        f"{top}/model/model.bin": b"weights",
        f"{top}/sentencepiece.model": b"tokenizer",
    }


def serve(routes: dict[str, bytes | Path]) -> Downloader:
    """A ``_download`` replacement serving ``routes``; other URLs fail as if offline."""

    def download(url: str, destination: Path, *, timeout: float) -> None:
        assert timeout <= 60
        body = routes.get(url)
        if body is None:
            raise urllib.error.URLError("network is unreachable (test)")
        destination.write_bytes(body.read_bytes() if isinstance(body, Path) else body)

    return download


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos"))
    monkeypatch.setenv("POLYGLOT_PRESS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", INDEX_URL)
    monkeypatch.delenv("POLYGLOT_PRESS_MODELS", raising=False)
    monkeypatch.setattr(_index, "_download", serve({}))


@pytest.fixture
def argos_dir(tmp_path: Path) -> Path:
    path = tmp_path / "argos"
    path.mkdir()
    return path


@pytest.fixture
def models_folder(tmp_path: Path) -> Path:
    path = tmp_path / "models"
    path.mkdir()
    return path


@pytest.fixture
def saved_index(tmp_path: Path) -> Path:
    return tmp_path / "data" / "argos-translate" / "index.json"


def index_entry(source: str, target: str, version: str = "1.0") -> dict[str, Any]:
    return {
        "type": "translate",
        "from_code": source,
        "to_code": target,
        "from_name": source.upper(),
        "to_name": target.upper(),
        "package_version": version,
        "links": [f"https://files.test/translate-{source}_{target}-1_0.argosmodel"],
    }


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


# --------------------------------------------------------------------------- install


def test_install_package_from_file(argos_dir: Path, tmp_path: Path) -> None:
    archive = write_archive(tmp_path, "fr", "en", "1.9")

    package = install_package(archive, validate=False)

    assert package.path == argos_dir / "translate-fr_en-1_9"
    assert (package.pair, package.version, package.origin) == ("fr→en", "1.9", "argos")
    assert sorted(p.name for p in argos_dir.iterdir()) == ["translate-fr_en-1_9"]
    assert installed_packages() == [package]


def test_install_replaces_older_version_of_same_pair(argos_dir: Path, tmp_path: Path) -> None:
    write_package(argos_dir, "fr", "en", "1.0", name="argospm-fr-en")
    write_package(argos_dir, "de", "en", "1.0")

    install_package(write_archive(tmp_path, "fr", "en", "1.1"), validate=False)

    assert sorted(p.name for p in argos_dir.iterdir()) == [
        "translate-de_en-1_0",
        "translate-fr_en-1_1",
    ]


def test_reinstalling_same_version_replaces_it(argos_dir: Path, tmp_path: Path) -> None:
    stale = write_package(argos_dir, "fr", "en", "1.0")
    (stale / "leftover.txt").write_text("old", encoding="utf-8")

    install_package(write_archive(tmp_path, "fr", "en", "1.0"), validate=False)

    assert not (stale / "leftover.txt").exists()
    assert sorted(p.name for p in argos_dir.iterdir()) == [stale.name]


@pytest.mark.parametrize("family", ["opus-bpe", "opus-spm", "argos-train"])
def test_install_checks_and_installs_each_family(
    argos_dir: Path, fixture_archives: dict[str, Path], family: str
) -> None:
    package = install_package(fixture_archives[family])

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
        install_package(archive, validate=False)

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
        install_package(archive, validate=False)
    assert snapshot(argos_dir) == before
    assert sorted(p.name for p in argos_dir.iterdir()) == ["translate-fr_en-0_9"]


def test_install_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no such file"):
        install_package(tmp_path / "absent.argosmodel", validate=False)


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
        package = install_package(archive, validate=False)
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
        install_package(archive, validate=False)
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


# --------------------------------------------------------------------------- package index


def test_index_is_downloaded_saved_and_filtered(
    monkeypatch: pytest.MonkeyPatch, saved_index: Path
) -> None:
    entries = [index_entry("fr", "en"), index_entry("en", "ko"), {"type": "sbd", "from_code": "fr"}]
    monkeypatch.setattr(
        _index, "_download", serve({f"{INDEX_URL}index.json": json.dumps(entries).encode()})
    )

    index = load_package_index()

    assert not index.is_stale
    assert [p.pair for p in index.packages] == ["en→ko", "fr→en"]
    assert json.loads(saved_index.read_text(encoding="utf-8")) == entries
    assert index.find("fr", "en") is not None
    assert index.find("fr", "ko") is None


def test_offline_without_saved_index_says_how_to_install_from_file() -> None:
    with pytest.raises(ModelError, match="offline") as caught:
        available_packages()

    assert "polyglot-press models install FILE.argosmodel" in (caught.value.hint or "")


def test_offline_with_saved_index_uses_it_and_warns(saved_index: Path) -> None:
    saved_index.parent.mkdir(parents=True)
    saved_index.write_text(json.dumps([index_entry("fr", "en")]), encoding="utf-8")

    with pytest.warns(StaleIndexWarning, match="may be stale"):
        packages = available_packages()

    assert [p.pair for p in packages] == ["fr→en"]


def test_invalid_index_download_keeps_saved_copy(
    monkeypatch: pytest.MonkeyPatch, saved_index: Path
) -> None:
    saved_index.parent.mkdir(parents=True)
    saved_index.write_text(json.dumps([index_entry("fr", "en")]), encoding="utf-8")
    monkeypatch.setattr(_index, "_download", serve({f"{INDEX_URL}index.json": b"<html>"}))

    index = load_package_index()

    assert index.is_stale
    assert "not valid JSON" in (index.stale_reason or "")
    assert [p.pair for p in index.packages] == ["fr→en"]


def test_install_pair_downloads_and_installs(
    argos_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = index_entry("fr", "en", "1.9")
    archive = write_archive(tmp_path, "fr", "en", "1.9")
    monkeypatch.setattr(
        _index,
        "_download",
        serve({f"{INDEX_URL}index.json": json.dumps([entry]).encode(), entry["links"][0]: archive}),
    )

    package = install_pair("fr", "en", validate=False)

    assert (package.pair, package.version) == ("fr→en", "1.9")
    assert package.path.parent == argos_dir
    assert list((tmp_path / "cache" / "downloads").iterdir()) == []


def test_install_pair_offline_points_to_download_url(
    saved_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = index_entry("fr", "en")
    saved_index.parent.mkdir(parents=True)
    saved_index.write_text(json.dumps([entry]), encoding="utf-8")

    with pytest.raises(ModelError, match="offline") as caught:
        install_pair("fr", "en", validate=False)

    hint = caught.value.hint or ""
    assert entry["links"][0] in hint
    assert "`polyglot-press models install translate-fr_en-1_0.argosmodel`" in hint


def test_install_pair_offline_without_index() -> None:
    with pytest.raises(ModelError, match="cannot download fr→en") as caught:
        install_pair("fr", "en", validate=False)

    assert "connected machine" in (caught.value.hint or "")


def test_install_pair_not_in_index_suggests_pivot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        _index,
        "_download",
        serve({f"{INDEX_URL}index.json": json.dumps([index_entry("fr", "en")]).encode()}),
    )

    with pytest.raises(ModelError, match="no fr→ko package") as caught:
        install_pair("fr", "ko", validate=False)

    assert "`polyglot-press models install en ko`" in (caught.value.hint or "")


def test_corrupt_download_is_not_installed(
    argos_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = index_entry("fr", "en")
    monkeypatch.setattr(
        _index,
        "_download",
        serve(
            {
                f"{INDEX_URL}index.json": json.dumps([entry]).encode(),
                entry["links"][0]: b"PK\x03\x04 cut",
            }
        ),
    )

    with pytest.raises(ModelError, match="not a zip archive"):
        install_pair("fr", "en", validate=False)
    assert list(argos_dir.iterdir()) == []


# --------------------------------------------------------------------------- CLI

runner = CliRunner()


def test_cli_list_table_and_json(argos_dir: Path, models_folder: Path) -> None:
    write_package(argos_dir, "fr", "en", "1.9")
    write_archive(models_folder, "en", "ko", "1.1")
    (models_folder / "cut.argosmodel").write_bytes(b"PK")

    table = runner.invoke(app, ["list", "--models", str(models_folder)])
    as_json = runner.invoke(app, ["list", "--models", str(models_folder), "--json"])

    assert table.exit_code == 0, table.output
    assert "fr→en" in table.stdout and "en→ko" in table.stdout
    assert "installed" in table.stdout and "models folder (.argosmodel)" in table.stdout
    assert "warning: skipped" in table.stderr and "cut.argosmodel" in table.stderr
    records = json.loads(as_json.stdout)
    assert [(r["source"], r["target"], r["origin"]) for r in records] == [
        ("en", "ko", "models-dir-archive"),
        ("fr", "en", "argos"),
    ]
    assert records[1]["size_bytes"] > 0


def test_cli_list_empty_gives_hint() -> None:
    result = runner.invoke(app, ["list"])

    assert result.exit_code == 0
    assert "No translation packages" in result.stdout
    assert "polyglot-press models install fr en" in result.stderr


def test_cli_list_bad_models_dir_fails(tmp_path: Path) -> None:
    result = runner.invoke(app, ["list", "--models", str(tmp_path / "nowhere")])

    assert result.exit_code == 1
    assert result.stderr.startswith("error: models folder")
    assert "hint: " in result.stderr


def test_cli_available_offline_exits_1_with_hint() -> None:
    result = runner.invoke(app, ["available"])

    assert result.exit_code == 1
    assert "offline" in result.stderr
    assert "hint: " in result.stderr and "FILE.argosmodel" in result.stderr


def test_cli_available_json_marks_installed(
    argos_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_package(argos_dir, "fr", "en")
    index = [index_entry("fr", "en"), index_entry("en", "ko")]
    monkeypatch.setattr(
        _index, "_download", serve({f"{INDEX_URL}index.json": json.dumps(index).encode()})
    )

    result = runner.invoke(app, ["available", "--json"])

    assert result.exit_code == 0, result.output
    assert {(r["source"], r["target"], r["installed"]) for r in json.loads(result.stdout)} == {
        ("fr", "en", True),
        ("en", "ko", False),
    }


def test_cli_install_file_then_remove(argos_dir: Path, fixture_archives: dict[str, Path]) -> None:
    archive = fixture_archives["opus-bpe"]

    installed = runner.invoke(app, ["install", str(archive)])
    removed = runner.invoke(app, ["remove", "fr", "en"])

    assert installed.exit_code == 0, installed.output
    assert "Installed fr→en 1.9" in installed.stdout
    assert removed.exit_code == 0, removed.output
    assert "Removed fr→en 1.9" in removed.stdout
    assert list(argos_dir.iterdir()) == []


def test_cli_install_pair_offline_exits_1() -> None:
    result = runner.invoke(app, ["install", "fr", "en"])

    assert result.exit_code == 1
    assert "error: cannot download fr→en" in result.stderr


def test_cli_install_corrupt_file_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.argosmodel"
    bad.write_bytes(b"garbage")

    result = runner.invoke(app, ["install", str(bad)])

    assert result.exit_code == 1
    assert "not a zip archive" in result.stderr


@pytest.mark.parametrize("args", [["fr"], ["fr", "en", "ko"], ["a.argosmodel", "en"], []])
def test_cli_install_usage_errors_exit_2(args: list[str]) -> None:
    assert runner.invoke(app, ["install", *args]).exit_code == 2


def test_cli_remove_missing_exits_1() -> None:
    result = runner.invoke(app, ["remove", "fr", "en"])

    assert result.exit_code == 1
    assert "error: no installed package for fr→en" in result.stderr
    assert "hint: " in result.stderr
