"""The few exceptions polyglot_press raises.

Every error carries a one-line ``message`` for an editor and, where there is one, a ``hint``
that says how to fix it. The CLI prints both; library users can catch the base class.
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
    """An input document cannot be read: missing, empty, binary, undecodable or too large."""

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
