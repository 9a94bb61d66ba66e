"""frontline:encirclement: pockets of held ground, their openings and their hostile edge."""

from __future__ import annotations

from functools import cache

from qgis.core import (
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from .analysis_base import MIN_AREA_KM2, AnalysisAlgorithm, MetricFrame
from .fields import BOOLEAN, INTEGER, REAL, TEXT, make_fields
from .help import help_html
from .styles import RendererPostProcessor, categorized_fill_renderer, status_categories

# m²: below this an overlap of HELD and HOSTILE is drawing noise (ground from two sources
# meeting along a border a few metres apart), not worth a warning.
OVERLAP_WARNING_M2 = 10_000.0


@cache  # one QgsFields per run, not one per feature
def piece_fields() -> QgsFields:
    return make_fields(
        ("piece_id", INTEGER),
        ("status", TEXT),
        ("area_km2", REAL),
        ("share", REAL),
        ("opening_m", REAL),
        ("rear_contact_m", REAL),
        ("hostile_contact", REAL),
        ("fire_free_opening_m", REAL, 3),
        ("fire_controlled", BOOLEAN),
        ("main_body", BOOLEAN),
    )


@cache
def link_fields() -> QgsFields:
    return make_fields(
        ("kind", TEXT),
        ("length_m", REAL, 3),
        ("pieces", TEXT),
    )


class EncirclementAlgorithm(AnalysisAlgorithm):
    ALGORITHM_ID = "encirclement"
    DISPLAY_NAME = "Detect near-encirclement"

    HELD = "HELD"
    REAR = "REAR"
    HOSTILE = "HOSTILE"
    MAX_LINK_WIDTH = "MAX_LINK_WIDTH"
    MAX_HOSTILE_CONTACT = "MAX_HOSTILE_CONTACT"
    CONTACT_TOLERANCE = "CONTACT_TOLERANCE"
    MIN_PIECE_AREA = "MIN_PIECE_AREA"
    FIRE_RANGE = "FIRE_RANGE"
    LAND = "LAND"
    OUTPUT = "OUTPUT"
    OUTPUT_LINKS = "OUTPUT_LINKS"

    def shortHelpString(self) -> str:
        return help_html("encirclement")

    def initAlgorithm(self, config=None) -> None:
        polygon = [QgsProcessing.TypeVectorPolygon]
        self.add_polygon_inputs(
            [
                (self.HELD, self.tr("Held ground (the side under study)"), False),
                (self.REAR, self.tr("Rear (that side's secure territory)"), True),
                (self.HOSTILE, self.tr("Hostile ground"), True),
            ]
        )
        double = QgsProcessingParameterNumber.Double
        numbers = [  # name, label, default, least, most
            (self.MAX_LINK_WIDTH, self.tr("Maximum link width (m)"), 2000.0, 0.0, None),
            (
                self.MAX_HOSTILE_CONTACT,
                self.tr("Hostile share of the edge that nearly encircles"),
                0.75,
                0.0,
                1.0,
            ),
            (self.CONTACT_TOLERANCE, self.tr("Contact tolerance (m)"), 100.0, 0.0, None),
            (self.MIN_PIECE_AREA, self.tr("Minimum piece area (km²)"), 0.5, MIN_AREA_KM2, None),
            (self.FIRE_RANGE, self.tr("Fire range (m; 0 = off)"), 0.0, 0.0, None),
        ]
        for name, label, default, least, maximum in numbers:
            parameter = QgsProcessingParameterNumber(name, label, double, default, minValue=least)
            if maximum is not None:
                parameter.setMaximum(maximum)
            self.addParameter(parameter)
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.LAND, self.tr("Land (held ground is clipped to it)"), polygon, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Pieces"), QgsProcessing.TypeVectorPolygon
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_LINKS,
                self.tr("Links (necks and rear contact)"),
                QgsProcessing.TypeVectorLine,
                optional=True,
            )
        )
        self.addOutput(QgsProcessingOutputNumber("POCKETS", self.tr("Pockets")))
        self.addOutput(
            QgsProcessingOutputNumber("POCKET_SHARE", self.tr("Share of held ground in pockets"))
        )

    def processAlgorithm(self, parameters, context, feedback):
        from ..core.encirclement import EncirclementCancelledError, detect_encirclement

        sources = {
            name: self.polygon_source(parameters, name, context, optional=name != self.HELD)
            for name in (self.HELD, self.REAR, self.HOSTILE, self.LAND)
        }
        held_source = sources[self.HELD]
        # Centred on the held ground: a REAR, HOSTILE or LAND layer reaching far beyond it
        # (a country, a world land layer) must not move the centre and distort the widths.
        frame = MetricFrame([held_source], held_source.sourceCrs(), context)

        def number(name: str) -> float:
            return self.parameterAsDouble(parameters, name, context)

        # Beyond the fire range and the contact tolerance other ground cannot matter.
        reach = max(number(self.FIRE_RANGE), 0.0) + max(number(self.CONTACT_TOLERANCE), 0.0)
        layers = {
            name: self.read_metric(
                source, name, frame, context, feedback, None if name == self.HELD else reach + 1e4
            )
            for name, source in sources.items()
            if name != self.LAND
        }
        layers[self.LAND] = self.read_clip_layer(
            sources[self.LAND], self.LAND, frame, context, feedback, reach + 1e4
        )
        if feedback.isCanceled():
            return {}  # what was read is not all there is: no warnings about it
        if number(self.FIRE_RANGE) > 0:  # the fire zone is a planar buffer
            frame.warn_if_distances_stretch(feedback, "fire_free_opening_m", reach)
        if layers[self.HELD].is_empty:
            feedback.pushWarning(self.tr("HELD: the layer has no polygons; nothing to assess."))
        if layers[self.REAR] is not None and layers[self.REAR].is_empty:
            feedback.pushWarning(
                self.tr(
                    "REAR: the layer has no polygons near the held ground; the largest piece "
                    "plays the rear."
                )
            )
        if layers[self.HOSTILE] is not None and layers[self.HOSTILE].is_empty:
            feedback.pushWarning(
                self.tr(
                    "HOSTILE: the layer has no polygons near the held ground; no edge borders "
                    "hostile ground and nothing is under fire."
                )
            )
        feedback.setProgress(20)

        try:
            result = detect_encirclement(
                layers[self.HELD],
                rear=layers[self.REAR],
                hostile=layers[self.HOSTILE],
                land=layers[self.LAND],
                max_link_width=number(self.MAX_LINK_WIDTH),
                max_hostile_contact=number(self.MAX_HOSTILE_CONTACT),
                contact_tolerance=number(self.CONTACT_TOLERANCE),
                min_piece_area=number(self.MIN_PIECE_AREA) * 1e6,
                fire_range=number(self.FIRE_RANGE),
                is_cancelled=feedback.isCanceled,
                # Lengths on the ellipsoid, the thresholds held against them alike.
                measure=frame.ellipsoid_length,
            )
        except EncirclementCancelledError:
            return {}
        feedback.setProgress(80)
        self._report(result, feedback)
        # The optional output first: if it cannot be made, OUTPUT is not written either.
        links_id = self._write_links(parameters, context, frame, result, held_source)
        results = {
            self.OUTPUT: self._write_pieces(parameters, context, frame, result, held_source),
            "POCKETS": result.pockets,
            "POCKET_SHARE": result.pocket_share,
        }
        if links_id is not None:
            results[self.OUTPUT_LINKS] = links_id
        return results

    def _report(self, result, feedback) -> None:
        overlap = result.overlap_with_hostile
        if overlap >= OVERLAP_WARNING_M2:
            share = 100.0 * overlap / result.held_area if result.held_area > 0 else 0.0
            feedback.pushWarning(
                self.tr(
                    "HELD and HOSTILE overlap over {:.3f} km² ({:.2f} % of HELD): check the inputs."
                ).format(overlap / 1e6, share)
            )
        if result.left_out:
            feedback.pushInfo(
                self.tr("{} part(s) smaller than the minimum piece area were left out.").format(
                    result.left_out
                )
            )
        feedback.pushInfo(
            self.tr("{} piece(s), {} pocket(s) holding {:.1%} of the held ground.").format(
                len(result.pieces), result.pockets, result.pocket_share
            )
        )

    def _write_pieces(self, parameters, context, frame, result, held_source) -> str:
        sink, dest_id = self.parameterAsSink(
            parameters,
            self.OUTPUT,
            context,
            piece_fields(),
            QgsWkbTypes.MultiPolygon,
            held_source.sourceCrs(),
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        for piece_id, piece in enumerate(result.pieces, start=1):
            geometry = frame.output_geometry(piece.geometry)
            geometry.convertToMultiType()
            self.add_feature(
                sink,
                geometry,
                piece_fields(),
                [
                    piece_id,
                    piece.status,
                    frame.ellipsoid_area_km2(piece.geometry),
                    piece.share,
                    piece.opening,
                    piece.rear_contact,
                    piece.hostile_contact,
                    piece.fire_free_opening,
                    piece.fire_controlled,
                    piece.is_main_body,
                ],
            )
        RendererPostProcessor.attach(
            context, dest_id, categorized_fill_renderer("status", status_categories())
        )
        return dest_id

    def _write_links(self, parameters, context, frame, result, held_source) -> str | None:
        sink, dest_id = self.parameterAsSink(
            parameters,
            self.OUTPUT_LINKS,
            context,
            link_fields(),
            QgsWkbTypes.MultiLineString,
            held_source.sourceCrs(),
        )
        if sink is None:
            return None
        for link in result.links:
            geometry = frame.output_geometry(link.geometry)
            geometry.convertToMultiType()
            pieces = ",".join(str(i + 1) for i in link.piece_ids)
            self.add_feature(
                sink,
                geometry,
                link_fields(),
                [
                    link.kind,
                    link.length,
                    pieces,
                ],
            )
        return dest_id
