"""Frontline's algorithms as steps of graphical models, run in QGIS and through qgis_process."""

from __future__ import annotations

import pytest
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


@pytest.fixture()
def exposure_inputs(tmp_path):
    _, lat = geod_offset(30.5, 50.0, 0.0, 3000.0)
    routes = write_gpkg(memory_layer([LineString([(30.4, lat), (30.6, lat)])]), tmp_path / "r.gpkg")
    hostile = write_gpkg(memory_layer([box(30.0, 49.0, 31.0, 50.0)]), tmp_path / "h.gpkg")
    return {"ROUTES": routes, "HOSTILE": hostile}


CASES = {
    "routeexposure": (["ROUTES", "HOSTILE"], ["OUTPUT"], {"RANGES": "5000,10000"}),
    "deepstatesnapshot": (["SOURCE_FILE"], ["OUTPUT"], {"CLASSES": [4]}),
}


def model_inputs(algorithm: str, exposure_inputs) -> dict:
    if algorithm == "deepstatesnapshot":
        return {"SOURCE_FILE": str(data.raw_map("20241101"))}
    return dict(exposure_inputs)


def check_output(algorithm: str, layer) -> None:
    features = list(layer.getFeatures())
    if algorithm == "deepstatesnapshot":
        assert sum(f["area_km2"] for f in features) == pytest.approx(627.53, abs=0.05)
    else:
        assert features[0]["distance_m"] == pytest.approx(3000.0, rel=0.005)


@pytest.mark.parametrize("algorithm", sorted(CASES))
def test_algorithm_runs_as_a_model_step(frontline_plugin, tmp_path, exposure_inputs, algorithm):
    exposed, outputs, fixed = CASES[algorithm]
    model = one_step_model(f"frontline:{algorithm}", exposed, outputs, fixed)
    ok, errors = model.validate()
    assert ok, errors
    parameters = model_inputs(algorithm, exposure_inputs)
    parameters["step:OUTPUT"] = str(tmp_path / "model_out.gpkg")
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    result = processing.run(model, parameters, context=context, feedback=QgsProcessingFeedback())
    check_output(algorithm, output_layer(result["step:OUTPUT"]))


@pytest.mark.parametrize("algorithm", sorted(CASES))
def test_saved_model_runs_in_qgis_process(frontline_plugin, tmp_path, exposure_inputs, algorithm):
    exposed, outputs, fixed = CASES[algorithm]
    model = one_step_model(f"frontline:{algorithm}", exposed, outputs, fixed)
    model_file = tmp_path / f"{algorithm}.model3"
    assert model.toFile(str(model_file))
    profile = tmp_path / "profile"
    qgisproc.enable_plugin(profile)
    parameters = model_inputs(algorithm, exposure_inputs)
    parameters["step:OUTPUT"] = tmp_path / "cli_out.gpkg"
    answer = qgisproc.run(str(model_file), parameters, profile)
    check_output(algorithm, output_layer(answer["results"]["step:OUTPUT"]))
