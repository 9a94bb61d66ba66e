"""The plugin's lifecycle as QGIS and qgis_process drive it."""

from __future__ import annotations

from qgis.core import QgsApplication

import frontline


def frontline_providers() -> list:
    return [p for p in QgsApplication.processingRegistry().providers() if p.id() == "frontline"]


def test_class_factory_without_iface_registers_provider_like_qgis_process(
    qgis_app, qgis_processing
):
    plugin = frontline.classFactory(None)
    plugin.initProcessing()
    try:
        assert len(frontline_providers()) == 1
        registry = QgsApplication.processingRegistry()
        assert registry.algorithmById("frontline:deepstatesnapshot") is not None
        plugin.initProcessing()  # idempotent: QGIS may call it again through initGui()
        assert len(frontline_providers()) == 1
    finally:
        plugin.unload()
    assert frontline_providers() == []
    assert QgsApplication.processingRegistry().algorithmById("frontline:deepstatesnapshot") is None


def test_init_gui_and_unload_leave_nothing_behind(qgis_app, qgis_iface, qgis_processing):
    from qgis.PyQt.QtWidgets import QAction, QDockWidget

    main_window = qgis_iface.mainWindow()
    actions_before = len(main_window.findChildren(QAction))
    docks_before = len(main_window.findChildren(QDockWidget))
    for _ in range(2):
        plugin = frontline.classFactory(qgis_iface)
        plugin.initGui()
        assert len(frontline_providers()) == 1
        plugin.unload()
        assert frontline_providers() == []
    assert len(main_window.findChildren(QAction)) == actions_before
    assert len(main_window.findChildren(QDockWidget)) == docks_before


def test_a_diff_leaves_no_helper_thread_behind(qgis_app, qgis_processing):
    """Frontline diff runs its two overlays side by side on a helper thread, which ends with
    the run: a reloaded plugin leaves no threads behind."""
    import threading

    from qgis import processing
    from shapely.geometry import box

    from fltest.layers import memory_layer

    def helpers() -> list:
        return [t for t in threading.enumerate() if t.name.startswith("frontline-geos")]

    plugin = frontline.classFactory(None)
    plugin.initProcessing()
    try:
        square = box(400_000, 5_500_000, 410_000, 5_510_000)
        moved = box(400_000, 5_500_000, 412_000, 5_510_000)
        result = processing.run(
            "frontline:frontlinediff",
            {
                "BEFORE": memory_layer([square], "EPSG:32636"),
                "AFTER": memory_layer([moved], "EPSG:32636"),
                "OUTPUT": "memory:",
            },
        )
        assert result["GAINED_KM2"] > 19.9
        assert helpers() == []
    finally:
        plugin.unload()
    assert helpers() == []
