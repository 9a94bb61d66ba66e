"""frontline:routeexposure: which stretches of a route lie within fire range of hostile ground."""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from qgis.core import (
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from .analysis_base import AnalysisAlgorithm, MetricFrame
from .fields import BIG_INTEGER, REAL, make_fields
from .geometry_io import check_crs, check_geometry_type, read_line_features
from .help import help_html

# m: beyond a quarter of the Earth's circumference the local projection folds back on itself
# (the antipode is a circle): no range can be measured in it.
MAX_RANGE_M = 10_000_000.0


def share(part: float, whole: float) -> float:
    return part / whole if whole > 0 else 0.0


@cache  # one QgsFields per run, not one per feature
def stretch_fields() -> QgsFields:
    return make_fields(
        ("route_fid", BIG_INTEGER),
        ("distance_m", REAL, 3),
        ("band", REAL, 3),
        ("length_m", REAL, 3),
    )


@cache
def summary_fields() -> QgsFields:
    return make_fields(
        ("route_fid", BIG_INTEGER),
        ("band", REAL),
        ("length_km", REAL),
        ("share", REAL),
    )


class RouteExposureAlgorithm(AnalysisAlgorithm):
    ALGORITHM_ID = "routeexposure"
    DISPLAY_NAME = "Route exposure"

    ROUTES = "ROUTES"
    HOSTILE = "HOSTILE"
    RANGES = "RANGES"
    LAND = "LAND"
    OUTPUT = "OUTPUT"
    OUTPUT_SUMMARY = "OUTPUT_SUMMARY"

    def shortHelpString(self) -> str:
        return help_html("routeexposure")

    def initAlgorithm(self, config=None) -> None:
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.ROUTES, self.tr("Routes"), [QgsProcessing.TypeVectorLine]
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.HOSTILE, self.tr("Hostile ground"), [QgsProcessing.TypeVectorPolygon]
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.RANGES, self.tr("Ranges (m, comma-separated)"), "5000,10000,20000"
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.LAND,
                self.tr("Land (hostile ground is clipped to it)"),
                [QgsProcessing.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Route stretches"), QgsProcessing.TypeVectorLine
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_SUMMARY,
                self.tr("Exposure summary"),
                QgsProcessing.TypeVector,
                optional=True,
            )
        )
        self.addOutput(
            QgsProcessingOutputNumber(
                "EXPOSED_SHARE", self.tr("Share of route length within the smallest range")
            )
        )

    def processAlgorithm(self, parameters, context, feedback):
        from ..core.exposure import parse_ranges, route_exposure

        text = self.parameterAsString(parameters, self.RANGES, context)
        try:
            ranges = parse_ranges(text)
        except ValueError:
            raise QgsProcessingException(
                self.tr(
                    "RANGES: {} is not a list of positive distances in metres, such as "
                    "5000,10000,20000 (commas separate ranges: no thousands separators)."
                ).format(repr(text))
            ) from None
        farthest = ranges[-1]  # parse_ranges sorts them
        if farthest > MAX_RANGE_M:
            raise QgsProcessingException(
                self.tr(
                    "RANGES: {} km is farther than one local projection can measure; ranges "
                    "go up to {} km."
                ).format(f"{farthest / 1e3:g}", f"{MAX_RANGE_M / 1e3:g}")
            )
        routes_source = self.parameterAsSource(parameters, self.ROUTES, context)
        if routes_source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.ROUTES))
        check_geometry_type(routes_source, self.ROUTES, QgsWkbTypes.LineGeometry)
        check_crs(routes_source, self.ROUTES)
        hostile_source = self.polygon_source(parameters, self.HOSTILE, context)
        land_source = self.polygon_source(parameters, self.LAND, context, optional=True)
        # Centred on the routes: hostile ground reaching far beyond them must not move the
        # centre and stretch the ranges.
        frame = MetricFrame([routes_source], routes_source.sourceCrs(), context)
        frame.warn_if_distances_stretch(feedback, "distance_m", farthest)
        routes = read_line_features(routes_source, self.ROUTES, frame.crs, context, feedback)
        # Ground farther than the largest range only makes a route "beyond": not needed.
        reach = farthest + 1e4
        if feedback.isCanceled():
            return {}  # what was read is not all there is: no warnings about it
        if not routes:  # read_line_features keeps only lines with a length
            feedback.pushWarning(self.tr("ROUTES: no route with a length to measure."))
        hostile = self.read_metric(hostile_source, self.HOSTILE, frame, context, feedback, reach)
        if feedback.isCanceled():
            return {}
        if hostile.is_empty and routes:
            feedback.pushWarning(
                self.tr(
                    "HOSTILE: no hostile ground within {} km of the routes; every route is "
                    "beyond range."
                ).format(f"{reach / 1e3:g}")
            )
        result = route_exposure(
            [line for _, line in routes],
            hostile,
            ranges,
            land=self.read_clip_layer(land_source, self.LAND, frame, context, feedback, reach),
            is_cancelled=feedback.isCanceled,
        )
        if feedback.isCanceled() or result.cancelled:
            return {}  # no partial layers that look complete
        sink, dest_id = self.parameterAsSink(
            parameters,
            self.OUTPUT,
            context,
            stretch_fields(),
            QgsWkbTypes.MultiLineString,
            routes_source.sourceCrs(),
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        # Both sinks before any feature: a summary that cannot be made fails the run first.
        summary_sink, summary_id = self.parameterAsSink(
            parameters, self.OUTPUT_SUMMARY, context, summary_fields(), QgsWkbTypes.NoGeometry
        )
        # Lengths on the ellipsoid; the summary adds up the same lengths.
        lengths: dict[tuple[int, float | None], float] = defaultdict(float)
        for stretch in result.stretches:
            geometry = frame.output_geometry(stretch.geometry)
            geometry.convertToMultiType()
            length = frame.ellipsoid_length(stretch.geometry)
            lengths[(stretch.route_index, stretch.band)] += length
            # Distances stay planar: within 0.1 % of the ellipsoid's in the local projection.
            # Beyond the reach, hostile ground was not read: the distance is unknown.
            distance = stretch.distance
            if distance is not None and distance > reach:
                distance = None
            self.add_feature(
                sink,
                geometry,
                stretch_fields(),
                [routes[stretch.route_index][0], distance, stretch.band, length],
            )
        totals: dict[int, float] = defaultdict(float)
        for (route_index, _), length in lengths.items():
            totals[route_index] += length
        total = sum(totals.values())
        exposed = sum(v for (_, band), v in lengths.items() if band == ranges[0])
        results = {self.OUTPUT: dest_id, "EXPOSED_SHARE": exposed / total if total else None}
        if summary_sink is not None:
            for row in result.summary:
                self.add_feature(
                    summary_sink,
                    None,
                    summary_fields(),
                    [
                        routes[row.route_index][0],
                        row.band,
                        lengths.get((row.route_index, row.band), 0.0) / 1e3,
                        share(
                            lengths.get((row.route_index, row.band), 0.0),
                            totals.get(row.route_index, 0.0),
                        ),
                    ],
                )
            results[self.OUTPUT_SUMMARY] = summary_id
        return results
