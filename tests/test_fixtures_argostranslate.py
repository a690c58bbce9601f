"""argostranslate itself installs and runs every fixture family: the fixtures are real packages.

The only module that imports ``argostranslate.translate`` (it pulls stanza and torch). Stanza
downloads its resources when a pipeline starts, so argostranslate's sentence splitters are
replaced by a plain split on sentence ends; everything else is argostranslate's own code.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from polyglot_press.testing import DEFAULT_PAIRS, FIXTURE_FAMILIES, FixtureFamily

TEXTS = {
    "fr": "Le constructeur a présenté sa nouvelle berline. Les ventes ont progressé de 12 %.",
    "en": "The carmaker unveiled its new saloon. Sales grew by 12%.",
}


def _split_on_sentence_ends(self: object, text: str) -> list[str]:
    del self
    return [part for part in re.split(r"(?<=[.!?])\s+", text) if part]


@pytest.fixture
def argos_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """argostranslate's package directory redirected to a temporary folder, stanza replaced."""
    from argostranslate import sbd, settings, translate

    # argostranslate keeps one translator per language pair for the whole process.
    monkeypatch.setattr(translate, "installed_translates", [])
    packages = tmp_path / "argos-packages"
    packages.mkdir()
    monkeypatch.setattr(settings, "package_data_dir", packages)
    monkeypatch.setattr(settings, "package_dirs", [packages])
    for splitter in (sbd.StanzaSentencizer, sbd.MiniSBDSentencizer):
        monkeypatch.setattr(splitter, "split_sentences", _split_on_sentence_ends)
    return packages


@pytest.mark.parametrize("family", FIXTURE_FAMILIES)
def test_argostranslate_installs_and_translates_each_family(
    argos_home: Path, fixture_archives: dict[FixtureFamily, Path], family: FixtureFamily
) -> None:
    from argostranslate import package, tokenizer, translate

    source, target = DEFAULT_PAIRS[family]
    package.install_from_path(fixture_archives[family])
    [installed] = package.get_installed_packages()

    translated = translate.translate(TEXTS[source], source, target)
    [cached] = translate.installed_translates

    assert (installed.from_code, installed.to_code) == (source, target)
    assert installed.package_path.parent == argos_home
    expected = tokenizer.BPETokenizer if family == "opus-bpe" else tokenizer.SentencePieceTokenizer
    assert isinstance(installed.tokenizer, expected)
    assert cached.cached_translation.underlying.pkg.package_path == installed.package_path
    assert isinstance(translated, str) and translated.strip()
    assert "@@ " not in translated and "▁" not in translated
