"""Shared base of Frontline's algorithms: naming, help, icon and requirement checks."""

from __future__ import annotations

import math
from pathlib import Path

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..core.requirements import missing_requirements
from .deepstate_access import DEFAULT_BASE_URL
from .destinations import FileDestination, file_destination, write_problem

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
        # Batch runs and models do not ask checkParameterValues: check here too.
        problem = self.number_problem(parameters, context) or self.output_problem(
            parameters, context
        )
        if problem:
            raise QgsProcessingException(problem)
        return True

    def checkParameterValues(self, parameters, context) -> tuple[bool, str]:
        """The numbers' check (``number_problem``), QGIS's own, then the outputs'
        (``output_problem``), so that the Processing dialog, processing.run and qgis_process
        say what is wrong before the run starts."""
        problem = self.number_problem(parameters, context)
        if problem:  # first: QGIS's own check refuses infinity in words less clear
            return False, problem
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        problem = self.output_problem(parameters, context)
        return not problem, problem

    def number_problem(self, parameters, context) -> str:
        """Why a number parameter is refused ("" if none is): NaN or infinity. QGIS reads
        "nan" as a number and its range check lets NaN through (no comparison with it is
        true): it failed deep in the run, or silently kept or dropped everything."""
        for definition in self.parameterDefinitions():
            if not isinstance(definition, QgsProcessingParameterNumber):
                continue
            value = self.parameterAsDouble(parameters, definition.name(), context)
            if not math.isfinite(value):
                return self.tr("{}: {} is not a finite number.").format(definition.name(), value)
        return ""

    def output_problem(self, parameters, context) -> str:
        """Why the outputs cannot be written as given ("" if they can): a file in a folder
        that does not exist or takes no file, a file that is a folder or will not open for
        writing, two outputs naming one file. Found before anything is written: a later
        output failing would leave the earlier ones written, or an earlier run's files
        overwritten, by a run that failed."""
        earlier: list[tuple[str, FileDestination]] = []
        for definition in self.destinationParameterDefinitions():
            name = definition.name()
            destination = file_destination(definition, parameters.get(name), context)
            if destination is None:
                continue
            problem = self._file_problem(
                name, destination.path, destination.replaced
            ) or self._clash_problem(earlier, name, destination)
            if problem:
                return problem
            earlier.append((name, destination))
        return ""

    def _clash_problem(
        self, earlier: list[tuple[str, FileDestination]], name: str, destination: FileDestination
    ) -> str:
        """Why output ``name`` cannot share its file with an earlier output ("" if it can):
        run, the one would delete the other, and both be reported written."""
        for other_name, other in earlier:
            if not destination.clashes_with(other):
                continue
            if (destination.layer is None) == (other.layer is None):  # both whole, or one layer
                return self.tr(
                    "{} and {} name the same file {}: give each its own file, or its own "
                    "layer of one GeoPackage."
                ).format(other_name, name, destination.path)
            whole, layer = (name, other_name) if destination.layer is None else (other_name, name)
            path = destination.path if destination.layer is None else other.path
            return self.tr(
                "{whole} replaces the whole file {path}, deleting the layer {layer} writes in "
                "it: give each its own file, or each its own layer of one GeoPackage."
            ).format(whole=whole, path=path, layer=layer)
        return ""

    def _file_problem(self, name: str, path: Path, replaced: bool) -> str:
        """Why output ``name`` cannot be written to ``path`` ("" if it can); ``replaced``:
        QGIS deletes the file and writes it anew."""
        if not path.parent.is_dir():
            return self.tr("{}: the folder {} does not exist.").format(name, path.parent)
        if path.is_dir():
            return self.tr("{}: {} is a folder, not a file.").format(name, path)
        reason = write_problem(path, replaced)
        if reason:
            return self.tr("{}: cannot write {} ({}).").format(name, path, reason)
        return ""
