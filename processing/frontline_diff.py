"""frontline:frontlinediff: ground gained and lost between two snapshots, with statistics."""

from __future__ import annotations

import math
from functools import cache

from qgis.core import (
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from .analysis_base import AnalysisAlgorithm, MetricFrame
from .fields import REAL, TEXT, make_fields
from .help import help_html
from .styles import RendererPostProcessor, categorized_fill_renderer, change_categories

DROPPED_WARNING_M2 = 1e6  # change left out by the filters beyond this is more than noise


@cache  # one QgsFields per run, not one per feature
def change_fields() -> QgsFields:
    return make_fields(
        ("change", TEXT),
        ("area_km2", REAL),
        ("depth_m", REAL),
        ("front_km", REAL),
    )


class FrontlineDiffAlgorithm(AnalysisAlgorithm):
    ALGORITHM_ID = "frontlinediff"
    DISPLAY_NAME = "Diff frontline snapshots"

    BEFORE = "BEFORE"
    AFTER = "AFTER"
    AREA_OF_INTEREST = "AREA_OF_INTEREST"
    LAND = "LAND"
    MIN_AREA = "MIN_AREA"
    MIN_WIDTH = "MIN_WIDTH"
    OUTPUT = "OUTPUT"

    def shortHelpString(self) -> str:
        return help_html("frontlinediff")

    def initAlgorithm(self, config=None) -> None:
        self.add_polygon_inputs(
            [
                (self.BEFORE, self.tr("Held ground before"), False),
                (self.AFTER, self.tr("Held ground after"), False),
                (self.AREA_OF_INTEREST, self.tr("Area of interest"), True),
                (self.LAND, self.tr("Land (held ground is clipped to it)"), True),
            ]
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MIN_AREA,
                self.tr("Minimum piece area (km²)"),
                QgsProcessingParameterNumber.Double,
                0.01,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MIN_WIDTH,
                self.tr("Minimum piece width (m)"),
                QgsProcessingParameterNumber.Double,
                0.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Changes"), QgsProcessing.TypeVectorPolygon
            )
        )
        results = [
            ("BEFORE_KM2", self.tr("Held area before (km²)")),
            ("AFTER_KM2", self.tr("Held area after (km²)")),
            ("GAINED_KM2", self.tr("Area gained (km²)")),
            ("LOST_KM2", self.tr("Area lost (km²)")),
            ("NET_KM2", self.tr("Net change (km²)")),
            ("KEPT_SHARE", self.tr("Share of the earlier ground still held")),
            ("MAX_DEPTH_M", self.tr("Deepest change beyond the earlier front (m)")),
        ]
        for name, description in results:
            self.addOutput(QgsProcessingOutputNumber(name, description))

    def _report_dropped(self, result, feedback) -> None:
        """What MIN_AREA, MIN_WIDTH and the noise filter left out: the totals and KEPT_SHARE
        count kept pieces only. A warning once that is more than redrawing noise (1 km²)."""
        if result.dropped_pieces == 0:
            return
        text = self.tr(
            "MIN_AREA, MIN_WIDTH and the 1 mm noise filter left out {} piece(s) of change, "
            "{:.3f} km² in all: GAINED, LOST, NET and KEPT_SHARE do not count them."
        ).format(result.dropped_pieces, result.dropped_area / 1e6)
        if result.dropped_area > DROPPED_WARNING_M2:
            feedback.pushWarning(text)
        else:
            feedback.pushInfo(text)

    def processAlgorithm(self, parameters, context, feedback):
        from ..core.diff import DiffCancelledError, diff_fronts

        before_source = self.polygon_source(parameters, self.BEFORE, context)
        after_source = self.polygon_source(parameters, self.AFTER, context)
        aoi_source = self.polygon_source(parameters, self.AREA_OF_INTEREST, context, optional=True)
        land_source = self.polygon_source(parameters, self.LAND, context, optional=True)
        # Output in BEFORE's CRS; an empty file may have none, then AFTER's.
        output_crs = before_source.sourceCrs()
        if not output_crs.isValid():
            output_crs = after_source.sourceCrs()
        frame = MetricFrame([before_source, after_source], output_crs, context)
        frame.warn_if_distances_stretch(feedback, "depth_m, front_km")
        before = self.read_metric(before_source, self.BEFORE, frame, context, feedback)
        after = self.read_metric(after_source, self.AFTER, frame, context, feedback)
        feedback.setProgress(20)
        try:
            result = diff_fronts(
                before,
                after,
                area_of_interest=self.read_clip_layer(
                    aoi_source, self.AREA_OF_INTEREST, frame, context, feedback
                ),
                land=self.read_clip_layer(land_source, self.LAND, frame, context, feedback),
                min_area=self.parameterAsDouble(parameters, self.MIN_AREA, context) * 1e6,
                min_width=self.parameterAsDouble(parameters, self.MIN_WIDTH, context),
                is_cancelled=feedback.isCanceled,
            )
        except DiffCancelledError:
            return {}
        feedback.setProgress(80)
        sink, dest_id = self.parameterAsSink(
            parameters,
            self.OUTPUT,
            context,
            change_fields(),
            QgsWkbTypes.MultiPolygon,
            output_crs,
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        for piece in result.pieces:
            geometry = frame.output_geometry(piece.geometry)
            geometry.convertToMultiType()
            self.add_feature(
                sink,
                geometry,
                change_fields(),
                [
                    piece.change,
                    piece.area / 1e6,
                    piece.depth,
                    piece.front_length / 1e3,
                ],
            )
        RendererPostProcessor.attach(
            context,
            dest_id,
            categorized_fill_renderer("change", change_categories()),
        )
        feedback.pushInfo(
            self.tr(
                "Before {:.3f} km², after {:.3f} km²: gained {:.3f}, lost {:.3f}, net {:+.3f} km²."
            ).format(
                result.before_area / 1e6,
                result.after_area / 1e6,
                result.gained_area / 1e6,
                result.lost_area / 1e6,
                result.net_area / 1e6,
            )
        )
        self._report_dropped(result, feedback)
        return {
            self.OUTPUT: dest_id,
            "BEFORE_KM2": result.before_area / 1e6,
            "AFTER_KM2": result.after_area / 1e6,
            "GAINED_KM2": result.gained_area / 1e6,
            "LOST_KM2": result.lost_area / 1e6,
            "NET_KM2": result.net_area / 1e6,
            "KEPT_SHARE": None if math.isnan(result.kept_share) else result.kept_share,
            "MAX_DEPTH_M": result.max_depth,
        }
