"""Shared base of Frontline's algorithms: naming, help, icon and requirement checks."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterString,
    QgsProperty,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..core.requirements import missing_requirements
from .deepstate_access import DEFAULT_BASE_URL

ICON = Path(__file__).resolve().parent.parent / "icons" / "frontline.svg"


class FrontlineAlgorithm(QgsProcessingAlgorithm):
    """Base class: subclasses set the class attributes and implement the Processing methods.

    Algorithms keep no state between runs: parameters are read in ``processAlgorithm``.
    """

    ALGORITHM_ID = ""
    DISPLAY_NAME = ""
    GROUP_ID = "analysis"

    def createInstance(self):
        return type(self)()

    def name(self) -> str:
        return self.ALGORITHM_ID

    def displayName(self) -> str:
        return self.tr(self.DISPLAY_NAME)

    def group(self) -> str:
        return self.tr("DeepState data") if self.GROUP_ID == "deepstate" else self.tr("Analysis")

    def groupId(self) -> str:
        return self.GROUP_ID

    def icon(self) -> QIcon:
        return QIcon(str(ICON))

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("Frontline", text)

    def add_download_parameters(self) -> None:
        """The advanced BASE_URL and OFFLINE parameters of the algorithms that download maps."""
        base_url = QgsProcessingParameterString(
            "BASE_URL", self.tr("DeepState base URL"), DEFAULT_BASE_URL
        )
        offline = QgsProcessingParameterBoolean(
            "OFFLINE", self.tr("Offline (use the cache only)"), False
        )
        for parameter in (base_url, offline):
            parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
            self.addParameter(parameter)

    @staticmethod
    def add_feature(
        sink, geometry: QgsGeometry | None, fields, attributes: list, output: str = ""
    ) -> None:
        """Write one feature; a feature the sink refuses is an error, not a silent loss (named
        after its ``output`` parameter when given)."""
        feature = QgsFeature(fields)
        if geometry is not None:
            feature.setGeometry(geometry)
        feature.setAttributes(attributes)
        if sink.addFeature(feature, QgsFeatureSink.FastInsert):
            return
        if output:
            message = QCoreApplication.translate("Frontline", "{}: could not write a row ({}).")
            raise QgsProcessingException(message.format(output, sink.lastError()))
        raise QgsProcessingException(
            QCoreApplication.translate("Frontline", "Could not write a feature: {}").format(
                sink.lastError()
            )
        )

    def canExecute(self) -> tuple[bool, str]:
        """Explain what to install instead of failing at import when shapely is missing or old."""
        missing = missing_requirements()
        if missing:
            return False, self.tr("Frontline needs: {}").format(missing)
        return True, ""

    def prepareAlgorithm(self, parameters, context, feedback) -> bool:
        # qgis_process and processing.run do not ask canExecute: say it here, before any
        # import of shapely fails with a traceback.
        ok, message = self.canExecute()
        if not ok:
            raise QgsProcessingException(message)
        return True

    def checkParameterValues(self, parameters, context) -> tuple[bool, str]:
        """Refuse a file output whose folder does not exist before anything is written: a
        later output failing would leave the earlier ones written (or overwritten) by a run
        that failed. (The Processing dialog, processing.run and qgis_process ask this.)"""
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        for definition in self.destinationParameterDefinitions():
            path = _file_destination(parameters.get(definition.name()))
            if path is not None and not path.parent.is_dir():
                folder_missing = self.tr("{}: the folder {} does not exist.")
                return False, folder_missing.format(definition.name(), path.parent)
        return True, ""


# Destinations that are no file: layers of a provider, or QGIS's own temporary files.
_NOT_FILES = ("memory:", "ogr:", "postgres:", "postgis:", "spatialite:", "mssql:", "oracle:")


def _file_destination(value) -> Path | None:
    """The file an output parameter's value names, if it names one."""
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        value = value.sink
    if isinstance(value, QgsProperty):
        if value.propertyType() != QgsProperty.StaticProperty:
            return None  # an expression: known only when the run evaluates it
        value = value.staticValue()
    text = str(value or "").strip()
    if not text or text == "TEMPORARY_OUTPUT" or text.lower().startswith(_NOT_FILES):
        return None
    return Path(text.split("|", 1)[0])
