"""`make screenshots`: the Frontline dock and the map canvas with a loaded map, as PNG files.

QGIS runs headless (under Xvfb, or Qt's offscreen platform) in a throw-away profile, with a
main window holding a map canvas, a message bar and the dock, the way QGIS lays them out. The
dock talks to a local DeepState (tests/fltest's server) serving the real maps kept in
../shared/data, and is driven through its buttons: load the map of 2024-10-13, then the one of
2024-11-01 (so the areas table shows the change), compare the Ukrainian-held ground in Russia
with the update before, load a range. The images go to docs/images/ for the README.

Usage: python tools/screenshots.py [--out docs/images]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / ".build" / "plugins"))
sys.path.insert(0, str(ROOT / "tests"))

WINDOW_SIZE = (1600, 940)
DOCK_WIDTH = 420
LAYERS_WIDTH = 310
MAP_SIZE = (1200, 820)
# Lon/lat extents: the whole front, and the Kursk salient.
FRONT = (30.6, 44.1, 40.4, 52.4)
KURSK = (34.72, 51.06, 35.58, 51.50)
NECK_AREA = (34.84, 51.17, 35.06, 51.29)  # the 312 m neck west of Sudzha in autumn 2024
WORLD_MAP = Path("/usr/share/qgis/resources/data/world_map.gpkg")
COUNTRIES = ("UKR", "RUS", "BLR", "MDA", "ROU", "POL", "HUN", "SVK")
PROVINCES_OF = ("UKR", "RUS", "BLR")  # provinces elsewhere only clutter the map


def start_qgis(profile: Path):
    os.environ["QGIS_CUSTOM_CONFIG_PATH"] = str(profile)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(profile / "runtime"))
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(parents=True, exist_ok=True, mode=0o700)
    from qgis.core import QgsApplication

    app = QgsApplication([], True)
    app.initQgis()
    app.setStyle("Fusion")
    from qgis.gui import QgsGui

    QgsGui.editorWidgetRegistry().initEditors()
    plugins = os.path.join(app.pkgDataPath(), "python", "plugins")
    if plugins not in sys.path:
        sys.path.append(plugins)
    from processing.core.Processing import Processing

    Processing.initialize()
    return app


def wait_until(condition: Callable[[], bool], timeout: float = 120.0) -> None:
    """Run the Qt event loop until condition() holds (QGIS tasks can take a while here)."""
    from fltest.qt import wait_until as wait

    wait(condition, timeout)


def settle(seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    wait_until(lambda: time.monotonic() > end, seconds + 5)


class Window:
    """A QGIS-like main window and the interface the plugin expects (``iface``)."""

    def __init__(self) -> None:
        from qgis.core import QgsLayerTreeModel, QgsProject
        from qgis.gui import (
            QgsDockWidget,
            QgsLayerTreeMapCanvasBridge,
            QgsLayerTreeView,
            QgsMapCanvas,
            QgsMessageBar,
        )
        from qgis.PyQt.QtCore import Qt
        from qgis.PyQt.QtGui import QColor
        from qgis.PyQt.QtWidgets import QMainWindow, QToolBar, QVBoxLayout, QWidget

        self.window = QMainWindow()
        self.window.setWindowTitle("QGIS")
        self.window.resize(*WINDOW_SIZE)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.bar = QgsMessageBar()
        self.canvas = QgsMapCanvas()
        self.canvas.setCanvasColor(QColor("#cfe3ef"))  # sea
        layout.addWidget(self.bar)
        layout.addWidget(self.canvas)
        self.window.setCentralWidget(central)
        self.toolbar = QToolBar("Plugins", self.window)
        self.toolbar.setObjectName("mPluginToolBar")
        self.window.addToolBar(self.toolbar)
        root = QgsProject.instance().layerTreeRoot()
        self.bridge = QgsLayerTreeMapCanvasBridge(root, self.canvas)
        self.layers = QgsDockWidget("Layers", self.window)
        self.layers.setObjectName("Layers")
        self.model = QgsLayerTreeModel(root)  # kept: the view does not own it
        self.view = QgsLayerTreeView()
        self.view.setModel(self.model)
        self.layers.setWidget(self.view)
        self.window.addDockWidget(Qt.LeftDockWidgetArea, self.layers)

    # The part of QgisInterface the plugin uses.
    def mainWindow(self):
        return self.window

    def mapCanvas(self):
        return self.canvas

    def messageBar(self):
        return self.bar

    def addDockWidget(self, area, dock) -> None:
        self.window.addDockWidget(area, dock)

    def removeDockWidget(self, dock) -> None:
        self.window.removeDockWidget(dock)

    def addToolBarIcon(self, action) -> None:
        self.toolbar.addAction(action)

    def removeToolBarIcon(self, action) -> None:
        self.toolbar.removeAction(action)


def add_backdrop(folder: Path) -> None:
    """Countries and provinces (Natural Earth, shipped with QGIS) under the DeepState layers."""
    import shutil

    from qgis.core import (
        QgsFillSymbol,
        QgsPalLayerSettings,
        QgsProject,
        QgsSingleSymbolRenderer,
        QgsTextBufferSettings,
        QgsTextFormat,
        QgsVectorLayer,
        QgsVectorLayerSimpleLabeling,
    )
    from qgis.PyQt.QtGui import QColor, QFont

    world_map = Path(shutil.copy(WORLD_MAP, folder))  # SQLite wants a writable folder
    layers = []
    for table, fill, outline, width, label, size in (
        ("countries", "#f4f1ea", "#8d8d8d", "0.5", "upper({})", 11),
        ("states_provinces", "0,0,0,0", "#c7c2b8", "0.2", "{}", 7.5),
    ):
        layer = QgsVectorLayer(f"{world_map}|layername={table}", table.replace("_", " "), "ogr")
        fields = {name.lower(): name for name in layer.fields().names()}
        code = fields.get("adm0_a3") or fields["iso_a3"]
        wanted = COUNTRIES if table == "countries" else PROVINCES_OF
        layer.setSubsetString(f'"{code}" IN ({", ".join(repr(c) for c in wanted)})')
        label = label.format(f'"{fields["name"]}"')
        symbol = QgsFillSymbol.createSimple(
            {"color": fill, "outline_color": outline, "outline_width": width}
        )
        layer.setRenderer(QgsSingleSymbolRenderer(symbol))
        settings = QgsPalLayerSettings()
        settings.fieldName = label
        settings.isExpression = True
        # Province names when the whole front shows (one misleads once zoomed in), country
        # names when zoomed in (Natural Earth's outline puts RUSSIA's over occupied Luhansk).
        settings.scaleVisibility = True
        if table == "states_provinces":
            settings.maximumScale = 2_500_000
        else:
            settings.minimumScale = 1_500_000
        text = QgsTextFormat()
        text.setFont(QFont("DejaVu Sans"))
        text.setSize(size)
        text.setColor(QColor("#7a7a7a" if table == "countries" else "#9a958c"))
        buffer = QgsTextBufferSettings()
        buffer.setEnabled(True)
        buffer.setColor(QColor("#f4f1ea"))
        buffer.setSize(0.8)
        text.setBuffer(buffer)
        settings.setFormat(text)
        layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
        layer.setLabelsEnabled(True)
        layers.append(layer)
    project = QgsProject.instance()
    root = project.layerTreeRoot()
    for layer in reversed(layers):  # provinces' outlines over the countries' fill
        project.addMapLayer(layer, False)
        root.addLayer(layer)


def set_extent(canvas, lon_lat: tuple[float, float, float, float]) -> None:
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsProject,
        QgsRectangle,
    )

    crs = QgsCoordinateReferenceSystem("EPSG:3857")
    transform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"), crs, QgsProject.instance()
    )
    canvas.setDestinationCrs(crs)
    QgsProject.instance().setCrs(crs)
    canvas.setExtent(transform.transformBoundingBox(QgsRectangle(*lon_lat)))
    canvas.refresh()


def render_map(canvas, path: Path, lon_lat, size=MAP_SIZE, layers=None) -> None:
    """The canvas's layers (or `layers`, top first) at a given extent, rendered off the screen
    at a fixed size."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsMapRendererParallelJob,
        QgsProject,
        QgsRectangle,
    )
    from qgis.PyQt.QtCore import QSize

    settings = canvas.mapSettings()
    if layers is not None:
        settings.setLayers(layers)
    settings.setOutputSize(QSize(*size))
    settings.setOutputDpi(110)
    crs = QgsCoordinateReferenceSystem("EPSG:3857")
    settings.setDestinationCrs(crs)
    transform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"), crs, QgsProject.instance()
    )
    settings.setExtent(transform.transformBoundingBox(QgsRectangle(*lon_lat)))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    job.renderedImage().save(str(path), "PNG")
    wrote(path)


def show_points(visible: bool) -> None:
    """DeepState's unit and arrow markers crowd the overview; they are shown zoomed in."""
    from qgis.core import QgsProject

    for node in QgsProject.instance().layerTreeRoot().findLayers():
        if node.layer() is not None and node.layer().name() == "Points":
            node.setItemVisibilityChecked(visible)


def tidy_layer_tree(view) -> None:
    """Groups open, the points' legend folded (as a user would, to see the groups)."""
    from qgis.core import QgsProject

    root = QgsProject.instance().layerTreeRoot()
    for group in root.findGroups(True):
        group.setExpanded(True)
    for node in root.findLayers():
        node.setExpanded(node.layer() is not None and node.layer().name() != "Points")
    view.expandAll()
    for node in root.findLayers():
        if node.layer() is not None and node.layer().name() == "Points":
            view.collapse(view.node2index(node))


def wrote(path: Path) -> None:
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def grab(widget, path: Path) -> None:
    widget.grab().save(str(path), "PNG")
    wrote(path)


def run(out: Path, profile: Path) -> None:
    from qgis.core import QgsProject, QgsSettings
    from qgis.PyQt.QtCore import QDate, Qt

    import frontline
    from fltest.deepstate_server import DeepStateSite, FakeDeepStateServer
    from frontline.processing.deepstate_access import SETTING_BASE_URL
    from frontline.ui import jobs

    out.mkdir(parents=True, exist_ok=True)
    window = Window()
    add_backdrop(profile)
    with FakeDeepStateServer(DeepStateSite()) as server:
        QgsSettings().setValue(SETTING_BASE_URL, server.base_url)
        plugin = frontline.classFactory(window)
        plugin.initGui()
        window.window.show()
        plugin.action.trigger()
        dock = plugin.dock
        window.window.resizeDocks([dock, window.layers], [DOCK_WIDTH, LAYERS_WIDTH], Qt.Horizontal)
        panel = dock.panel
        wait_until(lambda: panel._started and panel.task is None)

        def load(day: QDate) -> None:
            panel.dateEdit.setDate(day)
            panel.loadButton.click()
            wait_until(lambda: panel.task is None)
            print(panel.messageLabel.text())

        load(QDate(2024, 10, 13))
        load(QDate(2024, 11, 1))
        show_points(False)
        tidy_layer_tree(window.view)
        set_extent(window.canvas, FRONT)
        settle(1.5)
        window.bar.clearWidgets()
        grab(window.window, out / "frontline-window.png")
        grab(dock, out / "dock-areas.png")
        render_map(window.canvas, out / "map-front.png", FRONT)

        if panel.compareButton.isEnabled():
            combo = panel.compareClassCombo
            combo.setCurrentIndex(combo.findData("ua_held_in_russia"))
            panel.compareButton.click()
            wait_until(lambda: panel.task is None, 300)
            print(panel.messageLabel.text())
            grab(dock, out / "dock-compare.png")
            show_points(True)
            tidy_layer_tree(window.view)
            set_extent(window.canvas, KURSK)
            settle(1.5)
            window.bar.clearWidgets()
            grab(window.window, out / "frontline-compare-window.png")
            render_map(window.canvas, out / "map-kursk-change.png", KURSK)
        else:
            print(f"skipped the Compare screenshots: {jobs.DIFF_ALG} is not registered")
        if panel.analyseButton.isEnabled():
            panel.sideCombo.setCurrentIndex(panel.sideCombo.findData("ua_held_in_russia"))
            panel.analyseButton.click()
            wait_until(lambda: panel.task is None, 300)
            print(panel.messageLabel.text())
            grab(dock, out / "dock-analyse.png")
            render_analysis(window.canvas, out / "map-kursk-analysis.png")
        else:
            print("skipped the Analyse screenshot: its algorithms are not registered")
        render_route_exposure(window.canvas, out / "map-route-exposure.png")
        render_series_chart(out / "series-chart.png")
        plugin.unload()
        QgsProject.instance().clear()


def backdrop_layers() -> list:
    """The Natural Earth backdrop, provinces over countries."""
    from qgis.core import QgsProject

    found = [
        layer
        for layer in QgsProject.instance().mapLayers().values()
        if layer.name() in ("states provinces", "countries")
    ]
    return sorted(found, key=lambda layer: layer.name() != "states provinces")


def render_analysis(canvas, path: Path) -> None:
    """The dock's Analyse layers (necks, corridors, pieces by status) over the held ground."""
    from frontline.ui import layers as ui_layers

    group = ui_layers.frontline_groups("analysis")[-1]
    analysis = [node.layer() for node in group.findLayers()]
    render_map(canvas, path, NECK_AREA, layers=[*analysis, *backdrop_layers()])


def render_series_chart(path: Path) -> None:
    """The first chart of frontline:deepstateseries's HTML page (Kursk, every map), as PNG."""
    import re
    import tempfile as temporary

    from qgis import processing
    from qgis.PyQt.QtCore import QByteArray, QRectF, Qt
    from qgis.PyQt.QtGui import QColor, QImage, QPainter
    from qgis.PyQt.QtSvg import QSvgRenderer

    from fltest import data

    with temporary.TemporaryDirectory() as folder:
        page = Path(folder) / "series.html"
        processing.run(
            "frontline:deepstateseries",
            {
                "SOURCE_FOLDER": str(data.RAW_DIR),
                "CLASSES": [4],
                "OUTPUT": "memory:",
                "OUTPUT_TABLE": "memory:",
                "OUTPUT_HTML": str(page),
            },
        )
        html = page.read_text(encoding="utf-8")
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    size = renderer.defaultSize() * 2
    image = QImage(size, QImage.Format_ARGB32)
    image.fill(QColor(Qt.white))
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, size.width(), size.height()))
    painter.end()
    image.save(str(path), "PNG")
    wrote(path)


ROUTE = ROOT / "tests" / "data" / "yunakivka_sudzha.geojson"
BANDS = (
    (5000.0, "#b71c1c", "within 5 km"),
    (10000.0, "#ef6c00", "5 to 10 km"),
    (20000.0, "#fbc02d", "10 to 20 km"),
)


def hostile_near_kursk(day: str):
    """Russian-held and contested ground around the Yunakivka - Sudzha road on a day, lon/lat:
    ground outside Ukraine that Ukraine does not hold, plus occupied and grey ground. Built in
    a local metric CRS so that 300 m border slivers between the two sources can be dropped."""
    import shapely

    from fltest import data
    from frontline.core.exposure import hostile_ground

    lon0, lat0 = 35.15, 51.16
    path = data.raw_map(day)
    metric = lambda g: data.to_metric(g, lon0, lat0)  # noqa: E731
    hostile = hostile_ground(
        metric(data.boundary("ua_osm20231002_polygon_clip")),
        metric(shapely.box(34.3, 50.8, 36.0, 51.6)),
        metric(data.fill_polygons(path, [data.UA_HELD_IN_RUSSIA])),
        metric(data.fill_polygons(path, ["#a52714", "#880e4f", "#bcaaa4", "#bdbdbd"])),
        min_width=300.0,
    )
    return data.to_lonlat(hostile, lon0, lat0)


def render_route_exposure(canvas, path: Path) -> None:
    """frontline:routeexposure on the real road and the map of 2025-03-07, drawn by band."""
    from qgis import processing
    from qgis.core import (
        QgsCategorizedSymbolRenderer,
        QgsFillSymbol,
        QgsLineSymbol,
        QgsProject,
        QgsRendererCategory,
        QgsSingleSymbolRenderer,
        QgsVectorLayer,
    )

    from fltest.layers import memory_layer

    hostile = memory_layer([hostile_near_kursk("20250307")])
    hostile.setName("Hostile ground 2025-03-07")
    hostile.setRenderer(
        QgsSingleSymbolRenderer(
            QgsFillSymbol.createSimple(
                {"color": "165,39,20,70", "outline_color": "#a52714", "outline_width": "0.3"}
            )
        )
    )
    route = QgsVectorLayer(str(ROUTE), "Yunakivka - Sudzha road", "ogr")
    result = processing.run(
        "frontline:routeexposure",
        {
            "ROUTES": route,
            "HOSTILE": hostile,
            "RANGES": "5000,10000,20000",
            "OUTPUT": "memory:",
            "OUTPUT_SUMMARY": "memory:",
        },
    )
    stretches = result["OUTPUT"]
    stretches.setName("Road exposure")
    categories = [
        QgsRendererCategory(
            band,
            QgsLineSymbol.createSimple({"color": colour, "width": "1.6", "capstyle": "round"}),
            label,
        )
        for band, colour, label in BANDS
    ]
    stretches.setRenderer(QgsCategorizedSymbolRenderer("band", categories))
    project = QgsProject.instance()
    for layer in (hostile, stretches):
        project.addMapLayer(layer)
    print(f"Road within 5 km of hostile ground on 2025-03-07: {result['EXPOSED_SHARE']:.1%}")
    render_map(
        canvas,
        path,
        (34.85, 50.98, 35.45, 51.30),
        layers=[
            stretches,
            hostile,
            *backdrop_layers(),
        ],
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="frontline-screenshots-") as profile:
        app = start_qgis(Path(profile))
        run(args.out.resolve(), Path(profile))
        app.processEvents()
    # QGIS 3.22 may crash while it tears its canvases and layers down at exit; every image is
    # written and closed by now, so leave without that teardown.
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
