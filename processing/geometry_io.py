"""Moving geometries between QGIS and the pure core.

The core works on shapely geometries in planar metres. The glue projects every input to one
local Lambert azimuthal equal-area CRS on WGS84 centred on the data (areas exact, lengths within
a fraction of a percent over several hundred kilometres), and measures reported lengths and areas
again on the WGS84 ellipsoid with ``QgsDistanceArea``.
"""

from __future__ import annotations

from collections.abc import Iterable

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsDistanceArea,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingFeedback,
    QgsProject,
    QgsRectangle,
    QgsUnitTypes,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


def tr(text: str) -> str:
    return QCoreApplication.translate("Frontline", text)


def local_metric_crs(centre: QgsPointXY) -> QgsCoordinateReferenceSystem:
    """A Lambert azimuthal equal-area CRS centred on a lon/lat point."""
    proj = (
        f"+proj=laea +lat_0={centre.y():.6f} +lon_0={centre.x():.6f} +x_0=0 +y_0=0 "
        "+ellps=WGS84 +units=m +no_defs"
    )
    crs = QgsCoordinateReferenceSystem.fromProj(proj)
    if not crs.isValid():
        raise QgsProcessingException(tr("Could not build a local metric CRS ({}).").format(proj))
    return crs


def extent_in_wgs84(
    sources: Iterable[QgsProcessingFeatureSource], context: QgsProcessingContext
) -> QgsRectangle:
    """The combined extent of sources, in lon/lat."""
    combined = QgsRectangle()
    combined.setMinimal()
    for source in sources:
        if source is None:
            continue
        transform = QgsCoordinateTransform(source.sourceCrs(), WGS84, context.transformContext())
        extent = source.sourceExtent()
        if extent.isNull():
            continue
        try:
            lonlat = transform.transformBoundingBox(extent)
        except QgsCsException:
            raise QgsProcessingException(_crs_mismatch(source, extent)) from None
        if not WORLD.contains(lonlat):
            raise QgsProcessingException(_crs_mismatch(source, extent))
        combined.combineExtentWith(lonlat)
    return combined


# Lon/lat a layer can reach: room for rounding, and for data crossing the antimeridian.
WORLD = QgsRectangle(-360.0, -90.5, 360.0, 90.5)


def _crs_mismatch(source: QgsProcessingFeatureSource, extent: QgsRectangle) -> str:
    """A layer whose coordinates its CRS cannot hold (metres labelled as degrees, say)."""
    return tr(
        "The layer {} has coordinates ({}) that its CRS {} cannot hold: check the layer's "
        "CRS (Layer Properties ▸ Source)."
    ).format(
        source.sourceName(),
        # Not extent.toString: it says "Empty" for a horizontal line's extent.
        f"{extent.xMinimum():.0f},{extent.yMinimum():.0f} : "
        f"{extent.xMaximum():.0f},{extent.yMaximum():.0f}",
        source.sourceCrs().authid() or source.sourceCrs().description(),
    )


def ellipsoid(context: QgsProcessingContext | None = None) -> QgsDistanceArea:
    """Measures on the WGS84 ellipsoid for geometries in EPSG:4326."""
    measure = QgsDistanceArea()
    transform_context = (
        context.transformContext() if context else QgsProject.instance().transformContext()
    )
    measure.setSourceCrs(WGS84, transform_context)
    measure.setEllipsoid("WGS84")
    return measure


SPLIT_LENGTH_M = 5000.0  # edges longer than this once projected are split before projecting
_SOURCE_SPLIT = 20  # and edges longer than this many densify steps in their own CRS


def densify_step(crs: QgsCoordinateReferenceSystem) -> float:
    """Longest segment, in the CRS's units, kept of an edge that is split before projecting to
    the local CRS (see ``project_shape``).

    An edge is straight in its own CRS (a parallel, in lon/lat); projected as a chord between
    its two ends it would cut the corner (by 119 m on a 70 km edge along 50 N). Segments of at
    most 0.05 degrees (5.5 km) follow a parallel to within 0.7 m.
    """
    if crs.isGeographic():
        return 0.05
    factor = QgsUnitTypes.fromUnitToUnitFactor(QgsUnitTypes.DistanceMeters, crs.mapUnits())
    return 5000.0 * factor


def to_target(geometry: QgsGeometry, transform: QgsCoordinateTransform, step: float):
    """The geometry as shapely, 2D, densified in its own CRS, then transformed."""
    return project_shape(plain_shape(geometry), transform, step)


def plain_shape(geometry: QgsGeometry):
    """The geometry as a 2D shapely geometry, curves straightened (GEOS reads none)."""
    import shapely

    if QgsWkbTypes.isCurvedType(geometry.wkbType()):
        geometry = QgsGeometry(geometry.constGet().segmentize())
    return shapely.force_2d(qgs_to_shapely(geometry))


def unchecked_features(source: QgsProcessingFeatureSource, request: QgsFeatureRequest):
    """The source's features, invalid ones too: Frontline repairs invalid geometries itself
    (make_valid), and the context's "stop on invalid geometry" setting, the default in the
    QGIS dialog, would stop the run before that."""
    return source.getFeatures(request, QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks)


def vertices_lonlat(sources: Iterable, context: QgsProcessingContext):
    """The vertices of the sources' features (None sources skipped) in lon/lat, an (n, 2)
    array; a feature whose vertices cannot be transformed is left out (it is read again
    later, with a message naming its layer)."""
    import numpy as np
    import shapely

    found = []
    for source in sources:
        if source is None:
            continue
        transform = QgsCoordinateTransform(source.sourceCrs(), WGS84, context.transformContext())
        for feature in unchecked_features(source, QgsFeatureRequest().setNoAttributes()):
            geometry = feature.geometry()
            if geometry.isNull() or geometry.isEmpty():
                continue
            plain = shapely_to_qgs(plain_shape(geometry))
            try:
                if plain.transform(transform) != 0:
                    continue
            except QgsCsException:
                continue
            found.append(shapely.get_coordinates(qgs_to_shapely(plain)))
    return np.vstack(found) if found else np.zeros((1, 2))


def project_shape(shape, transform: QgsCoordinateTransform, step: float):
    """A 2D shapely geometry transformed to a metric CRS (as shapely), its edges longer than
    SPLIT_LENGTH_M there first split in its own CRS at multiples of ``step``.

    Which edges are split depends on their projected length, not on the CRS they come in, so
    one map in two CRSs gives the same shape: a shorter edge, projected by its two ends, is
    off its course by under 0.6 m (on a 5 km edge along a parallel at 48 N), and DeepState
    maps have few longer ones (about 140 of 3,500 edges of the occupied area)."""
    from ..core.densify import densify_on_grid, long_edges, projected_densified

    projected = _transformed(shape, transform)
    # An edge long in its own CRS is split whatever its projected length: its ends may meet
    # once projected (a parallel from -180 to 180 round a pole), the edge between them not.
    long = long_edges(projected, SPLIT_LENGTH_M) | long_edges(shape, _SOURCE_SPLIT * step)
    if not long.any():
        return projected
    try:  # only the new points still need projecting
        return projected_densified(
            shape, projected, step, long, lambda xy: _transformed_points(xy, transform)
        )
    except ValueError:  # a collection
        return _transformed(densify_on_grid(shape, step, only=long), transform)


def _transformed(shape, transform: QgsCoordinateTransform):
    geometry = shapely_to_qgs(shape)
    geometry.transform(transform)
    return qgs_to_shapely(geometry)


def _transformed_points(xy, transform: QgsCoordinateTransform):
    import shapely

    return shapely.get_coordinates(_transformed(shapely.multipoints(xy), transform))


def qgs_to_shapely(geometry: QgsGeometry):
    import shapely

    return shapely.from_wkb(bytes(geometry.asWkb()))


def shapely_to_qgs(geometry) -> QgsGeometry:
    import shapely

    result = QgsGeometry()
    result.fromWkb(shapely.to_wkb(geometry))
    return result


def read_shapes(
    source: QgsProcessingFeatureSource,
    parameter_name: str,
    target_crs: QgsCoordinateReferenceSystem,
    context: QgsProcessingContext,
    feedback: QgsProcessingFeedback,
    keep,
    kind: str,
    clip: list[QgsRectangle] | None = None,
) -> list[tuple[int, object]]:
    """(feature id, shapely geometry in ``target_crs``) of each feature; ``keep(shape)`` returns
    the part to keep, or None to skip the feature. Skipped features (null, empty, or nothing
    kept) get one warning naming the parameter and the ``kind`` of geometry it needs.

    ``clip`` (lon/lat rectangles: one, or one each side of 180°) keeps only what lies
    in it: a layer reaching round the world (a land or country layer) cannot be projected
    whole into a local CRS, and far away it does not matter. What each rectangle keeps of a
    feature is projected on its own, then joined."""
    from shapely import union_all

    transform = QgsCoordinateTransform(source.sourceCrs(), target_crs, context.transformContext())
    step = densify_step(source.sourceCrs())
    request = QgsFeatureRequest().setNoAttributes()
    windows = None
    if clip is not None:
        to_source = QgsCoordinateTransform(WGS84, source.sourceCrs(), context.transformContext())
        windows = [to_source.transformBoundingBox(rectangle) for rectangle in clip]
        combined = QgsRectangle(windows[0])
        for window in windows[1:]:
            combined.combineExtentWith(window)
        request.setFilterRect(combined)
    shapes = []
    skipped = 0
    for feature in unchecked_features(source, request):
        if feedback.isCanceled():
            break
        geometry = feature.geometry()
        if geometry.isNull() or geometry.isEmpty():
            skipped += 1
            continue
        pieces = [geometry] if windows is None else _clipped(geometry, windows)
        if not pieces:
            continue  # wholly outside the area that matters
        kept = [keep(to_target(piece, transform, step)) for piece in pieces]
        kept = [shape for shape in kept if shape is not None]
        if not kept:
            skipped += 1
        else:
            shapes.append((feature.id(), kept[0] if len(kept) == 1 else union_all(kept)))
    if skipped:
        feedback.pushWarning(
            tr("{}: skipped {} feature(s) with no {} geometry.").format(
                parameter_name, skipped, kind
            )
        )
    return shapes


def _clipped(geometry: QgsGeometry, windows: list[QgsRectangle]) -> list[QgsGeometry]:
    pieces = [geometry.clipped(window) for window in windows]
    return [piece for piece in pieces if not (piece.isNull() or piece.isEmpty())]


def read_polygon_shapes(
    source,
    parameter_name,
    target_crs,
    context,
    feedback,
    clip: list[QgsRectangle] | None = None,
) -> list:
    """Each feature's polygons as one valid shapely geometry in ``target_crs``."""
    from ..core.shapes import repaired_polygonal

    repaired = 0

    def polygons(shape):
        nonlocal repaired
        part, was_invalid = repaired_polygonal(shape)
        repaired += was_invalid
        return None if part.is_empty else part

    found = read_shapes(
        source, parameter_name, target_crs, context, feedback, polygons, tr("polygon"), clip
    )
    if repaired:  # said, as a self-intersecting outline may not be what was meant
        feedback.pushInfo(
            tr("{}: repaired {} invalid geometry(ies) (make valid).").format(
                parameter_name, repaired
            )
        )
    return [shape for _, shape in found]


def read_polygons(
    source: QgsProcessingFeatureSource,
    parameter_name: str,
    target_crs: QgsCoordinateReferenceSystem,
    context: QgsProcessingContext,
    feedback: QgsProcessingFeedback,
    clip: list[QgsRectangle] | None = None,
):
    """All polygons of a source dissolved into one shapely geometry (empty when none); see
    read_shapes for ``clip``."""
    import shapely

    shapes = read_polygon_shapes(source, parameter_name, target_crs, context, feedback, clip)
    if len(shapes) == 1:
        return shapes[0]  # a dissolve would only cost time
    return shapely.union_all(shapes) if shapes else shapely.Polygon()


def check_geometry_type(
    source: QgsProcessingFeatureSource, parameter_name: str, expected: int
) -> None:
    """A clear error when a layer has the wrong geometry type (models can bypass the filter).
    An empty untyped layer passes (see ``is_empty_untyped``)."""
    actual = QgsWkbTypes.geometryType(source.wkbType())
    if actual != expected and not is_empty_untyped(source):
        raise QgsProcessingException(
            tr("{}: expected a {} layer, got a {} layer.").format(
                parameter_name,
                QgsWkbTypes.geometryDisplayString(expected).lower(),
                QgsWkbTypes.geometryDisplayString(actual).lower(),
            )
        )


def is_empty_untyped(source: QgsProcessingFeatureSource) -> bool:
    """A layer with no geometry type because none of its features has a geometry (an empty
    GeoJSON file, or one of null geometries): no ground, rather than a layer of the wrong
    kind (the features are then skipped with a warning)."""
    untyped = (QgsWkbTypes.NullGeometry, QgsWkbTypes.UnknownGeometry)
    if QgsWkbTypes.geometryType(source.wkbType()) not in untyped:
        return False
    features = unchecked_features(source, QgsFeatureRequest().setNoAttributes())
    return all(feature.geometry().isNull() for feature in features)


def check_crs(source: QgsProcessingFeatureSource, parameter_name: str) -> None:
    if not source.sourceCrs().isValid() and not is_empty_untyped(source):
        raise QgsProcessingException(
            tr(
                "{}: the layer has no coordinate reference system; set one (Layer Properties ▸ "
                "Source) so distances and areas can be measured."
            ).format(parameter_name)
        )


def read_line_features(source, parameter_name, target_crs, context, feedback) -> list:
    """(feature id, shapely line geometry in ``target_crs``) of every feature with a line."""
    from ..core.shapes import linework  # a line layer may hold points or polygons too

    return read_shapes(source, parameter_name, target_crs, context, feedback, linework, tr("line"))
