"""Numbers that are no numbers (NaN) or endless (infinity) are refused before the run, naming
the parameter, however the algorithm is run. QGIS reads "nan" and "inf" as numbers and its
range check lets NaN through (every comparison with it is false): CONTACT_TOLERANCE=nan
ended in a traceback, MAX_LINK_WIDTH=nan cut nothing, MIN_AREA=nan dropped every change."""

from __future__ import annotations

import pytest
import shapely
from qgis.core import (
    QgsProcessingException,
)
from shapely.geometry import box

from fltest.layers import memory_layer
from fltest.models import run_as_batch

# Two squares joined by a 400 m neck, in UTM zone 36N metres.
HELD = shapely.union_all(
    [
        box(400_000, 5_500_000, 410_000, 5_510_000),
        box(410_000, 5_504_800, 411_000, 5_505_200),
        box(411_000, 5_503_000, 415_000, 5_507_000),
    ]
)
AFTER = box(400_000, 5_500_000, 412_000, 5_510_000)


def layer(geometry):
    return memory_layer([geometry], "EPSG:32636")


CASES = [
    ("frontline:encirclement", {"HELD": HELD}, "CONTACT_TOLERANCE", "nan"),
    ("frontline:encirclement", {"HELD": HELD}, "FIRE_RANGE", float("nan")),
    ("frontline:encirclement", {"HELD": HELD}, "MAX_LINK_WIDTH", "nan"),
    ("frontline:frontlinediff", {"BEFORE": HELD, "AFTER": AFTER}, "MIN_AREA", "nan"),
    ("frontline:frontlinediff", {"BEFORE": HELD, "AFTER": AFTER}, "MIN_WIDTH", "inf"),
    ("frontline:corridorwidth", {"INPUT": HELD}, "MIN_LOBE_AREA", "nan"),
    ("frontline:corridorwidth", {"INPUT": HELD}, "MAX_WIDTH", float("-inf")),
]


def parameters(tmp_path, inputs: dict, name: str, value) -> dict:
    layers = {key: layer(geometry) for key, geometry in inputs.items()}
    return {**layers, name: value, "OUTPUT": str(tmp_path / "out.gpkg")}


@pytest.mark.parametrize(("algorithm", "inputs", "name", "value"), CASES)
def test_a_number_that_is_nan_or_infinite_is_refused_naming_it(
    run_alg, tmp_path, algorithm, inputs, name, value
):
    with pytest.raises(QgsProcessingException) as info:
        run_alg(algorithm, parameters(tmp_path, inputs, name, value))
    text = str(float(value))
    assert str(info.value).endswith(f"\n{name}: {text} is not a finite number.")
    assert not (tmp_path / "out.gpkg").exists()


@pytest.mark.parametrize(("algorithm", "inputs", "name", "value"), CASES[:1] + CASES[3:4])
def test_a_batch_run_refuses_nan_too(frontline_plugin, tmp_path, algorithm, inputs, name, value):
    """A batch run or a model's step does not ask checkParameterValues."""
    assert run_as_batch(algorithm, parameters(tmp_path, inputs, name, value)) == ({}, False)
    assert not (tmp_path / "out.gpkg").exists()


def test_finite_numbers_still_run(run_alg, tmp_path):
    result = run_alg(
        "frontline:frontlinediff",
        parameters(tmp_path, {"BEFORE": HELD, "AFTER": AFTER}, "MIN_AREA", "0.5"),
    )
    assert result["GAINED_KM2"] > 0
