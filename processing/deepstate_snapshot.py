"""frontline:deepstatesnapshot: one DeepState map as classified, measured layers."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from qgis.core import (
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDateTime, Qt

from .base import FrontlineAlgorithm
from .deepstate_access import (
    DEFAULT_BASE_URL,
    error_text,
    make_client,
    notes_to,
    skip_reasons,
)
from .fields import FEATURE_NAMES, REAL, SNAPSHOT_STAMP, TEXT, make_fields
from .geometry_io import WGS84, ellipsoid, shapely_to_qgs, tr
from .help import help_html
from .styles import (
    RendererPostProcessor,
    categorized_fill_renderer,
    categorized_marker_renderer,
    class_fill_categories,
    class_labels,
    class_options,
)

POINT_MARKERS = {
    "unit": "square",
    "attack_direction": "triangle",
    "airfield": "star",
    "other": "circle",
}


@cache  # one QgsFields per run, not one per feature
def polygon_fields() -> QgsFields:
    return make_fields(*SNAPSHOT_STAMP, *FEATURE_NAMES, ("area_km2", REAL))


@cache
def point_fields() -> QgsFields:
    return make_fields(*SNAPSHOT_STAMP, *FEATURE_NAMES, ("description", TEXT))


def qdatetime_utc(moment) -> QDateTime:
    """A UTC QDateTime from an aware datetime (None gives a null QDateTime)."""
    if moment is None:
        return QDateTime()
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), Qt.UTC)


def not_a_map(parsed) -> str:
    """Why a parsed file is no DeepState map ("" when it is one): features, but none that is
    a DeepState area or marker (a dissolved area file, boundaries)."""
    if not parsed.skipped or parsed.polygons or parsed.points:
        return ""
    return tr(
        "No DeepState area or marker among its {} feature(s) ({}): not a raw "
        "DeepState map, or DeepState has changed its colours."
    ).format(
        sum(parsed.skipped.values()),
        "; ".join(f"{count} {reason}" for reason, count in skip_reasons(parsed.skipped)),
    )


class DeepStateSnapshotAlgorithm(FrontlineAlgorithm):
    ALGORITHM_ID = "deepstatesnapshot"
    DISPLAY_NAME = "Download DeepState snapshot"
    GROUP_ID = "deepstate"

    DATE = "DATE"
    SNAPSHOT_ID = "SNAPSHOT_ID"
    SOURCE_FILE = "SOURCE_FILE"
    CLASSES = "CLASSES"
    BASE_URL = "BASE_URL"
    OFFLINE = "OFFLINE"
    OUTPUT = "OUTPUT"
    OUTPUT_POINTS = "OUTPUT_POINTS"

    def shortHelpString(self) -> str:
        return help_html("deepstatesnapshot")

    def initAlgorithm(self, config=None) -> None:
        from ..core.classes import DEFAULT_CLASSES, POLYGON_CLASSES

        self.addParameter(
            QgsProcessingParameterString(
                self.DATE,
                self.tr("Date (YYYY-MM-DD, Kyiv time; empty = latest)"),
                "",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SNAPSHOT_ID,
                self.tr("Snapshot id (0 = use the date)"),
                QgsProcessingParameterNumber.Integer,
                0,
                minValue=0,
                maxValue=2**31 - 1,  # ids are Unix times; a larger one wrapped round to "latest"
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.SOURCE_FILE,
                self.tr("Raw DeepState map on disk (nothing is downloaded)"),
                fileFilter="GeoJSON (*.geojson *.json);;All files (*)",  # saved as .json too
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.CLASSES,
                self.tr("Polygon classes"),
                options=class_options(),
                allowMultiple=True,
                defaultValue=[POLYGON_CLASSES.index(c) for c in DEFAULT_CLASSES],
            )
        )
        self.add_download_parameters()
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("DeepState areas"), QgsProcessing.TypeVectorPolygon
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_POINTS,
                self.tr("DeepState points"),
                QgsProcessing.TypeVectorPoint,
                optional=True,
                createByDefault=False,
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.SNAPSHOT_ID, self.tr("Snapshot id")))
        self.addOutput(
            QgsProcessingOutputString("SNAPSHOT_TIME", self.tr("Snapshot time (UTC, ISO 8601)"))
        )

    def processAlgorithm(self, parameters, context, feedback):
        from ..core.errors import DeepStateError
        from ..core.parse import parse_map

        classes = self._classes(parameters, context)
        snapshot_id, data = self._fetch(parameters, context, feedback)
        if feedback.isCanceled():
            return {}
        feedback.setProgress(40)
        moment = self._snapshot_time(snapshot_id)
        try:
            parsed = parse_map(data, moment)
        except DeepStateError as error:
            raise QgsProcessingException(error_text(error)) from error
        reason = not_a_map(parsed)
        if reason:
            raise QgsProcessingException(reason)
        for reason, count in skip_reasons(parsed.skipped):
            feedback.pushWarning(self.tr("Skipped {} feature(s): {}.").format(count, reason))
        if parsed.repaired:
            feedback.pushInfo(self.tr("Repaired {} invalid polygon(s).").format(parsed.repaired))
        if feedback.isCanceled():
            return {}
        # From here the outputs are written whole (a moment's work): a cancel would leave a
        # partial layer where an earlier run's was.
        outputs = self._write_polygons(
            parameters, context, feedback, parsed, classes, snapshot_id, moment
        )
        outputs.update(
            self._write_points(parameters, context, feedback, parsed, snapshot_id, moment)
        )
        outputs[self.SNAPSHOT_ID] = snapshot_id or 0
        outputs["SNAPSHOT_TIME"] = moment.isoformat().replace("+00:00", "Z") if moment else ""
        return outputs

    def _fetch(self, parameters, context, feedback) -> tuple[int | None, dict]:
        from ..core.deepstate import read_map_file_with_id
        from ..core.errors import DeepStateError

        source_file = self.parameterAsFile(parameters, self.SOURCE_FILE, context)
        snapshot_id = self.parameterAsInt(parameters, self.SNAPSHOT_ID, context)
        day_text = self.parameterAsString(parameters, self.DATE, context).strip()
        if source_file and (snapshot_id > 0 or day_text):
            feedback.pushWarning(self.tr("SNAPSHOT_ID and DATE are ignored: SOURCE_FILE is given."))
        elif snapshot_id > 0 and day_text:
            feedback.pushWarning(self.tr("DATE is ignored: SNAPSHOT_ID is given."))
        try:
            if source_file:
                feedback.pushInfo(self.tr("Reading {}").format(source_file))
                body_id, data = read_map_file_with_id(source_file)
                return self._source_file_id(source_file, body_id, feedback), data
            offline = self.parameterAsBoolean(parameters, self.OFFLINE, context)
            client = make_client(
                self.parameterAsString(parameters, self.BASE_URL, context).strip()
                or DEFAULT_BASE_URL,
                offline,
                is_cancelled=feedback.isCanceled,
                on_note=notes_to(feedback),
            )
            if snapshot_id > 0:
                feedback.pushInfo(self.tr("Fetching DeepState map {}").format(snapshot_id))
                return snapshot_id, client.map_data(snapshot_id)
            if day_text:
                update = client.update_for_date(self._parse_date(day_text))
                feedback.pushInfo(
                    self.tr("Map for {}: update {} created {}").format(
                        day_text, update.id, update.created.isoformat()
                    )
                )
                return update.id, client.map_data(update.id)
            if offline:
                feedback.pushInfo(self.tr("Offline: reading the newest DeepState map in the cache"))
            else:
                feedback.pushInfo(self.tr("Fetching the latest DeepState map"))
            return client.latest()
        except DeepStateError as error:
            raise QgsProcessingException(error_text(error)) from error

    def _source_file_id(self, source_file: str, body_id: int | None, feedback) -> int | None:
        """The map id of SOURCE_FILE: the id its body carries (a saved ``/last`` answer), else
        the one in its file name; a warning when the two differ or neither is there."""
        from ..core.schedule import snapshot_id_from_name

        name_id = snapshot_id_from_name(Path(source_file).name)
        if body_id is None and name_id is None:
            feedback.pushWarning(
                self.tr(
                    "SOURCE_FILE: no DeepState id in the file name; snapshot_id and "
                    "snapshot_time are left empty."
                )
            )
        elif body_id is not None and name_id not in (None, body_id):
            feedback.pushWarning(
                self.tr(
                    "SOURCE_FILE: the file name gives map id {} but the file itself holds map "
                    "{}; the file's own id is used."
                ).format(name_id, body_id)
            )
        return body_id if body_id is not None else name_id

    def _parse_date(self, text: str) -> date:
        try:
            return date.fromisoformat(text)
        except ValueError as error:
            raise QgsProcessingException(
                self.tr("DATE: '{}' is not a date in the form YYYY-MM-DD.").format(text)
            ) from error

    def _classes(self, parameters, context) -> list[str]:
        from ..core.classes import POLYGON_CLASSES

        indexes = self.parameterAsEnums(parameters, self.CLASSES, context)
        if not indexes:
            raise QgsProcessingException(self.tr("CLASSES: choose at least one class."))
        return [POLYGON_CLASSES[i] for i in indexes]

    @staticmethod
    def _snapshot_time(snapshot_id):
        from ..core.deepstate import snapshot_time

        return snapshot_time(snapshot_id) if snapshot_id else None

    def _write_polygons(self, parameters, context, feedback, parsed, classes, snapshot_id, moment):
        sink, dest_id = self.parameterAsSink(
            parameters, self.OUTPUT, context, polygon_fields(), QgsWkbTypes.MultiPolygon, WGS84
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        measure = ellipsoid(context)
        wanted = [f for f in parsed.polygons if f.cls in classes]
        time_value = qdatetime_utc(moment)
        for index, item in enumerate(wanted):
            geometry = shapely_to_qgs(item.geometry)
            geometry.convertToMultiType()
            self.add_feature(
                sink,
                geometry,
                polygon_fields(),
                [
                    snapshot_id,
                    time_value,
                    item.cls,
                    item.name_en,
                    item.name_uk,
                    item.key,
                    measure.measureArea(geometry) / 1e6,
                ],
            )
            feedback.setProgress(40 + 50 * (index + 1) / max(len(wanted), 1))
        RendererPostProcessor.attach(
            context,
            dest_id,
            categorized_fill_renderer("class", class_fill_categories(classes)),
            self.tr("DeepState {}").format(moment.strftime("%Y-%m-%d %H:%M UTC") if moment else ""),
        )
        return {self.OUTPUT: dest_id}

    def _write_points(self, parameters, context, feedback, parsed, snapshot_id, moment):
        from ..core.classes import CLASS_STYLE, POINT_CLASSES

        sink, dest_id = self.parameterAsSink(
            parameters, self.OUTPUT_POINTS, context, point_fields(), QgsWkbTypes.Point, WGS84
        )
        if sink is None:
            return {}
        time_value = qdatetime_utc(moment)
        for item in parsed.points:
            self.add_feature(
                sink,
                shapely_to_qgs(item.geometry),
                point_fields(),
                [
                    snapshot_id,
                    time_value,
                    item.cls,
                    item.name_en,
                    item.name_uk,
                    item.key,
                    item.description,
                ],
            )
        labels = class_labels()
        categories = [(c, CLASS_STYLE[c][0], POINT_MARKERS[c], labels[c]) for c in POINT_CLASSES]
        RendererPostProcessor.attach(
            context, dest_id, categorized_marker_renderer("class", categories)
        )
        return {self.OUTPUT_POINTS: dest_id}
