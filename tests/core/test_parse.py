"""Parsing and classifying DeepState maps: real maps from ../shared/data and constructed ones."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import pytest
import shapely
from pyproj import Geod
from shapely.geometry import shape

from fltest import data
from fltest.deepstate_server import last_answer, last_head
from frontline.core import classes
from frontline.core.deepstate import read_map_file_with_id, snapshot_time
from frontline.core.errors import DeepStateFormatError, Text
from frontline.core.parse import (
    ParsedMap,
    parse_map,
    plain_text,
    split_name,
    union_by_class,
)

# DeepState's /areas figures (history json key) for our classes.
HISTORY_KEYS = {
    classes.OCCUPIED: "occupied",
    classes.GREY_ZONE: "unspecified",
    classes.LIBERATED: "liberated",
    classes.UA_HELD_IN_RUSSIA: "occupiedInRussia",
    classes.GREY_ZONE_IN_RUSSIA: "occupiedInRussiaUnspecified",
}
# DeepState computes areas like turf.js: on a sphere of the WGS84 equatorial radius.
TURF_SPHERE = Geod(a=6378137.0, b=6378137.0)


@lru_cache(maxsize=64)
def parsed(path: Path) -> ParsedMap:
    return parse_map(path.read_bytes(), snapshot_time(data.map_id(path)))


def raw_features(path: Path) -> list[dict]:
    return json.loads(path.read_bytes())["features"]


def feature_collection(*features: dict) -> dict:
    return {"type": "FeatureCollection", "features": list(features)}


def polygon_feature(rings: list, fill: str = "#a52714", name: str = "a /// b /// c") -> dict:
    return {
        "type": "Feature",
        "properties": {"name": name, "fill": fill},
        "geometry": {"type": "Polygon", "coordinates": rings},
    }


SQUARE = [[[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0], [0, 0, 0]]]


# ---------------------------------------------------------------------------------------------
# Counts against the figures in SOURCES.md (counted there by the data's curator)


def sources_table() -> list[tuple[str, int, int, int, float, int, float]]:
    """(file, polygons, points, UA-RU n, UA-RU km², grey-RU n, grey-RU km²) per listed map."""
    text = (data.SHARED_DATA / "deepstate" / "SOURCES.md").read_text(encoding="utf-8")
    row = re.compile(
        r"^\| `raw/(\S+)` \| [^|]+ \| \d+ \| \d+ \((\d+)/(\d+)\) \| (\d+) / ([\d.]+) \| [\d.]+ "
        r"\| (\d+) / ([\d.]+) \|",
        re.M,
    )
    return [
        (m[0], int(m[1]), int(m[2]), int(m[3]), float(m[4]), int(m[5]), float(m[6]))
        for m in row.findall(text)
    ]


def test_sources_table_is_read() -> None:
    data.require_shared_data()
    assert len(sources_table()) >= 40


@pytest.mark.parametrize("row", sources_table() if data.RAW_DIR.is_dir() else [], ids=str)
def test_counts_and_kursk_areas_match_the_curated_table(row: tuple) -> None:
    name, n_polys, n_points, n_ua, ua_km2, n_grey, grey_km2 = row
    result = parsed(data.RAW_DIR / name)
    assert result.skipped == {}
    assert len(result.polygons) == n_polys
    assert len(result.points) == n_points
    assert len(result.of_class(classes.UA_HELD_IN_RUSSIA)) == n_ua
    assert len(result.of_class(classes.GREY_ZONE_IN_RUSSIA)) == n_grey
    unions = union_by_class(result, [classes.UA_HELD_IN_RUSSIA, classes.GREY_ZONE_IN_RUSSIA])
    assert data.geodesic_area_km2(unions[classes.UA_HELD_IN_RUSSIA]) == pytest.approx(
        ua_km2, abs=0.051
    )
    assert data.geodesic_area_km2(unions[classes.GREY_ZONE_IN_RUSSIA]) == pytest.approx(
        grey_km2, abs=0.051
    )


def test_class_counts_follow_the_fill_table_on_every_map() -> None:
    for path in data.raw_maps():
        fills: dict[str, int] = {}
        points = 0
        for feature in raw_features(path):
            kind = feature["geometry"]["type"]
            if kind == "Point":
                points += 1
            else:
                fill = feature["properties"]["fill"]
                fills[fill] = fills.get(fill, 0) + 1
        counts = parsed(path).class_counts()
        assert counts.get(classes.OCCUPIED, 0) == fills.get("#a52714", 0), path.name
        assert counts.get(classes.OCCUPIED_BEFORE_2022, 0) == fills.get("#880e4f", 0)
        assert counts.get(classes.GREY_ZONE, 0) == fills.get("#bcaaa4", 0)
        assert counts.get(classes.LIBERATED, 0) == fills.get("#0f9d58", 0) + fills.get("#0288d1", 0)
        assert counts.get(classes.OTHER_TERRITORIES, 0) == fills.get("#ff5252", 0)
        assert sum(counts.get(c, 0) for c in classes.POINT_CLASSES) == points


def test_points_are_classified_by_key_and_icon() -> None:
    result = parsed(data.raw_map("2025-03-04"))
    counts = result.class_counts()
    # Known content of this map: 382 points, mostly units, 54 airfields, Kyiv, Minsk, ...
    assert counts[classes.UNIT] == 264
    assert counts[classes.AIRFIELD] == 54
    assert counts[classes.ATTACK_DIRECTION] == 57
    others = {f.key for f in result.of_class(classes.OTHER)}
    assert {"geoJSON.territories.kyiv", "geoJSON.moskow_cruiser", "geoJSON.orban"} <= others
    for feature in result.of_class(classes.ATTACK_DIRECTION):
        assert feature.icon.startswith("arrow_")
        assert 0.0 <= classes.attack_bearing(feature.icon) < 360.0
    # Before name keys existed (2023) the icon decides.
    old = parsed(data.raw_map("2023-10-10"))
    assert old.class_counts()[classes.UNIT] == 163
    assert all(f.key == "" for f in old.of_class(classes.UNIT))


def test_attack_bearing_reads_sixteen_sectors() -> None:
    assert classes.attack_bearing("arrow_16") == 0.0
    assert classes.attack_bearing("arrow_4") == 90.0
    assert classes.attack_bearing("arrow_12") == 270.0
    assert classes.attack_bearing("arrow_17") is None
    assert classes.attack_bearing("enemy") is None


# ---------------------------------------------------------------------------------------------
# Names and plain text


def test_names_split_into_ukrainian_english_and_key() -> None:
    result = parsed(data.raw_map("2025-08-02"))
    by_key = {f.key: f for f in result.polygons + result.points}
    kyiv = by_key["geoJSON.territories.kyiv"]
    assert (kyiv.name_uk, kyiv.name_en) == ("Київ", "Kyiv")
    crimea = by_key["geoJSON.territories.crimea"]
    assert crimea.name_en == "Occupied Crimea"
    assert crimea.cls == classes.OCCUPIED_BEFORE_2022
    liberated_on = by_key["geoJSON.status.dismissed_at"]
    assert liberated_on.name_en.startswith("Liberated")
    assert liberated_on.cls == classes.LIBERATED


def test_templates_nbsp_and_newlines_become_plain_text() -> None:
    uk, en, key = split_name(
        "Звільнено 02.07 /// Liberated\u00a0{{at:02.07}}\n/// geoJSON.status.dismissed_at "
        "{{at:02.07}}\n"
    )
    assert (uk, en, key) == ("Звільнено 02.07", "Liberated 02.07", "geoJSON.status.dismissed_at")
    assert split_name("Only Ukrainian") == ("Only Ukrainian", "", "")
    assert split_name(None) == ("", "", "")


def test_plain_text_strips_markup() -> None:
    markup = (
        "A&nbsp;B<br>C {icon=enemy} <b>bold</b> &lt;i&gt;x&lt;/i&gt; "
        '<a href="https://x.test/">link</a><script>alert(1)</script>{icon=moscow_ship,size=32}'
        "<br><br><br>D\u200b"
    )
    assert plain_text(markup) == "A B\nC bold x link\n\nD"
    assert plain_text(markup, single_line=True) == "A B C bold x link D"
    assert plain_text("5 < 7 and 8 > 2") == "5 < 7 and 8 > 2"  # not a tag: kept as text


def test_no_markup_reaches_the_caller_on_any_real_map() -> None:
    for path in data.raw_maps():
        for feature in parsed(path).polygons + parsed(path).points:
            for text in (feature.name_uk, feature.name_en, feature.key):
                assert "\n" not in text
            for text in (feature.name_uk, feature.name_en, feature.key, feature.description):
                assert "<" not in text, (path.name, text)
                assert "{icon" not in text and "{{" not in text
                assert "\u00a0" not in text and "&nbsp;" not in text and "&amp;" not in text
                assert text == text.strip()


def test_descriptions_keep_both_languages_without_the_key() -> None:
    result = parsed(data.raw_map("2025-08-02"))
    moskva = next(f for f in result.points if f.key == "geoJSON.moskow_cruiser")
    assert "Місце відправки на дно" in moskva.description
    assert "Place of departure to the bottom" in moskva.description
    assert "geoJSON.descriptions" not in moskva.description
    assert moskva.icon == "moscow_ship"
    unit = result.of_class(classes.UNIT)[0]
    assert unit.description == ""  # it was only "{icon=enemy}"
    assert unit.icon in ("enemy", "headquarter", "iblorussia", "eblorussia")


# ---------------------------------------------------------------------------------------------
# Geometry


def test_z_is_dropped_and_coordinates_kept() -> None:
    path = data.raw_map("2025-03-04")
    result = parsed(path)
    assert not any(shapely.has_z([f.geometry for f in result.polygons + result.points]))
    raw = next(f for f in raw_features(path) if f["properties"].get("fill") == "#01579b")
    mine = next(f for f in result.polygons if f.cls == classes.UA_HELD_IN_RUSSIA)
    ring = [tuple(c[:2]) for c in raw["geometry"]["coordinates"][0]]
    assert list(mine.geometry.exterior.coords) == ring
    point_raw = next(f for f in raw_features(path) if f["geometry"]["type"] == "Point")
    assert (result.points[0].geometry.x, result.points[0].geometry.y) == tuple(
        point_raw["geometry"]["coordinates"][:2]
    )


def test_real_geometry_collection_is_unpacked() -> None:
    path = data.raw_map("2023-10-10")
    collections = [f for f in raw_features(path) if f["geometry"]["type"] == "GeometryCollection"]
    assert len(collections) == 1
    members = [shape(g) for g in collections[0]["geometry"]["geometries"]]
    assert [m.geom_type for m in members] == ["Polygon", "Polygon"]
    grey = [f for f in parsed(path).polygons if f.geometry.geom_type == "MultiPolygon"]
    assert len(grey) == 1 and grey[0].cls == classes.GREY_ZONE
    expected = shapely.union_all([shapely.force_2d(m) for m in members])
    assert grey[0].geometry.symmetric_difference(expected).area < 1e-12
    # Surprise: one member is a 4-point, 527 km² triangle in the Arabian Sea (an editing
    # artefact), and DeepState's own figure for the day (888.6 km²) counts it too.
    stray = next(m for m in members if m.bounds[0] > 60)
    assert 14.0 < stray.bounds[1] < stray.bounds[3] < 15.0
    assert data.geodesic_area_km2(stray) == pytest.approx(527.0, abs=0.1)
    total = data.geodesic_area_km2(union_by_class(parsed(path), [classes.GREY_ZONE])["grey_zone"])
    assert total == pytest.approx(data.history_record(data.map_id(path))["unspecified"], rel=0.005)


def test_constructed_collection_gives_polygons_and_points_and_skips_lines() -> None:
    feature = {
        "type": "Feature",
        "properties": {"name": "x /// y /// geoJSON.status.occupied", "fill": "#A52714"},
        "geometry": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "coordinates": SQUARE},
                {"type": "Point", "coordinates": [5, 5, 0]},
                {"type": "LineString", "coordinates": [[0, 0], [1, 1]]},
                {
                    "type": "MultiPolygon",
                    "coordinates": [[[[2, 0], [3, 0], [3, 1], [2, 1], [2, 0]]]],
                },
            ],
        },
    }
    result = parse_map(feature_collection(feature))
    assert len(result.polygons) == 1
    assert result.polygons[0].cls == classes.OCCUPIED
    assert result.polygons[0].geometry.area == pytest.approx(2.0)
    assert [(p.geometry.x, p.geometry.y) for p in result.points] == [(5.0, 5.0)]
    assert english(result.skipped) == {"LineString geometry": 1}


def test_invalid_polygon_is_repaired_keeping_its_area() -> None:
    bowtie = [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]  # two triangles of area 1
    result = parse_map(feature_collection(polygon_feature(bowtie), polygon_feature(SQUARE)))
    assert result.repaired == 1
    assert [f.geometry.is_valid for f in result.polygons] == [True, True]
    assert result.polygons[0].geometry.area == pytest.approx(2.0)
    assert result.polygons[1].geometry.area == pytest.approx(1.0)


def english(skipped: dict) -> dict[str, int]:
    """The reasons for leaving features out, in English (they are Texts, for translation)."""
    assert all(isinstance(why, Text) for why in skipped)
    return {str(why): count for why, count in skipped.items()}


def test_features_without_a_fill_or_a_geometry_type_say_so() -> None:
    """No "unknown fill None" or "None geometry": the reasons read as English."""
    features = [
        {
            "type": "Feature",
            "properties": {},
            "geometry": {"type": "Polygon", "coordinates": SQUARE},
        },
        {"type": "Feature", "properties": {}, "geometry": {"coordinates": [1, 2]}},
    ]
    result = parse_map(feature_collection(*features))
    assert english(result.skipped) == {"polygon without a fill": 1, "geometry without a type": 1}
    numbered = {"type": "Polygon", "coordinates": SQUARE}
    result = parse_map(
        feature_collection({"type": "Feature", "properties": {"fill": 7}, "geometry": numbered})
    )
    assert english(result.skipped) == {"unknown fill 7": 1}


def test_malformed_pieces_are_skipped_and_counted() -> None:
    too_short = [[[0, 0], [1, 1]]]  # not a ring: the vectorised build fails, one by one works
    flat = [[[0, 0], [1, 1], [0, 0]]]  # a ring without area
    features = [
        polygon_feature(SQUARE),
        polygon_feature(too_short),
        polygon_feature(flat),
        polygon_feature(SQUARE, fill="#123456"),
        {"type": "Feature", "properties": {"name": "no geometry"}, "geometry": None},
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": []}},
        "not a feature",
    ]
    result = parse_map(json.dumps(feature_collection(*features)))
    assert len(result.polygons) == 1 and result.polygons[0].geometry.area == pytest.approx(1.0)
    assert english(result.skipped) == {
        "invalid polygon coordinates": 1,
        "invalid polygon without area": 1,
        "unknown fill #123456": 1,
        "feature without geometry": 1,
        "invalid point coordinates": 1,
        "malformed feature": 1,
    }


def test_a_malformed_hole_or_part_costs_only_itself() -> None:
    """A 10 x 10 shell with a good 2 x 2 hole and a two-position "hole"; a multipolygon with
    one good square and one malformed part: both features are kept, repaired."""
    shell = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
    hole = [[1, 1], [1, 3], [3, 3], [3, 1], [1, 1]]
    holed = polygon_feature([shell, hole, [[5, 5], [6, 6]]])
    multi = {
        "type": "Feature",
        "properties": {"fill": "#a52714"},
        "geometry": {"type": "MultiPolygon", "coordinates": [SQUARE, [[[0, 0], [1, 1]]]]},
    }
    result = parse_map(json.dumps(feature_collection(holed, multi)))
    assert [f.geometry.area for f in result.polygons] == [pytest.approx(96.0), 1.0]
    assert result.repaired == 2 and result.skipped == {}


def test_grey_fill_means_ukraine_before_the_kursk_incursion() -> None:
    grey = feature_collection(polygon_feature(SQUARE, fill="#bdbdbd"))
    old = datetime(2022, 5, 1, tzinfo=timezone.utc)
    new = datetime(2024, 9, 1, tzinfo=timezone.utc)
    assert parse_map(grey, old).polygons[0].cls == classes.GREY_ZONE
    assert parse_map(grey, new).polygons[0].cls == classes.GREY_ZONE_IN_RUSSIA
    assert parse_map(grey).polygons[0].cls == classes.GREY_ZONE_IN_RUSSIA
    black = feature_collection(polygon_feature(SQUARE, fill="#000000"))
    assert parse_map(black, old).polygons[0].cls == classes.OCCUPIED_BEFORE_2022


def test_a_saved_last_body_parses_with_the_time_of_its_own_id(tmp_path) -> None:
    # A real map of 2024-02 saved as /api/history/last answers it, plus a #bdbdbd area: grey
    # zone in Ukraine then, which only the body's id (the map's time) can tell.
    path = data.raw_map("20240212")
    raw = json.loads(path.read_bytes())
    grey = polygon_feature(SQUARE, fill="#bdbdbd")
    raw["features"].append(grey)
    body = last_answer(raw, **last_head(data.map_id(path)))
    last = tmp_path / "last.json"
    last.write_text(json.dumps(body), encoding="utf-8")
    body_id, fc = read_map_file_with_id(last)
    assert body_id == data.map_id(path)
    result = parse_map(fc, snapshot_time(body_id))
    assert [f.cls for f in result.polygons if f.fill == "#bdbdbd"] == [classes.GREY_ZONE]
    expected = parsed(path).class_counts()
    expected[classes.GREY_ZONE] = expected.get(classes.GREY_ZONE, 0) + 1
    assert result.class_counts() == expected


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        (b"[1, 2]", "got a list"),
        (b'{"type": "Feature"}', "got type 'Feature'"),
        (b'{"type": "FeatureCollection"}', "no features list"),
        (b'{"type": "FeatureCollection", "features": [', "invalid JSON"),
        (b"\xff\xfe\x00", "JSON"),
    ],
)
def test_wrong_shapes_raise_a_format_error(body: bytes, needle: str) -> None:
    with pytest.raises(DeepStateFormatError, match=re.escape(needle)) as info:
        parse_map(body)
    assert str(info.value).startswith("DeepState map: ")
    assert "\n" not in str(info.value)


# ---------------------------------------------------------------------------------------------
# Areas against DeepState's own figures: validates the fill classification


def area_errors() -> dict[str, dict[str, float]]:
    """Worst relative error per class over all maps: geodesic (WGS84) and turf-sphere areas."""
    worst = {"ellipsoid": {}, "sphere": {}}
    for path in data.raw_maps():
        record = data.history_record(data.map_id(path))
        unions = union_by_class(parsed(path), HISTORY_KEYS)
        for cls, key in HISTORY_KEYS.items():
            if key not in record:
                continue
            geom = unions.get(cls, shapely.Polygon())
            areas = {
                "ellipsoid": data.geodesic_area_km2(geom),
                "sphere": abs(TURF_SPHERE.geometry_area_perimeter(geom)[0]) / 1e6,
            }
            for model, area in areas.items():
                error = abs(area / record[key] - 1)
                worst[model][cls] = max(worst[model].get(cls, 0.0), error)
    return worst


@lru_cache(maxsize=1)
def cached_area_errors() -> dict[str, dict[str, float]]:
    return area_errors()


def test_class_areas_match_deepstate_within_half_a_percent() -> None:
    errors = cached_area_errors()["ellipsoid"]
    assert set(errors) == set(HISTORY_KEYS)  # every class compared on >= 10 maps
    assert max(errors.values()) < 0.005, errors


def test_class_areas_match_deepstate_sphere_model_closely() -> None:
    # On turf's sphere the same unions reproduce DeepState to a few hundredths of a percent:
    # a fill assigned to the wrong class would show as a far larger error.
    errors = cached_area_errors()["sphere"]
    assert max(errors.values()) < 0.0005, errors


def test_maps_compared_with_history_are_at_least_ten_per_class() -> None:
    counts = {cls: 0 for cls in HISTORY_KEYS}
    for path in data.raw_maps():
        record = data.history_record(data.map_id(path))
        for cls, key in HISTORY_KEYS.items():
            counts[cls] += key in record
    assert min(counts.values()) >= 10, counts
