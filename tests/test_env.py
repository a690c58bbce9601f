"""Every environment variable and derived path comes from ``polyglot_press._env``, read at call time."""

from __future__ import annotations

from pathlib import Path

import pytest

from polyglot_press import _env


@pytest.fixture(autouse=True)
def clean(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in (
        _env.CACHE_ENV,
        _env.MODELS_ENV,
        _env.ARGOS_PACKAGES_DIR_ENV,
        _env.ARGOS_PACKAGE_INDEX_ENV,
        "XDG_CACHE_HOME",
        "XDG_DATA_HOME",
    ):
        monkeypatch.delenv(variable, raising=False)


def test_cache_dir_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert _env.cache_dir() == Path.home() / ".cache" / "polyglot_press"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert _env.cache_dir() == tmp_path / "xdg" / "polyglot_press"
    monkeypatch.setenv(_env.CACHE_ENV, str(tmp_path / "mine"))
    assert _env.cache_dir() == tmp_path / "mine"


def test_everything_cached_lives_in_the_one_cache_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(_env.CACHE_ENV, str(tmp_path))

    paths = [_env.memory_path(), _env.extracted_archives_dir(), _env.downloads_dir()]

    assert [path.parent for path in paths] == [tmp_path] * 3
    assert len({path.name for path in paths}) == 3


def test_empty_variables_count_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(_env.CACHE_ENV, "")
    monkeypatch.setenv(_env.MODELS_ENV, "")

    assert _env.cache_dir().name == "polyglot_press"
    assert _env.resolve_models_dir() is None


def test_models_dir_argument_beats_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(_env.MODELS_ENV, str(tmp_path / "env"))

    assert _env.resolve_models_dir() == tmp_path / "env"
    assert _env.resolve_models_dir(tmp_path / "given") == tmp_path / "given"


def test_argos_locations_follow_the_environment_at_call_time(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(_env.ARGOS_PACKAGES_DIR_ENV, str(tmp_path / "packages"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv(_env.ARGOS_PACKAGE_INDEX_ENV, "https://mirror.test/argospm/")

    assert _env.argos_packages_dir() == tmp_path / "packages"
    assert _env.local_index_path() == tmp_path / "data" / "argos-translate" / "index.json"
    assert _env.remote_index_url() == "https://mirror.test/argospm/index.json"
