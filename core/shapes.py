"""The polygons or lines of any geometry: one place for what every analysis reads first.

Inputs come from layers, repairs and overlays, so a polygon may arrive as a GeometryCollection
holding stray lines and points, and a route as a collection or a layer's odd feature.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

SNAP_GRID = 0.001  # m: the grid of overlays that exact ones break or get wrong

_LINESTRING_TYPE_ID = 1
_POLYGON_TYPE_ID = 3
_COLLECTION_TYPE_IDS = (4, 5, 6, 7)

# Polygonal geometries found valid here, by identity, while they live. The glue repairs each
# feature as it reads it and the core cleans what it is given: the second validity check of
# the same object (about a millisecond for a map's occupied area) is skipped.
_FOUND_VALID: dict[int, weakref.ref] = {}


def flat_polygons(geometry: BaseGeometry) -> list[Polygon]:
    """The non-empty Polygons in a geometry, collections flattened; lines and points dropped."""
    parts, types = _flat_parts(geometry)
    return list(parts[(types == _POLYGON_TYPE_ID) & ~shapely.is_empty(parts)])


def _flat_parts(geometry) -> tuple[np.ndarray, np.ndarray]:
    """The single parts of a geometry (or an array of them), however deeply nested, and the
    type id of each."""
    parts = shapely.get_parts(geometry)
    types = shapely.get_type_id(parts)
    while np.isin(types, _COLLECTION_TYPE_IDS).any():
        nested = np.isin(types, _COLLECTION_TYPE_IDS)
        parts = np.concatenate([parts[~nested], shapely.get_parts(parts[nested])])
        types = shapely.get_type_id(parts)
    return parts, types


def clean_polygonal(geometry: BaseGeometry | None) -> Polygon | MultiPolygon:
    """A valid, dissolved, 2D polygonal geometry (an empty Polygon for None or no area)."""
    return repaired_polygonal(geometry)[0]


def opened(geometry: BaseGeometry, width: float) -> BaseGeometry:
    """The geometry less its parts narrower than ``width``: an opening with mitred corners,
    which keeps straight edges and right-angled corners where they were."""
    half = width / 2.0
    eroded = shapely.buffer(geometry, -half, join_style="mitre")
    return shapely.buffer(eroded, half, join_style="mitre")


def repaired_polygonal(geometry: BaseGeometry | None) -> tuple[Polygon | MultiPolygon, bool]:
    """``clean_polygonal``, and whether the geometry was invalid (repaired by make_valid)."""
    if geometry is None or geometry.is_empty:
        return Polygon(), False
    if shapely.has_z(geometry):
        geometry = shapely.force_2d(geometry)
    polygonal = geometry.geom_type in ("Polygon", "MultiPolygon")
    if polygonal and _found_valid(geometry):
        return geometry, False
    valid = geometry.is_valid
    if polygonal and valid:
        _remember_valid(geometry)
        return geometry, False
    if not valid and geometry.geom_type in ("MultiPolygon", "GeometryCollection"):
        # Parts that overlap or nest (QGIS's "Collect geometries" makes such features) are
        # dissolved: make_valid of the whole would cut the overlaps out.
        geometry = shapely.make_valid(np.asarray(shapely.get_parts(geometry), dtype=object))
        geometry = shapely.GeometryCollection([g for g in geometry if not g.is_empty])
    elif not valid:
        geometry = shapely.make_valid(geometry)
    parts = flat_polygons(geometry)
    if not parts:
        return Polygon(), not valid
    # Parts of a GeometryCollection may overlap: dissolve them.
    return (parts[0] if len(parts) == 1 else shapely.union_all(parts)), not valid


def _found_valid(geometry: BaseGeometry) -> bool:
    found = _FOUND_VALID.get(id(geometry))
    return found is not None and found() is geometry


def _remember_valid(geometry: BaseGeometry) -> None:
    key = id(geometry)
    _FOUND_VALID[key] = weakref.ref(geometry, lambda _, key=key: _FOUND_VALID.pop(key, None))


def linework(geometry: BaseGeometry | None) -> LineString | MultiLineString | None:
    """The lines of a geometry with some length, as they are (no union, which would dissolve
    a line that runs over itself); None when it has none."""
    if geometry is None or geometry.is_empty:
        return None
    if geometry.geom_type in ("LineString", "MultiLineString"):
        return geometry if geometry.length > 0 else None
    parts, types = _flat_parts(geometry)
    lines = parts[(types == _LINESTRING_TYPE_ID) & (shapely.length(parts) > 0)]
    return shapely.multilinestrings(lines) if len(lines) else None


def line_segments(lines: Sequence[BaseGeometry]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Start points, end points and owning line index of every segment of some linework
    (LineStrings or LinearRings), in order along each line."""
    lines = np.asarray(lines, dtype=object)
    if lines.size == 0:
        empty = np.empty((0, 2))
        return empty, empty, np.empty(0, dtype=int)
    coords = shapely.get_coordinates(lines)
    line_of_coord = np.repeat(np.arange(lines.size), shapely.get_num_coordinates(lines))
    same_line = line_of_coord[:-1] == line_of_coord[1:]
    return coords[:-1][same_line], coords[1:][same_line], line_of_coord[:-1][same_line]


def segment_lines(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """One two-point LineString per segment (for a tree of segments)."""
    if len(starts) == 0:
        return np.empty(0, dtype=object)
    return shapely.linestrings(np.stack([starts, ends], axis=1))


def point_segment_distance(p: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Distance from each point p (n, 2) to its segment a-b (n, 2 each)."""
    ab = b - a
    n2 = np.einsum("ij,ij->i", ab, ab)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(n2 > 0, np.einsum("ij,ij->i", p - a, ab) / n2, 0.0)
    t = np.clip(t, 0.0, 1.0)
    return np.hypot(*(p - a - t[:, None] * ab).T)
