"""Where two polygonal geometries differ: boxes outside which their boundaries coincide.

Two maps of the same front a day or a week apart share most of their outline, vertex for
vertex. An overlay still nodes every segment of both. Each piece of ``a - b`` (or ``b - a``)
is bounded only by boundary segments that the two do not share with the same side inside: a
segment found in both, with both interiors on its left, has both maps on one side and neither
on the other, so no piece of change lies along it. A piece's outer ring is a connected chain of
such unshared segments (split where they cross), so it lies in the box of that chain. Boxes of
the unshared segments, grown by a margin and merged until none touches another, hold every
piece, and the overlay needs only what lies in them.

All geometries are shapely geometries in one planar CRS.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from shapely.errors import GEOSException
from shapely.geometry.base import BaseGeometry

_MARGIN_SHAPE = np.array([1.0, 1.000137, -1.0, -1.000137])  # subtracted: lower corner out
_MAX_NUDGES = 8  # a box side moved off vertices this many times at most (then left)

# Odd 64-bit constants that spread the bits of a segment's four coordinates into one key.
_MIX = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5],
    dtype=np.uint64,
)


def changed_boxes(a: BaseGeometry, b: BaseGeometry, margin: float) -> np.ndarray:
    """Boxes (rows of xmin, ymin, xmax, ymax) that hold every piece of ``a - b`` and ``b - a``
    with about ``margin`` to spare, none touching another, and no side passing through a
    vertex of either map; no rows when the outlines are the same."""
    segments_a, segments_b = _left_segments(a), _left_segments(b)
    keys_a, keys_b = _keys(segments_a), _keys(segments_b)
    unshared = np.concatenate(
        [
            _runs_of(segments_a, ~_found_in(segments_a, keys_a, segments_b, keys_b)),
            _runs_of(segments_b, ~_found_in(segments_b, keys_b, segments_a, keys_a)),
        ]
    )
    if len(unshared) == 0:
        return np.empty((0, 4))
    # Margins a little apart on the two axes: a box corner then falls on a straight line
    # through two vertices of grid-drawn data only by a rare coincidence.
    unshared -= margin * _MARGIN_SHAPE
    vertices = np.concatenate([segments_a[:, :2], segments_b[:, :2]])
    return _merged(_off_vertices(_merged(unshared), vertices, margin))


def clipped_pair(a: BaseGeometry, b: BaseGeometry, boxes: np.ndarray, noise: float):
    """Both maps clipped to each box (two object arrays, one clip per box), or None if that
    fails a check.

    GEOS clips to a box quickly but not always tidily: a ring may touch itself where it meets
    the box (an invalid clip), and a segment is cut at a box side a rounding error apart when
    run the other way. So both maps are oriented alike first (``oriented``), a box where
    either clip is invalid is clipped again for both maps by an overlay, and outside the
    boxes both maps must hold the same area (within ``noise`` of the sum of their areas)."""
    a, b = oriented(a), oriented(b)
    try:
        clipped = [
            np.array([shapely.clip_by_rect(g, *box) for box in boxes], dtype=object) for g in (a, b)
        ]
        untidy = np.flatnonzero(~(shapely.is_valid(clipped[0]) & shapely.is_valid(clipped[1])))
        if len(untidy):
            sides = shapely.box(*boxes[untidy].T)
            for geometry, clips in zip((a, b), clipped):
                clips[untidy] = shapely.intersection(geometry, sides)
    except GEOSException:
        return None
    outside_a = a.area - math.fsum(shapely.area(clipped[0]))
    outside_b = b.area - math.fsum(shapely.area(clipped[1]))
    if abs(outside_a - outside_b) > noise * (a.area + b.area):
        return None
    return clipped[0], clipped[1]


def oriented(geometry: BaseGeometry) -> BaseGeometry:
    """The polygonal geometry with shells clockwise and holes counter-clockwise, as GEOS
    builds them (the same object when it is so already, as overlay results are)."""
    polygons = shapely.get_parts(geometry)
    rings, polygon_of_ring = shapely.get_rings(polygons, return_index=True)
    if len(rings) == 0:
        return geometry
    coords, ring = shapely.get_coordinates(rings, return_index=True)
    turn = _clockwise(coords, ring, len(rings)) != _shells(polygon_of_ring)
    if not turn.any():
        return geometry
    # Reverse the coordinates of each ring to turn, in place within the ring's block.
    starts = np.searchsorted(ring, np.arange(len(rings)))
    ends = np.r_[starts[1:], len(ring)]
    position = np.arange(len(ring))
    flip = turn[ring]
    position[flip] = (starts + ends - 1)[ring[flip]] - position[flip]
    new_rings = shapely.linearrings(coords[position], indices=ring)
    new_polygons = shapely.polygons(new_rings, indices=polygon_of_ring)
    if geometry.geom_type == "Polygon":
        return new_polygons[0]
    return shapely.multipolygons(new_polygons)


def _shells(polygon_of_ring: np.ndarray) -> np.ndarray:
    """Which rings are shells: the first ring of each polygon."""
    return np.r_[True, polygon_of_ring[1:] != polygon_of_ring[:-1]]


def _clockwise(coords: np.ndarray, ring: np.ndarray, count: int) -> np.ndarray:
    """Whether each of ``count`` rings (coordinates grouped by ``ring``) runs clockwise."""
    same_ring = ring[1:] == ring[:-1]
    start, end = coords[:-1][same_ring], coords[1:][same_ring]
    cross = start[:, 0] * end[:, 1] - end[:, 0] * start[:, 1]
    return np.bincount(ring[:-1][same_ring], cross, minlength=count) < 0


def _off_vertices(boxes: np.ndarray, vertices: np.ndarray, margin: float) -> np.ndarray:
    """The boxes grown where a side passes through (or within a micrometre of) a vertex's
    coordinate: a vertex on a box side can make GEOS's quick clip valid but wrong."""
    step = max(1e-6, 1e-3 * margin)
    for axis in (0, 1):
        values = np.unique(vertices[:, axis])
        for column, outward in ((axis, -1.0), (axis + 2, 1.0)):
            for _ in range(_MAX_NUDGES):
                near = _near_any(boxes[:, column], values, step)
                if not near.any():
                    break
                boxes[near, column] += outward * step
    return boxes


def _near_any(coordinates: np.ndarray, values: np.ndarray, distance: float) -> np.ndarray:
    """Which coordinates lie within ``distance`` of one of the sorted ``values``."""
    position = np.searchsorted(values, coordinates)
    below = values[np.maximum(position - 1, 0)]
    above = values[np.minimum(position, len(values) - 1)]
    return np.minimum(np.abs(coordinates - below), np.abs(above - coordinates)) <= distance


def _left_segments(geometry: BaseGeometry) -> np.ndarray:
    """Directed segments (x0, y0, x1, y1) of every ring, each turned to have its polygon on
    the left (shells counter-clockwise, holes clockwise), in ring order."""
    polygons = shapely.get_parts(geometry)
    rings, polygon_of_ring = shapely.get_rings(polygons, return_index=True)
    if len(rings) == 0:
        return np.empty((0, 4))
    coords, ring = shapely.get_coordinates(rings, return_index=True)
    turned = _clockwise(coords, ring, len(rings)) == _shells(polygon_of_ring)
    same_ring = ring[1:] == ring[:-1]
    start, end, ring = coords[:-1][same_ring], coords[1:][same_ring], ring[:-1][same_ring]
    turn = turned[ring]
    segments = np.column_stack([start, end])
    segments[turn] = segments[turn][:, [2, 3, 0, 1]]
    return segments


def _keys(segments: np.ndarray) -> np.ndarray:
    """One 64-bit key per segment from the bits of its coordinates (equal segments, equal keys;
    unequal ones may collide, so a key match is checked coordinate by coordinate)."""
    bits = np.ascontiguousarray(segments).view(np.uint64) * _MIX
    return bits[:, 0] ^ (bits[:, 1] >> np.uint64(7)) ^ (bits[:, 2] << np.uint64(3)) ^ bits[:, 3]


def _found_in(segments, keys, other, other_keys) -> np.ndarray:
    """Which segments ``other`` holds too, same coordinates, same direction. A segment whose
    key ``other`` holds twice may be missed: it then counts as changed, which is safe."""
    if len(other) == 0:
        return np.zeros(len(segments), dtype=bool)
    order = np.argsort(other_keys)
    sorted_keys = other_keys[order]
    position = np.minimum(np.searchsorted(sorted_keys, keys), len(other) - 1)
    match = order[position]
    return (sorted_keys[position] == keys) & (other[match] == segments).all(axis=1)


def _runs_of(segments: np.ndarray, chosen: np.ndarray) -> np.ndarray:
    """Boxes (xmin, ymin, xmax, ymax) of the runs of consecutive chosen segments: one box per
    run, not per segment, keeps the merge small. (A run may go on from the end of one ring to
    the start of the next: its box is then larger than it need be, which is safe.)"""
    if not chosen.any():
        return np.empty((0, 4))
    index = np.flatnonzero(chosen)
    starts = segments[index, :2]
    ends = segments[index, 2:]
    breaks = np.r_[True, np.diff(index) != 1]
    first = np.flatnonzero(breaks)
    low = np.minimum.reduceat(np.minimum(starts, ends), first)
    high = np.maximum.reduceat(np.maximum(starts, ends), first)
    return np.column_stack([low, high])


def _merged(boxes: np.ndarray) -> np.ndarray:
    """Boxes merged into the boxes of their touching groups, again until none touches another."""
    while True:
        shapes = shapely.box(boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3])
        i, j = shapely.STRtree(shapes).query(shapes, predicate="intersects")
        group = _groups(len(boxes), i, j)
        count = int(group.max()) + 1
        if count == len(boxes):
            return boxes
        merged = np.empty((count, 4))
        merged[:, :2], merged[:, 2:] = np.inf, -np.inf
        np.minimum.at(merged[:, :2], group, boxes[:, :2])
        np.maximum.at(merged[:, 2:], group, boxes[:, 2:])
        boxes = merged


def _groups(n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Connected groups (numbered 0 to k-1) of n items linked by the pairs (i, j)."""
    label = np.arange(n)
    while True:
        lowest = label.copy()
        np.minimum.at(lowest, i, label[j])
        lowest = lowest[lowest]  # jump to the lowest label's own label
        if (lowest == label).all():
            return np.unique(label, return_inverse=True)[1].reshape(-1)
        label = lowest
