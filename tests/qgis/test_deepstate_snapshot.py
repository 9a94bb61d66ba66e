"""frontline:deepstatesnapshot on real DeepState maps, from files and from a local server."""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsProcessingException,
    QgsProject,
    QgsSettings,
    QgsVectorLayer,
)

from fltest import data
from fltest.deepstate_server import (  # noqa: F401 - fixtures
    DeepStateSite,
    Failure,
    deepstate_server,
    deepstate_site,
    last_answer,
    last_head,
    refused_url,
)
from frontline.processing.deepstate_access import SETTING_CACHE_DIR

ALG = "frontline:deepstatesnapshot"
# DeepState's /areas keys for Frontline's classes (DeepState measures on a sphere, we on WGS84).
OFFICIAL_KEYS = {
    "occupied": "occupied",
    "grey_zone": "unspecified",
    "ua_held_in_russia": "occupiedInRussia",
    "grey_zone_in_russia": "occupiedInRussiaUnspecified",
}
CHECKED_MAPS = [
    "20231201",
    "20240212",
    "20240808",
    "20240901",
    "20241013",
    "20241101",
    "20250101",
    "20250304",
    "20250320",
    "20250426",
    "20250701",
    "20250802",
]


def open_layer(path: Path, name: str = "") -> QgsVectorLayer:
    uri = f"{path}|layername={name}" if name else str(path)
    layer = QgsVectorLayer(uri, "out", "ogr")
    assert layer.isValid(), uri
    return layer


def class_areas(layer: QgsVectorLayer) -> dict[str, float]:
    areas: dict[str, float] = {}
    for feature in layer.getFeatures():
        areas[feature["class"]] = areas.get(feature["class"], 0.0) + feature["area_km2"]
    return areas


@pytest.mark.parametrize("day", CHECKED_MAPS)
def test_class_areas_match_deepstate_figures(run_alg, tmp_path, day):
    path = data.raw_map(day)
    out = tmp_path / "areas.gpkg"
    result = run_alg(ALG, {"SOURCE_FILE": str(path), "OUTPUT": str(out)})
    snapshot_id = data.map_id(path)
    assert result["SNAPSHOT_ID"] == snapshot_id
    official = data.history_record(snapshot_id)
    areas = class_areas(open_layer(Path(result["OUTPUT"])))
    checked = 0
    for cls, key in OFFICIAL_KEYS.items():
        if official.get(key) and official[key] > 1.0:
            assert areas.get(cls, 0.0) == pytest.approx(official[key], rel=0.005), cls
            checked += 1
    assert checked >= 2


def test_fields_crs_time_and_plain_text(run_alg, tmp_path):
    path = data.raw_map("20241101")
    result = run_alg(
        ALG,
        {
            "SOURCE_FILE": str(path),
            "OUTPUT": str(tmp_path / "areas.gpkg"),
            "OUTPUT_POINTS": str(tmp_path / "points.gpkg"),
        },
    )
    assert result["SNAPSHOT_TIME"] == "2024-11-01T21:11:11Z"
    layer = open_layer(Path(result["OUTPUT"]))
    assert layer.crs().authid() == "EPSG:4326"
    assert [f.name() for f in layer.fields()][1:] == [
        "snapshot_id",
        "snapshot_time",
        "class",
        "name_en",
        "name_uk",
        "key",
        "area_km2",
    ]
    features = list(layer.getFeatures())
    classes = {f["class"] for f in features}
    assert "other_territories" not in classes  # not in the default classes
    assert {"occupied", "ua_held_in_russia", "grey_zone_in_russia"} <= classes
    first = features[0]
    assert first["snapshot_id"] == 1730495471
    assert first["snapshot_time"].toSecsSinceEpoch() == 1730495471
    for feature in features:
        for name in ("name_en", "name_uk", "key"):
            text = feature[name] or ""
            assert "<" not in text and "\u00a0" not in text and "{{" not in text
    points = open_layer(Path(result["OUTPUT_POINTS"]))
    point_classes = {f["class"] for f in points.getFeatures()}
    assert point_classes == {"unit", "attack_direction", "airfield", "other"} & point_classes
    assert "unit" in point_classes and "attack_direction" in point_classes
    for feature in points.getFeatures():
        assert "{icon" not in (feature["description"] or "")


def test_classes_parameter_filters(run_alg, tmp_path):
    result = run_alg(
        ALG,
        {
            "SOURCE_FILE": str(data.raw_map("20241101")),
            "CLASSES": [4],  # ua_held_in_russia
            "OUTPUT": str(tmp_path / "a.gpkg"),
        },
    )
    areas = class_areas(open_layer(Path(result["OUTPUT"])))
    assert list(areas) == ["ua_held_in_russia"]
    assert areas["ua_held_in_russia"] == pytest.approx(627.53, abs=0.05)


@pytest.mark.parametrize(
    ("name", "snapshot_id"),
    [
        ("мапа 1730495471 (1).geojson", 1730495471),
        ("kursk map.geojson", None),
        ("deepstate_1730495471.json", 1730495471),  # saved as .json: was refused
    ],
)
def test_source_file_id_from_everyday_names_or_a_warning(run_alg, tmp_path, name, snapshot_id):
    import shutil

    from fltest.feedback import RecordingFeedback

    path = tmp_path / name
    shutil.copy(data.raw_map("20241101"), path)
    feedback = RecordingFeedback()
    result = run_alg(
        ALG,
        {"SOURCE_FILE": str(path), "CLASSES": [4], "OUTPUT": str(tmp_path / "a.gpkg")},
        feedback=feedback,
    )
    assert (result["SNAPSHOT_ID"] or None) == snapshot_id
    warned = any(w.startswith("SOURCE_FILE: no DeepState id") for w in feedback.warnings)
    assert warned == (snapshot_id is None)


@pytest.mark.parametrize(
    ("name", "warning"),
    [
        ("last.json", ""),
        ("deepstate_1742507523.json", ""),
        (
            "deepstate_1730495471.json",  # the name says another map: the body's id is used
            "SOURCE_FILE: the file name gives map id 1730495471 but the file itself holds map "
            "1742507523; the file's own id is used.",
        ),
    ],
)
def test_a_saved_last_answer_gives_its_own_id_and_time(run_alg, tmp_path, name, warning):
    import json

    from fltest.feedback import RecordingFeedback

    raw = data.raw_map("20250320")
    snapshot_id = data.map_id(raw)
    body = last_answer(json.loads(raw.read_bytes()), **last_head(snapshot_id))
    path = tmp_path / name
    path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    feedback = RecordingFeedback()
    result = run_alg(
        ALG,
        {"SOURCE_FILE": str(path), "CLASSES": [4], "OUTPUT": str(tmp_path / "a.gpkg")},
        feedback=feedback,
    )
    assert result["SNAPSHOT_ID"] == snapshot_id == 1742507523
    assert result["SNAPSHOT_TIME"] == "2025-03-20T21:52:03Z"
    said = [w for w in feedback.warnings if w.startswith("SOURCE_FILE")]
    assert said == ([warning] if warning else [])
    first = next(open_layer(Path(result["OUTPUT"])).getFeatures())
    assert first["snapshot_id"] == snapshot_id
    assert first["snapshot_time"].toSecsSinceEpoch() == snapshot_id


def test_parameters_that_are_ignored_are_named(run_alg, tmp_path):
    from fltest.feedback import RecordingFeedback

    feedback = RecordingFeedback()
    run_alg(
        ALG,
        {
            "SOURCE_FILE": str(data.raw_map("20241101")),
            "DATE": "not a date",
            "CLASSES": [4],
            "OUTPUT": str(tmp_path / "a.gpkg"),
        },
        feedback=feedback,
    )
    assert "SNAPSHOT_ID and DATE are ignored: SOURCE_FILE is given." in feedback.warnings


@pytest.fixture()
def kursk_site() -> DeepStateSite:
    return DeepStateSite([data.raw_map(d) for d in ("20241013", "20241101", "20241201")])


@pytest.fixture()
def kursk_server(kursk_site):
    from fltest.deepstate_server import FakeDeepStateServer

    with FakeDeepStateServer(kursk_site) as server:
        yield server


def download(run_alg, server, tmp_path, **parameters):
    return run_alg(
        ALG, {"BASE_URL": server.base_url, "OUTPUT": str(tmp_path / "d.gpkg"), **parameters}
    )


def test_download_by_date_id_and_latest(run_alg, kursk_server, tmp_path):
    by_date = download(run_alg, kursk_server, tmp_path, DATE="2024-11-15")
    assert by_date["SNAPSHOT_ID"] == 1730495471  # the last map on or before that Kyiv day
    by_id = download(run_alg, kursk_server, tmp_path, SNAPSHOT_ID=1728853044)
    assert by_id["SNAPSHOT_ID"] == 1728853044
    latest = download(run_alg, kursk_server, tmp_path)
    assert latest["SNAPSHOT_ID"] == 1733089579
    areas = class_areas(open_layer(Path(latest["OUTPUT"])))
    assert areas["ua_held_in_russia"] == pytest.approx(547.1, abs=0.1)


def test_cached_map_is_used_offline(run_alg, kursk_server, tmp_path, isolated_cache):
    download(run_alg, kursk_server, tmp_path, SNAPSHOT_ID=1728853044)
    kursk_server.stop()
    result = download(run_alg, kursk_server, tmp_path, SNAPSHOT_ID=1728853044, OFFLINE=True)
    assert result["SNAPSHOT_ID"] == 1728853044
    assert any(isolated_cache.iterdir())


def test_offline_latest_says_it_is_the_newest_cached(
    run_alg, kursk_server, tmp_path, isolated_cache
):
    """Offline, the latest is the newest cached map, which the cached list knows to be old:
    the log said it was fetching the latest and gave a month-old map without a word."""
    import json
    from datetime import datetime, timezone

    from fltest.feedback import RecordingFeedback

    download(run_alg, kursk_server, tmp_path, DATE="2024-11-01")  # the list and that map
    kursk_server.stop()
    fetched = json.loads((isolated_cache / "deepstate_updates.json").read_bytes())["fetched"]
    when = datetime.fromtimestamp(fetched, tz=timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    feedback = RecordingFeedback()
    result = run_alg(ALG, {"OFFLINE": True, "OUTPUT": str(tmp_path / "d.gpkg")}, feedback=feedback)
    assert result["SNAPSHOT_ID"] == 1730495471
    assert "Fetching the latest DeepState map" not in feedback.infos
    assert feedback.infos[:2] == [
        "Offline: reading the newest DeepState map in the cache",
        "offline: the map given as the latest is the newest in the cache, from 2024-11-01; the "
        f"update list cached at {when} knows later maps (the newest from 2024-12-01)",
    ]


def test_offline_a_day_before_the_cached_maps_is_not_called_unpublished(
    run_alg, kursk_server, tmp_path
):
    download(run_alg, kursk_server, tmp_path)  # only the latest map, 2024-12-01; no list
    kursk_server.stop()
    with pytest.raises(QgsProcessingException) as info:
        download(run_alg, kursk_server, tmp_path, DATE="2024-11-01", OFFLINE=True)
    assert str(info.value) == (
        "offline: no map made on or before 2024-11-01 is in the cache (the oldest cached is "
        "from 2024-12-01; no update list is cached)"
    )


def test_an_id_past_the_integer_range_is_refused_not_read_as_latest(
    run_alg, kursk_server, tmp_path
):
    with pytest.raises(QgsProcessingException, match="SNAPSHOT_ID"):
        download(run_alg, kursk_server, tmp_path, SNAPSHOT_ID=15_000_000_000, OFFLINE=True)


def test_offline_without_cache_names_the_map(run_alg, kursk_server, tmp_path):
    with pytest.raises(QgsProcessingException, match="1728853044"):
        download(run_alg, kursk_server, tmp_path, SNAPSHOT_ID=1728853044, OFFLINE=True)


def test_server_error_is_a_clear_message(run_alg, kursk_server, kursk_site, tmp_path):
    with pytest.raises(QgsProcessingException, match="404"):
        download(run_alg, kursk_server, tmp_path, SNAPSHOT_ID=1234567890)


def test_bad_date_names_the_parameter(run_alg, kursk_server, tmp_path):
    with pytest.raises(QgsProcessingException, match="DATE"):
        download(run_alg, kursk_server, tmp_path, DATE="1 November")


def test_base_url_without_a_scheme_names_the_parameter(run_alg, tmp_path):
    with pytest.raises(QgsProcessingException) as info:
        run_alg(
            ALG,
            {"BASE_URL": "deepstatemap.live", "SNAPSHOT_ID": 1, "OUTPUT": str(tmp_path / "d.gpkg")},
        )
    assert str(info.value).startswith(
        "BASE_URL: the DeepState address must start with http:// or https://"
    )


def test_a_cache_folder_that_is_a_file_is_a_message(run_alg, tmp_path, isolated_cache):
    """Offline the cache is all there is: an error naming the folder."""
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    QgsSettings().setValue(SETTING_CACHE_DIR, str(blocker))  # isolated_cache removes it
    with pytest.raises(QgsProcessingException) as info:
        run_alg(
            ALG,
            {"OFFLINE": True, "SNAPSHOT_ID": 1, "OUTPUT": str(tmp_path / "d.gpkg")},
        )
    assert str(info.value).startswith(f"DeepState cache folder {blocker} cannot be made: ")


def test_online_a_cache_folder_that_cannot_be_made_is_said_and_the_map_loads(
    run_alg, tmp_path, isolated_cache, kursk_server
):
    """It stopped the download; a read-only folder only kept the map out of the cache."""
    from fltest.feedback import RecordingFeedback
    from fltest.layers import output_layer

    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    QgsSettings().setValue(SETTING_CACHE_DIR, str(blocker))  # isolated_cache removes it
    feedback = RecordingFeedback()
    result = run_alg(
        ALG,
        {
            "BASE_URL": kursk_server.base_url,
            "DATE": "2024-11-01",
            "CLASSES": [4],
            "OUTPUT": str(tmp_path / "d.gpkg"),
        },
        feedback=feedback,
    )
    assert output_layer(result["OUTPUT"]).featureCount() > 0
    (note,) = [line for line in feedback.infos if "cache folder" in line]
    assert note.startswith(f"DeepState cache folder {blocker} cannot be made: ")
    assert note.endswith("; maps are not cached")


def test_not_a_deepstate_file(run_alg, tmp_path):
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "Feature"}', encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="bad.geojson|FeatureCollection"):
        run_alg(ALG, {"SOURCE_FILE": str(bad), "OUTPUT": str(tmp_path / "o.gpkg")})


def test_a_geojson_that_is_no_deepstate_map_is_refused(run_alg, tmp_path):
    """DeepState's dissolved occupied area (no fill colours) is a FeatureCollection, but no
    raw map: it is refused, not loaded as an empty layer."""
    dissolved = data.OCCUPIED_DISSOLVED_DIR / "deepstatemap_data_20241101.geojson"
    with pytest.raises(QgsProcessingException) as info:
        run_alg(ALG, {"SOURCE_FILE": str(dissolved), "OUTPUT": str(tmp_path / "o.gpkg")})
    message = str(info.value)
    assert message.startswith("No DeepState area or marker among its 1 feature(s) (1 ")
    assert message.endswith("): not a raw DeepState map, or DeepState has changed its colours.")
    assert not (tmp_path / "o.gpkg").exists()


def test_loaded_layer_gets_categorized_deepstate_style(
    frontline_plugin, tmp_path, qgis_new_project
):
    from qgis import processing

    result = processing.runAndLoadResults(
        ALG,
        {
            "SOURCE_FILE": str(data.raw_map("20241101")),
            "OUTPUT": str(tmp_path / "styled.gpkg"),
        },
    )
    layers = [
        layer
        for layer in QgsProject.instance().mapLayers().values()
        if layer.source().startswith(str(tmp_path / "styled.gpkg"))
    ]
    assert result["SNAPSHOT_ID"] == 1730495471
    assert len(layers) == 1
    renderer = layers[0].renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer)
    assert renderer.classAttribute() == "class"
    colours = {c.value(): c.symbol().color().name() for c in renderer.categories()}
    assert colours["occupied"] == "#a52714"
    assert colours["ua_held_in_russia"] == "#01579b"


def test_a_retry_is_told_in_the_log(run_alg, tmp_path, kursk_site, kursk_server):
    """Retries and waits went to Python's log only: a run seemed to hang for minutes."""
    from fltest.feedback import RecordingFeedback

    kursk_site.fail("geojson", Failure.error(503, "0"))
    feedback = RecordingFeedback()
    run_alg(
        ALG,
        {
            "BASE_URL": kursk_server.base_url,
            "DATE": "2024-11-01",
            "OUTPUT": str(tmp_path / "a.gpkg"),
        },
        feedback=feedback,
    )
    (retry,) = [line for line in feedback.infos if "trying again" in line]
    assert retry.startswith("DeepState map 1730495471: HTTP 503 ")
    assert retry.endswith("; trying again in 0 s")
