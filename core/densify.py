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
from shapely.geometry import LinearRing, LineString, MultiLineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry


def densify_coords(coords: np.ndarray, step: float) -> np.ndarray:
    """A line's coordinates with grid-anchored points added on every edge longer than `step`."""
    if len(coords) < 2:
        return coords
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
    counts = np.where(np.abs(span) > step, np.maximum(last_mark - first_mark + 1, 0), 0)
    counts = counts.astype(np.int64)
    if not counts.any():
        return coords
    edge = np.repeat(rows, counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    forward = span[edge] > 0
    mark = np.where(forward, first_mark[edge] + offsets, last_mark[edge] - offsets) * step
    t = (mark - first[edge]) / span[edge]
    inserted = starts[edge] + t[:, None] * delta[edge]
    # Each edge contributes its start point, then its inserted points; the line's end last.
    order = np.concatenate([rows * 2, edge * 2 + 1])
    stacked = np.concatenate([starts, inserted])
    merged = stacked[np.argsort(order, kind="stable")]
    return np.concatenate([merged, coords[-1:]])


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


def densify_on_grid(geometry: BaseGeometry, step: float) -> BaseGeometry:
    """The geometry (2D lines or polygons) with edges split at multiples of `step`; points,
    which have no edges, come back unchanged."""
    kind = geometry.geom_type
    if geometry.is_empty or step <= 0 or kind in ("Point", "MultiPoint"):
        return geometry
    if kind == "Polygon":
        return Polygon(
            densify_coords(np.asarray(geometry.exterior.coords)[:, :2], step),
            [densify_coords(np.asarray(r.coords)[:, :2], step) for r in geometry.interiors],
        )
    if kind in ("LineString", "LinearRing"):
        line_type = LinearRing if kind == "LinearRing" else LineString
        return line_type(densify_coords(np.asarray(geometry.coords)[:, :2], step))
    if kind in ("MultiPolygon", "MultiLineString"):
        parts = shapely.get_parts(geometry)
        long = _has_long_edges(parts, step)
        if not long.any():
            return geometry
        parts[long] = [densify_on_grid(part, step) for part in parts[long]]
        return MultiPolygon(list(parts)) if kind == "MultiPolygon" else MultiLineString(list(parts))
    parts = [densify_on_grid(g, step) for g in shapely.get_parts(geometry)]
    return shapely.geometrycollections(parts)
