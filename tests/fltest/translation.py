"""Translations installed for a test from a dict: no .ts entry needs to exist yet."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from qgis.PyQt.QtCore import QCoreApplication, QTranslator


class Translations(QTranslator):
    """Some texts of the Frontline context translated from a dict."""

    def __init__(self, texts: dict[str, str]) -> None:
        super().__init__()
        self.texts = texts

    def translate(self, context, source, disambiguation=None, n=-1):
        return self.texts.get(source) if context == "Frontline" else None

    def isEmpty(self) -> bool:
        return False


@contextlib.contextmanager
def translated(texts: dict[str, str]) -> Iterator[None]:
    """Within the block, the Frontline texts in ``texts`` are translated."""
    translator = Translations(texts)
    QCoreApplication.installTranslator(translator)
    try:
        yield
    finally:
        QCoreApplication.removeTranslator(translator)
