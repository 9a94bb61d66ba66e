"""Near-encirclement: pieces of held ground, their openings to the rear and their hostile edge.

All geometries are shapely geometries in one planar metric CRS (metres); areas are m².
Lengths (neck widths, rear contact, openings) are planar too unless ``measure`` is given: then
they, and the thresholds they are held against, are that measure's (the glue's: on the
ellipsoid), so that a reported opening and the status it gives agree.

Definitions (``frontline:encirclement`` documents the same):

* HELD is cut into **pieces** at every neck narrower than ``max_link_width`` (the necks of
  :mod:`frontline.core.necks`, each side at least ``min_piece_area``) that links two bodies of
  ground: each side must hold a disc wider than the neck. A chord that only cuts off a corner
  (the ground narrows steadily towards it, no wider body lies beyond) is no link. Separate parts
  smaller than ``min_piece_area`` are left out (they still count in the total held area).
* A stretch of a piece's boundary running along REAR within ``contact_tolerance`` of it
  touches the rear (``rear_contact``); where the boundary leaves the tolerance of REAR, the
  ramp by which it closes in on REAR steeper than 1 m in 2 overall is no contact (inside
  the tolerance every wobble counts; a tolerance of 0 is taken as 1 mm). Without REAR, the
  largest piece is the **main body** and plays the rear's part: it reaches the rear by
  definition and has no opening of its own (``opening`` None).
* A piece's **opening**: its rear contact, plus the width of each neck joining it to a piece
  that reaches the rear without passing through it.
* **hostile_contact**: the share of the piece's boundary that borders hostile ground. Neck
  chords and rear contact are never hostile. With HOSTILE, only boundary running along it
  within ``contact_tolerance`` counts (as for the rear); without it, everything else does,
  except the edge of LAND (a coast is not hostile ground).
* **status**: ``encircled`` (opening under 1 m: a corner or a pinch of drawing noise is no way
  out), ``near_encircled`` (opening below ``max_link_width``
  or hostile_contact at least ``max_hostile_contact``), ``salient`` (hostile_contact at least
  0.5), else ``secure``; the main body is judged by its hostile contact only.
* With ``fire_range`` > 0, ground within that distance of hostile ground is under fire;
  ``fire_free_opening`` is the part of the opening outside it, and a piece with an opening
  entirely under fire is ``fire_controlled``. Without HOSTILE, hostile ground is what is
  neither HELD nor REAR, on LAND, less its strips narrower than ``contact_tolerance`` within
  that tolerance of HELD and of REAR or the coast (gaps between layers drawn apart) and its
  strips narrower than a metre anywhere (seams, pinholes).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Optional

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel, substring

from .necks import (
    GAP_WIDTH,
    Measure,
    Rings,
    find_necks,
    polygon_parts,
    split_by_chords,
    without_gaps,
)
from .shapes import (
    SNAP_GRID,
    clean_polygonal,
    line_segments,
    linework,
    opened,
    point_segment_distance,
    segment_lines,
)

ENCIRCLED = "encircled"
NEAR_ENCIRCLED = "near_encircled"
SALIENT = "salient"
SECURE = "secure"
POCKET_STATUSES = (ENCIRCLED, NEAR_ENCIRCLED)

NECK = "neck"
REAR_CONTACT = "rear_contact"

_EPSILON = 0.01  # m: chords lie on the boundaries of the pieces they separate
_SHARE_BAND = 1e-6  # m: the band round chords and rear contact kept out of the hostile share
_SHARE_DECIMALS = 7  # the hostile share is given to this many decimals
_MIN_CONTACT_TOLERANCE = 1e-3  # m: contact at a tolerance of 0 is within rounding of it
_RAMP_SLOPE = 0.5  # a boundary nearing the rear faster than this (30 degrees) only ramps in
_RAMP_STEPS = 64  # samples over the 2-tolerance window where a ramp may end
_RAMP_REFINE = 16  # samples round the best one, each round
_PAIRS_AT_ONCE = 2_000_000  # point-edge distances computed in one array
# How far past the tolerance the zone (GEOS's buffer) may reach: 0.7 % on jagged targets.
_ZONE_REACH = 1.02

CancelCheck = Optional[Callable[[], bool]]
# m: an opening narrower than this is none (a corner touching a corner, or pushed a hair
# into an edge by projecting, joins two pieces by a sub-metre pinch)
_CLOSED_BELOW = 1.0


class EncirclementCancelledError(Exception):
    """Raised between steps when the caller's cancel check answers True."""


@dataclass(frozen=True)
class Piece:
    geometry: Polygon
    status: str
    area: float  # m²
    share: float  # of all held ground
    opening: float | None  # m; None for the main body (no REAR)
    rear_contact: float  # m
    hostile_contact: float  # 0..1
    fire_free_opening: float | None  # m; None with fire range off
    fire_controlled: bool
    is_main_body: bool = False
    joining_necks: tuple[int, ...] = ()  # indexes into links of the necks in its opening

    @property
    def is_pocket(self) -> bool:
        return self.status in POCKET_STATUSES


@dataclass(frozen=True)
class Link:
    geometry: BaseGeometry  # a neck chord, or the rear-contact lines of one piece
    kind: str  # NECK or REAR_CONTACT
    length: float  # m
    piece_ids: tuple[int, ...]  # indexes into EncirclementResult.pieces


@dataclass(frozen=True)
class EncirclementResult:
    pieces: list[Piece]
    links: list[Link]
    held_area: float  # m², all held ground (after LAND)
    left_out: int = 0  # parts smaller than the minimum piece area
    overlap_with_hostile: float = 0.0  # m² of HELD also in HOSTILE (a warning for the caller)

    @property
    def pockets(self) -> int:
        return sum(piece.is_pocket for piece in self.pieces)

    @property
    def pocket_share(self) -> float:
        if self.held_area <= 0:
            return 0.0
        share = math.fsum(p.area for p in self.pieces if p.is_pocket) / self.held_area
        return min(share, 1.0)  # all held ground in pockets: rounding must not pass 1


@dataclass
class _Settings:
    max_link_width: float
    max_hostile_contact: float
    contact_tolerance: float
    min_piece_area: float
    fire_range: float
    measure: Measure


@dataclass(frozen=True)
class _Surroundings:
    """What every piece is measured against, built once: the necks (chord, width, piece a,
    piece b), the ground within the contact tolerance of HOSTILE (when given),
    else LAND's coast widened by it (when given), the zone under fire, all held ground."""

    necks: tuple[tuple[LineString, float, int, int], ...]
    near_hostile: _Near | None
    coast: _Near | None
    fire_zone: BaseGeometry | None
    held_area: float
    settings: _Settings


@dataclass
class _Cut:
    """Pieces of held ground and the necks between them."""

    pieces: list[Polygon] = field(default_factory=list)
    necks: list[tuple[LineString, float, int, int]] = field(default_factory=list)
    left_out: int = 0
    area: float = 0.0  # of all parts, left out or not, their sub-metre gaps closed


def detect_encirclement(
    held: BaseGeometry,
    *,
    rear: BaseGeometry | None = None,
    hostile: BaseGeometry | None = None,
    max_link_width: float = 2000.0,
    max_hostile_contact: float = 0.75,
    contact_tolerance: float = 100.0,
    min_piece_area: float = 0.5e6,
    fire_range: float = 0.0,
    land: BaseGeometry | None = None,
    is_cancelled: CancelCheck = None,
    measure: Measure | None = None,
) -> EncirclementResult:
    """Pieces of `held` with their status, opening and hostile contact (see the module doc)."""
    settings = _Settings(
        max_link_width,
        max_hostile_contact,
        contact_tolerance,
        min_piece_area,
        fire_range,
        measure or _planar_length,
    )
    held = clean_polygonal(held)
    land = clean_polygonal(land) if land is not None else None
    if land is not None:
        held = shapely.intersection(held, land)
    rear = clean_polygonal(rear) if rear is not None else None
    if rear is not None and rear.is_empty:
        rear = None  # an empty rear is no rear: the largest piece plays its part
    hostile = clean_polygonal(hostile) if hostile is not None else None
    # Edges shared by two layers are a rounding error apart once projected: at 0 they
    # touched along a fifth of their length, and a coast counted as hostile.
    tolerance = max(settings.contact_tolerance, _MIN_CONTACT_TOLERANCE)
    near_rear = _Near(rear, tolerance) if rear is not None else None
    cut = _cut_into_pieces(held, settings, is_cancelled)
    _check(is_cancelled)
    chords = shapely.union_all([chord for chord, *_ in cut.necks]) if cut.necks else None
    # Each piece's boundary but its necks, once: its rear contact and hostile edge lie there.
    # The share's band: what it leaves beside a chord is rear contact, not hostile edge.
    chord_band = _band(chords)  # once for all pieces
    edges = [_outside(piece.boundary, chord_band) for piece in cut.pieces]
    rear_lines = [_rear_lines(edge, near_rear) for edge in edges]
    main_body = _main_body(cut.pieces) if rear is None else None
    reaches = [bool(line.length > 0) for line in rear_lines]
    if main_body is not None:
        reaches[main_body] = True
    near_hostile = coast = None
    if hostile is not None:
        near_hostile = _Near(hostile, tolerance)
    elif land is not None:
        coast = _Near(land.boundary, tolerance)
    hostile_zone = None  # for fire ranges
    if settings.fire_range > 0:
        hostile_zone = hostile
        if hostile is None:
            slack = [near.zone for near in (near_rear, coast) if near is not None]
            reach = settings.fire_range + settings.contact_tolerance
            hostile_zone = _hostile_ground(held, rear, land, slack, tolerance, reach)
    fire_zone = _fire_zone(hostile_zone, settings)
    around = _Surroundings(tuple(cut.necks), near_hostile, coast, fire_zone, cut.area, settings)
    pieces = []
    for index, polygon in enumerate(cut.pieces):
        _check(is_cancelled)
        joining = tuple(_joining_necks(index, cut.necks, reaches))
        lines = (edges[index], rear_lines[index])
        pieces.append(_measure_piece(polygon, index == main_body, lines, joining, around))
    links = [Link(chord, NECK, width, (a, b)) for chord, width, a, b in cut.necks]
    links += [
        Link(lines, REAR_CONTACT, settings.measure(lines), (i,))
        for i, lines in enumerate(rear_lines)
        if lines.length > 0
    ]
    overlap = 0.0
    if hostile is not None:
        with np.errstate(invalid="ignore"):  # GEOS's stray floating-point flag (shapely#1345)
            overlap = shapely.intersection(held, hostile).area
    return EncirclementResult(pieces, links, cut.area, cut.left_out, overlap)


def _planar_length(line: BaseGeometry) -> float:
    return line.length


def _check(is_cancelled: CancelCheck) -> None:
    if is_cancelled is not None and is_cancelled():
        raise EncirclementCancelledError


def _cut_into_pieces(held: BaseGeometry, settings: _Settings, is_cancelled) -> _Cut:
    cut = _Cut()
    for part in polygon_parts(held):
        _check(is_cancelled)
        # Seams and pinholes narrower than GAP_WIDTH are drawing noise: no piece's edge.
        part = without_gaps(part)
        cut.area += part.area
        if part.area < settings.min_piece_area:
            cut.left_out += 1
            continue
        links_bodies = _Bodies(part)
        necks = find_necks(  # widths by the measure, and held against the limit by it
            part,
            min_lobe_area=settings.min_piece_area,
            max_width=settings.max_link_width,
            max_necks=None,
            is_cancelled=is_cancelled,
            measure=settings.measure,
            # A cut that only cuts off a corner must not hide a link near it.
            accept=links_bodies,
        )
        links = [
            n for n in necks if n.width < settings.max_link_width and links_bodies(n.chord, n.width)
        ]
        width_of = {id(n.chord): n.width for n in links}
        pieces, chords = _split_keeping_min_area(
            part, [n.chord for n in links], settings.min_piece_area
        )
        first = len(cut.pieces)
        cut.pieces += pieces
        boundaries = shapely.boundary(np.asarray(pieces, dtype=object))  # once for all chords
        for chord in chords:
            for a, b in _sides_of(chord, boundaries):
                cut.necks.append((chord, width_of[id(chord)], first + a, first + b))
    return cut


def _split_keeping_min_area(
    part: Polygon, chords: list[LineString], min_area: float
) -> tuple[list[Polygon], list[LineString]]:
    """The part cut at the chords, and the chords used: each neck leaves MIN_PIECE_AREA on
    both of its sides, but a piece between two necks may be smaller; then the widest chord
    on its edge is given up until every piece is big enough."""
    chords = list(chords)
    while True:
        pieces = split_by_chords(part, chords) if chords else [part]
        small = [p for p in pieces if p.area < min_area]
        if not small or not chords:
            return pieces, chords
        edges = shapely.union_all([p.boundary for p in small])
        on_small = [
            c for c in chords if edges.distance(c.interpolate(0.5, normalized=True)) < _EPSILON
        ]
        if not on_small:
            return pieces, chords
        chords.remove(max(on_small, key=lambda c: c.length))


class _Bodies:
    """Whether a chord across a part leaves on each side a disc wider than ``width``: a link
    between bodies, not a cut across a corner. Called for thousands of chords of one part: a
    chord with both ends on the shell (touching nothing else) is weighed from the part's
    ``Rings`` (its sides' areas and which side a hole or the part's widest disc lies on), and
    a side is only built as a polygon when that does not settle it; other chords split the
    part."""

    def __init__(self, part: Polygon) -> None:
        self.part = part
        self.rings = Rings(part)
        verts = self.rings.verts
        self.segments = _segment_tree(verts[:1])
        self.boundary_tree = _segment_tree(verts)
        scale = math.sqrt(part.area)
        self.centre = polylabel(part, tolerance=max(scale / 1000.0, 1e-6))
        self.radius = part.boundary.distance(self.centre)
        self.centre_xy = np.array(self.centre.coords[0])
        self.centre_crossings = self.rings.ray_crossings(0, self.centre_xy)

    def __call__(self, chord: LineString, width: float) -> bool:
        ends = np.asarray(chord.coords)[[0, -1]]
        tu, tv = (self._on_shell(end) for end in ends)
        if tu is None or tv is None or int(tu) == int(tv) or self._touches_between(ends):
            return self._split(chord, width)
        rings, half = self.rings, width / 2.0
        first = float(rings.arc_side(0, np.array([tu]), np.array([tv]))[0][0])
        centre_first = rings.on_arc_side(0, tu, tv, self.centre_xy, self.centre_crossings)
        for side, area in enumerate((first, rings.part_area - first)):
            if area < math.pi / 4.0 * width * width:
                return False  # no disc that wide fits
            holds_centre = centre_first == (side == 0)
            if holds_centre and self.radius > half and chord.distance(self.centre) > half:
                continue  # the part's widest disc, cut down to the chord, is still wider
            polygon = self._side(tu, tv) if side == 0 else self._side(tv, tu)
            if not polygon.is_valid:  # a hole or a vertex of the shell on the chord's way
                return self._split(chord, width)
            if not _holds_disc(polygon, width):
                return False
        return True

    def _split(self, chord: LineString, width: float) -> bool:
        sides = split_by_chords(self.part, [chord])
        return len(sides) == 2 and all(_holds_disc(side, width) for side in sides)

    def _on_shell(self, point: np.ndarray) -> float | None:
        """The shell position (segment and fraction, as ``Rings`` counts) of ``point``."""
        index, gap = self.segments.query_nearest(
            shapely.points(point), return_distance=True, all_matches=False
        )
        if gap[0] > _ON_RING:
            return None
        k = int(index[0])
        start, length = self.rings.verts[0][k], self.rings.seglen[0][k]
        return k + min(float(np.hypot(*(point - start))) / max(length, 1e-300), 1.0 - 1e-12)

    def _touches_between(self, ends: np.ndarray) -> bool:
        """Whether the chord meets the boundary other than at its ends (a hole, a vertex):
        then its sides are no two arcs of the shell."""
        step = (ends[1] - ends[0]) * (
            10 * _ON_RING / max(float(np.hypot(*(ends[1] - ends[0]))), 1e-300)
        )
        inner = LineString([ends[0] + step, ends[1] - step])
        return len(self.boundary_tree.query(inner, predicate="dwithin", distance=_ON_RING)) > 0

    def _side(self, tu: float, tv: float) -> Polygon:
        """The side that the shell's arc from tu to tv and the chord bound, with its holes."""
        verts = self.rings.verts[0]
        m = len(verts)
        iu, iv = int(tu), int(tv)
        arc = verts[np.arange(iu + 1, iv + 1 if iv > iu else iv + m + 1) % m]
        pu, pv = self.rings.point(0, np.array([tu, tv]))
        shell = np.vstack([pu, arc, pv])
        shell = shell[np.r_[True, np.any(np.diff(shell, axis=0) != 0, axis=1)]]  # end on a vertex
        inside = self.rings.holes_on_arc_side(0, tu, tv)
        return Polygon(shell, [v for v, keep in zip(self.rings.verts[1:], inside) if keep])


_ON_RING = 1e-6  # m: a chord end this close to a ring lies on it


def _segment_tree(rings: list[np.ndarray]) -> shapely.STRtree:
    """The segments of closed rings (vertex arrays without the closing vertex), indexed in
    ring order."""
    starts = np.vstack(rings)
    ends = np.vstack([np.roll(v, -1, axis=0) for v in rings])
    return shapely.STRtree(segment_lines(starts, ends))


def _holds_disc(polygon: Polygon, width: float) -> bool:
    """Whether a disc wider than ``width`` fits in the polygon. Two points GEOS finds at once
    often show it; the pole of inaccessibility is slow (pure Python with shapely 2.0)."""
    half = width / 2.0
    boundary = polygon.boundary
    for point in (polygon.representative_point(), polygon.centroid):
        if polygon.contains(point) and boundary.distance(point) > half:
            return True
    return _inscribed_diameter(polygon, width) > width


def _inscribed_diameter(polygon: Polygon, scale: float) -> float:
    """Diameter of the largest disc inside the polygon, to within a tenth of `scale`."""
    centre = polylabel(polygon, tolerance=max(scale / 20.0, 1e-6))
    return 2.0 * polygon.boundary.distance(centre)


def _sides_of(chord: LineString, boundaries: np.ndarray) -> list[tuple[int, int]]:
    """The pairs of pieces (indexes into ``boundaries``, the pieces' boundaries) that the
    chord joins: those whose boundary holds a point of it, two at a time. A chord crossed by
    another joins two pairs, one on each side of the crossing."""
    pairs: list[tuple[int, int]] = []
    for share in (0.5, 0.21, 0.37, 0.63, 0.79):
        point = chord.interpolate(share, normalized=True)
        sides = np.flatnonzero(shapely.distance(boundaries, point) < _EPSILON).tolist()
        if len(sides) == 2 and tuple(sides) not in pairs:
            pairs.append((sides[0], sides[1]))
    return pairs


def _main_body(pieces: Sequence[Polygon]) -> int | None:
    if not pieces:
        return None
    return max(range(len(pieces)), key=lambda i: pieces[i].area)


def _rear_lines(edge: BaseGeometry, near_rear: _Near | None) -> BaseGeometry:
    """The piece's ``edge`` (its boundary but its necks) along the rear (``near_rear``)."""
    if near_rear is None:
        return MultiLineString()
    return near_rear.along(edge)


class _Near:
    """What lies within the contact tolerance of a target (REAR, HOSTILE, a coastline)."""

    def __init__(self, target: BaseGeometry, tolerance: float) -> None:
        self.tolerance = tolerance
        self.zone = shapely.buffer(target, tolerance, quad_segs=16)  # the target grown by it
        polygonal = target.geom_type in ("Polygon", "MultiPolygon")
        self._area = target if polygonal else None  # within it the distance is 0
        if self._area is not None:
            shapely.prepare(self._area)
        edges = linework(target.boundary if polygonal else target)
        self._starts, self._ends, _ = line_segments(shapely.get_parts(edges))
        self._edges = shapely.STRtree(segment_lines(self._starts, self._ends))

    def along(self, lines: BaseGeometry) -> BaseGeometry:
        """The stretches of ``lines`` within the tolerance of the target, without the ramps
        by which they leave it: a boundary leaving the target (at a corner, or going on past
        the target's end) stays within the tolerance of it for up to the tolerance's length,
        though it does not run along it. A 1.9 km rear contact read 2.1 km at 100 m. A
        stretch that closes on itself (a boundary wholly within the tolerance) leaves
        nowhere."""
        kept = []
        for line in shapely.get_parts(_lines(_intersection(lines, self.zone))):
            start, end = 0.0, line.length
            if not line.is_closed:
                start = self._ramp_length(line, reverse=False)
                end -= self._ramp_length(line, reverse=True)
            if end > start:
                kept.append(substring(line, start, end))
        return shapely.line_merge(shapely.union_all(kept)) if kept else MultiLineString()

    def gaps(self, xy: np.ndarray, reach: float) -> np.ndarray:
        """Distances of points (n, 2) to the target, each no farther than ``reach`` from it
        (the target's edges farther from all of them are not looked at)."""
        x0, y0 = xy.min(axis=0) - reach
        x1, y1 = xy.max(axis=0) + reach
        near = self._edges.query(shapely.box(x0, y0, x1, y1))
        if near.size * len(xy) > _PAIRS_AT_ONCE:  # a dense target: the tree's search
            points = shapely.points(xy)
            found, gap = self._edges.query_nearest(points, return_distance=True, all_matches=False)
            distance = np.full(len(xy), np.inf)
            distance[found[0]] = gap
        else:
            pairs = len(xy), near.size
            every = point_segment_distance(
                np.repeat(xy, near.size, axis=0),
                np.tile(self._starts[near], (len(xy), 1)),
                np.tile(self._ends[near], (len(xy), 1)),
            )
            distance = every.reshape(pairs).min(axis=1, initial=np.inf)
        if self._area is not None:
            distance[shapely.contains_xy(self._area, xy[:, 0], xy[:, 1])] = 0.0
        return distance

    def _ramp_length(self, line: LineString, reverse: bool) -> float:
        """How far from one end the line closes in on the target: the point that minimises
        its distance plus _RAMP_SLOPE times the way along, within twice the tolerance (a
        ramp closing in steeper than that, jogs and zigzags included, ends there). Sampled
        over the window, then ever closer round the best sample, to a micrometre per metre
        of the tolerance."""
        length, tolerance = line.length, self.tolerance

        def best_of(offsets: np.ndarray) -> float:
            along = np.clip(length - offsets if reverse else offsets, 0.0, length)
            xy = shapely.get_coordinates(shapely.line_interpolate_point(line, along))
            gaps = self.gaps(xy, _ZONE_REACH * tolerance)  # the line lies in the zone
            return float(offsets[np.argmin(gaps + _RAMP_SLOPE * offsets)])

        window = min(length, 2.0 * tolerance)
        step = window / _RAMP_STEPS
        best = best_of(np.linspace(0.0, window, _RAMP_STEPS + 1))
        while step > max(tolerance * 1e-6, 1e-6):
            lo, hi = max(best - step, 0.0), min(best + step, window)
            step = (hi - lo) / _RAMP_REFINE
            best = best_of(np.linspace(lo, hi, _RAMP_REFINE + 1))
        return best


def _intersection(lines: BaseGeometry, area: BaseGeometry) -> BaseGeometry:
    """Lines inside an area. GEOS 3.11 gives an empty result of disjoint inputs NaN
    coordinates, which numpy reports as an "invalid value": harmless here."""
    with np.errstate(invalid="ignore"):
        return shapely.intersection(lines, area)


def _without(lines: BaseGeometry, cut: BaseGeometry | None) -> BaseGeometry:
    """``lines`` but a band of _SHARE_BAND round ``cut`` (chords, rear contact, a coast)."""
    return _outside(lines, _band(cut))


def _band(cut: BaseGeometry | None) -> BaseGeometry | None:
    if cut is None or cut.is_empty:
        return None
    return shapely.buffer(cut, _SHARE_BAND, cap_style="flat")


def _outside(lines: BaseGeometry, band: BaseGeometry | None) -> BaseGeometry:
    return lines if band is None else shapely.difference(lines, band)


def _lines(geometry: BaseGeometry) -> BaseGeometry:
    parts = [
        g for g in shapely.get_parts(geometry) if g.geom_type in ("LineString", "MultiLineString")
    ]
    return shapely.line_merge(shapely.union_all(parts)) if parts else MultiLineString()


def _joining_necks(index: int, necks, reaches: list[bool]) -> list[int]:
    """Necks (indexes) from piece `index` to neighbours that reach the rear without passing
    through it."""
    adjacency: dict[int, list[int]] = {}
    for _, _, a, b in necks:
        adjacency.setdefault(a, []).append(b)
        adjacency.setdefault(b, []).append(a)
    joining = []
    for number, (_, _, a, b) in enumerate(necks):
        if index not in (a, b):
            continue
        neighbour = b if a == index else a
        if _reaches_rear(neighbour, index, adjacency, reaches):
            joining.append(number)
    return joining


def _reaches_rear(start: int, avoid: int, adjacency, reaches: list[bool]) -> bool:
    seen, stack = {avoid, start}, [start]
    while stack:
        node = stack.pop()
        if reaches[node]:
            return True
        for neighbour in adjacency.get(node, ()):
            if neighbour not in seen:
                seen.add(neighbour)
                stack.append(neighbour)
    return False


def _hostile_ground(
    held, rear, land, slack_zones: list, tolerance: float, reach: float
) -> BaseGeometry:
    """Hostile ground for fire ranges without HOSTILE: the ground near HELD that is neither
    HELD nor REAR, on LAND when given, less the strips narrower than the contact tolerance
    along REAR or the coast (gaps between layers drawn apart: hostile_contact takes HELD's
    edge there for rear or coast) and those narrower than GAP_WIDTH anywhere (seams and
    pinholes). An enemy strip narrower than the tolerance elsewhere, such as a wedge into
    HELD, is enemy ground, and so is a wider one reaching REAR or the coast, all of it.
    ``slack_zones``: REAR and the coast grown by the tolerance; ``reach``: how far from HELD
    hostile ground matters."""
    around = shapely.box(*shapely.buffer(held, reach).bounds)
    ground = shapely.difference(around, held)
    if rear is not None:
        ground = shapely.difference(ground, rear)
    if land is not None:
        ground = shapely.intersection(ground, land)
    ground = clean_polygonal(ground)  # overlays may leave lines where edges are shared
    if slack_zones:
        # Thin ground within the tolerance of HELD and of REAR or the coast: a spit of enemy
        # ground off HELD stays. Overlays on a millimetre grid: mitred offsets leave vertices
        # a rounding error off the edges they came from, which broke GEOS's exact overlay.
        # Results kept polygonal: snapping may leave lines, which the next overlay refuses.
        grid = SNAP_GRID
        thin = shapely.difference(ground, opened(ground, tolerance), grid_size=grid)
        thin = clean_polygonal(thin)
        band = shapely.buffer(held, tolerance, quad_segs=16)
        zones = shapely.union_all(slack_zones)
        near = clean_polygonal(shapely.intersection(zones, band, grid_size=grid))
        slack = clean_polygonal(shapely.intersection(thin, near, grid_size=grid))
        ground = shapely.difference(ground, slack, grid_size=grid)
    # Last: the snapped overlay leaves hairs along REAR (0.1 mm wide, 85 km long on Kursk),
    # which a fire range would grow into a band of fire along the rear.
    return clean_polygonal(opened(ground, GAP_WIDTH))


def _fire_zone(hostile_ground, settings: _Settings) -> BaseGeometry | None:
    if hostile_ground is None:
        return None
    return shapely.buffer(hostile_ground, settings.fire_range, quad_segs=16)


def _hostile_share(piece: Polygon, edge, rear_lines, around: _Surroundings) -> float:
    """Share of the piece's boundary along hostile ground (never its necks, whose band
    ``edge`` leaves out already, or rear contact)."""
    total = piece.boundary.length
    if total <= 0:
        return 0.0
    # The bands that take chords and rear contact out also take their own width of the
    # boundary beside each end: a micrometre, far below the share's 7 decimals.
    candidate = _without(edge, rear_lines)
    if around.near_hostile is not None:
        candidate = around.near_hostile.along(candidate)
    elif around.coast is not None:
        candidate = _without(candidate, around.coast.along(candidate))
    return round(min(1.0, _lines(candidate).length / total), _SHARE_DECIMALS)


def _status(
    opening: float | None, hostile_contact: float, settings: _Settings, is_main_body: bool
) -> str:
    if is_main_body:
        # It plays the rear's part: no pocket, whatever borders it.
        return SALIENT if hostile_contact >= 0.5 else SECURE
    if opening is not None and opening < _CLOSED_BELOW:
        return ENCIRCLED
    if opening is not None and opening < settings.max_link_width:
        return NEAR_ENCIRCLED
    if hostile_contact >= settings.max_hostile_contact:
        return NEAR_ENCIRCLED
    if hostile_contact >= 0.5:
        return SALIENT
    return SECURE


def _fire_free(
    rear_lines: BaseGeometry,
    chords_in: list[LineString],
    fire_zone: BaseGeometry | None,
    measure: Measure,
) -> float | None:
    """Length of the opening (rear contact and joining chords) outside the zone under fire,
    measured as the opening is."""
    if fire_zone is None:
        return None
    opening = shapely.union_all([rear_lines, *chords_in]) if chords_in else rear_lines
    free = _lines(shapely.difference(opening, fire_zone))
    return measure(free) if free.length > 0 else 0.0


def _measure_piece(
    polygon: Polygon,
    is_main_body: bool,
    lines: tuple[BaseGeometry, BaseGeometry],
    joining: tuple[int, ...],
    around: _Surroundings,
) -> Piece:
    """A piece's status and figures from its ``lines``: its boundary but its necks, and its
    rear contact; ``joining`` numbers the necks that join it to the rear."""
    edge, rear_lines = lines
    settings, held_area = around.settings, around.held_area
    chords_in = [around.necks[number][0] for number in joining]
    rear_contact = settings.measure(rear_lines) if rear_lines.length > 0 else 0.0
    widths = (around.necks[number][1] for number in joining)
    opening = None if is_main_body else rear_contact + math.fsum(widths)
    hostile_contact = _hostile_share(polygon, edge, rear_lines, around)
    fire_free = (
        None
        if is_main_body
        else _fire_free(rear_lines, chords_in, around.fire_zone, settings.measure)
    )
    fire_controlled = bool(
        fire_free is not None and opening is not None and opening > 0 and fire_free <= _EPSILON
    )
    return Piece(
        geometry=polygon,
        status=_status(opening, hostile_contact, settings, is_main_body),
        area=polygon.area,
        share=polygon.area / held_area if held_area > 0 else 0.0,
        opening=opening,
        rear_contact=rear_contact,
        hostile_contact=hostile_contact,
        fire_free_opening=fire_free,
        fire_controlled=fire_controlled,
        is_main_body=is_main_body,
        joining_necks=joining,
    )
