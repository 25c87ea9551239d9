"""The failures a user can meet, and every exit code the ``debate`` command returns.

Everything the CLI prints as ``error: ...`` comes from one of these, so a message is
always one line, names the file/field/line at fault, and never carries a traceback.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_BUG = 1  # an unexpected exception: one line, the traceback only with --debug
EXIT_SOME_FAILED = 1  # `debate class`: the batch ran, but some debates failed (they are named)
EXIT_BAD_INPUT = 2  # usage, a missing or invalid file, an unknown persona, a bad setting
EXIT_BACKEND = 3  # a model backend failed after retries (or the doctor's probe failed)
EXIT_INTERRUPTED = 130  # ctrl-c (128 + SIGINT)


class DebateError(Exception):
    """Base class: an error meant to be shown to a user as one line."""

    exit_code = EXIT_BUG

    def __init__(self, message: str, *, where: str | None = None):
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


class UserError(DebateError):
    """Bad input: a missing or invalid file, an unknown persona, a bad flag value."""

    exit_code = EXIT_BAD_INPUT


class BackendError(DebateError):
    """A model backend failed for good (after retries, or on a non-retryable answer)."""

    exit_code = EXIT_BACKEND
