"""Errors raised by the DeepState client and parser.

Every message is one line a user can read: it names what failed (the update list, a map id, a
date or a file) and why, never a traceback. Catch ``DeepStateError`` for all of them.
"""

from __future__ import annotations


class DeepStateError(Exception):
    """Base of all Frontline DeepState errors; ``str(error)`` is the user-facing message."""

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.url = url

    def __str__(self) -> str:
        return self.message


class DeepStateNetworkError(DeepStateError):
    """No HTTP answer: connection refused, name not resolved, TLS failure, connection reset."""


class DeepStateTimeoutError(DeepStateNetworkError):
    """The server did not connect or answer within the timeout."""


class DeepStateHTTPError(DeepStateError):
    """The server answered with an HTTP error status."""

    def __init__(self, message: str, *, url: str | None = None, status: int = 0) -> None:
        super().__init__(message, url=url)
        self.status = status


class DeepStateFormatError(DeepStateError):
    """The body is not what DeepState serves: invalid JSON or the wrong shape."""


class DeepStateTruncatedError(DeepStateFormatError):
    """The body ended before its announced length."""


class DeepStateTooLargeError(DeepStateFormatError):
    """The body is larger than the configured cap."""


class DeepStateOfflineError(DeepStateError):
    """Offline mode, and what was asked for is not in the cache."""


class DeepStateNoUpdateError(DeepStateError):
    """No published update matches the requested date."""


class DeepStateCancelledError(DeepStateError):
    """The caller cancelled the request."""


class DeepStateSettingsError(DeepStateError, ValueError):
    """A setting the client cannot work with (the DeepState address)."""


class DeepStateCacheError(DeepStateError, OSError):
    """The cache folder cannot be made or used (a file there, no permission, a full disk)."""
