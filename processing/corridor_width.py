"""frontline:corridorwidth: the narrowest necks of held ground, their corridors and splits."""

from __future__ import annotations

from functools import cache

from qgis.core import (
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from .analysis_base import MIN_AREA_KM2, AnalysisAlgorithm, MetricFrame
from .fields import INTEGER, REAL, make_fields
from .geometry_io import read_polygon_shapes
from .help import help_html


@cache  # one QgsFields per run, not one per feature
def neck_fields() -> QgsFields:
    return make_fields(
        ("part_id", INTEGER),
        ("rank", INTEGER),
        ("width_m", REAL, 4),
        ("corridor_length_m", REAL, 4),
        ("side_a_km2", REAL, 4),
        ("side_b_km2", REAL, 4),
        ("minor_share", REAL, 10),  # a 0.01 km² side of 100,000 km² is a share of 1e-7
    )


@cache
def corridor_fields() -> QgsFields:
    return make_fields(
        ("part_id", INTEGER),
        ("rank", INTEGER),
        ("width_m", REAL, 4),
        ("corridor_length_m", REAL, 4),
    )


class CorridorWidthAlgorithm(AnalysisAlgorithm):
    ALGORITHM_ID = "corridorwidth"
    DISPLAY_NAME = "Corridor width"

    INPUT = "INPUT"
    DISSOLVE = "DISSOLVE"
    LAND = "LAND"
    MIN_LOBE_AREA = "MIN_LOBE_AREA"
    MAX_WIDTH = "MAX_WIDTH"
    MAX_NECKS = "MAX_NECKS"
    CORRIDOR_WIDTH = "CORRIDOR_WIDTH"
    OUTPUT = "OUTPUT"
    OUTPUT_CORRIDORS = "OUTPUT_CORRIDORS"

    def shortHelpString(self) -> str:
        return help_html("corridorwidth")

    def initAlgorithm(self, config=None) -> None:
        polygon = [QgsProcessing.TypeVectorPolygon]
        self.addParameter(
            QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Held ground"), polygon)
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.DISSOLVE, self.tr("Dissolve all features first"), True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.LAND, self.tr("Land (held ground is clipped to it)"), polygon, optional=True
            )
        )
        numbers = [
            (
                self.MIN_LOBE_AREA,
                self.tr("Minimum area of each side (km²)"),
                1.0,
                MIN_AREA_KM2,
                QgsProcessingParameterNumber.Double,
            ),
            (
                self.MAX_WIDTH,
                self.tr("Maximum width of further necks (m; the narrowest is always reported)"),
                5000.0,
                0.0,
                QgsProcessingParameterNumber.Double,
            ),
            (
                self.MAX_NECKS,
                self.tr("Maximum necks per part"),
                3,
                1,
                QgsProcessingParameterNumber.Integer,
            ),
            (
                self.CORRIDOR_WIDTH,
                self.tr("Corridor width limit (m; 0 = twice the neck's width)"),
                0.0,
                0.0,
                QgsProcessingParameterNumber.Double,
            ),
        ]
        for name, label, default, minimum, kind in numbers:
            self.addParameter(
                QgsProcessingParameterNumber(name, label, kind, default, minValue=minimum)
            )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Necks"), QgsProcessing.TypeVectorLine
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_CORRIDORS,
                self.tr("Corridor centrelines"),
                QgsProcessing.TypeVectorLine,
                optional=True,
                createByDefault=False,
            )
        )
        self.addOutput(
            QgsProcessingOutputNumber("MIN_WIDTH_M", self.tr("Narrowest neck width (m)"))
        )

    def processAlgorithm(self, parameters, context, feedback):
        import shapely

        from ..core.necks import necks_by_part, part_order

        source = self.polygon_source(parameters, self.INPUT, context)
        land_source = self.polygon_source(parameters, self.LAND, context, optional=True)
        frame = MetricFrame([source], source.sourceCrs(), context)
        shapes = read_polygon_shapes(source, self.INPUT, frame.crs, context, feedback)
        if feedback.isCanceled():
            return {}  # what was read is not all there is: no warnings about it
        if not shapes:
            feedback.pushWarning(self.tr("INPUT: the layer has no polygons; no necks to measure."))
        if self.parameterAsBoolean(parameters, self.DISSOLVE, context) and shapes:
            shapes = [shapely.union_all(shapes)]
        land = self.read_clip_layer(land_source, self.LAND, frame, context, feedback)
        if land is not None:  # both read valid; the core repairs and flattens what this gives
            shapes = [shapely.intersection(shape, land) for shape in shapes]
        options = {
            "min_lobe_area": self.parameterAsDouble(parameters, self.MIN_LOBE_AREA, context) * 1e6,
            "max_width": self.parameterAsDouble(parameters, self.MAX_WIDTH, context),
            "max_necks": self.parameterAsInt(parameters, self.MAX_NECKS, context),
            "corridor_width": self.parameterAsDouble(parameters, self.CORRIDOR_WIDTH, context),
        }
        # Every part is measured before an output is made: a cancelled run leaves no partial
        # layer where an earlier run's was.
        parts = []
        for index, shape in enumerate(shapes):
            if feedback.isCanceled():
                return {}
            # Widths and corridor lengths on the ellipsoid, MAX_WIDTH and MAX_NECKS held by them.
            parts += necks_by_part(
                shape, is_cancelled=feedback.isCanceled, measure=frame.ellipsoid_length, **options
            )
            feedback.setProgress(90 * (index + 1) / len(shapes))
        if feedback.isCanceled():
            return {}
        # Parts numbered as the core numbers a dissolved layer's: with DISSOLVE off, feature
        # order would decide.
        parts.sort(key=lambda part_necks: part_order(part_necks[0]))
        sink, dest_id = self.parameterAsSink(
            parameters,
            self.OUTPUT,
            context,
            neck_fields(),
            QgsWkbTypes.LineString,
            source.sourceCrs(),
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        corridor_sink, corridor_id = self.parameterAsSink(
            parameters,
            self.OUTPUT_CORRIDORS,
            context,
            corridor_fields(),
            QgsWkbTypes.MultiLineString,
            source.sourceCrs(),
        )
        widths: list[float] = []
        for number, (_, necks) in enumerate(parts, start=1):
            for neck in necks:
                self._write_neck(sink, corridor_sink, frame, neck, number)
                widths.append(neck.width)
        self._warn_neckless(parts, options["min_lobe_area"], frame, feedback)
        feedback.setProgress(100)
        results = {self.OUTPUT: dest_id, "MIN_WIDTH_M": min(widths) if widths else None}
        if corridor_sink is not None:
            results[self.OUTPUT_CORRIDORS] = corridor_id
        return results

    def _warn_neckless(self, parts: list, min_lobe_area: float, frame, feedback) -> None:
        """Why parts have no neck: one line for all those too small to have two sides of
        MIN_LOBE_AREA (a LAND with many islets leaves hundreds), one per bigger part (a ring
        round a hole, which no single straight cut splits)."""
        from ..core.necks import too_small_for_a_neck

        neckless = [(n, part) for n, (part, necks) in enumerate(parts, start=1) if not necks]
        small = [(n, part) for n, part in neckless if too_small_for_a_neck(part, min_lobe_area)]
        rings = [(n, part) for n, part in neckless if not too_small_for_a_neck(part, min_lobe_area)]
        if small:
            feedback.pushWarning(
                self.tr(
                    "{} part(s) ({} km² in all) are smaller than twice MIN_LOBE_AREA ({} km²): "
                    "they have no neck."
                ).format(
                    len(small),
                    f"{sum(frame.ellipsoid_area_km2(part) for _, part in small):.2f}",
                    f"{2 * min_lobe_area / 1e6:g}",
                )
            )
        for number, part in rings:
            feedback.pushWarning(
                self.tr(
                    "Part {} ({} km²) has no neck: no straight cut splits it into two sides of "
                    "{} km² or more (a ring round a hole has none)."
                ).format(
                    number,
                    f"{frame.ellipsoid_area_km2(part):.2f}",
                    f"{min_lobe_area / 1e6:g}",
                )
            )

    def _write_neck(self, sink, corridor_sink, frame, neck, part_id: int) -> None:
        """One neck (and its corridor), its width and corridor length on the ellipsoid."""
        width, length = neck.width, neck.corridor_length
        self.add_feature(
            sink,
            frame.output_geometry(neck.chord),
            neck_fields(),
            [
                part_id,
                neck.rank,
                width,
                length,
                neck.side_a_area / 1e6,
                neck.side_b_area / 1e6,
                neck.minor_share,
            ],
        )
        if corridor_sink is not None and neck.corridor is not None:
            geometry = frame.output_geometry(neck.corridor)
            geometry.convertToMultiType()
            self.add_feature(
                corridor_sink, geometry, corridor_fields(), [part_id, neck.rank, width, length]
            )
