"""Tests of frontline.core.series: the area table over many maps and its HTML chart."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone

import pytest
from shapely.geometry import Polygon, box

from fltest import data
from frontline.core.diff import DiffCancelledError
from frontline.core.series import SeriesRow, series_chart_html, series_rows

KM = 1000.0
DAY0 = datetime(2025, 3, 1, 20, 0, tzinfo=timezone.utc)


def _day(n: int) -> datetime:
    return DAY0 + timedelta(days=n)


def _constructed_snapshots():
    """Class "held": 10x10 km, then 10x12 (north +20 km²), then 8x12 (west strip -24 km²).
    Class "pocket": absent, then a 2x2 km square, then a 4x1 km bar overlapping it by 2 km²."""
    return [
        (
            _day(2),
            {"held": box(2 * KM, 0, 10 * KM, 12 * KM), "pocket": box(20 * KM, 0, 24 * KM, KM)},
        ),
        (_day(0), {"held": box(0, 0, 10 * KM, 10 * KM)}),
        (
            _day(1),
            {"held": box(0, 0, 10 * KM, 12 * KM), "pocket": box(20 * KM, 0, 22 * KM, 2 * KM)},
        ),
    ]


def test_rows_per_map_and_class_with_changes_and_shares():
    rows = series_rows(_constructed_snapshots(), ["held", "pocket"])

    assert [(r.snapshot_time, r.cls) for r in rows] == [
        (_day(0), "held"),
        (_day(0), "pocket"),
        (_day(1), "held"),
        (_day(1), "pocket"),
        (_day(2), "held"),
        (_day(2), "pocket"),
    ]
    held = [r for r in rows if r.cls == "held"]
    assert [r.area_km2 for r in held] == pytest.approx([100.0, 120.0, 96.0])
    assert math.isnan(held[0].gained_km2) and math.isnan(held[0].lost_km2)
    assert [r.gained_km2 for r in held[1:]] == pytest.approx([20.0, 0.0])
    assert [r.lost_km2 for r in held[1:]] == pytest.approx([0.0, 24.0])
    assert [r.share_of_first for r in held] == pytest.approx([1.0, 1.2, 0.96])
    assert [r.share_of_max for r in held] == pytest.approx([100 / 120, 1.0, 0.8])

    pocket = [r for r in rows if r.cls == "pocket"]
    assert [r.area_km2 for r in pocket] == pytest.approx([0.0, 4.0, 4.0])
    assert [r.gained_km2 for r in pocket[1:]] == pytest.approx([4.0, 2.0])
    assert [r.lost_km2 for r in pocket[1:]] == pytest.approx([0.0, 2.0])
    # Shares refer to the first map that shows the class; before it the class has no area.
    assert [r.share_of_first for r in pocket] == pytest.approx([0.0, 1.0, 1.0])
    assert [r.share_of_max for r in pocket] == pytest.approx([0.0, 1.0, 1.0])


def test_area_column_telescopes_through_gains_and_losses():
    rows = series_rows(_constructed_snapshots(), ["held", "pocket"])

    for name in ("held", "pocket"):
        column = [r for r in rows if r.cls == name]
        for previous, current in zip(column, column[1:]):
            assert current.area_km2 == pytest.approx(
                previous.area_km2 + current.gained_km2 - current.lost_km2, abs=1e-9
            )


def test_a_class_never_present_has_no_shares():
    rows = series_rows([(_day(0), {}), (_day(1), {"ghost": Polygon()})], ["ghost"])

    assert [r.area_km2 for r in rows] == [0.0, 0.0]
    assert rows[1].gained_km2 == rows[1].lost_km2 == 0.0
    assert all(math.isnan(r.share_of_first) and math.isnan(r.share_of_max) for r in rows)


def test_cancellation_raises():
    with pytest.raises(DiffCancelledError):
        series_rows(_constructed_snapshots(), ["held"], is_cancelled=lambda: True)


def test_real_maps_match_deepstate_figures():
    """Kursk (#01579b) and occupied Ukraine (#a52714) over 2025-03-09..2025-03-15, on one
    common LAEA centre: areas agree with DeepState's figures, changes with their differences."""
    paths = [
        data.raw_map(day)
        for day in ("2025-03-09", "2025-03-10", "2025-03-11", "2025-03-12", "2025-03-13")
    ]
    centre = (35.0, 49.5)
    snapshots = []
    for path in paths:
        time = datetime.fromtimestamp(data.map_id(path), tz=timezone.utc)
        classes = {
            "kursk": data.to_metric(data.fill_polygons(path, [data.UA_HELD_IN_RUSSIA]), *centre),
            "occupied": data.to_metric(data.fill_polygons(path, ["#a52714"]), *centre),
        }
        snapshots.append((time, classes))

    rows = series_rows(snapshots, ["kursk", "occupied"])

    official_key = {"kursk": "occupiedInRussia", "occupied": "occupied"}
    for name, key in official_key.items():
        column = [r for r in rows if r.cls == name]
        official = [data.history_record(data.map_id(p))[key] for p in paths]
        assert [r.area_km2 for r in column] == pytest.approx(official, rel=0.005)
        for i in range(1, len(column)):
            net = column[i].gained_km2 - column[i].lost_km2
            assert net == pytest.approx(official[i] - official[i - 1], abs=0.2 + 0.005 * abs(net))
    kursk = [r for r in rows if r.cls == "kursk"]
    # Kursk ground only shrank in those days (300.6 -> 151.6 km²): no gains of any size.
    assert max(r.gained_km2 for r in kursk[1:]) < 0.01
    assert kursk[-1].share_of_first == pytest.approx(151.4 / 338.3, rel=0.005)


# --- HTML ------------------------------------------------------------------------------------


def _svgs(page: str) -> list[ET.Element]:
    return [ET.fromstring(svg) for svg in re.findall(r"<svg.*?</svg>", page, flags=re.S)]


def test_chart_page_has_one_chart_per_class_with_every_map():
    rows = series_rows(_constructed_snapshots(), ["held", "pocket"])

    page = series_chart_html(rows, "Held ground")

    assert page.startswith("<!DOCTYPE html>")
    assert "<title>Held ground</title>" in page
    svgs = _svgs(page)
    assert len(svgs) == 2
    for svg in svgs:
        (line,) = svg.findall("polyline")
        points = [tuple(map(float, p.split(","))) for p in line.get("points").split()]
        assert len(points) == 3
        assert [x for x, _ in points] == sorted(x for x, _ in points)  # time runs rightwards
        assert len(svg.findall("circle")) == 3
    held_points = [
        tuple(map(float, p.split(","))) for p in svgs[0].find("polyline").get("points").split()
    ]
    # Areas 100, 120, 96 km²: the largest is drawn highest (smallest y), all inside the plot,
    # on a scale from 95 to 120 km² (far from 0, so the scale does not start there).
    ys = [y for _, y in held_points]
    assert ys[1] < ys[0] < ys[2]
    height = float(svgs[0].get("height"))
    assert all(0 < y < height for y in ys)
    labels = [t.text for t in svgs[0].findall("text")]
    assert labels[:2] == ["95", "100"] and "120" in labels and "0" not in labels
    assert page.count("<tr>") == 1 + len(rows)


def test_chart_page_escapes_every_text_and_needs_nothing_external():
    evil = '<script>alert("x")</script> & "quoted"'
    snapshots = [(_day(0), {evil: box(0, 0, KM, KM)}), (_day(1), {evil: box(0, 0, KM, 2 * KM)})]
    rows = series_rows(snapshots, [evil])

    page = series_chart_html(rows, title=evil)

    assert "<script" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quoted&quot;" in page
    assert not re.search(r"(src|href)\s*=", page)
    assert "http" not in page
    for svg in _svgs(page):  # the escaped SVG is still well-formed XML
        assert svg.get("aria-label").startswith(evil)


def test_chart_page_for_one_map_and_for_no_rows():
    single = series_rows([(_day(0), {"held": box(0, 0, KM, KM)})], ["held"])

    page = series_chart_html(single, "One map")
    (svg,) = _svgs(page)
    (circle,) = svg.findall("circle")
    assert float(circle.get("cx")) > 0

    empty = series_chart_html([], "Nothing")
    assert "<svg" not in empty and "No maps." in empty


def test_chart_page_speaks_the_language_it_is_given():
    """Every word of the page goes through ``translate`` (the glue's Qt translator), class
    headings through ``label``; numbers group thousands with a narrow no-break space, not a
    comma (a decimal point to most of Europe)."""
    snapshots = [(_day(0), {"held": box(0, 0, 40 * KM, 30 * KM)})]
    words = {
        "en": "uk",
        "{name}: area (km²)": "{name}: площа (км²)",
        "{name}: area in km² from {start} to {end}": "{name}: площа в км² від {start} до {end}",
        "{time}: {area} km²": "{time}: {area} км²",
        "snapshot time": "час карти",
        "area km²": "площа, км²",
    }
    page = series_chart_html(
        series_rows(snapshots, ["held"]),
        "Площі",
        lambda text: words.get(text, f"[{text}]"),
        {"held": "Утримувана"}.get,
    )
    assert '<html lang="uk">' in page
    assert "<h2>Утримувана: площа (км²)</h2>" in page
    (svg,) = _svgs(page)
    assert svg.get("aria-label") == "Утримувана: площа в км² від 2025-03-01 до 2025-03-01"
    assert svg.find("circle/title").text.endswith(": 1\u202f200.0 км²")
    assert "<th>час карти</th><th>[class]</th><th>площа, км²</th>" in page
    assert "<td>1\u202f200.0</td>" in page
    empty = series_chart_html([], "Nothing", {"No maps.": "Немає карт.", "en": "uk"}.get)
    assert "<p>Немає карт.</p>" in empty


def test_rows_are_plain_values():
    (row,) = series_rows([(_day(0), {"a": box(0, 0, KM, KM)})], ["a"])

    assert isinstance(row, SeriesRow)
    assert row.area_km2 == pytest.approx(1.0)


def test_a_broken_translation_falls_back_to_english():
    rows = series_rows([(_day(0), {"held": box(0, 0, KM, KM)})], ["held"])
    broken = {"{name}: area (km²)": "{назва}: площа (км²)"}
    page = series_chart_html(rows, "Held", lambda text: broken.get(text, text))
    assert "<h2>held: area (km²)</h2>" in page
