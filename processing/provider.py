"""The ``frontline`` Processing provider."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from .corridor_width import CorridorWidthAlgorithm
from .deepstate_series import DeepStateSeriesAlgorithm
from .deepstate_snapshot import DeepStateSnapshotAlgorithm
from .encirclement import EncirclementAlgorithm
from .frontline_diff import FrontlineDiffAlgorithm
from .route_exposure import RouteExposureAlgorithm

ICON = Path(__file__).resolve().parent.parent / "icons" / "frontline.svg"


def algorithm_classes() -> list[type]:
    """Every algorithm the provider offers; ids are public API (models and scripts use them)."""
    return [
        DeepStateSnapshotAlgorithm,
        DeepStateSeriesAlgorithm,
        CorridorWidthAlgorithm,
        EncirclementAlgorithm,
        FrontlineDiffAlgorithm,
        RouteExposureAlgorithm,
    ]


class FrontlineProvider(QgsProcessingProvider):
    def id(self) -> str:
        return "frontline"

    def name(self) -> str:
        return QCoreApplication.translate("Frontline", "Frontline")

    def longName(self) -> str:
        return QCoreApplication.translate("Frontline", "Frontline: measure war maps")

    def icon(self) -> QIcon:
        return QIcon(str(ICON))

    def loadAlgorithms(self) -> None:
        for algorithm_class in algorithm_classes():
            self.addAlgorithm(algorithm_class())
