"""Route exposure: how much of each route lies within given distances of hostile ground.

Planar geometry in metres. The route is cut where it crosses the buffers of hostile ground at
each range, so a stretch's band is the smallest range whose buffer holds it. Buffers are
polygons whose vertices lie on the true offset curve (circular arcs at convex corners). With
``BUFFER_QUAD_SEGS`` = 64 the chords sit at most r * (1 - cos(pi / 256)) = 0.00753 % of the
range inside the arc. GEOS first flattens concave bends of hostile ground less deep than 1 %
of the range, so across such a bay a band reaches past its range by up to the bay's depth (83
m at 20 km across a bay 150 m deep and 5 km wide; 1.5 m at most on the whole front of
2025-03-01). Buffering each edge on its own is exact but ten to seventy times slower on whole
fronts, and takes gigabytes on densified ones.

Hostile ground where DeepState leaves it uncoloured (the other country's ground) is built by
``hostile_ground``: everything in a study box outside one's country, minus one's own ground
held abroad, plus enemy-held ground inside the country.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Union

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from .shapes import clean_polygonal, line_segments, linework, segment_lines

DEFAULT_RANGES_TEXT = "5000,10000,20000"
BUFFER_QUAD_SEGS = 64
# Pieces shorter than this (metres) are numerical noise where a route grazes a buffer edge.
MIN_STRETCH_LENGTH = 1e-6
# Points of an overlay's pieces lie this close (metres) to their route segment, beyond rounding.
_ON_ROUTE = 1e-3

Lines = Union[LineString, MultiLineString]
Polygonal = Union[Polygon, MultiPolygon]


@dataclass(frozen=True)
class Stretch:
    """A maximal piece of one route lying in one band.

    ``distance`` is the planar distance (m) from the stretch's closest point to hostile ground:
    0 where it runs on or into hostile ground, None when there is no hostile ground at all.
    ``band`` is the smallest range covering the stretch, None when it lies beyond all ranges.
    """

    route_index: int
    geometry: LineString
    distance: float | None
    band: float | None


@dataclass(frozen=True)
class BandSummary:
    """Length (m) of one route in one band and its share of that route's length."""

    route_index: int
    band: float | None
    length: float
    share: float


@dataclass(frozen=True)
class ExposureResult:
    """Stretches in route order, summary rows per route (ranges ascending, then beyond).

    ``exposed_share`` is the share of the length of all measured routes within the smallest
    range (0.0 when no route has length). ``cancelled`` is True when ``is_cancelled`` stopped
    the work: the stretches and summary then cover only the routes measured before the stop.
    """

    stretches: list[Stretch]
    summary: list[BandSummary]
    exposed_share: float
    cancelled: bool = False


def parse_ranges(text: str) -> list[float]:
    """Comma-separated ranges in metres -> sorted unique positive floats.

    Empty items (a trailing comma) are ignored. Raises ValueError naming RANGES when an item
    is not a finite positive number or when no range is left.
    """
    values = []
    for item in str(text).split(","):
        item = item.strip()
        if not item:
            continue
        try:
            value = float(item)
        except ValueError:
            raise ValueError(f"RANGES: {item!r} is not a number of metres") from None
        if not math.isfinite(value) or value <= 0:
            raise ValueError(f"RANGES: each range must be a positive number of metres, got {item}")
        values.append(value)
    if not values:
        raise ValueError("RANGES: give at least one range in metres, e.g. 5000,10000,20000")
    return sorted(set(values))


def hostile_ground(
    country_polygon: BaseGeometry,
    area_box: BaseGeometry,
    own_held_abroad: BaseGeometry | None = None,
    enemy_held_inside: BaseGeometry | None = None,
    *,
    min_width: float = 0.0,
) -> Polygonal:
    """Hostile ground within ``area_box``, in the same planar CRS as the inputs.

    hostile = (area_box - country_polygon - own_held_abroad) | (enemy_held_inside & area_box).

    ``enemy_held_inside`` may also hold contested ground abroad (e.g. DeepState's grey zone in
    Russia), which then stays hostile even where it overlaps ``own_held_abroad``.

    ``min_width`` (m) removes parts of the ground abroad narrower than it, by a morphological
    opening (shrink then grow by min_width / 2). Use it when the country outline and the map of
    ground held abroad come from different sources: their borders disagree by tens of metres,
    which leaves slivers of "hostile" ground along the border inside one's own held ground.
    The opening leaves straight edges in place and rounds convex corners with radius
    min_width / 2. Enemy-held ground is never opened: thin polygons there are drawn on purpose.
    """
    # Repaired first, as route_exposure repairs its hostile ground: a bow-tie ring would
    # stop the overlays.
    area_box, country_polygon = clean_polygonal(area_box), clean_polygonal(country_polygon)
    own_held_abroad = None if own_held_abroad is None else clean_polygonal(own_held_abroad)
    enemy_held_inside = None if enemy_held_inside is None else clean_polygonal(enemy_held_inside)
    abroad = shapely.difference(area_box, country_polygon)
    if own_held_abroad is not None and not own_held_abroad.is_empty:
        abroad = shapely.difference(abroad, own_held_abroad)
    if min_width > 0:
        half = min_width / 2.0
        abroad = abroad.buffer(-half, quad_segs=16).buffer(half, quad_segs=16)
    hostile = abroad
    if enemy_held_inside is not None and not enemy_held_inside.is_empty:
        hostile = shapely.union(hostile, shapely.intersection(enemy_held_inside, area_box))
    return clean_polygonal(hostile)


def route_exposure(
    routes: Sequence[Lines | None],
    hostile: Polygonal,
    ranges: Sequence[float],
    *,
    land: Polygonal | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> ExposureResult:
    """Cut routes into stretches by distance band to hostile ground and sum them up.

    A stretch belongs to band r_k when its distances lie in (r_(k-1), r_k]; the first band
    also holds distance 0 (on or inside hostile ground). ``land``, when given, limits hostile
    ground to land (water is not ground). Empty, null and zero-length routes are skipped: they
    get no stretch and no summary row. With no hostile ground every stretch is beyond all
    ranges with distance None. ``is_cancelled`` is polled between routes, and along a route
    that must be cut segment by segment.
    """
    bands = _checked_ranges(ranges)
    hostile = clean_polygonal(hostile)
    if land is not None:
        hostile = clean_polygonal(shapely.intersection(hostile, clean_polygonal(land)))
    lines = [_as_lines(route, index) for index, route in enumerate(routes)]
    zones = _band_zones(hostile, bands, [line for line in lines if line is not None])

    stretches: list[Stretch] = []
    summary: list[BandSummary] = []
    cancelled = False
    for index, line in enumerate(lines):
        if is_cancelled is not None and is_cancelled():
            cancelled = True
            break
        if line is None:
            continue
        route_stretches = _cut_route(index, line, hostile, zones, is_cancelled)
        if route_stretches is None:
            cancelled = True
            break
        stretches.extend(route_stretches)
        summary.extend(_summarise(index, route_stretches, bands))
    return ExposureResult(stretches, summary, _exposed_share(summary, bands[0]), cancelled)


def _checked_ranges(ranges: Sequence[float]) -> list[float]:
    values = sorted({float(r) for r in ranges})
    if not values or any(not math.isfinite(r) or r <= 0 for r in values):
        raise ValueError(f"RANGES: need one or more positive ranges in metres, got {ranges!r}")
    return values


def _as_lines(route: BaseGeometry | None, index: int) -> Lines | None:
    """A route as 2D linework, or None when it has no length."""
    if route is None or route.is_empty:
        return None
    if route.geom_type not in ("LineString", "MultiLineString", "GeometryCollection"):
        raise TypeError(f"ROUTES: route {index} is a {route.geom_type}, not a line")
    route = linework(route)  # a collection keeps its lines: no linework, skipped as empty
    if route is None:
        return None
    route = shapely.force_2d(route)
    return route if route.length > MIN_STRETCH_LENGTH else None


@dataclass(frozen=True)
class _Zone:
    band: float | None
    area: Polygonal  # the ring of ground whose distance to hostile ground falls in this band
    inside: bool  # True: the route's part inside ``area`` is in the band; False: outside


def _band_zones(hostile: Polygonal, bands: list[float], lines: list[Lines]) -> list[_Zone]:
    """Distance rings around hostile ground, ordered by band, then the 'beyond' complement."""
    if hostile.is_empty or not lines:
        return [_Zone(None, MultiPolygon(), inside=False)]
    # Only hostile ground within the largest range of some route matters for the rings.
    xmin, ymin, xmax, ymax = shapely.total_bounds(lines)
    margin = bands[-1] * 1.01 + 1.0
    study = shapely.box(xmin - margin, ymin - margin, xmax + margin, ymax + margin)
    near = clean_polygonal(shapely.intersection(hostile, study))
    zones = []
    previous: Polygonal = MultiPolygon()
    for band in bands:
        buffered = clean_polygonal(near.buffer(band, quad_segs=BUFFER_QUAD_SEGS))
        ring = buffered if previous.is_empty else shapely.difference(buffered, previous)
        zones.append(_Zone(band, clean_polygonal(ring), inside=True))
        previous = buffered
    zones.append(_Zone(None, previous, inside=False))
    for zone in zones:
        shapely.prepare(zone.area)
    return zones


def _cut_route(
    index: int, line: Lines, hostile: Polygonal, zones: list[_Zone], is_cancelled
) -> list[Stretch] | None:
    """The route's stretches; None once ``is_cancelled()`` (polled along a long route)."""
    pieces = _pieces_by_overlay(line, zones)
    if pieces is None:
        pieces = _pieces_by_segment(line, zones, is_cancelled or (lambda: False))
    if pieces is None:
        return None
    return [
        Stretch(
            index,
            piece,
            None if hostile.is_empty else float(shapely.distance(piece, hostile)),
            band,
        )
        for band, piece in pieces
    ]


def _pieces_by_overlay(
    line: Lines, zones: list[_Zone]
) -> list[tuple[float | None, LineString]] | None:
    """(band, stretch) in route order from one overlay per band; None when the route retraces
    itself (overlays dissolve linework that runs over itself, so its length would be lost)."""
    parts = []
    taken: Lines = LineString()
    for zone in zones:
        part, taken = _take(line, zone.area, zone.inside, taken)
        parts.append((zone.band, part))
    slack = line.length * 1e-9 + MIN_STRETCH_LENGTH
    if abs(sum(part.length for _, part in parts) - line.length) > slack:
        return None  # before placing the pieces along the route: that is the costly part
    split = [(band, _line_parts(part)) for band, part in parts]
    bands = [band for band, pieces in split for _ in pieces]
    pieces = [piece for _, pieces in split for piece in pieces]
    found = [(*placed, band) for placed, band in zip(_placed_along(pieces, line), bands)]
    # Overlays split lines where the route crosses itself: pieces are joined again when they
    # follow each other along the route.
    chains: list[tuple[float | None, list[tuple[float, float]]]] = []
    for _, piece, band in sorted(found, key=lambda item: item[0]):
        _chain(chains, band, piece)
    return [(band, LineString(points)) for band, points in chains]


def _take(line: Lines, area: Polygonal, inside: bool, taken: Lines) -> tuple[Lines, Lines]:
    """The part of ``line`` in a zone (inside ``area``, or outside it) that no nearer band has
    ``taken``, and what is taken now. Rings share their boundaries: a stretch along one goes to
    the nearer band only. The overlay with the area runs on the original line, so its cut
    points are as exact as one overlay makes them."""
    # GEOS leaves a stray floating-point flag on some empty results, which numpy reports as
    # "invalid value encountered" (shapely#1345): nothing is wrong with the result.
    with np.errstate(invalid="ignore"):
        part = shapely.intersection(line, area) if inside else shapely.difference(line, area)
    if not taken.is_empty and not part.is_empty:
        part = shapely.difference(part, taken)
    return part, part if taken.is_empty else shapely.union(taken, part)


def _pieces_by_segment(
    line: Lines, zones: list[_Zone], is_cancelled: Callable[[], bool]
) -> list[tuple[float | None, LineString]] | None:
    """(band, stretch) in route order, cutting one straight segment at a time and chaining the
    pieces in the order of travel: exact for routes that retrace themselves, but slower (None
    once cancelled)."""
    chains: list[tuple[float | None, list[tuple[float, float]]]] = []
    for part in shapely.get_parts(line):
        xmin, ymin, xmax, ymax = part.bounds
        window = shapely.box(xmin - 1.0, ymin - 1.0, xmax + 1.0, ymax + 1.0)
        local = [
            (zone.band, shapely.intersection(zone.area, window), zone.inside) for zone in zones
        ]
        coords = shapely.get_coordinates(part)
        for count, (start, end) in enumerate(zip(coords[:-1], coords[1:])):
            if count % 256 == 0 and is_cancelled():
                return None
            segment = LineString([start, end])
            if segment.length <= 0:
                continue
            # Each segment meets only the bands' outline near it: clipping to its own box is a
            # quick scan, an overlay with the whole outline is not.
            x0, y0 = np.minimum(start, end) - 1.0
            x1, y1 = np.maximum(start, end) + 1.0
            near = [
                (band, shapely.clip_by_rect(area, x0, y0, x1, y1), inside)
                for band, area, inside in local
            ]
            for band, piece in _segment_pieces(segment, near):
                _chain(chains, band, piece)
    return [(band, LineString(points)) for band, points in chains if len(points) > 1]


def _segment_pieces(segment: LineString, local) -> list[tuple[float | None, LineString]]:
    found = []
    taken: Lines = LineString()
    for band, area, inside in local:
        part, taken = _take(segment, area, inside, taken)
        found.extend((*_in_travel_order(piece, segment), band) for piece in _line_parts(part))
    return [(band, piece) for _, piece, band in sorted(found, key=lambda item: item[0])]


def _chain(chains, band: float | None, piece: LineString) -> None:
    """Append a piece to the last chain when it continues it in the same band, else start one."""
    points = [tuple(xy) for xy in shapely.get_coordinates(piece)]
    if chains:
        last_band, last_points = chains[-1]
        gap = math.dist(last_points[-1], points[0])
        if last_band == band and gap <= 10 * MIN_STRETCH_LENGTH:
            last_points.extend(points[1:])
            return
    chains.append((band, points))


def _line_parts(part: BaseGeometry) -> list[LineString]:
    """The LineStrings of an overlay result (noise dropped)."""
    parts = shapely.get_parts(part)
    keep = (shapely.get_type_id(parts) == 1) & (shapely.length(parts) > MIN_STRETCH_LENGTH)
    return list(parts[keep])


def _placed_along(pieces: list[LineString], line: Lines) -> list[tuple[float, LineString]]:
    """``_in_travel_order`` for many pieces of one route at once.

    A route that crosses itself is cut into a piece per crossing: linear referencing, which
    scans the whole route for each point, made that quadratic. Here the points are matched
    to the route's segments through one tree query (a point lies on its own segment up to
    rounding; the nearest segment wins, the earlier one on a tie, as linear referencing does).
    """
    if not pieces:
        return []
    route = _IndexedRoute(line)
    pieces_array = np.array(pieces, dtype=object)
    first, second = (
        route.measures(shapely.line_interpolate_point(pieces_array, share, normalized=True))
        for share in _INTERIOR_SHARES
    )
    return [_oriented(piece, m1, m2) for piece, m1, m2 in zip(pieces, first, second)]


class _IndexedRoute:
    """A route's segments in a tree, with each segment's start measure (its distance from the
    route's start along the route's parts, as linear referencing counts)."""

    def __init__(self, line: Lines) -> None:
        self.line = line
        self.a, self.b, _ = line_segments(shapely.get_parts(line))  # parts in route order
        lengths = np.hypot(*(self.b - self.a).T)
        self.start = np.cumsum(lengths) - lengths
        self.tree = shapely.STRtree(segment_lines(self.a, self.b))

    def measures(self, points: np.ndarray) -> np.ndarray:
        """Each point's measure along the route (it lies on the route up to rounding)."""
        hits, segs = self.tree.query(points, predicate="dwithin", distance=_ON_ROUTE)
        a, xy = self.a[segs], shapely.get_coordinates(points)[hits]
        along = self.b[segs] - a
        span = np.einsum("ij,ij->i", along, along)
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.clip(np.einsum("ij,ij->i", xy - a, along) / span, 0.0, 1.0)
        t = np.where(span > 0, t, 0.0)
        gap = np.hypot(*(a + t[:, None] * along - xy).T)
        measure = self.start[segs] + t * np.sqrt(span)
        # Per point: the nearest segment, then the earliest.
        order = np.lexsort((measure, gap, hits))
        hits, measure = hits[order], measure[order]
        out = np.full(len(points), np.nan)
        if len(hits):
            first_of_point = np.r_[True, hits[1:] != hits[:-1]]
            out[hits[first_of_point]] = measure[first_of_point]
        for k in np.flatnonzero(np.isnan(out)):  # off the route by more than rounding: scan it
            out[k] = shapely.line_locate_point(self.line, points[k])
        return out


def _in_travel_order(piece: LineString, line: Lines) -> tuple[float, LineString]:
    """Where a piece lies along its route, and the piece oriented in the direction of travel.

    Measured at interior points: an end point may be where the route crosses itself, which
    linear referencing would place at the first pass. (Overlays keep the direction of lines;
    the check is a safeguard.)
    """
    first, second = (
        shapely.line_locate_point(line, piece.interpolate(share, normalized=True))
        for share in _INTERIOR_SHARES
    )
    return _oriented(piece, first, second)


_INTERIOR_SHARES = (1 / 3, 2 / 3)  # where along a piece its place on the route is measured


def _oriented(piece: LineString, first: float, second: float) -> tuple[float, LineString]:
    """The piece's measure and the piece facing the way of travel, from the measures of two
    interior points taken in the piece's own order."""
    if first > second:
        return float(second), shapely.reverse(piece)
    return float(first), piece


def _summarise(index: int, stretches: list[Stretch], bands: list[float]) -> list[BandSummary]:
    lengths: dict[float | None, float] = {band: 0.0 for band in [*bands, None]}
    for stretch in stretches:
        lengths[stretch.band] += stretch.geometry.length
    total = sum(lengths.values())
    if total <= 0:  # only numerical noise was left of the route
        return []
    return [BandSummary(index, band, length, length / total) for band, length in lengths.items()]


def _exposed_share(summary: list[BandSummary], first_band: float) -> float:
    total = sum(row.length for row in summary)
    exposed = sum(row.length for row in summary if row.band == first_band)
    return exposed / total if total > 0 else 0.0
