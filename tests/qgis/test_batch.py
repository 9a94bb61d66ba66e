"""Batch processing: Processing's own batch dialog runs deepstatesnapshot over several dates."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QEvent

from fltest import data
from fltest.deepstate_server import DeepStateSite, FakeDeepStateServer
from fltest.layers import output_layer
from fltest.qt import wait_until

DAYS = {"2024-10-13": 1728853044, "2024-11-01": 1730495471, "2024-12-01": 1733089579}


@pytest.fixture()
def kursk_server():
    site = DeepStateSite([data.raw_map(day) for day in ("20241013", "20241101", "20241201")])
    with FakeDeepStateServer(site) as server:
        yield server, site


def test_batch_dialog_loads_several_dates(frontline_plugin, qgis_iface, kursk_server, tmp_path):
    from processing.gui.BatchAlgorithmDialog import BatchAlgorithmDialog
    from processing.tools import dataobjects

    server, site = kursk_server
    algorithm = QgsApplication.processingRegistry().algorithmById("frontline:deepstatesnapshot")
    dialog = BatchAlgorithmDialog(algorithm.create(), parent=qgis_iface.mainWindow())
    panel = dialog.mainWidget()
    panel.checkLoadLayersOnCompletion.setChecked(False)
    panel.addRow(len(DAYS) - panel.batchRowCount())
    context = dataobjects.createContext()
    columns = panel.parameter_to_column
    outputs = {}
    for row, day in enumerate(DAYS):
        panel.wrappers[row][columns["DATE"]].setParameterValue(day, context)
        panel.wrappers[row][columns["CLASSES"]].setParameterValue([4], context)
        panel.wrappers[row][columns["BASE_URL"]].setParameterValue(server.base_url, context)
        outputs[day] = tmp_path / f"kursk_{day}.gpkg"
        panel.tblParameters.cellWidget(row + 1, columns["OUTPUT"]).setValue(str(outputs[day]))
    dialog.runAlgorithm()
    for day, snapshot_id in DAYS.items():
        features = list(output_layer(outputs[day]).getFeatures())
        assert {f["snapshot_id"] for f in features} == {snapshot_id}
        official = data.history_record(snapshot_id)["occupiedInRussia"]
        assert sum(f["area_km2"] for f in features) == pytest.approx(official, rel=0.005)
    fetched = [p for p in site.paths_requested() if p.endswith("/geojson")]
    assert len(fetched) == len(DAYS)
    dialog.close()
    assert Path(outputs["2024-11-01"]).is_file()
    close_for_good(dialog)


def close_for_good(dialog) -> None:
    """Delete the dialog now. Its feedback's signal holds the batch's progress task, which
    ends only when deleted: left running, it kept QGIS's exit waiting for ever."""
    dialog.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    gc.collect()
    wait_until(lambda: QgsApplication.taskManager().countActiveTasks() == 0, 10.0)
    assert QgsApplication.taskManager().countActiveTasks() == 0
