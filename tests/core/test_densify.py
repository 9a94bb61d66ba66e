"""Grid-anchored densification before a change of projection."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
import shapely.affinity
from shapely.geometry import LineString, Polygon, box

from frontline.core.densify import (
    densify_coords,
    densify_on_grid,
    long_edges,
    projected_densified,
)


def test_long_edges_are_split_at_multiples_of_the_step():
    coords = densify_coords(np.array([[0.5, 0.0], [3.5, 0.0], [3.5, 0.2]]), 1.0)
    assert coords.tolist() == [
        [0.5, 0.0],
        [1.0, 0.0],
        [2.0, 0.0],
        [3.0, 0.0],
        [3.5, 0.0],
        [3.5, 0.2],
    ]


def test_reversed_edge_gets_the_same_points_in_its_own_order():
    coords = densify_coords(np.array([[3.5, 0.0], [0.5, 0.0]]), 1.0)
    assert coords[:, 0].tolist() == [3.5, 3.0, 2.0, 1.0, 0.5]


def test_dominant_axis_is_used_for_steep_edges():
    coords = densify_coords(np.array([[0.0, 0.0], [1.0, 4.0]]), 1.0)
    assert coords[:, 1].tolist() == [0.0, 1.0, 2.0, 3.0, 4.0]
    assert np.allclose(coords[:, 0], coords[:, 1] / 4.0)


def test_short_edges_and_points_are_untouched():
    coords = np.array([[0.0, 0.0], [0.3, 0.4], [0.6, 0.0]])
    assert densify_coords(coords, 1.0).tolist() == coords.tolist()


def test_shared_boundary_gets_identical_vertices():
    # Two squares that share part of their southern edge, drawn with different end points.
    before = densify_on_grid(box(0.0, 0.0, 10.0, 10.0), 1.0)
    after = densify_on_grid(box(0.0, 0.0, 12.0, 10.0), 1.0)
    assert shapely.difference(after, before).area == pytest.approx(20.0, abs=1e-12)
    shared = {tuple(c) for c in before.exterior.coords} & {tuple(c) for c in after.exterior.coords}
    assert {(float(x), 0.0) for x in range(11)} <= shared


def test_an_edge_run_both_ways_gets_the_very_same_points():
    """Two tiles of one map share a seam, each running it the other way: the points added on
    it are bit for bit the same, so the tiles dissolve without a sliver along the seam."""
    left = Polygon([(0.0, 0.3), (37.0, 0.1), (37.0, 48.7), (0.0, 48.2)])
    right = Polygon([(37.0, 0.1), (74.3, 0.6), (74.3, 48.1), (37.0, 48.7)])
    a, b = densify_on_grid(left, 0.05), densify_on_grid(right, 0.05)
    on_seam = [{tuple(c) for c in g.exterior.coords if c[0] == 37.0} for g in (a, b)]
    assert on_seam[0] == on_seam[1] and len(on_seam[0]) == 2 + 971
    tilted = [shapely.affinity.rotate(g, 23.0, origin=(0, 0)) for g in (left, right)]
    dense = [densify_on_grid(g, 0.05) for g in tilted]
    seam = set(map(tuple, shapely.get_coordinates(dense[0])))
    assert len(seam & set(map(tuple, shapely.get_coordinates(dense[1])))) > 800
    union = shapely.union_all(dense)
    assert union.geom_type == "Polygon" and not union.interiors


@pytest.mark.parametrize("step", [0.01, 0.1, 1.0])
def test_shape_is_unchanged(step):
    polygon = Polygon([(0, 0), (7.3, 0.2), (6.0, 5.0), (0.1, 4.0)], [[(1, 1), (2, 1), (2, 2)]])
    dense = densify_on_grid(polygon, step)
    assert dense.area == pytest.approx(polygon.area, rel=1e-12)
    assert shapely.hausdorff_distance(dense, polygon) < 1e-9
    assert shapely.get_num_coordinates(dense) > shapely.get_num_coordinates(polygon)
    segments = np.diff(np.asarray(dense.exterior.coords), axis=0)
    assert np.abs(segments).max(axis=1).max() <= step + 1e-12


def test_lines_and_multi_geometries():
    line = densify_on_grid(LineString([(0, 0), (0, 3)]), 1.0)
    assert len(line.coords) == 4
    multi = densify_on_grid(shapely.union(box(0, 0, 2, 2), box(5, 5, 7, 7)), 1.0)
    assert multi.geom_type == "MultiPolygon" and multi.area == pytest.approx(8.0)


def test_points_have_no_edges_and_come_back_unchanged():
    """A polygon or line layer may hold points (QGIS types a GeoJSON layer by its first
    feature): densifying one used to recurse without end."""
    point = shapely.Point(1.5, 2.5)
    assert densify_on_grid(point, 1.0) is point
    several = shapely.MultiPoint([(0, 0), (5, 5)])
    assert densify_on_grid(several, 1.0) is several
    mixed = shapely.GeometryCollection([point, box(0, 0, 3, 1)])
    out = densify_on_grid(mixed, 1.0)
    assert out.geoms[0].equals(point)
    assert shapely.get_num_coordinates(out.geoms[1]) > shapely.get_num_coordinates(box(0, 0, 3, 1))


def test_only_the_chosen_edges_are_split():
    """``only`` flags pairs of consecutive coordinates (the jump from the shell to the hole
    included): here the shell's first edge and the hole's first edge."""
    polygon = Polygon([(0, 0), (10, 0), (10, 10), (0, 10)], [[(2, 2), (2, 8), (8, 8), (8, 2)]])
    only = np.zeros(shapely.get_num_coordinates(polygon) - 1, dtype=bool)
    only[[0, 5]] = True  # (0 0)-(10 0) and (2 2)-(2 8); edge 4 is the jump between rings
    dense = densify_on_grid(polygon, 1.0, only=only)
    assert len(dense.exterior.coords) == 5 + 9 and len(dense.interiors[0].coords) == 5 + 5
    assert dense.equals(polygon)
    assert densify_on_grid(polygon, 1.0, only=np.zeros_like(only)) is polygon  # none chosen


def test_long_edges_flags_pairs_of_consecutive_coordinates_by_length():
    lines = shapely.MultiLineString([[(0, 0), (3, 4), (3, 5)], [(10, 0), (10, 7)]])
    assert long_edges(lines, 4.5).tolist() == [True, False, True, True]  # 5, 1, jump, 7


@pytest.mark.parametrize(
    "shape",
    [
        Polygon([(0, 0), (10, 0), (10, 10), (0, 10)], [[(2, 2), (2, 8), (8, 8), (8, 2)]]),
        shapely.MultiLineString([[(0, 0), (7.5, 3), (7.5, 9)], [(10, 0), (10, 7)]]),
    ],
)
def test_projected_densified_projects_only_the_new_points(shape):
    """The same coordinates as densifying, then projecting everything; only the new points
    go through ``project``."""

    def project(xy):
        return np.asarray(xy) * [2.0, 3.0] + [5.0, 7.0]

    projected_points = []

    def counting(xy):
        projected_points.append(len(xy))
        return project(xy)

    only = long_edges(shape, 4.0)
    expected = shapely.transform(densify_on_grid(shape, 1.0, only=only), project)
    found = projected_densified(shape, shapely.transform(shape, project), 1.0, only, counting)
    assert found.wkb == expected.wkb
    added = shapely.get_num_coordinates(expected) - shapely.get_num_coordinates(shape)
    assert projected_points == [added] and added > 0
