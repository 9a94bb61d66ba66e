"""Frontline's algorithms through qgis_process, the way scripts use them."""

from __future__ import annotations

import sqlite3

import pytest

from fltest import data
from fltest.deepstate_server import DeepStateSite, FakeDeepStateServer
from frontline.tools import qgisproc


@pytest.fixture(scope="session")
def qgis_profile(tmp_path_factory):
    """A throw-away QGIS profile with the plugin enabled (found through QGIS_PLUGINPATH)."""
    profile = tmp_path_factory.mktemp("qgis-process-profile")
    qgisproc.enable_plugin(profile)
    return profile


def gpkg_class_areas(path) -> dict[str, float]:
    with sqlite3.connect(path) as db:
        table = db.execute(
            "SELECT table_name FROM gpkg_contents WHERE data_type = 'features'"
        ).fetchone()[0]
        rows = db.execute(f'SELECT class, SUM(area_km2) FROM "{table}" GROUP BY class')
        return dict(rows.fetchall())


def test_list_shows_every_frontline_algorithm(qgis_profile):
    from frontline.processing.provider import algorithm_classes

    listing = qgisproc.call(["list"], qgis_profile).stdout
    for algorithm_class in algorithm_classes():
        assert f"frontline:{algorithm_class.ALGORITHM_ID}" in listing


def test_snapshot_from_source_file(qgis_profile, tmp_path):
    path = data.raw_map("20241101")
    out = tmp_path / "out.gpkg"
    answer = qgisproc.run(
        "frontline:deepstatesnapshot", {"SOURCE_FILE": path, "OUTPUT": out}, qgis_profile
    )
    assert answer["results"]["SNAPSHOT_ID"] == 1730495471
    assert gpkg_class_areas(out)["ua_held_in_russia"] == pytest.approx(627.53, abs=0.05)


def test_snapshot_from_local_server_by_date(qgis_profile, tmp_path):
    site = DeepStateSite([data.raw_map(d) for d in ("20241013", "20241101")])
    out = tmp_path / "out.gpkg"
    with FakeDeepStateServer(site) as server:
        answer = qgisproc.run(
            "frontline:deepstatesnapshot",
            {"BASE_URL": server.base_url, "DATE": "2024-10-20", "OUTPUT": out},
            qgis_profile,
        )
    assert answer["results"]["SNAPSHOT_ID"] == 1728853044
    assert gpkg_class_areas(out)["ua_held_in_russia"] == pytest.approx(663.7, abs=0.1)
    assert any("geojson" in path for path in site.paths_requested())


def test_failure_exits_non_zero_with_a_message(qgis_profile, tmp_path):
    missing = tmp_path / "missing.geojson"
    with pytest.raises(qgisproc.QgisProcessError, match="missing.geojson"):
        qgisproc.run(
            "frontline:deepstatesnapshot",
            {"SOURCE_FILE": missing, "OUTPUT": tmp_path / "o.gpkg"},
            qgis_profile,
        )


def test_route_exposure_from_files(qgis_profile, tmp_path):
    from qgis.core import QgsProject, QgsVectorFileWriter
    from shapely.geometry import LineString, box

    from fltest.layers import geod_offset, memory_layer

    _, lat = geod_offset(30.5, 50.0, 0.0, 7000.0)
    paths = {}
    for name, layer in (
        ("ROUTES", memory_layer([LineString([(30.4, lat), (30.6, lat)])])),
        ("HOSTILE", memory_layer([box(30.0, 49.0, 31.0, 50.0)])),
    ):
        options = QgsVectorFileWriter.SaveVectorOptions()
        paths[name] = tmp_path / f"{name}.gpkg"
        QgsVectorFileWriter.writeAsVectorFormatV3(
            layer, str(paths[name]), QgsProject.instance().transformContext(), options
        )
    answer = qgisproc.run(
        "frontline:routeexposure",
        {**paths, "RANGES": "5000,10000", "OUTPUT": tmp_path / "out.gpkg"},
        qgis_profile,
    )
    assert answer["results"]["EXPOSED_SHARE"] == 0.0
    with sqlite3.connect(tmp_path / "out.gpkg") as db:
        distance, band = db.execute('SELECT distance_m, band FROM "out"').fetchone()
    assert distance == pytest.approx(7000.0, rel=0.005)
    assert band == 10000.0
