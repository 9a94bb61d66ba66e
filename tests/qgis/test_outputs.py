"""Outputs that cannot be written as given are refused before anything is written, however
the algorithm is run: the Processing dialog and processing.run ask checkParameterValues,
batch runs and models only run the algorithm (prepareAlgorithm)."""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import (
    QgsProcessingException,
    QgsProcessingFeedback,
)
from shapely.geometry import LineString, box

from fltest import data
from fltest.layers import memory_layer, output_layer
from fltest.models import run_as_batch

SNAPSHOT = "frontline:deepstatesnapshot"
SERIES = "frontline:deepstateseries"
KURSK_MAP = str(data.raw_map("20241101"))


def snapshot(tmp_path, **outputs) -> dict:
    return {"SOURCE_FILE": KURSK_MAP, "CLASSES": [4], **outputs}


@pytest.fixture()
def earlier_map(run_alg, tmp_path):
    """A map written by an earlier run, and its bytes."""
    path = tmp_path / "map.gpkg"
    run_alg(SNAPSHOT, snapshot(tmp_path, OUTPUT=str(path)))
    return path, path.read_bytes()


@pytest.mark.parametrize(
    "points",
    [
        "{missing}/points.gpkg",
        "ogr:dbname='{missing}/points.gpkg' table=\"points\" (geom)",  # "Save to GeoPackage"
    ],
)
def test_an_output_in_a_missing_folder_keeps_the_earlier_run_in_a_batch(
    frontline_plugin, earlier_map, tmp_path, points
):
    """A batch run (or a model's step) never asks checkParameterValues: the points' folder
    was found missing only after the polygons had replaced the earlier map's. The dialog's
    "Save to GeoPackage" gives an ogr: URI, which was not checked at all."""
    path, kept = earlier_map
    missing = tmp_path / "nowhere"
    results, ok = run_as_batch(
        SNAPSHOT,
        snapshot(tmp_path, OUTPUT=str(path), OUTPUT_POINTS=points.format(missing=missing)),
    )
    assert not ok and results == {}
    assert path.read_bytes() == kept


def test_two_outputs_in_one_file_are_refused(run_alg, tmp_path):
    """OUTPUT and OUTPUT_POINTS both both.gpkg: the run said it succeeded, and the file held
    the points only (the 92 polygons of the map were lost)."""
    both = tmp_path / "both.gpkg"
    with pytest.raises(QgsProcessingException) as info:
        run_alg(SNAPSHOT, snapshot(tmp_path, OUTPUT=str(both), OUTPUT_POINTS=str(both)))
    assert str(info.value).endswith(
        f"\nOUTPUT and OUTPUT_POINTS name the same file {both}: give each its own file, or "
        "its own layer of one GeoPackage."
    )
    assert not both.exists()


def test_two_layers_of_one_geopackage_are_fine(run_alg, tmp_path):
    both = tmp_path / "both.gpkg"
    uri = "ogr:dbname='{}' table=\"{}\" (geom)"
    result = run_alg(
        SNAPSHOT,
        snapshot(
            tmp_path,
            OUTPUT=uri.format(both, "areas"),
            OUTPUT_POINTS=uri.format(both, "points"),
        ),
    )
    areas = output_layer(result["OUTPUT"])
    assert areas.featureCount() > 0
    assert output_layer(result["OUTPUT_POINTS"]).featureCount() > 0
    assert areas.featureCount() == output_layer(f"{both}|layername=areas").featureCount()


def layer_uri(path: Path, table: str) -> str:
    """A layer of a GeoPackage as the dialog's "Save to GeoPackage" names it."""
    return f"ogr:dbname='{path}' table=\"{table}\" (geom)"


def exposure(tmp_path, **outputs) -> dict:
    """A road 3 km north of hostile ground, in lon/lat."""
    road = LineString([(30.4, 50.03), (30.6, 50.03)])
    hostile = box(30.0, 49.0, 31.0, 50.0)
    return {"ROUTES": memory_layer([road]), "HOSTILE": memory_layer([hostile]), **outputs}


@pytest.fixture()
def earlier_geopackage(run_alg, tmp_path):
    """A GeoPackage holding a layer an earlier run wrote, and its bytes."""
    path = tmp_path / "one.gpkg"
    run_alg(SNAPSHOT, snapshot(tmp_path, OUTPUT=layer_uri(path, "earlier")))
    return path, path.read_bytes()


def a_day_of_series(tmp_path, **outputs) -> dict:
    return series(tmp_path, "2024-11-01", **outputs)


# (algorithm, its inputs, the output given a layer of the file, the one given the file)
ONE_FILE_TWICE = {
    "snapshot": (SNAPSHOT, snapshot, "OUTPUT", "OUTPUT_POINTS"),
    "snapshot-file-first": (SNAPSHOT, snapshot, "OUTPUT_POINTS", "OUTPUT"),
    "exposure": ("frontline:routeexposure", exposure, "OUTPUT", "OUTPUT_SUMMARY"),
    "series-table": (SERIES, a_day_of_series, "OUTPUT", "OUTPUT_TABLE"),
    "series-chart": (SERIES, a_day_of_series, "OUTPUT", "OUTPUT_HTML"),
}


@pytest.mark.parametrize("case", ONE_FILE_TWICE.values(), ids=ONE_FILE_TWICE)
def test_a_layer_and_the_whole_file_of_one_geopackage_are_refused(
    run_alg, earlier_geopackage, tmp_path, case
):
    """One output a layer of one.gpkg ("Save to GeoPackage"), another one.gpkg itself: the
    run said both were written, but writing the whole file had deleted the layer, and the
    earlier run's layer with it."""
    algorithm, inputs, layer, whole = case
    path, kept = earlier_geopackage
    with pytest.raises(QgsProcessingException) as info:
        run_alg(algorithm, inputs(tmp_path, **{layer: layer_uri(path, "new"), whole: str(path)}))
    assert str(info.value).endswith(
        f"\n{whole} replaces the whole file {path}, deleting the layer {layer} writes in it: "
        "give each its own file, or each its own layer of one GeoPackage."
    )
    assert path.read_bytes() == kept


def test_a_layer_and_the_whole_file_of_one_geopackage_are_refused_in_a_batch(
    frontline_plugin, earlier_geopackage, tmp_path
):
    path, kept = earlier_geopackage
    parameters = snapshot(tmp_path, OUTPUT=layer_uri(path, "new"), OUTPUT_POINTS=str(path))
    assert run_as_batch(SNAPSHOT, parameters) == ({}, False)
    assert path.read_bytes() == kept


def test_one_layer_named_twice_in_another_case_is_refused(run_alg, earlier_geopackage, tmp_path):
    """GeoPackage layer names ignore ASCII case: "AREAS" would replace "areas"."""
    path, kept = earlier_geopackage
    outputs = {"OUTPUT": layer_uri(path, "areas"), "OUTPUT_POINTS": layer_uri(path, "AREAS")}
    with pytest.raises(QgsProcessingException) as info:
        run_alg(SNAPSHOT, snapshot(tmp_path, **outputs))
    assert f"\nOUTPUT and OUTPUT_POINTS name the same file {path}: " in str(info.value)
    assert path.read_bytes() == kept


def test_one_file_named_through_a_symlinked_folder_is_refused(run_alg, earlier_map, tmp_path):
    """The map as map.gpkg and as link/map.gpkg, link a symlink to its folder."""
    path, kept = earlier_map
    (tmp_path / "link").symlink_to(tmp_path, target_is_directory=True)
    other_name = tmp_path / "link" / path.name
    with pytest.raises(QgsProcessingException) as info:
        run_alg(SNAPSHOT, snapshot(tmp_path, OUTPUT=str(path), OUTPUT_POINTS=str(other_name)))
    assert f"\nOUTPUT and OUTPUT_POINTS name the same file {other_name}: " in str(info.value)
    assert path.read_bytes() == kept


def test_a_shapefile_and_a_table_named_as_its_dbf_are_refused(run_alg, tmp_path):
    """Stretches to routes.shp, the summary to routes.dbf: the summary replaced the
    stretches' attribute table."""
    shp, dbf = tmp_path / "routes.shp", tmp_path / "routes.dbf"
    with pytest.raises(QgsProcessingException) as info:
        run_alg(
            "frontline:routeexposure", exposure(tmp_path, OUTPUT=str(shp), OUTPUT_SUMMARY=str(dbf))
        )
    assert f"\nOUTPUT and OUTPUT_SUMMARY name the same file {dbf}: " in str(info.value)
    assert not shp.exists() and not dbf.exists()


def test_an_output_that_is_a_folder_is_refused_before_anything_is_written(run_alg, tmp_path):
    """A series whose OUTPUT_HTML was a folder failed once OUTPUT and OUTPUT_TABLE were
    written."""
    folder = tmp_path / "chart"
    folder.mkdir()
    with pytest.raises(QgsProcessingException) as info:
        run_alg(
            "frontline:deepstateseries",
            {
                "SOURCE_FOLDER": str(data.RAW_DIR),
                "DATE_FROM": "2024-11-01",
                "DATE_TO": "2024-11-01",
                "OUTPUT": str(tmp_path / "s.gpkg"),
                "OUTPUT_TABLE": str(tmp_path / "t.csv"),
                "OUTPUT_HTML": str(folder),
            },
        )
    assert str(info.value).endswith(f"\nOUTPUT_HTML: {folder} is a folder, not a file.")
    assert not (tmp_path / "s.gpkg").exists() and not (tmp_path / "t.csv").exists()


@pytest.mark.parametrize("name", [" lead", "Ліхтар і вітер"])
def test_folders_with_a_leading_space_or_cyrillic_names_are_fine(run_alg, tmp_path, name):
    folder = tmp_path / name
    folder.mkdir()
    result = run_alg(SNAPSHOT, snapshot(tmp_path, OUTPUT=str(folder / "map.gpkg")))
    assert output_layer(result["OUTPUT"]).featureCount() > 0


def test_gdal_virtual_files_are_not_checked_as_folders(run_alg, tmp_path):
    result = run_alg(SNAPSHOT, snapshot(tmp_path, OUTPUT="/vsimem/frontline_map.gpkg"))
    assert result["OUTPUT"] == "/vsimem/frontline_map.gpkg"


class CancelAt(QgsProcessingFeedback):
    """Cancels itself once the progress reaches ``percent``."""

    def __init__(self, percent: float):
        super().__init__()
        self.percent = percent

    def setProgress(self, progress: float) -> None:
        super().setProgress(progress)
        if progress >= self.percent:
            self.cancel()


def test_a_series_cancelled_while_reading_keeps_the_earlier_run(run_alg, tmp_path):
    """The series layer was written map by map as the maps were read: cancelled half way,
    the earlier run's layer was replaced by the first maps only."""
    parameters = {
        "SOURCE_FOLDER": str(data.RAW_DIR),
        "DATE_FROM": "2024-10-01",
        "DATE_TO": "2024-12-31",
        "CLASSES": [4],
        "OUTPUT": str(tmp_path / "series.gpkg"),
        "OUTPUT_TABLE": str(tmp_path / "table.csv"),
    }
    run_alg("frontline:deepstateseries", parameters)
    kept = [(tmp_path / name).read_bytes() for name in ("series.gpkg", "table.csv")]
    assert run_alg("frontline:deepstateseries", parameters, feedback=CancelAt(40)) == {}
    assert [(tmp_path / name).read_bytes() for name in ("series.gpkg", "table.csv")] == kept


def test_a_snapshot_cancelled_while_writing_writes_it_whole(run_alg, tmp_path):
    """Cancelled at 60 % (while its polygons were written), a snapshot left 38 of a map's 92
    polygons where the earlier run's map had been. Writing takes a moment: once begun, the
    outputs are written whole."""
    whole = run_alg(SNAPSHOT, snapshot(tmp_path, OUTPUT=str(tmp_path / "whole.gpkg")))
    late = run_alg(
        SNAPSHOT, snapshot(tmp_path, OUTPUT=str(tmp_path / "late.gpkg")), feedback=CancelAt(60)
    )
    count = output_layer(whole["OUTPUT"]).featureCount()
    assert count > 1 and output_layer(late["OUTPUT"]).featureCount() == count


# /proc takes no new file, not even from root (who passes permission bits); /proc/version
# stands for a file another program holds locked: it will not open for writing.
needs_proc = pytest.mark.skipif(not Path("/proc/version").is_file(), reason="needs Linux's /proc")


def series(tmp_path, day: str, **outputs) -> dict:
    return {
        "SOURCE_FOLDER": str(data.RAW_DIR),
        "DATE_FROM": day,
        "DATE_TO": day,
        "CLASSES": [4],
        "OUTPUT": str(tmp_path / "series.gpkg"),
        "OUTPUT_TABLE": str(tmp_path / "table.csv"),
        "OUTPUT_HTML": str(tmp_path / "chart.html"),
        **outputs,
    }


@needs_proc
def test_a_series_whose_table_cannot_be_written_keeps_the_earlier_run(run_alg, tmp_path):
    """OUTPUT_TABLE in a folder that takes no file: the run failed on it, but only once the
    chart and the series layer had replaced the earlier run's."""
    run_alg("frontline:deepstateseries", series(tmp_path, "2024-11-01"))
    kept = {name: (tmp_path / name).read_bytes() for name in ("series.gpkg", "chart.html")}
    with pytest.raises(QgsProcessingException) as info:
        run_alg(
            "frontline:deepstateseries",
            series(tmp_path, "2024-12-01", OUTPUT_TABLE="/proc/t.csv"),
        )
    assert {name: (tmp_path / name).read_bytes() for name in kept} == kept
    assert "\nOUTPUT_TABLE: cannot write /proc/t.csv (" in str(info.value)


@needs_proc
@pytest.mark.parametrize("run", ["processing.run", "batch"])
def test_a_snapshot_whose_points_cannot_be_written_keeps_the_earlier_map(
    run_alg, earlier_map, tmp_path, run
):
    """OUTPUT_POINTS in a folder that takes no file: the earlier map was already replaced by
    the new one when the points failed."""
    path, kept = earlier_map
    parameters = {
        "SOURCE_FILE": str(data.raw_map("20250301")),
        "CLASSES": [4],
        "OUTPUT": str(path),
        "OUTPUT_POINTS": "/proc/p.gpkg",
    }
    if run == "batch":
        assert run_as_batch(SNAPSHOT, parameters) == ({}, False)
        assert path.read_bytes() == kept
        return
    with pytest.raises(QgsProcessingException) as info:
        run_alg(SNAPSHOT, parameters)
    assert path.read_bytes() == kept
    assert "\nOUTPUT_POINTS: cannot write /proc/p.gpkg (" in str(info.value)


@needs_proc
def test_an_existing_file_that_will_not_open_for_writing_is_refused(run_alg, earlier_map, tmp_path):
    """Its folder takes new files, but the file there will not open for writing (as a table
    open in Excel on Windows): refused with the system's reason, nothing written."""
    path, kept = earlier_map
    locked = tmp_path / "points.gpkg"
    locked.symlink_to("/proc/version")
    with pytest.raises(QgsProcessingException) as info:
        run_alg(SNAPSHOT, snapshot(tmp_path, OUTPUT=str(path), OUTPUT_POINTS=str(locked)))
    assert f"\nOUTPUT_POINTS: cannot write {locked} (" in str(info.value)
    assert path.read_bytes() == kept and locked.is_symlink()


@pytest.mark.parametrize(
    ("replaced", "writable_mode", "problem"),
    [(True, False, ""), (False, False, "Permission denied"), (True, True, "Permission denied")],
    ids=["layer-file-read-only", "html-read-only", "layer-file-locked"],
)
def test_a_read_only_file_that_qgis_replaces_is_no_problem(
    tmp_path, monkeypatch, replaced, writable_mode, problem
):
    """A layer written as a whole file is deleted and written anew by QGIS: read-only by its
    mode, it was refused (as an ordinary user) though QGIS's own algorithms overwrite it. A
    page opened for writing, or a file writable by its mode that will not open (held by
    another program), is still refused."""
    from frontline.processing import destinations

    path = tmp_path / "map.gpkg"
    path.write_bytes(b"earlier run")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(destinations, "open", denied, raising=False)
    monkeypatch.setattr(destinations.os, "access", lambda *args: writable_mode)
    assert destinations.write_problem(path, replaced) == problem
    assert path.read_bytes() == b"earlier run"
