"""Without shapely >= 2 the plugin still loads, and each algorithm says what to install."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHECK = textwrap.dedent(
    """
    import json, sys, types
    {block}
    from qgis.core import QgsApplication
    app = QgsApplication([], False)
    app.initQgis()
    import frontline
    plugin = frontline.classFactory(None)
    plugin.initProcessing()
    provider = QgsApplication.processingRegistry().providerById("frontline")
    print(json.dumps({{a.id(): list(a.canExecute()) for a in provider.algorithms()}}))
    """
)
# What qgis_process and processing.run meet: prepareAlgorithm, never canExecute.
PREPARE = CHECK.replace(
    "print(json.dumps({{a.id(): list(a.canExecute()) for a in provider.algorithms()}}))",
    textwrap.dedent(
        """\
        from qgis.core import QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback
        said = {{}}
        for a in provider.algorithms():
            try:
                a.prepareAlgorithm({{}}, QgsProcessingContext(), QgsProcessingFeedback())
                said[a.id()] = [True, ""]
            except QgsProcessingException as error:
                said[a.id()] = [False, str(error)]
        print(json.dumps(said))"""
    ),
)
NO_SHAPELY = "sys.modules['shapely'] = None  # import shapely raises ImportError"
OLD_SHAPELY = "sys.modules['shapely'] = types.SimpleNamespace(__version__='1.8.5')"


def can_execute(block: str, tmp_path: Path, script: str = CHECK) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", script.format(block=block)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
        env={
            "PATH": "/usr/bin:/bin",
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": str(tmp_path),
            "QGIS_CUSTOM_CONFIG_PATH": str(tmp_path),
            "PYTHONSAFEPATH": "1",
            "PYTHONPATH": str(ROOT / ".build" / "plugins"),
        },
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("block", [NO_SHAPELY, OLD_SHAPELY], ids=["missing", "1.8"])
def test_algorithms_explain_what_to_install(tmp_path, block):
    answers = can_execute(block, tmp_path)
    assert "frontline:deepstatesnapshot" in answers and len(answers) >= 4
    for algorithm, (ok, message) in answers.items():
        assert ok is False, algorithm
        assert "shapely >= 2.0" in message and "pip install" in message, message


def test_running_without_shapely_2_is_a_processing_error_naming_what_to_install(tmp_path):
    answers = can_execute(NO_SHAPELY, tmp_path, PREPARE)
    assert len(answers) >= 4
    for algorithm, (ok, message) in answers.items():
        assert ok is False, algorithm
        assert message.startswith("Frontline needs: shapely >= 2.0"), message


def test_algorithms_can_execute_with_shapely_2(tmp_path):
    answers = can_execute("", tmp_path)
    assert all(ok for ok, _ in answers.values()), answers
