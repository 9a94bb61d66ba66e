"""Shared glue of the analysis algorithms: inputs to the local metric CRS, outputs back."""

from __future__ import annotations

import math

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSource,
    QgsRectangle,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication

from .base import FrontlineAlgorithm
from .geometry_io import (
    WGS84,
    check_crs,
    check_geometry_type,
    ellipsoid,
    extent_in_wgs84,
    local_metric_crs,
    read_polygons,
    shapely_to_qgs,
    vertices_lonlat,
)

# The least side or piece area the analyses accept (100 m x 100 m): at 0 every corner of the
# boundary would be a "neck".
MIN_AREA_KM2 = 0.01
# Planar distances more than this share off somewhere in the layers are worth a warning.
PLANAR_ERROR_WARNING = 0.005


class MetricFrame:
    """One local metric CRS for a run, with transforms to it and back to an output CRS."""

    def __init__(
        self,
        sources: list[QgsProcessingFeatureSource],
        output_crs: QgsCoordinateReferenceSystem,
        context: QgsProcessingContext,
    ) -> None:
        extent = extent_in_wgs84(sources, context)
        if extent.isNull():  # empty inputs: nothing will be projected, any centre will do
            extent = QgsRectangle(0.0, 0.0, 0.0, 0.0)
        self.extent = extent
        # Past MAX_LONGITUDE_SPAN the lon/lat box says little: a layer across 180° (split
        # there, or in a projected CRS) or round a pole spans -180 to 180. The centre and
        # reach then come from the vertices themselves, on the sphere.
        self.radius_m: float | None = None
        centre = extent.center()
        if extent.width() > MAX_LONGITUDE_SPAN:
            centre, self.radius_m = _spherical_centre(sources, context)
        self.centre = QgsPointXY(centre)
        self.crs = local_metric_crs(self.centre)
        self.context = context
        self.output_crs = output_crs
        self.to_output = QgsCoordinateTransform(self.crs, output_crs, context.transformContext())
        self.to_wgs84 = QgsCoordinateTransform(self.crs, WGS84, context.transformContext())
        self.measure = ellipsoid(context)

    def planar_error(self, reach_m: float = 0.0) -> float:
        """The largest relative error of planar distances over the frame's own extent grown
        by ``reach_m`` (how far from the inputs distances are measured)."""
        from ..core.sphere import planar_stretch

        if self.radius_m is not None:
            return planar_stretch(self.radius_m + reach_m)
        extent = self.around(reach_m) if reach_m > 0 else self.extent
        extent = extent.intersect(QgsRectangle(-180.0, -90.0, 180.0, 90.0))
        if extent.isEmpty() and not extent.isNull():  # a point or a line: no error to speak of
            extent = self.extent
        centre = QgsPointXY(extent.center())
        corners = [
            QgsPointXY(x, y)
            for x in (extent.xMinimum(), extent.xMaximum())
            for y in (extent.yMinimum(), extent.yMaximum())
        ]
        return planar_stretch(max(self.measure.measureLine(centre, corner) for corner in corners))

    def warn_if_distances_stretch(self, feedback, what: str, reach_m: float = 0.0) -> None:
        """Warn when planar distances (``what``, measured up to ``reach_m`` from the inputs)
        may be off by more than 0.5 % at the edge."""
        error = self.planar_error(reach_m)
        if error > PLANAR_ERROR_WARNING:
            feedback.pushWarning(
                QCoreApplication.translate(
                    "Frontline",
                    "The layers reach so far from the centre of the local projection that {} "
                    "may be off by up to {:.1f} % at their far end: limit them to the area you "
                    "study.",
                ).format(what, 100.0 * error)
            )

    def around(self, margin_m: float) -> QgsRectangle:
        """The lon/lat extent of the frame's own inputs grown by ``margin_m`` metres."""
        extent = self.extent
        top = max(abs(extent.yMinimum()), abs(extent.yMaximum()))
        dy = margin_m / 110_000.0  # a degree of latitude is at least 110.5 km
        dx = dy / max(math.cos(math.radians(min(top + dy, 89.0))), 1e-3)
        return QgsRectangle(
            max(extent.xMinimum() - dx, -180.0),
            max(extent.yMinimum() - dy, -90.0),
            min(extent.xMaximum() + dx, 180.0),
            min(extent.yMaximum() + dy, 90.0),
        )

    def windows(self, margin_m: float) -> list[QgsRectangle]:
        """Lon/lat rectangles holding all within ``margin_m`` metres of the frame's own
        inputs: their extent grown, or, for inputs across 180° or round a pole, the cap of
        their reach about the centre (two rectangles where it crosses 180°)."""
        if self.radius_m is None:
            return [self.around(margin_m)]
        from ..core.sphere import cap_boxes

        boxes = cap_boxes(self.centre.x(), self.centre.y(), self.radius_m + margin_m)
        return [QgsRectangle(*box) for box in boxes]

    def output_geometry(self, shape) -> QgsGeometry:
        geometry = shapely_to_qgs(shape)
        geometry.transform(self.to_output)
        return geometry

    def ellipsoid_length(self, shape) -> float:
        """Length in metres on the WGS84 ellipsoid of a planar (local CRS) line."""
        geometry = shapely_to_qgs(shape)
        geometry.transform(self.to_wgs84)
        return self.measure.measureLength(geometry)

    def ellipsoid_area_km2(self, shape) -> float:
        geometry = shapely_to_qgs(shape)
        geometry.transform(self.to_wgs84)
        return self.measure.measureArea(geometry) / 1e6


# Degrees of longitude beyond which a lon/lat box no longer tells where layers are.
MAX_LONGITUDE_SPAN = 180.0
# Arc (degrees) from their centre within which layers can be measured in one projection.
MAX_REACH_DEG = 90.0
_VERTICES_READ = 200_000  # at most this many vertices place the centre (every k-th beyond)


def _spherical_centre(sources, context) -> tuple[QgsPointXY, float]:
    """The centre (lon/lat) of the sources' vertices on the sphere, and how far the farthest
    lies from it (m); refused beyond a hemisphere."""
    from ..core.sphere import EARTH_RADIUS_M, enclosing_cap

    lon, lat, reach = enclosing_cap(_vertices_lonlat(sources, context))
    if math.degrees(reach) > MAX_REACH_DEG:
        names = ", ".join(source.sourceName() for source in sources if source is not None)
        raise QgsProcessingException(
            QCoreApplication.translate(
                "Frontline",
                "The layers {} reach {:.0f}° of arc from their centre: one local projection "
                "cannot measure more than a hemisphere. Limit them to the area you study, for "
                "example with Extract by extent.",
            ).format(names, math.degrees(reach))
        )
    return QgsPointXY(lon, lat), reach * EARTH_RADIUS_M


def _vertices_lonlat(sources, context):
    """The sources' vertices in lon/lat, as an (n, 2) array (every k-th past a limit)."""
    vertices = vertices_lonlat(sources, context)
    return vertices[:: max(1, len(vertices) // _VERTICES_READ)]


class AnalysisAlgorithm(FrontlineAlgorithm):
    """Base for algorithms that read polygon layers and hand planar geometry to the core."""

    GROUP_ID = "analysis"

    def add_polygon_inputs(self, inputs: list[tuple[str, str, bool]]) -> None:
        """Polygon layer parameters from (name, translated label, optional) tuples."""
        for name, label, optional in inputs:
            self.addParameter(
                QgsProcessingParameterFeatureSource(
                    name, label, [QgsProcessing.TypeVectorPolygon], optional=optional
                )
            )

    def polygon_source(
        self, parameters, name: str, context: QgsProcessingContext, optional: bool = False
    ) -> QgsProcessingFeatureSource | None:
        source = self.parameterAsSource(parameters, name, context)
        if source is None:
            if optional:
                return None
            raise QgsProcessingException(self.invalidSourceError(parameters, name))
        check_geometry_type(source, name, QgsWkbTypes.PolygonGeometry)
        check_crs(source, name)
        extent_in_wgs84([source], context)  # coordinates its CRS cannot hold: refused
        return source

    def read_metric(
        self,
        source: QgsProcessingFeatureSource | None,
        name: str,
        frame: MetricFrame,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        margin_m: float | None = None,
    ):
        """The source's polygons dissolved, in the frame's CRS; with ``margin_m``, only what
        lies within that distance of the frame's own inputs (a layer of the whole world
        cannot be projected into one local CRS)."""
        if source is None:
            return None
        clip = frame.windows(margin_m) if margin_m is not None else None
        return read_polygons(source, name, frame.crs, context, feedback, clip)

    def read_clip_layer(
        self, source, name: str, frame: MetricFrame, context, feedback, margin_m: float = 1e4
    ):
        """An optional layer that the input is clipped to (LAND, AREA_OF_INTEREST), read near
        the input; when it has nothing there, a warning: it then clips everything away."""
        shape = self.read_metric(source, name, frame, context, feedback, margin_m)
        if shape is not None and shape.is_empty:
            feedback.pushWarning(
                self.tr("{}: no polygons near the input, so it clips everything away.").format(name)
            )
        return shape
