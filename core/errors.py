"""Errors raised by the DeepState client and parser.

Every message is one line a user can read: it names what failed (the update list, a map id, a
date or a file) and why, never a traceback. Catch ``DeepStateError`` for all of them.

The core has no Qt, so it cannot translate: a message is a ``Text``, an English template marked
with ``N_`` (tools/i18n.py extracts those) and its fields. ``str()`` gives the English message;
the glue passes Qt's translate to ``Text.localised`` to show it in the user's language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from types import MappingProxyType


def N_(text: str) -> str:  # gettext's name for "mark now, translate later"
    """Marks ``text`` as a message template for extraction; returns it unchanged."""
    return text


class Text:
    """An immutable message: an English ``str.format`` template and its named fields.

    A field that is itself a Text (the subject of a message, a reason) is translated with it;
    other fields are formatted as they are, so a template may give a format spec
    (``{time:%Y-%m-%d %H:%M}``).
    """

    __slots__ = ("fields", "template")
    template: str
    fields: Mapping[str, object]

    def __init__(self, template: str, /, **fields: object) -> None:
        object.__setattr__(self, "template", template)
        object.__setattr__(self, "fields", MappingProxyType(fields))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Text is immutable: cannot set {name}")

    def __str__(self) -> str:
        return self.template.format(**self._values(str))

    def localised(self, translate: Callable[[str], str]) -> str:
        """The message with its template and nested Texts passed through ``translate``."""
        values = self._values(lambda text: text.localised(translate))
        try:
            return translate(self.template).format(**values)
        # A broken translation (unknown field, bad spec or index) must not hide the error.
        except (KeyError, IndexError, ValueError, TypeError, AttributeError):
            return self.template.format(**values)

    def __reduce__(self):  # copy and pickle (errors crossing threads or processes)
        return (partial(Text, self.template, **self.fields), ())

    def _values(self, text_as: Callable[[Text], str]) -> dict[str, object]:
        return {k: text_as(v) if isinstance(v, Text) else v for k, v in self.fields.items()}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Text):
            return NotImplemented
        return self.template == other.template and dict(self.fields) == dict(other.fields)

    def __hash__(self) -> int:
        return hash((self.template, tuple(sorted(self.fields.items()))))

    def __repr__(self) -> str:
        fields = "".join(f", {k}={v!r}" for k, v in self.fields.items())
        return f"Text({self.template!r}{fields})"


class TextError(Exception):
    """An error whose ``str(error)`` is the English message and ``error.text`` the same
    message as a Text, for the glue to translate."""

    def __init__(self, message: str | Text) -> None:
        self.text = _as_text(message)
        super().__init__(str(self.text))

    @property
    def message(self) -> str:
        return str(self.text)

    def __str__(self) -> str:
        return self.message


class DeepStateError(TextError):
    """Base of all Frontline DeepState errors."""

    def __init__(self, message: str | Text, *, url: str | None = None) -> None:
        super().__init__(message)
        self.url = url


class _Verbatim(Text):
    """A message given as a plain str: shown as it is, in every language."""

    __slots__ = ()

    def __init__(self, message: str) -> None:
        super().__init__("{message}", message=message)

    def localised(self, translate: Callable[[str], str]) -> str:
        return str(self)

    def __reduce__(self):
        return (_Verbatim, (self.fields["message"],))


def _as_text(message: str | Text) -> Text:
    return message if isinstance(message, Text) else _Verbatim(message)


class DeepStateNetworkError(DeepStateError):
    """No HTTP answer: connection refused, name not resolved, TLS failure, connection reset."""


class DeepStateTimeoutError(DeepStateNetworkError):
    """The server did not connect or answer within the timeout."""


class DeepStateHTTPError(DeepStateError):
    """The server answered with an HTTP error status."""

    def __init__(self, message: str | Text, *, url: str | None = None, status: int = 0) -> None:
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
