"""Frontline in Ukrainian: the .ts matches the code, and QGIS shows its translations.

The plugin is created with QGIS's interface locale set to ``uk`` (as a Ukrainian QGIS has it),
so it installs i18n/frontline_uk.qm; every expected text is the translation read from
i18n/frontline_uk.ts, never a copy of it here. The .qm is built by ``make i18n`` (which
``make test-qgis`` runs first) or ``python tools/i18n.py compile``. After each test the plugin
is unloaded, which removes its translator, and the locale setting is restored: the other tests
see English.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsProcessingException, QgsProject, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QEvent

import frontline
from fltest import data
from fltest.deepstate_server import DeepStateSite, FakeDeepStateServer, refused_url
from fltest.qt import wait_until
from frontline.core.deepstate import snapshot_time
from frontline.processing.deepstate_access import SETTING_BASE_URL
from frontline.processing.provider import algorithm_classes
from frontline.processing.styles import class_labels
from frontline.ui.present import SIDES, map_time

REPO_ROOT = Path(__file__).resolve().parents[2]
LOCALE_KEY = "locale/userLocale"
CODE = "Frontline"  # context of every tr() in the Python code
FORM = "FrontlinePanel"  # context of ui/dock.ui (its form class)
KURSK_DAYS = ("20241013", "20241101", "20241201")


def i18n_tool():
    """tools/i18n.py as a module (tools/ is not a package, and not on sys.path)."""
    spec = importlib.util.spec_from_file_location(
        "frontline_tools_i18n", REPO_ROOT / "tools" / "i18n.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TOOL = i18n_tool()
TS = TOOL.read_ts(TOOL.ts_path("uk"))
QM = TOOL.ts_path("uk").with_suffix(".qm")


def uk(source: str, context: str = CODE) -> str:
    """The Ukrainian translation of ``source`` in the .ts; it must exist and differ from it."""
    assert (context, source) in TS, f"not in the .ts: {context}: {source!r}"
    translation = TS[(context, source)]
    assert translation, f"untranslated: {context}: {source!r}"
    assert translation != source, f"translation is the English text: {source!r}"
    return translation


def map_subject(snapshot_id: int) -> str:
    return uk("DeepState map {snapshot_id}").format(snapshot_id=snapshot_id)


def english_again() -> None:
    """No Frontline translator is left installed."""
    for context, source in ((CODE, "Load a map first."), (FORM, "Load"), (CODE, "Corridor width")):
        assert QCoreApplication.translate(context, source) == source


# ---------------------------------------------------------------------------------------------
# Fixtures


@pytest.fixture()
def ukrainian_plugin(iface, qgis_processing, qgis_new_project) -> Iterator[object]:
    """The plugin as a QGIS set to Ukrainian loads it; unloaded (translator removed) after."""
    assert QM.is_file(), f"{QM} is missing: run `make i18n` (python tools/i18n.py compile)"
    assert QM.stat().st_mtime >= TOOL.ts_path("uk").stat().st_mtime, f"{QM} is older than the .ts"
    settings = QgsSettings()
    had_locale = settings.contains(LOCALE_KEY)
    previous = settings.value(LOCALE_KEY)
    settings.setValue(LOCALE_KEY, "uk")
    plugin = None
    try:
        plugin = frontline.classFactory(iface)
        assert plugin.translator is not None, "the Ukrainian translator was not installed"
        plugin.initGui()
        yield plugin
    finally:
        if plugin is not None:
            plugin.unload()
        if had_locale:
            settings.setValue(LOCALE_KEY, previous)
        else:
            settings.remove(LOCALE_KEY)
        settings.remove(SETTING_BASE_URL)
        QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
        QgsProject.instance().removeAllMapLayers()
        QgsProject.instance().layerTreeRoot().removeAllChildren()
    assert plugin.translator is None
    english_again()


@pytest.fixture()
def server() -> Iterator[FakeDeepStateServer]:
    with FakeDeepStateServer(DeepStateSite([data.raw_map(day) for day in KURSK_DAYS])) as running:
        yield running


def run(algorithm_id: str, parameters: dict) -> dict:
    from qgis import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    return processing.run(
        algorithm_id, parameters, context=context, feedback=QgsProcessingFeedback()
    )


# ---------------------------------------------------------------------------------------------
# The .ts against the code


def test_every_string_in_the_code_is_translated():
    assert TOOL.problems("uk") == []


def test_translations_keep_placeholders_and_markup():
    """A translation that drops a {} or a tag breaks .format() or the help page at run time.
    Named fields ({what}) may come in another order, as the language wants; {} may not."""
    import re

    for (context, source), translation in TS.items():
        for pattern in (r"\{[^{}]*\}", r"<[^>]+>", r"<pre>.*?</pre>", r"<code>.*?</code>"):
            found, expected = re.findall(pattern, translation), re.findall(pattern, source)
            if pattern.startswith(r"\{") and "{}" not in expected:
                found, expected = sorted(found), sorted(expected)
            assert found == expected, (context, source[:60], pattern)


# ---------------------------------------------------------------------------------------------
# QGIS in Ukrainian


def test_processing_speaks_ukrainian(ukrainian_plugin):
    provider = ukrainian_plugin.provider
    assert provider.name() == "Frontline"
    assert provider.longName() == uk("Frontline: measure war maps")
    registry = QgsApplication.processingRegistry()
    algorithms = [a for a in registry.algorithms() if a.provider().id() == "frontline"]
    assert len(algorithms) == len(algorithm_classes()) >= 6  # corridor width, encirclement too
    for algorithm in algorithms:
        assert algorithm.displayName() == uk(type(algorithm).DISPLAY_NAME), algorithm.id()
        group = "DeepState data" if algorithm.groupId() == "deepstate" else "Analysis"
        assert algorithm.group() == uk(group)
        help_text = algorithm.shortHelpString()
        assert help_text in TS.values() and help_text not in {s for _, s in TS}, algorithm.id()
    snapshot = registry.algorithmById("frontline:deepstatesnapshot")
    assert snapshot.parameterDefinition("DATE").description() == uk(
        "Date (YYYY-MM-DD, Kyiv time; empty = latest)"
    )


def test_processing_errors_are_ukrainian_with_the_value_filled_in(
    ukrainian_plugin, server, tmp_path
):
    with pytest.raises(QgsProcessingException) as bad_date:
        run(
            "frontline:deepstatesnapshot",
            {"DATE": "1 November", "BASE_URL": server.base_url, "OUTPUT": str(tmp_path / "a.gpkg")},
        )
    expected = uk("DATE: '{}' is not a date in the form YYYY-MM-DD.").format("1 November")
    assert str(bad_date.value) == expected

    empty = tmp_path / "no maps here"
    empty.mkdir()
    with pytest.raises(QgsProcessingException) as no_maps:
        run(
            "frontline:deepstateseries",
            {
                "SOURCE_FOLDER": str(empty),
                "OUTPUT": str(tmp_path / "s.gpkg"),
                "OUTPUT_TABLE": str(tmp_path / "t.csv"),
            },
        )
    expected = uk(
        "SOURCE_FOLDER: no DeepState maps (.geojson files with the map id in their name) in {}."
    ).format(empty)
    assert str(no_maps.value) == expected


def test_deepstate_errors_from_the_core_are_ukrainian(ukrainian_plugin, server, tmp_path):
    """The core's English-only errors reach the user in Ukrainian: the template, the map it
    names and the reason are translated; the id, time, status and URL are filled in."""
    snapshot_id = server.site.ids[0]
    with pytest.raises(QgsProcessingException) as offline:  # each test has an empty cache
        run(
            "frontline:deepstatesnapshot",
            {"SNAPSHOT_ID": snapshot_id, "OFFLINE": True, "OUTPUT": str(tmp_path / "a.gpkg")},
        )
    expected = uk(
        "{what} ({time:%Y-%m-%d %H:%M} UTC) is not in the cache and the client is offline"
    ).format(what=map_subject(snapshot_id), time=snapshot_time(snapshot_id))
    assert str(offline.value) == expected

    with pytest.raises(QgsProcessingException) as not_found:
        run(
            "frontline:deepstatesnapshot",
            {"SNAPSHOT_ID": 123, "BASE_URL": server.base_url, "OUTPUT": str(tmp_path / "b.gpkg")},
        )
    expected = uk("{what}: HTTP {status} {reason} ({url})").format(
        what=map_subject(123),
        status=404,
        reason="Not Found",
        url=f"{server.base_url}/api/history/123/geojson",
    )
    assert str(not_found.value) == expected


def test_why_features_are_left_out_is_ukrainian(ukrainian_plugin, tmp_path):
    """A file of a line and a polygon without a fill is no map: the reasons are the core's,
    translated ("1 LineString geometry" and "unknown fill None" were English)."""
    line = {"type": "LineString", "coordinates": [[35.0, 51.0], [35.1, 51.1]]}
    square = [[[35.0, 51.0], [35.1, 51.0], [35.1, 51.1], [35.0, 51.0]]]
    features = [
        {"type": "Feature", "properties": {}, "geometry": line},
        {
            "type": "Feature",
            "properties": {},
            "geometry": {"type": "Polygon", "coordinates": square},
        },
    ]
    path = tmp_path / "deepstate_1730495471.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    with pytest.raises(QgsProcessingException) as refused:
        run(
            "frontline:deepstatesnapshot",
            {"SOURCE_FILE": str(path), "OUTPUT": str(tmp_path / "a.gpkg")},
        )
    reasons = "; ".join(
        [
            f"1 {uk('{kind} geometry').format(kind='LineString')}",
            f"1 {uk('polygon without a fill')}",
        ]
    )
    template = (
        "No DeepState area or marker among its {} feature(s) ({}): not a raw "
        "DeepState map, or DeepState has changed its colours."
    )
    assert str(refused.value) == uk(template).format(2, reasons)


def test_series_chart_page_is_ukrainian(ukrainian_plugin, tmp_path):
    """The HTML page of a series was English but for its title: its language, headings,
    chart labels and table head are now translated, and numbers grouped with a thin space."""
    run(
        "frontline:deepstateseries",
        {
            "SOURCE_FOLDER": str(data.RAW_DIR),
            "DATE_FROM": "2024-11-01",
            "DATE_TO": "2024-11-01",
            "CLASSES": [4],  # ua_held_in_russia
            "OUTPUT": str(tmp_path / "s.gpkg"),
            "OUTPUT_TABLE": str(tmp_path / "t.csv"),
            "OUTPUT_HTML": str(tmp_path / "chart.html"),
        },
    )
    page = (tmp_path / "chart.html").read_text(encoding="utf-8")
    assert f'<html lang="{uk("en")}">' in page
    heading = uk("{name}: area (km²)").format(name=uk("Ukrainian-held in Russia"))
    assert f"<h2>{heading}</h2>" in page
    head = "".join(f"<th>{uk(word)}</th>" for word in ("snapshot time", "class", "area km²"))
    assert head in page
    assert "area" not in page and "<td>627.5</td>" in page  # 627.5 km² that day


def test_dock_says_in_ukrainian_why_deepstate_is_unreachable(ukrainian_plugin):
    base_url = refused_url()
    QgsSettings().setValue(SETTING_BASE_URL, base_url)
    ukrainian_plugin.action.trigger()
    panel = ukrainian_plugin.dock.panel
    wait_until(lambda: panel._started and panel.task is None)
    # Only placeholders and punctuation: a template that reads the same in Ukrainian.
    reason = TS[(CODE, "{what}: {reason} ({url})")].format(
        what=uk("DeepState update list"),
        reason=uk("connection refused"),
        url=f"{base_url}/api/history/public",
    )
    assert panel.messageLabel.text() == uk(
        "Cannot get DeepState's list of maps ({}) and no map is cached yet. Check the network, "
        "or the DeepState URL in Settings."
    ).format(reason)
    assert panel.offlineLabel.text() == uk("● Offline: cached maps only")
    assert panel.offlineLabel.toolTip() == panel.messageLabel.text()


def test_dock_speaks_ukrainian(ukrainian_plugin, server):
    plugin = ukrainian_plugin
    assert plugin.action.text() == uk("Frontline: DeepState maps")
    QgsSettings().setValue(SETTING_BASE_URL, server.base_url)
    plugin.action.trigger()  # the toolbar button opens the dock, which reads the update list
    assert plugin.dock.isVisible()
    panel = plugin.dock.panel
    wait_until(lambda: panel._started and panel.task is None)

    # From the form (context FrontlinePanel).
    assert panel.loadButton.text() == uk("Load", FORM)
    assert panel.cancelButton.text() == uk("Cancel", FORM)
    assert panel.refreshButton.text() == uk("Refresh", FORM)
    assert panel.refreshButton.toolTip() == uk("Reload the list of map updates", FORM)
    assert panel.compareButton.text() == uk("Compare with previous", FORM)
    assert panel.analyseButton.text() == uk("Analyse", FORM)
    assert panel.rangeButton.text() == uk("Load range", FORM)
    assert panel.clearCacheButton.text() == uk("Clear", FORM)
    assert panel.sideLabel.text() == uk("Side", FORM)
    assert panel.rearLabel.text() == uk("Rear", FORM)
    assert panel.rangeStepSpin.suffix() == uk(" days", FORM)
    tabs = panel.tabWidget
    for tab, title in (
        (panel.areasTab, "Areas"),
        (panel.compareTab, "Compare"),
        (panel.analyseTab, "Analyse"),
        (panel.rangeTab, "Range"),
        (panel.settingsTab, "Settings"),
    ):
        assert tabs.tabText(tabs.indexOf(tab)) == uk(title, FORM)
    headers = [panel.areasTable.horizontalHeaderItem(i).text() for i in range(3)]
    assert headers == [uk(t, FORM) for t in ("Class", "Area (km²)", "Change (km²)")]

    # From the code (context Frontline), some with values filled in.
    labels = class_labels()
    assert [panel.classesCombo.itemText(i) for i in range(panel.classesCombo.count())] == [
        labels[panel.classesCombo.itemData(i)] for i in range(panel.classesCombo.count())
    ]
    assert labels["occupied"] == uk("Occupied since 24 February 2022")
    assert panel.sideCombo.itemText(panel.sideCombo.findData("occupied")) == uk(
        "Occupied ground in Ukraine (since 2022 and before)"
    )
    assert SIDES["ua_held_in_russia"].label == uk("Ukrainian-held ground in Russia")
    assert panel.descriptionBrowser.placeholderText() == uk(
        "The update's description appears here."
    )
    assert panel.offlineLabel.text() == uk("● Online")
    assert panel.loadButton.toolTip() == uk("Load the map of the chosen update into the project")
    assert len(panel.updates) == len(KURSK_DAYS)
    assert panel.messageLabel.text() == uk("{} map updates, the latest of {}.").format(
        len(KURSK_DAYS), map_time(panel.updates[-1].created)
    )
