"""Densifying edges before a change of projection, so that they keep their shape.

An edge is straight in the CRS it was drawn in (a parallel, in lon/lat). Projected to another
CRS by its two end points only, it becomes a chord that cuts the corner: 119 m at the middle
of a 70 km edge along 50 N. Splitting edges into short pieces first keeps them within
centimetres of their true course.

The split points are anchored on a grid (multiples of the step along the edge's dominant
axis) rather than spread evenly along each edge: two maps that share a stretch of boundary
drawn with different vertices then still get the same new vertices along it, instead of
slivers between two different chords of the same curve.
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import LinearRing
from shapely.geometry.base import BaseGeometry


def densify_coords(coords: np.ndarray, step: float) -> np.ndarray:
    """A line's coordinates with grid-anchored points added on every edge longer than `step`."""
    return _densify_lines(coords, np.zeros(len(coords), dtype=np.int64), step)[0]


def _densify_lines(
    coords: np.ndarray, line: np.ndarray, step: float
) -> tuple[np.ndarray, np.ndarray]:
    """Coordinates of several lines (``line``: which line each belongs to, grouped) with
    grid-anchored points added on every edge longer than `step`; and the line of each."""
    if len(coords) < 2:
        return coords, line
    starts, ends = coords[:-1], coords[1:]
    delta = ends - starts
    axis = np.argmax(np.abs(delta), axis=1)
    rows = np.arange(len(delta))
    first, last = starts[rows, axis], ends[rows, axis]
    span = last - first
    low, high = np.minimum(first, last), np.maximum(first, last)
    # Grid marks strictly inside each edge's span on its dominant axis.
    first_mark = np.floor(low / step) + 1
    last_mark = np.ceil(high / step) - 1
    long = (np.abs(span) > step) & (line[1:] == line[:-1])  # no edge from one line to the next
    counts = np.where(long, np.maximum(last_mark - first_mark + 1, 0), 0).astype(np.int64)
    if not counts.any():
        return coords, line
    edge = np.repeat(rows, counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    forward = span[edge] > 0
    mark = np.where(forward, first_mark[edge] + offsets, last_mark[edge] - offsets) * step
    t = (mark - first[edge]) / span[edge]
    inserted = starts[edge] + t[:, None] * delta[edge]
    # Each point keeps its place; an edge's inserted points go after its start.
    order = np.argsort(np.concatenate([np.arange(len(coords)) * 2, edge * 2 + 1]), kind="stable")
    return np.concatenate([coords, inserted])[order], np.concatenate([line, line[edge]])[order]


def _has_long_edges(parts: np.ndarray, step: float) -> np.ndarray:
    """For each part, whether any edge spans more than `step` along an axis (vectorised).

    The jump from one ring of a part to the next also counts as an edge: such a part is
    densified when it need not be, which costs time but changes nothing.
    """
    coords, index = shapely.get_coordinates(parts, return_index=True)
    span = np.abs(np.diff(coords, axis=0)).max(axis=1)
    same_part = index[1:] == index[:-1]
    long = np.zeros(len(parts), dtype=bool)
    np.logical_or.at(long, index[1:][same_part], span[same_part] > step)
    return long


def _densified_polygons(polygons: np.ndarray, step: float) -> np.ndarray:
    """Polygons with every ring densified, all in one go."""
    rings, owner = shapely.get_rings(polygons, return_index=True)
    coords, ring = shapely.get_coordinates(rings, return_index=True)
    coords, ring = _densify_lines(coords, ring, step)
    # The first ring of each polygon is its shell, the others its holes.
    return shapely.polygons(shapely.linearrings(coords, indices=ring), indices=owner)


def _densified_lines(lines: np.ndarray, step: float) -> np.ndarray:
    coords, line = shapely.get_coordinates(lines, return_index=True)
    coords, line = _densify_lines(coords, line, step)
    return shapely.linestrings(coords, indices=line)


def densify_on_grid(geometry: BaseGeometry, step: float) -> BaseGeometry:
    """The geometry (2D lines or polygons) with edges split at multiples of `step`; points,
    which have no edges, come back unchanged."""
    kind = geometry.geom_type
    if geometry.is_empty or step <= 0 or kind in ("Point", "MultiPoint"):
        return geometry
    if kind in ("Polygon", "LineString", "LinearRing"):
        parts = np.array([geometry], dtype=object)
    elif kind in ("MultiPolygon", "MultiLineString"):
        parts = shapely.get_parts(geometry)
    else:
        parts = [densify_on_grid(g, step) for g in shapely.get_parts(geometry)]
        return shapely.geometrycollections(parts)
    long = _has_long_edges(parts, step)
    if not long.any():
        return geometry
    polygonal = kind in ("Polygon", "MultiPolygon")
    parts[long] = (_densified_polygons if polygonal else _densified_lines)(parts[long], step)
    if kind == "LinearRing":
        return LinearRing(parts[0].coords)
    if kind in ("Polygon", "LineString"):
        return parts[0]
    return shapely.multipolygons(parts) if polygonal else shapely.multilinestrings(parts)
