"""Layers and layer groups the dock adds to the project, styled, all or nothing."""

from __future__ import annotations

from qgis.core import (
    QgsDateTimeRange,
    QgsExpression,
    QgsFillSymbol,
    QgsLayerTree,
    QgsLayerTreeGroup,
    QgsLayerTreeNode,
    QgsLineSymbol,
    QgsMapLayer,
    QgsPalLayerSettings,
    QgsProject,
    QgsSingleSymbolRenderer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsVectorLayerTemporalProperties,
)
from qgis.PyQt.QtCore import QCoreApplication, QDateTime
from qgis.PyQt.QtGui import QColor

from ..core.classes import CLASS_STYLE, POINT_CLASSES
from ..processing.deepstate_snapshot import POINT_MARKERS
from ..processing.styles import (
    categorized_fill_renderer,
    categorized_marker_renderer,
    change_categories,
    class_fill_categories,
    class_labels,
)

# Custom properties on the groups the dock makes (kept in the project file).
KIND = "frontline/kind"  # "map", "changes", "analysis" or "series"
SNAPSHOT = "frontline/snapshot_id"
MADE = "frontline/made"  # on each layer the dock adds: only those are its to remove


def style_areas(layer: QgsVectorLayer, classes: list[str]) -> None:
    layer.setRenderer(categorized_fill_renderer("class", class_fill_categories(classes)))


def style_points(layer: QgsVectorLayer) -> None:
    labels = class_labels()
    categories = [(c, CLASS_STYLE[c][0], POINT_MARKERS[c], labels[c]) for c in POINT_CLASSES]
    layer.setRenderer(categorized_marker_renderer("class", categories))


def style_change(layer: QgsVectorLayer, change: str) -> None:
    """Gained ground green, lost ground red, as frontline:frontlinediff styles its output."""
    colour, opacity = next((c, o) for value, c, o, _label in change_categories() if value == change)
    fill = QColor(colour)
    fill.setAlphaF(opacity)
    symbol = QgsFillSymbol.createSimple(
        {
            "color": fill.name(QColor.HexArgb),
            "outline_color": QColor(colour).darker(130).name(),
            "outline_width": "0.4",
        }
    )
    symbol.symbolLayer(0).setFillColor(fill)
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    label_area(layer, QColor(colour).darker(160))


def area_label_expression() -> str:
    """An expression writing a feature's area_km2 with one decimal and the unit as the
    language writes it (fixed when the layer is styled: the project keeps the label)."""
    before, _, after = QCoreApplication.translate("Frontline", "{} km²").partition("{}")
    parts = [QgsExpression.quotedString(before)] if before else []
    parts.append('format_number("area_km2", 1)')
    if after:
        parts.append(QgsExpression.quotedString(after))
    return " || ".join(parts)


def label_area(layer: QgsVectorLayer, colour: QColor) -> None:
    """Each piece labelled with its area in km² (one decimal)."""
    settings = QgsPalLayerSettings()
    settings.fieldName = area_label_expression()
    settings.isExpression = True
    text = QgsTextFormat()
    text.setSize(8.5)
    text.setColor(colour)
    font = text.font()
    font.setBold(True)
    text.setFont(font)
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(1.0)
    buffer.setColor(QColor("white"))
    text.setBuffer(buffer)
    settings.setFormat(text)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def style_lines(layer: QgsVectorLayer, colour: str, width_mm: float, dashed: bool = False) -> None:
    properties = {"line_color": colour, "line_width": str(width_mm), "capstyle": "round"}
    if dashed:
        properties["line_style"] = "dash"
    layer.setRenderer(QgsSingleSymbolRenderer(QgsLineSymbol.createSimple(properties)))


def style_pieces(layer: QgsVectorLayer) -> None:
    """Near-encirclement pieces by status, as frontline:encirclement styles them."""
    from ..processing.styles import status_categories  # lands with the algorithm

    if "status" in layer.fields().names():
        layer.setRenderer(categorized_fill_renderer("status", status_categories()))


def add_group(
    name: str,
    layers: list[QgsMapLayer],
    parent: QgsLayerTreeGroup | None = None,
    properties: dict[str, str] | None = None,
    expanded: bool = True,
) -> QgsLayerTreeGroup:
    """Add layers to the project inside a new group at the top of ``parent``: all or nothing.

    Layers are listed in the group in the order given (first on top).
    """
    project = QgsProject.instance()
    parent = parent if parent is not None else project.layerTreeRoot()
    group = QgsLayerTreeGroup(name)
    for key, value in (properties or {}).items():
        group.setCustomProperty(key, value)
    added: list[str] = []
    try:
        for layer in layers:
            if project.addMapLayer(layer, False) is None:
                raise RuntimeError(
                    QCoreApplication.translate("Frontline", "QGIS refused the layer {}").format(
                        layer.name()
                    )
                )
            added.append(layer.id())
            layer.setCustomProperty(MADE, True)
            group.addLayer(layer)
        group.setExpanded(expanded)
        parent.insertChildNode(0, group)
    except Exception:
        project.removeMapLayers(added)
        raise
    return group


def remove_group(group: QgsLayerTreeGroup) -> None:
    """Remove a group the dock made and the layers it added there. Anything else in it (a
    layer or group the user put there) moves up to where the group was, rather than being
    deleted with it."""
    project = QgsProject.instance()
    parent = group.parent()
    if parent is not None:
        at = parent.children().index(group)
        for child in group.children():
            if not _made_by_dock(child):
                at += 1
                parent.insertChildNode(at, child.clone())
    ours = [n.layerId() for n in group.findLayers() if _made_by_dock(n)]
    project.removeMapLayers([i for i in ours if project.mapLayer(i) is not None])
    if parent is not None:
        parent.removeChildNode(group)


def _made_by_dock(node: QgsLayerTreeNode) -> bool:
    """A layer the dock added, or a group the dock made holding nothing else."""
    if QgsLayerTree.isLayer(node):
        layer = node.layer()
        return layer is None or bool(layer.customProperty(MADE, False))
    made = node.customProperty(KIND) is not None
    return made and all(_made_by_dock(child) for child in node.children())


def frontline_groups(kind: str) -> list[QgsLayerTreeGroup]:
    """Groups of one kind the dock made, anywhere in the layer tree."""
    root = QgsProject.instance().layerTreeRoot()
    return [g for g in root.findGroups(True) if g.customProperty(KIND) == kind]


def map_group(snapshot_id: int) -> QgsLayerTreeGroup | None:
    for group in frontline_groups("map"):
        if str(group.customProperty(SNAPSHOT)) == str(snapshot_id):
            return group
    return None


def make_temporal(layer: QgsVectorLayer, step_days: int) -> QgsDateTimeRange | None:
    """Make a series layer temporal (unless its algorithm did); returns its time range."""
    properties = layer.temporalProperties()
    modes = QgsVectorLayerTemporalProperties
    names = layer.fields().names()
    if not properties.isActive():
        if "valid_from" in names and "valid_to" in names:
            properties.setMode(modes.ModeFeatureDateTimeStartAndEndFromFields)
            properties.setStartField("valid_from")
            properties.setEndField("valid_to")
        elif "snapshot_time" in names:
            properties.setMode(modes.ModeFeatureDateTimeInstantFromField)
            properties.setStartField("snapshot_time")
            properties.setFixedDuration(step_days)
            properties.setDurationUnits(QgsUnitTypes.TemporalDays)
        else:
            return None
        properties.setIsActive(True)
    start_field = properties.startField() or "snapshot_time"
    end_field = properties.endField()
    index = layer.fields().indexOf(start_field)
    if index < 0:
        return None
    values = [v for v in layer.uniqueValues(index) if isinstance(v, QDateTime) and v.isValid()]
    if not values:
        return None
    begin, end = min(values), max(values)
    end_index = layer.fields().indexOf(end_field) if end_field else -1
    if end_index >= 0:
        ends = [v for v in layer.uniqueValues(end_index) if isinstance(v, QDateTime)]
        end = max([*(v for v in ends if v.isValid()), end])
    else:
        end = end.addDays(step_days)
    return QgsDateTimeRange(begin, end)
