"""Necks of held ground: narrow places where one straight cut splits a part into two big sides.

Definitions (Frontline's "Corridor width" algorithm), all planar, in metres and square metres:

- A **neck** of a part (a connected polygon, holes allowed) is a straight chord inside the part,
  both ends on its boundary, that cuts the part into two sides each at least ``min_lobe_area``.
  Its **width** is the chord's length.
- The **corridor** of a neck is the stretch of the part's centreline through the neck along
  which the local width stays at or below ``corridor_width`` (0 = twice the neck's width); its
  length is the **corridor length**. It stops where the corridor opens into wider ground.
- Each part reports its narrowest neck (whatever its width), then further necks narrower than
  ``max_width`` at other places: local minima outside the corridor ground of the narrower necks
  chosen before them (ground joined to such a neck through ground no wider than its corridor
  width), and never in another neck's corridor. A cut held by the area limit (a bulge's tip,
  no local minimum) has no corridor ground: it hides only the necks in its corridor.

Method, per part:

0. Vertices on straight runs (within 1 µm of the line through their neighbours) are dropped:
   a densified outline is the same shape, and every later step scales with the vertices.
   Gaps and holes narrower than 1 m (slivers left by dissolving polygons drawn edge to edge)
   are closed: no cut uses them, and triangulating them would take samples at their width.
   Parts whose edges run less than 1 m apart along 10 m or more (drawn edge to edge, but a
   hair apart once projected) are one part; parts meeting only at a corner stay apart
   (where rounding made two corners overlap, dissolving left one polygon with a pinch that
   narrow, which is its narrowest neck).
1. The boundary is sampled: Douglas-Peucker at 1 mm keeps every vertex that carries shape
   (densified straight runs collapse), then samples are added where the part is narrow
   (boundary segments longer than ~3/4 of the shortest candidate chord at their ends are split)
   and where the Delaunay triangulation does not yet contain a boundary segment (conformity).
   Every sample lies exactly on the original boundary.
2. The Delaunay triangulation of the samples (GEOS) is kept where triangle centroids lie inside
   the part. Interior edges are chords; their lengths approximate the local width (the
   triangulation's dual graph is a discrete medial axis). GEOS's incremental Delaunay slows to
   quadratic time on long regular runs of points through the huge triangles of its frame, so a
   ring of guard points far outside the part is triangulated with the samples and then dropped.
3. A chord joining two points of the same ring separates the part (a Jordan curve); one joining
   two rings does not. Side areas are computed exactly from the original rings (prefix sums of
   the shoelace terms along the ring, holes assigned to a side by ray-crossing parity), so
   they do not depend on the triangulation and always add up to the part's area.
4. Candidate chords (both sides >= ``min_lobe_area``) are taken shortest first. A candidate's
   basin is the set of chords reachable through the dual graph along chords no longer than its
   corridor width, short of the corridor ground of the local minima found before it (the
   chords reachable from theirs within their corridor width); a candidate in such ground is
   not a new neck. A basin whose narrowest cut is a tip held by the area limit marks no
   ground, and one that reached such a tip keeps the local minimum its first chord polishes to.
   In an accepted basin the shortest chords are polished against the original boundary
   within a window of arc around each end, exactly: between two straight boundary pieces
   the shortest link starts at an end of one of them, and where that leaves too little
   area the optimum lies on the curve where the smaller side is exactly the limit (the
   side area is bilinear in the two end positions; that curve is followed and refined).
   Where the chord must pass a reflex vertex, or holes break the bilinear model, a zooming
   grid search over both end positions takes over. A cut through a hole (two corridors
   round a pond) is no chord of the mesh and starts no basin: pairs of samples that chords
   join to one hole seed basins of their own. A caller's ``accept`` refuses cuts (the
   encirclement: those that only cut off a corner); a basin whose every cut it refuses
   gives no neck and hides none.
5. The corridor is the shortest-path-farthest walk from the chord nearest the neck through the
   chord midpoints of its basin, on each side (in a parallel corridor all chord midpoints lie
   on the centreline), continued by cross-sections while the width allows; a hole narrower
   than the corridor's limit (a pond) is measured across, so the corridor goes on over it.
   The walk passes only chords beyond which lies a quarter of the neck's side: where a
   corridor opens into a body, chords along the body's edge cut off its corners (spurs of the
   medial axis), not the way on. Its ends keep to cross-sections no wider than the limit.

Cost is dominated by the triangulation of the samples; their number depends on the shape's
real detail and narrow places, not on redundant collinear vertices.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, Polygon
from shapely.geometry.base import BaseGeometry

from .shapes import (
    clean_polygonal,
    flat_polygons,
    line_segments,
    point_segment_distance,
    segment_lines,
)

__all__ = [
    "Neck",
    "find_necks",
    "necks_by_part",
    "part_order",
    "polygon_parts",
    "split_by_chords",
    "too_small_for_a_neck",
]

_SIMPLIFY_TOLERANCE = 1e-3  # m: vertices closer than this to the simplified ring are redundant
_STRAIGHT_TOLERANCE = 1e-6  # m: vertices this close to a straight run are dropped from the part
GAP_WIDTH = 1.0  # m: gaps and holes narrower than this are drawing noise, closed before a search
_SHARED_EDGE = 10.0  # m: polygons a gap apart along at least this much are drawn edge to edge
_MAX_ROUNDS = 40  # sampling rounds (a corridor with 4 corners needs about log2(L/W))
_SAMPLE_BUDGET = 200_000  # samples beyond max(this, 4 x input vertices) are not added
_SPLIT_TRIGGER = 1.5  # split a boundary segment longer than 1.5 x half the chord at its ends
_UNIFORM_STEPS = 32  # steps of half a chord from a segment's end before they start doubling
_MISSING_PIECES = 64  # at most this many pieces per non-conforming segment and round
_REFINE_REACH = 2.5  # refine around candidates up to this factor of the narrowest one
_DELAUNAY_SLACK = 1.25  # a Delaunay chord is at most this factor longer than the local minimum
_POLISH_CHORDS = 4  # candidate chords polished per basin against the real boundary
_POLISH_SEEDS = 12  # near chords and two-hop cuts polished per basin (rank 1 only)
_HOLE_SEEDS = 32  # cuts through holes polished per part
_END_SHARE = 1e-3  # a cut is tried for lying inside this share of its length from its ends
_ON_BOUNDARY = 1e-6  # m: a point of a cut this close to the part is not outside it
_PASSES_HOLE = 0.01  # m: a cut this close to a hole passes it (its corridor forks round it)
_ON_CHORD = 1e-3  # share of a chord's length within which a corridor reaching it crosses it
_ON_CHORD_OWN = 0.05  # or this share of the corridor's own neck's width
_HOLE_PAIRS = 200_000  # pairs of chord ends round one hole tried as cuts through it
_HOLE_PAIRS_WEIGHED = 4096  # the shortest pairs whose sides are weighed, of all holes
_ALL_PAIRS = 2_000  # a part without candidate chords tries all sample pairs up to this size
_MAX_PAIRS = 3_000_000  # the last search for the narrowest cut skips parts with more pairs
_BASIN_SLACK = 1.1  # polish a basin's candidates up to this factor of its shortest one
_BOUND_SHARE = 1.01  # a cut whose smaller side is within 1 % of the limit is held by it
_NEAR_SHARE = 0.25  # chords whose smaller side is this share of the limit are polished too
_POLISH_WINDOW = 1.5  # polishing searches end positions within this many widths along the ring
_GRID = 17  # grid points per end position and zoom step (odd: the centre is on the grid)
_GUARD_POINTS = 64
_BOUND_CHORDS = 64  # shortest candidate chords of the vertex mesh tried as a first cut
_WINDOW_PAIRS = 40_000  # polishing windows with more vertex pairs than this use the grid
_WINDOW_CHECKS = 16  # shortest window candidates checked for area and validity
_LEVEL_SAMPLES = 33  # samples per boundary-piece pair along the curve of the area limit
_LEVEL_ZOOMS = 6  # zoom steps refining the best sample (x16 each)
_LEVEL_PAIRS = 3  # piece pairs whose best sample is refined, per level
_WINDOW_MOVES = 4  # times the window follows a cut still falling at its end
_NO_CUT = (math.inf, 0.0, 0.0, False)  # a window where no cut leaves enough on both sides
_BASE_SAMPLES = 50_000  # the area-scale sampling adds at most about this many samples
_LARGE_MESH = 100_000  # samples above which stray non-conforming segments are tolerated

Measure = Callable[[BaseGeometry], float]  # a line's length in metres
# Whether a cut (planar metres) may be a neck, held against a width (its length, or less for a
# chord of the mesh that polishing shortens).
Accept = Callable[[LineString, float], bool]
# With a measure, necks are searched up to this factor beyond max_width (planar), then held
# against it by the measure: a local projection's lengths differ by well under 1 % over
# 1000 km.
_MEASURE_SLACK = 1.02
# A corridor goes on past chords beyond which lies at least this share of the neck's side: a
# corner of the body it opens into holds less; either arm of a fork into two bodies more.
_BULK_SHARE = 0.25


@dataclass(frozen=True)
class Neck:
    """A neck of one part. Side a is the smaller side; it lies left of the chord's direction."""

    part_id: int  # 1-based; parts numbered by decreasing area
    rank: int  # 1 = narrowest of its part
    chord: LineString  # both ends on the part's boundary, inside the part
    width: float  # chord length, metres (planar, or by the measure given)
    corridor: LineString | MultiLineString | None  # centreline stretch through the neck
    corridor_length: float  # metres (as the width)
    side_a_area: float  # m², the smaller side (left of the chord, from its first point)
    side_b_area: float  # m², the larger side
    part_area: float  # m²

    @property
    def minor_share(self) -> float:
        """The smaller side's share of the part's area, 0..0.5."""
        if self.part_area <= 0:
            return 0.0
        return min(self.side_a_area, self.side_b_area) / self.part_area


def polygon_parts(geom: BaseGeometry | None) -> list[Polygon]:
    """The polygons of ``geom`` (repaired if invalid, holes kept, 2D), largest area first;
    polygons whose edges run less than ``GAP_WIDTH`` apart are joined into one."""
    polygons = [p for p in flat_polygons(clean_polygonal(geom)) if p.area > 0]
    return sorted(_joined_across_gaps(polygons), key=part_order)


def part_order(part: Polygon) -> tuple:
    """The order parts are numbered in: largest area first (then by place, for ties)."""
    return (-part.area, part.bounds)


def too_small_for_a_neck(part: Polygon, min_lobe_area: float) -> bool:
    """Whether the part cannot have two sides of ``min_lobe_area`` each."""
    return min_lobe_area > 0 and part.area < 2 * min_lobe_area


def _joined_across_gaps(polygons: list[Polygon]) -> list[Polygon]:
    """The polygons whose edges run less than ``GAP_WIDTH`` apart along ``_SHARED_EDGE`` or
    more joined by a mitred buffer out and back, as ``without_gaps`` closes gaps inside a
    part; polygons meeting only at a corner stay apart. (Polygons drawn edge to edge stay
    apart when dissolved if projecting moved their shared edge by a hair.)"""
    if len(polygons) < 2:
        return polygons
    shapes = np.asarray(polygons, dtype=object)
    low, high = np.hsplit(shapely.bounds(shapes), 2)
    grown = shapely.box(*(low - GAP_WIDTH).T, *(high + GAP_WIDTH).T)
    i, j = shapely.STRtree(shapes).query(grown)  # boxes first: GEOS's own distance is slow
    pairs = [(a, b) for a, b in zip(i, j) if a < b and _closer_than(shapes[a], shapes[b])]
    if not pairs:
        return polygons
    half = 0.5 * GAP_WIDTH
    near = np.unique(np.array(pairs, dtype=np.int64).reshape(-1))
    grown = np.empty(len(shapes), dtype=object)
    grown[near] = shapely.buffer(shapes[near], half, join_style="mitre")
    reach = np.empty(len(shapes), dtype=object)
    reach[near] = shapely.buffer(shapes[near], GAP_WIDTH, join_style="mitre")
    edges = np.empty(len(shapes), dtype=object)
    edges[near] = shapely.boundary(shapes[near])
    a, b = np.array(pairs, dtype=np.int64).T
    # Polygons drawn edge to edge each have a long stretch of edge within the gap of the
    # other; at a corner that merely touches the other, one of them has only a metre or two.
    # Only the former are one part, whichever way rounding left the corner.
    shared = np.minimum(
        shapely.length(shapely.intersection(edges[a], reach[b])),
        shapely.length(shapely.intersection(edges[b], reach[a])),
    )
    edge = shared >= _SHARED_EDGE
    apart = np.ones(len(shapes), dtype=bool)
    joined: list[Polygon] = []
    for group in _groups(a[edge], b[edge]):
        apart[group] = False
        bridged = shapely.union_all(grown[group]).buffer(-half, join_style="mitre")
        joined.extend(p for p in flat_polygons(clean_polygonal(bridged)) if p.area > 0)
    return [*shapes[apart], *joined]


def _groups(a: np.ndarray, b: np.ndarray) -> list[np.ndarray]:
    """The connected groups of the pairs (a[k], b[k]) of indices (union-find)."""
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for x, y in zip(a.tolist(), b.tolist()):
        parent[root(x)] = root(y)
    groups: dict[int, list[int]] = {}
    for x in parent:
        groups.setdefault(root(x), []).append(x)
    return [np.array(sorted(g), dtype=np.int64) for g in groups.values()]


def find_necks(geom: BaseGeometry, **options) -> list[Neck]:
    """Necks of every part of ``geom`` (planar metres), by part then rank; ``options`` as for
    ``necks_by_part``. [] when no part has a neck, and once cancelled."""
    return [neck for _, necks in necks_by_part(geom, **options) for neck in necks]


def necks_by_part(
    geom: BaseGeometry,
    *,
    min_lobe_area: float,
    max_width: float,
    max_necks: int | None = 3,
    corridor_width: float = 0.0,
    is_cancelled: Callable[[], bool] | None = None,
    measure: Measure | None = None,
    accept: Accept | None = None,
) -> list[tuple[Polygon, list[Neck]]]:
    """Each part of ``geom`` (planar metres; ``polygon_parts`` order, part_id 1, 2, ...) with
    its necks by rank; a part without a neck has an empty list.

    Per part: the narrowest neck (rank 1) whatever its width, then further necks narrower than
    ``max_width``, at most ``max_necks`` per part (None = all). ``corridor_width`` 0 means twice
    each neck's width. With ``measure`` (a line's length: the glue's, on the ellipsoid) the
    widths and corridor lengths are its, and necks are held against ``max_width``, ranked and
    counted by them. With ``accept``, a cut it refuses is never a neck, nor hides one: the
    search goes on past it (encirclement refuses cuts that only cut off a corner). Returns []
    once ``is_cancelled()`` is true (the caller knows it cancelled).
    """
    cancelled = is_cancelled or (lambda: False)
    search = _NeckSearch(min_lobe_area, max_width, max_necks, corridor_width, cancelled, accept)
    found: list[tuple[Polygon, list[Neck]]] = []
    for part_id, part in enumerate(polygon_parts(geom), start=1):
        if cancelled():
            return []
        if too_small_for_a_neck(part, min_lobe_area):
            found.append((part, []))
            continue
        necks = search.necks(part, part_id, measure)
        if necks is None:
            return []
        found.append((part, necks))
    return found


@dataclass(frozen=True)
class _NeckSearch:
    min_lobe_area: float
    max_width: float
    max_necks: int | None
    corridor_width: float
    cancelled: Callable[[], bool]
    accept: Accept | None = None

    def necks(self, part: Polygon, part_id: int, measure: Measure | None) -> list[Neck] | None:
        """The part's necks (None once cancelled); with ``measure``, MAX_NECKS counts the
        necks kept by it: one the planar search ranked in but too wide by the measure must
        not crowd out one further down that qualifies, so the search is run again for more."""
        if measure is None:
            return self._solve(part, part_id, self.max_width, self.max_necks)
        wanted = self.max_necks
        while True:
            found = self._solve(part, part_id, self.max_width * _MEASURE_SLACK, wanted)
            if found is None:
                return None
            kept = _measured(found, measure, self.max_width)
            if self.max_necks is None or len(found) < wanted or len(kept) >= self.max_necks:
                return kept[: self.max_necks]
            wanted += self.max_necks

    def _solve(self, part, part_id: int, max_width: float, max_necks: int | None):
        return _PartSolver(
            part,
            self.min_lobe_area,
            max_width,
            max_necks,
            self.corridor_width,
            self.cancelled,
            self.accept,
        ).necks(part_id)


def _measured(necks: list[Neck], measure: Measure, max_width: float) -> list[Neck]:
    """The necks with widths and corridor lengths by ``measure``: the narrowest whatever its
    width, then those narrower than ``max_width``, ranked by width."""
    widths = [measure(neck.chord) for neck in necks]
    order = sorted(range(len(necks)), key=widths.__getitem__)
    kept = order[:1] + [i for i in order[1:] if widths[i] < max_width]
    return [
        replace(
            necks[i],
            rank=rank,
            width=widths[i],
            corridor_length=measure(necks[i].corridor) if necks[i].corridor is not None else 0.0,
        )
        for rank, i in enumerate(kept, start=1)
    ]


def split_by_chords(part: Polygon, chords: Sequence[LineString]) -> list[Polygon]:
    """Cut ``part`` along ``chords`` into pieces whose areas add up to the part's area.

    Chord ends on the boundary (within rounding) cut it: an end on a vertex is put exactly
    on it, another is carried a millimetre past the boundary. A chord that does not cross
    the part leaves it whole.
    """
    parts = polygon_parts(part)
    if not parts:
        return []
    lines = [c for c in chords if c is not None and not c.is_empty and c.length > 0]
    if not lines:
        return parts
    pieces: list[Polygon] = []
    for p in parts:
        vertices = shapely.get_coordinates(p)
        noded = shapely.union_all([p.boundary, *(_cutting_line(c, vertices) for c in lines)])
        faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
        if len(faces) == 0:
            pieces.append(p)
            continue
        shapely.prepare(p)
        inside = shapely.covers(p, shapely.point_on_surface(faces))
        pieces.extend(f for f in faces[inside] if f.area > 0)
    return sorted(pieces, key=lambda f: -f.area)


# --------------------------------------------------------------------------- geometry helpers


def _cutting_line(chord: LineString, vertices: np.ndarray) -> LineString:
    """The chord made to cut the boundary when noded with it: an end on a vertex (within
    1e-9 m) is put exactly on it; another end is carried a millimetre past the boundary
    (an end computed on a segment lies a rounding error off it). Moving an end that sits on
    a vertex would let the line slip past that vertex by a rounding error instead."""
    xy = shapely.get_coordinates(chord)
    a, b = xy[0].copy(), xy[-1].copy()
    n = float(np.hypot(*(b - a)))
    if n == 0:
        return chord
    step = (b - a) / n * max(1e-3, 1e-9 * n)
    for end, outward in ((a, -step), (b, step)):
        gap = np.hypot(*(vertices - end).T)
        k = int(np.argmin(gap))
        end[:] = vertices[k] if gap[k] <= 1e-9 else end + outward
    return LineString([a, b])


def _cross(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0]


def _ray_crosses(q: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Whether segments a->b cross the ray from q towards +x (half-open in y, for parity)."""
    ay, by = a[..., 1], b[..., 1]
    straddle = (ay > q[1]) != (by > q[1])
    with np.errstate(divide="ignore", invalid="ignore"):
        x = a[..., 0] + (q[1] - ay) * (b[..., 0] - a[..., 0]) / (by - ay)
    return straddle & (q[0] < x)


def _on_arc_side(arc: tuple, q: np.ndarray, crossed: np.ndarray) -> np.ndarray:
    """Whether q lies on the arc's side of its cut, by the parity of a ray from q going +x;
    ``crossed``: the segments of the arc's ring that the ray crosses."""
    a, b, pu, pv, nxt_u, at_v = arc
    lo, hi = np.searchsorted(crossed, a), np.searchsorted(crossed, b)
    n = np.where(a > b, len(crossed) - lo + hi, hi - lo)
    n = n + _ray_crosses(q, pu, nxt_u) + _ray_crosses(q, at_v, pv)
    return (n + _ray_crosses(q, pv, pu)) % 2 == 1


def _essential_vertices(v: np.ndarray, tol: float) -> np.ndarray:
    """Indices of a closed ring's vertices kept by Douglas-Peucker at ``tol`` (vectorised)."""
    m = len(v)
    if m <= 4:
        return np.arange(m)
    keep = np.append(_deviations(v) > tol, True)  # index m closes the ring on vertex 0
    keep[0] = True
    keep[int(np.argmax(np.hypot(*(v - v[0]).T)))] = True
    ring = np.vstack([v, v[:1]])
    active = np.ones(m + 1, dtype=bool)
    for _ in range(200):
        kept = np.flatnonzero(keep)
        cand = np.flatnonzero(~keep & active)
        if cand.size == 0:
            break
        pos = np.searchsorted(kept, cand)
        a, b = kept[pos - 1], kept[pos]
        d = point_segment_distance(ring[cand], ring[a], ring[b])
        order = np.lexsort((-d, a))
        first = np.r_[True, a[order][1:] != a[order][:-1]]
        worst = order[first]
        over = d[worst] > tol
        keep[cand[worst[over]]] = True
        closed = a[worst[~over]]
        active[cand[np.isin(a, closed)]] = False
        if not over.any():
            break
    else:
        keep[~keep & active] = True  # pathological depth: keep what is left
    return np.flatnonzero(keep[:m])


def _deviations(v: np.ndarray) -> np.ndarray:
    """Each vertex's distance from the line through its two neighbours (closed ring)."""
    prev, nxt = np.roll(v, 1, axis=0), np.roll(v, -1, axis=0)
    base = np.hypot(*(nxt - prev).T)
    return np.abs(_cross(nxt - prev, v - prev)) / np.where(base > 0, base, 1.0)


def _without_straight_vertices(poly: Polygon) -> Polygon:
    """``poly`` without the vertices that lie on straight runs (within 1 µm): a densified
    outline is the same shape with far fewer vertices, and every later step (crossing tests,
    polishing windows, cross-sections) scales with the vertices. Unchanged if nothing is
    dropped or dropping would leave a ring degenerate or the polygon invalid."""
    rings, dropped = [], False
    for ring in [poly.exterior, *poly.interiors]:
        xy = shapely.get_coordinates(ring)[:-1]
        # Douglas-Peucker keeps the first vertex: start at the sharpest corner, so that a
        # first vertex on a straight run does not stay behind to split it.
        xy = np.roll(xy, -int(np.argmax(_deviations(xy))), axis=0)
        keep = _essential_vertices(xy, _STRAIGHT_TOLERANCE)
        if len(keep) < 3:
            return poly
        dropped |= len(keep) < len(xy)
        rings.append(np.vstack([xy[keep], xy[keep[:1]]]))
    if not dropped:
        return poly
    straight = Polygon(rings[0], rings[1:])
    return straight if straight.is_valid else poly


def without_gaps(poly: Polygon) -> Polygon:
    """``poly`` with gaps and holes narrower than ``GAP_WIDTH`` closed (a mitred buffer out
    and back, which keeps corners). Polygons drawn edge to edge leave such slivers when
    dissolved: 20 cm wide and kilometres long on DeepState maps. The triangulation would need
    samples at their width all along them (60,000 for one such hole); no cut can use them.

    Holes that fit in a strip under ``GAP_WIDTH`` are filled whatever else the part holds;
    the buffer, which also fills notches that narrow and so costs the search dearly on a
    ragged outline, runs only where some vertex lies within half of it of another edge."""
    half = 0.5 * GAP_WIDTH
    holes = [ring for ring in poly.interiors if _narrowness(np.asarray(ring.coords)) >= GAP_WIDTH]
    if len(holes) < len(poly.interiors):
        poly = Polygon(poly.exterior, holes)
    if shapely.minimum_clearance(poly) >= half:
        return poly
    closed = poly.buffer(half, join_style="mitre").buffer(-half, join_style="mitre")
    parts = flat_polygons(closed) if closed.is_valid else []
    return max(parts, key=lambda p: p.area) if parts else poly


def _closer_than(a: Polygon, b: Polygon, gap: float = GAP_WIDTH) -> bool:
    """Whether two polygons with disjoint interiors come within ``gap`` of each other. Their
    boundaries are nearest at a vertex of one of them: each one's vertices near the other are
    tried against the other's segments near them (GEOS compares every pair of segments)."""
    for p, q in ((a, b), (b, a)):
        x0, y0, x1, y1 = q.bounds
        xy = shapely.get_coordinates(p)
        xy = xy[(xy[:, 0] >= x0 - gap) & (xy[:, 0] <= x1 + gap)]
        xy = xy[(xy[:, 1] >= y0 - gap) & (xy[:, 1] <= y1 + gap)]
        if len(xy) == 0:
            continue
        starts, ends, _ = line_segments(shapely.get_rings(q))
        lo, hi = xy.min(axis=0) - gap, xy.max(axis=0) + gap
        keep = np.all((np.maximum(starts, ends) >= lo) & (np.minimum(starts, ends) <= hi), 1)
        if not keep.any():
            continue
        tree = shapely.STRtree(segment_lines(starts[keep], ends[keep]))
        found, _ = tree.query(shapely.points(xy), predicate="dwithin", distance=gap)
        if len(found):
            return True
    return False


def _lookup(ref: np.ndarray, query: np.ndarray) -> np.ndarray:
    """Index in ``ref`` of each exact coordinate pair in ``query`` (-1 if absent)."""
    keys = ref[:, 0] + 1j * ref[:, 1]
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    q = query[:, 0] + 1j * query[:, 1]
    pos = np.minimum(np.searchsorted(sorted_keys, q), len(sorted_keys) - 1)
    return np.where(sorted_keys[pos] == q, order[pos], -1)


def _triangulate(points: np.ndarray) -> np.ndarray:
    """Delaunay triangles (index triples) of ``points``, guarded against GEOS's slow frame."""
    n = len(points)
    if n < 3:
        return np.zeros((0, 3), dtype=np.int64)
    lo, hi = points.min(axis=0), points.max(axis=0)
    radius = 2.0 * max(float(np.hypot(*(hi - lo))) / 2.0, 1.0)
    angle = np.linspace(0.0, 2.0 * math.pi, _GUARD_POINTS, endpoint=False) + 0.5
    guard = (lo + hi) / 2.0 + radius * np.column_stack([np.cos(angle), np.sin(angle)])
    allp = np.vstack([points, guard])
    xy = shapely.get_coordinates(shapely.delaunay_triangles(shapely.multipoints(allp)))
    if len(xy) == 0:
        return np.zeros((0, 3), dtype=np.int64)
    ids = _lookup(allp, xy.reshape(-1, 4, 2)[:, :3].reshape(-1, 2)).reshape(-1, 3)
    ok = np.all((ids >= 0) & (ids < n), axis=1)
    return ids[ok]


def _pair_keys(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    return np.minimum(a, b).astype(np.int64) * n + np.maximum(a, b)


# --------------------------------------------------------------------------- rings of a part


class Rings:
    """A part's rings as arrays, with exact arc areas (shared with the encirclement's test of
    which side of a cut holds what).

    A position on ring r is a float t in [0, m): segment floor(t) at fraction t - floor(t).
    """

    def __init__(self, poly: Polygon):
        self.verts: list[np.ndarray] = []
        for ring in [poly.exterior, *poly.interiors]:
            xy = shapely.get_coordinates(ring)[:-1]
            xy = xy[np.r_[True, np.any(xy[1:] != xy[:-1], axis=1)]]
            while len(xy) > 1 and np.all(xy[-1] == xy[0]):
                xy = xy[:-1]
            if len(xy) >= 3 or not self.verts:
                self.verts.append(xy)
        self.seg, self.seglen, self.cum, self.prefix, self.signed = [], [], [], [], []
        for xy in self.verts:
            nxt = np.roll(xy, -1, axis=0)
            seg = nxt - xy
            seglen = np.hypot(*seg.T)
            self.seg.append(seg)
            self.seglen.append(seglen)
            self.cum.append(np.r_[0.0, np.cumsum(seglen)])
            self.prefix.append(np.r_[0.0, np.cumsum(_cross(xy, nxt))])
            self.signed.append(0.5 * float(self.prefix[-1][-1]))
        self.count = len(self.verts)
        self.hole_area = [abs(a) for a in self.signed]
        self.part_area = abs(self.signed[0]) - sum(self.hole_area[1:])
        self.crossings: dict[tuple[int, int], np.ndarray] = {}
        for h in range(1, self.count):
            q = self.verts[h][0]
            for r in range(self.count):
                if r != h:
                    hits = _ray_crosses(q, self.verts[r], np.roll(self.verts[r], -1, axis=0))
                    self.crossings[h, r] = np.flatnonzero(hits)

    def length(self, r: int) -> float:
        return float(self.cum[r][-1])

    def _split(self, r: int, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        m = len(self.verts[r])
        i = np.clip(np.floor(t).astype(np.int64), 0, m - 1)
        return i, t - i

    def point(self, r: int, t: np.ndarray) -> np.ndarray:
        i, f = self._split(r, np.asarray(t, dtype=float))
        return self.verts[r][i] + f[:, None] * self.seg[r][i]

    def arclen(self, r: int, t: np.ndarray) -> np.ndarray:
        i, f = self._split(r, np.asarray(t, dtype=float))
        return self.cum[r][i] + f * self.seglen[r][i]

    def param(self, r: int, s: np.ndarray) -> np.ndarray:
        m, total = len(self.verts[r]), self.length(r)
        s = np.mod(np.asarray(s, dtype=float), total)
        i = np.clip(np.searchsorted(self.cum[r], s, side="right") - 1, 0, m - 1)
        f = np.clip((s - self.cum[r][i]) / self.seglen[r][i], 0.0, 1.0)
        t = i + f
        return np.where(t >= m, t - m, t)

    def segments_at(self, r: int, s: float) -> list[int]:
        """The segments of ring r holding arc position s (two at a vertex)."""
        m, total = len(self.verts[r]), self.length(r)
        s = s % total
        i = int(self.param(r, np.array([s]))[0])
        at = 1e-9 * max(total, 1.0)
        found = [i]
        if abs(s - self.cum[r][i]) <= at:
            found.append((i - 1) % m)
        if abs(self.cum[r][i + 1] - s) <= at:
            found.append((i + 1) % m)
        return found

    def arc_side(self, r: int, tu: np.ndarray, tv: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Area of the side bounded by the arc u->v (ring order) and the chord, and a sign.

        The sign is positive when that side lies left of the chord directed from v to u.
        Valid for chords inside the part; both sides add up to the part's area.
        """
        s = self.prefix[r]
        m = len(self.verts[r])
        tu, tv = np.asarray(tu, dtype=float), np.asarray(tv, dtype=float)
        arc = self._arc(r, tu, tv)
        a, b, pu, pv, nxt_u, at_v = arc
        full = np.where(a > b, s[m] - s[a] + s[b], s[b] - s[np.minimum(a, m)])
        same = (a - 1 == b) & (tv >= tu)  # the arc is a piece of one segment: no area
        twice = _cross(pu, nxt_u) + full + _cross(at_v, pv) + _cross(pv, pu)
        a1 = np.where(same, 0.0, 0.5 * twice)
        holes_in = np.zeros_like(a1)
        for h in range(1, self.count):
            if h != r:
                inside = _on_arc_side(arc, self.verts[h][0], self.crossings[h, r])
                holes_in += np.where(inside & ~same, self.hole_area[h], 0.0)
        if r == 0:
            return np.abs(a1) - holes_in, a1
        a2 = self.signed[r] - a1
        pocket_is_arc = np.abs(a1) <= np.abs(a2)
        pocket = np.where(pocket_is_arc, np.abs(a1), np.abs(a2)) - holes_in
        side = np.where(pocket_is_arc, pocket, self.part_area - pocket)
        return side, np.where(pocket_is_arc, a1, a2)

    def _arc(self, r: int, tu: np.ndarray, tv: np.ndarray) -> tuple:
        """The arc u->v of ring r: its first and last whole segment, its ends, the vertex after
        u and the one before v."""
        v = self.verts[r]
        iu, _ = self._split(r, tu)
        iv, _ = self._split(r, tv)
        pu, pv = self.point(r, tu), self.point(r, tv)
        return iu + 1, iv, pu, pv, v[(iu + 1) % len(v)], v[iv]

    def holes_on_arc_side(self, r: int, tu: float, tv: float) -> list[bool]:
        """For each ring but the shell (holes, by number): on the side of the cut (tu, tv) of
        ring r that the arc u->v bounds."""
        arc = self._arc(r, np.array([tu]), np.array([tv]))
        return [
            h != r and bool(_on_arc_side(arc, self.verts[h][0], self.crossings[h, r])[0])
            for h in range(1, self.count)
        ]

    def ray_crossings(self, r: int, q: np.ndarray) -> np.ndarray:
        """The segments of ring r that a ray from q going +x crosses (for ``on_arc_side``)."""
        v = self.verts[r]
        return np.flatnonzero(_ray_crosses(q, v, np.roll(v, -1, axis=0)))

    def on_arc_side(self, r: int, tu: float, tv: float, q: np.ndarray, crossed) -> bool:
        """Whether point ``q`` (inside the part) lies on the side of the cut (tu, tv) of ring r
        that the arc u->v bounds; ``crossed``: ``ray_crossings(r, q)``."""
        arc = self._arc(r, np.array([tu]), np.array([tv]))
        return bool(_on_arc_side(arc, q, crossed)[0])

    def minor_side(self, r: int, tu: np.ndarray, tv: np.ndarray) -> np.ndarray:
        side, _ = self.arc_side(r, tu, tv)
        return np.minimum(side, self.part_area - side)

    def minor_sides(self, ring: np.ndarray, tu: np.ndarray, tv: np.ndarray) -> np.ndarray:
        """``minor_side`` of cuts whose ends lie on the rings ``ring`` (one per cut)."""
        minor = np.zeros(len(ring))
        for r in np.unique(ring).tolist():
            sel = ring == r
            minor[sel] = self.minor_side(r, tu[sel], tv[sel])
        return minor


class _Segments:
    """All boundary segments of a part, for crossing tests of candidate cuts."""

    def __init__(self, rings: Rings):
        self.a = np.vstack(rings.verts)
        self.b = np.vstack([np.roll(v, -1, axis=0) for v in rings.verts])
        self.ring = np.concatenate([np.full(len(v), r) for r, v in enumerate(rings.verts)])
        self.lo = np.minimum(self.a, self.b)
        self.hi = np.maximum(self.a, self.b)
        self._tree: shapely.STRtree | None = None

    def near(self, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        if len(self.a) > 20_000:
            if self._tree is None:
                boxes = shapely.box(self.lo[:, 0], self.lo[:, 1], self.hi[:, 0], self.hi[:, 1])
                self._tree = shapely.STRtree(boxes)
            return self._tree.query(shapely.box(lo[0], lo[1], hi[0], hi[1]))
        inside = np.all(self.hi >= lo, axis=1) & np.all(self.lo <= hi, axis=1)
        return np.flatnonzero(inside)

    def crossed(self, p: np.ndarray, q: np.ndarray) -> np.ndarray:
        """Whether each cut p->q properly crosses a boundary segment (touching does not)."""
        out = np.zeros(len(p), dtype=bool)
        if len(p) == 0:
            return out
        idx = self.near(np.minimum(p, q).min(axis=0), np.maximum(p, q).max(axis=0))
        if idx.size == 0:
            return out
        c, d = self.a[idx][None], self.b[idx][None]
        cd = d - c
        cd_len = np.hypot(*np.moveaxis(cd, -1, 0))
        chunk = max(1, 2_000_000 // idx.size)
        for start in range(0, len(p), chunk):
            a = p[start : start + chunk][:, None]
            b = q[start : start + chunk][:, None]
            ab = b - a
            eps = 1e-9 * np.hypot(*np.moveaxis(ab, -1, 0)) * cd_len
            o1, o2 = _cross(ab, c - a), _cross(ab, d - a)
            o3, o4 = _cross(cd, a - c), _cross(cd, b - c)
            o1, o2, o3, o4 = (np.where(np.abs(o) <= eps, 0.0, o) for o in (o1, o2, o3, o4))
            hit = (o1 * o2 < 0) & (o3 * o4 < 0)
            out[start : start + chunk] = hit.any(axis=1)
        return out


# --------------------------------------------------------------------------- triangulation


@dataclass
class _Mesh:
    points: np.ndarray  # (N, 2) samples
    ring: np.ndarray  # (N,) ring of each sample
    t: np.ndarray  # (N,) position of each sample on its ring
    boundary: np.ndarray  # (N, 2) sample pairs along the rings (i, next)
    missing: np.ndarray  # (N,) whether that boundary pair is not a Delaunay edge
    spacing: np.ndarray  # (N,) shortest non-boundary Delaunay edge at each sample
    tri_edges: np.ndarray  # (K, 3) edges of the kept (inside) triangles
    edge_v: np.ndarray  # (E, 2) samples of each edge
    edge_tris: np.ndarray  # (E, 2) kept triangles of each edge (-1 = none)
    length: np.ndarray  # (E,)
    chord: np.ndarray  # (E,) interior edge (not a boundary pair)
    minor: np.ndarray  # (E,) smaller side area of separating chords, else -inf


@dataclass(frozen=True)
class _Cut:
    width: float
    edge: int  # the Delaunay chord it was polished from (its corridor starts there)
    tu: float  # end positions on the ring
    tv: float
    ring: int


class _PartSolver:
    def __init__(
        self,
        part: Polygon,
        min_lobe_area: float,
        max_width: float,
        max_necks: int | None,
        corridor_width: float,
        cancelled: Callable[[], bool],
        accept: Accept | None = None,
    ):
        xmin, ymin, xmax, ymax = part.bounds
        self.origin = np.array([(xmin + xmax) / 2.0, (ymin + ymax) / 2.0])
        centred = shapely.transform(part, lambda xy: xy - self.origin)
        self.poly = without_gaps(_without_straight_vertices(centred))
        shapely.prepare(self.poly)
        self.rings = Rings(self.poly)
        self.segments = _Segments(self.rings)
        self.min_area = max(float(min_lobe_area), 0.0)
        self.max_width = max(float(max_width), 0.0)
        self.max_necks = max_necks
        self.corridor_width = max(float(corridor_width), 0.0)
        self.cancelled = cancelled
        self.area_tol = 1e-9 * self.rings.part_area
        self._ponds: dict[float, tuple[Polygon, np.ndarray]] = {}
        self._hole_widths: list[float] | None = None
        self.accept = accept
        self._accepted: dict[tuple, bool] = {}
        self._midpoints: dict[_Cut, np.ndarray] = {}

    # ------------------------------------------------------------------ sampling

    def _initial_samples(self) -> tuple[list[np.ndarray], _Mesh | None]:
        """The shape's own vertices, then points every quarter of the side of a square of
        ``min_lobe_area`` where the narrowest cut may end: cuts held by the area limit (the
        tip of a bulge cut off at exactly that area) need samples at that scale. Also the
        mesh of the vertices alone, if the samples are just those."""
        rings = self.rings
        vertices = [_essential_vertices(v, _SIMPLIFY_TOLERANCE).astype(float) for v in rings.verts]
        perimeter = sum(rings.length(r) for r in range(rings.count))
        spacing = max(0.25 * math.sqrt(self.min_area), perimeter / _BASE_SAMPLES)
        if spacing <= 0:
            return vertices, None
        mesh = self._mesh(vertices)
        reach = self._cut_bound(mesh)
        samples = []
        for r, t in enumerate(vertices):
            s = rings.arclen(r, t)
            span = np.diff(np.r_[s, rings.length(r) + s[0]])
            pieces = np.ceil(span / spacing).astype(np.int64)
            long = np.flatnonzero(pieces > 1)
            if long.size:
                extra = np.concatenate(
                    [s[i] + span[i] * np.arange(1, pieces[i]) / pieces[i] for i in long]
                )
                extra = extra[self._may_end_a_cut(r, t, extra, reach, spacing)]
                t = np.sort(np.r_[t, rings.param(r, extra)])
            samples.append(t)
        unchanged = all(len(a) == len(b) for a, b in zip(samples, vertices))
        return samples, mesh if unchanged else None

    def _cut_bound(self, mesh: _Mesh) -> float:
        """The length of the shortest chord of ``mesh`` that is a cut leaving enough on both
        sides (inf if none): the narrowest cut is no longer."""
        cand = np.flatnonzero(self._candidates(mesh))
        if cand.size == 0:
            return math.inf
        cand = cand[np.argsort(mesh.length[cand], kind="stable")][:_BOUND_CHORDS]
        for e in cand:  # one at a time: a batch would test every segment in their joint box
            ends = mesh.points[mesh.edge_v[e]]
            if self._valid_cuts(ends[:1], ends[1:])[0]:
                return float(mesh.length[e])
        return math.inf

    def _may_end_a_cut(
        self, r: int, kept: np.ndarray, s: np.ndarray, reach: float, spacing: float
    ) -> np.ndarray:
        """Whether a cut no longer than ``reach`` leaving enough area on both sides may end
        within half a spacing of each arc position ``s`` of ring r: some boundary point of
        the ring lies within reach (plus that half spacing) and far enough along the ring
        both ways (a side of area A has a perimeter of at least sqrt(4 pi A)). The ring is
        taken through its ``kept`` vertices (positions), which it strays from by 1 mm."""
        if not math.isfinite(reach) or s.size == 0:
            return np.ones(len(s), dtype=bool)
        rings = self.rings
        total = rings.length(r)
        radius = reach + 0.5 * spacing + _SIMPLIFY_TOLERANCE
        need = math.sqrt(4.0 * math.pi * self.min_area) - radius - 0.5 * spacing
        if need <= 0:
            return np.ones(len(s), dtype=bool)
        xy = rings.point(r, rings.param(r, s))
        a = rings.point(r, kept)
        d = np.roll(a, -1, axis=0) - a
        starts = rings.arclen(r, kept)
        spans = np.diff(np.r_[starts, total + starts[0]])
        tree = shapely.STRtree(shapely.linestrings(np.stack([a, a + d], axis=1)))
        k, seg = tree.query(shapely.points(xy), predicate="dwithin", distance=radius)
        # The stretch of each segment within the radius: a + f d for f in [f0, f1].
        rel = a[seg] - xy[k]
        dd = np.einsum("ij,ij->i", d[seg], d[seg])
        bb = np.einsum("ij,ij->i", rel, d[seg])
        cc = np.einsum("ij,ij->i", rel, rel) - radius * radius
        root = np.sqrt(np.maximum(bb * bb - dd * cc, 0.0))
        f0 = np.clip((-bb - root) / dd, 0.0, 1.0)
        f1 = np.clip((-bb + root) / dd, 0.0, 1.0)
        x0 = (starts[seg] + f0 * spans[seg] - s[k]) % total
        x1 = x0 + (f1 - f0) * spans[seg]
        # Arc from the point forward: [x0, x1], possibly past a full turn.
        hit = (x1 >= need) & (x0 <= total - need)
        hit |= x1 - total >= need
        out = np.zeros(len(s), dtype=bool)
        out[k[hit]] = True
        return out

    def _mesh(self, samples: list[np.ndarray]) -> _Mesh:
        rings = self.rings
        points = np.vstack([rings.point(r, t) for r, t in enumerate(samples)])
        ring = np.concatenate([np.full(len(t), r) for r, t in enumerate(samples)])
        tpos = np.concatenate(samples)
        n = len(points)
        offsets = np.r_[0, np.cumsum([len(t) for t in samples])]
        nxt = np.concatenate(
            [np.roll(np.arange(offsets[r], offsets[r + 1]), -1) for r in range(rings.count)]
        )
        boundary = np.column_stack([np.arange(n), nxt])
        # Rings may touch at a vertex: the triangulation knows one sample per coordinate.
        canonical = _lookup(points, points)
        bkeys = _pair_keys(canonical[boundary[:, 0]], canonical[boundary[:, 1]], n)

        tri = _triangulate(points)
        pairs = tri[:, [0, 1, 1, 2, 2, 0]].reshape(-1, 2)
        akeys = np.unique(_pair_keys(pairs[:, 0], pairs[:, 1], n))
        missing = ~np.isin(bkeys, akeys)
        a_lo, a_hi = akeys // n, akeys % n
        interior = ~np.isin(akeys, bkeys)
        a_len = np.hypot(*(points[a_lo] - points[a_hi]).T)
        spacing = np.full(n, np.inf)
        np.minimum.at(spacing, a_lo[interior], a_len[interior])
        np.minimum.at(spacing, a_hi[interior], a_len[interior])

        p = points[tri]
        twice = _cross(p[:, 1] - p[:, 0], p[:, 2] - p[:, 0])
        scale = float(np.ptp(points, axis=0).max()) if n else 1.0
        centre = p.mean(axis=1)
        keep = (np.abs(twice) > 1e-14 * scale * scale) & shapely.contains_xy(
            self.poly, centre[:, 0], centre[:, 1]
        )
        kept = tri[keep]
        k = len(kept)
        kpairs = kept[:, [0, 1, 1, 2, 2, 0]].reshape(-1, 2)
        keys, inverse = np.unique(_pair_keys(kpairs[:, 0], kpairs[:, 1], n), return_inverse=True)
        inverse = inverse.reshape(-1)
        edge_v = np.column_stack([keys // n, keys % n])
        order = np.argsort(inverse, kind="stable")
        counts = np.bincount(inverse, minlength=len(keys))
        starts = np.cumsum(counts) - counts
        owner = order // 3
        edge_tris = np.full((len(keys), 2), -1, dtype=np.int64)
        edge_tris[:, 0] = owner[starts]
        two = counts >= 2
        edge_tris[two, 1] = owner[starts[two] + 1]
        length = np.hypot(*(points[edge_v[:, 0]] - points[edge_v[:, 1]]).T)
        chord = ~np.isin(keys, bkeys)
        minor = np.full(len(keys), -np.inf)
        sel = np.flatnonzero(chord & (ring[edge_v[:, 0]] == ring[edge_v[:, 1]]))
        a, b = edge_v[sel, 0], edge_v[sel, 1]
        minor[sel] = rings.minor_sides(ring[a], tpos[a], tpos[b])
        return _Mesh(
            points=points,
            ring=ring,
            t=tpos,
            boundary=boundary,
            missing=missing,
            spacing=spacing,
            tri_edges=inverse.reshape(k, 3),
            edge_v=edge_v,
            edge_tris=edge_tris,
            length=length,
            chord=chord,
            minor=minor,
        )

    def _candidates(self, mesh: _Mesh) -> np.ndarray:
        return mesh.chord & (mesh.minor >= self.min_area - self.area_tol)

    def _near_candidates(self, mesh: _Mesh) -> np.ndarray:
        """Chords whose smaller side falls short of the limit by less than 3/4 of it: the
        narrowest cut leaving enough area may lie beside them (moving one end along the
        boundary, or turning through a triangle where no single chord balances the part)."""
        near = mesh.chord & (mesh.minor >= _NEAR_SHARE * self.min_area)
        return near & ~self._candidates(mesh)

    def _new_samples(self, mesh: _Mesh) -> tuple[list[list[np.ndarray]], int]:
        """Arc positions to add per ring, where the part is narrow or the mesh not conforming,
        and how many boundary segments are split because they are narrow."""
        cand = self._candidates(mesh)
        reach = max(2.0 * self.max_width, self.corridor_width)
        if cand.any():
            reach = max(reach, _REFINE_REACH * float(mesh.length[cand].min()))
        relevant = cand & (mesh.length <= reach)
        half = np.full(len(mesh.points), np.inf)
        for end in (0, 1):
            np.minimum.at(half, mesh.edge_v[relevant, end], 0.5 * mesh.length[relevant])
        v, w = mesh.boundary[:, 0], mesh.boundary[:, 1]
        hv, hw = half[v], half[w]
        ring = mesh.ring[v]
        s_v = np.zeros(len(v))
        s_w = np.zeros(len(v))
        span = np.zeros(len(v))
        for r in range(self.rings.count):
            sel = ring == r
            total = self.rings.length(r)
            s_v[sel] = self.rings.arclen(r, mesh.t[v[sel]])
            s_w[sel] = self.rings.arclen(r, mesh.t[w[sel]])
            span[sel] = np.mod(s_w[sel] - s_v[sel], total)
            span[sel & (span == 0)] = total  # a ring with a single sample
        narrow = span > _SPLIT_TRIGGER * np.minimum(hv, hw)
        todo = np.flatnonzero(narrow | mesh.missing)
        new: list[list[np.ndarray]] = [[] for _ in range(self.rings.count)]
        # The feet of the relevant chords' ends on long segments beside their other ends: the
        # local minimum of the width between a vertex and a long segment, in one round.
        prev = np.empty_like(v)
        prev[w] = v
        ends = mesh.edge_v[relevant]
        rows = np.concatenate([ends[:, 0], prev[ends[:, 0]], ends[:, 1], prev[ends[:, 1]]])
        target = np.concatenate([ends[:, 1], ends[:, 1], ends[:, 0], ends[:, 0]])
        a, b = mesh.points[v[rows]], mesh.points[w[rows]]
        ab = b - a
        with np.errstate(divide="ignore", invalid="ignore"):
            f = np.einsum("ij,ij->i", mesh.points[target] - a, ab) / np.einsum("ij,ij->i", ab, ab)
        reach_out = np.tile(mesh.length[relevant], 4)
        inner = np.minimum(f, 1.0 - f) * span[rows] > reach_out  # the segment is long there
        for k, frac in zip(rows[inner], f[inner]):
            new[ring[k]].append(np.array([s_v[k] + frac * span[k]]))
        for i in todo:
            offsets = []
            if narrow[i]:
                graded = _graded(span[i], hv[i], hw[i])
                offsets.append(graded if graded.size else np.array([span[i] / 2.0]))
            if mesh.missing[i]:
                scale = min(mesh.spacing[v[i]], mesh.spacing[w[i]])
                pieces = 2 if not np.isfinite(scale) else math.ceil(span[i] / (0.5 * scale))
                pieces = min(max(pieces, 2), _MISSING_PIECES)
                offsets.append(span[i] * np.arange(1, pieces) / pieces)
            new[ring[i]].append(s_v[i] + np.concatenate(offsets))
        return new, int(narrow.sum())

    def _refined_mesh(self) -> _Mesh | None:
        samples, mesh = self._initial_samples()
        budget = max(_SAMPLE_BUDGET, 4 * sum(len(v) for v in self.rings.verts))
        if mesh is None:
            mesh = self._mesh(samples)
        for _ in range(_MAX_ROUNDS):
            if self.cancelled():
                return None
            new, narrow = self._new_samples(mesh)
            added = sum(sum(len(a) for a in parts) for parts in new)
            if added == 0 or len(mesh.points) + added > budget:
                break
            n = len(mesh.points)
            if narrow == 0 and n > _LARGE_MESH and mesh.missing.sum() * 1000 < n:
                # A few non-conforming segments are not worth another full triangulation of a
                # large mesh: triangles straddle the boundary there and their chords fail
                # validation.
                break
            merged = [self._merge(r, samples[r], new[r]) for r in range(self.rings.count)]
            if sum(len(t) for t in merged) == sum(len(t) for t in samples):
                break
            samples = merged
            mesh = self._mesh(samples)
        return mesh

    def _merge(self, r: int, old: np.ndarray, arcs: list[np.ndarray]) -> np.ndarray:
        if not arcs:
            return old
        total = self.rings.length(r)
        s_new = np.unique(np.mod(np.concatenate(arcs), total))
        s_old = np.sort(self.rings.arclen(r, old))
        gap = max(1e-6, 1e-12 * total)
        pos = np.searchsorted(s_old, s_new)
        before = s_old[np.clip(pos - 1, 0, len(s_old) - 1)]
        after = s_old[np.clip(pos, 0, len(s_old) - 1)]
        far = (np.abs(s_new - before) > gap) & (np.abs(after - s_new) > gap)
        far &= np.minimum(s_new, total - s_new) > gap  # not on the ring's start
        s_new = s_new[far]
        if s_new.size > 1:
            s_new = s_new[np.r_[True, np.diff(s_new) > gap]]
        return np.sort(np.concatenate([old, self.rings.param(r, s_new)]))

    # ------------------------------------------------------------------ necks

    def necks(self, part_id: int) -> list[Neck] | None:
        mesh = self._refined_mesh()
        if mesh is None:
            return None
        is_cand = self._candidates(mesh)
        is_near = self._near_candidates(mesh)
        cand = np.flatnonzero(is_cand)
        cand = cand[np.argsort(mesh.length[cand], kind="stable")]
        graph = _Graph(mesh, is_cand)
        valid: dict[tuple[int, int], bool] = {}
        if cand.size == 0:
            # No chord of the triangulation leaves enough on both sides: a cut doing so, if
            # any, turns through a triangle. Search around the most balanced chords.
            near = np.flatnonzero(is_near)
            near = near[np.argsort(-mesh.minor[near], kind="stable")]
            pairs, sources, hop_minor = self._two_hop(mesh, near, math.inf)
            order = np.argsort(-hop_minor, kind="stable")
            seeds = [(mesh.edge_v[near], near), (pairs[order], sources[order])]
            if len(mesh.points) <= _ALL_PAIRS:
                seeds.append(self._close_pairs(mesh, math.inf))
            best, _ = self._polish_seeds(mesh, seeds, valid, math.inf, _POLISH_SEEDS)
            if best is None:
                return []
            chords = near if near.size else np.flatnonzero(mesh.chord)
            best = _retag(best, self._nearest_chord(mesh, chords, best), mesh, is_cand)
            return [self._neck(graph, part_id, 1, best)]
        # Chords of the corridor ground of a basin that gave a cut (reachable from it through
        # chords within its corridor width): a candidate there is no new neck. Chords walked
        # already: no basin starts there again.
        marked = np.zeros(len(mesh.length), dtype=bool)
        walked = np.zeros(len(mesh.length), dtype=bool)
        basins: list[tuple[_Cut, _Cut | None]] = []  # narrowest cut, narrowest local minimum
        for c in cand:
            if self.cancelled():
                return None
            length = float(mesh.length[c])
            if basins and length > _DELAUNAY_SLACK * self._stop_width(basins):
                break
            if walked[c] or marked[c] or not self._valid_edge(mesh, int(c), valid):
                continue
            threshold = self.corridor_width or 2.0 * length
            # The basin stops at ground a narrower neck's corridor holds: polishing from
            # there would find that neck again, not this one's local minimum.
            basin = graph.walk(int(c), threshold, avoid=marked)
            walked[list(basin)] = True
            narrowest = min((b.width for b, _ in basins), default=math.inf)
            best, free = self._best_in_basin(mesh, basin, is_cand, is_near, valid, narrowest)
            if best is None:
                continue  # no cut here (all refused by ``accept``): it hides no neck
            known = self._duplicate(best, [b for b, _ in basins])
            if free is None and known:
                # The basin reached a tip found before (its shorter chords polish there): its
                # own local minimum, if any, is where it started.
                free = self._free_from(mesh, int(c), valid)
            if free is not None:
                # Only a local minimum has corridor ground: a cut held by the area limit (a
                # bulge's tip, a square's corner) is never a further neck, nor hides one.
                reach = self.corridor_width or 2.0 * free.width
                start = free.edge if free.edge >= 0 else int(c)
                marked[list(graph.walk(start, reach))] = True
            if not known:
                basins.append((best, free))
            elif free is not None and not self._duplicate(free, [f for _, f in basins if f]):
                basins.append((free, free))  # this basin's own local minimum, past a tip
        self._through_holes(mesh, basins, valid)
        if not basins and self.accept is None:
            return []
        basins.sort(key=lambda b: b[0].width)
        self._narrower_anywhere(mesh, basins, cand, is_cand, valid)
        if not basins:
            return []
        first = basins[0][0]
        # The narrowest basin's own local minimum counts too when its narrowest cut is held
        # by the area limit (a different cut).
        frees = [
            free
            for _, free in basins
            if free is not None and free != first and not self._duplicate(free, [first])
        ]
        further = sorted((f for f in frees if f.width < self.max_width), key=lambda f: f.width)
        held = basins[0][1] != first  # the narrowest cut is a tip held by the area limit
        return self._apart(graph, part_id, [first, *further], held)

    def _free_from(self, mesh: _Mesh, chord: int, valid: dict) -> _Cut | None:
        """The cut chord ``chord`` polishes to, if a local minimum (not held by the limit)."""
        seed = [(mesh.edge_v[[chord]], np.array([chord]))]
        return self._polish_seeds(mesh, seed, valid, math.inf, 1)[1]

    def _through_holes(
        self, mesh: _Mesh, basins: list[tuple[_Cut, _Cut | None]], valid: dict
    ) -> None:
        """Cuts through holes (two corridors round a pond) as basins of their own: no chord of
        the mesh separates there, so no basin starts there."""
        if self.rings.count < 2:  # no hole
            return
        pairs, sources, _ = self._hole_pairs(mesh)
        found, here = [b for b, _ in basins], []
        polished = 0
        for (i, j), e in zip(pairs, sources):
            if polished >= _HOLE_SEEDS or self.cancelled():
                break
            middle = (mesh.points[i] + mesh.points[j]) / 2.0
            if any(np.hypot(*(middle - self._midpoint(f))) < f.width for f in here):
                continue  # a cut through this pond is known
            polished += 1
            best, free = self._polish_seeds(
                mesh, [(np.array([[i, j]]), np.array([e]))], valid, self.max_width, 1
            )
            if best is not None and not self._duplicate(best, found):
                found.append(best)
                here.append(best)
                basins.append((best, free))

    def _hole_pairs(self, mesh: _Mesh) -> tuple:
        """Seeds of cuts through a hole: pairs of samples of one ring that chords shorter than
        ``max_width`` join to the same hole (the cut passes the hole on its way)."""
        ends, ring = mesh.edge_v, mesh.ring
        crossing = mesh.chord & (ring[ends[:, 0]] != ring[ends[:, 1]])
        crossing &= mesh.length < self.max_width
        chords = np.flatnonzero(crossing)
        pairs, sources = [], []
        for first, second in ((0, 1), (1, 0)):  # (hole end, other end) both ways round
            hole, other = ends[chords, first], ends[chords, second]
            on_hole = ring[hole] > 0
            for h in np.unique(ring[hole[on_hole]]).tolist():
                mine = on_hole & (ring[hole] == h)
                count = int(mine.sum())
                if count * (count - 1) // 2 > _HOLE_PAIRS:
                    continue  # a hole ringed by that many chords is a body's hole, no pond
                i, j = np.triu_indices(count, 1)
                near = other[mine]
                pairs.append(np.column_stack([near[i], near[j]]))
                sources.append(chords[mine][i])
        if not pairs:
            return np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
        pairs, sources = np.vstack(pairs), np.concatenate(sources)
        # The shortest only: weighing the sides of a pair costs as much as the part's holes.
        length = np.hypot(*(mesh.points[pairs[:, 0]] - mesh.points[pairs[:, 1]]).T)
        shortest = np.argsort(length, kind="stable")[:_HOLE_PAIRS_WEIGHED]
        return self._ranked_pairs(mesh, pairs[shortest], sources[shortest], self.max_width)

    def _apart(
        self, graph: _Graph, part_id: int, cuts: list[_Cut], first_held: bool = False
    ) -> list[Neck]:
        """Necks of the cuts, in order, at most ``max_necks``, leaving out a cut that lies in
        the corridor of a neck kept before it or whose corridor runs through one: the basins
        follow mesh chords, which may stop short of a corridor measured across. A first cut
        held by the area limit (``first_held``: a tip, no local minimum) leaves out only
        cuts in its corridor: a corridor may run on through a tip (a square's corner)."""
        limit = math.inf if self.max_necks is None else max(self.max_necks, 0)
        kept: list[Neck] = []
        reaches: list[BaseGeometry | None] = []
        for cut in cuts:
            if len(kept) >= limit:
                break
            neck = self._neck(graph, part_id, len(kept) + 1, cut)
            reach = self._reach(graph, cut, neck)
            if not any(
                (not (first_held and k == 0) and _crosses(reach, other.chord, neck.width))
                or _crosses(other_reach, neck.chord, other.width)
                for k, (other, other_reach) in enumerate(zip(kept, reaches))
            ):
                kept.append(neck)
                reaches.append(reach)
        return kept

    def _reach(self, graph: _Graph, cut: _Cut, neck: Neck) -> BaseGeometry | None:
        """The centreline along which a cut's cross-sections are no wider than it: its
        corridor, or, with a CORRIDOR_WIDTH below the cut's width (no corridor), the stretch
        within ``_DELAUNAY_SLACK`` of it. In a strip of even width every cross-section is a
        local minimum: they are one neck."""
        ties = _DELAUNAY_SLACK * cut.width
        if not self.corridor_width or self.corridor_width >= ties:
            return neck.corridor
        path = self._centreline(graph, cut, ties)
        return LineString(path + self.origin) if len(path) >= 2 else None

    def _narrower_anywhere(
        self,
        mesh: _Mesh,
        basins: list[tuple[_Cut, _Cut | None]],
        cand: np.ndarray,
        is_cand: np.ndarray,
        valid: dict,
    ) -> None:
        """Last search for the narrowest cut (rank 1): from every pair of samples closer than
        it. A cut held by the area limit may run between samples no chord joins (past a
        chain of reflex vertices); polishing from the nearest pairs finds it. A narrower cut
        found takes the place of the narrowest. Without any (``accept`` refused every chord),
        the narrowest cut below ``max_width``: one through a hole is no chord of the mesh."""
        limit = basins[0][0].width if basins else self.max_width
        seeds = [self._close_pairs(mesh, limit)]
        best, free = self._polish_seeds(mesh, seeds, valid, limit, _POLISH_SEEDS)
        if best is None or best.width >= limit:
            return
        anchor = self._nearest_chord(mesh, cand, best)
        best, free = _retag(best, anchor, mesh, is_cand), _retag(free, anchor, mesh, is_cand)
        for k, (old, old_free) in enumerate(basins):
            if self._duplicate(best, [old]):
                basins[k] = (best, old_free if free is None else free)
                break
        else:
            basins.append((best, free))
        basins.sort(key=lambda b: b[0].width)

    def _close_pairs(self, mesh: _Mesh, limit: float) -> tuple[np.ndarray, np.ndarray]:
        """Seeds from pairs of samples of one ring closer than ``limit`` whose cut leaves at
        least half the limit area: those leaving enough first, each group shortest first."""
        points = mesh.points
        none = np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.int64)
        perimeter = sum(self.rings.length(r) for r in range(self.rings.count))
        if 2.0 * len(points) ** 2 * limit / perimeter > _MAX_PAIRS:
            return none  # too many pairs along the walls to afford: rely on the chords
        if math.isfinite(limit):
            found = self._pairs_within(points, limit)
            if found is None:
                return none
            i, j = found
        else:
            i, j = np.triu_indices(len(points), 1)
        keep = (i < j) & (mesh.ring[i] == mesh.ring[j])
        i, j = i[keep], j[keep]
        # A cut between points an arc s apart cuts off at most s²/π (isoperimetry): pairs
        # close along the ring cannot leave half the limit on that side.
        arc = np.zeros(len(i))
        for r in range(self.rings.count):
            sel = mesh.ring[i] == r
            if sel.any():
                gap = np.abs(
                    self.rings.arclen(r, mesh.t[i[sel]]) - self.rings.arclen(r, mesh.t[j[sel]])
                )
                arc[sel] = np.minimum(gap, self.rings.length(r) - gap)
        keep = arc * arc >= math.pi * 0.5 * self.min_area
        i, j = i[keep], j[keep]
        length = np.hypot(*(points[i] - points[j]).T)
        keep = (length < limit) & (length > 0)
        i, j, length = i[keep], j[keep], length[keep]
        if i.size == 0:
            return none
        minor = self.rings.minor_sides(mesh.ring[i], mesh.t[i], mesh.t[j])
        keep = minor >= 0.5 * self.min_area
        i, j, length, minor = i[keep], j[keep], length[keep], minor[keep]
        order = np.lexsort((length, minor < self.min_area))
        pairs = np.column_stack([i, j])[order]
        return pairs, np.full(len(pairs), -1, dtype=np.int64)

    def _pairs_within(self, points: np.ndarray, limit: float) -> tuple | None:
        """Index pairs of points within ``limit`` of each other along both axes, or None once
        there are more than _MAX_PAIRS (samples crowd where the part is narrow: the spread
        along the perimeter says little) or the search is cancelled."""
        x, y = points[:, 0], points[:, 1]
        tree = shapely.STRtree(shapely.points(points))
        found, total, step = [], 0, 4096
        for start in range(0, len(points), step):
            if self.cancelled():
                return None
            xs, ys = x[start : start + step], y[start : start + step]
            i, j = tree.query(shapely.box(xs - limit, ys - limit, xs + limit, ys + limit))
            total += len(i)
            if total > _MAX_PAIRS:
                return None
            found.append((i + start, j))
        return np.concatenate([f[0] for f in found]), np.concatenate([f[1] for f in found])

    def _stop_width(self, basins: list[tuple[_Cut, _Cut | None]]) -> float:
        """Candidates longer than this (times the slack) cannot change the answer: they can
        neither be the narrowest nor enter the further necks kept."""
        ordered = sorted(basins, key=lambda b: b[0].width)
        limit = self.max_width
        if self.max_necks is not None:
            first = ordered[0][0]
            further = sorted(f.width for _, f in ordered if f is not None and f != first)
            if self.max_necks <= 1:
                limit = 0.0
            elif len(further) >= self.max_necks - 1:
                limit = min(limit, further[self.max_necks - 2])
        return max(limit, ordered[0][0].width)

    def _valid_edge(self, mesh: _Mesh, e: int, cache: dict) -> bool:
        i, j = (int(x) for x in mesh.edge_v[e])
        key = (min(i, j), max(i, j))
        if key not in cache:
            cache[key] = bool(self._valid_cuts(mesh.points[i][None], mesh.points[j][None])[0])
        return cache[key]

    def _valid_cuts(self, p: np.ndarray, q: np.ndarray) -> np.ndarray:
        """Cuts p->q (ends on the boundary) that lie inside the part: no point of them
        outside, one at least strictly inside (not a cut running along the boundary), and
        no boundary segment properly crossed."""
        inside = np.zeros(len(p), dtype=bool)
        ok = np.ones(len(p), dtype=bool)
        for share in (0.5, 0.25, 0.75):
            x = p + share * (q - p)
            on = shapely.intersects_xy(self.poly, x[:, 0], x[:, 1])
            # On the boundary within rounding: a cut along a pond's edge, turned off the axes.
            off = np.flatnonzero(~on & ok)
            on[off] = shapely.dwithin(self.poly, shapely.points(x[off]), _ON_BOUNDARY)
            ok &= on
            inside |= shapely.contains_xy(self.poly, x[:, 0], x[:, 1])
        # A cut through a hole runs along its edge in the middle: inside near its ends only.
        for share in (_END_SHARE, 1.0 - _END_SHARE):
            x = p[~inside] + share * (q[~inside] - p[~inside])
            inside[~inside] = shapely.contains_xy(self.poly, x[:, 0], x[:, 1])
        ok &= inside
        if ok.any():
            ok[ok] = ~self.segments.crossed(p[ok], q[ok])
        return ok

    def _best_in_basin(
        self,
        mesh: _Mesh,
        basin: set[int],
        is_cand: np.ndarray,
        is_near: np.ndarray,
        valid: dict,
        narrowest: float,
    ) -> tuple[_Cut | None, _Cut | None]:
        """The narrowest cut polished from the basin's chords, and the narrowest one that is
        a local minimum (not held by the area limit).

        Seeds: the shortest candidate chords; then, if shorter than the best so far, near
        chords and two-hop cuts (a-c-b along two chords: the straight cut a-b is no Delaunay
        edge when a reflex vertex c lies in its diametral circle, yet it may be the answer).
        """
        members = np.fromiter(basin, dtype=np.int64)
        members = members[np.argsort(mesh.length[members], kind="stable")]
        all_cands = members[is_cand[members]]
        cands = self._shortest_accepted(mesh, all_cands)
        best = free = None
        if cands.size:
            best, free = self._polish_seeds(mesh, [(mesh.edge_v[cands], cands)], valid, math.inf)
        else:
            cands = all_cands  # all refused by ``accept``: seek a cut from the other seeds
        if free is None:
            # The shortest cuts were all held by the area limit (bulge tips): the basin's
            # local minimum, if any, lies at a chord no longer than its neighbours.
            lows = self._local_minima(mesh, all_cands, set(cands.tolist()))
            more, free = self._polish_seeds(
                mesh, [(mesh.edge_v[lows], lows)], valid, math.inf, _POLISH_SEEDS, stop_free=True
            )
            if best is None or (more is not None and more.width < best.width):
                best = more
        if best is None and self.accept is None:
            return None, None
        # Near and two-hop seeds only matter for the part's narrowest cut (rank 1), or where
        # ``accept`` refused every chord (then a cut through a hole may be the basin's link).
        limit = min(best.width, narrowest) if best is not None else self.max_width
        near = members[is_near[members] & (mesh.length[members] < limit)]
        near = near[np.argsort(-mesh.minor[near], kind="stable")]  # closest to the limit first
        short = members[mesh.length[members] < limit]
        pairs, sources, _ = self._two_hop(mesh, short, limit)
        seeds = [(mesh.edge_v[near], near), (pairs, sources)]
        more, more_free = self._polish_seeds(mesh, seeds, valid, limit, _POLISH_SEEDS)
        if more is not None and (best is None or more.width < best.width):
            best = more
        if more_free is not None and (free is None or more_free.width < free.width):
            free = more_free
        if best is None:
            return None, None
        anchor = self._nearest_chord(mesh, cands, best)
        return _retag(best, anchor, mesh, is_cand), _retag(free, anchor, mesh, is_cand)

    def _shortest_accepted(self, mesh: _Mesh, chords: np.ndarray) -> np.ndarray:
        """The chords (shortest first) up to ``_BASIN_SLACK`` times the shortest one that
        ``accept`` takes (all of them without it)."""
        if self.accept is not None:
            first = next(
                (k for k, e in enumerate(chords.tolist()) if self._accepts_edge(mesh, e)), None
            )
            if first is None:
                return chords[:0]
            chords = chords[first:]
        shortest = float(mesh.length[chords[0]])
        cands = chords[mesh.length[chords] <= _BASIN_SLACK * shortest]
        if self.accept is None:
            return cands
        return np.array([e for e in cands.tolist() if self._accepts_edge(mesh, e)], dtype=np.int64)

    def _accepts_edge(self, mesh: _Mesh, e: int) -> bool:
        i, j = (int(x) for x in mesh.edge_v[e])
        return self._accepts_seed((min(i, j), max(i, j)), mesh.points[i], mesh.points[j])

    def _accepts_seed(self, key: tuple, p: np.ndarray, q: np.ndarray) -> bool:
        """A chord of the mesh is up to ``_DELAUNAY_SLACK`` times longer than the cut it
        polishes to: held against that, not its own length, it does not hide the cut."""
        width = float(np.hypot(*(q - p))) / _DELAUNAY_SLACK
        return self._accepts(("edge", *key), p, q, width)

    def _accepts_cut(self, r: int, tu: float, tv: float) -> bool:
        pu, pv = self.rings.point(r, np.array([tu, tv]))
        return self._accepts(("cut", r, tu, tv), pu, pv, float(np.hypot(*(pv - pu))))

    def _accepts(self, key: tuple, p: np.ndarray, q: np.ndarray, width: float) -> bool:
        """Whether ``accept`` takes the cut p-q held against ``width`` (cached; always
        without ``accept``)."""
        if self.accept is None:
            return True
        if key not in self._accepted:
            chord = LineString([p + self.origin, q + self.origin])
            self._accepted[key] = bool(self.accept(chord, width))
        return self._accepted[key]

    def _local_minima(self, mesh: _Mesh, chords: np.ndarray, skip: set[int]) -> np.ndarray:
        """Chords of ``chords`` (in their order) no longer than any chord beside them (across
        a triangle of the mesh), leaving out those in ``skip``."""
        length, tri_edges, edge_tris = mesh.length, mesh.tri_edges, mesh.edge_tris
        chord = mesh.chord
        lows = []
        for e in chords.tolist():
            if e in skip:
                continue
            beside = [
                e2 for t in edge_tris[e] if t >= 0 for e2 in tri_edges[t] if e2 != e and chord[e2]
            ]
            if all(length[e] <= length[e2] for e2 in beside):
                lows.append(e)
        return np.array(lows, dtype=np.int64)

    def _two_hop(self, mesh: _Mesh, chords: np.ndarray, shorter_than: float) -> tuple:
        """Sample pairs joined through a common sample by two of ``chords`` (seeds: pairs,
        source chords, smaller side), shortest first, where the cut is near enough the limit."""
        none = np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
        if chords.size < 2:
            return none
        ends = mesh.edge_v[chords]
        vertex = np.r_[ends[:, 0], ends[:, 1]]
        other = np.r_[ends[:, 1], ends[:, 0]]
        edge = np.r_[chords, chords]
        order = np.argsort(vertex, kind="stable")
        vertex, other, edge = vertex[order], other[order], edge[order]
        starts = np.flatnonzero(np.r_[True, vertex[1:] != vertex[:-1]])
        counts = np.diff(np.r_[starts, len(vertex)])
        pairs, sources = [], []
        for start, count in zip(starts[counts > 1], counts[counts > 1]):
            i, j = np.triu_indices(int(count), 1)
            pairs.append(np.column_stack([other[start + i], other[start + j]]))
            sources.append(edge[start + i])
        if not pairs:
            return none
        return self._ranked_pairs(mesh, np.vstack(pairs), np.concatenate(sources), shorter_than)

    def _ranked_pairs(
        self, mesh: _Mesh, pairs: np.ndarray, sources: np.ndarray, shorter_than: float
    ) -> tuple:
        """Sample pairs of one ring as seeds (pairs, source chords, smaller side) where the cut
        is near enough the limit: those leaving enough first, shortest first; then the
        others, closest to the limit first."""
        a, b = pairs[:, 0], pairs[:, 1]
        length = np.hypot(*(mesh.points[a] - mesh.points[b]).T)
        keep = (a != b) & (mesh.ring[a] == mesh.ring[b]) & (length < shorter_than)
        pairs, sources, length = pairs[keep], sources[keep], length[keep]
        a, b = pairs[:, 0], pairs[:, 1]
        minor = self.rings.minor_sides(mesh.ring[a], mesh.t[a], mesh.t[b])
        keep = minor >= _NEAR_SHARE * self.min_area
        pairs, sources, length, minor = pairs[keep], sources[keep], length[keep], minor[keep]
        # Cuts that already leave enough on both sides first, shortest first; then the others,
        # closest to the limit first.
        short_of = minor < self.min_area - self.area_tol
        order = np.lexsort((np.where(short_of, -minor, length), short_of))
        return pairs[order], sources[order], minor[order]

    def _nearest_chord(self, mesh: _Mesh, chords: np.ndarray, cut: _Cut) -> int:
        mid = (mesh.points[mesh.edge_v[chords, 0]] + mesh.points[mesh.edge_v[chords, 1]]) / 2
        return int(chords[np.argmin(np.hypot(*(mid - self._midpoint(cut)).T))])

    def _polish_seeds(
        self,
        mesh: _Mesh,
        seeds: list[tuple],
        valid: dict,
        shorter_than: float,
        budget: int = _POLISH_CHORDS,
        stop_free: bool = False,
    ) -> tuple[_Cut | None, _Cut | None]:
        """Polish up to ``budget`` valid seeds of each (sample pairs, source chords); with
        ``stop_free``, stop at the first cut that is a local minimum."""
        best = free = None
        for pairs, sources in seeds:
            tried = 0
            for (i, j), e in zip(pairs, sources):
                if tried >= budget or (stop_free and free is not None):
                    break
                p, q = mesh.points[i], mesh.points[j]
                if np.hypot(*(p - q)) >= shorter_than:
                    break
                key = (int(min(i, j)), int(max(i, j)))
                if key not in valid:
                    valid[key] = bool(self._valid_cuts(p[None], q[None])[0])
                if not valid[key] or not self._accepts_seed(key, p, q):
                    continue
                tried += 1
                r = int(mesh.ring[i])
                polished = self._polish(r, float(mesh.t[i]), float(mesh.t[j]))
                if polished is None or not self._accepts_cut(r, *polished[1:3]):
                    continue
                width, tu, tv, bound = polished
                cut = _Cut(width, int(e), tu, tv, r)
                if best is None or width < best.width:
                    best = cut
                if not bound and (free is None or width < free.width):
                    free = cut
        return best, free

    def _duplicate(self, cut: _Cut, found: list[_Cut]) -> bool:
        """A polished chord that slid onto a neck already found is that neck."""
        p = self._midpoint(cut)
        return any(
            np.hypot(*(p - self._midpoint(f))) < 0.5 * min(cut.width, f.width) for f in found
        )

    def _midpoint(self, cut: _Cut) -> np.ndarray:
        """The cut's middle, kept per cut: duplicates are sought against every cut found."""
        if cut not in self._midpoints:
            ends = self.rings.point(cut.ring, np.array([cut.tu, cut.tv]))
            self._midpoints[cut] = ends.mean(axis=0)
        return self._midpoints[cut]

    def _polish(self, r: int, tu: float, tv: float) -> tuple[float, float, float, bool] | None:
        """The shortest valid cut near chord (tu, tv) of ring r keeping both sides large.

        The last value tells whether the cut is held by the area limit (its smaller side is
        ``min_lobe_area``): then it is no local minimum of the width, only the narrowest cut
        that still leaves a big enough side, at the tip of a bulge.
        """
        rings = self.rings
        total = rings.length(r)
        su, sv = (float(x) for x in rings.arclen(r, np.array([tu, tv])))
        pu, pv = rings.point(r, np.array([tu, tv]))
        length = float(np.hypot(*(pu - pv)))
        # Polished cuts leave at least min_lobe_area exactly (no tolerance below it).
        minor = float(rings.minor_side(r, np.array([tu]), np.array([tv]))[0])
        # The start need not leave enough area (a near chord): then any cut found is better,
        # and the ends may have to move far to sweep the missing area (a triangle on the cut).
        reach = max(_POLISH_WINDOW * length, 2.0 * (self.min_area - minor) / max(length, 1e-9))
        gap = (sv - su) % total
        half = min(reach, min(gap, total - gap) / 3.0)
        feasible = minor >= self.min_area
        for _ in range(_WINDOW_MOVES):
            exact = self._window_minimum(r, su, sv, half)
            if exact is _NO_CUT:
                return None
            if exact is None:
                break
            width, s_u, s_v, on_edge = exact
            if not on_edge:
                t = rings.param(r, np.array([s_u, s_v]))
                minor = float(rings.minor_side(r, t[:1], t[1:])[0])
                held = self.min_area > 0 and minor <= _BOUND_SHARE * self.min_area
                return width, float(t[0]), float(t[1]), held
            su, sv, length, feasible = s_u, s_v, width, True  # still falling: follow it
            gap = (sv - su) % total
            half = min(half, min(gap, total - gap) / 3.0)
        return self._polish_grid(r, su, sv, length, feasible, half)

    def _window_minimum(
        self, r: int, su: float, sv: float, half: float
    ) -> tuple[float, float, float, bool] | None:
        """The exact shortest cut between the arcs su +- half and sv +- half that leaves
        enough area on both sides, if it lies inside the part (else None: the grid search):
        (width, su, sv, whether an end is at a window's end); _NO_CUT if there is none.

        On a pair of straight boundary pieces the side area is bilinear in the two end
        positions and the squared length convex: the optimum is the shortest link of the
        two pieces (an end of one against the other) when it leaves enough area, else a
        point of the curve where the smaller side is exactly the limit.
        """
        su_win, sv_win = self._arc_window(r, su, half), self._arc_window(r, sv, half)
        if len(su_win) * len(sv_win) > _WINDOW_PAIRS:
            return None
        rings = self.rings
        tu_win, tv_win = rings.param(r, su_win), rings.param(r, sv_win)
        pu, pv = rings.point(r, tu_win), rings.point(r, tv_win)
        shape = (len(tu_win), len(tv_win))
        side, signed = rings.arc_side(r, np.repeat(tu_win, shape[1]), np.tile(tv_win, shape[0]))
        levels = self._levels(r, side.reshape(shape), signed.reshape(shape))
        free = self._free_links(r, pu, su_win, pv, sv_win)
        bound = [
            _on_level(level, signed.reshape(shape), pu, su_win, pv, sv_win, expected)
            for level, expected in levels or []
        ]
        cands = np.vstack([free, *bound])  # rows: width, su, sv, expected side or nan
        if len(cands) == 0:
            return _NO_CUT if levels is not None else None
        cands = cands[np.argsort(cands[:, 0], kind="stable")][:_WINDOW_CHECKS]
        t = rings.param(r, cands[:, 1:3].ravel()).reshape(-1, 2)
        got, _ = rings.arc_side(r, t[:, 0], t[:, 1])
        for k, (width, s_u, s_v, expected) in enumerate(cands):
            if not np.isnan(expected) and abs(got[k] - expected) > 1e-6 * self.min_area:
                return None  # the bilinear model broke down (a hole's side changed)
            if min(got[k], rings.part_area - got[k]) < self.min_area:
                continue
            p = rings.point(r, t[k])
            if not self._valid_cuts(p[:1], p[1:])[0]:
                return None  # a reflex vertex may hold the optimum: search the grid
            s_u, s_v = self._middle_of_ties(r, cands, k)
            edge = 1e-9 * max(half, 1.0)
            on_edge = min(abs(abs(s_u - su) - half), abs(abs(s_v - sv) - half)) <= edge
            return float(width), float(s_u), float(s_v), bool(on_edge)
        return None

    def _levels(
        self, r: int, side: np.ndarray, signed: np.ndarray
    ) -> list[tuple[float, float]] | None:
        """Levels of the signed arc area (bilinear in the end fractions) at which the side
        area is just inside the limit, with that side area; None where holes make the side
        area jump within the window (or the ring is a hole's), so no bilinear model holds."""
        if r != 0:
            return None
        holes = np.abs(signed) - side
        if float(np.ptp(holes)) > 1e-9 * self.rings.part_area:
            return None
        base = float(holes.flat[0])
        # Just inside the limit, so that rounding leaves the cut on the right side.
        limit = self.min_area * (1 + 1e-9)
        sides = (limit, self.rings.part_area - limit)
        return [(sign * (a + base), a) for a in sides for sign in (1.0, -1.0)]

    def _middle_of_ties(self, r: int, cands: np.ndarray, k: int) -> tuple[float, float]:
        """Where walls run parallel many cuts are equally short: the middle of the walls'
        overlap when cut k joins two straight parallel walls, else the middle one of the
        candidates tied with cut k, if it is as short and valid, else cut k itself."""
        width = cands[k, 0]
        tied = cands[cands[:, 0] <= width * (1 + 1e-9)]
        if len(tied) < 2:
            return cands[k, 1], cands[k, 2]
        middle = self._middle_of_parallel_walls(r, cands[k, 1], cands[k, 2], width)
        if middle is not None:
            return middle
        s_mid = 0.5 * (tied[:, 1:3].min(axis=0) + tied[:, 1:3].max(axis=0))
        t = self.rings.param(r, s_mid)
        p = self.rings.point(r, t)
        minor = float(self.rings.minor_side(r, t[:1], t[1:])[0])
        if (
            float(np.hypot(*(p[0] - p[1]))) <= width * (1 + 1e-9)
            and minor >= self.min_area
            and self._valid_cuts(p[:1], p[1:])[0]
        ):
            return float(s_mid[0]), float(s_mid[1])
        return cands[k, 1], cands[k, 2]

    def _middle_of_parallel_walls(
        self, r: int, su: float, sv: float, width: float
    ) -> tuple[float, float] | None:
        """When cut (su, sv) joins two parallel straight walls, every cut square to both along
        their overlap is as short: the middle of the whole overlap, so that the cut does not
        depend on where the search started (the ring's first vertex, the window). None if
        the walls are not parallel or that cut is not valid."""
        rings = self.rings
        for i in rings.segments_at(r, su):
            for j in rings.segments_at(r, sv):
                ends = _overlap_middle(
                    rings.verts[r][i], rings.seg[r][i], rings.verts[r][j], rings.seg[r][j], width
                )
                if ends is None:
                    continue
                t = np.array([i + ends[0], j + ends[1]])
                p = rings.point(r, t)
                minor = float(rings.minor_side(r, t[:1], t[1:])[0])
                if minor >= self.min_area and self._valid_cuts(p[:1], p[1:])[0]:
                    s_mid = rings.arclen(r, t)
                    return float(s_mid[0]), float(s_mid[1])
        return None

    def _free_links(
        self, r: int, pu: np.ndarray, su: np.ndarray, pv: np.ndarray, sv: np.ndarray
    ) -> np.ndarray:
        """Shortest links between the two windows' pieces, as rows (width, su, sv, nan)."""
        d1, a1, b1 = _vertex_to_segments(pu, su, pv, sv)
        d2, b2, a2 = _vertex_to_segments(pv, sv, pu, su)
        rows = np.column_stack([np.r_[d1, d2], np.r_[a1, a2], np.r_[b1, b2]])
        rows = rows[rows[:, 0] > 0]
        t = self.rings.param(r, rows[:, 1:3].ravel()).reshape(-1, 2)
        side, _ = self.rings.arc_side(r, t[:, 0], t[:, 1])
        rows = rows[np.minimum(side, self.rings.part_area - side) >= self.min_area]
        return np.column_stack([rows, np.full(len(rows), np.nan)])

    def _arc_window(self, r: int, s: float, half: float) -> np.ndarray:
        """Arc positions s - half, the ring's vertices between (unwrapped), s + half."""
        rings = self.rings
        total, starts = rings.length(r), rings.cum[r][:-1]
        lo, hi = s - half, s + half
        out = [np.array([lo])]
        for turn in range(math.floor(lo / total), math.floor(hi / total) + 1):
            base = turn * total
            a = np.searchsorted(starts, lo - base, side="right")
            b = np.searchsorted(starts, hi - base, side="left")
            out.append(starts[a:b] + base)
        out.append(np.array([hi]))
        return np.concatenate(out)

    def _polish_grid(
        self, r: int, su: float, sv: float, length: float, feasible: bool, half: float
    ) -> tuple[float, float, float, bool] | None:
        """Zooming grid search over both end positions from the chord (su, sv), for optima
        on a constraint (the area limit, or a reflex vertex the cut must pass)."""
        rings = self.rings
        best = (length if feasible else math.inf, su, sv)
        grid = _GRID
        floor = max(1e-7 * length, 1e-7)
        while half > floor:
            before = best[0]
            offsets = np.linspace(-1.0, 1.0, grid)
            gu, gv = np.meshgrid(best[1] + half * offsets, best[2] + half * offsets)
            gu, gv = gu.ravel(), gv.ravel()
            t1, t2 = rings.param(r, gu), rings.param(r, gv)
            p1, p2 = rings.point(r, t1), rings.point(r, t2)
            d = np.hypot(*(p1 - p2).T)
            better = np.flatnonzero(d < best[0])
            if better.size:
                minor = rings.minor_side(r, t1[better], t2[better])
                better = better[minor >= self.min_area]
            if better.size:
                better = better[np.argsort(d[better], kind="stable")]
                ok = self._valid_cuts(p1[better], p2[better])
                if ok.any():
                    k = better[np.argmax(ok)]
                    best = (float(d[k]), float(gu[k]), float(gv[k]))
            half /= (grid - 1) / 4.0
            if half < 1e-3 * length and before - best[0] <= 1e-9 * length:
                # At a local minimum the width is flat: it no longer changes. On the area
                # limit it keeps falling as the grid closes in: go on there.
                t = rings.param(r, np.array([best[1], best[2]]))
                if rings.minor_side(r, t[:1], t[1:])[0] > _BOUND_SHARE * self.min_area:
                    break
        if not math.isfinite(best[0]):
            return None
        t = rings.param(r, np.array([best[1], best[2]]))
        minor = float(rings.minor_side(r, t[:1], t[1:])[0])
        bound = self.min_area > 0 and minor <= _BOUND_SHARE * self.min_area
        return best[0], float(t[0]), float(t[1]), bound

    def _centreline(self, graph: _Graph, cut: _Cut, threshold: float) -> np.ndarray:
        """The centreline through a cut where the local width stays <= threshold.

        It starts at the neck, not at the seed chord, which may lie far along the corridor
        (ties slide to the middle of parallel walls), even past a hole. A cut passing a hole
        (round a pond) has no mesh chord that separates on its own: it is marched from the
        cut itself, across the pond.
        """
        pu, pv = self.rings.point(cut.ring, np.array([cut.tu, cut.tv]))
        middle = (pu + pv) / 2.0
        if not self._passes_hole(pu, pv):
            edge = graph.nearest(middle, cut.width, threshold, cut.edge)
            return self._corridor(graph, edge, threshold)
        along = (pv - pu) / max(float(np.hypot(*(pv - pu))), 1e-300)
        normal = np.array([-along[1], along[0]])
        start = self._on_ground(pu, pv, middle, threshold)
        tail_a = self._march(start, -normal, threshold)
        tail_b = self._march(start, normal, threshold)
        return np.vstack([tail_a[::-1], start[None], tail_b])

    def _on_ground(
        self, pu: np.ndarray, pv: np.ndarray, middle: np.ndarray, threshold: float
    ) -> np.ndarray:
        """Where to start marching a cut round a hole: its middle, unless that lies in a hole
        too wide to be crossed (a pond opening into a lake); then the middle of the longest
        stretch of the cut on ground, in one of the corridors beside it."""
        ground, _ = self._ponds_as_ground(threshold)
        if shapely.contains_xy(ground, middle[0], middle[1]):
            return middle
        pieces = shapely.get_parts(shapely.intersection(LineString([pu, pv]), ground))
        pieces = pieces[shapely.get_type_id(pieces) == 1]  # lines; a cut along the hole's
        middles = shapely.get_coordinates(
            shapely.line_interpolate_point(pieces, 0.5, normalized=True)
        )
        inside = shapely.contains_xy(ground, middles[:, 0], middles[:, 1])  # edge is on it
        if not inside.any():
            return middle
        return middles[inside][int(np.argmax(shapely.length(pieces[inside])))]

    def _passes_hole(self, pu: np.ndarray, pv: np.ndarray) -> bool:
        if self.rings.count < 2:
            return False
        # A cut along a pond's edge may miss it by a rounding error when the map is turned.
        return bool(shapely.dwithin(LineString([pu, pv]), self._hole_lines, _PASSES_HOLE))

    @cached_property
    def _hole_lines(self) -> MultiLineString:
        """The part's holes as lines, built once for all its cuts."""
        holes = MultiLineString([np.vstack([v, v[:1]]) for v in self.rings.verts[1:]])
        shapely.prepare(holes)
        return holes

    def _corridor(self, graph: _Graph, edge: int, threshold: float) -> np.ndarray:
        """The centreline through chord ``edge`` where the local width stays <= threshold.

        The dual-graph walk gives it through chord midpoints; each end is then continued by
        marching cross-sections, which also covers places where the Delaunay chords do not
        follow the local width (points on one circle are co-circular: their chords fan out).
        """
        chords = graph.corridor(edge, threshold, self._toward_bulk(graph, edge))
        path = self._within_width(graph.mid[chords], chords.index(edge), threshold)
        normal = graph.normal(edge)
        reach = 0.25 * threshold
        tail_a = self._march(path[0], _heading(path, reach, normal, -1.0), threshold)
        tail_b = self._march(path[-1], _heading(path[::-1], reach, normal, 1.0), threshold)
        return np.vstack([tail_a[::-1], path, tail_b])

    def _within_width(self, path: np.ndarray, anchor: int, threshold: float) -> np.ndarray:
        """The path without end points whose cross-section is wider than ``threshold``
        (never past point ``anchor``, the neck's): at a corridor's mouth the chords fan out
        from its corners into the ground it opens into, their midpoints beyond the mouth."""
        first, last = 0, len(path) - 1
        while first < anchor and self._wider(path[first], path[first + 1], threshold):
            first += 1
        while last > anchor and self._wider(path[last], path[last - 1], threshold):
            last -= 1
        return path[first : last + 1]

    def _wider(self, point: np.ndarray, inner: np.ndarray, threshold: float) -> bool:
        """Whether the cross-section at ``point`` (the path going on to ``inner``) is wider
        than ``threshold``, taken a hair inside: a point on a mouth's line has a section
        along the ground's wall there."""
        step = inner - point
        norm = float(np.hypot(*step))
        if norm == 0:
            return False
        along = step / norm
        probe = point + min(1e-3 * threshold, 0.5 * norm) * along
        return self._section(probe, along, threshold) is None

    def _toward_bulk(self, graph: _Graph, edge: int) -> list[bool]:
        """Separating chords that lead from chord ``edge`` toward the bulk of its side: the
        side beyond them holds at least ``_BULK_SHARE`` of that side. A corridor opening into a body
        goes on no further: chords along the body's edge near the mouth cut off only its
        corners (spurs of the medial axis), however big those corners are."""
        mesh, keep = graph.mesh, graph.separating.copy()
        ends = mesh.edge_v
        on_shell = (mesh.ring[ends[:, 0]] == 0) & (mesh.ring[ends[:, 1]] == 0)
        if not on_shell[edge]:
            return keep.tolist()  # a cut of a hole's ring: its sides are no arcs of the shell
        m = len(self.rings.verts[0])
        tu, tv = mesh.t[ends[edge]]
        chords = np.flatnonzero(keep & on_shell)
        ta, tb = mesh.t[ends[chords, 0]], mesh.t[ends[chords, 1]]
        span = (tv - tu) % m
        pa, pb = (ta - tu) % m, (tb - tu) % m
        in_uv = (pa <= span) & (pb <= span)  # on the side the arc u->v bounds
        # Positions along the arc of that side, from its start: the chord's far side is the
        # arc between its ends.
        qa = np.where(in_uv, pa, (ta - tv) % m)
        qb = np.where(in_uv, pb, (tb - tv) % m)
        first, last = np.where(qa <= qb, ta, tb), np.where(qa <= qb, tb, ta)
        far, _ = self.rings.arc_side(0, first, last)
        side_uv = float(self.rings.arc_side(0, np.array([tu]), np.array([tv]))[0][0])
        side = np.where(in_uv, side_uv, self.rings.part_area - side_uv)
        keep[chords] = far >= _BULK_SHARE * side
        keep[edge] = True
        return keep.tolist()

    def _march(self, start: np.ndarray, normal: np.ndarray, threshold: float) -> np.ndarray:
        """Centreline points beyond ``start`` (direction ``normal``) while the width allows.

        Steps are a quarter of the local width, at least 1/64 of the threshold (a tapering
        spike would otherwise take ever smaller steps); a step that does not move forward
        ends the march.
        """
        points: list[np.ndarray] = []
        here, width = start, threshold / 2.0
        min_step = threshold / 64.0
        budget = sum(self.rings.length(r) for r in range(self.rings.count))
        travelled = 0.0
        while travelled < budget and len(points) < 100_000:
            step = max(0.25 * width, min_step)
            section = self._section(here + step * normal, normal, threshold)
            if section is None:
                lo, hi = 0.0, step
                for _ in range(10):
                    mid = (lo + hi) / 2.0
                    if self._centred_section(here + mid * normal, normal, threshold) is None:
                        hi = mid
                    else:
                        lo = mid
                if lo > 0:
                    points.append(here + lo * normal)
                break
            width, centre, along = section
            if (centre - here) @ normal < 0.25 * step:
                break
            turned = np.array([-along[1], along[0]])
            normal = turned if turned @ normal >= 0 else -turned
            travelled += float(np.hypot(*(centre - here)))
            points.append(centre)
            here = centre
        return np.array(points).reshape(-1, 2)

    def _centred_section(
        self, point: np.ndarray, normal: np.ndarray, threshold: float
    ) -> tuple[float, np.ndarray, np.ndarray] | None:
        """``_section`` where ``point`` lies in the middle half of it: past a corridor's
        mouth a chord from the far wall of the ground beyond still ends in the corridor,
        though the point is no longer on a centreline."""
        section = self._section(point, normal, threshold)
        if section is None or np.hypot(*(section[1] - point)) > 0.25 * section[0]:
            return None
        return section

    def _section(
        self, point: np.ndarray, normal: np.ndarray, threshold: float
    ) -> tuple[float, np.ndarray, np.ndarray] | None:
        """The shortest chord through ``point`` within 40 degrees of square to ``normal``:
        (length, midpoint, unit direction), or None if outside or wider than threshold."""
        ground, ponds = self._ponds_as_ground(threshold)
        if not shapely.contains_xy(ground, point[0], point[1]):
            return None
        idx = self.segments.near(point - threshold, point + threshold)
        if ponds.size:
            idx = idx[~np.isin(self.segments.ring[idx], ponds)]
        if idx.size == 0:
            return None
        angle = np.radians(np.arange(-40.0, 41.0, 10.0))
        base = math.atan2(normal[1], normal[0]) + math.pi / 2.0
        u = np.column_stack([np.cos(base + angle), np.sin(base + angle)])[:, None]
        c, e = self.segments.a[idx][None], (self.segments.b[idx] - self.segments.a[idx])[None]
        denom = _cross(u, e)
        with np.errstate(divide="ignore", invalid="ignore"):
            lam = _cross(c - point, e) / denom
            mu = _cross(c - point, u) / denom
        hit = (denom != 0) & (mu >= 0) & (mu <= 1)
        ahead = np.where(hit & (lam > 0), lam, np.inf).min(axis=1)
        behind = np.where(hit & (lam < 0), lam, -np.inf).max(axis=1)
        length = ahead - behind
        k = int(np.argmin(length))
        if not np.isfinite(length[k]) or length[k] > threshold:
            return None
        direction = u[k, 0]
        centre = point + 0.5 * (ahead[k] + behind[k]) * direction
        return float(length[k]), centre, direction

    def _ponds_as_ground(self, threshold: float) -> tuple[Polygon, np.ndarray]:
        """The part with its holes narrower than ``threshold`` filled, and those holes' ring
        numbers: a cross-section of a corridor passes over a pond in it (the centreline
        forks round it, and the corridor goes on), so its width is taken across."""
        if threshold not in self._ponds:
            verts = self.rings.verts
            if self._hole_widths is None:  # once per part, whatever the thresholds
                self._hole_widths = [_narrowness(v) for v in verts[1:]]
            narrow = [r for r, w in enumerate(self._hole_widths, start=1) if w < threshold]
            ground = self.poly
            if narrow:
                ground = Polygon(
                    verts[0], [v for r, v in enumerate(verts[1:], 1) if r not in narrow]
                )
                shapely.prepare(ground)
            self._ponds[threshold] = ground, np.array(narrow, dtype=np.int64)
        return self._ponds[threshold]

    def _smoothed(self, path: np.ndarray, width: float, threshold: float) -> LineString:
        """The centreline without the wobble of chord midpoints (at the scale of boundary
        detail), simplified no further than keeps it on the ground: simplifying by a share of
        a wide neck's width cut across the corner of a pinch it passes, off the part."""
        line = LineString(path)
        ground, _ = self._ponds_as_ground(threshold)
        tolerance = 0.05 * width
        while tolerance > 1e-4 * width:
            simple = shapely.simplify(line, tolerance)
            if shapely.covers(ground, simple):
                return simple
            tolerance /= 4.0
        return line

    def _shift(self, xy: np.ndarray) -> np.ndarray:
        return xy + self.origin

    def _neck(self, graph: _Graph, part_id: int, rank: int, cut: _Cut) -> Neck:
        width, tu, tv, r = cut.width, cut.tu, cut.tv, cut.ring
        rings = self.rings
        side, sign = rings.arc_side(r, np.array([tu]), np.array([tv]))
        side, sign = float(side[0]), float(sign[0])
        minor = min(side, rings.part_area - side)
        pu, pv = rings.point(r, np.array([tu, tv]))
        # The arc side lies left of v->u when sign > 0; put the smaller side on the left.
        small_is_arc = side <= rings.part_area - side
        ends = [pv, pu] if (sign > 0) == small_is_arc else [pu, pv]
        chord = LineString(np.array(ends) + self.origin)
        threshold = self.corridor_width or 2.0 * width
        path = self._centreline(graph, cut, threshold)
        corridor = None
        if len(path) >= 2:
            corridor = shapely.transform(self._smoothed(path, width, threshold), self._shift)
            if corridor.length == 0:
                corridor = None
        return Neck(
            part_id=part_id,
            rank=rank,
            chord=chord,
            width=width,
            corridor=corridor,
            corridor_length=corridor.length if corridor is not None else 0.0,
            side_a_area=minor,
            side_b_area=rings.part_area - minor,
            part_area=rings.part_area,
        )


def _narrowness(ring: np.ndarray) -> float:
    """The shorter side of the smallest rectangle round a ring: how wide a strip it fits in."""
    rectangle = shapely.get_coordinates(shapely.minimum_rotated_rectangle(Polygon(ring)))
    sides = np.hypot(*np.diff(rectangle[:3], axis=0).T)
    return float(sides.min())


def _crosses(corridor: BaseGeometry | None, chord: LineString, width: float) -> bool:
    """Whether a neck's ``chord`` crosses another's corridor (or reach), that of a neck
    ``width`` wide. A corridor that ends where it opens out stops short of a chord at that
    mouth (its march bisects to the last section under the limit, which must be centred on
    it: a strip meeting the ground at a slant has a short cut there, 1 m from where its
    corridor ends): within _ON_CHORD of the chord's length or _ON_CHORD_OWN of the
    corridor's width counts (not of a long chord's: a side lobe's corridor ending 300 m
    from an 8 km chord does not reach it)."""
    reach = max(_ON_CHORD * chord.length, _ON_CHORD_OWN * width)
    return corridor is not None and corridor.dwithin(chord, reach)


def _on_level(
    level: float,
    side: np.ndarray,
    pu: np.ndarray,
    su: np.ndarray,
    pv: np.ndarray,
    sv: np.ndarray,
    expected: float,
) -> np.ndarray:
    """The shortest cut on the best piece pairs where the area ``side`` (bilinear in the
    end fractions) equals ``level``, refined by zooming: rows (width, su, sv, expected)."""
    s00, s10, s01, s11 = side[:-1, :-1], side[1:, :-1], side[:-1, 1:], side[1:, 1:]
    lo = np.minimum(np.minimum(s00, s10), np.minimum(s01, s11))
    hi = np.maximum(np.maximum(s00, s10), np.maximum(s01, s11))
    i, j = np.nonzero((lo <= level) & (level <= hi))
    if i.size == 0:
        return np.zeros((0, 4))
    a, b, c, d = s00[i, j], s10[i, j], s01[i, j], s11[i, j]
    coef = (a, b - a, c - a, d - b - c + a)
    ends = (pu[i], pu[i + 1] - pu[i], pv[j], pv[j + 1] - pv[j])
    offsets = np.linspace(0.0, 1.0, _LEVEL_SAMPLES)
    fu = np.broadcast_to(offsets, (i.size, offsets.size))
    width, _ = _level_widths(level, coef, ends, fu)
    best = np.argmin(width, axis=1)
    sampled = width[np.arange(i.size), best]
    top = np.argsort(sampled, kind="stable")[:_LEVEL_PAIRS]
    top = top[np.isfinite(sampled[top])]
    if top.size == 0:
        return np.zeros((0, 4))
    coef = tuple(x[top] for x in coef)
    ends = tuple(x[top] for x in ends)
    centre, step = offsets[best[top]], 1.0 / (_LEVEL_SAMPLES - 1)
    zoom = np.linspace(-1.0, 1.0, _LEVEL_SAMPLES)
    rows = np.arange(top.size)
    for _ in range(_LEVEL_ZOOMS):
        grid = np.clip(centre[:, None] + step * zoom, 0.0, 1.0)
        width, fv = _level_widths(level, coef, ends, grid)
        k = np.argmin(width, axis=1)
        centre = np.where(np.isfinite(width[rows, k]), grid[rows, k], centre)
        step /= 16.0
    width, fv = _level_widths(level, coef, ends, centre[:, None])
    ok = np.isfinite(width[:, 0])
    it, jt = i[top], j[top]
    s_u = su[it] + centre * (su[it + 1] - su[it])
    s_v = sv[jt] + fv[:, 0] * (sv[jt + 1] - sv[jt])
    out = np.column_stack([width[:, 0], s_u, s_v, np.full(top.size, expected)])
    return out[ok]


def _level_widths(level: float, coef: tuple, ends: tuple, fu: np.ndarray):
    """Cut lengths at end fractions fu (rows: piece pairs) with the other end on the level
    curve, and that end's fraction; inf where the curve leaves the pair."""
    c0, cu, cv, cuv = (x[:, None] for x in coef)
    a, da, b, db = (x[:, None] for x in ends)
    with np.errstate(divide="ignore", invalid="ignore"):
        fv = (level - c0 - cu * fu) / (cv + cuv * fu)
    ok = np.isfinite(fv) & (fv >= 0.0) & (fv <= 1.0)
    fv = np.where(ok, fv, 0.0)
    gap = a + fu[..., None] * da - b - fv[..., None] * db
    return np.where(ok, np.hypot(gap[..., 0], gap[..., 1]), np.inf), fv


def _overlap_middle(
    a: np.ndarray, da: np.ndarray, b: np.ndarray, db: np.ndarray, width: float
) -> tuple[float, float] | None:
    """Fractions along segments a + f da and b + g db of the middle of the cuts square to
    both, when they are antiparallel (facing walls) ``width`` apart and overlap; else None."""
    la, lb = float(np.hypot(*da)), float(np.hypot(*db))
    if la == 0 or lb == 0:
        return None
    ua, ub = da / la, db / lb
    if abs(float(_cross(ua, ub))) > 1e-9 or float(ua @ ub) > 0:
        return None
    if abs(abs(float(_cross(ua, b - a))) - width) > 1e-9 * max(width, 1.0):
        return None
    # B's ends along A's axis: the overlap, and its middle.
    along = sorted((float((b - a) @ ua), float((b + db - a) @ ua)))
    lo, hi = max(0.0, along[0]), min(la, along[1])
    if hi - lo <= 1e-9 * la:
        return None
    mid = 0.5 * (lo + hi)
    foot = a + mid * ua
    return mid / la, float(np.clip((foot - b) @ ub / lb, 0.0, 1.0))


def _vertex_to_segments(
    p: np.ndarray, sp: np.ndarray, q: np.ndarray, sq: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distance from every point p to every segment of polyline q, with arc positions of
    both ends (sp of p; sq of q's vertices, linear along each segment), flattened."""
    a, ab = q[:-1][None], (q[1:] - q[:-1])[None]
    n2 = np.einsum("...i,...i->...", ab, ab)
    with np.errstate(divide="ignore", invalid="ignore"):
        f = np.einsum("...i,...i->...", p[:, None] - a, ab) / n2
    f = np.clip(np.nan_to_num(f), 0.0, 1.0)
    d = np.hypot(*np.moveaxis(p[:, None] - a - f[..., None] * ab, -1, 0))
    s_on_q = sq[:-1][None] + f * np.diff(sq)[None]
    s_of_p = np.broadcast_to(sp[:, None], d.shape)
    return d.ravel(), s_of_p.ravel(), s_on_q.ravel()


def _retag(cut: _Cut | None, anchor: int, mesh: _Mesh, is_cand: np.ndarray) -> _Cut | None:
    """Start the corridor of a cut polished from a non-separating seed at a separating chord."""
    if cut is None or (cut.edge >= 0 and is_cand[cut.edge]):
        return cut
    return _Cut(cut.width, anchor, cut.tu, cut.tv, cut.ring)


def _graded(span: float, h_start: float, h_end: float) -> np.ndarray:
    """Offsets along a segment: steps of h from each end that has one, doubling after a while."""
    out = []
    both = np.isfinite(h_start) and np.isfinite(h_end)
    for h, from_end in ((h_start, False), (h_end, True)):
        if not np.isfinite(h):
            continue
        limit = span / 2.0 if both else span - 0.5 * h
        steps = h * np.arange(1, _UNIFORM_STEPS + 1)
        if steps[-1] < limit:
            doubling = steps[-1] * 2.0 ** np.arange(1, 2 + math.ceil(math.log2(limit / steps[-1])))
            steps = np.r_[steps, doubling]
        steps = steps[steps < limit]
        out.append(span - steps if from_end else steps)
    offsets = np.sort(np.concatenate(out)) if out else np.zeros(0)
    if offsets.size:
        h = min(h_start, h_end)
        offsets = offsets[(offsets > 0.25 * h) & (offsets < span - 0.25 * h)]
        if offsets.size > 1:
            offsets = offsets[np.r_[True, np.diff(offsets) > 0.25 * h]]
    return offsets


def _heading(path: np.ndarray, reach: float, normal: np.ndarray, sign: float) -> np.ndarray:
    """Direction in which ``path`` leaves its first point, from up to ``reach`` back along it
    (``sign`` x ``normal`` when the path is a single point)."""
    steps = np.hypot(*np.diff(path, axis=0).T)
    if steps.size == 0 or steps.sum() == 0:
        return sign * normal
    k = int(min(np.searchsorted(np.cumsum(steps), reach) + 1, len(path) - 1))
    d = path[0] - path[k]
    return d / float(np.hypot(*d))


class _Graph:
    """The dual graph of the kept triangles, as Python lists for walks."""

    def __init__(self, mesh: _Mesh, separating: np.ndarray):
        self.mesh = mesh
        self.edge_tris = mesh.edge_tris.tolist()
        self.tri_edges = mesh.tri_edges.tolist()
        self.length = mesh.length.tolist()
        # Basins pass chords within one ring only: chords to and between holes (ponds in a
        # wide body) would join necks that wide ground parts.
        one_ring = mesh.ring[mesh.edge_v[:, 0]] == mesh.ring[mesh.edge_v[:, 1]]
        self.chord = (mesh.chord & one_ring).tolist()
        self.separating = separating
        self.ends = mesh.points[mesh.edge_v]
        self.mid = self.ends.mean(axis=1)

    def normal(self, e: int) -> np.ndarray:
        d = self.ends[e, 1] - self.ends[e, 0]
        return np.array([-d[1], d[0]]) / max(float(np.hypot(*d)), 1e-300)

    def nearest(self, point: np.ndarray, within: float, threshold: float, default: int) -> int:
        """The corridor chord (separating, no longer than ``threshold``) whose midpoint is
        nearest ``point`` and less than ``within`` from it; else ``default``."""
        usable = np.flatnonzero(self.separating & (self.mesh.length <= threshold))
        if usable.size == 0:
            return default
        gap = np.hypot(*(self.mid[usable] - point).T)
        best = int(np.argmin(gap))
        return int(usable[best]) if gap[best] < within else default

    def walk(
        self,
        start: int,
        threshold: float,
        avoid: np.ndarray | None = None,
        through: list | None = None,
    ) -> set:
        """Chords reachable from ``start`` through chords no longer than ``threshold``
        (and among ``through`` if given), not entering chords of ``avoid``."""
        seen = {start}
        stack = [start]
        length, chord = self.length, through or self.chord
        while stack:
            e = stack.pop()
            for t in self.edge_tris[e]:
                if t < 0:
                    continue
                for e2 in self.tri_edges[t]:
                    if e2 in seen or not chord[e2] or length[e2] > threshold:
                        continue
                    if avoid is not None and avoid[e2]:
                        continue
                    seen.add(e2)
                    stack.append(e2)
        return seen

    def corridor(self, start: int, threshold: float, through: list[bool]) -> list[int]:
        """Chords from the farthest one on one side, through ``start``, to the other side.

        Only chords of ``through`` count: those that separate two big sides toward the bulk
        of each; the others lead into spurs of the medial axis (bulges, teeth and corners of
        the boundary), not along the corridor.
        """
        members = self.walk(start, threshold, through=through)
        sides = [self._farthest_path(start, t, members) for t in self.edge_tris[start]]
        return list(reversed(sides[0])) + sides[1][1:]

    def _farthest_path(self, start: int, first_tri: int, members: set) -> list[int]:
        if first_tri < 0:
            return [start]
        mid = self.mid
        dist = {start: 0.0}
        prev: dict[int, int] = {}
        heap: list[tuple[float, int]] = []

        def relax(e: int, tri: int, d: float) -> None:
            for e2 in self.tri_edges[tri]:
                if e2 == start or e2 not in members:
                    continue
                nd = d + float(np.hypot(*(mid[e2] - mid[e])))
                if nd < dist.get(e2, math.inf):
                    dist[e2] = nd
                    prev[e2] = e
                    heapq.heappush(heap, (nd, e2))

        relax(start, first_tri, 0.0)
        while heap:
            d, e = heapq.heappop(heap)
            if d > dist[e]:
                continue
            for t in self.edge_tris[e]:
                if t >= 0:
                    relax(e, t, d)
        far = max(dist, key=dist.get)
        path = [far]
        while path[-1] != start:
            path.append(prev[path[-1]])
        return list(reversed(path))
