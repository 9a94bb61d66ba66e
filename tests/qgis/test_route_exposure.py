"""frontline:routeexposure through Processing: analytic cases in lon/lat and in metres."""

from __future__ import annotations

import pytest
from qgis.core import NULL, QgsProcessingException
from shapely.geometry import LineString, Point, box

from fltest.feedback import RecordingFeedback
from fltest.layers import geod_offset, geojson_file, memory_layer, output_layer

ALG = "frontline:routeexposure"
EDGE_LAT = 50.0
# Hostile ground south of the parallel 50 N, between 30 E and 31 E.
HOSTILE_4326 = box(30.0, 49.0, 31.0, EDGE_LAT)


def run_exposure(run_alg, tmp_path, routes, hostile, feedback=None, **extra):
    result = run_alg(
        ALG,
        {
            "ROUTES": routes,
            "HOSTILE": hostile,
            "OUTPUT": str(tmp_path / "stretches.gpkg"),
            "OUTPUT_SUMMARY": str(tmp_path / "summary.gpkg"),
            **extra,
        },
        feedback=feedback,
    )
    stretches = list(output_layer(result["OUTPUT"]).getFeatures())
    summary = list(output_layer(result["OUTPUT_SUMMARY"]).getFeatures())
    return result, stretches, summary


def band_lengths_km(summary) -> dict:
    return {
        row["band"] if row["band"] is not None and row["band"] == row["band"] else None: row[
            "length_km"
        ]
        for row in summary
    }


def test_road_parallel_to_the_edge_at_3_km_in_lonlat(run_alg, tmp_path):
    _, lat = geod_offset(30.5, EDGE_LAT, 0.0, 3000.0)
    road = LineString([(30.4, lat), (30.6, lat)])
    result, stretches, _ = run_exposure(
        run_alg, tmp_path, memory_layer([road]), memory_layer([HOSTILE_4326])
    )
    assert len(stretches) == 1
    assert stretches[0]["distance_m"] == pytest.approx(3000.0, rel=0.005)
    assert stretches[0]["band"] == 5000.0
    assert result["EXPOSED_SHARE"] == pytest.approx(1.0)


def test_road_from_30_km_to_the_edge_in_lonlat(run_alg, tmp_path):
    _, far = geod_offset(30.5, EDGE_LAT, 0.0, 30_000.0)
    road = LineString([(30.5, far), (30.5, EDGE_LAT)])
    result, stretches, summary = run_exposure(
        run_alg, tmp_path, memory_layer([road]), memory_layer([HOSTILE_4326])
    )
    lengths = {row["band"]: row["length_km"] for row in summary if row["band"]}
    beyond = [row["length_km"] for row in summary if not row["band"]]
    assert lengths[5000.0] == pytest.approx(5.0, rel=0.005)
    assert lengths[10000.0] == pytest.approx(5.0, rel=0.005)
    assert lengths[20000.0] == pytest.approx(10.0, rel=0.005)
    assert beyond == [pytest.approx(10.0, rel=0.005)]
    assert result["EXPOSED_SHARE"] == pytest.approx(5.0 / 30.0, rel=0.005)
    assert sum(row["share"] for row in summary) == pytest.approx(1.0)
    assert {s["band"] for s in stretches if s["band"]} == {5000.0, 10000.0, 20000.0}


def test_hostile_ground_reaching_far_away_does_not_stretch_the_ranges(run_alg, tmp_path):
    """The same road, with hostile ground that covers the world but for a hole the road lies
    in: the bands stay 5, 5 and 10 km (a centre at 0 E 0 N once made them 5.2/5.2/10.5)."""
    _, far = geod_offset(30.5, EDGE_LAT, 0.0, 30_000.0)
    road = LineString([(30.5, far), (30.5, EDGE_LAT)])
    world = box(-179.0, -85.0, 179.0, 85.0).difference(box(29.0, EDGE_LAT, 32.0, 60.0))
    _, _, summary = run_exposure(run_alg, tmp_path, memory_layer([road]), memory_layer([world]))
    lengths = {row["band"]: row["length_km"] for row in summary if row["band"]}
    assert lengths[5000.0] == pytest.approx(5.0, rel=0.005)
    assert lengths[10000.0] == pytest.approx(5.0, rel=0.005)
    assert lengths[20000.0] == pytest.approx(10.0, rel=0.005)


def test_road_entering_hostile_ground_in_metres(run_alg, tmp_path):
    # UTM zone 36N: hostile ground south of y = 5,540,000 m.
    hostile = box(300_000, 5_500_000, 400_000, 5_540_000)
    road = LineString([(350_000, 5_545_000), (350_000, 5_530_000)])
    result, stretches, summary = run_exposure(
        run_alg,
        tmp_path,
        memory_layer([road], "EPSG:32636"),
        memory_layer([hostile], "EPSG:32636"),
        RANGES="2000, 8000",
    )
    by_band = {s["band"]: s for s in stretches}
    assert by_band[2000.0]["distance_m"] == pytest.approx(0.0, abs=1e-6)
    # The stretch within 2 km runs from 2 km north of the edge to the road's end 10 km inside:
    # 12 km in UTM metres, which differ from the ellipsoid by the UTM scale factor (< 0.1 %).
    assert by_band[2000.0]["length_m"] == pytest.approx(12_000.0, rel=0.002)
    assert by_band[8000.0]["length_m"] == pytest.approx(3_000.0, rel=0.002)
    assert result["EXPOSED_SHARE"] == pytest.approx(12.0 / 15.0, rel=0.002)


def test_several_routes_keep_their_fids(run_alg, tmp_path):
    _, near = geod_offset(30.5, EDGE_LAT, 0.0, 1000.0)
    _, far = geod_offset(30.5, EDGE_LAT, 0.0, 50_000.0)
    routes = memory_layer(
        [LineString([(30.4, near), (30.6, near)]), LineString([(30.4, far), (30.6, far)])]
    )
    result, stretches, _ = run_exposure(run_alg, tmp_path, routes, memory_layer([HOSTILE_4326]))
    bands = {s["route_fid"]: s["band"] for s in stretches}
    assert bands[1] == 5000.0
    assert not bands[2]  # beyond every range: empty band
    assert result["EXPOSED_SHARE"] == pytest.approx(0.5, rel=0.01)


@pytest.mark.parametrize("ranges", ["5 km, lots", "5,000", "-1", ","])
def test_bad_ranges_name_the_parameter(run_alg, tmp_path, ranges):
    road = LineString([(30.4, 50.1), (30.6, 50.1)])
    with pytest.raises(QgsProcessingException) as info:
        run_exposure(
            run_alg,
            tmp_path,
            memory_layer([road]),
            memory_layer([HOSTILE_4326]),
            RANGES=ranges,
        )
    assert str(info.value) == (
        f"RANGES: {ranges!r} is not a list of positive distances in metres, such as "
        "5000,10000,20000 (commas separate ranges: no thousands separators)."
    )


def test_point_layer_as_routes_is_refused(run_alg, tmp_path):
    with pytest.raises(QgsProcessingException, match="ROUTES"):
        run_exposure(
            run_alg, tmp_path, memory_layer([Point(30.5, 50.1)]), memory_layer([HOSTILE_4326])
        )


def test_null_geometries_are_skipped(run_alg, tmp_path):
    _, lat = geod_offset(30.5, EDGE_LAT, 0.0, 3000.0)
    routes = memory_layer([None, LineString([(30.4, lat), (30.6, lat)])], kind="MultiLineString")
    _, stretches, _ = run_exposure(run_alg, tmp_path, routes, memory_layer([HOSTILE_4326]))
    assert [s["route_fid"] for s in stretches] == [2]


def test_no_crs_is_a_clear_message(run_alg, tmp_path):
    road = LineString([(30.4, 50.1), (30.6, 50.1)])
    with pytest.raises(QgsProcessingException, match="coordinate reference system"):
        run_exposure(run_alg, tmp_path, memory_layer([road], crs=""), memory_layer([HOSTILE_4326]))


def test_empty_hostile_layer_gives_everything_beyond_with_a_warning(run_alg, tmp_path):
    feedback = RecordingFeedback()
    road = LineString([(30.4, 50.1), (30.6, 50.1)])
    result = run_alg(
        ALG,
        {
            "ROUTES": memory_layer([road]),
            "HOSTILE": memory_layer([], kind="MultiPolygon"),
            "OUTPUT": str(tmp_path / "s.gpkg"),
        },
        feedback=feedback,
    )
    assert result["EXPOSED_SHARE"] == 0.0
    assert any("HOSTILE" in w for w in feedback.warnings)
    stretches = list(output_layer(result["OUTPUT"]).getFeatures())
    assert len(stretches) == 1 and not stretches[0]["band"]


def test_no_route_gives_a_warning_about_routes_and_no_share(run_alg, tmp_path):
    feedback = RecordingFeedback()
    routes = memory_layer([], kind="MultiLineString")
    hostile = memory_layer([box(30.0, 49.0, 31.0, 50.0)])
    result, stretches, _ = run_exposure(run_alg, tmp_path, routes, hostile, feedback)
    assert result["EXPOSED_SHARE"] is None
    assert feedback.warnings == ["ROUTES: no route with a length to measure."]


def test_an_empty_geojson_routes_file_is_no_route(run_alg, tmp_path):
    """An empty GeoJSON file has no geometry type and no CRS: no route, not a wrong layer."""
    feedback = RecordingFeedback()
    routes = geojson_file(tmp_path / "routes.geojson", [])
    hostile = memory_layer([box(30.0, 49.0, 31.0, 50.0)])
    result, stretches, _ = run_exposure(run_alg, tmp_path, routes, hostile, feedback)
    assert result["EXPOSED_SHARE"] is None and stretches == []
    assert feedback.warnings == ["ROUTES: no route with a length to measure."]
    assert stretches == []


def test_invalid_hostile_polygon_is_repaired(run_alg, tmp_path):
    from shapely.geometry import Polygon

    # A bow-tie: two triangles meeting at (30.5, 50.0); the road runs 3 km north of its top.
    bowtie = Polygon([(30.0, 50.0), (31.0, 49.0), (31.0, 50.0), (30.0, 49.0)])
    _, lat = geod_offset(30.0, 50.0, 0.0, 3000.0)
    road = LineString([(29.99, lat), (30.01, lat)])
    _, stretches, _ = run_exposure(run_alg, tmp_path, memory_layer([road]), memory_layer([bowtie]))
    assert stretches[0]["distance_m"] == pytest.approx(3000.0, rel=0.005)


def test_cancelled_run_writes_no_partial_result(run_alg, tmp_path):
    feedback = RecordingFeedback()
    feedback.cancel()
    _, lat = geod_offset(30.5, EDGE_LAT, 0.0, 3000.0)
    result = run_alg(
        ALG,
        {
            "ROUTES": memory_layer([LineString([(30.4, lat), (30.6, lat)])]),
            "HOSTILE": memory_layer([HOSTILE_4326]),
            "OUTPUT": str(tmp_path / "s.gpkg"),
        },
        feedback=feedback,
    )
    assert "EXPOSED_SHARE" not in result


def test_points_and_polygons_in_a_line_layer_are_skipped_with_a_warning(run_alg, tmp_path):
    """QGIS types a GeoJSON layer by its first feature: a polygon later in a line layer is no
    route (its outline used to count as one), a point used to crash the run."""
    _, lat = geod_offset(30.5, EDGE_LAT, 0.0, 3000.0)
    shapes = [LineString([(30.4, lat), (30.6, lat)]), Point(30.5, lat), box(30.4, lat, 30.6, 51)]
    path = geojson_file(tmp_path / "routes.geojson", shapes)
    feedback = RecordingFeedback()
    result = run_alg(
        ALG,
        {
            "ROUTES": path,
            "HOSTILE": memory_layer([HOSTILE_4326]),
            "OUTPUT": str(tmp_path / "stretches.gpkg"),
        },
        feedback=feedback,
    )
    stretches = list(output_layer(result["OUTPUT"]).getFeatures())
    assert [s["band"] for s in stretches] == [5000.0]
    assert result["EXPOSED_SHARE"] == pytest.approx(1.0)
    assert any("ROUTES: skipped 2 feature(s) with no line" in w for w in feedback.warnings)


def test_a_summary_in_a_missing_folder_leaves_the_stretches_of_an_earlier_run(run_alg, tmp_path):
    """OUTPUT_SUMMARY in a folder that does not exist: refused before anything is written.
    The summary's sink was made after every stretch was written, so the run failed with
    OUTPUT overwritten by a GeoPackage without a layer."""
    _, lat = geod_offset(30.5, EDGE_LAT, 0.0, 3000.0)
    routes, hostile = (
        memory_layer([LineString([(30.4, lat), (30.6, lat)])]),
        memory_layer([HOSTILE_4326]),
    )
    run_exposure(run_alg, tmp_path, routes, hostile)
    kept = (tmp_path / "stretches.gpkg").read_bytes()
    missing = tmp_path / "nowhere"
    with pytest.raises(QgsProcessingException) as info:
        run_exposure(
            run_alg, tmp_path, routes, hostile, OUTPUT_SUMMARY=str(missing / "summary.csv")
        )
    assert str(info.value).endswith(f"\nOUTPUT_SUMMARY: the folder {missing} does not exist.")
    assert (tmp_path / "stretches.gpkg").read_bytes() == kept


@pytest.mark.parametrize(("ranges", "distance"), [("5000", None), ("5000,10000", 19_000.0)])
def test_a_distance_beyond_the_ground_read_is_empty(run_alg, tmp_path, ranges, distance):
    """A road 19 km from hostile ground, beyond every range. Ground is read within the largest
    range plus 10 km: with 5000, none was (the distance is unknown, and the warning said there
    was no hostile ground at all); with 5000,10000 the ground is read and the distance known.
    A stretch farther than the ground read could get the distance to farther ground."""
    _, lat = geod_offset(30.5, EDGE_LAT, 0.0, 19_000.0)
    road = memory_layer([LineString([(30.45, lat), (30.55, lat)])])
    feedback = RecordingFeedback()
    result, stretches, _ = run_exposure(
        run_alg, tmp_path, road, memory_layer([HOSTILE_4326]), feedback, RANGES=ranges
    )
    (stretch,) = stretches
    assert stretch["band"] == NULL and result["EXPOSED_SHARE"] == 0.0
    warnings = [w for w in feedback.warnings if "HOSTILE" in w]
    if distance is None:
        assert stretch["distance_m"] == NULL
        assert warnings == [
            "HOSTILE: no hostile ground within 15 km of the routes; every route is beyond range."
        ]
    else:
        assert stretch["distance_m"] == pytest.approx(distance, rel=0.001)
        assert warnings == []


def test_a_horizontal_route_in_metres_labelled_as_degrees_names_its_coordinates(run_alg, tmp_path):
    """The extent of a horizontal line has no height: QGIS's toString said "(Empty)"."""
    routes = memory_layer([LineString([(500_000, 5_540_000), (510_000, 5_540_000)])])
    routes.setName("roads")
    with pytest.raises(QgsProcessingException) as info:
        run_exposure(run_alg, tmp_path, routes, memory_layer([HOSTILE_4326]))
    assert str(info.value).startswith(
        "The layer roads has coordinates (500000,5540000 : 510000,5540000) that its CRS "
        "EPSG:4326 cannot hold"
    )


def test_a_range_reaching_far_is_warned_of(run_alg, tmp_path):
    """A 3,000 km range measured around a short road: planar distances there are about 1 %
    off (the road's own extent was checked, not the range's), so a warning says so."""
    road = LineString([(30.4, 52.0), (30.6, 52.0)])
    feedback = RecordingFeedback()
    run_exposure(
        run_alg,
        tmp_path,
        memory_layer([road]),
        memory_layer([HOSTILE_4326]),
        feedback=feedback,
        RANGES="5000,3000000",
    )
    (warning,) = [w for w in feedback.warnings if "local projection" in w]
    assert "distance_m may be off by up to" in warning


def test_a_range_past_a_quarter_of_the_earth_is_refused(run_alg, tmp_path):
    road = LineString([(30.4, 52.0), (30.6, 52.0)])
    with pytest.raises(QgsProcessingException, match="RANGES: 15000 km is farther"):
        run_exposure(
            run_alg,
            tmp_path,
            memory_layer([road]),
            memory_layer([HOSTILE_4326]),
            RANGES="5000,15000000",
        )


def test_a_cancelled_run_says_nothing_of_empty_layers(run_alg, tmp_path):
    """Cancelled while reading, the routes read so far (none) were warned of as "no route
    with a length to measure", and hostile ground as missing."""

    class Cancelled(RecordingFeedback):
        def isCanceled(self) -> bool:
            return True

    _, lat = geod_offset(30.5, EDGE_LAT, 0.0, 3000.0)
    feedback = Cancelled()
    run_alg(
        ALG,
        {
            "ROUTES": memory_layer([LineString([(30.4, lat), (30.6, lat)])]),
            "HOSTILE": memory_layer([HOSTILE_4326]),
            "OUTPUT": str(tmp_path / "stretches.gpkg"),
        },
        feedback=feedback,
    )
    assert feedback.warnings == []
