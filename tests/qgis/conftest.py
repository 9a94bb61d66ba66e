"""Fixtures for tests that need QGIS: the plugin loaded the way QGIS loads it."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from qgis.core import Qgis, QgsApplication

from fltest.deepstate_server import (  # noqa: F401 - re-exported pytest fixtures
    deepstate_server,
    deepstate_site,
)

LOG = logging.getLogger("qgis")

# `python -m pytest` puts the working directory (the repository root) on sys.path, where the
# plugin's own `processing/` would shadow QGIS's `processing` package: take it off again.
REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO_ROOT]


def pytest_report_header(config) -> list[str]:
    import shapely
    from osgeo import gdal
    from qgis.PyQt.QtCore import QT_VERSION_STR

    return [
        f"QGIS {Qgis.QGIS_VERSION}, GDAL {gdal.__version__}, Qt {QT_VERSION_STR}, "
        f"shapely {shapely.__version__} (GEOS {shapely.geos_version_string})"
    ]


def _log_qgis_message(message: str, tag: str, level) -> None:
    LOG.log(logging.WARNING if level >= Qgis.Warning else logging.INFO, "[%s] %s", tag, message)


@pytest.fixture(scope="session", autouse=True)
def qgis_messages_to_logging(qgis_app):
    """QGIS's own log messages show up in pytest's captured logs of a failing test."""
    QgsApplication.messageLog().messageReceived.connect(_log_qgis_message)
    yield
    QgsApplication.messageLog().messageReceived.disconnect(_log_qgis_message)


@pytest.fixture()
def frontline_plugin(qgis_app, qgis_iface, qgis_processing):
    """The plugin loaded as QGIS loads it: classFactory(iface), then initGui()."""
    import frontline

    plugin = frontline.classFactory(qgis_iface)
    plugin.initGui()
    yield plugin
    plugin.unload()


@pytest.fixture()
def iface(qgis_iface, monkeypatch):
    """pytest-qgis's stub interface, made to dock widgets and hold toolbar buttons as QGIS does
    (the stub's addDockWidget and addToolBarIcon do nothing)."""
    from qgis.PyQt.QtWidgets import QToolBar

    from fltest.qt import TOOLBAR

    main_window = qgis_iface.mainWindow()
    toolbar = main_window.findChild(QToolBar, TOOLBAR)
    if toolbar is None:
        toolbar = QToolBar("Plugins", main_window)
        toolbar.setObjectName(TOOLBAR)
        main_window.addToolBar(toolbar)
    monkeypatch.setattr(qgis_iface, "addDockWidget", main_window.addDockWidget, raising=False)
    monkeypatch.setattr(qgis_iface, "addToolBarIcon", toolbar.addAction, raising=False)
    monkeypatch.setattr(qgis_iface, "removeToolBarIcon", toolbar.removeAction, raising=False)
    for messages in qgis_iface.messageBar().messages.values():
        messages.clear()
    main_window.show()
    yield qgis_iface
    main_window.hide()


@pytest.fixture()
def run_alg(frontline_plugin, tmp_path):
    """processing.run with a fresh context; returns the result dict."""
    from qgis import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    def run(algorithm_id: str, parameters: dict, feedback=None):
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        return processing.run(
            algorithm_id, parameters, context=context, feedback=feedback or QgsProcessingFeedback()
        )

    return run


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path, monkeypatch):
    """Each test gets its own DeepState cache folder."""
    from qgis.core import QgsSettings

    from frontline.processing.deepstate_access import SETTING_CACHE_DIR

    settings = QgsSettings()
    settings.setValue(SETTING_CACHE_DIR, str(tmp_path / "cache"))
    yield tmp_path / "cache"
    settings.remove(SETTING_CACHE_DIR)
