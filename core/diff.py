"""Change of held ground between two maps: gained and lost pieces, their depth and front.

All geometries are shapely geometries in one planar metric CRS (metres); areas are m².
``before`` and ``after`` are the ground one side holds at two times. They are repaired and
dissolved first (``make_valid``, polygonal parts only, ``union_all``).

Definitions (meant to be shared with the QGIS algorithm ``frontline:frontlinediff``):

* LAND clips both maps first. AREA_OF_INTEREST clips the pieces and the BEFORE/AFTER areas, but
  not the earlier front, so a piece cut by the area of interest is not given a front along the
  cut. A clipped piece's front length counts the front inside it; its depth is measured to the
  front its whole (unclipped) piece touches and capped at the whole's depth (measured as
  without the area of interest), so that a part is never deeper than its whole.
* The earlier front is the boundary of BEFORE (after LAND clipping, and without the parts that
  LAND itself drew, such as a coast). Gained pieces lie beyond it, lost pieces inside it.
* The front a piece touches: the edges of the piece that lie on the earlier front within
  ``TOUCH_TOLERANCE``. A piece that meets the front only at isolated points touches none.
  Its front length leaves out the stretches where the piece is thinner than ``HAIR_WIDTH``
  (1 m): hairs where the two maps' edges run a hair apart along the front, whose two sides
  both lie within the tolerance when they are thin enough.
* depth: the largest distance from a point of the piece (interior included: the deepest point
  of a pocket ringed by the front is inside it) to the front it touches, found by a branch and
  bound: a distance some point of the piece reaches, short of the true maximum by at most
  0.1 % of the larger of the depth and the piece's size (bounding-box diagonal; for a piece
  clipped by the area of interest, its whole's), plus 1 cm.
  A piece that touches no front (an island gained far away, a pocket lost inside) gets its
  largest distance to the whole earlier front and a front length of 0. Without any earlier
  front (BEFORE empty) depth is 0.
* MIN_AREA drops pieces smaller than it (redrawing noise). MIN_WIDTH drops slivers: pieces that
  a negative buffer of MIN_WIDTH / 2 empties. Pieces thinner than ``NOISE_WIDTH`` (1 mm)
  everywhere are always dropped: overlay noise where two maps draw the same line a hair
  apart (kilometres long, under a square millimetre).
* Totals: ``gained_area`` and ``lost_area`` add up the kept pieces only; ``net_area`` is their
  difference. With ``min_area = min_width = 0`` every piece but that noise is kept, so
  ``after_area = before_area + gained_area - lost_area`` up to floating-point overlay noise.
  ``before_area`` and ``after_area`` are measured inside the area of interest when one is given.
* ``kept_share = (before_area - lost_area) / before_area``: the share of BEFORE still held in
  AFTER (redrawing noise dropped by the filters does not count as lost); NaN when BEFORE is empty.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, Optional, TypeVar

import numpy as np
import shapely
from shapely.errors import GEOSException
from shapely.geometry import MultiLineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from .changed_boxes import changed_boxes, clipped_pair
from .shapes import (
    SNAP_GRID,
    clean_polygonal,
    flat_polygons,
    line_segments,
    opened,
    segment_lines,
)

GAINED = "gained"
LOST = "lost"

# m: DeepState redraws a shared vertex a few centimetres away: edges that close to the front
# lie on it. (Not much more: both sides of a strip thinner than this would lie on it.)
TOUCH_TOLERANCE = 0.05
NOISE_WIDTH = 0.001  # m; pieces thinner than this everywhere are overlay noise, always dropped
# m: where a piece is thinner than this along the front, it is noise there and touches no
# front: two maps' edges run that far apart where one straight edge, projected from another
# CRS, is split differently by each (up to 0.6 m, see densify).
HAIR_WIDTH = 1.0
SLIVER_GRID = 1e-6  # m; grid that spiky pieces are snapped to
DEPTH_REL_TOLERANCE = 0.001  # depth is found within 0.1 % of max(depth, piece size)
_DEPTH_ABS_TOLERANCE = 0.01  # m
_MAX_DEPTH_LEVELS = 60  # cell halvings; far more than the tolerances need
_BOUND_CANDIDATES = 8  # segments tried per cell for its bound (the cost grows with it)
_BOX_MARGIN = 10.0  # m kept around the change in the boxes the differences are taken in
_MAX_BOXES = 64  # with more boxes of change, clipping to each costs more than it saves
_AREA_NOISE = 1e-9  # relative: what rounding leaves of two equal areas summed differently


CancelCheck = Optional[Callable[[], bool]]
T = TypeVar("T")
U = TypeVar("U")


class DiffCancelledError(Exception):
    """Raised when the ``is_cancelled`` callback returned True."""


@dataclass(frozen=True)
class ChangePiece:
    geometry: Polygon  # planar metres
    change: str  # GAINED or LOST
    area: float  # m²
    depth: float  # m
    front_length: float  # m, length of the earlier front the piece touches
    at_front: bool = True  # it, or its whole before the area of interest, touches the front


@dataclass(frozen=True)
class DiffResult:
    pieces: list[ChangePiece]
    before_area: float  # m², inside the area of interest
    after_area: float  # m², inside the area of interest
    gained_area: float  # m², kept gained pieces
    lost_area: float  # m², kept lost pieces
    dropped_pieces: int = 0  # pieces left out by MIN_AREA, MIN_WIDTH and the noise filter
    dropped_area: float = 0.0  # m², their area, gained and lost together

    @property
    def net_area(self) -> float:
        return self.gained_area - self.lost_area

    @property
    def kept_share(self) -> float:
        """Share (0..1) of BEFORE still held in AFTER; NaN when BEFORE is empty."""
        if self.before_area <= 0.0:
            return math.nan
        return min(1.0, max(0.0, (self.before_area - self.lost_area) / self.before_area))

    @property
    def max_depth(self) -> float:
        """The deepest piece touching the front (itself, or its whole before the area of
        interest clipped it): an island gained far away or a pocket lost deep inside keeps its
        own depth but is no advance or retreat from the front."""
        return max((p.depth for p in self.pieces if p.at_front), default=0.0)


@dataclass(frozen=True)
class ChangeOverlay:
    """The overlay step of a diff, before pieces are filtered and measured."""

    before: BaseGeometry  # repaired, dissolved, LAND-clipped; not clipped to the area of interest
    front: BaseGeometry  # the earlier front: lines in metres (empty without BEFORE)
    before_area: float  # m², inside the area of interest
    after_area: float  # m², inside the area of interest
    gained: BaseGeometry  # polygonal, inside the area of interest
    lost: BaseGeometry  # polygonal, inside the area of interest
    gained_whole: BaseGeometry  # gained, not clipped to the area of interest
    lost_whole: BaseGeometry  # lost, not clipped to the area of interest


def diff_fronts(
    before: BaseGeometry | None,
    after: BaseGeometry | None,
    *,
    area_of_interest: BaseGeometry | None = None,
    land: BaseGeometry | None = None,
    min_area: float = 10_000.0,
    min_width: float = 0.0,
    is_cancelled: CancelCheck = None,
) -> DiffResult:
    """Gained and lost pieces between two states of held ground (see the module docstring)."""
    overlay = overlay_change(
        before, after, area_of_interest=area_of_interest, land=land, is_cancelled=is_cancelled
    )
    all_gained, all_lost = flat_polygons(overlay.gained), flat_polygons(overlay.lost)
    gained = _filter_pieces(all_gained, min_area, min_width)
    lost = _filter_pieces(all_lost, min_area, min_width)
    _check(is_cancelled)
    changes = [GAINED] * len(gained) + [LOST] * len(lost)
    wholes = gained + lost  # each piece is whole, unless an area of interest clipped it
    if overlay.gained is not overlay.gained_whole:
        wholes = _whole_pieces(gained, overlay.gained_whole)
        wholes += _whole_pieces(lost, overlay.lost_whole)
    pieces = _measure_pieces(gained + lost, changes, wholes, overlay.front, is_cancelled)
    kept_area = math.fsum(p.area for p in pieces)
    return DiffResult(
        pieces=pieces,
        before_area=overlay.before_area,
        after_area=overlay.after_area,
        gained_area=math.fsum(p.area for p in pieces if p.change == GAINED),
        lost_area=math.fsum(p.area for p in pieces if p.change == LOST),
        dropped_pieces=len(all_gained) + len(all_lost) - len(pieces),
        dropped_area=max(0.0, math.fsum(p.area for p in all_gained + all_lost) - kept_area),
    )


def overlay_change(
    before: BaseGeometry | None,
    after: BaseGeometry | None,
    *,
    area_of_interest: BaseGeometry | None = None,
    land: BaseGeometry | None = None,
    is_cancelled: CancelCheck = None,
) -> ChangeOverlay:
    """Repair and clip both maps, then overlay them: gained = AFTER - BEFORE, lost the reverse."""
    if before is after:  # one object: two threads must not check it at once
        before_drawn = after_all = clean_polygonal(before)
    else:
        before_drawn, after_all = _side_by_side(
            lambda: clean_polygonal(before), lambda: clean_polygonal(after)
        )
    before_all = before_drawn
    land_clean = clean_polygonal(land) if land is not None else None
    if land_clean is not None:
        before_all = _overlay(shapely.intersection, before_drawn, land_clean)
        after_all = _overlay(shapely.intersection, after_all, land_clean)
    _check(is_cancelled)
    # Change is found over the whole maps, then clipped to the area of interest: (A - B) & C
    # is (A & C) - (B & C), and a clipped piece keeps the front its whole piece touches.
    gained_whole, lost_whole = _gained_and_lost(before_all, after_all, is_cancelled)
    before_in, after_in, gained, lost = before_all, after_all, gained_whole, lost_whole
    if area_of_interest is not None:
        aoi = clean_polygonal(area_of_interest)
        before_in, after_in, gained, lost = (
            _overlay(shapely.intersection, g, aoi)
            for g in (before_all, after_all, gained_whole, lost_whole)
        )
    _check(is_cancelled)
    return ChangeOverlay(
        before=before_all,
        front=_earlier_front(before_drawn, land_clean),
        before_area=before_in.area,
        after_area=after_in.area,
        gained=gained,
        lost=lost,
        gained_whole=gained_whole,
        lost_whole=lost_whole,
    )


def _gained_and_lost(before: BaseGeometry, after: BaseGeometry, is_cancelled: CancelCheck):
    """AFTER - BEFORE and BEFORE - AFTER, as two differences. One symmetric difference sorted
    by a point inside each piece would cost half, but where the ground on both sides of an
    unchanged stretch of front changes hands it merges a gained and a lost piece into one,
    whose areas may even balance; no cheap test tells such a piece apart (rounding puts the
    boundary a hair inside the pieces next to it).

    Two maps of one front share most of their outline: the differences are taken only inside
    boxes around where the outlines differ (see ``changed_boxes``), when there are few."""
    clipped = None
    if not (before.is_empty or after.is_empty):
        boxes = changed_boxes(before, after, _BOX_MARGIN)
        if len(boxes) == 0:  # the same outlines, the same ground
            return Polygon(), Polygon()
        if len(boxes) <= _MAX_BOXES:
            clipped = clipped_pair(before, after, boxes, _AREA_NOISE)
    first, second = (before, after) if clipped is None else clipped
    # The helper thread gets its own copies: before GEOS 3.12 a geometry stores its bounding
    # boxes lazily, the first time an operation needs them, so two threads must not share one.
    first_copy, second_copy = (shapely.from_wkb(shapely.to_wkb(g)) for g in (first, second))
    gained, lost = _side_by_side(
        lambda: _difference(second, first), lambda: _difference(first_copy, second_copy)
    )
    # GEOS threw inside a box: that difference is taken over the whole maps instead.
    gained = _overlay(shapely.difference, after, before) if gained is None else gained
    lost = _overlay(shapely.difference, before, after) if lost is None else lost
    _check(is_cancelled)
    return gained, lost


def _difference(a, b) -> BaseGeometry | None:
    """a - b, polygonal: of two maps, or of their clips (arrays, box by box). None if GEOS
    throws on a clip."""
    if isinstance(a, BaseGeometry):
        return _overlay(shapely.difference, a, b)
    try:
        pieces = shapely.difference(a, b)
    except GEOSException:
        return None
    parts = flat_polygons(pieces)
    return MultiPolygon(parts) if parts else Polygon()


def _side_by_side(first: Callable[[], T], second: Callable[[], U]) -> tuple[T, U]:
    """``first()`` here and ``second()`` on a helper thread at the same time: shapely releases
    the GIL while GEOS works, so two overlays or validity checks take the time of one. The two
    must not share a geometry. The helper ends with the call."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="frontline-geos") as pool:
        pending = pool.submit(second)
        try:
            return first(), pending.result()
        finally:
            pending.cancel()  # if first() raised before the helper started


def _overlay(operation, a: BaseGeometry, b: BaseGeometry) -> BaseGeometry:
    """An overlay restricted to its polygonal result, retried on a tiny grid if GEOS throws."""
    try:
        result = operation(a, b)
    except GEOSException:
        result = operation(a, b, grid_size=SNAP_GRID)
    if result.geom_type in ("Polygon", "MultiPolygon"):
        return result
    parts = flat_polygons(result)
    return MultiPolygon(parts) if parts else Polygon()


def _earlier_front(before: BaseGeometry, land: BaseGeometry | None) -> BaseGeometry:
    """BEFORE's own boundary, inside LAND: the coast LAND adds when it clips is not a front."""
    if before.is_empty:
        return MultiLineString()
    lines = shapely.multilinestrings(shapely.get_rings(shapely.get_parts(before)))
    if land is None:
        return lines
    try:
        clipped = shapely.intersection(lines, land)
    except GEOSException:
        clipped = shapely.intersection(lines, land, grid_size=SNAP_GRID)
    parts = shapely.get_parts(clipped)
    kept = parts[np.isin(shapely.get_type_id(parts), (1, 2))]  # LineString, LinearRing
    return shapely.multilinestrings(kept) if len(kept) else MultiLineString()


def _check(is_cancelled: CancelCheck) -> None:
    if is_cancelled is not None and is_cancelled():
        raise DiffCancelledError()


# --- filters ---------------------------------------------------------------------------------


def _filter_pieces(pieces: list[Polygon], min_area: float, min_width: float) -> list[Polygon]:
    """The pieces of at least ``min_area`` that a negative buffer of half ``min_width`` (at
    least ``NOISE_WIDTH``) leaves something of."""
    if not pieces:
        return []
    array = np.asarray(pieces, dtype=object)
    area = shapely.area(array)
    keep = area >= min_area
    half = max(min_width, NOISE_WIDTH) / 2.0
    # Every point of a polygon lies within its inradius r of the boundary, so its area is at
    # most r times its perimeter, plus pi r² per hole (the band around a hole widens): a
    # piece with more area than that for r = half is kept as it is.
    holes = shapely.get_num_interior_rings(array)
    bound = half * shapely.length(array) + math.pi * half * half * holes
    thin = np.flatnonzero(keep & (area <= bound))
    if len(thin):
        keep[thin[shapely.is_empty(shapely.buffer(array[thin], -half))]] = False
    return list(array[keep])


# --- fronts and depth ------------------------------------------------------------------------


class _FrontIndex:
    """The earlier front as indexed segments."""

    def __init__(self, front: BaseGeometry) -> None:
        lines = [line for line in shapely.get_parts(front) if not line.is_empty]
        self.starts, self.ends, _ = line_segments(lines)
        self.tree = shapely.STRtree(segment_lines(self.starts, self.ends))

    @property
    def is_empty(self) -> bool:
        return len(self.starts) == 0

    def near(self, points: np.ndarray, tolerance: float) -> np.ndarray:
        """Boolean mask: which (n, 2) points lie within ``tolerance`` of the front."""
        mask = np.zeros(len(points), dtype=bool)
        if self.is_empty or len(points) == 0:
            return mask
        point, _ = self.tree.query(shapely.points(points), "dwithin", distance=tolerance)
        mask[point] = True
        return mask

    def around(self, piece: Polygon) -> tuple[np.ndarray, np.ndarray]:
        """Front segments that can be nearest to some point of the piece."""
        _, distance = self.tree.query_nearest(piece, return_distance=True, all_matches=False)
        minx, miny, maxx, maxy = piece.bounds
        reach = float(distance[0]) + math.hypot(maxx - minx, maxy - miny) + TOUCH_TOLERANCE
        window = shapely.box(minx - reach, miny - reach, maxx + reach, maxy + reach)
        index = self.tree.query(window)
        return self.starts[index], self.ends[index]


def _whole_pieces(pieces: list[Polygon], whole: BaseGeometry) -> list[Polygon]:
    """For each piece, the piece of ``whole`` it was clipped from (itself when ``whole`` holds
    it unclipped): the one holding a point inside it."""
    candidates = np.asarray(flat_polygons(whole), dtype=object)
    if not pieces or len(candidates) == 0:
        return list(pieces)
    inside = shapely.point_on_surface(np.asarray(pieces, dtype=object))
    found, index = shapely.STRtree(candidates).query(inside, predicate="intersects")
    wholes = list(pieces)  # a piece that no whole piece holds (rounding) stands for itself
    for piece, whole_index in zip(found[::-1], index[::-1]):  # the first match wins
        wholes[piece] = candidates[whole_index]
    return wholes


def _measure_pieces(
    pieces: list[Polygon],
    changes: list[str],
    wholes: list[Polygon],
    front_lines: BaseGeometry,
    is_cancelled: CancelCheck,
) -> list[ChangePiece]:
    """Front touched, front length and depth of each piece; gained first, larger first. The
    depth is measured to the front that the piece's whole (before clipping to the area of
    interest; ``wholes``) touches, so that a part is never deeper than its whole (see
    ``_depths_of_parts``)."""
    if not pieces:
        return []
    front = _FrontIndex(front_lines)
    clipped = any(whole is not piece for whole, piece in zip(wholes, pieces))
    pieces, starts, ends, owner, on_front = _segments_on_front(pieces, front)
    lengths = np.hypot(*(ends - starts).T)
    front_lengths = np.bincount(owner[on_front], lengths[on_front], minlength=len(pieces))
    for index in _with_hairs(pieces, starts, ends, owner, on_front):
        front_lengths[index] = _front_length(opened(pieces[index], HAIR_WIDTH), front)
    _check(is_cancelled)
    if clipped:
        depths, at_front = _depths_of_parts(pieces, wholes, front, is_cancelled)
    else:
        sites, at_front = _depth_sites(pieces, starts, ends, owner, on_front, front)
        depths = max_distances_to_segments(pieces, sites, is_cancelled=is_cancelled)
    measured = [
        ChangePiece(piece, change, piece.area, float(depth), float(length), bool(near))
        for piece, change, depth, length, near in zip(
            pieces, changes, depths, front_lengths, at_front
        )
    ]
    return sorted(measured, key=lambda p: (p.change != GAINED, -p.area))


def _depth_sites(pieces: list[Polygon], starts, ends, owner, on_front, front: _FrontIndex):
    """The segments each piece's depth is measured to: those of its edges on the front, or,
    touching none, the front segments around it (none without a front); and whether it
    touches the front."""
    sites, at_front = [], []
    for index, piece in enumerate(pieces):
        touched = on_front & (owner == index)
        at_front.append(bool(touched.any()))
        sites.append((starts[touched], ends[touched]) if touched.any() else _around(front, piece))
    return sites, np.array(at_front, dtype=bool)


def _depths_of_parts(
    parts: list[Polygon], wholes: list[Polygon], front: _FrontIndex, is_cancelled: CancelCheck
) -> tuple[np.ndarray, np.ndarray]:
    """Depth of the parts of pieces clipped by the area of interest, and whether each (its
    whole) touches the front.

    Each whole piece is measured as it would be without the area of interest. A part that is
    its whole (the same ring, maybe started elsewhere) gets the whole's depth; any other is
    measured to the front its whole touches and capped at its whole's depth.

    The two searches stop short of their true maxima by different amounts (a part's search
    reaches the maximum itself when the cut puts a vertex on it): uncapped, a part could come
    out a few metres deeper than its whole. Capped, it never is, and it stays within the
    whole's tolerance of its own true maximum, which is at most the whole's."""
    index_of: dict[int, int] = {}
    distinct: list[Polygon] = []
    for whole in wholes:
        if id(whole) not in index_of:
            index_of[id(whole)] = len(distinct)
            distinct.append(whole)
    whole_of = np.array([index_of[id(whole)] for whole in wholes], dtype=np.intp)
    distinct, starts, ends, owner, on_front = _segments_on_front(distinct, front)
    whole_sites, whole_at_front = _depth_sites(distinct, starts, ends, owner, on_front, front)
    part_array = np.asarray(parts, dtype=object)
    whole_array = np.asarray(distinct, dtype=object)[whole_of]
    same = shapely.equals_exact(shapely.normalize(part_array), shapely.normalize(whole_array), 0)
    cut = np.flatnonzero(~same)
    part_sites = [
        whole_sites[whole_of[i]] if whole_at_front[whole_of[i]] else _around(front, parts[i])
        for i in cut
    ]
    found = max_distances_to_segments(
        distinct + [parts[i] for i in cut], whole_sites + part_sites, is_cancelled=is_cancelled
    )
    depths = found[: len(distinct)][whole_of]
    depths[cut] = np.minimum(found[len(distinct) :], depths[cut])
    return depths, whole_at_front[whole_of]


def _around(front: _FrontIndex, piece: Polygon) -> tuple[np.ndarray, np.ndarray]:
    """The front segments around a piece, none without a front."""
    if front.is_empty:
        return np.empty((0, 2)), np.empty((0, 2))
    return front.around(piece)


def _segments_on_front(pieces: list[Polygon], front: _FrontIndex):
    """The pieces with spikes along the front removed (see ``_spiky_pieces``), their segments
    (starts, ends, owning piece) and which of these lie on the front."""
    starts, ends, owner, next_segment = _piece_segments(pieces)
    spiky = _spiky_pieces(starts, ends, owner, next_segment)
    if len(spiky):
        pieces = _without_spikes(pieces, spiky)
        starts, ends, owner, next_segment = _piece_segments(pieces)
    return pieces, starts, ends, owner, _on_front(front, starts, ends, next_segment)


def _with_hairs(pieces: list[Polygon], starts, ends, owner, on_front) -> np.ndarray:
    """Indexes of pieces thinner than ``HAIR_WIDTH`` at the middle of an edge on the front: no
    ground within that distance on either side of it.

    Where the two maps' edges run a hair apart along the front, the piece has a hair there:
    its edges on the front would count ground that is not there, both of its sides when they
    lie within ``TOUCH_TOLERANCE`` (the front twice).
    """
    edges = np.flatnonzero(on_front & np.any(ends != starts, axis=1))  # no direction: no side
    if not len(edges):
        return edges
    direction = ends[edges] - starts[edges]
    normal = np.column_stack([-direction[:, 1], direction[:, 0]])
    normal *= (HAIR_WIDTH / np.hypot(*direction.T))[:, None]
    middles = (starts[edges] + ends[edges]) / 2.0
    polygons = np.asarray(pieces, dtype=object)[owner[edges]]
    shapely.prepare(polygons)
    left = shapely.contains_xy(polygons, *(middles + normal).T)
    right = shapely.contains_xy(polygons, *(middles - normal).T)
    return np.unique(owner[edges[~(left | right)]])


def _front_length(piece: BaseGeometry, front: _FrontIndex) -> float:
    """Length of the piece's edges on the front."""
    parts = flat_polygons(piece)
    if not parts:
        return 0.0
    _, starts, ends, _, on_front = _segments_on_front(parts, front)
    return float(np.hypot(*(ends[on_front] - starts[on_front]).T).sum())


def _spiky_pieces(starts, ends, owner, following) -> np.ndarray:
    """Indexes of pieces with a zero-width spike: an edge followed by one going straight back.

    Where the two maps' boundaries run almost along each other, GEOS can leave such a spike on
    a piece; its edges along the front would count as front although no ground lies there.
    """
    first, second = ends - starts, ends[following] - starts[following]
    cross = first[:, 0] * second[:, 1] - first[:, 1] * second[:, 0]
    dot = np.einsum("ij,ij->i", first, second)
    scale = np.hypot(*first.T) * np.hypot(*second.T)
    spike = (dot < 0) & (np.abs(cross) <= 1e-9 * scale)
    return np.unique(owner[spike])


def _without_spikes(pieces: list[Polygon], spiky: np.ndarray) -> list[Polygon]:
    """Spiky pieces snapped to a micrometre grid, which removes the collapsed spikes."""
    cleaned = list(pieces)
    for index in spiky:
        parts = flat_polygons(shapely.set_precision(pieces[index], SLIVER_GRID))
        cleaned[index] = max(parts, key=lambda p: p.area) if parts else pieces[index]
    return cleaned


def _piece_segments(pieces: list[Polygon]):
    """Segments of all rings of the pieces: starts, ends, owning piece, and the index of the
    segment that follows each one along its ring."""
    rings, ring_owner = shapely.get_rings(np.asarray(pieces, dtype=object), return_index=True)
    starts, ends, ring_index = line_segments(rings)
    following = np.arange(1, len(starts) + 1)
    ring_last = np.flatnonzero(np.append(ring_index[1:] != ring_index[:-1], True))
    ring_first = np.append(0, ring_last[:-1] + 1)
    following[ring_last] = ring_first
    return starts, ends, ring_owner[ring_index], following


def _on_front(front: _FrontIndex, starts, ends, following) -> np.ndarray:
    """Which segments lie on the front: both ends and the middle within the tolerance."""
    start_near = front.near(starts, TOUCH_TOLERANCE)  # a ring's ends are its next starts
    candidate = np.flatnonzero(start_near & start_near[following])
    on_front = np.zeros(len(starts), dtype=bool)
    middles = (starts[candidate] + ends[candidate]) / 2.0
    on_front[candidate[front.near(middles, TOUCH_TOLERANCE)]] = True
    return on_front


def max_distances_to_segments(
    polygons: Sequence[Polygon],
    segments: Sequence[tuple[np.ndarray, np.ndarray]],
    *,
    rel_tolerance: float = DEPTH_REL_TOLERANCE,
    is_cancelled: CancelCheck = None,
) -> np.ndarray:
    """For each polygon, the largest distance from one of its points to its own segments.

    ``segments[i]`` holds the start and end points, (n, 2) arrays, of polygon i's segments; a
    polygon without segments gets 0. The maximum of a distance-to-lines function can lie inside
    the polygon (the centre of a pocket ringed by the front), so vertices are not enough: a
    branch and bound over square cells clipped to the polygon finds it. Each value D is a
    distance reached by a point of the polygon, and the true maximum M satisfies
    D <= M <= D + rel_tolerance * max(D, S) + 1 cm, S the diagonal of the polygon's bounding box
    (tying the tolerance to the size too keeps long slivers from needing millions of cells).
    All polygons are solved together, level by level.
    """
    best = np.zeros(len(polygons))
    active = [i for i, p in enumerate(polygons) if len(segments[i][0]) and not p.is_empty]
    if not active:
        return best
    sites = _Sites([segments[i] for i in active])
    shapes = np.asarray([polygons[i] for i in active], dtype=object)
    edges = _PolygonEdges(shapes)
    # A polygon vertex stays a vertex of every cell that holds it, level after level: its
    # distance is computed once.
    vertex_reach2, vertex_nearest = sites.nearest(edges.start, edges.owner)
    cells = _Cells.roots(shapes, edges)
    found = np.zeros(len(active))  # squared distances reached so far
    bounds = shapely.bounds(shapes)
    size = np.hypot(bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1])
    for _ in range(_MAX_DEPTH_LEVELS):
        _check(is_cancelled)
        coords = cells.coords
        owner = cells.owner[cells.cell_of_coord]
        vertex = cells.vertex_of_coord
        reach2, nearest = vertex_reach2[vertex], vertex_nearest[vertex]
        fresh = np.flatnonzero(vertex < 0)
        reach2[fresh], nearest[fresh] = sites.nearest(coords[fresh], owner[fresh])
        first = np.flatnonzero(np.diff(owner, prepend=-1))  # coords are grouped by owner
        owners = owner[first]
        found[owners] = np.maximum(found[owners], np.maximum.reduceat(reach2, first))
        bound2 = cells.upper_bounds2(sites, reach2, nearest)
        reached = np.sqrt(found[cells.owner])
        slack = rel_tolerance * np.maximum(reached, size[cells.owner]) + _DEPTH_ABS_TOLERANCE
        target = reached + slack
        # Split a cell whose bound exceeds the target, unless the cell is so small that its
        # bound exceeds a distance already reached by less than the tolerance (the bound is at
        # most a vertex's distance plus the cell's diagonal).
        worth = (bound2 > target * target) & (2.0 * math.sqrt(2.0) * cells.half > slack)
        if not worth.any():
            break
        cells = cells.split(worth, edges)
    best[active] = np.sqrt(found)
    return best


class _Sites:
    """Each polygon's segments, one block per polygon, with what distances need precomputed."""

    _MAX_PAIRS = 1_000_000  # point-segment pairs per numpy batch
    _INDEXED_FROM = 256  # a polygon with more segments is searched through a spatial index

    def __init__(self, blocks: list[tuple[np.ndarray, np.ndarray]]) -> None:
        starts = np.concatenate([block[0] for block in blocks])
        ends = np.concatenate([block[1] for block in blocks])
        direction = ends - starts
        length2 = np.einsum("ij,ij->i", direction, direction)
        inverse = np.divide(1.0, length2, out=np.zeros_like(length2), where=length2 > 0)
        # Columns: start x, start y, direction x, direction y, 1 / squared length.
        self.table = np.column_stack([starts, direction, inverse])
        self.count = np.array([len(block[0]) for block in blocks])
        self.offset = np.cumsum(self.count) - self.count
        self._starts, self._ends = starts, ends
        self._trees: dict[int, shapely.STRtree] = {}  # made for the polygons that need one

    def distance2(self, points: np.ndarray, segment: np.ndarray) -> np.ndarray:
        """Squared distance from each point to the segment of the same row."""
        sx, sy, dx, dy, inverse = self.table[segment].T
        wx = points[:, 0] - sx
        wy = points[:, 1] - sy
        t = (wx * dx + wy * dy) * inverse
        np.clip(t, 0.0, 1.0, out=t)
        wx -= t * dx
        wy -= t * dy
        return wx * wx + wy * wy

    def nearest(self, points: np.ndarray, owner: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Squared distance to, and index of, the nearest segment of its owner, per point."""
        distance2 = np.empty(len(points))
        index = np.empty(len(points), dtype=np.intp)
        indexed = self.count[owner] > self._INDEXED_FROM
        for polygon in np.unique(owner[indexed]):
            rows = np.flatnonzero(owner == polygon)
            distance2[rows], index[rows] = self._nearest_indexed(points[rows], polygon)
        rows = np.flatnonzero(~indexed)
        pairs = np.cumsum(self.count[owner[rows]])
        start = 0
        while start < len(rows):  # brute force in batches: fast for small polygons
            stop = max(start + 1, int(np.searchsorted(pairs, pairs[start] + self._MAX_PAIRS)))
            batch = rows[start:stop]
            distance2[batch], index[batch] = self._nearest_batch(points[batch], owner[batch])
            start = stop
        return distance2, index

    def _nearest_indexed(self, points: np.ndarray, polygon: int):
        tree = self._trees.get(polygon)
        if tree is None:
            block = slice(self.offset[polygon], self.offset[polygon] + self.count[polygon])
            lines = segment_lines(self._starts[block], self._ends[block])
            tree = self._trees[polygon] = shapely.STRtree(lines)
        found, distance = tree.query_nearest(
            shapely.points(points), return_distance=True, all_matches=False
        )
        distance2 = np.empty(len(points))
        index = np.empty(len(points), dtype=np.intp)
        distance2[found[0]] = distance * distance
        index[found[0]] = self.offset[polygon] + found[1]
        return distance2, index

    def _nearest_batch(self, points: np.ndarray, owner: np.ndarray):
        count = self.count[owner]
        point = np.repeat(np.arange(len(points)), count)
        first = np.cumsum(count) - count
        segment = np.arange(len(point)) + np.repeat(self.offset[owner] - first, count)
        d2 = self.distance2(points[point], segment)
        shortest = np.minimum.reduceat(d2, first)
        hit = np.flatnonzero(d2 <= shortest[point])
        first_hit = np.flatnonzero(np.diff(point[hit], prepend=-1))  # hit is sorted by point
        return shortest, segment[hit[first_hit]]


class _Cells:
    """Square cells (centre, half side) of the branch and bound, with the vertices of each
    cell's part of its polygon (``coords``, grouped by cell; ``cell_of_coord`` says whose, and
    ``vertex_of_coord`` which polygon vertex, as the edge it starts, each is: -1 for others).

    The part's vertices are the polygon's edges clipped to the cell (their clipped ends) and the
    cell corners inside the polygon: their convex hull holds the part. An ``inner`` cell lies
    wholly inside its polygon; its children do too and need no clipping. Cells stay grouped by
    owner, in increasing owner order.
    """

    _CORNERS = np.array([(-1, -1), (1, -1), (1, 1), (-1, 1)], dtype=float)

    def __init__(self, centre, half, owner, inner, coords, cell_of_coord, vertex_of_coord) -> None:
        self.centre, self.half, self.owner, self.inner = centre, half, owner, inner
        self.coords, self.cell_of_coord = coords, cell_of_coord
        self.vertex_of_coord = vertex_of_coord

    @classmethod
    def roots(cls, polygons: np.ndarray, edges: _PolygonEdges) -> _Cells:
        bounds = shapely.bounds(polygons)
        centre = (bounds[:, :2] + bounds[:, 2:]) / 2.0
        half = np.max(bounds[:, 2:] - bounds[:, :2], axis=1) / 2.0
        owner = np.arange(len(polygons))
        vertex = np.arange(len(edges.start))
        inner = np.zeros(len(owner), dtype=bool)
        return cls(centre, half, owner, inner, edges.start, edges.owner, vertex)

    def split(self, mask: np.ndarray, edges: _PolygonEdges) -> _Cells:
        quarter = self.half[mask] / 2.0
        centre = self.centre[mask][:, None, :] + self._CORNERS * quarter[:, None, None]
        centre = centre.reshape(-1, 2)
        half = np.repeat(quarter, 4)
        owner = np.repeat(self.owner[mask], 4)
        inner = np.repeat(self.inner[mask], 4)
        outer = np.flatnonzero(~inner)
        points, point_cell, point_vertex, cut = edges.clip(centre[outer], half[outer], owner[outer])
        # Uncut outer cells are wholly inside or wholly outside: their centre tells.
        uncut = outer[~cut]
        inside = edges.contains(centre[uncut], owner[uncut])
        inner[uncut[inside]] = True
        keep = np.ones(len(half), dtype=bool)
        keep[uncut[~inside]] = False
        corner_cells = np.flatnonzero(inner)
        corners = (
            centre[corner_cells][:, None, :] + self._CORNERS * half[corner_cells][:, None, None]
        )
        coords = np.concatenate([points, corners.reshape(-1, 2)])
        vertex = np.concatenate([point_vertex, np.full(4 * len(corner_cells), -1)])
        cell = np.concatenate([outer[cut][point_cell], np.repeat(corner_cells, 4)])
        # Renumber cells after dropping the empty ones, and group vertices by cell.
        new_index = np.cumsum(keep) - 1
        order = np.argsort(cell, kind="stable")
        return _Cells(
            centre[keep],
            half[keep],
            owner[keep],
            inner[keep],
            coords[order],
            new_index[cell[order]],
            vertex[order],
        )

    def upper_bounds2(self, sites: _Sites, reach2: np.ndarray, nearest: np.ndarray):
        """A bound of the squared distance over each cell's part of the polygon.

        The distance to one segment is convex, so over the cell's part it is largest at one of
        its vertices, and it bounds the distance to all segments. The bound is the least, over
        some candidate segments, of that largest value. Candidates: the segments nearest to the
        cell's farthest vertices (``reach2``, ``nearest``: per vertex), at most
        ``_BOUND_CANDIDATES`` per cell; the bound is exact when the maximum sits at a vertex.
        """
        cell_of_coord = self.cell_of_coord
        n_vertices = np.bincount(cell_of_coord, minlength=len(self.half))
        vertex_start = np.cumsum(n_vertices) - n_vertices
        # The farthest vertices of each cell (vertices are grouped by cell) give candidates.
        by_reach = np.lexsort((-reach2, cell_of_coord))
        rank = np.arange(len(by_reach)) - vertex_start[cell_of_coord[by_reach]]
        chosen = by_reach[rank < _BOUND_CANDIDATES]  # still grouped by cell
        candidate_cell = cell_of_coord[chosen]
        # Every candidate segment against every vertex of its cell.
        repeats = n_vertices[candidate_cell]
        pair_first = np.cumsum(repeats) - repeats
        vertex = np.arange(int(repeats.sum())) + np.repeat(
            vertex_start[candidate_cell] - pair_first, repeats
        )
        pair_reach2 = sites.distance2(self.coords[vertex], np.repeat(nearest[chosen], repeats))
        worst = np.maximum.reduceat(pair_reach2, pair_first)
        n_candidates = np.minimum(n_vertices, _BOUND_CANDIDATES)
        return np.minimum.reduceat(worst, np.cumsum(n_candidates) - n_candidates)


class _PolygonEdges:
    """The edges of the polygons whose depth is sought, indexed for clipping cells."""

    def __init__(self, polygons: np.ndarray) -> None:
        self.polygons = polygons
        shapely.prepare(polygons)
        starts, ends, self.owner, self.following = _piece_segments(list(polygons))
        self.start, self.direction = starts, ends - starts
        self.tree = shapely.STRtree(segment_lines(starts, ends))

    def contains(self, points: np.ndarray, owner: np.ndarray) -> np.ndarray:
        return shapely.contains_xy(self.polygons[owner], points[:, 0], points[:, 1])

    def clip(self, centre: np.ndarray, half: np.ndarray, owner: np.ndarray):
        """Vertices of each cell's part of its polygon, the cell (position in the input) and
        the polygon vertex (edge start; -1: a clipped end or a corner) of each, and which cells
        any edge reaches."""
        lo, hi = centre - half[:, None], centre + half[:, None]
        cell, edge = self.tree.query(shapely.box(lo[:, 0], lo[:, 1], hi[:, 0], hi[:, 1]))
        same = self.owner[edge] == owner[cell]
        cell, edge = cell[same], edge[same]
        # Each cell's edges in edge order, not the tree's (which depends on all the polygons
        # searched together): a polygon's search then never depends on the others.
        order = np.lexsort((edge, cell))
        cell, edge = cell[order], edge[order]
        t0, t1 = _liang_barsky(self.start[edge], self.direction[edge], lo[cell], hi[cell])
        hit = t0 <= t1
        cell, edge, t0, t1 = cell[hit], edge[hit], t0[hit], t1[hit]
        start, direction = self.start[edge], self.direction[edge]
        # Entry points (edge starts inside the cell included: polygon vertices), and exit
        # points. An edge ending inside the cell ends at the next edge's start, which is that
        # edge's entry point: such an exit is left out. The test takes the vertex itself, not
        # start + direction, which may be a rounding error off and outside.
        entries = start + direction * t0[:, None]
        next_start = self.start[self.following[edge]]
        inside_end = (t1 == 1.0) & np.all((next_start >= lo[cell]) & (next_start <= hi[cell]), 1)
        exits = ~inside_end
        ends = np.concatenate([entries, start[exits] + direction[exits] * t1[exits, None]])
        vertex = np.concatenate([np.where(t0 == 0.0, edge, -1), np.full(int(exits.sum()), -1)])
        cut = np.zeros(len(half), dtype=bool)
        cut[cell] = True
        # Corners of cut cells that lie inside the polygon are vertices of the part too.
        cut_cells = np.flatnonzero(cut)
        corners = (centre[cut_cells][:, None, :] + self._corner_offsets(half[cut_cells])).reshape(
            -1, 2
        )
        corner_cell = np.repeat(cut_cells, 4)
        inside = self.contains(corners, owner[corner_cell])
        points = np.concatenate([ends, corners[inside]])
        point_cell = np.concatenate([cell, cell[exits], corner_cell[inside]])
        point_vertex = np.concatenate([vertex, np.full(int(inside.sum()), -1)])
        # Positions among the cut cells, as ``split`` expects.
        rank = np.cumsum(cut) - 1
        return points, rank[point_cell], point_vertex, cut

    @staticmethod
    def _corner_offsets(half: np.ndarray) -> np.ndarray:
        return _Cells._CORNERS * half[:, None, None]


def _liang_barsky(start, direction, lo, hi) -> tuple[np.ndarray, np.ndarray]:
    """Parameter range [t0, t1] of each segment inside its box (t0 > t1: it misses)."""
    t0 = np.zeros(len(start))
    t1 = np.ones(len(start))
    for axis in (0, 1):
        d = direction[:, axis]
        for p, q in ((-d, start[:, axis] - lo[:, axis]), (d, hi[:, axis] - start[:, axis])):
            parallel = p == 0.0
            t1[parallel & (q < 0.0)] = -1.0  # parallel and outside
            with np.errstate(divide="ignore", invalid="ignore"):
                r = q / p
            entering = p < 0.0
            t0 = np.where(entering, np.maximum(t0, r), t0)
            t1 = np.where(~entering & ~parallel, np.minimum(t1, r), t1)
    return t0, t1
