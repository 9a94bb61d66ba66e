"""Memory layers built from shapely geometries for the QGIS-side tests."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import shapely
from qgis.core import QgsCoordinateReferenceSystem, QgsFeature, QgsGeometry, QgsVectorLayer
from shapely.geometry.base import BaseGeometry


def memory_layer(
    geometries: Iterable[BaseGeometry | None], crs: str = "EPSG:4326", kind: str = ""
) -> QgsVectorLayer:
    """A memory layer holding the geometries (None gives a feature with a null geometry)."""
    geometries = list(geometries)
    if not kind:
        first = next(g for g in geometries if g is not None)
        kind = {
            "Point": "Point",
            "LineString": "MultiLineString",
            "MultiLineString": "MultiLineString",
        }.get(first.geom_type, "MultiPolygon")
    uri = f"{kind}?crs={crs}" if crs else kind
    layer = QgsVectorLayer(uri, "test", "memory")
    if not crs:
        layer.setCrs(QgsCoordinateReferenceSystem())  # QGIS would give it a default CRS
    features = []
    for geometry in geometries:
        feature = QgsFeature()
        if geometry is not None:
            qgs = QgsGeometry()
            qgs.fromWkb(shapely.to_wkb(geometry))
            feature.setGeometry(qgs)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    return layer


def geod_offset(
    lon: float, lat: float, azimuth_deg: float, distance_m: float
) -> tuple[float, float]:
    """The point `distance_m` from (lon, lat) along a geodesic with this azimuth (WGS84)."""
    from pyproj import Geod

    lon2, lat2, _ = Geod(ellps="WGS84").fwd(lon, lat, azimuth_deg, distance_m)
    return lon2, lat2


def features(layer: QgsVectorLayer) -> list[QgsFeature]:
    return list(layer.getFeatures())


def output_layer(value) -> QgsVectorLayer:
    """An algorithm's output as a layer: a layer object, or a file path/URI it wrote."""
    if isinstance(value, QgsVectorLayer):
        return value
    layer = QgsVectorLayer(str(value), "output", "ogr")
    assert layer.isValid(), value
    return layer


def geojson_file(path: Path, shapes: Iterable[BaseGeometry]) -> str:
    """A GeoJSON file of these shapes (lon/lat), kinds mixed as given: QGIS types such a
    layer by its first feature, as with DeepState's raw maps."""
    features = [
        {"type": "Feature", "properties": {}, "geometry": shapely.geometry.mapping(s)}
        for s in shapes
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return str(path)
