"""The polygons or lines of any geometry (frontline.core.shapes)."""

from __future__ import annotations

import gc

import pytest
import shapely
from shapely.geometry import GeometryCollection, LineString, MultiLineString, Point, Polygon, box
from shapely.geometry.base import BaseGeometry

from frontline.core import shapes
from frontline.core.shapes import (
    clean_polygonal,
    flat_polygons,
    line_segments,
    linework,
    repaired_polygonal,
    segment_lines,
)


def test_flat_polygons_open_nested_collections_and_drop_the_rest():
    nested = GeometryCollection(
        [Point(0, 0), GeometryCollection([box(0, 0, 1, 1), LineString([(0, 0), (1, 1)])])]
    )
    assert [p.area for p in flat_polygons(nested)] == [1.0]
    assert flat_polygons(Polygon()) == []


def test_clean_polygonal_repairs_dissolves_and_flattens():
    bowtie = Polygon([(0, 0), (2, 2), (2, 0), (0, 2)])
    assert clean_polygonal(bowtie).is_valid
    assert clean_polygonal(bowtie).area == 2.0
    overlapping = GeometryCollection([box(0, 0, 2, 1), box(1, 0, 3, 1), Point(9, 9)])
    assert clean_polygonal(overlapping).equals(box(0, 0, 3, 1))
    assert not shapely.has_z(clean_polygonal(shapely.force_3d(box(0, 0, 1, 1))))
    assert clean_polygonal(None).is_empty and clean_polygonal(Point(0, 0)).is_empty


def test_repaired_polygonal_tells_whether_it_repaired():
    bowtie = Polygon([(0, 0), (2, 2), (2, 0), (0, 2)])
    clean, repaired = repaired_polygonal(bowtie)
    assert repaired and clean.area == 2.0 and clean.is_valid
    square = box(0, 0, 1, 1)
    assert repaired_polygonal(square) == (square, False)
    overlapping = GeometryCollection([box(0, 0, 2, 1), box(1, 0, 3, 1)])
    assert repaired_polygonal(overlapping)[1] is False  # dissolved, but nothing was invalid
    assert repaired_polygonal(None) == (Polygon(), False)


def test_a_multipolygon_of_overlapping_or_nested_parts_is_dissolved():
    """One feature holding a 10 km square and a 4 km square inside it (or a bar reaching out
    of it): make_valid of the whole cut the overlap out, so that a map's ground lost 16 km²
    (a frontline diff reported it as lost)."""
    square = box(0, 0, 10_000, 10_000)
    for extra, area in [
        (box(3000, 3000, 7000, 7000), 100e6),
        (box(9000, 4000, 12_000, 5000), 102e6),
    ]:
        overlapping = shapely.MultiPolygon([square, extra])
        assert not overlapping.is_valid
        cleaned, repaired = repaired_polygonal(overlapping)
        assert repaired and cleaned.is_valid
        assert cleaned.area == pytest.approx(area, rel=1e-12)
        assert cleaned.equals(shapely.union(square, extra))


def test_a_geometry_found_valid_is_not_checked_again(monkeypatch):
    checked = []
    real = BaseGeometry.is_valid
    monkeypatch.setattr(
        BaseGeometry, "is_valid", property(lambda g: checked.append(g) or real.fget(g))
    )
    square = box(0, 0, 1, 1)
    assert clean_polygonal(square) is square and clean_polygonal(square) is square
    assert len(checked) == 1
    assert clean_polygonal(box(0, 0, 1, 1)).area == 1.0  # an equal copy is another object
    assert len(checked) == 2
    bowtie = Polygon([(0, 0), (2, 2), (2, 0), (0, 2)])
    assert repaired_polygonal(bowtie)[1] and repaired_polygonal(bowtie)[1]  # invalid: said twice
    key = id(square)
    checked.clear()
    del square
    gc.collect()
    assert key not in shapes._FOUND_VALID  # forgotten with the geometry


def test_linework_keeps_lines_as_they_are_and_nothing_else():
    out_and_back = LineString([(0, 0), (5, 0), (0, 0)])
    assert linework(out_and_back) is out_and_back
    mixed = GeometryCollection([out_and_back, Point(1, 1), box(0, 0, 1, 1)])
    lines = linework(mixed)
    assert isinstance(lines, MultiLineString) and lines.length == 10.0  # not dissolved
    assert linework(box(0, 0, 1, 1)) is None
    deep = GeometryCollection([GeometryCollection([GeometryCollection([out_and_back])])])
    assert linework(deep).length == 10.0  # however deep the nesting
    assert linework(LineString([(1, 1), (1, 1)])) is None


def test_line_segments_keep_each_line_apart_and_in_order():
    lines = [LineString([(0, 0), (1, 0), (1, 1)]), LineString([(5, 5), (6, 5)])]
    starts, ends, owner = line_segments(lines)
    assert starts.tolist() == [[0, 0], [1, 0], [5, 5]]
    assert ends.tolist() == [[1, 0], [1, 1], [6, 5]]
    assert owner.tolist() == [0, 0, 1]  # no segment joins the end of one line to the next
    assert [g.length for g in segment_lines(starts, ends)] == [1.0, 1.0, 1.0]
    empty = line_segments([])
    assert [a.shape for a in empty] == [(0, 2), (0, 2), (0,)] and len(
        segment_lines(*empty[:2])
    ) == 0
