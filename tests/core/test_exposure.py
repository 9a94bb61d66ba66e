"""Route exposure: constructed cases with analytic answers, properties, and a real road in Kursk."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, MultiLineString, Point, box

from fltest import data
from frontline.core.exposure import (
    BUFFER_QUAD_SEGS,
    DEFAULT_RANGES_TEXT,
    hostile_ground,
    parse_ranges,
    route_exposure,
)

RANGES = [5000.0, 10000.0, 20000.0]
# Hostile ground west of the line x = 0 (a straight edge 200 km long).
WEST = box(-100_000, -100_000, 0, 100_000)
# Relative error bound of a polygonal buffer at BUFFER_QUAD_SEGS (chord sag on the arcs).
ARC_ERROR = 1 - math.cos(math.pi / (4 * BUFFER_QUAD_SEGS))


def lengths_by_band(result, route_index=0):
    return {row.band: row.length for row in result.summary if row.route_index == route_index}


# ---------------------------------------------------------------------------------------------
# parse_ranges


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5000, 10000,20000", [5000.0, 10000.0, 20000.0]),
        (DEFAULT_RANGES_TEXT, [5000.0, 10000.0, 20000.0]),
        ("20000,5000,5000", [5000.0, 20000.0]),
        (" 2500.5 ,", [2500.5]),
        ("1e4", [10000.0]),
    ],
)
def test_parse_ranges_sorts_and_deduplicates(text, expected):
    assert parse_ranges(text) == expected


@pytest.mark.parametrize("text", ["", " , ", "abc", "5000,x", "-5", "0", "5000,0", "nan", "inf"])
def test_parse_ranges_rejects_bad_text_naming_the_parameter(text):
    with pytest.raises(ValueError, match="RANGES"):
        parse_ranges(text)


def test_route_exposure_rejects_bad_ranges():
    road = LineString([(1000, 0), (2000, 0)])
    for bad in ([], [0.0], [-5.0, 10.0], [math.nan]):
        with pytest.raises(ValueError, match="RANGES"):
            route_exposure([road], WEST, bad)


# ---------------------------------------------------------------------------------------------
# Constructed cases with analytic answers


def test_road_parallel_to_hostile_edge_at_3_km():
    road = LineString([(3000, -10_000), (3000, 10_000)])
    result = route_exposure([road], WEST, RANGES)

    assert len(result.stretches) == 1
    stretch = result.stretches[0]
    assert stretch.band == 5000.0
    assert stretch.distance == pytest.approx(3000.0, abs=1e-9)
    assert stretch.geometry.length == pytest.approx(20_000.0, abs=1e-9)
    assert lengths_by_band(result) == pytest.approx(
        {5000.0: 20_000.0, 10000.0: 0.0, 20000.0: 0.0, None: 0.0}, abs=1e-9
    )
    assert result.exposed_share == pytest.approx(1.0)


def test_parallel_road_with_ranges_below_and_above_its_distance():
    road = LineString([(3000, -10_000), (3000, 10_000)])
    result = route_exposure([road], WEST, [2000.0, 4000.0])
    assert [s.band for s in result.stretches] == [4000.0]
    assert result.exposed_share == 0.0  # nothing within the smallest range, 2 km

    beyond = route_exposure([road], WEST, [1000.0, 2999.0])
    assert [s.band for s in beyond.stretches] == [None]
    assert beyond.stretches[0].distance == pytest.approx(3000.0)


def test_road_from_30_km_to_the_edge_has_exact_band_lengths():
    road = LineString([(30_000, 500), (0, 500)])
    result = route_exposure([road], WEST, RANGES)

    assert lengths_by_band(result) == pytest.approx(
        {5000.0: 5000.0, 10000.0: 5000.0, 20000.0: 10_000.0, None: 10_000.0}, abs=1e-6
    )
    # In the order of travel, cut exactly at the ranges, each starting where the last ended.
    assert [s.band for s in result.stretches] == [None, 20000.0, 10000.0, 5000.0]
    cuts = [s.geometry.coords[0][0] for s in result.stretches] + [0.0]
    assert cuts == pytest.approx([30_000.0, 20_000.0, 10_000.0, 5000.0, 0.0], abs=1e-6)
    assert [s.distance for s in result.stretches] == pytest.approx(
        [20_000.0, 10_000.0, 5000.0, 0.0], abs=1e-6
    )
    shares = {row.band: row.share for row in result.summary}
    assert shares == pytest.approx({5000.0: 1 / 6, 10000.0: 1 / 6, 20000.0: 1 / 3, None: 1 / 3})
    assert result.exposed_share == pytest.approx(1 / 6)


@pytest.mark.parametrize("angle_deg", [0.0, 30.0, 60.0])
def test_oblique_road_band_lengths_scale_with_the_angle(angle_deg):
    # A road meeting the edge at angle_deg from its normal: each band is width / cos(angle) long.
    angle = math.radians(angle_deg)
    start = (30_000.0, 30_000.0 * math.tan(angle))
    road = LineString([start, (0.0, 0.0)])
    result = route_exposure([road], WEST, RANGES)
    stretch = 1 / math.cos(angle)
    assert lengths_by_band(result) == pytest.approx(
        {
            5000.0: 5000 * stretch,
            10000.0: 5000 * stretch,
            20000.0: 10_000 * stretch,
            None: 10_000 * stretch,
        },
        rel=1e-9,
    )


def test_road_entering_hostile_ground_is_at_distance_zero():
    road = LineString([(10_000, 0), (-10_000, 0)])
    result = route_exposure([road], WEST, RANGES)

    # The part inside and the 5 km before it merge into one stretch of the first band.
    assert [(s.band, s.distance) for s in result.stretches] == [(10000.0, 5000.0), (5000.0, 0.0)]
    assert result.stretches[1].geometry.length == pytest.approx(15_000.0, abs=1e-6)
    assert lengths_by_band(result)[5000.0] == pytest.approx(15_000.0, abs=1e-6)
    assert result.exposed_share == pytest.approx(0.75)


def test_road_past_a_round_hostile_area_matches_the_circle_chords():
    # Hostile ground is a disc of radius 100 m; a road passes at 3 km from its centre. The
    # length within range r is the chord 2 * sqrt((rho + r)^2 - d^2) on the widened circle.
    rho, offset = 100.0, 3000.0
    disc = Point(0, 0).buffer(rho, quad_segs=256)
    road = LineString([(-40_000, offset), (40_000, offset)])
    result = route_exposure([road], disc, RANGES)

    chords = {r: 2 * math.sqrt((rho + r) ** 2 - offset**2) for r in RANGES}
    expected = {
        5000.0: chords[5000.0],
        10000.0: chords[10000.0] - chords[5000.0],
        20000.0: chords[20000.0] - chords[10000.0],
        None: 80_000.0 - chords[20000.0],
    }
    got = lengths_by_band(result)
    for band, length in expected.items():
        # Buffer arcs lie within ARC_ERROR * r of the true circle: well under the 0.5 % target.
        assert got[band] == pytest.approx(length, rel=4 * ARC_ERROR), band
    first = next(s for s in result.stretches if s.band == 5000.0)
    assert first.distance == pytest.approx(offset - rho, rel=1e-4)
    assert [s.band for s in result.stretches] == [
        None,
        20000.0,
        10000.0,
        5000.0,
        10000.0,
        20000.0,
        None,
    ]


def test_land_limits_hostile_ground():
    # Hostile ground west of x = 0, but only its southern half is land: a road at x = 3 km is
    # 3 km away while y <= 0 and sqrt(3000^2 + y^2) away north of that.
    land = box(-100_000, -100_000, 100_000, 0)
    road = LineString([(3000, -10_000), (3000, 30_000)])
    result = route_exposure([road], WEST, RANGES, land=land)

    def reach(r):
        return math.sqrt(r**2 - 3000.0**2)

    expected = {
        5000.0: 10_000 + reach(5000),
        10000.0: reach(10_000) - reach(5000),
        20000.0: reach(20_000) - reach(10_000),
        None: 30_000 - reach(20_000),
    }
    assert lengths_by_band(result) == pytest.approx(expected, rel=4 * ARC_ERROR)
    without_land = route_exposure([road], WEST, RANGES)
    assert lengths_by_band(without_land)[5000.0] == pytest.approx(40_000.0)


def test_several_routes_summary_rows_and_skipped_routes():
    routes = [
        LineString([(30_000, 0), (0, 0)]),
        None,
        LineString(),
        LineString([(7000, 0), (7000, 0)]),  # zero length
        MultiLineString([[(30_000, 10), (20_000, 10)], [(12_000, 20), (-5000, 20)]]),
    ]
    result = route_exposure(routes, WEST, RANGES)

    assert sorted({s.route_index for s in result.stretches}) == [0, 4]
    assert [(row.route_index, row.band) for row in result.summary] == [
        (i, band) for i in (0, 4) for band in (*RANGES, None)
    ]
    for index in (0, 4):
        assert sum(row.share for row in result.summary if row.route_index == index) == (
            pytest.approx(1.0)
        )
    assert lengths_by_band(result, 4) == pytest.approx(
        {5000.0: 10_000.0, 10000.0: 5000.0, 20000.0: 2000.0, None: 10_000.0}, abs=1e-6
    )
    # Within 5 km: 5 km of route 0 plus 10 km of route 4, out of 30 + 27 km.
    assert result.exposed_share == pytest.approx(15_000 / 57_000)
    assert not result.cancelled


def test_empty_hostile_ground_puts_everything_beyond_with_no_distance():
    road = LineString([(0, 0), (1000, 0), (1000, 1000)])
    for empty in (shapely.Polygon(), shapely.MultiPolygon()):
        result = route_exposure([road], empty, RANGES)
        assert [(s.band, s.distance) for s in result.stretches] == [(None, None)]
        assert result.stretches[0].geometry.equals(road)
        assert lengths_by_band(result) == {5000.0: 0.0, 10000.0: 0.0, 20000.0: 0.0, None: 2000.0}
        assert result.exposed_share == 0.0


def test_no_routes_gives_an_empty_result():
    result = route_exposure([], WEST, RANGES)
    assert (result.stretches, result.summary, result.exposed_share) == ([], [], 0.0)


def test_point_route_is_refused_with_the_parameter_name():
    with pytest.raises(TypeError, match="ROUTES"):
        route_exposure([Point(0, 0)], WEST, RANGES)


def test_cancellation_stops_between_routes():
    calls = []

    def is_cancelled():
        calls.append(1)
        return len(calls) > 1

    roads = [LineString([(3000, 0), (3000, 1000)]), LineString([(3000, 0), (3000, 2000)])]
    result = route_exposure(roads, WEST, RANGES, is_cancelled=is_cancelled)
    assert result.cancelled
    assert {s.route_index for s in result.stretches} == {0}
    assert {row.route_index for row in result.summary} == {0}


def test_stretches_follow_the_direction_of_travel_round_a_loop():
    loop = LineString([(-1000, 0), (25_000, 0), (25_000, 100), (-1000, 100), (-1000, 0)])
    result = route_exposure([loop], WEST, RANGES)
    assert [s.band for s in result.stretches] == [
        5000.0, 10000.0, 20000.0, None, 20000.0, 10000.0, 5000.0
    ]  # fmt: skip
    ends = [(s.geometry.coords[0], s.geometry.coords[-1]) for s in result.stretches]
    assert ends[0][0] == (-1000, 0)
    assert ends[-1][1] == (-1000, 0)
    for (start, _), (_, previous_end) in zip(ends[1:], ends[:-1]):
        assert start == pytest.approx(previous_end, abs=1e-6)
    total = sum(s.geometry.length for s in result.stretches)
    assert total == pytest.approx(loop.length, rel=1e-12)


def test_road_crossing_itself_in_one_band_is_one_stretch():
    figure = LineString([(3000, 0), (4000, 1000), (4000, 0), (3000, 1000)])
    result = route_exposure([figure], WEST, RANGES)
    assert len(result.stretches) == 1
    assert result.stretches[0].geometry.equals(figure)
    assert result.stretches[0].geometry.coords[0] == (3000, 0)
    assert result.stretches[0].geometry.length == pytest.approx(figure.length)


def test_tangled_track_comes_out_in_travel_order():
    # A random walk crossing itself hundreds of times: overlays cut it at every crossing and
    # each piece must be put back at its place along the track and facing the way of travel.
    rng = np.random.default_rng(7)
    xy = np.cumsum(rng.normal(0.0, 800.0, (2000, 2)), axis=0) + np.array([6000.0, 0.0])
    track = LineString(xy)
    result = route_exposure([track], WEST, RANGES)

    crossings = (shapely.get_num_geometries(shapely.node(track)) - 1) // 2
    assert crossings > 250
    assert len(result.stretches) > 20
    joined = [tuple(p) for s in result.stretches for p in s.geometry.coords]
    for earlier, later in zip(result.stretches[:-1], result.stretches[1:]):
        assert later.geometry.coords[0] == pytest.approx(earlier.geometry.coords[-1], abs=1e-6)
        assert later.band != earlier.band
    # Every vertex of the track turns up, in the order driven.
    position = {p: k for k, p in enumerate(joined)}
    assert all(tuple(p) in position for p in xy)
    assert np.all(np.diff([position[tuple(p)] for p in xy]) > 0)
    assert sum(s.geometry.length for s in result.stretches) == pytest.approx(track.length)


def test_pieces_placed_by_the_tree_agree_with_linear_referencing():
    """Every piece is placed where linear referencing puts it, also off the route by more
    than rounding (all of them: then each is located by a scan of the route)."""
    from frontline.core.exposure import _placed_along

    route = MultiLineString([[(0, 0), (100, 0), (100, 50)], [(0, 10), (60, 10)]])
    pieces = [
        LineString([(60, 10), (20, 10)]),  # on the second part, against the travel
        LineString([(100, 40), (100, 10)]),  # on the first part's second segment
        LineString([(10, 0.5), (20, 0.5)]),  # half a metre off the route
    ]
    for chosen in ([pieces[2]], pieces):
        expected = [_in_travel_order_by_scan(piece, route) for piece in chosen]
        placed = _placed_along(chosen, route)
        assert [m for m, _ in placed] == pytest.approx([m for m, _ in expected], abs=1e-9)
        assert [p.coords[0] for _, p in placed] == [p.coords[0] for _, p in expected]


def _in_travel_order_by_scan(piece: LineString, route) -> tuple[float, LineString]:
    first = route.project(piece.interpolate(1 / 3, normalized=True))
    second = route.project(piece.interpolate(2 / 3, normalized=True))
    return (second, shapely.reverse(piece)) if first > second else (first, piece)


def test_road_driven_out_and_back_counts_both_ways():
    # Overlays dissolve linework that runs over itself; the route length must still be counted
    # as travelled, and the turn inside the first band stays one stretch.
    there_and_back = LineString([(30_000, 0), (0, 0), (30_000, 0)])
    result = route_exposure([there_and_back], WEST, RANGES)

    assert [s.band for s in result.stretches] == [
        None,
        20000.0,
        10000.0,
        5000.0,
        10000.0,
        20000.0,
        None,
    ]
    assert result.stretches[3].geometry.length == pytest.approx(10_000.0, abs=1e-6)
    assert lengths_by_band(result) == pytest.approx(
        {5000.0: 10_000.0, 10000.0: 10_000.0, 20000.0: 20_000.0, None: 20_000.0}, abs=1e-6
    )
    twice = MultiLineString([[(3000, 0), (3000, 1000)], [(3000, 0), (3000, 1000)]])
    assert lengths_by_band(route_exposure([twice], WEST, RANGES))[5000.0] == pytest.approx(2000.0)


def test_geometry_collection_routes_use_their_lines():
    from shapely.geometry import GeometryCollection

    mixed = GeometryCollection([Point(0, 0), LineString([(3000, 0), (3000, 1000)])])
    result = route_exposure([mixed], WEST, RANGES)
    assert lengths_by_band(result) == pytest.approx(
        {5000.0: 1000.0, 10000.0: 0.0, 20000.0: 0.0, None: 0.0}
    )


def test_a_collection_with_no_lines_is_skipped_like_an_empty_route():
    from shapely.geometry import GeometryCollection

    result = route_exposure([GeometryCollection([Point(0, 0)]), None], WEST, RANGES)
    assert result.stretches == [] and result.summary == [] and result.exposed_share == 0.0


@pytest.mark.parametrize("band", RANGES)
def test_a_road_along_a_band_boundary_counts_once_in_the_nearer_band(band):
    """At exactly a range's distance the road lies on the boundary shared by two rings: it
    belongs to that range's band only, not to the next one as well."""
    road = LineString([(band, -5000), (band, 5000)])
    result = route_exposure([road], WEST, RANGES)
    assert [(s.band, s.geometry.length) for s in result.stretches] == [(band, 10_000.0)]
    assert lengths_by_band(result)[band] == pytest.approx(10_000.0)
    assert sum(lengths_by_band(result).values()) == pytest.approx(10_000.0)


def test_a_shallow_bay_carries_a_band_past_its_range_by_at_most_its_depth():
    """Hostile ground below y = 0 with two bays 5 km wide and 150 m deep. Above a bay's middle
    the 20 km line lies at y = 19,850 m. GEOS flattens bays less deep than 1 % of the range
    before buffering (not where a ring starts): above one of them the band reaches y =
    19,933 m, within the bay's depth of the true line, as the help says."""
    outline = [(-30_000, 0)]
    for centre in (-10_000, 10_000):
        outline += [(centre - 2_500, 0), (centre - 2_500, -150)]
        outline += [(centre + 2_500, -150), (centre + 2_500, 0)]
    hostile = shapely.Polygon([*outline, (30_000, 0), (30_000, -300), (-30_000, -300)])
    for centre in (-10_000, 10_000):
        for y, reached in ((19_840, True), (20_010, False)):
            road = LineString([(centre - 200, y), (centre + 200, y)])
            (stretch,) = route_exposure([road], hostile, RANGES).stretches
            assert (stretch.band == 20_000.0) is reached
            if reached:
                assert stretch.distance <= 20_000.0 + 150.0  # the bay's depth at most


# ---------------------------------------------------------------------------------------------
# Properties on random roads and random hostile ground


@st.composite
def scenes(draw):
    # Millimetre coordinates, as in real projected data (no denormal floats).
    coord = st.integers(-30_000_000, 30_000_000).map(lambda mm: mm / 1000)
    width = st.integers(200_000, 15_000_000).map(lambda mm: mm / 1000)
    boxes = draw(st.lists(st.tuples(coord, coord, width), min_size=1, max_size=4))
    hostile = shapely.union_all([box(x, y, x + w, y + w * 0.7) for x, y, w in boxes])
    points = draw(st.lists(st.tuples(coord, coord), min_size=2, max_size=8, unique=True))
    return hostile, LineString(points)


@settings(max_examples=60, deadline=None)
@given(scenes())
def test_stretches_cover_the_route_and_respect_their_bands(scene):
    hostile, road = scene
    result = route_exposure([road], hostile, RANGES)

    covered = sum(s.geometry.length for s in result.stretches)
    assert covered == pytest.approx(road.length, rel=1e-9, abs=1e-5)
    if result.summary:
        assert sum(row.share for row in result.summary) == pytest.approx(1.0)
    lower = {5000.0: 0.0, 10000.0: 5000.0, 20000.0: 10000.0, None: 20000.0}
    for stretch in result.stretches:
        # Every point of a stretch is within its band (up to the arc error of the buffers).
        vertices = shapely.points(shapely.get_coordinates(stretch.geometry.segmentize(50.0)))
        far = shapely.distance(vertices, hostile).max()
        assert stretch.distance == pytest.approx(shapely.distance(stretch.geometry, hostile))
        assert stretch.distance >= lower[stretch.band] * (1 - 2 * ARC_ERROR)
        if stretch.band is not None:
            # GEOS flattens bends of hostile ground less deep than 1 % of the range.
            assert far <= stretch.band * 1.01 + 1e-3


@settings(max_examples=40, deadline=None)
@given(scenes())
def test_segment_by_segment_cutting_agrees_with_the_overlays(scene):
    # The slow path (used for routes that retrace themselves) against the fast one.
    from frontline.core import exposure

    hostile, road = scene
    zones = exposure._band_zones(hostile, RANGES, [road])
    by_overlay = exposure._pieces_by_overlay(road, zones)
    if by_overlay is None:
        return  # a route that retraces itself: only the slow path can measure it
    by_segment = exposure._pieces_by_segment(road, zones, lambda: False)
    assert [band for band, _ in by_segment] == [band for band, _ in by_overlay]
    for (_, slow), (_, fast) in zip(by_segment, by_overlay):
        assert slow.length == pytest.approx(fast.length, rel=1e-9, abs=1e-6)


# ---------------------------------------------------------------------------------------------
# hostile_ground


def test_hostile_ground_is_abroad_minus_own_ground_plus_enemy_ground():
    country = box(0, 0, 100_000, 100_000)
    area = box(-50_000, -50_000, 150_000, 150_000)
    own_abroad = box(100_000, 40_000, 120_000, 60_000)
    enemy_inside = box(10_000, 10_000, 20_000, 20_000)
    hostile = hostile_ground(country, area, own_abroad, enemy_inside)

    assert hostile.area == pytest.approx(200_000**2 - 100_000**2 - 20_000**2 + 10_000**2)
    assert hostile.contains(Point(15_000, 15_000))  # occupied inside the country
    assert hostile.contains(Point(130_000, 50_000))  # abroad
    assert not hostile.contains(Point(110_000, 50_000))  # own ground abroad
    assert not hostile.contains(Point(50_000, 50_000))  # own country
    assert hostile_ground(country, area).area == pytest.approx(200_000**2 - 100_000**2)


def test_hostile_ground_repairs_bow_tie_rings():
    from shapely.geometry import Polygon

    bow_tie = Polygon([(0, 0), (10, 10), (10, 0), (0, 10)])  # self-intersecting at (5, 5)
    area = box(-20, -20, 30, 30)
    hostile = hostile_ground(bow_tie, area, own_held_abroad=bow_tie, enemy_held_inside=bow_tie)
    assert hostile.is_valid
    assert hostile.area == pytest.approx(area.area)  # abroad everywhere but the two triangles,
    # which the enemy holds inside: all of the box
    assert hostile_ground(bow_tie, area).area == pytest.approx(area.area - 50.0)


def test_hostile_ground_min_width_removes_border_slivers_only():
    # Own ground abroad drawn 50 m off the border leaves a 50 m sliver of "hostile" ground.
    country = box(0, 0, 100_000, 100_000)
    area = box(-50_000, -50_000, 150_000, 150_000)
    own_abroad = box(100_050, 40_000, 120_000, 60_000)
    raw = hostile_ground(country, area, own_abroad)
    opened = hostile_ground(country, area, own_abroad, min_width=200.0)

    sliver = Point(100_025, 50_000)
    assert raw.contains(sliver)
    assert not opened.contains(sliver)
    for edge_point in [(100_001, 20_000), (120_001, 50_000), (-49_999, 0)]:
        assert opened.contains(Point(edge_point))  # straight edges stay where they were
    # Removed: the 50 m x 20 km sliver plus at most a rounded-off square of radius 100 m at the
    # four box corners and the two ends of the sliver.
    removed = raw.area - opened.area
    corner = 100.0**2 * (1 - math.pi / 4)
    assert 50 * 20_000 <= removed <= 50 * 20_000 + 6 * corner * 1.05 + 2 * 50 * 100


def test_hostile_ground_keeps_thin_enemy_ground():
    country = box(0, 0, 100_000, 100_000)
    area = box(-50_000, -50_000, 150_000, 150_000)
    thin_grey = box(50_000, 0, 50_060, 100_000)
    hostile = hostile_ground(country, area, enemy_held_inside=thin_grey, min_width=200.0)
    assert hostile.contains(Point(50_030, 50_000))


# ---------------------------------------------------------------------------------------------
# A real road against real maps: Yunakivka (Sumy oblast) to Sudzha (Kursk oblast)

ROUTE_FILE = Path(__file__).resolve().parents[1] / "data" / "yunakivka_sudzha.geojson"
LON0, LAT0 = 35.15, 51.16  # local LAEA centre, as the glue would choose for this route
# Inside the boundaries' clip box (33.5-36.5 E, 50.3-52.0 N), where the Ukraine polygon is
# complete; far more than 20 km from the route on every side.
STUDY_BOX = box(33.6, 50.4, 36.4, 51.9)
DATES = ["2024-11-01", "2025-02-01", "2025-03-07"]
# DeepState draws its Kursk polygons against its own border; against the OSM or Kartographia
# border that leaves slivers of "Russian-held" ground up to ~100-200 m wide along the border.
SLIVER_WIDTH = 300.0
HOSTILE_FILLS = ("#a52714", "#880e4f", "#bcaaa4", "#bdbdbd")


def road_lonlat():
    feature = json.loads(ROUTE_FILE.read_text(encoding="utf-8"))["features"][0]
    return shapely.geometry.shape(feature["geometry"])


def kursk_hostile(date, source="osm20231002"):
    """Russian-held ground (uncoloured Russia) plus occupied and grey ground, in metres."""
    data.require_shared_data()
    path = data.raw_map(date)
    country = data.to_metric(data.boundary(f"ua_{source}_polygon_clip"), LON0, LAT0)
    own_abroad = data.to_metric(data.fill_polygons(path, [data.UA_HELD_IN_RUSSIA]), LON0, LAT0)
    # Grey zone in Russia (#bdbdbd) counts as hostile, like the grey zone inside Ukraine.
    enemy = data.to_metric(data.fill_polygons(path, HOSTILE_FILLS), LON0, LAT0)
    study = data.to_metric(STUDY_BOX, LON0, LAT0)
    return hostile_ground(country, study, own_abroad, enemy, min_width=SLIVER_WIDTH)


@pytest.fixture(scope="module")
def kursk_results():
    road = data.to_metric(road_lonlat(), LON0, LAT0)
    results = {}
    for date in DATES:
        hostile = kursk_hostile(date)
        results[date] = (hostile, route_exposure([road], hostile, RANGES))
    return results


@pytest.mark.parametrize("source", ["osm20231002", "kartographia"])
def test_real_road_crosses_the_border_once(source):
    data.require_shared_data()
    road = road_lonlat()
    crossing = road.intersection(data.boundary(f"ua_ru_border_{source}_clip"))
    assert crossing.geom_type == "Point"
    ukraine = data.boundary(f"ua_{source}_polygon_clip")
    assert ukraine.contains(Point(road.coords[0]))  # Yunakivka
    assert not ukraine.contains(Point(road.coords[-1]))  # Sudzha
    assert 15_000 < data.geodesic_length_m(road) < 30_000


def test_real_road_exposure_rises_as_the_kursk_salient_shrinks(kursk_results):
    shares = [kursk_results[date][1].exposed_share for date in DATES]
    assert shares[0] < shares[1] < shares[2]
    assert shares[0] > 0.0  # the Ukrainian end is exposed from the start
    within_10 = [
        sum(r.share for r in kursk_results[d][1].summary if r.band in (5000.0, 10000.0))
        for d in DATES
    ]
    assert within_10[0] < within_10[1] <= within_10[2]


@pytest.mark.parametrize("date", DATES)
def test_real_road_band_lengths_match_dense_sampling(kursk_results, date):
    # An independent method: classify points every 10 m by their exact distance to hostile
    # ground. Band lengths must agree within a few sampling steps per band edge.
    hostile, result = kursk_results[date]
    road = data.to_metric(road_lonlat(), LON0, LAT0)
    step = 10.0
    at = np.arange(step / 2, road.length, step)
    distances = shapely.distance(shapely.line_interpolate_point(road, at), hostile)
    sampled = {}
    for band in (*RANGES, None):
        upper = math.inf if band is None else band
        lower = max([r for r in RANGES if r < upper], default=-1.0)
        sampled[band] = step * np.count_nonzero((distances > lower) & (distances <= upper))
    edges = len(result.stretches) + 1
    for band, length in lengths_by_band(result).items():
        assert length == pytest.approx(sampled[band], abs=edges * step), band


@pytest.mark.parametrize("date", DATES)
def test_real_road_is_measured_the_same_with_either_border_source(kursk_results, date):
    road = data.to_metric(road_lonlat(), LON0, LAT0)
    other = route_exposure([road], kursk_hostile(date, "kartographia"), RANGES)
    assert lengths_by_band(other) == pytest.approx(
        lengths_by_band(kursk_results[date][1]), abs=50.0
    )


@pytest.mark.parametrize("date", DATES)
def test_real_road_planar_figures_hold_on_the_ellipsoid(kursk_results, date):
    from pyproj import Geod

    hostile, result = kursk_results[date]
    geod = Geod(ellps="WGS84")
    total = sum(row.length for row in result.summary)
    assert total == pytest.approx(data.geodesic_length_m(road_lonlat()), rel=1e-3)
    for stretch in result.stretches:
        length = data.geodesic_length_m(data.to_lonlat(stretch.geometry, LON0, LAT0))
        assert stretch.geometry.length == pytest.approx(length, rel=5e-3)
        if stretch.distance > 0:
            nearest = data.to_lonlat(shapely.shortest_line(stretch.geometry, hostile), LON0, LAT0)
            (lon1, lat1), (lon2, lat2) = nearest.coords
            assert stretch.distance == pytest.approx(geod.inv(lon1, lat1, lon2, lat2)[2], rel=5e-3)


def test_a_route_retracing_itself_can_be_cancelled_on_the_way():
    """A route that runs back over itself is cut segment by segment; cancelling stops it
    there, not only between routes."""
    out = [(x * 10.0, 3000.0 + 50.0 * math.sin(x / 7.0)) for x in range(2000)]
    route = LineString(out + out[-2::-1])
    polls = []

    def cancel_on_the_third_poll() -> bool:
        polls.append(True)
        return len(polls) >= 3

    result = route_exposure(
        [route], box(-1e5, -1e5, 1e5, 0.0), [5000.0], is_cancelled=cancel_on_the_third_poll
    )
    assert result.cancelled
    assert len(polls) == 3  # once before the route, twice along it
    assert result.stretches == []
