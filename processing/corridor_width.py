"""frontline:corridorwidth: the narrowest necks of held ground, their corridors and splits."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any

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

# Necks are searched up to this factor beyond MAX_WIDTH in the local projection, whose
# lengths differ from the ellipsoid's by well under 1 % over 1000 km.
PLANAR_SLACK = 1.02


@cache  # one QgsFields per run, not one per feature
def neck_fields() -> QgsFields:
    return make_fields(
        ("part_id", INTEGER),
        ("rank", INTEGER),
        ("width_m", REAL, 4),
        ("corridor_length_m", REAL, 4),
        ("side_a_km2", REAL, 4),
        ("side_b_km2", REAL, 4),
        ("minor_share", REAL, 4),
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

        source = self.polygon_source(parameters, self.INPUT, context)
        land_source = self.polygon_source(parameters, self.LAND, context, optional=True)
        frame = MetricFrame([source], source.sourceCrs(), context)
        shapes = read_polygon_shapes(source, self.INPUT, frame.crs, context, feedback)
        if not shapes:
            feedback.pushWarning(self.tr("INPUT: the layer has no polygons; no necks to measure."))
        if self.parameterAsBoolean(parameters, self.DISSOLVE, context) and shapes:
            shapes = [shapely.union_all(shapes)]
        land = self.read_clip_layer(land_source, self.LAND, frame, context, feedback)
        if land is not None:  # both read valid; the core repairs and flattens what this gives
            shapes = [shapely.intersection(shape, land) for shape in shapes]
        max_width = self.parameterAsDouble(parameters, self.MAX_WIDTH, context)
        options = {
            "min_lobe_area": self.parameterAsDouble(parameters, self.MIN_LOBE_AREA, context) * 1e6,
            # Planar widths in the local projection differ from the ellipsoid's reported ones
            # by well under 1 %: search a little wider, then hold them against MAX_WIDTH.
            "max_width": max_width * PLANAR_SLACK,
            "max_necks": self.parameterAsInt(parameters, self.MAX_NECKS, context),
            "corridor_width": self.parameterAsDouble(parameters, self.CORRIDOR_WIDTH, context),
        }
        # Every part is measured before an output is made: a cancelled run leaves no partial
        # layer where an earlier run's was.
        parts = []
        for index, shape in enumerate(shapes):
            if feedback.isCanceled():
                return {}
            parts += necks_on_ellipsoid(shape, options, frame, max_width, feedback.isCanceled)
            feedback.setProgress(90 * (index + 1) / len(shapes))
        if feedback.isCanceled():
            return {}
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
        for number, (part, necks) in enumerate(parts, start=1):
            for width, neck in necks:
                self._write_neck(sink, corridor_sink, frame, neck, number, width)
                widths.append(width)
            if not necks:
                feedback.pushWarning(
                    self.tr(
                        "Part {} ({} km²): no straight cut leaves {} km² on both sides; "
                        "it has no neck."
                    ).format(
                        number,
                        f"{frame.ellipsoid_area_km2(part):.2f}",
                        f"{options['min_lobe_area'] / 1e6:g}",
                    )
                )
        feedback.setProgress(100)
        results = {self.OUTPUT: dest_id, "MIN_WIDTH_M": min(widths) if widths else None}
        if corridor_sink is not None:
            results[self.OUTPUT_CORRIDORS] = corridor_id
        return results

    def _write_neck(self, sink, corridor_sink, frame, neck, part_id: int, width: float) -> None:
        """One neck (and its corridor), ``width`` and corridor length on the ellipsoid."""
        length = frame.ellipsoid_length(neck.corridor) if neck.corridor is not None else 0.0
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


def necks_on_ellipsoid(shape, options: dict, frame: MetricFrame, max_width: float, cancelled):
    """(part, [(width on the ellipsoid, neck)]) of each part of ``shape``, MAX_NECKS applied
    after measuring: a neck the core ranked in (planar) but too wide on the ellipsoid must
    not crowd out one further down that qualifies, so the core is asked again for more."""
    from ..core.necks import necks_by_part

    wanted = options["max_necks"]
    cap = wanted
    while True:
        found = necks_by_part(shape, is_cancelled=cancelled, **{**options, "max_necks": cap})
        measured = [(part, measured_necks(necks, frame, max_width)) for part, necks in found]
        crowded = any(
            len(necks) >= cap and len(kept) < wanted
            for (_, necks), (_, kept) in zip(found, measured)
        )
        if not crowded or cancelled():
            return [(part, kept[:wanted]) for part, kept in measured]
        cap += wanted


def measured_necks(necks: list, frame: MetricFrame, max_width: float) -> list[tuple[float, Any]]:
    """(width on the ellipsoid, neck) of a part's necks: the narrowest whatever its width,
    then those narrower than ``max_width`` on the ellipsoid, ranked by that width."""
    measured = sorted(
        ((frame.ellipsoid_length(neck.chord), neck) for neck in necks), key=lambda m: m[0]
    )
    kept = measured[:1] + [m for m in measured[1:] if m[0] < max_width]
    return [(width, replace(neck, rank=rank)) for rank, (width, neck) in enumerate(kept, 1)]
