"""Tests of frontline.core.diff: analytic answers on constructed maps, known figures on real ones.

Constructed maps are in metres; real DeepState maps are projected with fltest's LAEA (one
common centre for both maps of a pair), where planar areas are ellipsoidal areas.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely import affinity
from shapely.errors import GEOSException
from shapely.geometry import GeometryCollection, LineString, MultiPolygon, Point, Polygon, box

from fltest import data
from frontline.core import diff
from frontline.core.diff import GAINED, LOST, DiffCancelledError, diff_fronts

KM = 1000.0
KM2 = 1e6


def _assert_depth(piece, expected: float, *, whole=None, known_to: float = 1e-6) -> None:
    """The depth search returns a distance some point of the piece reaches (never more than
    the true maximum), short of it by at most its documented tolerance: that of its whole
    piece when an area of interest cut it. ``known_to``: how closely ``expected`` is known."""
    bounds = (piece if whole is None else whole).geometry.bounds
    tolerance = diff.DEPTH_REL_TOLERANCE * max(expected, math.dist(bounds[:2], bounds[2:])) + 0.01
    assert expected - tolerance <= piece.depth <= expected + known_to


# --- constructed maps ------------------------------------------------------------------------


@pytest.mark.parametrize("angle", [0.0, 37.0])
def test_square_advanced_two_km_on_one_side(angle):
    """A 10 km square whose northern line moves 2 km north: one 20 km² piece, 2 km deep,
    touching 10 km of the earlier line (also when the map is rotated off the axes)."""
    before = affinity.rotate(box(0, 0, 10 * KM, 10 * KM), angle, origin=(0, 0))
    after = affinity.rotate(box(0, 0, 10 * KM, 12 * KM), angle, origin=(0, 0))

    result = diff_fronts(before, after)

    assert len(result.pieces) == 1
    piece = result.pieces[0]
    assert piece.change == GAINED
    assert piece.area == pytest.approx(20 * KM2, rel=1e-9)
    assert piece.depth == pytest.approx(2 * KM, rel=0.01)
    assert piece.depth == pytest.approx(2 * KM, abs=1.0)  # in fact exact to the metre
    assert piece.front_length == pytest.approx(10 * KM, abs=0.05)
    assert result.before_area == pytest.approx(100 * KM2, rel=1e-9)
    assert result.after_area == pytest.approx(120 * KM2, rel=1e-9)
    assert result.gained_area == pytest.approx(20 * KM2, rel=1e-9)
    assert result.lost_area == 0.0
    assert result.net_area == pytest.approx(20 * KM2, rel=1e-9)
    assert result.kept_share == 1.0
    assert result.max_depth == piece.depth


def test_a_front_redrawn_centimetres_away_is_still_the_front_the_piece_touches():
    """AFTER gains a 10 km x 2 km strip north of the old line, drawn 3 cm off it (DeepState
    moves a shared vertex a few centimetres when it redraws): the strip touches the 10 km
    of front and is 2 km deep. Counted on the front within 1 cm only, it touched none."""
    before = box(0, 0, 10 * KM, 10 * KM)
    after = shapely.union(before, box(0, 10 * KM + 0.03, 10 * KM, 12 * KM))
    (piece,) = diff_fronts(before, after).pieces
    assert piece.change == GAINED
    assert piece.front_length == pytest.approx(10 * KM, abs=0.05)
    assert piece.depth == pytest.approx(2 * KM, abs=1.0)


def test_gain_and_loss_in_one_pair():
    """East: 4 km of line pushed 2 km out (gained 8 km²); west: 5 km pushed 1 km in (lost 5)."""
    before = box(0, 0, 10 * KM, 10 * KM)
    after = before.union(box(10 * KM, 2 * KM, 12 * KM, 6 * KM)).difference(
        box(0, 3 * KM, 1 * KM, 8 * KM)
    )

    result = diff_fronts(before, after)

    assert [p.change for p in result.pieces] == [GAINED, LOST]
    gained, lost = result.pieces
    assert gained.area == pytest.approx(8 * KM2, rel=1e-9)
    assert gained.depth == pytest.approx(2 * KM, abs=1.0)
    assert gained.front_length == pytest.approx(4 * KM, abs=0.05)
    assert lost.area == pytest.approx(5 * KM2, rel=1e-9)
    assert lost.depth == pytest.approx(1 * KM, abs=1.0)
    assert lost.front_length == pytest.approx(5 * KM, abs=0.05)
    assert lost.geometry.within(before.buffer(1e-6))
    assert result.gained_area == pytest.approx(8 * KM2, rel=1e-9)
    assert result.lost_area == pytest.approx(5 * KM2, rel=1e-9)
    assert result.net_area == pytest.approx(3 * KM2, rel=1e-9)
    assert result.kept_share == pytest.approx(0.95, rel=1e-9)
    assert result.after_area == pytest.approx(
        result.before_area + result.gained_area - result.lost_area, rel=1e-12
    )


def test_ground_changing_hands_on_both_sides_of_an_unmoved_line_stays_apart():
    """East: 1 km of our ground lost right beside 3 km of theirs gained across our old edge,
    which both maps keep as a boundary; west the other way round. The symmetric difference
    merges each pair into one piece whose areas balance, so only its geometry can tell."""
    before = box(0, 0, 10 * KM, 10 * KM)
    lost_east, gained_east = box(9 * KM, 0, 10 * KM, 2 * KM), box(10 * KM, 0, 13 * KM, 2 * KM)
    lost_west, gained_west = box(0, 5 * KM, 3 * KM, 7 * KM), box(-1 * KM, 5 * KM, 0, 7 * KM)
    after = shapely.union_all(
        [before.difference(lost_east).difference(lost_west), gained_east, gained_west]
    )

    result = diff_fronts(before, after)

    pieces = {(p.change, round(p.area / KM2, 6)): p for p in result.pieces}
    assert sorted(pieces) == [(GAINED, 2.0), (GAINED, 6.0), (LOST, 2.0), (LOST, 6.0)]
    assert pieces[GAINED, 6.0].geometry.equals(gained_east)
    assert pieces[LOST, 2.0].geometry.equals(lost_east)
    assert pieces[GAINED, 6.0].depth == pytest.approx(3 * KM, abs=1.0)
    assert pieces[LOST, 6.0].depth == pytest.approx(3 * KM, abs=1.0)


def test_identical_inputs_give_no_pieces_and_zero_totals():
    held = Point(0, 0).buffer(5 * KM).union(box(3 * KM, 0, 9 * KM, 2 * KM))

    result = diff_fronts(held, held, min_area=0.0)

    assert result.pieces == []
    assert result.gained_area == 0.0
    assert result.lost_area == 0.0
    assert result.net_area == 0.0
    assert result.max_depth == 0.0
    assert result.kept_share == 1.0
    assert result.before_area == result.after_area == pytest.approx(held.area, rel=1e-12)


def test_area_of_interest_cutting_a_piece_in_two():
    """A band through the middle of the area of interest cuts the 10 x 2 km advance into two
    4 x 2 km pieces; the cut edges are not front, and only ground inside the AOI counts."""
    before = box(0, 0, 10 * KM, 10 * KM)
    after = box(0, 0, 10 * KM, 12 * KM)
    aoi = box(-KM, -KM, 11 * KM, 13 * KM).difference(box(4 * KM, -2 * KM, 6 * KM, 14 * KM))

    result = diff_fronts(before, after, area_of_interest=aoi)

    assert len(result.pieces) == 2
    for piece in result.pieces:
        assert piece.change == GAINED
        assert piece.area == pytest.approx(8 * KM2, rel=1e-9)
        assert piece.front_length == pytest.approx(4 * KM, abs=0.05)
        assert piece.depth == pytest.approx(2 * KM, abs=1.0)
    assert result.before_area == pytest.approx(80 * KM2, rel=1e-9)
    assert result.after_area == pytest.approx(96 * KM2, rel=1e-9)
    assert result.gained_area == pytest.approx(16 * KM2, rel=1e-9)


def test_a_piece_clipped_by_the_area_of_interest_is_no_deeper_than_its_whole():
    """A 4 km advance along 10 km of front, seen through an L-shaped area of interest that
    keeps 1 km of that front: the clipped piece's far corner is 9.85 km from the front left
    inside, but only 4 km from the front its whole piece touches. Depth is the latter."""
    before = box(0, 0, 10 * KM, 10 * KM)
    after = box(0, 0, 10 * KM, 14 * KM)
    aoi = box(-KM, 9 * KM, 1 * KM, 15 * KM).union(box(-KM, 13 * KM, 11 * KM, 15 * KM))

    (piece,) = diff_fronts(before, after, area_of_interest=aoi, min_area=0.0).pieces

    assert piece.area == pytest.approx(13 * KM2, rel=1e-9)  # 1 x 4 km plus 9 x 1 km
    assert piece.front_length == pytest.approx(1 * KM, abs=0.05)  # the front inside only
    _assert_depth(piece, 4 * KM)
    # An area of interest with none of that front in it: the part still counts as an advance.
    tip = diff_fronts(before, after, area_of_interest=box(-KM, 13 * KM, 11 * KM, 15 * KM))
    (part,) = tip.pieces
    assert part.front_length == 0.0 and part.at_front
    _assert_depth(part, 4 * KM)
    assert tip.max_depth == part.depth


@pytest.mark.parametrize("quadrant", [(1, 1), (-1, 1), (-1, -1), (1, -1)])
def test_a_part_cut_at_the_deepest_point_is_no_deeper_than_its_whole(quadrant):
    """An enclave (a scalene triangular hole in BEFORE) taken: the deepest point of the piece
    is the incentre, at the inradius from the front ringing it, and inside the piece, where
    the whole's depth search stops short of it (within its tolerance). An area of interest
    with a corner at the incentre makes that point a vertex of the part, whose search then
    reaches the inradius itself: the part is capped at its whole's depth."""
    corners = [(1 * KM, 1 * KM), (8 * KM, 2 * KM), (3 * KM, 7 * KM)]
    sides = [math.dist(corners[(i + 1) % 3], corners[(i + 2) % 3]) for i in range(3)]
    incentre = np.average(corners, axis=0, weights=sides)
    inradius = 2.0 * Polygon(corners).area / sum(sides)
    square = box(-5 * KM, -5 * KM, 15 * KM, 15 * KM)
    before, after = square.difference(Polygon(corners)), square
    far = incentre + 20 * KM * np.array(quadrant)
    aoi = box(*np.minimum(incentre, far), *np.maximum(incentre, far))

    plain = diff_fronts(before, after)
    clipped = diff_fronts(before, after, area_of_interest=aoi)

    (whole,), (part,) = plain.pieces, clipped.pieces
    assert part.area < whole.area and part.at_front
    _assert_depth(whole, inradius)
    assert whole.depth < inradius - 1.0  # short of the incentre: what this test is about
    assert part.depth <= whole.depth
    _assert_depth(part, inradius, whole=whole)
    assert clipped.max_depth == part.depth <= plain.max_depth


def test_real_advance_cut_by_an_area_of_interest_is_no_deeper_than_its_whole():
    """The largest piece gained between the maps of 2025-03-01 and 2025-03-20 (15.36 km²,
    35.45-35.59 E), seen through a box 35.40-35.52 E, 47.45-47.56 N that keeps 8.71 km² of
    it. Its true depth, 2513.68 m (a search with a tolerance of 1e-7 and 1 cm), is reached
    inside the box; the whole's search stops 6.8 m short of it, the part's came closer: the
    part came out 4.4 m deeper than its whole before it was capped at the whole's depth."""
    centre = (36.0, 48.0)  # a projection where the two searches stop that far apart
    before = _metric_fill(data.raw_map("2025-03-01"), data.OCCUPIED_FILLS, centre)
    after = _metric_fill(data.raw_map("2025-03-20"), data.OCCUPIED_FILLS, centre)
    aoi = data.to_metric(box(35.40, 47.45, 35.52, 47.56), *centre)

    plain = diff_fronts(before, after)
    clipped = diff_fronts(before, after, area_of_interest=aoi)

    whole, (part,) = plain.pieces[0], clipped.pieces
    assert whole.change == part.change == GAINED
    assert whole.area / KM2 == pytest.approx(15.363, abs=0.001)
    assert part.area / KM2 == pytest.approx(8.711, abs=0.001)
    assert whole.geometry.buffer(0.01).contains(part.geometry)
    assert part.depth <= whole.depth
    _assert_depth(whole, 2513.68, known_to=0.02)
    _assert_depth(part, 2513.68, whole=whole, known_to=0.02)
    assert clipped.max_depth == part.depth <= plain.max_depth


def test_depth_maximum_inside_a_captured_pocket():
    """An enclave (a hole in BEFORE) taken: every vertex of the piece lies on the front, so the
    deepest point is the centre, at the inradius of the polygonal circle."""
    radius, segments = 1 * KM, 256
    circle = Point(0, 0).buffer(radius, quad_segs=segments // 4)
    before = box(-5 * KM, -5 * KM, 5 * KM, 5 * KM).difference(circle)
    after = box(-5 * KM, -5 * KM, 5 * KM, 5 * KM)

    (piece,) = diff_fronts(before, after).pieces

    _assert_depth(piece, radius * math.cos(math.pi / segments))  # the inradius
    assert piece.front_length == pytest.approx(circle.length, abs=0.05)


def test_depth_maximum_inside_an_edge():
    """A 2 km wide, 5 km deep notch filled: the front rings it on three sides, the deepest
    points lie on the open side's middle and on the notch's centre line, 1 km from the front;
    every vertex of the piece is on the front."""
    before = box(0, 0, 10 * KM, 10 * KM).difference(box(4 * KM, 5 * KM, 6 * KM, 10 * KM))
    after = box(0, 0, 10 * KM, 10 * KM)

    (piece,) = diff_fronts(before, after).pieces

    _assert_depth(piece, 1 * KM)
    assert piece.front_length == pytest.approx(12 * KM, abs=0.05)


def test_whole_ground_lost_reaches_its_centre():
    """Everything lost: the piece is BEFORE itself, ringed by the front, 5 km deep at its centre."""
    before = box(0, 0, 10 * KM, 10 * KM)

    result = diff_fronts(before, None)

    (piece,) = result.pieces
    assert piece.change == LOST
    _assert_depth(piece, 5 * KM)
    assert piece.front_length == pytest.approx(40 * KM, abs=0.05)
    assert result.kept_share == 0.0
    assert result.after_area == 0.0


def test_island_touching_no_front_measures_to_the_whole_front():
    """An island gained 2 km east of a 1 km square: no front touched (length 0), depth is its
    largest distance to BEFORE's boundary, reached at its far corners."""
    before = box(0, 0, KM, KM)
    island = box(3 * KM, 0, 4 * KM, KM)

    (piece,) = diff_fronts(before, before.union(island)).pieces

    assert piece.front_length == 0.0
    _assert_depth(piece, 3 * KM)


def test_max_depth_counts_pieces_touching_the_front_only():
    """A 500 m advance and an island gained 3 km away: the island keeps its depth, but the
    deepest advance from the front is the 500 m one."""
    before = box(0, 0, KM, KM)
    advance = box(0, KM, KM, 1.5 * KM)
    island = box(3 * KM, 0, 4 * KM, KM)

    result = diff_fronts(before, shapely.union_all([before, advance, island]))

    depths = sorted(round(p.depth) for p in result.pieces)
    assert depths == [500, 3000]
    assert result.max_depth == pytest.approx(500.0, abs=1.0)


def test_pocket_lost_inside_touching_no_front():
    """A disk lost inside a 10 km square, away from its line: depth is the largest distance from
    the disk to the square's boundary, at the disk's top (5, 4) km: 4 km."""
    before = box(0, 0, 10 * KM, 10 * KM)
    disk = Point(5 * KM, 3 * KM).buffer(KM, quad_segs=32)

    (piece,) = diff_fronts(before, before.difference(disk)).pieces

    assert piece.change == LOST
    assert piece.front_length == 0.0
    _assert_depth(piece, 4 * KM)


def test_nothing_held_before():
    after = box(0, 0, 3 * KM, 3 * KM)

    result = diff_fronts(None, after)

    assert result.before_area == 0.0
    assert math.isnan(result.kept_share)
    assert result.gained_area == pytest.approx(9 * KM2, rel=1e-9)
    (piece,) = result.pieces
    assert piece.depth == 0.0  # there is no earlier line to measure from
    assert piece.front_length == 0.0


def test_nothing_held_at_all():
    result = diff_fronts(Polygon(), GeometryCollection())

    assert result.pieces == []
    assert result.before_area == result.after_area == 0.0


def test_min_area_drops_small_pieces_and_totals_count_kept_ones():
    before = box(0, 0, 10 * KM, 10 * KM)
    small = box(10 * KM, 0, 10 * KM + 50, 100)  # 5,000 m²
    large = box(10 * KM, 5 * KM, 10 * KM + 200, 5 * KM + 100)  # 20,000 m²
    after = shapely.union_all([before, small, large])

    kept = diff_fronts(before, after)  # default MIN_AREA 0.01 km²
    everything = diff_fronts(before, after, min_area=0.0)

    assert [p.area for p in kept.pieces] == pytest.approx([20_000.0])
    assert kept.gained_area == pytest.approx(20_000.0)
    assert (kept.dropped_pieces, kept.dropped_area) == (1, pytest.approx(5_000.0))
    assert everything.gained_area == pytest.approx(25_000.0)
    assert (everything.dropped_pieces, everything.dropped_area) == (0, 0.0)
    assert everything.after_area == pytest.approx(
        everything.before_area + everything.gained_area - everything.lost_area, rel=1e-12
    )


@pytest.mark.parametrize("spread, kept", [(0.0005, 0), (0.005, 1)])
def test_overlay_noise_thinner_than_a_millimetre_is_always_dropped(spread, kept):
    """One corner of a 10 km square drawn ``spread`` metres higher: a wedge 10 km long, at
    most ``spread`` wide. Under 1 mm everywhere it is overlay noise, dropped even with both
    filters at 0 (and counted as dropped); 5 mm wide it is a piece."""
    before = Polygon([(0, 0), (10 * KM, 0), (10 * KM, 10 * KM), (0, 10 * KM)])
    after = Polygon([(0, 0), (10 * KM, 0), (10 * KM, 10 * KM + spread), (0, 10 * KM)])

    result = diff_fronts(before, after, min_area=0.0, min_width=0.0)

    assert len(result.pieces) == kept
    assert result.dropped_pieces == 1 - kept
    assert result.dropped_area == pytest.approx((1 - kept) * 5 * KM * spread, rel=1e-3)


def test_min_width_drops_slivers_of_the_same_area_as_kept_pieces():
    """A 10 km x 5 m sliver and a 224 m square have the same area; MIN_WIDTH 20 m drops the
    sliver only."""
    before = box(0, 0, 20 * KM, 10 * KM)
    sliver = box(0, 10 * KM, 10 * KM, 10 * KM + 5)
    side = math.sqrt(sliver.area)
    square = box(15 * KM, 10 * KM, 15 * KM + side, 10 * KM + side)
    after = shapely.union_all([before, sliver, square])

    with_slivers = diff_fronts(before, after, min_area=0.0)
    result = diff_fronts(before, after, min_area=0.0, min_width=20.0)

    assert len(with_slivers.pieces) == 2
    (piece,) = result.pieces
    assert piece.geometry.equals_exact(square, 1e-6) or piece.geometry.equals(square)
    assert result.gained_area == pytest.approx(sliver.area, rel=1e-9)
    assert (result.dropped_pieces, result.dropped_area) == (1, pytest.approx(sliver.area))


def test_land_clips_both_maps_and_its_coast_is_no_front():
    """Lines drawn 2 km into the sea north of y = 10 km. Land clips them; the lost piece touches
    the earlier front on its east (10 km) and south (2 km) sides, but its coastal edge is no
    front (12 km touched, not 14)."""
    land = box(-50 * KM, -50 * KM, 50 * KM, 10 * KM)
    before = box(0, 0, 10 * KM, 12 * KM)
    after = box(0, 0, 8 * KM, 12 * KM)

    result = diff_fronts(before, after, land=land)

    (piece,) = result.pieces
    assert piece.change == LOST
    assert piece.area == pytest.approx(20 * KM2, rel=1e-9)
    assert piece.front_length == pytest.approx(12 * KM, abs=0.05)
    assert piece.depth == pytest.approx(2 * KM, abs=1.0)
    assert result.before_area == pytest.approx(100 * KM2, rel=1e-9)
    assert result.after_area == pytest.approx(80 * KM2, rel=1e-9)


def test_invalid_and_mixed_inputs_are_repaired_and_dissolved():
    """BEFORE as a collection of overlapping squares plus a stray line; AFTER as an invalid
    self-overlapping MultiPolygon with z coordinates."""
    before = GeometryCollection(
        [
            box(0, 0, 10 * KM, 10 * KM),
            box(5 * KM, 0, 15 * KM, 10 * KM),
            LineString([(0, 0), (1, 1)]),
        ]
    )
    after = shapely.force_3d(
        MultiPolygon([box(0, 0, 10 * KM, 10 * KM), box(5 * KM, 0, 17 * KM, 10 * KM)])
    )
    assert not after.is_valid

    result = diff_fronts(before, after)

    assert result.before_area == pytest.approx(150 * KM2, rel=1e-9)
    assert result.after_area == pytest.approx(170 * KM2, rel=1e-9)
    (piece,) = result.pieces
    assert piece.area == pytest.approx(20 * KM2, rel=1e-9)
    assert piece.depth == pytest.approx(2 * KM, abs=1.0)
    assert piece.front_length == pytest.approx(10 * KM, abs=0.05)


def test_overlay_retries_on_a_snapping_grid_when_geos_throws(monkeypatch):
    """When an overlay raises (a TopologyException), it is redone on a 1 mm grid."""
    before = box(0, 0, 10 * KM, 10 * KM)
    after = box(0, 0, 10 * KM, 12 * KM)
    real_overlay = shapely.difference
    calls = []

    def overlay_failing_off_grid(a, b, grid_size=None, **kwargs):
        calls.append(grid_size)
        if grid_size is None:
            raise GEOSException("TopologyException: side location conflict")
        return real_overlay(a, b, grid_size=grid_size, **kwargs)

    monkeypatch.setattr(diff.shapely, "difference", overlay_failing_off_grid)
    result = diff_fronts(before, after)

    # Per difference (two, side by side): inside the boxes of change, over the whole maps,
    # then over the whole maps on the grid.
    assert sorted(calls, key=str) == sorted([None, None, diff.SNAP_GRID] * 2, key=str)
    (piece,) = result.pieces
    assert piece.area == pytest.approx(20 * KM2, rel=1e-9)


def test_gained_and_lost_pieces_sharing_an_edge_stay_apart():
    """Held ground moved sideways: a symmetric difference would merge the two pieces across
    the shared edge; the two differences keep them apart."""
    before = box(0, 0, 10 * KM, 10 * KM)
    after = box(10 * KM, 0, 20 * KM, 10 * KM)
    result = diff_fronts(before, after, min_area=0.0)
    changes = sorted((p.change, round(p.area / KM2, 6)) for p in result.pieces)
    assert changes == [("gained", 100.0), ("lost", 100.0)]
    assert result.kept_share == 0.0


def test_cancellation_raises():
    before = box(0, 0, 10 * KM, 10 * KM)
    after = box(0, 0, 10 * KM, 12 * KM)

    with pytest.raises(DiffCancelledError):
        diff_fronts(before, after, is_cancelled=lambda: True)


# --- the depth search against brute force ----------------------------------------------------


def _star_polygon(radii: list[float]) -> Polygon:
    angles = np.linspace(0, 2 * np.pi, len(radii), endpoint=False)
    return Polygon(np.column_stack([np.cos(angles) * radii, np.sin(angles) * radii]))


def _sampled_max_distance(polygon: Polygon, segments, spacing: float) -> float:
    """Max distance to the segments over a grid inside the polygon plus its densified boundary:
    within spacing / sqrt(2) of the true maximum (the distance is 1-Lipschitz)."""
    minx, miny, maxx, maxy = polygon.bounds
    xs, ys = np.meshgrid(np.arange(minx, maxx, spacing), np.arange(miny, maxy, spacing))
    grid = shapely.points(xs.ravel(), ys.ravel())
    inside = grid[shapely.contains(polygon, grid)]
    boundary = shapely.segmentize(polygon.exterior, spacing / 2)
    points = np.concatenate([inside, shapely.points(shapely.get_coordinates(boundary))])
    lines = shapely.multilinestrings(
        [shapely.linestrings([a, b]) for a, b in zip(segments[0], segments[1])]
    )
    return float(shapely.distance(points, lines).max())


@settings(max_examples=40, deadline=None)
@given(
    radii=st.lists(st.floats(300.0, 1000.0), min_size=5, max_size=12),
    front=st.lists(st.integers(0, 11), min_size=1, max_size=12, unique=True),
)
def test_depth_search_agrees_with_dense_sampling(radii, front):
    """Random star polygons, fronts made of some of their edges: the branch and bound gives a
    distance the polygon reaches, no farther than its tolerance from the sampled maximum."""
    _assert_depth_agrees(radii, front)


def test_depth_search_on_a_star_whose_farthest_point_lies_on_an_edge():
    """Found by the random test: a polygon vertex a rounding error outside a cell's edge once
    left the cell's part without it (510.98 m found, 512.26 m reached on the boundary)."""
    _assert_depth_agrees([300.0, 300.0, 590.0, 300.0, 590.0, 446.0], [0, 4])


def _assert_depth_agrees(radii, front):
    polygon = _star_polygon(radii)
    ring = np.asarray(polygon.exterior.coords)
    edges = sorted({i % (len(ring) - 1) for i in front})
    segments = (ring[edges], ring[[i + 1 for i in edges]])
    spacing = 10.0

    (depth,) = diff.max_distances_to_segments([polygon], [segments])

    sampled = _sampled_max_distance(polygon, segments, spacing)
    size = math.hypot(*np.subtract(polygon.bounds[2:], polygon.bounds[:2]))
    assert depth <= sampled + spacing / math.sqrt(2) + 1e-6
    assert depth >= sampled - (diff.DEPTH_REL_TOLERANCE * max(depth, size) + 0.011)


def test_indexed_and_brute_force_nearest_segments_agree(monkeypatch):
    """Pieces with many front segments use a spatial index for nearest segments, small ones
    numpy brute force: both give the same depths (here: all Kursk ground of 2024-09-06 lost)."""
    held = _metric_fill(data.raw_map("2024-09-06"), (data.UA_HELD_IN_RUSSIA,), KURSK_CENTRE)

    monkeypatch.setattr(diff._Sites, "_INDEXED_FROM", 16)
    indexed = diff_fronts(held, None)
    monkeypatch.setattr(diff._Sites, "_INDEXED_FROM", 10**9)
    brute_force = diff_fronts(held, None)

    assert max(len(p.geometry.exterior.coords) for p in indexed.pieces) > 100
    assert [p.depth for p in indexed.pieces] == pytest.approx(
        [p.depth for p in brute_force.pieces], rel=1e-9
    )
    salient = indexed.pieces[0]
    assert 5 * KM < salient.depth < 20 * KM  # the salient's deepest point, 10-15 km inside


# --- real DeepState maps ---------------------------------------------------------------------

UKRAINE_CENTRE = (34.5, 48.5)
KURSK_CENTRE = (35.1, 51.2)
ORDLO_CRIMEA_FILL = "#880e4f"


@lru_cache(maxsize=8)
def _metric_fill(path: Path, fills: tuple[str, ...], centre: tuple[float, float]):
    return data.to_metric(data.fill_polygons(path, fills), *centre)


def _consecutive_pairs() -> list[tuple[Path, Path]]:
    maps = data.raw_maps() if data.RAW_DIR.is_dir() else []
    return list(zip(maps, maps[1:]))


@pytest.mark.parametrize(
    "before_path, after_path", _consecutive_pairs(), ids=lambda p: p.name[10:24]
)
def test_occupied_change_matches_deepstate_figures(before_path, after_path):
    """The occupied area (#a52714 and #880e4f) of consecutive maps: conservation with no filter,
    and NET with the default filters against DeepState's own figures.

    DeepState's `occupied` counts #a52714 only (occupied since 2022), so the change of the
    #880e4f area (ORDLO and Crimea, redrawn in 2024-12), measured independently on the
    ellipsoid, is added to the official difference.
    """
    before = _metric_fill(before_path, data.OCCUPIED_FILLS, UKRAINE_CENTRE)
    after = _metric_fill(after_path, data.OCCUPIED_FILLS, UKRAINE_CENTRE)

    unfiltered = diff_fronts(before, after, min_area=0.0)
    result = diff_fronts(before, after)

    residual = unfiltered.after_area - (
        unfiltered.before_area + unfiltered.gained_area - unfiltered.lost_area
    )
    assert abs(residual) <= 1e-4 * unfiltered.after_area
    official = (
        data.history_record(data.map_id(after_path))["occupied"]
        - data.history_record(data.map_id(before_path))["occupied"]
    )
    redrawn_before_2022 = data.geodesic_area_km2(
        data.fill_polygons(after_path, [ORDLO_CRIMEA_FILL])
    ) - data.geodesic_area_km2(data.fill_polygons(before_path, [ORDLO_CRIMEA_FILL]))
    expected = official + redrawn_before_2022
    assert result.net_area / KM2 == pytest.approx(expected, abs=1.0 + 0.005 * abs(expected))


def test_kursk_ground_grows_to_about_908_km2():
    before_path, after_path = data.raw_map("2024-08-08"), data.raw_map("2024-09-06")
    fills = (data.UA_HELD_IN_RUSSIA,)
    before = _metric_fill(before_path, fills, KURSK_CENTRE)
    after = _metric_fill(after_path, fills, KURSK_CENTRE)

    result = diff_fronts(before, after)

    official_after = data.history_record(data.map_id(after_path))["occupiedInRussia"]
    official_before = data.history_record(data.map_id(before_path))["occupiedInRussia"]
    assert official_after == pytest.approx(907.6, abs=0.1)
    assert result.after_area / KM2 == pytest.approx(official_after, rel=0.005)
    assert result.before_area / KM2 == pytest.approx(official_before, rel=0.005)
    expected_net = official_after - official_before
    assert result.net_area / KM2 == pytest.approx(expected_net, abs=1.0 + 0.005 * expected_net)
    assert result.gained_area > result.lost_area >= 0.0
    salient, tetkino = result.pieces[:2]
    assert salient.area / KM2 == pytest.approx(754, abs=5)
    assert 10 * KM < salient.depth < 30 * KM  # the salient reached about 20 km past 08-08
    assert 30 * KM < salient.front_length < 150 * KM
    # The Tetkino patch (11.4 km², 50 km west) touches no earlier front: its depth is its
    # largest distance to the ground held on 2024-08-08.
    assert tetkino.area / KM2 == pytest.approx(11.4, abs=0.1)
    assert tetkino.front_length == 0.0
    gap = tetkino.geometry.distance(before)
    size = math.dist(tetkino.geometry.bounds[:2], tetkino.geometry.bounds[2:])
    assert gap < tetkino.depth < gap + size
    # The deepest advance is the salient's, not the far patch's distance (54.7 km).
    assert result.max_depth == salient.depth


def _without_tuzla(path: Path):
    """A raw map's occupied area without Tuzla island, which the archive below leaves out."""
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    tuzla = [
        shapely.force_2d(shapely.geometry.shape(f["geometry"]))
        for f in features
        if "tuzla" in str(f.get("properties", {}).get("name", "")).lower()
    ]
    occupied = data.fill_polygons(path, data.OCCUPIED_FILLS)
    return occupied.difference(shapely.union_all(tuzla)) if tuzla else occupied


@pytest.mark.parametrize(
    "archive_day, raw_day",
    [("20240821", "2024-08-20"), ("20241102", "2024-11-01"), ("20250311", "2025-03-10")],
)
def test_redrawn_line_reports_no_change_above_min_area(archive_day, raw_day):
    """The same map drawn twice: a public archive re-processed DeepState's occupied area
    (union, then buffer +1 m / -1 m); against the raw map of that evening only redrawing noise
    remains, all of it under MIN_AREA."""
    archive = json.loads(
        (data.OCCUPIED_DISSOLVED_DIR / f"deepstatemap_data_{archive_day}.geojson").read_text()
    )
    redrawn = shapely.union_all(
        [shapely.force_2d(shapely.geometry.shape(f["geometry"])) for f in archive["features"]]
    )
    raw = _without_tuzla(data.raw_map(raw_day))
    before = data.to_metric(raw, *UKRAINE_CENTRE)
    after = data.to_metric(redrawn, *UKRAINE_CENTRE)

    noise = diff_fronts(before, after, min_area=0.0)
    result = diff_fronts(before, after)

    assert len(noise.pieces) >= 10  # there is noise, and the filter is what removes it
    assert result.pieces == []
    assert result.gained_area == result.lost_area == 0.0
    assert abs(noise.net_area) / KM2 < 0.1


def test_unchanged_kursk_maps_report_no_change():
    """2025-02-20..25: DeepState's Kursk figure stayed at 428.1 km² (the polygons are the same)."""
    days = ["2025-02-20", "2025-02-21", "2025-02-22", "2025-02-23", "2025-02-24", "2025-02-25"]
    fills = (data.UA_HELD_IN_RUSSIA,)
    for before_day, after_day in zip(days, days[1:]):
        before = _metric_fill(data.raw_map(before_day), fills, KURSK_CENTRE)
        after = _metric_fill(data.raw_map(after_day), fills, KURSK_CENTRE)

        result = diff_fronts(before, after)

        assert result.pieces == []
        assert result.net_area == 0.0
        assert result.kept_share == 1.0
        assert result.after_area / KM2 == pytest.approx(428.1, rel=0.005)


def test_zero_width_spike_along_the_front_is_not_front():
    """GEOS can leave a piece with a spike out and back along a boundary both maps share (seen
    with shapely 2.0.0 on rotated squares); it must not count as front a second time."""
    front = box(0, 0, 10 * KM, 10 * KM).boundary
    spiky = shapely.Polygon(
        [(0, 10 * KM), (12 * KM, 10 * KM), (10 * KM, 10 * KM), (10 * KM, 12 * KM), (0, 12 * KM)]
    )
    (piece,) = diff._measure_pieces([spiky], [diff.GAINED], [spiky], front, None)
    assert piece.front_length == pytest.approx(10 * KM, abs=0.01)
    assert piece.depth == pytest.approx(2 * KM, rel=0.001)


@pytest.mark.parametrize("gap", [0.002, 0.04, 0.5])
def test_a_hair_along_the_front_touches_no_front(gap):
    """AFTER's southern edge starts ``gap`` m above BEFORE's and meets it 9 km east: the lost
    piece is the 1 km strip plus a wedge under 1 m wide along 9 km of front. The wedge is
    noise, not 9 km more front (counted twice when it is thinner than the tolerance: 30 km)."""
    before = box(0, 0, 10 * KM, 10 * KM)
    after = Polygon([(1 * KM, gap), (10 * KM, 0), (10 * KM, 10 * KM), (1 * KM, 10 * KM)])

    (piece,) = diff_fronts(before, after).pieces

    assert piece.change == LOST
    assert piece.area == pytest.approx(10 * KM2 + 4.5 * KM * gap, rel=1e-9)
    assert piece.front_length == pytest.approx(12 * KM, abs=0.05)
    assert piece.depth == pytest.approx(1 * KM, abs=1.0)


def test_no_piece_touches_more_front_than_lies_along_it():
    """A piece's front length is at most the length of the earlier front within the tolerance
    of it. Hairs a few cm wide running 1 km along the front counted twice: 4309 m for a piece
    along 1487 m of front (measured here on the front itself, not on the piece)."""
    before, after = (
        _metric_fill(data.raw_map(day), data.OCCUPIED_FILLS, UKRAINE_CENTRE)
        for day in ("2024-09-15", "2024-10-13")
    )
    front = before.boundary

    result = diff_fronts(before, after)

    assert result.pieces
    for piece in result.pieces:
        along = front.intersection(piece.geometry.buffer(diff.TOUCH_TOLERANCE)).length
        assert piece.front_length <= along + 1.0
