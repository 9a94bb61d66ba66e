"""frontline:encirclement through Processing: CRSs, warnings, real maps, bad input."""

from __future__ import annotations

import pytest
import shapely
from qgis.core import NULL, QgsProcessingException
from shapely.geometry import Point, box

from fltest import data
from fltest.feedback import RecordingFeedback
from fltest.layers import memory_layer, output_layer

ALG = "frontline:encirclement"
LON0, LAT0 = 35.0, 50.0
KM = 1000.0
# Two lobes joined by a 400 m neck (metres around LON0/LAT0): A 10 x 10 km, B 4 x 4 km.
TWO_LOBES = shapely.union_all(
    [
        box(0, 0, 10 * KM, 10 * KM),
        box(10 * KM, 4.8 * KM, 11 * KM, 5.2 * KM),
        box(11 * KM, 3 * KM, 15 * KM, 7 * KM),
    ]
)


def lonlat(geometry):
    return data.to_lonlat(shapely.segmentize(geometry, 200.0), LON0, LAT0)


def run_encirclement(run_alg, tmp_path, held, feedback=None, **extra):
    result = run_alg(
        ALG,
        {
            "HELD": held,
            "OUTPUT": str(tmp_path / "pieces.gpkg"),
            "OUTPUT_LINKS": str(tmp_path / "links.gpkg"),
            **extra,
        },
        feedback=feedback,
    )
    pieces = list(output_layer(result["OUTPUT"]).getFeatures())
    links = list(output_layer(result["OUTPUT_LINKS"]).getFeatures())
    return result, pieces, links


def test_neck_pocket_in_lonlat(run_alg, tmp_path):
    result, pieces, links = run_encirclement(run_alg, tmp_path, memory_layer([lonlat(TWO_LOBES)]))
    by_status = {p["status"]: p for p in pieces}
    pocket = by_status["near_encircled"]
    assert pocket["area_km2"] == pytest.approx(16.2, abs=0.5)
    assert pocket["opening_m"] == pytest.approx(400.0, rel=0.01)
    assert result["POCKETS"] >= 1
    assert [(link["kind"], round(link["length_m"])) for link in links] == [("neck", 400)]
    assert pocket["opening_m"] == pytest.approx(links[0]["length_m"], abs=1e-3)  # one measure
    assert sum(p["share"] for p in pieces) == pytest.approx(1.0, abs=1e-6)


def test_opening_is_the_sum_of_its_links_on_the_ellipsoid_far_from_the_centre(run_alg, tmp_path):
    """HELD spans 17 degrees of longitude: the two lobes at 23 E, another part at 40 E. The
    opening is measured as its links are (on the ellipsoid), not in the planar frame."""
    west = data.to_lonlat(shapely.segmentize(TWO_LOBES, 200.0), 23.0, LAT0)
    east = data.to_lonlat(box(0, 0, 5 * KM, 5 * KM), 40.0, LAT0)
    _, pieces, links = run_encirclement(run_alg, tmp_path, memory_layer([west, east]))
    (neck,) = [link for link in links if link["kind"] == "neck"]
    (pocket,) = [p for p in pieces if p["status"] == "near_encircled"]
    assert pocket["opening_m"] == pytest.approx(neck["length_m"], abs=1e-3)  # length_m: 3 decimals
    assert neck["length_m"] == pytest.approx(400.0, rel=0.001)


@pytest.mark.parametrize("land", [box(-10, 35, 60, 70), box(-179, -85, 179, 85)])
def test_a_land_layer_reaching_far_away_does_not_move_the_measuring_frame(run_alg, tmp_path, land):
    """The 400 m neck stays wider than a 395 m link limit however far LAND reaches (a world
    land layer once moved the local CRS's centre to 0 E 0 N and shrank the neck to 388 m)."""
    result, pieces, links = run_encirclement(
        run_alg,
        tmp_path,
        memory_layer([lonlat(TWO_LOBES)]),
        LAND=memory_layer([land]),
        MAX_LINK_WIDTH=395,
        FIRE_RANGE=0,
    )
    assert len(pieces) == 1 and links == []  # no neck narrower than 395 m: one piece
    assert pieces[0]["area_km2"] == pytest.approx(100 + 0.4 + 16, rel=0.005)


def test_rear_in_another_crs_makes_the_larger_side_the_pocket(run_alg, tmp_path):
    held = memory_layer([lonlat(TWO_LOBES)])
    rear_metric = box(15 * KM, 0, 30 * KM, 10 * KM)
    # The rear in Web Mercator: reproject the lon/lat rear.
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

    rear = memory_layer([lonlat(rear_metric)])
    transform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsCoordinateReferenceSystem("EPSG:3857"),
        QgsProject.instance(),
    )
    mercator = memory_layer([], "EPSG:3857", "MultiPolygon")
    feature = next(rear.getFeatures())
    geometry = feature.geometry()
    geometry.transform(transform)
    feature.setGeometry(geometry)
    mercator.dataProvider().addFeatures([feature])
    mercator.updateExtents()
    result, pieces, _ = run_encirclement(
        run_alg, tmp_path, held, REAR=mercator, MAX_HOSTILE_CONTACT=0.9
    )
    big = max(pieces, key=lambda p: p["area_km2"])
    assert big["status"] == "near_encircled" and big["share"] > 0.5
    assert big["opening_m"] == pytest.approx(400.0, rel=0.01)
    assert result["POCKET_SHARE"] == pytest.approx(big["share"], rel=1e-6)


def test_overlapping_held_and_hostile_is_a_warning(run_alg, tmp_path):
    feedback = RecordingFeedback()
    hostile = memory_layer([lonlat(box(8 * KM, -5 * KM, 20 * KM, 15 * KM))])
    result, pieces, _ = run_encirclement(
        run_alg, tmp_path, memory_layer([lonlat(TWO_LOBES)]), feedback=feedback, HOSTILE=hostile
    )
    assert any("overlap" in w for w in feedback.warnings)
    assert pieces


@pytest.mark.parametrize(("strip_m", "warned"), [(2.0, False), (50.0, True)])
def test_only_an_overlap_of_0_01_km2_or_more_is_a_warning(run_alg, tmp_path, strip_m, warned):
    """HOSTILE overlapping the east lobe (4 km tall) along a strip: 2 m wide (0.008 km², the
    noise of two sources meeting along a border) is no warning; 50 m wide (0.2 km²) is one,
    with its area and share of HELD (0.2 of 116.4 km²: 0.17 %)."""
    feedback = RecordingFeedback()
    east = 15 * KM - strip_m
    hostile = memory_layer([lonlat(box(east, 3 * KM, 20 * KM, 7 * KM))])
    run_encirclement(
        run_alg, tmp_path, memory_layer([lonlat(TWO_LOBES)]), feedback=feedback, HOSTILE=hostile
    )
    overlap = [w for w in feedback.warnings if "overlap" in w]
    if warned:
        assert overlap == [
            "HELD and HOSTILE overlap over 0.200 km² (0.17 % of HELD): check the inputs."
        ]
    else:
        assert overlap == []


def test_fire_range_marks_a_fire_controlled_opening(run_alg, tmp_path):
    held = memory_layer([lonlat(box(0, 0, 10 * KM, 10 * KM))])
    rear = memory_layer([lonlat(box(0, -10 * KM, 10 * KM, 0))])
    hostile = memory_layer([lonlat(box(12 * KM, -10 * KM, 20 * KM, 20 * KM))])
    _, pieces, _ = run_encirclement(
        run_alg,
        tmp_path,
        held,
        REAR=rear,
        HOSTILE=hostile,
        CONTACT_TOLERANCE=0.0,
        FIRE_RANGE=13_000.0,
    )
    assert pieces[0]["fire_controlled"] in (True, 1)
    assert pieces[0]["fire_free_opening_m"] == pytest.approx(0.0, abs=1.0)


def kursk_layers(run_alg, tmp_path, day: str):
    held = tmp_path / "held.gpkg"
    run_alg(
        "frontline:deepstatesnapshot",
        {
            "SOURCE_FILE": str(data.raw_map(day)),
            "CLASSES": [4],
            "OUTPUT": str(held),
        },
    )
    ukraine = data.boundary("ua_osm20231002_polygon_clip")
    enemy = data.fill_polygons(data.raw_map(day), ["#a52714", "#880e4f", "#bcaaa4"])
    rear = memory_layer([shapely.difference(ukraine, enemy)])
    return str(held), rear


def test_kursk_2024_11_01(run_alg, tmp_path):
    held, rear = kursk_layers(run_alg, tmp_path, "20241101")
    _, pieces, _ = run_encirclement(run_alg, tmp_path, held)
    west = [p for p in pieces if p.geometry().centroid().asPoint().x() < 34.5]
    assert sum(p["area_km2"] for p in west) == pytest.approx(11.4, abs=0.5)
    assert {p["status"] for p in west} == {"encircled"}
    beyond = [p for p in pieces if p["opening_m"] and 250 < p["opening_m"] < 400]
    assert len(beyond) == 1 and beyond[0]["status"] == "near_encircled"
    assert beyond[0]["area_km2"] == pytest.approx(12.0, abs=1.5)
    _, with_rear, _ = run_encirclement(run_alg, tmp_path, held, REAR=rear)
    west = [p for p in with_rear if p.geometry().centroid().asPoint().x() < 34.5]
    assert west and all(p["status"] not in ("encircled", "near_encircled") for p in west)


@pytest.mark.parametrize("parameter", ["HELD", "REAR"])
def test_point_layers_are_refused(run_alg, tmp_path, parameter):
    layers = {"HELD": memory_layer([lonlat(TWO_LOBES)]), parameter: memory_layer([Point(35, 50)])}
    with pytest.raises(QgsProcessingException, match=parameter):
        run_encirclement(run_alg, tmp_path, layers.pop("HELD"), **layers)


def test_empty_held_layer_is_a_warning(run_alg, tmp_path):
    feedback = RecordingFeedback()
    result, pieces, _ = run_encirclement(
        run_alg, tmp_path, memory_layer([], "EPSG:4326", "MultiPolygon"), feedback=feedback
    )
    assert pieces == [] and result["POCKETS"] == 0
    assert any("HELD" in w for w in feedback.warnings)


def test_empty_rear_layer_is_no_rear(run_alg, tmp_path):
    feedback = RecordingFeedback()
    _, pieces, _ = run_encirclement(
        run_alg,
        tmp_path,
        memory_layer([lonlat(TWO_LOBES)]),
        feedback=feedback,
        REAR=memory_layer([], "EPSG:4326", "MultiPolygon"),
        FIRE_RANGE=500.0,
    )
    main = next(p for p in pieces if p["main_body"] in (True, 1))
    assert main["status"] != "encircled" and main["opening_m"] == NULL
    assert main["fire_free_opening_m"] == NULL  # the main body has no opening to be under fire
    assert any("REAR" in w for w in feedback.warnings)


def test_links_in_a_missing_folder_write_no_pieces(run_alg, tmp_path):
    """OUTPUT_LINKS in a folder that does not exist: refused before anything is written
    (the pieces were written first, by a run that then failed)."""
    missing = tmp_path / "nowhere"
    with pytest.raises(QgsProcessingException) as info:
        run_encirclement(
            run_alg,
            tmp_path,
            memory_layer([lonlat(TWO_LOBES)]),
            OUTPUT_LINKS=str(missing / "links.gpkg"),
        )
    assert str(info.value).endswith(f"\nOUTPUT_LINKS: the folder {missing} does not exist.")
    assert not (tmp_path / "pieces.gpkg").exists()


def test_hostile_in_metres_labelled_as_degrees_is_refused_naming_it(run_alg, tmp_path):
    """HELD was checked for coordinates its CRS cannot hold, HOSTILE not: a ring of hostile
    ground in UTM metres labelled EPSG:4326 was read as no hostile ground at all (the pocket
    came out secure, without a warning)."""
    hostile = memory_layer([box(500_000, 5_540_000, 520_000, 5_560_000)], "EPSG:4326")
    hostile.setName("enemy ground")
    with pytest.raises(QgsProcessingException) as info:
        run_encirclement(run_alg, tmp_path, memory_layer([lonlat(TWO_LOBES)]), HOSTILE=hostile)
    assert str(info.value).startswith(
        "The layer enemy ground has coordinates (500000,5540000 : 520000,5560000) that its "
        "CRS EPSG:4326 cannot hold"
    )


def test_hostile_ground_far_from_held_is_a_warning(run_alg, tmp_path):
    """HOSTILE given, but none of it near HELD: every edge is then not hostile, which the
    user may not expect (HELD and REAR had such a warning, HOSTILE not)."""
    feedback = RecordingFeedback()
    far = memory_layer([lonlat(box(500 * KM, 0, 510 * KM, 10 * KM))])
    _, pieces, _ = run_encirclement(
        run_alg,
        tmp_path,
        memory_layer([lonlat(TWO_LOBES)]),
        feedback=feedback,
        HOSTILE=far,
        FIRE_RANGE=5000,
    )
    assert [w for w in feedback.warnings if w.startswith("HOSTILE")] == [
        "HOSTILE: the layer has no polygons near the held ground; no edge borders hostile "
        "ground and nothing is under fire."
    ]
    assert {p["hostile_contact"] for p in pieces} == {0.0}
    assert not any(p["fire_controlled"] for p in pieces)


@pytest.mark.parametrize("width", [1999.5, 2000.5])
def test_a_neck_is_held_against_max_link_width_as_reported_on_the_ellipsoid(
    run_alg, tmp_path, width
):
    """A dumbbell near 39 E with a neck `width` m wide on the ellipsoid, and a square near
    27 E that puts the projection's centre 430 km away, where it shrinks lengths by 0.1 %.
    The neck was cut by its planar width (1998.5 m) while reported as 2000.5 m: a piece
    near_encircled with an opening above MAX_LINK_WIDTH. Cut and status now go by the
    figures reported."""
    import pyproj
    from shapely.ops import transform

    utm37 = pyproj.Transformer.from_crs(32637, 4326, always_xy=True).transform
    grid = width * 0.9996  # UTM's scale at its central meridian
    x, y = 500_000.0, 5_540_000.0
    dumbbell = shapely.union_all(
        [
            box(x, y, x + 10 * KM, y + 10 * KM),
            box(x + 5 * KM - grid / 2, y + 10 * KM, x + 5 * KM + grid / 2, y + 13 * KM),
            box(x, y + 13 * KM, x + 10 * KM, y + 23 * KM),
        ]
    ).segmentize(200)
    far = box(27.0, 50.0, 27.14, 50.09)
    held = memory_layer([transform(utm37, dumbbell), far])
    _, pieces, links = run_encirclement(run_alg, tmp_path, held, MAX_LINK_WIDTH=2000)
    necks = [link["length_m"] for link in links if link["kind"] == "neck"]
    if width < 2000:
        assert necks == [pytest.approx(width, abs=0.05)]
        (pocket,) = [p for p in pieces if p["status"] == "near_encircled"]
        assert pocket["opening_m"] == pytest.approx(necks[0], abs=1e-3)
    else:
        assert necks == []
        # The dumbbell is one piece, the main body; the far square is cut off.
        assert sorted(p["status"] for p in pieces) == ["encircled", "salient"]


def test_a_cancelled_run_says_nothing_of_empty_layers(run_alg, tmp_path):
    """Cancelled while reading, HELD read so far (nothing) was warned of as "the layer has no
    polygons"."""

    class Cancelled(RecordingFeedback):
        def isCanceled(self) -> bool:
            return True

    feedback = Cancelled()
    run_alg(
        ALG,
        {"HELD": memory_layer([lonlat(TWO_LOBES)]), "OUTPUT": str(tmp_path / "pieces.gpkg")},
        feedback=feedback,
    )
    assert feedback.warnings == []


def test_a_fire_range_reaching_far_is_warned_of(run_alg, tmp_path):
    """The fire zone is a planar buffer: a 2,000 km fire range round the two lobes is about
    1 % off at its far end, which the warning says."""
    feedback = RecordingFeedback()
    run_encirclement(
        run_alg,
        tmp_path,
        memory_layer([lonlat(TWO_LOBES)]),
        feedback=feedback,
        FIRE_RANGE=2_000_000,
    )
    (warning,) = [w for w in feedback.warnings if "local projection" in w]
    assert "fire_free_opening_m may be off by up to" in warning
