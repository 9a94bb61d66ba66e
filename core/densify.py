"""Densifying edges before a change of projection, so that they keep their shape.

An edge is straight in the CRS it was drawn in (a parallel, in lon/lat). Projected to another
CRS by its two end points only, it becomes a chord that cuts the corner: 119 m at the middle
of a 70 km edge along 50 N. Splitting edges into short pieces first keeps them within
centimetres of their true course.

Which edges to split is for the caller to say (``only``): Frontline splits the edges that are
longer than 5 km once projected, a length that does not depend on the CRS they were drawn in,
so that one map in two CRSs is split alike (shorter edges are off their course by under
0.6 m).

The split points are anchored on a grid (multiples of the step along the edge's dominant
axis) rather than spread evenly along each edge: two maps that share a stretch of boundary
drawn with different vertices then still get the same new vertices along it, instead of
slivers between two different chords of the same curve.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import shapely
from shapely.geometry import LinearRing
from shapely.geometry.base import BaseGeometry


def densify_coords(coords: np.ndarray, step: float) -> np.ndarray:
    """A line's coordinates with grid-anchored points added on every edge longer than `step`."""
    line = np.zeros(len(coords), dtype=np.int64)
    return _with_insertions(coords, line, *_insertions(coords, line, step, None))[0]


def _insertions(
    coords: np.ndarray, line: np.ndarray, step: float, only: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """The grid-anchored points to add on every edge of the lines (``line``: which line each
    coordinate belongs to, grouped) longer than ``step`` along its dominant axis (of those
    ``only`` marks, when given: one flag per pair of consecutive coordinates), in order along
    each edge, and the edge (index of its start in ``coords``) each goes on."""
    none = np.zeros(0, dtype=np.int64), np.zeros((0, 2))
    if len(coords) < 2:
        return none
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
    if only is not None:
        long &= only
    counts = np.where(long, np.maximum(last_mark - first_mark + 1, 0), 0).astype(np.int64)
    if not counts.any():
        return none
    edge = np.repeat(rows, counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    forward = span[edge] > 0
    mark = np.where(forward, first_mark[edge] + offsets, last_mark[edge] - offsets) * step
    # Measured from the edge's low end, whichever way it runs: an edge two polygons share,
    # each running it the other way, gets the very same points (not a rounding error apart).
    low_end = np.where(forward[:, None], starts[edge], ends[edge])
    high_end = np.where(forward[:, None], ends[edge], starts[edge])
    t = (mark - low[edge]) / (high[edge] - low[edge])
    return edge, low_end + t[:, None] * (high_end - low_end)


def _with_insertions(coords, line, edge, inserted) -> tuple[np.ndarray, np.ndarray]:
    """The coordinates with the inserted points in place (after their edge's start), and
    the line of each."""
    if len(edge) == 0:
        return coords, line
    order = np.argsort(np.concatenate([np.arange(len(coords)) * 2, edge * 2 + 1]), kind="stable")
    return np.concatenate([coords, inserted])[order], np.concatenate([line, line[edge]])[order]


def long_edges(geometry: BaseGeometry, length: float) -> np.ndarray:
    """One flag per pair of consecutive coordinates of the geometry (``get_coordinates``
    order, the jump from one ring or part to the next included): longer than ``length``."""
    coords = shapely.get_coordinates(geometry)
    if len(coords) < 2:
        return np.zeros(0, dtype=bool)
    return np.hypot(*np.diff(coords, axis=0).T) > length


_LINEAR_KINDS = ("Polygon", "MultiPolygon", "LineString", "LinearRing", "MultiLineString")


def densify_on_grid(
    geometry: BaseGeometry, step: float, only: np.ndarray | None = None
) -> BaseGeometry:
    """The geometry (2D lines or polygons) with edges split at multiples of `step`; points,
    which have no edges, come back unchanged. ``only``: which edges may be split, one flag per
    pair of consecutive coordinates (see ``long_edges``; not used inside collections)."""
    kind = geometry.geom_type
    if geometry.is_empty or step <= 0 or kind in ("Point", "MultiPoint"):
        return geometry
    if kind not in _LINEAR_KINDS:
        parts = [densify_on_grid(g, step) for g in shapely.get_parts(geometry)]
        return shapely.geometrycollections(parts)
    owner, coords, line = _lines(geometry)
    edge, inserted = _insertions(coords, line, step, only)
    if len(edge) == 0:
        return geometry
    return _rebuilt(kind, owner, *_with_insertions(coords, line, edge, inserted))


def projected_densified(
    geometry: BaseGeometry,
    projected: BaseGeometry,
    step: float,
    only: np.ndarray,
    project: Callable[[np.ndarray], np.ndarray],
) -> BaseGeometry:
    """What ``densify_on_grid(geometry, step, only)`` projected gives, from ``projected`` (the
    geometry with its vertices projected) and ``project`` ((n, 2) points to their projection):
    only the new points are projected. For polygons and lines; other kinds: ValueError."""
    kind = geometry.geom_type
    if kind not in _LINEAR_KINDS:
        raise ValueError(f"cannot densify a {kind} this way")
    owner, coords, line = _lines(geometry)
    edge, inserted = _insertions(coords, line, step, only)
    if len(edge) == 0 or step <= 0:
        return projected
    projected_coords = shapely.get_coordinates(projected)
    dense = _with_insertions(projected_coords, line, edge, project(inserted))
    return _rebuilt(kind, owner, *dense)


def _lines(geometry: BaseGeometry) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rings (of polygons) or lines of a geometry: the part each belongs to, and all their
    coordinates with the ring or line of each (``get_coordinates`` order)."""
    parts = shapely.get_parts(geometry)
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        lines, owner = shapely.get_rings(parts, return_index=True)
    else:
        lines, owner = parts, np.arange(len(parts))
    coords, line = shapely.get_coordinates(lines, return_index=True)
    return owner, coords, line


def _rebuilt(kind: str, owner: np.ndarray, coords: np.ndarray, line: np.ndarray):
    """A geometry of ``kind`` from the coordinates of its rings or lines (see ``_lines``)."""
    if kind == "LinearRing":
        return LinearRing(coords)
    if kind in ("Polygon", "MultiPolygon"):
        # The first ring of each polygon is its shell, the others its holes.
        new = shapely.polygons(shapely.linearrings(coords, indices=line), indices=owner)
        return new[0] if kind == "Polygon" else shapely.multipolygons(new)
    new = shapely.linestrings(coords, indices=line)
    return new[0] if kind == "LineString" else shapely.multilinestrings(new)
