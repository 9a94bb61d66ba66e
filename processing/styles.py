"""Styles applied to Frontline outputs when Processing loads them into the project."""

from __future__ import annotations

import contextlib

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsMarkerSymbol,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingLayerPostProcessorInterface,
    QgsRendererCategory,
    QgsVectorLayer,
    QgsVectorLayerTemporalProperties,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QColor


def tr(text: str) -> str:
    return QCoreApplication.translate("Frontline", text)


def class_labels() -> dict[str, str]:
    """Legend labels of DeepState's classes, translated."""
    return {
        "occupied": tr("Occupied since 24 February 2022"),
        "occupied_before_2022": tr("Occupied before 2022 (ORDLO, Crimea)"),
        "grey_zone": tr("Grey zone / unknown status (Ukraine)"),
        "grey_zone_in_russia": tr("Grey zone in Russia"),
        "ua_held_in_russia": tr("Ukrainian-held in Russia"),
        "liberated": tr("Liberated"),
        "other_territories": tr("Other occupied territories (outside the war map)"),
        "unit": tr("Russian / Belarusian unit"),
        "attack_direction": tr("Direction of attack"),
        "airfield": tr("Airfield"),
        "other": tr("Other point"),
    }


def class_options() -> list[str]:
    """The CLASSES choices: translated label, then the class code used in the outputs."""
    from ..core.classes import POLYGON_CLASSES

    labels = class_labels()
    return [f"{labels[c]} [{c}]" for c in POLYGON_CLASSES]


def change_categories() -> list[tuple[str, str, float, str]]:
    """(change, fill colour, opacity, translated label): green for gains, red for losses."""
    return [
        ("gained", "#2e7d32", 0.6, tr("Gained")),
        ("lost", "#c62828", 0.6, tr("Lost")),
    ]


def status_categories() -> list[tuple[str, str, float, str]]:
    """(status, fill colour, opacity, translated label) of near-encirclement pieces."""
    return [
        ("encircled", "#b71c1c", 0.7, tr("Encircled")),
        ("near_encircled", "#ef6c00", 0.6, tr("Nearly encircled")),
        ("salient", "#fbc02d", 0.5, tr("Salient")),
        ("secure", "#2e7d32", 0.4, tr("Secure")),
    ]


def class_fill_categories(classes) -> list[tuple[str, str, float, str]]:
    """(class, fill colour, opacity, translated label) for a categorized fill renderer."""
    from ..core.classes import CLASS_STYLE

    labels = class_labels()
    return [(c, CLASS_STYLE[c][0], CLASS_STYLE[c][1], labels[c]) for c in classes]


def categorized_fill_renderer(
    field: str, categories: list[tuple[str, str, float, str]]
) -> QgsCategorizedSymbolRenderer:
    """A categorized renderer from (value, fill colour, fill opacity, translated label) tuples."""
    renderer_categories = []
    for value, colour, opacity, label in categories:
        fill = QColor(colour)
        fill.setAlphaF(opacity)
        outline = QColor(colour).darker(140)
        symbol = QgsFillSymbol.createSimple(
            {
                "color": fill.name(QColor.HexArgb),
                "outline_color": outline.name(),
                "outline_width": "0.3",
            }
        )
        symbol.symbolLayer(0).setFillColor(fill)
        renderer_categories.append(QgsRendererCategory(value, symbol, label))
    return QgsCategorizedSymbolRenderer(field, renderer_categories)


def categorized_marker_renderer(
    field: str, categories: list[tuple[str, str, str, str]]
) -> QgsCategorizedSymbolRenderer:
    """A categorized renderer from (value, colour, marker shape, translated label) tuples."""
    renderer_categories = []
    for value, colour, shape, label in categories:
        symbol = QgsMarkerSymbol.createSimple(
            {"name": shape, "color": colour, "outline_color": "#212121", "size": "2.6"}
        )
        renderer_categories.append(QgsRendererCategory(value, symbol, label))
    return QgsCategorizedSymbolRenderer(field, renderer_categories)


class RendererPostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Sets a renderer (and a layer name) on a loaded output layer.

    Processing keeps only a pointer to a post-processor, so each instance stays in a class
    list until QGIS has used it: a run iterated over features styles all its layers only at
    the end, and a post-processor freed before then would leave QGIS a dangling pointer.
    """

    _alive: list[RendererPostProcessor] = []

    def __init__(self, renderer, layer_name: str = "") -> None:
        super().__init__()
        self.renderer = renderer
        self.layer_name = layer_name

    @classmethod
    def attach(
        cls, context: QgsProcessingContext, layer_id: str, renderer, layer_name: str = ""
    ) -> None:
        if not context.willLoadLayerOnCompletion(layer_id):
            return
        processor = cls(renderer, layer_name)
        cls._alive.append(processor)
        details = context.layerToLoadOnCompletionDetails(layer_id)
        details.setPostProcessor(processor)
        if layer_name:
            details.name = layer_name

    def postProcessLayer(
        self, layer, context: QgsProcessingContext, feedback: QgsProcessingFeedback
    ) -> None:
        if isinstance(layer, QgsVectorLayer):
            layer.setRenderer(self.renderer.clone())
            layer.triggerRepaint()
        self._release()

    def _release(self) -> None:
        """Used once: QGIS calls each post-processor for its one layer."""
        with contextlib.suppress(ValueError):
            self._alive.remove(self)


class TemporalPostProcessor(RendererPostProcessor):
    """Also makes the layer temporal: each feature from one field's time to another's."""

    start_field = "valid_from"
    end_field = "valid_to"

    def postProcessLayer(
        self, layer, context: QgsProcessingContext, feedback: QgsProcessingFeedback
    ) -> None:
        super().postProcessLayer(layer, context, feedback)
        if isinstance(layer, QgsVectorLayer):
            set_feature_time_range(layer, self.start_field, self.end_field)


def set_feature_time_range(layer: QgsVectorLayer, start_field: str, end_field: str) -> None:
    """Temporal Controller settings: a feature is shown from start_field's to end_field's time."""
    properties = layer.temporalProperties()
    properties.setMode(QgsVectorLayerTemporalProperties.ModeFeatureDateTimeStartAndEndFromFields)
    properties.setStartField(start_field)
    properties.setEndField(end_field)
    properties.setIsActive(True)
