"""frontline:corridorwidth through Processing: analytic shapes in lon/lat and metres, real maps."""

from __future__ import annotations

import math

import pyproj
import pytest
import shapely
from qgis.core import QgsProcessingException
from shapely import affinity
from shapely.geometry import LineString, Point, box
from shapely.ops import split

from fltest import data
from fltest.feedback import CancelOnProgress, RecordingFeedback
from fltest.layers import geojson_file, memory_layer, output_layer

ALG = "frontline:corridorwidth"
LON0, LAT0 = 35.0, 50.0
W, L = 500.0, 3000.0  # corridor width and length, metres


def two_squares(width: float = W, length: float = L, x0: float = 0.0):
    """Two 5 km squares joined by a straight corridor (metres, centred near the origin)."""
    return shapely.union_all(
        [
            box(x0 - 5000, -2500, x0, 2500),
            box(x0, -width / 2, x0 + length, width / 2),
            box(x0 + length, -2500, x0 + length + 5000, 2500),
        ]
    )


def run_corridor(run_alg, tmp_path, layer, feedback=None, **extra):
    result = run_alg(
        ALG,
        {
            "INPUT": layer,
            "OUTPUT": str(tmp_path / "necks.gpkg"),
            "OUTPUT_CORRIDORS": str(tmp_path / "corridors.gpkg"),
            **extra,
        },
        feedback=feedback,
    )
    necks = sorted(
        output_layer(result["OUTPUT"]).getFeatures(), key=lambda f: (f["part_id"], f["rank"])
    )
    return result, necks


def chord_in_metres(feature, crs_is_lonlat: bool):
    line = shapely.from_wkt(feature.geometry().asWkt())
    return data.to_metric(line, LON0, LAT0) if crs_is_lonlat else line


@pytest.mark.parametrize("angle", [0.0, 37.0])
def test_two_squares_and_a_corridor_in_lonlat(run_alg, tmp_path, angle):
    shape = affinity.rotate(two_squares(), angle, origin=(0, 0))
    layer = memory_layer([data.to_lonlat(shapely.segmentize(shape, 250.0), LON0, LAT0)])
    result, necks = run_corridor(run_alg, tmp_path, layer)
    first = necks[0]
    assert first["rank"] == 1
    assert first["width_m"] == pytest.approx(W, rel=0.005)
    assert result["MIN_WIDTH_M"] == pytest.approx(first["width_m"])
    assert first["corridor_length_m"] == pytest.approx(L, rel=0.05)
    assert first["side_a_km2"] + first["side_b_km2"] == pytest.approx(shape.area / 1e6, rel=1e-3)
    assert first["minor_share"] == pytest.approx(0.5, abs=0.02)
    chord = chord_in_metres(first, True)
    assert shape.buffer(0.01).covers(chord)
    for end in chord.boundary.geoms:
        assert shape.boundary.distance(end) < 0.01 + 1e-3  # through the lon/lat round trip


def across_180():
    """The two squares in lon/lat centred on 180° E, 65° N (longitudes from 179.8 to 180.2)."""
    shape = data.to_lonlat(shapely.segmentize(two_squares(), 250.0), 0.0, 65.0)
    return affinity.translate(shape, 180.0)


def test_a_corridor_over_the_antimeridian_in_longitudes_past_180(run_alg, tmp_path):
    """Drawn on across 180° E (longitudes up to 181°), a shape is one area and is measured."""
    layer = memory_layer([across_180()])
    _, necks = run_corridor(run_alg, tmp_path, layer)
    assert necks[0]["width_m"] == pytest.approx(W, rel=0.005)
    assert necks[0]["corridor_length_m"] == pytest.approx(L, rel=0.05)


def test_a_shape_split_at_the_antimeridian_is_one_area(run_alg, tmp_path):
    """Split at ±180° a shape's lon/lat box spans the globe: it was projected round longitude
    0 and its neck drawn round the Earth. The frame is now centred on its vertices."""
    shape = across_180()
    pieces = shapely.get_parts(split(shape, LineString([(180.0, 0.0), (180.0, 90.0)])))
    east = shapely.union_all([p for p in pieces if p.centroid.x < 180.0])
    west = affinity.translate(shapely.union_all([p for p in pieces if p.centroid.x > 180.0]), -360)
    _, necks = run_corridor(run_alg, tmp_path, memory_layer([east, west]))
    assert necks[0]["width_m"] == pytest.approx(W, rel=0.005)
    assert necks[0]["corridor_length_m"] == pytest.approx(L, rel=0.05)
    chord = shapely.from_wkt(necks[0].geometry().asWkt())
    assert chord.length < 0.1  # degrees: not round the globe


def geodesic_length(line, crs: str) -> float:
    lon, lat = pyproj.Transformer.from_crs(crs, "EPSG:4326", always_xy=True).transform(*line.xy)
    return pyproj.Geod(ellps="WGS84").line_length(lon, lat)


@pytest.mark.parametrize(
    ("crs", "origin"),
    [("EPSG:32660", (641_000.0, 7_215_000.0)), ("EPSG:3413", (-2_500.0, 0.0))],
    ids=["utm60-across-180", "polar-round-the-pole"],
)
def test_projected_layers_across_180_or_round_a_pole_are_measured(run_alg, tmp_path, crs, origin):
    """UTM 60N across 180° E in Chukotka, and the north polar stereographic with the pole in
    a square: their lon/lat boxes span -180 to 180. They were projected round longitude 0
    (then refused for it); they are measured where they are."""
    shape = affinity.translate(two_squares(), *origin)
    _, necks = run_corridor(run_alg, tmp_path, memory_layer([shape], crs))
    chord = shapely.from_wkt(necks[0].geometry().asWkt())
    assert chord.length == pytest.approx(W, rel=1e-3)  # in the layer's own metres
    assert necks[0]["width_m"] == pytest.approx(geodesic_length(chord, crs), rel=1e-4)
    assert shape.buffer(0.01).covers(chord)


@pytest.mark.parametrize(
    ("crs", "origin", "land"),
    [
        ("EPSG:32660", (641_000.0, 7_215_000.0), box(-180.0, -85.0, 180.0, 85.0)),
        ("EPSG:3413", (-2_500.0, 0.0), box(-180.0, 60.0, 180.0, 90.0)),
    ],
    ids=["world-land-across-180", "arctic-cap-land-round-the-pole"],
)
def test_a_land_round_the_world_clips_layers_across_180_or_round_a_pole(
    run_alg, tmp_path, crs, origin, land
):
    """LAND spanning every longitude was read through the inputs' lon/lat box, itself -180
    to 180: a strip round the globe, folded over once projected, that clipped everything
    away (no neck, no warning of why). It is read within the inputs' reach about their
    centre, and a parallel from -180 to 180 round the pole is split before projecting."""
    shape = affinity.translate(two_squares(), *origin)
    layer = memory_layer([shape], crs)
    _, bare = run_corridor(run_alg, tmp_path, layer)
    _, clipped = run_corridor(run_alg, tmp_path, layer, LAND=memory_layer([land]))
    assert [n["width_m"] for n in clipped] == pytest.approx([n["width_m"] for n in bare])
    area = clipped[0]["side_a_km2"] + clipped[0]["side_b_km2"]
    assert area == pytest.approx(bare[0]["side_a_km2"] + bare[0]["side_b_km2"], rel=1e-6)


def test_patches_far_apart_drawn_unevenly_are_centred_between_them(run_alg, tmp_path):
    """Two patches 100 degrees apart across 180°, one drawn with 4,000 vertices and one with 5:
    the vertices' mean lay near the dense one, and from there the other was over 90° away
    (refused). The centre is that of the smallest cap holding them."""
    dense = shapely.segmentize(box(130.0, 10.0, 130.2, 10.2), 0.0002)
    sparse = box(-130.2, 10.0, -130.0, 10.2)
    _, necks = run_corridor(run_alg, tmp_path, memory_layer([dense, sparse]))
    assert sorted(n["part_id"] for n in necks if n["rank"] == 1) == [1, 2]
    widths = [n["width_m"] for n in necks if n["rank"] == 1]  # the same corner cut twice
    assert widths[0] == pytest.approx(widths[1], rel=0.01)


def test_layers_reaching_beyond_a_hemisphere_are_refused(run_alg, tmp_path):
    """Two patches on opposite sides of the Earth: no one local projection measures both."""
    patches = [box(10.0, 0.0, 10.2, 0.2), box(-170.0, 0.0, -169.8, 0.2)]
    with pytest.raises(QgsProcessingException, match=r"reach \d+° of arc .*hemisphere"):
        run_corridor(run_alg, tmp_path, memory_layer(patches))


def test_two_squares_and_a_corridor_in_metres(run_alg, tmp_path):
    shape = affinity.translate(two_squares(), 500_000, 5_540_000)
    result, necks = run_corridor(run_alg, tmp_path, memory_layer([shape], "EPSG:32636"))
    chord = shapely.from_wkt(necks[0].geometry().asWkt())
    # UTM metres differ from the ellipsoid by the zone's scale factor at this spot.
    assert necks[0]["width_m"] == pytest.approx(W, rel=0.005)
    assert chord.length == pytest.approx(W, rel=1e-3)
    assert shape.buffer(0.01).covers(chord)
    assert all(shape.boundary.distance(end) < 0.01 for end in chord.boundary.geoms)
    corridors = list(output_layer(result["OUTPUT_CORRIDORS"]).getFeatures())
    assert len(corridors) == 1
    assert corridors[0]["corridor_length_m"] == pytest.approx(L, rel=0.05)


def test_multipart_layer_and_dissolve(run_alg, tmp_path):
    first = affinity.translate(two_squares(), 500_000, 5_540_000)
    second = affinity.translate(two_squares(width=800.0), 500_000, 5_560_000)
    layer = memory_layer([shapely.union(first, second)], "EPSG:32636")
    _, necks = run_corridor(run_alg, tmp_path, layer)
    by_part = {n["part_id"]: n for n in necks if n["rank"] == 1}
    assert sorted(round(n["width_m"]) for n in by_part.values()) == [500, 800]
    # Drawn in three overlapping pieces, the ground is still one corridor when dissolved.
    pieces = [
        box(495_000, 5_537_500, 500_100, 5_542_500),
        box(500_000, 5_539_750, 503_000, 5_540_250),
        box(502_900, 5_537_500, 508_000, 5_542_500),
    ]
    _, dissolved = run_corridor(run_alg, tmp_path, memory_layer(pieces, "EPSG:32636"))
    assert dissolved[0]["width_m"] == pytest.approx(500.0, rel=0.005)
    _, apart = run_corridor(run_alg, tmp_path, memory_layer(pieces, "EPSG:32636"), DISSOLVE=False)
    assert all(n["width_m"] > 1000 for n in apart)  # no piece alone has the 500 m corridor


def test_land_clips_a_lagoon(run_alg, tmp_path):
    # One 10 km square whose middle is a lagoon except a 300 m wide strip of land.
    ground = box(500_000, 5_540_000, 510_000, 5_550_000)
    lagoon = box(500_000, 5_544_000, 510_000, 5_546_000)
    land = shapely.union(
        shapely.difference(box(490_000, 5_530_000, 520_000, 5_560_000), lagoon),
        box(504_850, 5_543_000, 505_150, 5_547_000),
    )
    result, necks = run_corridor(
        run_alg,
        tmp_path,
        memory_layer([ground], "EPSG:32636"),
        LAND=memory_layer([land], "EPSG:32636"),
    )
    assert necks[0]["width_m"] == pytest.approx(300.0, rel=0.005)


def test_no_neck_gives_an_empty_result_and_a_warning(run_alg, tmp_path):
    feedback = RecordingFeedback()
    small = box(500_000, 5_540_000, 501_000, 5_541_000)  # 1 km²: no two sides of 1 km²
    result, necks = run_corridor(
        run_alg, tmp_path, memory_layer([small], "EPSG:32636"), feedback=feedback
    )
    assert necks == [] and result["MIN_WIDTH_M"] is None
    assert feedback.warnings == [
        "1 part(s) (1.00 km² in all) are smaller than twice MIN_LOBE_AREA (2 km²): they have "
        "no neck."
    ]


def test_parts_too_small_share_one_warning_and_a_ring_gets_its_own(run_alg, tmp_path):
    """A LAND full of islets left a hundred warnings, one per sliver; a ring was told it
    had no cut leaving 1 km² on both sides, though it is 36 km²."""
    feedback = RecordingFeedback()
    shape = affinity.translate(two_squares(), 500_000, 5_540_000)
    islets = [box(520_000 + 2000 * k, 5_540_000, 520_500 + 2000 * k, 5_540_600) for k in range(40)]
    ring = box(500_000, 5_560_000, 510_000, 5_570_000).difference(
        box(501_000, 5_561_000, 509_000, 5_569_000)
    )
    result, necks = run_corridor(
        run_alg,
        tmp_path,
        memory_layer([shape, ring, *islets], "EPSG:32636"),
        feedback=feedback,
        DISSOLVE=False,
    )
    assert [(n["part_id"], n["rank"]) for n in necks] == [(1, 1)]  # by area: the corridor first
    assert feedback.warnings == [
        "40 part(s) (12.01 km² in all) are smaller than twice MIN_LOBE_AREA (2 km²): they "
        "have no neck.",
        "Part 2 (36.03 km²) has no neck: no straight cut splits it into two sides of 1 km² or "
        "more (a ring round a hole has none).",
    ]


def test_parts_are_numbered_by_area_whatever_the_feature_order(run_alg, tmp_path):
    big = affinity.translate(two_squares(), 500_000, 5_540_000)
    small = affinity.translate(two_squares(width=300.0, length=1000.0), 500_000, 5_560_000)
    for order in ([big, small], [small, big]):
        _, necks = run_corridor(
            run_alg, tmp_path, memory_layer(order, "EPSG:32636"), DISSOLVE=False
        )
        widths = {n["part_id"]: round(n["width_m"]) for n in necks if n["rank"] == 1}
        assert widths == {1: 500, 2: 300}


def test_a_run_cancelled_while_reading_warns_of_nothing(run_alg, tmp_path):
    feedback = RecordingFeedback()
    feedback.cancel()
    layer = memory_layer([affinity.translate(two_squares(), 500_000, 5_540_000)], "EPSG:32636")
    parameters = {"INPUT": layer, "OUTPUT": str(tmp_path / "n.gpkg")}
    assert run_alg(ALG, parameters, feedback=feedback) == {}
    assert feedback.warnings == []


def test_minor_share_keeps_small_sides_of_a_large_part(run_alg, tmp_path):
    """A 1 km² side of a 10,000 km² part: its share, 1e-4 and less, was written with four
    decimals (0.0 for a side of 0.5 km² or less: a split that seemed to leave nothing)."""
    far = box(500_000, 5_500_000, 600_000, 5_600_000)  # 10,000 km²
    lobe = box(600_500, 5_549_000, 601_500, 5_550_000)  # 1 km², 200 m corridor to it
    layer = memory_layer(
        [shapely.union_all([far, lobe, box(600_000, 5_549_400, 600_500, 5_549_600)])],
        "EPSG:32636",
    )
    _, necks = run_corridor(run_alg, tmp_path, layer, MIN_LOBE_AREA=0.5)
    neck = necks[0]
    assert neck["width_m"] == pytest.approx(200.0, rel=0.005)
    share = neck["side_a_km2"] / (neck["side_a_km2"] + neck["side_b_km2"])
    assert neck["minor_share"] == pytest.approx(share, rel=1e-3)
    assert 0.9e-4 < neck["minor_share"] < 1.1e-4


def test_empty_layer_and_null_geometries(run_alg, tmp_path):
    feedback = RecordingFeedback()
    _, necks = run_corridor(
        run_alg, tmp_path, memory_layer([], "EPSG:32636", "MultiPolygon"), feedback=feedback
    )
    assert necks == [] and any("INPUT" in w for w in feedback.warnings)
    shape = affinity.translate(two_squares(), 500_000, 5_540_000)
    layer = memory_layer([None, shape], "EPSG:32636", "MultiPolygon")
    _, necks = run_corridor(run_alg, tmp_path, layer, feedback=RecordingFeedback())
    assert necks[0]["width_m"] == pytest.approx(W, rel=0.005)


def spiked_two_squares():
    """The corridor in UTM metres with a spike retracing itself: an invalid ring, which the
    repair drops."""
    shape = affinity.translate(two_squares(), 500_000, 5_540_000)
    coords = list(shape.exterior.coords)
    coords[2:2] = [(coords[1][0] - 100.0, coords[1][1]), coords[1]]
    invalid = shapely.Polygon(coords)
    assert not invalid.is_valid
    return invalid


def test_invalid_geometry_is_repaired(run_alg, tmp_path):
    feedback = RecordingFeedback()
    layer = memory_layer([spiked_two_squares()], "EPSG:32636")
    _, necks = run_corridor(run_alg, tmp_path, layer, feedback)
    assert necks[0]["width_m"] == pytest.approx(W, rel=0.005)
    assert "INPUT: repaired 1 invalid geometry(ies) (make valid)." in feedback.infos


@pytest.mark.parametrize("geometry", [Point(35, 50), LineString([(35, 50), (35.1, 50.1)])])
def test_points_and_lines_are_refused(run_alg, tmp_path, geometry):
    with pytest.raises(QgsProcessingException, match="INPUT"):
        run_corridor(run_alg, tmp_path, memory_layer([geometry]))


def test_no_crs_is_refused(run_alg, tmp_path):
    with pytest.raises(QgsProcessingException, match="coordinate reference system"):
        run_corridor(run_alg, tmp_path, memory_layer([two_squares()], ""))


def test_metres_labelled_as_degrees_are_refused_naming_the_layer(run_alg, tmp_path):
    """UTM coordinates in a layer that says EPSG:4326: a common mistake, told as such."""
    shape = affinity.translate(two_squares(), 500_000, 5_540_000)
    layer = memory_layer([shape], "EPSG:4326")
    layer.setName("held ground")
    with pytest.raises(QgsProcessingException) as info:
        run_corridor(run_alg, tmp_path, layer)
    message = str(info.value)
    assert message.startswith("The layer held ground has coordinates (495000,5537500 : ")
    assert "its CRS EPSG:4326 cannot hold" in message


@pytest.mark.parametrize("day", ["20241013", "20241101"])
def test_kursk_neck_of_310_m(run_alg, tmp_path, day):
    held = tmp_path / "held.gpkg"
    run_alg(
        "frontline:deepstatesnapshot",
        {
            "SOURCE_FILE": str(data.raw_map(day)),
            "CLASSES": [4],
            "OUTPUT": str(held),
        },
    )
    _, necks = run_corridor(run_alg, tmp_path, str(held), MAX_NECKS=5)
    near = []
    for neck in necks:
        middle = neck.geometry().interpolate(neck.geometry().length() / 2).asPoint()
        distance_km = math.hypot((middle.x() - 34.97) * 70.0, (middle.y() - 51.23) * 111.2)
        if distance_km < 3.0:
            near.append(neck["width_m"])
    assert near and min(near) == pytest.approx(310.0, abs=40.0)


def test_invalid_feature_beside_another_is_dissolved_without_error(run_alg, tmp_path):
    shape = affinity.translate(two_squares(), 500_000, 5_540_000)
    bowtie = shapely.Polygon(
        [(480_000, 5_520_000), (490_000, 5_530_000), (490_000, 5_520_000), (480_000, 5_530_000)]
    )
    layer = memory_layer([bowtie, shape], "EPSG:32636", "MultiPolygon")
    _, necks = run_corridor(run_alg, tmp_path, layer)
    assert any(n["width_m"] == pytest.approx(W, rel=0.005) for n in necks)
    _, apart = run_corridor(run_alg, tmp_path, layer, DISSOLVE=False)
    assert len({n["part_id"] for n in apart}) == len(
        {(n["part_id"], n["rank"]) for n in apart if n["rank"] == 1}
    )


def test_curved_geometries_are_straightened(run_alg, tmp_path):
    """A CurvePolygon (GEOS reads no curves) is measured like the same shape drawn straight."""
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    feature = QgsFeature()
    feature.setGeometry(
        QgsGeometry.fromWkt(
            "CURVEPOLYGON(CIRCULARSTRING(499000 5540000, 501000 5540000, 499000 5540000))"
        )
    )
    curved = QgsVectorLayer("CurvePolygon?crs=EPSG:32636", "curved", "memory")
    curved.dataProvider().addFeatures([feature])
    straight = memory_layer([Point(500_000, 5_540_000).buffer(1000.0, quad_segs=90)], "EPSG:32636")
    _, from_curve = run_corridor(run_alg, tmp_path, curved)
    _, from_polygon = run_corridor(run_alg, tmp_path, straight)
    assert from_curve[0]["width_m"] == pytest.approx(from_polygon[0]["width_m"], rel=0.005)
    assert from_curve[0]["side_a_km2"] == pytest.approx(1.0, rel=0.01)  # a cap of MIN_LOBE_AREA


def test_points_in_a_polygon_layer_are_skipped_with_a_warning(run_alg, tmp_path):
    """DeepState's own raw maps are such layers: polygons first, then hundreds of points."""
    shape = data.to_lonlat(shapely.segmentize(two_squares(), 250.0), LON0, LAT0)
    path = geojson_file(tmp_path / "mixed.geojson", [shape, Point(LON0, LAT0)])
    feedback = RecordingFeedback()
    _, necks = run_corridor(run_alg, tmp_path, path, feedback=feedback)
    assert necks[0]["width_m"] == pytest.approx(W, rel=0.005)
    assert any("INPUT: skipped 1 feature(s) with no polygon" in w for w in feedback.warnings)


def test_an_invalid_polygon_is_repaired_also_where_the_dialog_would_stop_on_it(
    frontline_plugin, tmp_path
):
    """The QGIS dialog's context stops on invalid geometries by default; Frontline repairs
    them itself, so its inputs are read without that check."""
    from qgis import processing
    from qgis.core import QgsFeatureRequest, QgsProcessingContext, QgsProcessingFeedback

    invalid = spiked_two_squares()
    context = QgsProcessingContext()
    context.setInvalidGeometryCheck(QgsFeatureRequest.GeometryAbortOnInvalid)
    result = processing.run(
        ALG,
        {"INPUT": memory_layer([invalid], "EPSG:32636"), "OUTPUT": str(tmp_path / "n.gpkg")},
        context=context,
        feedback=QgsProcessingFeedback(),
    )
    assert result["MIN_WIDTH_M"] == pytest.approx(W, rel=0.005)


def test_a_layer_round_a_pole_is_placed_through_invalid_and_curved_features(
    frontline_plugin, tmp_path
):
    """Layers round a pole are placed by their vertices, read apart from the analysis: that
    read stopped on an invalid feature in the dialog's context, and failed on curves."""
    from qgis import processing
    from qgis.core import (
        QgsFeature,
        QgsFeatureRequest,
        QgsGeometry,
        QgsProcessingContext,
        QgsProcessingFeedback,
        QgsVectorLayer,
    )

    invalid = affinity.translate(spiked_two_squares(), -500_000 - 2_500.0, -5_540_000)
    curved = QgsVectorLayer("CurvePolygon?crs=EPSG:3413", "curved", "memory")
    feature = QgsFeature()
    feature.setGeometry(
        QgsGeometry.fromWkt(
            "CurvePolygon(CircularString(-2500 -2500, 0 2500, 2500 -2500, 0 -5000, -2500 -2500))"
        )
    )
    curved.dataProvider().addFeatures([feature])
    context = QgsProcessingContext()
    context.setInvalidGeometryCheck(QgsFeatureRequest.GeometryAbortOnInvalid)
    for layer, width in ((memory_layer([invalid], "EPSG:3413"), W), (curved, None)):
        result = processing.run(
            ALG,
            {"INPUT": layer, "OUTPUT": str(tmp_path / "n.gpkg")},
            context=context,
            feedback=QgsProcessingFeedback(),
        )
        (neck, *_) = output_layer(result["OUTPUT"]).getFeatures()
        chord = shapely.from_wkt(neck.geometry().asWkt())
        assert neck["width_m"] == pytest.approx(geodesic_length(chord, "EPSG:3413"), rel=1e-4)
        if width is not None:
            assert chord.length == pytest.approx(width, rel=1e-3)  # the layer's own metres


def test_a_cancelled_run_returns_no_partial_result_and_keeps_the_earlier_one(run_alg, tmp_path):
    """Cancelled after the first of two shapes: nothing returned, and the earlier run's
    necks left as they were (the output was made, and emptied, before the shapes were
    measured)."""
    shapes = [affinity.translate(two_squares(), dx, 0) for dx in (0.0, 50_000.0)]
    layer = memory_layer([data.to_lonlat(s, LON0, LAT0) for s in shapes])
    parameters = {"INPUT": layer, "DISSOLVE": False, "OUTPUT": str(tmp_path / "n.gpkg")}
    run_alg(ALG, parameters)
    kept = (tmp_path / "n.gpkg").read_bytes()
    assert run_alg(ALG, parameters, feedback=CancelOnProgress()) == {}
    assert (tmp_path / "n.gpkg").read_bytes() == kept


@pytest.mark.parametrize("width", [4999.0, 5001.0])
def test_further_necks_are_held_against_max_width_as_reported_on_the_ellipsoid(
    run_alg, tmp_path, width
):
    """Three 20 km squares near 39 E joined by a 300 m and a `width` m corridor (on the
    ellipsoid, within UTM's 0.01 % off its central meridian), and a square near 27 E that
    puts the projection's centre 430 km away, where lengths differ by 0.1 %: the neck 4999 m
    wide on the ellipsoid was over 5000 m planar, so left out though MAX_WIDTH is 5000 (and
    one 5001 m wide could be under 5000 planar, and reported)."""
    import pyproj
    from shapely.ops import transform

    utm37 = pyproj.Transformer.from_crs(32637, 4326, always_xy=True).transform
    x, y, side = 500_000.0, 5_540_000.0, 20_000.0
    narrow, wide = 300 * 0.9996, width * 0.9996  # UTM's scale at its central meridian
    chain = shapely.union_all(
        [
            box(x, y, x + side, y + side),
            box(x + side, y + side / 2 - narrow / 2, x + side + 3000, y + side / 2 + narrow / 2),
            box(x + side + 3000, y, x + 2 * side + 3000, y + side),
            box(
                x + 2 * side + 3000,
                y + side / 2 - wide / 2,
                x + 2 * side + 13_000,
                y + side / 2 + wide / 2,
            ),
            box(x + 2 * side + 13_000, y, x + 3 * side + 13_000, y + side),
        ]
    ).segmentize(500)
    far = box(27.0, 50.0, 27.14, 50.09)
    layer = memory_layer([transform(utm37, chain), far])
    _, necks = run_corridor(run_alg, tmp_path, layer, MAX_WIDTH=5000, DISSOLVE=False)
    widths = [n["width_m"] for n in necks if n["part_id"] == 1]
    expected = [300.0, width] if width < 5000 else [300.0]
    assert widths == pytest.approx(expected, abs=1.0)


def test_a_strip_of_even_width_in_utm_gives_one_neck_with_a_narrow_corridor_width(
    run_alg, tmp_path
):
    """A 2 km wide, 20 km long salient on a 40 km block in UTM, CORRIDOR_WIDTH 1000 m (below
    its width, so no corridor): projected, the strip's width wobbles by millimetres, and three
    cross-sections 0.3 to 1.2 km apart came out as necks (2000.719, 2000.72, 2000.723 m)."""
    x0, y0 = 500_000, 5_500_000
    held = box(x0, y0, x0 + 40_000, y0 + 40_000).union(
        box(x0 + 40_000, y0 + 19_000, x0 + 60_000, y0 + 21_000)
    )
    _, necks = run_corridor(
        run_alg,
        tmp_path,
        memory_layer([held], "EPSG:32636"),
        CORRIDOR_WIDTH=1000.0,
        MIN_LOBE_AREA=5.0,
        MAX_NECKS=5,
    )
    assert [round(n["width_m"]) for n in necks] == [2001]  # UTM's scale, 1.00036 here
    assert necks[0]["corridor_length_m"] == 0.0  # no corridor under 1000 m
