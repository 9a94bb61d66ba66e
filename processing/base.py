"""Shared base of Frontline's algorithms: naming, help, icon and requirement checks."""

from __future__ import annotations

import os
import re
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
        # Batch runs and models do not ask checkParameterValues: check the outputs here too.
        problem = self.output_problem(parameters)
        if problem:
            raise QgsProcessingException(problem)
        return True

    def checkParameterValues(self, parameters, context) -> tuple[bool, str]:
        """QGIS's own checks, then the outputs' (``output_problem``), so that the Processing
        dialog, processing.run and qgis_process say what is wrong before the run starts."""
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        problem = self.output_problem(parameters)
        return not problem, problem

    def output_problem(self, parameters) -> str:
        """Why the outputs cannot be written as given ("" if they can): a file in a folder
        that does not exist, a file that is a folder, two outputs naming one file. Found
        before anything is written: a later output failing would leave the earlier ones
        written, or an earlier run's files overwritten, by a run that failed."""
        seen: dict[tuple, str] = {}
        for definition in self.destinationParameterDefinitions():
            name = definition.name()
            destination = file_destination(parameters.get(name))
            if destination is None:
                continue
            path, layer = destination
            if not path.parent.is_dir():
                return self.tr("{}: the folder {} does not exist.").format(name, path.parent)
            if path.is_dir():
                return self.tr("{}: {} is a folder, not a file.").format(name, path)
            key = (os.path.abspath(path), layer)
            if key in seen:
                return self.tr(
                    "{} and {} name the same file {}: give each its own file, or its own "
                    "layer of one GeoPackage."
                ).format(seen[key], name, path)
            seen[key] = name
        return ""


# Destinations that are no file of ours: layers of other providers, GDAL's virtual files.
_NOT_FILES = ("memory:", "postgres:", "postgis:", "spatialite:", "mssql:", "oracle:", "/vsi")
_OGR_DBNAME = re.compile(r"""dbname=(?:'([^']*)'|"([^"]*)"|(\S+))""")
_OGR_TABLE = re.compile(r"""table=(?:"([^"]*)"|'([^']*)'|(\S+))""")


def file_destination(value) -> tuple[Path, str | None] | None:
    """The file an output parameter's value names and the layer in it (None: the whole
    file), if it names a file: a path, or an ogr: URI (the dialog's "Save to GeoPackage")."""
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        value = value.sink
    if isinstance(value, QgsProperty):
        if value.propertyType() != QgsProperty.StaticProperty:
            return None  # an expression: known only when the run evaluates it
        value = value.staticValue()
    text = "" if value is None else str(value)
    if not text.strip() or text == "TEMPORARY_OUTPUT" or text.lower().startswith(_NOT_FILES):
        return None
    if text.lower().startswith("ogr:"):
        dbname, table = _OGR_DBNAME.search(text), _OGR_TABLE.search(text)
        if dbname is None:
            return None
        path = next(group for group in dbname.groups() if group is not None)
        layer = next((g for g in table.groups() if g is not None), None) if table else None
        return Path(path), layer
    return Path(text), None
