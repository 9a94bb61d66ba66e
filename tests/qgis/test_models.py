"""Frontline's algorithms as steps of graphical models, run in QGIS and through qgis_process."""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely
from qgis import processing
from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject
from shapely.geometry import LineString, box

from fltest import data
from fltest.layers import geod_offset, memory_layer, output_layer
from fltest.models import one_step_model
from frontline.tools import qgisproc


def write_gpkg(layer, path) -> str:
    from qgis.core import QgsVectorFileWriter

    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    error = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, str(path), QgsProject.instance().transformContext(), options
    )
    assert error[0] == QgsVectorFileWriter.NoError, error
    return str(path)


SAMPLE = Path(__file__).resolve().parents[2] / "sample"


@pytest.fixture()
def inputs(tmp_path) -> dict[str, str]:
    """Files the models read: routes and hostile ground, two states of a corridor, maps."""
    _, lat = geod_offset(30.5, 50.0, 0.0, 3000.0)
    lobes = shapely.union_all(
        [
            box(495_000, 5_537_500, 500_000, 5_542_500),
            box(500_000, 5_539_750, 503_000, 5_540_250),  # a 500 m wide, 3 km long corridor
            box(503_000, 5_537_500, 508_000, 5_542_500),
        ]
    )
    return {
        "ROUTES": write_gpkg(
            memory_layer([LineString([(30.4, lat), (30.6, lat)])]), tmp_path / "r.gpkg"
        ),
        "HOSTILE": write_gpkg(memory_layer([box(30.0, 49.0, 31.0, 50.0)]), tmp_path / "h.gpkg"),
        "SHAPE": write_gpkg(memory_layer([lobes], "EPSG:32636"), tmp_path / "lobes.gpkg"),
        "GROWN": write_gpkg(
            memory_layer(
                [shapely.union(lobes, box(508_000, 5_537_500, 510_000, 5_542_500))], "EPSG:32636"
            ),
            tmp_path / "grown.gpkg",
        ),
    }


CASES = {
    "routeexposure": (["ROUTES", "HOSTILE"], ["OUTPUT"], {"RANGES": "5000,10000"}),
    "deepstatesnapshot": (["SOURCE_FILE"], ["OUTPUT"], {"CLASSES": [4]}),
    "deepstateseries": (["SOURCE_FOLDER"], ["OUTPUT_TABLE"], {"CLASSES": [4]}),
    "corridorwidth": (["INPUT"], ["OUTPUT"], {}),
    "encirclement": (["HELD"], ["OUTPUT"], {}),
    "frontlinediff": (["BEFORE", "AFTER"], ["OUTPUT"], {}),
}


def model_inputs(algorithm: str, inputs: dict) -> dict:
    return {
        "deepstatesnapshot": {"SOURCE_FILE": str(data.raw_map("20241101"))},
        "deepstateseries": {"SOURCE_FOLDER": str(SAMPLE)},
        "routeexposure": {"ROUTES": inputs["ROUTES"], "HOSTILE": inputs["HOSTILE"]},
        "corridorwidth": {"INPUT": inputs["SHAPE"]},
        "encirclement": {"HELD": inputs["SHAPE"]},
        "frontlinediff": {"BEFORE": inputs["SHAPE"], "AFTER": inputs["GROWN"]},
    }[algorithm]


def check_output(algorithm: str, layer) -> None:
    features = list(layer.getFeatures())
    if algorithm == "deepstatesnapshot":
        assert sum(f["area_km2"] for f in features) == pytest.approx(627.53, abs=0.05)
    elif algorithm == "deepstateseries":
        assert [round(f["area_km2"]) for f in features] == [167, 161, 155]
    elif algorithm == "routeexposure":
        assert features[0]["distance_m"] == pytest.approx(3000.0, rel=0.005)
    elif algorithm == "corridorwidth":
        assert features[0]["width_m"] == pytest.approx(500.0, rel=0.005)
    elif algorithm == "encirclement":
        # The piece beyond the neck is a pocket; the main body (no rear given) never is.
        assert sorted(f["status"] for f in features) == ["near_encircled", "salient"]
    else:
        assert [round(f["area_km2"]) for f in features] == [10]


def output_name(algorithm: str) -> str:
    return f"step:{CASES[algorithm][1][0]}"


@pytest.mark.parametrize("algorithm", sorted(CASES))
def test_algorithm_runs_as_a_model_step(frontline_plugin, tmp_path, inputs, algorithm):
    exposed, outputs, fixed = CASES[algorithm]
    model = one_step_model(f"frontline:{algorithm}", exposed, outputs, fixed)
    ok, errors = model.validate()
    assert ok, errors
    parameters = model_inputs(algorithm, inputs)
    parameters[output_name(algorithm)] = str(tmp_path / "model_out.gpkg")
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    result = processing.run(model, parameters, context=context, feedback=QgsProcessingFeedback())
    check_output(algorithm, output_layer(result[output_name(algorithm)]))


@pytest.mark.parametrize("algorithm", sorted(CASES))
def test_saved_model_runs_in_qgis_process(frontline_plugin, tmp_path, inputs, algorithm):
    exposed, outputs, fixed = CASES[algorithm]
    model = one_step_model(f"frontline:{algorithm}", exposed, outputs, fixed)
    model_file = tmp_path / f"{algorithm}.model3"
    assert model.toFile(str(model_file))
    profile = tmp_path / "profile"
    qgisproc.enable_plugin(profile)
    parameters = model_inputs(algorithm, inputs)
    parameters[output_name(algorithm)] = tmp_path / "cli_out.gpkg"
    answer = qgisproc.run(str(model_file), parameters, profile)
    check_output(algorithm, output_layer(answer["results"][output_name(algorithm)]))


def test_shipped_example_model_runs_in_qgis_process(tmp_path):
    """models/snapshot_analysis.model3: snapshot -> corridor width + encirclement."""
    model = Path(__file__).resolve().parents[2] / "models" / "snapshot_analysis.model3"
    sample = sorted(SAMPLE.glob("frontline_sample_2*.geojson"))[0]  # the 600 m corridor
    profile = tmp_path / "profile"
    qgisproc.enable_plugin(profile)
    answer = qgisproc.run(
        str(model),
        {
            "source_file": sample,
            "side": 4,
            "snapshot:areas": tmp_path / "areas.gpkg",
            "corridors:necks": tmp_path / "necks.gpkg",
            "pockets:pieces": tmp_path / "pieces.gpkg",
            "pockets:links": tmp_path / "links.gpkg",
        },
        profile,
    )
    necks = list(output_layer(answer["results"]["corridors:necks"]).getFeatures())
    narrowest = min(necks, key=lambda f: f["width_m"])
    assert narrowest["width_m"] == pytest.approx(600.0, rel=0.01)
    pieces = list(output_layer(answer["results"]["pockets:pieces"]).getFeatures())
    assert "near_encircled" in {p["status"] for p in pieces}
