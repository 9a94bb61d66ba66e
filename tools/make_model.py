"""Build models/snapshot_analysis.model3: DeepState snapshot -> corridor width + encirclement.

The example graphical model shipped with the plugin (and shown in the Processing Toolbox under
Frontline ▸ Models). Open it in the Model Designer to adapt it. Rebuild with:
python tools/make_model.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "models" / "snapshot_analysis.model3"


def build():
    from qgis.core import (
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterEnum,
        QgsProcessingParameterFile,
        QgsProcessingParameterNumber,
        QgsProcessingParameterString,
    )

    from frontline.core.classes import POLYGON_CLASSES

    model = QgsProcessingModelAlgorithm(
        "Snapshot corridors and pockets", "Models", "frontline_models"
    )
    model.setHelpContent(
        {
            "ALG_DESC": "Loads one DeepState map (a raw file, or the map of a date) and measures "
            "one side's ground: its narrowest necks (Corridor width) and its pockets "
            "(Detect near-encirclement, without a rear layer: the largest piece plays the rear).",
        }
    )
    inputs = [
        QgsProcessingParameterFile(
            "source_file", "Raw DeepState map on disk", extension="geojson", optional=True
        ),
        QgsProcessingParameterString(
            "date", "Date (YYYY-MM-DD; empty = latest)", "", optional=True
        ),
        QgsProcessingParameterEnum(
            "side",
            "Side",
            options=list(POLYGON_CLASSES),
            defaultValue=POLYGON_CLASSES.index("ua_held_in_russia"),
        ),
        QgsProcessingParameterNumber(
            "max_link_width",
            "Maximum link width (m)",
            QgsProcessingParameterNumber.Double,
            2000.0,
            minValue=0.0,
        ),
    ]
    for parameter in inputs:
        model.addModelParameter(parameter, QgsProcessingModelParameter(parameter.name()))

    def from_input(name):
        return [QgsProcessingModelChildParameterSource.fromModelParameter(name)]

    def static(value):
        return [QgsProcessingModelChildParameterSource.fromStaticValue(value)]

    def child(algorithm_id, child_id, sources, outputs):
        step = QgsProcessingModelChildAlgorithm(algorithm_id)
        step.setChildId(child_id)
        step.setDescription(step.algorithm().displayName())
        for name, source in sources.items():
            step.addParameterSources(name, source)
        model_outputs = {}
        for output_name, (child_output, description) in outputs.items():
            output = QgsProcessingModelOutput(output_name, description)
            output.setChildId(child_id)
            output.setChildOutputName(child_output)
            model_outputs[output_name] = output
        step.setModelOutputs(model_outputs)
        model.addChildAlgorithm(step)

    snapshot_output = [QgsProcessingModelChildParameterSource.fromChildOutput("snapshot", "OUTPUT")]
    child(
        "frontline:deepstatesnapshot",
        "snapshot",
        {
            "SOURCE_FILE": from_input("source_file"),
            "DATE": from_input("date"),
            "SNAPSHOT_ID": static(0),
            "CLASSES": from_input("side"),
            "BASE_URL": static("https://deepstatemap.live"),
            "OFFLINE": static(False),
        },
        {"areas": ("OUTPUT", "DeepState areas")},
    )
    child(
        "frontline:corridorwidth",
        "corridors",
        {
            "INPUT": snapshot_output,
            "DISSOLVE": static(True),
            "MIN_LOBE_AREA": static(1.0),
            "MAX_WIDTH": static(5000.0),
            "MAX_NECKS": static(3),
            "CORRIDOR_WIDTH": static(0.0),
        },
        {"necks": ("OUTPUT", "Necks")},
    )
    child(
        "frontline:encirclement",
        "pockets",
        {
            "HELD": snapshot_output,
            "MAX_LINK_WIDTH": from_input("max_link_width"),
            "MAX_HOSTILE_CONTACT": static(0.75),
            "CONTACT_TOLERANCE": static(100.0),
            "MIN_PIECE_AREA": static(0.5),
            "FIRE_RANGE": static(0.0),
        },
        {"pieces": ("OUTPUT", "Pieces"), "links": ("OUTPUT_LINKS", "Links")},
    )
    ok, errors = model.validate()
    if not ok:
        raise RuntimeError("; ".join(errors))
    return model


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QGIS_CUSTOM_CONFIG_PATH", tempfile.mkdtemp(prefix="frontline-model"))
    sys.path[:0] = [str(ROOT / "bench")]
    from qgis_app import start_qgis

    app = start_qgis()  # noqa: F841 - keeps QGIS alive while the model is built
    TARGET.parent.mkdir(exist_ok=True)
    if not build().toFile(str(TARGET)):
        raise RuntimeError(f"could not write {TARGET}")
    print(TARGET)
    return 0


if __name__ == "__main__":
    sys.exit(main())
