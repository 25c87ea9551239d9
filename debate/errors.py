"""The two kinds of failure a user can meet, each with its own exit code.

Everything the CLI prints as ``error: ...`` comes from one of these, so a message is
always one line, names the file/field/line at fault, and never carries a traceback.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_BACKEND = 3


class DebateError(Exception):
    """Base class: an error meant to be shown to a user as one line."""

    exit_code = 1

    def __init__(self, message: str, *, where: str | None = None):
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


class UserError(DebateError):
    """Bad input: a missing or invalid file, an unknown persona, a bad flag value."""

    exit_code = EXIT_BAD_INPUT


class BackendError(DebateError):
    """A model backend failed for good (after retries, or on a non-retryable answer)."""

    exit_code = EXIT_BACKEND
