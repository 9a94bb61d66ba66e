"""frontline:deepstateseries: many DeepState maps as one temporal layer and an area table."""

from __future__ import annotations

import math
from collections import Counter
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path

from qgis.core import (
    QgsCoordinateTransform,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsRectangle,
    QgsWkbTypes,
)

from .base import FrontlineAlgorithm
from .deepstate_access import (
    DEFAULT_BASE_URL,
    error_text,
    localised,
    make_client,
    notes_to,
    skip_reasons,
)
from .deepstate_snapshot import not_a_map, qdatetime_utc
from .fields import DATE_TIME, FEATURE_NAMES, REAL, SNAPSHOT_STAMP, TEXT, make_fields
from .geometry_io import (
    WGS84,
    densify_step,
    ellipsoid,
    local_metric_crs,
    project_shape,
    shapely_to_qgs,
    tr,
)
from .help import help_html
from .styles import (
    TemporalPostProcessor,
    categorized_fill_renderer,
    class_fill_categories,
    class_labels,
    class_options,
)

DENSIFY_DEGREES = densify_step(WGS84)


@cache  # one QgsFields per run, not one per feature
def series_fields() -> QgsFields:
    return make_fields(
        *SNAPSHOT_STAMP,
        ("valid_from", DATE_TIME),
        ("valid_to", DATE_TIME),
        *FEATURE_NAMES,
        ("area_km2", REAL),
    )


@cache
def table_fields() -> QgsFields:
    return make_fields(
        ("snapshot_time", DATE_TIME),
        ("class", TEXT),
        ("area_km2", REAL),
        ("gained_km2", REAL),
        ("lost_km2", REAL),
        ("share_of_first", REAL),
        ("share_of_max", REAL),
    )


def plain_number(value) -> float | None:
    """A Python float for a QGIS attribute (numpy numbers are not converted); NaN as NULL."""
    return None if value is None or math.isnan(value) else float(value)


class DeepStateSeriesAlgorithm(FrontlineAlgorithm):
    ALGORITHM_ID = "deepstateseries"
    DISPLAY_NAME = "Download DeepState series"
    GROUP_ID = "deepstate"

    DATE_FROM = "DATE_FROM"
    DATE_TO = "DATE_TO"
    STEP_DAYS = "STEP_DAYS"
    CLASSES = "CLASSES"
    BASE_URL = "BASE_URL"
    OFFLINE = "OFFLINE"
    SOURCE_FOLDER = "SOURCE_FOLDER"
    OUTPUT = "OUTPUT"
    OUTPUT_TABLE = "OUTPUT_TABLE"
    OUTPUT_HTML = "OUTPUT_HTML"

    def shortHelpString(self) -> str:
        return help_html("deepstateseries")

    def initAlgorithm(self, config=None) -> None:
        from ..core.classes import DEFAULT_CLASSES, POLYGON_CLASSES

        for name, label in (
            (self.DATE_FROM, self.tr("From date (YYYY-MM-DD; empty with a folder = all its maps)")),
            (self.DATE_TO, self.tr("To date (YYYY-MM-DD)")),
        ):
            self.addParameter(QgsProcessingParameterString(name, label, "", optional=True))
        self.addParameter(
            QgsProcessingParameterNumber(
                self.STEP_DAYS,
                self.tr("Every N days"),
                QgsProcessingParameterNumber.Integer,
                1,
                minValue=1,
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
        self.addParameter(
            QgsProcessingParameterFile(
                self.SOURCE_FOLDER,
                self.tr("Folder of raw DeepState maps (nothing is downloaded)"),
                behavior=QgsProcessingParameterFile.Folder,
                optional=True,
            )
        )
        self.add_download_parameters()
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT,
                self.tr("DeepState areas through time"),
                QgsProcessing.TypeVectorPolygon,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_TABLE, self.tr("Area per map and class"), QgsProcessing.TypeVector
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_HTML,
                self.tr("Area chart"),
                self.tr("HTML files (*.html)"),
                optional=True,
                createByDefault=False,
            )
        )
        self.addOutput(QgsProcessingOutputNumber("MAPS", self.tr("Number of maps")))

    def _write_html(self, path: Path, html: str) -> None:
        """Written whole or not at all (a page already there is kept on failure)."""
        from ..core.files import write_atomic

        try:
            write_atomic(path, html.encode("utf-8"))
        except OSError as error:
            raise QgsProcessingException(
                self.tr("OUTPUT_HTML: cannot write {} ({}).").format(path, error.strerror or error)
            ) from None

    def _chart_page(self, snapshots, rows) -> str:
        from ..core.kyiv_time import kyiv_date
        from ..core.series import series_chart_html

        # Kyiv days, as the maps were chosen by.
        title = self.tr("DeepState areas, {} to {}").format(
            kyiv_date(snapshots[0][0]).isoformat(), kyiv_date(snapshots[-1][0]).isoformat()
        )
        labels = class_labels()
        return series_chart_html(rows, title, tr, lambda cls: labels.get(cls, cls))

    def processAlgorithm(self, parameters, context, feedback):
        from ..core.errors import DeepStateError

        classes = self._classes(parameters, context)
        html_path = self.parameterAsFileOutput(parameters, self.OUTPUT_HTML, context)
        try:
            maps, from_folder = self._select_maps(parameters, context, feedback)
        except (DeepStateError, ValueError) as error:
            raise QgsProcessingException(error_text(error)) from error
        if not maps and from_folder:
            raise QgsProcessingException(
                self.tr("SOURCE_FOLDER: no map in {} for the chosen dates.").format(
                    self.parameterAsFile(parameters, self.SOURCE_FOLDER, context)
                )
            )
        if not maps:
            raise QgsProcessingException(
                self.tr("No DeepState map was published in the chosen dates.")
            )
        feedback.pushInfo(self.tr("{} map(s) in the series.").format(len(maps)))
        step = timedelta(days=self.parameterAsInt(parameters, self.STEP_DAYS, context))
        from ..core.kyiv_time import kyiv_day_end_utc

        date_to = self._dates(parameters, context)[1]
        until = kyiv_day_end_utc(date_to) if date_to else None
        snapshots, features = self._read_maps(
            maps, from_folder, classes, (step, until), context, feedback
        )
        if feedback.isCanceled():
            return {}
        if not snapshots and from_folder:
            raise QgsProcessingException(
                self.tr("SOURCE_FOLDER: no file chosen is a DeepState map.")
            )
        if not snapshots:  # downloads that fail stop the run: offline, none was cached
            raise QgsProcessingException(
                self.tr(
                    "OFFLINE: none of the {} map(s) of the chosen dates is in the cache."
                ).format(len(maps))
            )
        from ..core.diff import DiffCancelledError
        from ..core.series import series_rows

        try:
            rows = series_rows(snapshots, classes, is_cancelled=feedback.isCanceled)
        except DiffCancelledError:
            return {}
        if feedback.isCanceled():
            return {}
        # Only now, with everything read and measured, are the outputs made and written whole:
        # a cancelled run leaves no partial layer where an earlier run's was. The page first
        # (it is written whole or not at all): one that cannot be written stops the run before
        # any layer output is touched.
        results = {"MAPS": len(snapshots)}
        if html_path:
            self._write_html(Path(html_path), self._chart_page(snapshots, rows))
            results[self.OUTPUT_HTML] = html_path
        dest_id = self._write_features(parameters, context, features)
        results[self.OUTPUT] = dest_id
        results[self.OUTPUT_TABLE] = self._write_table(parameters, context, rows)
        feedback.setProgress(100)
        TemporalPostProcessor.attach(
            context,
            dest_id,
            categorized_fill_renderer("class", class_fill_categories(classes)),
        )
        return results

    def _classes(self, parameters, context) -> list[str]:
        from ..core.classes import POLYGON_CLASSES

        indexes = self.parameterAsEnums(parameters, self.CLASSES, context)
        if not indexes:
            raise QgsProcessingException(self.tr("CLASSES: choose at least one class."))
        return [POLYGON_CLASSES[i] for i in indexes]

    def _dates(self, parameters, context) -> tuple[date | None, date | None]:
        values = []
        for name in (self.DATE_FROM, self.DATE_TO):
            text = self.parameterAsString(parameters, name, context).strip()
            try:
                values.append(date.fromisoformat(text) if text else None)
            except ValueError as error:
                raise QgsProcessingException(
                    self.tr("{}: '{}' is not a date in the form YYYY-MM-DD.").format(name, text)
                ) from error
        return values[0], values[1]

    def _select_maps(self, parameters, context, feedback) -> tuple[list[tuple[int, object]], bool]:
        """(id, loader) of each map of the series, oldest first (a loader returns the raw map),
        and whether they come from a folder."""
        from ..core.deepstate import read_map_file
        from ..core.kyiv_time import kyiv_today
        from ..core.schedule import (
            before_first_map,
            check_not_future,
            maps_in_folder,
            select_updates,
            series_updates,
            updates_for_ids,
        )

        date_from, date_to = self._dates(parameters, context)
        # Before any download, as the snapshot does: a server that is down must not hide it.
        check_not_future(date_from, date_to, kyiv_today())
        step = self.parameterAsInt(parameters, self.STEP_DAYS, context)
        folder = self.parameterAsFile(parameters, self.SOURCE_FOLDER, context)
        if folder:
            if Path(folder).is_file():
                raise QgsProcessingException(
                    self.tr("SOURCE_FOLDER: {} is a file, not a folder.").format(folder)
                )
            if not Path(folder).is_dir():
                raise QgsProcessingException(
                    self.tr("SOURCE_FOLDER: the folder {} does not exist.").format(folder)
                )
            files = maps_in_folder(folder)
            if not files:
                raise QgsProcessingException(
                    self.tr(
                        "SOURCE_FOLDER: no DeepState maps (.geojson files with the map id in "
                        "their name) in {}."
                    ).format(folder)
                )
            updates = updates_for_ids(files)
            chosen = select_updates(updates, date_from, date_to, step)
            note = before_first_map(updates, date_from, folder=True) if chosen else None
            if note is not None:  # none chosen is an error of its own
                feedback.pushInfo(localised(note))
            return [(u.id, lambda path=files[u.id]: read_map_file(path)) for u in chosen], True
        if date_from is None or date_to is None:
            raise QgsProcessingException(
                self.tr("DATE_FROM and DATE_TO: both are needed to download a series.")
            )
        client = make_client(
            self.parameterAsString(parameters, self.BASE_URL, context).strip() or DEFAULT_BASE_URL,
            self.parameterAsBoolean(parameters, self.OFFLINE, context),
            is_cancelled=feedback.isCanceled,
            on_note=notes_to(feedback),
        )
        chosen = series_updates(client, date_from, date_to, step)
        return [(u.id, lambda i=u.id: client.map_data(i)) for u in chosen], False

    def _write_features(self, parameters, context, features) -> str:
        sink, dest_id = self.parameterAsSink(
            parameters, self.OUTPUT, context, series_fields(), QgsWkbTypes.MultiPolygon, WGS84
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        for geometry, attributes in features:
            self.add_feature(sink, geometry, series_fields(), attributes)
        return dest_id

    def _read_maps(self, maps, from_folder, classes, validity, context, feedback):
        """Every map's features (geometry and attributes, for OUTPUT) and, per map, (time,
        {class: planar union}). A file of a folder that is no DeepState map is left out with a
        warning; each map is valid until the next one kept."""
        import shapely

        step, until = validity  # the last map is valid STEP_DAYS, or up to DATE_TO if later
        frame = None
        measure = ellipsoid(context)
        snapshots = []
        features: list[tuple[QgsGeometry, list]] = []
        skipped: Counter = Counter()
        repaired = 0

        def write(snapshot_id, moment, parsed, valid_to) -> None:
            nonlocal frame, repaired
            skipped.update(parsed.skipped)
            repaired += parsed.repaired
            wanted = [f for f in parsed.polygons if f.cls in classes]
            if frame is None:
                frame = self._frame(wanted, context)
            planar: dict[str, list] = {}
            for item in wanted:
                geometry = shapely_to_qgs(item.geometry)
                geometry.convertToMultiType()
                times = [qdatetime_utc(t) for t in (moment, moment, valid_to)]
                names = [item.cls, item.name_en, item.name_uk, item.key]
                area = measure.measureArea(geometry) / 1e6
                features.append((geometry, [snapshot_id, *times, *names, area]))
                planar.setdefault(item.cls, []).append(
                    project_shape(item.geometry, frame, DENSIFY_DEGREES)
                )
            snapshots.append((moment, {c: shapely.union_all(g) for c, g in planar.items()}))

        pending = None  # a map is written once the next one kept tells its end
        for kept in self._readable_maps(maps, from_folder, feedback):
            if pending is not None:
                write(*pending, kept[1])
            pending = kept
        if pending is not None:  # the last map stands for every day up to DATE_TO
            moment = pending[1]
            write(*pending, max(moment + step, until) if until else moment + step)
        # As the snapshot algorithm says them, summed over the maps: nothing left out silently.
        for reason, count in skip_reasons(skipped):
            feedback.pushWarning(self.tr("Skipped {} feature(s): {}.").format(count, reason))
        if repaired:
            feedback.pushInfo(self.tr("Repaired {} invalid polygon(s).").format(repaired))
        return snapshots, features

    def _readable_maps(self, maps, from_folder, feedback):
        """(id, time, parsed map) of each map that reads as a DeepState map, in order; in a
        folder, one that does not is left out with a warning (downloads: an error). Offline,
        the maps not in the cache are left out, with one warning naming them all."""
        from ..core.deepstate import snapshot_time
        from ..core.errors import DeepStateError, DeepStateOfflineError
        from ..core.parse import parse_map

        uncached: list[tuple[int, datetime]] = []
        for index, (snapshot_id, load) in enumerate(maps):
            if feedback.isCanceled():
                return
            moment = snapshot_time(snapshot_id)
            try:
                parsed = parse_map(load(), moment)
                reason = not_a_map(parsed)
            except DeepStateOfflineError:  # the cached maps still make a series
                uncached.append((snapshot_id, moment))
                continue
            except DeepStateError as error:
                if not from_folder:
                    raise QgsProcessingException(error_text(error)) from error
                reason = error_text(error)
            finally:
                feedback.setProgress(80 * (index + 1) / len(maps))
            if not reason:
                yield snapshot_id, moment, parsed
            elif from_folder:  # one bad file does not spoil the others
                feedback.pushWarning(self.tr("Map {} left out: {}").format(snapshot_id, reason))
            else:
                raise QgsProcessingException(reason)
        if uncached:
            self._warn_uncached(uncached, feedback)

    def _warn_uncached(self, uncached, feedback) -> None:
        from ..core.kyiv_time import kyiv_date

        # The Kyiv day, by which maps are chosen, and the id, by which they are cached.
        maps = ", ".join(f"{kyiv_date(moment).isoformat()} ({i})" for i, moment in uncached)
        feedback.pushWarning(
            self.tr("Offline: {} map(s) not in the cache left out of the series: {}.").format(
                len(uncached), maps
            )
        )

    @staticmethod
    def _frame(features, context) -> QgsCoordinateTransform:
        """Lon/lat to one local equal-area CRS for the whole series, centred on the first map."""
        import shapely

        bounds = shapely.total_bounds([f.geometry for f in features]) if features else None
        extent = QgsRectangle(*bounds) if bounds is not None else QgsRectangle(22, 44, 40, 53)
        crs = local_metric_crs(extent.center())
        return QgsCoordinateTransform(WGS84, crs, context.transformContext())

    def _write_table(self, parameters, context, rows) -> str:
        sink, dest_id = self.parameterAsSink(
            parameters, self.OUTPUT_TABLE, context, table_fields(), QgsWkbTypes.NoGeometry
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT_TABLE))
        for row in rows:
            values = [
                row.area_km2,
                row.gained_km2,
                row.lost_km2,
                row.share_of_first,
                row.share_of_max,
            ]
            self.add_feature(
                sink,
                None,
                table_fields(),
                [qdatetime_utc(row.snapshot_time), row.cls, *map(plain_number, values)],
                self.OUTPUT_TABLE,
            )
        return dest_id
