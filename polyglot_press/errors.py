"""The few exceptions polyglot_press raises.

Every error carries a one-line ``message`` for an editor and, where there is one, a ``hint``
that says how to fix it. The CLI prints both; library users can catch the base class::

    PolyglotPressError      a bad option or setting (e.g. an unknown summariser, a broken stage)
    ├── InputError          an input cannot be read, or a language code is not one
    ├── ModelError          a translation package is missing, corrupt or cannot be loaded
    ├── GlossaryError       a glossary file is malformed
    └── TranslationError    translation failed for another reason (e.g. no brief could be
                            written because every sentence failed to translate)

Per-document problems in a batch or in ``Pipeline.process`` do not raise: they become a
result's ``status``, ``error`` and ``hint``.
"""

from __future__ import annotations


class PolyglotPressError(Exception):
    """Base class of every error raised on purpose by polyglot_press."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if self.hint is None else f"{self.message} ({self.hint})"

    @property
    def reason(self) -> str:
        """What went wrong, without naming the input (callers name it themselves)."""
        return self.message


class InputError(PolyglotPressError):
    """An input cannot be read (missing, empty, binary, undecodable or too large document) or
    is not what it should be (a language code that is not one)."""

    def __init__(self, source: str, reason: str, *, hint: str | None = None) -> None:
        super().__init__(f"{source}: {reason}", hint=hint)
        self.source = source
        self._reason = reason

    @property
    def reason(self) -> str:
        return self._reason

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt from its own arguments, so it crosses process boundaries (Dask workers).
        return (_input_error, (self.source, self.reason, self.hint))


def _input_error(source: str, reason: str, hint: str | None) -> InputError:
    return InputError(source, reason, hint=hint)


class ModelError(PolyglotPressError):
    """A translation package is missing, corrupt or cannot be loaded."""


class GlossaryError(PolyglotPressError):
    """A glossary file is malformed."""


class TranslationError(PolyglotPressError):
    """Translation failed for reasons other than a missing model."""
