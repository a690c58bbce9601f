"""Install validation's probe on the translation backend (the package layer cannot import it).

:func:`polyglot_press.packages.install_package` checks a package by loading it and translating
a probe sentence, but the package layer sits below the translation engine; the caller gives it
an :class:`EngineProbe`, which loads the package with the backend that translates later.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from polyglot_press.packages import InstalledPackage
    from polyglot_press.translate import LoadedModel, TranslationBackend

__all__ = ["EngineProbe"]


class EngineProbe:
    """A :class:`~polyglot_press.packages.PackageProbe` on ``backend`` (default: CTranslate2 on
    one thread, as ``polyglot-press models install`` uses it)."""

    def __init__(self, backend: TranslationBackend | None = None) -> None:
        self.backend = backend

    def __call__(self, package: InstalledPackage) -> _LoadedProbe:
        backend = self.backend
        if backend is None:
            from polyglot_press.translate import CTranslate2Backend, EngineOptions

            backend = CTranslate2Backend(EngineOptions(threads=1))
        return _LoadedProbe(backend.load(package))


class _LoadedProbe:
    """A loaded model as the install check drives it: encode, then one greedy translation."""

    def __init__(self, model: LoadedModel) -> None:
        self._model = model

    def encode(self, text: str) -> list[str]:
        return self._model.tokenizer.encode(text)

    def translate(self, tokens: Sequence[str], max_tokens: int) -> str:
        from polyglot_press.translate import DecodeRequest

        request = DecodeRequest(beam_size=1, max_decoding_length=max_tokens)
        [hypotheses] = self._model.translate_batch([tokens], request)
        return self._model.tokenizer.decode(hypotheses[0].tokens)
