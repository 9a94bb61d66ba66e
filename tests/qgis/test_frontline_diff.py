"""frontline:frontlinediff through Processing: constructed cases, real maps, bad input, style."""

from __future__ import annotations

import pyproj
import pytest
from qgis.core import (
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsProcessingException,
    QgsProject,
)
from shapely.geometry import LineString, Point, box

from fltest import data
from fltest.feedback import RecordingFeedback
from fltest.layers import geod_offset, memory_layer, output_layer

ALG = "frontline:frontlinediff"
# A 10 km square in UTM zone 36N.
SQUARE = box(400_000, 5_500_000, 410_000, 5_510_000)


def run_diff(run_alg, tmp_path, before, after, feedback=None, **extra):
    result = run_alg(
        ALG,
        {
            "BEFORE": before,
            "AFTER": after,
            "OUTPUT": str(tmp_path / "diff.gpkg"),
            **extra,
        },
        feedback=feedback,
    )
    pieces = list(output_layer(result["OUTPUT"]).getFeatures())
    return result, pieces


def test_square_advanced_2_km_in_metres(run_alg, tmp_path):
    after = box(400_000, 5_500_000, 412_000, 5_510_000)
    result, pieces = run_diff(
        run_alg, tmp_path, memory_layer([SQUARE], "EPSG:32636"), memory_layer([after], "EPSG:32636")
    )
    assert len(pieces) == 1
    piece = pieces[0]
    assert piece["change"] == "gained"
    # UTM metres differ from ellipsoidal ones by the scale factor (<0.1 % here).
    assert piece["depth_m"] == pytest.approx(2000.0, rel=0.01)
    assert piece["front_km"] == pytest.approx(10.0, rel=0.01)
    assert result["GAINED_KM2"] == pytest.approx(20.0, rel=0.002)
    assert result["NET_KM2"] == pytest.approx(20.0, rel=0.002)
    assert result["KEPT_SHARE"] == pytest.approx(1.0)
    assert result["MAX_DEPTH_M"] == pytest.approx(piece["depth_m"])


def test_square_advanced_2_km_in_lonlat(run_alg, tmp_path):
    east, _ = geod_offset(30.0, 50.0, 90.0, 10_000.0)
    _, north = geod_offset(30.0, 50.0, 0.0, 10_000.0)
    _, advanced = geod_offset(30.0, north, 0.0, 2000.0)
    before = box(30.0, 50.0, east, north)
    after = box(30.0, 50.0, east, advanced)
    result, pieces = run_diff(run_alg, tmp_path, memory_layer([before]), memory_layer([after]))
    assert [p["change"] for p in pieces] == ["gained"]
    assert pieces[0]["depth_m"] == pytest.approx(2000.0, rel=0.01)
    assert result["AFTER_KM2"] == pytest.approx(
        result["BEFORE_KM2"] + result["GAINED_KM2"] - result["LOST_KM2"], rel=1e-4
    )


@pytest.mark.parametrize("crs", ["EPSG:32636", "EPSG:4326"])
def test_a_strip_lost_beside_a_corner_on_an_edge_touches_its_front_once(run_alg, tmp_path, crs):
    """AFTER's corner lies on BEFORE's southern edge: projected, the two edges run a hair apart
    along the rest of it, and that hair counted as front twice (20 km for 12 in UTM)."""
    geod = pyproj.Geod(ellps="WGS84")
    if crs == "EPSG:4326":
        before, after = box(30.0, 50.0, 30.04, 50.04), box(30.01, 50.0, 30.04, 50.04)
        sides = [(30.0, 50.0, 30.0, 50.04), (30.0, 50.0, 30.01, 50.0), (30.0, 50.04, 30.01, 50.04)]
        expected = sum(geod.inv(*side)[2] for side in sides) / 1000
    else:
        before, after = SQUARE, box(401_000, 5_500_000, 410_000, 5_510_000)
        expected = 12.0 * 1.0004  # UTM metres are ~0.04 % short of ellipsoidal ones here
    _, pieces = run_diff(run_alg, tmp_path, memory_layer([before], crs), memory_layer([after], crs))
    assert [p["change"] for p in pieces] == ["lost"]
    assert pieces[0]["front_km"] == pytest.approx(expected, rel=0.001)


def test_gain_and_loss_in_one_pair(run_alg, tmp_path):
    # The front moves 1 km east along the eastern edge and 3 km north... of the southern edge.
    after = box(400_000, 5_503_000, 411_000, 5_510_000)
    result, pieces = run_diff(
        run_alg,
        tmp_path,
        memory_layer([SQUARE], "EPSG:32636"),
        memory_layer([after], "EPSG:32636"),
        MIN_AREA=0.0,
    )
    changes = sorted((p["change"], round(p["area_km2"], 1)) for p in pieces)
    assert changes == [("gained", 7.0), ("lost", 30.0)]
    assert result["NET_KM2"] == pytest.approx(-23.0, rel=0.003)
    assert result["KEPT_SHARE"] == pytest.approx(0.7, rel=0.003)
    assert result["AFTER_KM2"] == pytest.approx(
        result["BEFORE_KM2"] + result["GAINED_KM2"] - result["LOST_KM2"], rel=1e-4
    )


def test_change_left_out_by_the_filters_is_reported(run_alg, tmp_path):
    """A 30 km² loss and a 7 km² gain with MIN_AREA 25 km²: the gain is left out of the totals,
    and the log says so, as a warning (more than 1 km²); a 0.005 km² piece under the default
    MIN_AREA is only a note."""
    after = box(400_000, 5_503_000, 411_000, 5_510_000)
    before_layer = memory_layer([SQUARE], "EPSG:32636")
    feedback = RecordingFeedback()
    after_layer = memory_layer([after], "EPSG:32636")
    result, _ = run_diff(run_alg, tmp_path, before_layer, after_layer, feedback, MIN_AREA=25.0)
    assert result["GAINED_KM2"] == 0.0 and result["LOST_KM2"] == pytest.approx(30.0, rel=0.003)
    (warning,) = [w for w in feedback.warnings if w.startswith("MIN_AREA, MIN_WIDTH")]
    prefix = "MIN_AREA, MIN_WIDTH and the 1 mm noise filter left out 1 piece(s) of change, "
    assert warning.startswith(prefix) and warning.endswith(
        " km² in all: GAINED, LOST, NET and KEPT_SHARE do not count them."
    )
    assert float(warning[len(prefix) :].split(" ")[0]) == pytest.approx(7.0, rel=0.003)
    nudge = box(410_000, 5_500_000, 410_050, 5_500_100)  # 5,000 m²
    quiet = RecordingFeedback()
    nudged = memory_layer([SQUARE.union(nudge)], "EPSG:32636")
    run_diff(run_alg, tmp_path, before_layer, nudged, quiet)
    assert not [w for w in quiet.warnings if w.startswith("MIN_AREA, MIN_WIDTH")]
    (note,) = [i for i in quiet.infos if i.startswith("MIN_AREA, MIN_WIDTH")]
    assert note.startswith(
        "MIN_AREA, MIN_WIDTH and the 1 mm noise filter left out 1 piece(s) of change, 0.005 km²"
    )


def test_identical_layers_give_no_pieces_and_zero_totals(run_alg, tmp_path):
    layer = memory_layer([SQUARE], "EPSG:32636")
    result, pieces = run_diff(run_alg, tmp_path, layer, layer, MIN_AREA=0.0)
    assert pieces == []
    assert result["GAINED_KM2"] == 0.0 and result["LOST_KM2"] == 0.0 and result["NET_KM2"] == 0.0
    assert result["KEPT_SHARE"] == pytest.approx(1.0)


def test_layers_in_different_crs(run_alg, tmp_path):
    before = memory_layer([SQUARE], "EPSG:32636")
    after_utm = box(400_000, 5_500_000, 412_000, 5_510_000)
    after = memory_layer([after_utm], "EPSG:3857")
    # Reproject the UTM box to Web Mercator so both layers describe the same ground.
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform

    transform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:32636"),
        QgsCoordinateReferenceSystem("EPSG:3857"),
        QgsProject.instance(),
    )
    feature = next(after.getFeatures())
    geometry = feature.geometry().densifyByDistance(100.0)
    geometry.transform(transform)
    after.dataProvider().changeGeometryValues({feature.id(): geometry})
    result, pieces = run_diff(run_alg, tmp_path, before, after)
    assert [p["change"] for p in pieces] == ["gained"]
    assert result["GAINED_KM2"] == pytest.approx(20.0, rel=0.003)
    assert pieces[0]["depth_m"] == pytest.approx(2000.0, rel=0.01)


def test_area_of_interest_cuts_a_piece_in_two(run_alg, tmp_path):
    after = box(400_000, 5_500_000, 412_000, 5_510_000)
    # The area of interest leaves out a band across the middle of the gained strip.
    aoi = [box(395_000, 5_495_000, 415_000, 5_504_000), box(395_000, 5_506_000, 415_000, 5_515_000)]
    result, pieces = run_diff(
        run_alg,
        tmp_path,
        memory_layer([SQUARE], "EPSG:32636"),
        memory_layer([after], "EPSG:32636"),
        AREA_OF_INTEREST=memory_layer(aoi, "EPSG:32636"),
    )
    assert sorted(round(p["area_km2"], 2) for p in pieces) == [8.0, 8.0]
    assert result["GAINED_KM2"] == pytest.approx(16.0, rel=0.003)
    assert result["BEFORE_KM2"] == pytest.approx(80.0, rel=0.003)


def test_a_land_layer_with_nothing_near_the_maps_is_a_warning(run_alg, tmp_path):
    after = box(400_000, 5_500_000, 412_000, 5_510_000)
    far_land = box(-60.0, -30.0, -50.0, -20.0)  # South America, in lon/lat
    feedback = RecordingFeedback()
    result = run_alg(
        ALG,
        {
            "BEFORE": memory_layer([SQUARE], "EPSG:32636"),
            "AFTER": memory_layer([after], "EPSG:32636"),
            "LAND": memory_layer([far_land]),
            "OUTPUT": str(tmp_path / "diff.gpkg"),
        },
        feedback=feedback,
    )
    assert result["GAINED_KM2"] == 0.0 and result["AFTER_KM2"] == 0.0
    assert "LAND: no polygons near the input, so it clips everything away." in feedback.warnings


def test_real_consecutive_maps_match_deepstate_net_change(run_alg, tmp_path):
    before_path, after_path = data.raw_map("20250309"), data.raw_map("20250311")
    layers = []
    for path in (before_path, after_path):
        out = tmp_path / f"{data.map_id(path)}.gpkg"
        run_alg(
            "frontline:deepstatesnapshot",
            {
                "SOURCE_FILE": str(path),
                "CLASSES": [0],
                "OUTPUT": str(out),
            },
        )
        layers.append(str(out))
    result, _ = run_diff(run_alg, tmp_path, layers[0], layers[1], MIN_AREA=0.0)
    official = (
        data.history_record(data.map_id(after_path))["occupied"]
        - data.history_record(data.map_id(before_path))["occupied"]
    )
    assert result["NET_KM2"] == pytest.approx(official, abs=1.0 + 0.005 * abs(official))
    assert result["AFTER_KM2"] == pytest.approx(
        result["BEFORE_KM2"] + result["GAINED_KM2"] - result["LOST_KM2"], rel=1e-4
    )


def test_one_real_map_in_two_crss_gives_only_slivers(run_alg, tmp_path):
    """A map's occupied ground and its copy reprojected to Web Mercator by QGIS (vertices
    moved, edges now straight in Web Mercator): edges over 5 km long once projected are split
    alike in both, shorter ones are taken as they are in both. What is left are slivers along
    long slanting edges, no piece reaching more than a few metres from the front (with edges
    split by their length in each CRS's own units, one piece reached 1.5 km)."""
    snapshot = str(tmp_path / "map.gpkg")
    run_alg(
        "frontline:deepstatesnapshot",
        {"SOURCE_FILE": str(data.raw_map("20241101")), "CLASSES": [0, 1], "OUTPUT": snapshot},
    )
    mercator = run_alg(
        "native:reprojectlayer",
        {"INPUT": snapshot, "TARGET_CRS": "EPSG:3857", "OUTPUT": str(tmp_path / "3857.gpkg")},
    )["OUTPUT"]
    result, pieces = run_diff(run_alg, tmp_path, snapshot, mercator, MIN_AREA=0.0)
    assert result["BEFORE_KM2"] == pytest.approx(result["AFTER_KM2"], rel=1e-5)
    assert result["GAINED_KM2"] + result["LOST_KM2"] < 0.5  # of about 110,000 km²
    assert result["MAX_DEPTH_M"] < 10.0
    _, default_pieces = run_diff(run_alg, tmp_path, snapshot, mercator, MIN_WIDTH=5.0)
    assert default_pieces == []  # MIN_WIDTH of a few metres drops them


def test_line_layer_is_refused(run_alg, tmp_path):
    with pytest.raises(QgsProcessingException, match="AFTER"):
        run_diff(
            run_alg,
            tmp_path,
            memory_layer([SQUARE], "EPSG:32636"),
            memory_layer([LineString([(0, 0), (1, 1)])], "EPSG:32636"),
        )


def test_empty_before_layer(run_alg, tmp_path):
    result, pieces = run_diff(
        run_alg,
        tmp_path,
        memory_layer([], "EPSG:32636", "MultiPolygon"),
        memory_layer([SQUARE], "EPSG:32636"),
    )
    assert result["GAINED_KM2"] == pytest.approx(100.0, rel=0.003)
    assert result["KEPT_SHARE"] is None
    assert [p["change"] for p in pieces] == ["gained"]


def test_an_empty_geojson_file_is_an_empty_layer(run_alg, tmp_path):
    """An empty GeoJSON FeatureCollection has no geometry type: it is read as no ground, not
    refused as "a no geometry layer"."""
    empty = str(tmp_path / "empty.geojson")
    (tmp_path / "empty.geojson").write_text('{"type": "FeatureCollection", "features": []}')
    result, pieces = run_diff(run_alg, tmp_path, memory_layer([SQUARE], "EPSG:32636"), empty)
    assert result["LOST_KM2"] == pytest.approx(100.0, rel=0.003)
    assert result["AFTER_KM2"] == 0.0 and result["KEPT_SHARE"] == 0.0
    assert [p["change"] for p in pieces] == ["lost"]
    result, pieces = run_diff(run_alg, tmp_path, empty, memory_layer([SQUARE], "EPSG:32636"))
    assert result["GAINED_KM2"] == pytest.approx(100.0, rel=0.003)
    assert output_layer(result["OUTPUT"]).crs().authid() == "EPSG:32636"  # AFTER's CRS
    nulls = tmp_path / "nulls.geojson"  # features, but none with a geometry
    nulls.write_text(
        '{"type": "FeatureCollection", "features": '
        '[{"type": "Feature", "properties": {}, "geometry": null}]}'
    )
    feedback = RecordingFeedback()
    result, _ = run_diff(
        run_alg, tmp_path, memory_layer([SQUARE], "EPSG:32636"), str(nulls), feedback
    )
    assert result["LOST_KM2"] == pytest.approx(100.0, rel=0.003)
    assert any("AFTER: skipped 1 feature(s)" in w for w in feedback.warnings)


def test_no_crs_is_a_clear_message(run_alg, tmp_path):
    with pytest.raises(QgsProcessingException, match="BEFORE.*coordinate reference system"):
        run_diff(run_alg, tmp_path, memory_layer([SQUARE], ""), memory_layer([SQUARE], ""))


def test_point_layer_is_refused(run_alg, tmp_path):
    with pytest.raises(QgsProcessingException, match="BEFORE"):
        run_diff(
            run_alg,
            tmp_path,
            memory_layer([Point(0, 0)], "EPSG:32636"),
            memory_layer([SQUARE], "EPSG:32636"),
        )


def test_loaded_output_is_green_and_red(frontline_plugin, tmp_path, qgis_new_project):
    from qgis import processing

    after = box(400_000, 5_503_000, 411_000, 5_510_000)
    processing.runAndLoadResults(
        ALG,
        {
            "BEFORE": memory_layer([SQUARE], "EPSG:32636"),
            "AFTER": memory_layer([after], "EPSG:32636"),
            "OUTPUT": str(tmp_path / "styled.gpkg"),
        },
    )
    layer = next(
        layer
        for layer in QgsProject.instance().mapLayers().values()
        if layer.source().startswith(str(tmp_path / "styled.gpkg"))
    )
    renderer = layer.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer)
    colours = {c.value(): c.symbol().color() for c in renderer.categories()}
    assert colours["gained"].green() > colours["gained"].red()
    assert colours["lost"].red() > colours["lost"].green()


def test_every_run_iterated_in_one_context_gets_its_style(frontline_plugin, tmp_path):
    """ "Iterate over this layer" runs an algorithm many times in one context and loads the
    layers at the end: each run's styling must still be alive then (it was for 16)."""
    from qgis import processing
    from qgis.core import (
        QgsProcessingContext,
        QgsProcessingFeedback,
        QgsProcessingOutputLayerDefinition,
    )
    from qgis.PyQt.QtCore import QCoreApplication

    from processing.gui.Postprocessing import handleAlgorithmResults

    project = QgsProject.instance()
    context = QgsProcessingContext()
    context.setProject(project)
    feedback = QgsProcessingFeedback()
    after = box(400_000, 5_503_000, 411_000, 5_510_000)
    runs = 20
    for k in range(runs):
        output = QgsProcessingOutputLayerDefinition(str(tmp_path / f"run{k}.gpkg"), project)
        processing.run(
            ALG,
            {
                "BEFORE": memory_layer([SQUARE], "EPSG:32636"),
                "AFTER": memory_layer([after], "EPSG:32636"),
                "OUTPUT": output,
            },
            context=context,
            feedback=feedback,
        )
    QCoreApplication.processEvents()  # let anything freed early go
    alg = QgsApplication.processingRegistry().algorithmById(ALG)
    assert handleAlgorithmResults(alg, context, feedback)
    loaded = [
        layer for layer in project.mapLayers().values() if layer.source().startswith(str(tmp_path))
    ]
    assert len(loaded) == runs
    assert all(isinstance(layer.renderer(), QgsCategorizedSymbolRenderer) for layer in loaded)


@pytest.mark.parametrize(("far_lon", "warned"), [(31.0, False), (140.0, True)])
def test_layers_reaching_far_from_the_centre_are_warned_of(run_alg, tmp_path, far_lon, warned):
    """An unchanged patch in the Far East moved the projection's centre: depths near Donetsk
    changed by 3 % without a word. Planar distances more than 0.5 % off are warned of."""
    from fltest.feedback import RecordingFeedback

    donbas = box(37.5, 48.0, 37.6, 48.1)
    patch = box(far_lon, 48.0, far_lon + 0.1, 48.1)
    advanced = box(37.5, 48.0, 37.65, 48.1)
    feedback = RecordingFeedback()
    run_diff(
        run_alg,
        tmp_path,
        memory_layer([donbas, patch]),
        memory_layer([advanced, patch]),
        feedback=feedback,
    )
    stretched = [w for w in feedback.warnings if "local projection" in w]
    if warned:
        (warning,) = stretched
        assert warning.startswith(
            "The layers reach so far from the centre of the local projection that depth_m, "
            "front_km may be off by up to "
        )
    else:
        assert stretched == []


def test_the_planar_error_of_the_whole_world_is_a_number():
    """The extent check lets latitudes reach 90.5 (rounding): the estimate was NaN there, so
    the layers reaching farthest were the ones not warned of."""
    from qgis.core import QgsRectangle

    from frontline.processing.analysis_base import PLANAR_ERROR_WARNING, MetricFrame
    from frontline.processing.geometry_io import ellipsoid

    frame = MetricFrame.__new__(MetricFrame)  # only what planar_error reads
    frame.extent = QgsRectangle(-180.0, -90.5, 180.0, 90.5)
    frame.measure = ellipsoid()
    frame.radius_m = None  # measured from the extent's corners
    assert PLANAR_ERROR_WARNING < frame.planar_error() < 1.0
