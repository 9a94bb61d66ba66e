"""The QGIS side of Frontline: registers the Processing provider (and, with a GUI, the dock)."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

from .processing.provider import FrontlineProvider

PLUGIN_DIR = Path(__file__).resolve().parent


class FrontlinePlugin:
    """Plugin object created by ``classFactory``; ``iface`` is None under qgis_process."""

    def __init__(self, iface) -> None:
        self.iface = iface
        self.provider: FrontlineProvider | None = None
        self.translator: QTranslator | None = None
        self._install_translator()

    def initProcessing(self) -> None:
        """Register the provider once; qgis_process calls this without initGui()."""
        if self.provider is None:
            provider = FrontlineProvider()
            if QgsApplication.processingRegistry().addProvider(provider):
                self.provider = provider

    def initGui(self) -> None:
        self.initProcessing()

    def unload(self) -> None:
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None

    def _install_translator(self) -> None:
        """Load the translation of QGIS's user interface locale, when Frontline has one."""
        locale = QgsSettings().value("locale/userLocale", "") or QLocale().name()
        qm_file = PLUGIN_DIR / "i18n" / f"frontline_{str(locale)[:2]}.qm"
        if qm_file.is_file():
            translator = QTranslator()
            if translator.load(str(qm_file)):
                QCoreApplication.installTranslator(translator)
                self.translator = translator
