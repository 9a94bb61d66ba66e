"""The QGIS side of Frontline: registers the Processing provider (and, with a GUI, the dock)."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from .processing.provider import FrontlineProvider

PLUGIN_DIR = Path(__file__).resolve().parent


class FrontlinePlugin:
    """Plugin object created by ``classFactory``; ``iface`` is None under qgis_process."""

    def __init__(self, iface) -> None:
        self.iface = iface
        self.provider: FrontlineProvider | None = None
        self.translator: QTranslator | None = None
        self.dock = None  # ui.dock.FrontlineDock, made in initGui()
        self.action: QAction | None = None
        self._install_translator()

    def initProcessing(self) -> None:
        """Register the provider once; qgis_process calls this without initGui()."""
        if self.provider is None:
            provider = FrontlineProvider()
            if QgsApplication.processingRegistry().addProvider(provider):
                self.provider = provider

    def initGui(self) -> None:
        self.initProcessing()
        self._add_dock()

    def _add_dock(self) -> None:
        """The dock (listed in View > Panels by addDockWidget) and its toolbar button."""
        from .ui.dock import FrontlineDock

        main_window = self.iface.mainWindow()
        self.dock = FrontlineDock(self.iface, main_window)
        self.iface.addDockWidget(Qt.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.action = QAction(
            QIcon(str(PLUGIN_DIR / "icons" / "frontline.svg")),
            QCoreApplication.translate("Frontline", "Frontline: DeepState maps"),
            main_window,
        )
        self.action.setObjectName("FrontlineDockAction")
        self.dock.setToggleVisibilityAction(self.action)  # checkable, follows the dock
        self.iface.addToolBarIcon(self.action)

    def _remove_dock(self) -> None:
        """Dock first (it stops its task and drops its connections), then its button."""
        if self.dock is not None:
            self.dock.shut_down()
            self.iface.mainWindow().removeDockWidget(self.dock)  # what iface.removeDockWidget does
            self.dock.setParent(None)
            self.dock.deleteLater()
            self.dock = None
        if self.action is not None:
            self.iface.removeToolBarIcon(self.action)
            self.action.setParent(None)
            self.action.deleteLater()
            self.action = None

    def unload(self) -> None:
        self._remove_dock()
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
