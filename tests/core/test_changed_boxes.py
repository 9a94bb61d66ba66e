"""Boxes of change between two maps (frontline.core.changed_boxes), and the differences the
diff takes inside them (frontline.core.diff): the same pieces as over the whole maps."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely import affinity
from shapely.geometry import Polygon, box

from frontline.core import diff
from frontline.core.changed_boxes import changed_boxes, clipped_pair, oriented
from frontline.core.shapes import flat_polygons

KM = 1000.0


def _reversed(polygon: Polygon) -> Polygon:
    """The same polygon with every ring run the other way."""
    return Polygon(polygon.exterior.coords[::-1], [r.coords[::-1] for r in polygon.interiors])


def _inside(piece, boxes: np.ndarray) -> bool:
    return any(shapely.box(*b).contains(piece) for b in boxes)


def test_the_same_outline_has_no_box_whichever_way_its_rings_run():
    held = box(0, 0, 10 * KM, 10 * KM).difference(box(4 * KM, 4 * KM, 6 * KM, 6 * KM))
    assert len(changed_boxes(held, held, 10.0)) == 0
    assert len(changed_boxes(held, _reversed(held), 10.0)) == 0
    assert len(changed_boxes(shapely.normalize(held), held, 10.0)) == 0


def test_one_moved_stretch_gives_one_box_around_it_and_its_margin():
    before = Polygon([(0, 0), (10 * KM, 0), (10 * KM, 10 * KM), (0, 10 * KM)])
    after = Polygon([(0, 0), (10 * KM, 0), (12 * KM, 5 * KM), (10 * KM, 10 * KM), (0, 10 * KM)])
    (found,) = changed_boxes(before, after, 10.0)
    # The segments that differ: before's right side, after's two new ones.
    assert found.tolist() == pytest.approx(
        [10 * KM - 10, -10, 12 * KM + 10, 10 * KM + 10], abs=0.01
    )


def test_far_apart_changes_get_boxes_of_their_own():
    """Vertices every kilometre, as a drawn front has them: only the bitten segments differ
    (a segment the other map splits anywhere counts as change along its whole length)."""
    before = shapely.segmentize(box(0, 0, 100 * KM, 10 * KM), 1 * KM)
    bites = [box(10 * KM, 9 * KM, 12 * KM, 10 * KM), box(80 * KM, 0, 83 * KM, 1 * KM)]
    after = before.difference(shapely.union_all(bites))
    boxes = changed_boxes(before, after, 10.0)
    assert len(boxes) == 2
    assert all(_inside(bite, boxes) for bite in bites)
    widths = sorted(boxes[:, 2] - boxes[:, 0])
    assert widths == pytest.approx([2 * KM + 20, 3 * KM + 20], abs=0.01)


def test_an_island_turned_into_a_hole_is_change():
    """The same ring in both maps, ground inside it before and outside it after: the
    segments match, but with the ground on the other side."""
    island = box(4 * KM, 4 * KM, 6 * KM, 6 * KM)
    surround = box(0, 0, 10 * KM, 10 * KM).difference(island)
    boxes = changed_boxes(island, surround, 10.0)
    assert _inside(island, boxes)
    assert _inside(box(0, 0, 10 * KM, 10 * KM), boxes)


def _cells(mask: list[bool], size: int, cell: float):
    """Union of the grid cells that the mask holds (row by row)."""
    cells = [
        box(i % size * cell, i // size * cell, (i % size + 1) * cell, (i // size + 1) * cell)
        for i, held in enumerate(mask)
        if held
    ]
    return shapely.union_all(cells) if cells else Polygon()


def _assert_same_pieces(found, expected) -> None:
    """The same pieces, vertex for vertex, up to rounding (an intersection point computed
    from a segment clipped to a box may differ in its last bits)."""

    def ordered(geometry):
        pieces = [shapely.normalize(p) for p in flat_polygons(geometry)]
        return sorted(pieces, key=lambda p: (round(p.centroid.x, 3), round(p.centroid.y, 3)))

    found, expected = ordered(found), ordered(expected)
    assert len(found) == len(expected)
    assert all(shapely.equals_exact(f, e, tolerance=1e-6) for f, e in zip(found, expected))


@settings(max_examples=60, deadline=None)
@given(
    before=st.lists(st.booleans(), min_size=64, max_size=64),
    flips=st.lists(st.integers(0, 63), max_size=10),
    angle=st.sampled_from([0.0, 23.0]),
)
def test_differences_in_the_boxes_are_the_differences_over_the_whole(before, flips, angle):
    """Random held cells before, a few flipped after (pieces sharing edges with unchanged
    ground, islands, holes, pockets), straight and turned: the pieces taken inside the boxes
    of change are the pieces of the two plain differences, and each lies in a box."""
    after = list(before)
    for i in flips:
        after[i] = not after[i]
    a = diff.clean_polygonal(affinity.rotate(_cells(before, 8, 1 * KM), angle, origin=(0, 0)))
    b = diff.clean_polygonal(affinity.rotate(_cells(after, 8, 1 * KM), angle, origin=(0, 0)))
    if a.is_empty or b.is_empty:
        return
    gained, lost = diff._gained_and_lost(a, b, None)
    _assert_same_pieces(gained, shapely.difference(b, a))
    _assert_same_pieces(lost, shapely.difference(a, b))
    boxes = changed_boxes(a, b, diff._BOX_MARGIN)
    assert all(_inside(p, boxes) for p in flat_polygons(gained) + flat_polygons(lost))


def test_a_box_with_an_untidy_clip_is_clipped_again_for_both_maps(monkeypatch):
    """GEOS's fast clip may leave a ring touching itself: both maps are then clipped to that
    box again, by an overlay, so that they meet its sides at the same points."""
    before = box(0, 0, 10 * KM, 10 * KM)
    after = box(0, 0, 10 * KM, 12 * KM)
    boxes = np.array([[-10.0, 9990.0, 10010.0, 12010.0]])
    bowtie = Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])  # what an untidy clip is like: invalid
    real_clip = shapely.clip_by_rect
    monkeypatch.setattr(
        shapely, "clip_by_rect", lambda g, *b: bowtie if g.area > 1e8 else real_clip(g, *b)
    )
    (clip_before,), (clip_after,) = clipped_pair(before, after, boxes, diff._AREA_NOISE)
    assert clip_before.equals(box(0, 9990.0, 10 * KM, 10 * KM))
    assert clip_after.equals(box(0, 9990.0, 10 * KM, 12 * KM))
    gained, lost = diff._gained_and_lost(before, after, None)
    assert gained.area == pytest.approx(20 * KM * KM, rel=1e-12) and lost.is_empty


def test_clips_losing_ground_outside_the_boxes_are_not_trusted(monkeypatch):
    """If the clipped maps do not hold the same area outside the boxes, the differences are
    taken over the whole maps."""
    before = box(0, 0, 10 * KM, 10 * KM)
    after = box(0, 0, 10 * KM, 12 * KM)
    real_clip = shapely.clip_by_rect
    monkeypatch.setattr(
        shapely,
        "clip_by_rect",
        lambda g, *b: real_clip(g, *b).buffer(-1.0 if g.area > 1e8 else 0.0),
    )
    boxes = changed_boxes(before, after, diff._BOX_MARGIN)
    assert clipped_pair(before, after, boxes, diff._AREA_NOISE) is None
    gained, lost = diff._gained_and_lost(before, after, None)
    assert gained.equals(box(0, 10 * KM, 10 * KM, 12 * KM)) and lost.is_empty


def test_oriented_turns_shells_clockwise_and_holes_counter_clockwise():
    ring = box(0, 0, 10, 10).difference(box(4, 4, 6, 6))
    assert not ring.exterior.is_ccw  # as GEOS builds them: left as it is
    assert oriented(ring) is ring
    backwards = _reversed(ring)
    turned = oriented(backwards)
    assert not turned.exterior.is_ccw and turned.interiors[0].is_ccw
    assert turned.equals(ring) and turned.area == ring.area
    multi = shapely.MultiPolygon([backwards, box(20, 0, 21, 1)])  # box() runs anticlockwise
    assert not any(p.exterior.is_ccw for p in oriented(multi).geoms)


def test_a_vertex_on_a_box_corner_does_not_swap_gained_and_lost():
    """Found by review: with a vertex exactly on a box corner GEOS (3.11) clipped both maps
    to valid but wrong shapes, of equal area, and gained and lost came out swapped. Box sides
    are kept off every vertex coordinate."""
    a = shapely.from_wkt(
        "POLYGON ((190 110, 120 130, 110 160, 100 130, 90 140, 60 150, 50 160, 10 120, "
        "80 0, 110 50, 190 110))"
    )
    b = shapely.from_wkt(
        "POLYGON ((190 110, 120 130, 110 160, 100 130, 70 150, 60 150, 50 160, 10 120, "
        "80 0, 110 50, 190 110))"
    )
    boxes = changed_boxes(a, b, diff._BOX_MARGIN)
    vertices = shapely.get_coordinates(shapely.union(a, b))
    assert not np.isin(boxes[:, [0, 2]], vertices[:, 0]).any()
    assert not np.isin(boxes[:, [1, 3]], vertices[:, 1]).any()
    gained, lost = diff._gained_and_lost(a, b, None)
    _assert_same_pieces(gained, shapely.difference(b, a))
    _assert_same_pieces(lost, shapely.difference(a, b))


def test_maps_whose_rings_run_opposite_ways_give_no_slivers():
    """Found by review: GEOS cuts a segment at a box side a rounding error apart when it runs
    the other way, which left a 3.5e-10 m² sliver; both maps are oriented alike first."""
    b = shapely.from_wkt(
        "POLYGON ((400784.672 5499974.766, 400738.24 5499932.741, 400105.938 5498881.31, "
        "399544.794 5499259.599, 399240.771 5499466.463, 398898.447 5499316.03, "
        "398852.041 5500480.245, 399739.601 5500751.822, 400893.96 5500333.315, "
        "400990.292 5500303.132, 400832.637 5500241.975, 401127.031 5500315.624, "
        "400784.672 5499974.766))"
    )
    a = shapely.from_wkt(
        "POLYGON ((401127.031 5500315.624, 400832.637 5500241.975, 400990.292 5500303.132, "
        "400863.96 5500293.315, 399739.601 5500751.822, 398852.041 5500480.245, "
        "398898.447 5499316.03, 399240.771 5499466.463, 399544.794 5499259.599, "
        "400105.938 5498881.31, 400738.24 5499932.741, 400784.672 5499974.766, "
        "401127.031 5500315.624))"
    )
    assert a.exterior.is_ccw != b.exterior.is_ccw
    gained, lost = diff._gained_and_lost(a, b, None)
    _assert_same_pieces(gained, shapely.difference(b, a))
    _assert_same_pieces(lost, shapely.difference(a, b))
    assert diff.diff_fronts(a, b).dropped_pieces == 0
