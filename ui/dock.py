"""The Frontline dock: pick a DeepState map by day, load it, compare, analyse, load a range.

A ``QgsDockWidget`` holding a ``QgsPanelWidget`` whose form is ``dock.ui``, loaded at run
time. Every long step runs in a ``JobTask`` (one at a time); its ``finished`` slot, on the
GUI thread, adds the results to the project all at once, or reports why it did not.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateTransform,
    QgsDateTimeRange,
    QgsInterval,
    QgsMapLayerProxyModel,
    QgsProject,
    QgsSettings,
    QgsTemporalNavigationObject,
    QgsVectorLayer,
)
from qgis.gui import QgsDockWidget, QgsFileWidget, QgsPanelWidget
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QCoreApplication, QDate, Qt
from qgis.PyQt.QtGui import QBrush, QColor, QFont, QTextCharFormat
from qgis.PyQt.QtWidgets import QDockWidget, QHeaderView, QTableWidgetItem, QTreeWidgetItem

from ..core import deepstate
from ..core.classes import CLASS_STYLE, DEFAULT_CLASSES, POLYGON_CLASSES
from ..core.deepstate import Update, choose_update
from ..core.kyiv_time import kyiv_today, to_kyiv
from ..processing.deepstate_access import (
    DEFAULT_BASE_URL,
    SETTING_BASE_URL,
    SETTING_CACHE_DIR,
    SETTING_CLASSES,
    SETTING_KEEP_PREVIOUS,
    SETTING_SIDE,
    base_url,
    cache_dir,
    error_text,
)
from . import jobs, layers
from .present import (
    DEFAULT_SIDE,
    SIDES,
    attribution_html,
    class_label,
    description_html,
    distance,
    file_size,
    km2,
    map_time,
    neck_figures,
    pocket_figures,
    share,
    signed_km2,
    totals_html,
)
from .tasks import JobTask, algorithm_available

log = logging.getLogger(__name__)
FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).with_name("dock.ui")))
DOCK_OBJECT_NAME = "FrontlineDock"
TEMPORAL_CONTROLLER_DOCK = "Temporal Controller"  # objectName of QGIS's own dock
MESSAGE_SECONDS = {Qgis.Info: 5, Qgis.Success: 5, Qgis.Warning: 10, Qgis.Critical: 0}
MESSAGE_COLOUR = {Qgis.Warning: "#8a5300", Qgis.Critical: "#b00020", Qgis.Success: "#1b5e20"}
# Settings of the dock kept here (the others are with the DeepState settings they go with).
SETTING_COMPARE_CLASS = "frontline/compare_class"  # the polygon class Compare measures
SETTING_RANGE_STEP = "frontline/range_step"  # days between the maps Load range takes


def tr(text: str) -> str:
    return QCoreApplication.translate("Frontline", text)


def area_text(number: str) -> str:
    """A formatted number of square kilometres with its unit, as the language writes it."""
    return tr("{} km²").format(number)


def stored_int(key: str, default: int) -> int:
    """A whole-number setting; one that is not a number (edited by hand) counts as unset."""
    try:
        return QgsSettings().value(key, default, type=int)
    except TypeError:
        return default


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def cache_summary() -> tuple[int, set[int]]:
    """Bytes used in the cache and the ids of the maps there, whatever the DeepState URL
    setting; no folder yet (it is made when a map is first saved) is an empty cache."""
    size, ids = deepstate.cache_summary(cache_dir())
    return size, set(ids)


def clear_cache_folder() -> int:
    """Delete the cache's own files; returns the bytes they held. Makes no folder."""
    return deepstate.clear_cache(cache_dir())


def missing_analysis_algorithms() -> list[str]:
    return [a for a in (jobs.CORRIDOR_ALG, jobs.ENCIRCLEMENT_ALG) if not algorithm_available(a)]


@dataclass
class LoadedMap:
    """A map the dock loaded: its figures stay valid after its layers leave the project."""

    update: Update
    areas_layer_id: str
    classes: tuple[str, ...]  # what was loaded: a class not among them is unknown, not 0 km²
    areas: dict[str, float]  # km² of each loaded class the map has

    def area(self, cls: str) -> float | None:
        """The loaded area of a class (0.0 where the map has none); None if not loaded."""
        return self.areas.get(cls, 0.0) if cls in self.classes else None


class FrontlineDock(QgsDockWidget):
    """The dock QGIS lists in View > Panels; its content is a FrontlinePanel."""

    def __init__(self, iface, parent=None) -> None:
        super().__init__(tr("Frontline"), parent)
        self.setObjectName(DOCK_OBJECT_NAME)
        self.panel = FrontlinePanel(iface, self)
        self.setWidget(self.panel)
        self.visibilityChanged.connect(self._on_visibility_changed)

    def _on_visibility_changed(self, visible: bool) -> None:
        if visible:
            self.panel.start()

    def shut_down(self) -> None:
        """Cancel the running task and drop every connection (called by the plugin's unload)."""
        self.visibilityChanged.disconnect(self._on_visibility_changed)
        self.panel.shut_down()


class FrontlinePanel(QgsPanelWidget, FORM_CLASS):
    def __init__(self, iface, parent=None) -> None:
        super().__init__(parent)
        self.setupUi(self)
        self.setPanelTitle(tr("Frontline"))
        self.iface = iface
        self.updates: list[Update] = []
        self.cached_ids: set[int] = set()
        self._typing_cache_dir = False  # the cache folder is being typed: commit when done
        self.offline = False
        self.offline_reason = ""
        self.current: Update | None = None
        self.loaded: LoadedMap | None = None
        self.previous_loaded: LoadedMap | None = None
        self.task: JobTask | None = None
        self._task_done = None
        self._refresh_pending = False
        self._started = False
        self._closed = False
        self._connections: list[tuple[object, object]] = []
        self._setup_widgets()
        self._connect_signals()
        self._show_offline_state(None)
        self._refresh_buttons()

    # -- set-up ------------------------------------------------------------------------------

    def _setup_widgets(self) -> None:
        settings = QgsSettings()
        self.refreshButton.setIcon(QgsApplication.getThemeIcon("/mActionRefresh.svg"))
        self.refreshButton.setToolButtonStyle(Qt.ToolButtonIconOnly)
        self.loadButton.setIcon(QgsApplication.getThemeIcon("/mActionAddLayer.svg"))
        self.loadButton.setDefault(True)
        self.clearCacheButton.setIcon(QgsApplication.getThemeIcon("/mActionDeleteSelected.svg"))
        self.clearCacheButton.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.progressBar.setRange(0, 100)
        self.progressBar.setValue(0)
        self.progressBar.setTextVisible(False)
        self.progressBar.setVisible(False)  # shown while a task runs
        self.descriptionBrowser.setOpenLinks(True)
        self.descriptionBrowser.setOpenExternalLinks(True)
        self.descriptionBrowser.setPlaceholderText(tr("The update's description appears here."))
        self.attributionLabel.setText(attribution_html())
        self.attributionLabel.setOpenExternalLinks(True)
        self.dateEdit.setEnabled(False)
        self.dateEdit.setDate(to_qdate(kyiv_today()))
        header = self.areasTable.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        self.analysisTree.header().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.analysisTree.header().setStretchLastSection(True)
        for cls in POLYGON_CLASSES:
            self.compareClassCombo.addItem(class_label(cls), cls)
        compare_class = settings.value(SETTING_COMPARE_CLASS, "", type=str)
        self.compareClassCombo.setCurrentIndex(
            max(0, self.compareClassCombo.findData(compare_class))
        )
        for key, side in SIDES.items():
            self.sideCombo.addItem(side.label, key)
        side = settings.value(SETTING_SIDE, DEFAULT_SIDE, type=str)
        self.sideCombo.setCurrentIndex(max(0, self.sideCombo.findData(side)))
        self.rearLayerCombo.setFilters(QgsMapLayerProxyModel.PolygonLayer)
        self.rearLayerCombo.setAllowEmptyLayer(True)
        self.rearLayerCombo.setLayer(None)
        today = to_qdate(kyiv_today())
        self.rangeToEdit.setDate(today)
        self.rangeFromEdit.setDate(today.addDays(-28))
        self.rangeStepSpin.setValue(stored_int(SETTING_RANGE_STEP, self.rangeStepSpin.value()))
        self.baseUrlEdit.setText(settings.value(SETTING_BASE_URL, "", type=str))
        self.baseUrlEdit.setPlaceholderText(DEFAULT_BASE_URL)
        self.cacheDirWidget.setStorageMode(QgsFileWidget.GetDirectory)
        self.cacheDirWidget.setFilePath(str(cache_dir()))
        for cls in POLYGON_CLASSES:
            self.classesCombo.addItemWithCheckState(
                class_label(cls), Qt.Checked if cls in self.load_classes() else Qt.Unchecked, cls
            )
        self.keepPreviousCheck.setChecked(settings.value(SETTING_KEEP_PREVIOUS, False, type=bool))

    def _connect(self, signal, slot) -> None:
        signal.connect(slot)
        self._connections.append((signal, slot))

    def _connect_signals(self) -> None:
        project = QgsProject.instance()
        registry = QgsApplication.processingRegistry()
        for signal, slot in (
            (self.previousButton.clicked, self.select_previous),
            (self.nextButton.clicked, self.select_next),
            (self.refreshButton.clicked, self.refresh_updates),
            (self.dateEdit.dateChanged, self._on_date_changed),
            (self.loadButton.clicked, self.load),
            (self.cancelButton.clicked, self.cancel),
            (self.compareButton.clicked, self.compare),
            (self.analyseButton.clicked, self.analyse),
            (self.rangeButton.clicked, self.load_range),
            (self.clearCacheButton.clicked, self.clear_cache),
            (self.analysisTree.currentItemChanged, self._on_finding_selected),
            (self.baseUrlEdit.editingFinished, self._on_base_url_edited),
            # Typing fires fileChanged at every key: commit when editing ends or on browsing.
            (self.cacheDirWidget.fileChanged, self._on_cache_dir_changed),
            (self.cacheDirWidget.lineEdit().textEdited, self._on_cache_dir_typed),
            (self.cacheDirWidget.lineEdit().editingFinished, self._on_cache_dir_edited),
            # Any change of a tick (the combo's own signal misses programmatic ones in 3.22).
            (self.classesCombo.model().itemChanged, self._on_classes_changed),
            (self.keepPreviousCheck.toggled, self._on_keep_previous_toggled),
            (self.sideCombo.currentIndexChanged, self._on_side_changed),
            (self.compareClassCombo.currentIndexChanged, self._on_compare_class_changed),
            (self.rangeStepSpin.valueChanged, self._on_range_step_changed),
            (project.layersRemoved, self._on_layers_removed),
            (project.cleared, self._on_project_cleared),
            (registry.providerAdded, self._on_providers_changed),
            (registry.providerRemoved, self._on_providers_changed),
        ):
            self._connect(signal, slot)

    def start(self) -> None:
        """First showing of the dock: fetch the update list."""
        if not self._started and not self._closed:
            self._started = True
            # Not at QGIS start-up, nor here: the cache size is read once the list task ends.
            self.refresh_updates()

    def shut_down(self) -> None:
        """Cancel the running task (waiting for it to stop) and disconnect every signal."""
        self._closed = True
        for signal, slot in reversed(self._connections):
            with contextlib.suppress(TypeError, RuntimeError):  # gone with its sender
                signal.disconnect(slot)
        self._connections.clear()
        task, self.task, self._task_done = self.task, None, None
        if task is not None:
            task.on_finished = None
            with contextlib.suppress(TypeError, RuntimeError):
                task.progressChanged.disconnect(self._on_progress)
            task.cancel()
            if not task.waitForFinished(15000):
                log.warning("Frontline task did not stop within 15 s of being cancelled")
            # Let the task manager see the task end now, not at the next event loop turn.
            QCoreApplication.sendPostedEvents(QgsApplication.taskManager(), 0)

    # -- settings ----------------------------------------------------------------------------

    @staticmethod
    def load_classes() -> list[str]:
        stored = QgsSettings().value(SETTING_CLASSES, "", type=str)
        chosen = [c for c in stored.split(",") if c in POLYGON_CLASSES]
        return chosen or list(DEFAULT_CLASSES)

    @staticmethod
    def keep_previous() -> bool:
        return QgsSettings().value(SETTING_KEEP_PREVIOUS, False, type=bool)

    def _on_base_url_edited(self) -> None:
        text = self.baseUrlEdit.text().strip()
        if text and not text.lower().startswith(("https://", "http://")):
            self._show_message(
                tr("The DeepState URL must start with https:// or http://; kept {}.").format(
                    base_url()
                ),
                Qgis.Warning,
            )
            self.baseUrlEdit.setText(QgsSettings().value(SETTING_BASE_URL, "", type=str))
            return
        if text == QgsSettings().value(SETTING_BASE_URL, "", type=str):
            return
        QgsSettings().setValue(SETTING_BASE_URL, text)
        if self._started:
            self.refresh_updates()

    def _on_cache_dir_typed(self, _text: str) -> None:
        self._typing_cache_dir = True

    def _on_cache_dir_changed(self, path: str) -> None:
        if not self._typing_cache_dir:  # chosen with the browse button
            self._commit_cache_dir(path)

    def _on_cache_dir_edited(self) -> None:
        self._typing_cache_dir = False
        self._commit_cache_dir(self.cacheDirWidget.filePath())

    def _commit_cache_dir(self, path: str) -> None:
        path = path.strip()
        if path == QgsSettings().value(SETTING_CACHE_DIR, "", type=str):
            return
        if self.task is not None:
            # A running job reads and writes the cache it started with.
            self.cacheDirWidget.setFilePath(str(cache_dir()))
            return
        QgsSettings().setValue(SETTING_CACHE_DIR, path)
        self._refresh_cache_size()
        if self._started:
            self.refresh_updates()

    def _chosen_classes(self) -> list[str]:
        return [c for c in self.classesCombo.checkedItemsData() if c in POLYGON_CLASSES]

    def _on_classes_changed(self, _item) -> None:
        classes = self._chosen_classes()
        self._refresh_buttons()
        if not classes:
            self._show_message(tr("Choose at least one class to load."), Qgis.Warning)
            return
        QgsSettings().setValue(SETTING_CLASSES, ",".join(classes))

    def _on_keep_previous_toggled(self, checked: bool) -> None:
        QgsSettings().setValue(SETTING_KEEP_PREVIOUS, bool(checked))

    def _on_side_changed(self, _index: int) -> None:
        QgsSettings().setValue(SETTING_SIDE, self.sideCombo.currentData())

    def _on_compare_class_changed(self, _index: int) -> None:
        QgsSettings().setValue(SETTING_COMPARE_CLASS, self.compareClassCombo.currentData())

    def _on_range_step_changed(self, days: int) -> None:
        QgsSettings().setValue(SETTING_RANGE_STEP, days)

    # -- messages and state ------------------------------------------------------------------

    def _show_message(self, text: str, level=Qgis.Info, bar: bool | None = None) -> None:
        """A message in the dock; warnings, errors and successes also go to the message bar."""
        self.messageLabel.setText(text)
        colour = MESSAGE_COLOUR.get(level)
        self.messageLabel.setStyleSheet(f"color: {colour};" if colour else "")
        if bar is None:
            bar = level != Qgis.Info
        if bar and self.iface is not None:
            self.iface.messageBar().pushMessage(
                tr("Frontline"), text, level, MESSAGE_SECONDS.get(level, 5)
            )

    def _show_offline_state(self, offline: bool | None) -> None:
        if offline is None:
            self.offlineLabel.setText(tr("● Not connected yet"))
            self.offlineLabel.setStyleSheet("color: #757575;")
            self.offlineLabel.setToolTip("")
        elif offline:
            self.offlineLabel.setText(tr("● Offline: cached maps only"))
            self.offlineLabel.setStyleSheet("color: #e65100; font-weight: bold;")
            self.offlineLabel.setToolTip(self.offline_reason)
        else:
            self.offlineLabel.setText(tr("● Online"))
            self.offlineLabel.setStyleSheet("color: #2e7d32;")
            self.offlineLabel.setToolTip(tr("DeepState answered at {}").format(base_url()))

    def _refresh_cache_size(self) -> None:
        try:
            size, cached = cache_summary()
        except (OSError, ValueError) as error:
            self.cacheSizeLabel.setText(tr("Cache unavailable"))
            self.cacheSizeLabel.setToolTip(error_text(error))
            return
        if cached != self.cached_ids:
            # Maps downloaded since the list was read, or cleared: offline, these decide what
            # loads, so the calendar and the chosen day's label follow.
            self.cached_ids = cached
            self._format_calendar()
            self._show_update(from_qdate(self.dateEdit.date()))
        self.cacheSizeLabel.setText(tr("Cache: {}").format(file_size(size)))
        self.cacheSizeLabel.setToolTip(str(cache_dir()))

    def loaded_map(self) -> LoadedMap | None:
        """The map loaded last, if its areas layer is still in the project."""
        if self.loaded is None:
            return None
        if QgsProject.instance().mapLayer(self.loaded.areas_layer_id) is None:
            return None
        return self.loaded

    def _index_of(self, update: Update | None) -> int | None:
        if update is None:
            return None
        for index, candidate in enumerate(self.updates):
            if candidate.id == update.id:
                return index
        return None

    def _update_before(self, update: Update) -> Update | None:
        index = self._index_of(update)
        return self.updates[index - 1] if index else None

    def _compare_blocker(self) -> str | None:
        if not algorithm_available(jobs.DIFF_ALG):
            return tr("Not available: the algorithm {} is not registered in Processing.").format(
                jobs.DIFF_ALG
            )
        loaded = self.loaded_map()
        if loaded is None:
            return tr("Load a map first.")
        if self._update_before(loaded.update) is None:
            return tr("The loaded map is the first update known: there is none before it.")
        return None

    def _analyse_blocker(self) -> str | None:
        missing = missing_analysis_algorithms()
        if len(missing) == 2:
            return tr(
                "Not available: the algorithms {} and {} are not registered in Processing."
            ).format(*missing)
        if self.loaded_map() is None:
            return tr("Load a map first.")
        return None

    def _range_blocker(self) -> str | None:
        if not algorithm_available(jobs.SERIES_ALG):
            return tr("Not available: the algorithm {} is not registered in Processing.").format(
                jobs.SERIES_ALG
            )
        if not self._chosen_classes():
            return tr("Choose at least one class to load.")
        return None

    def _refresh_buttons(self) -> None:
        if self._closed:
            return
        busy = self.task is not None
        index = self._index_of(self.current)
        self.previousButton.setEnabled(bool(index))
        self.nextButton.setEnabled(index is not None and index < len(self.updates) - 1)
        self.refreshButton.setEnabled(not busy)
        self.loadButton.setEnabled(not busy and self.current is not None)
        self.loadButton.setToolTip(
            tr("Load the map of the chosen update into the project")
            if self.current is not None
            else tr("No map update is known for this day yet: press Refresh.")
        )
        self.cancelButton.setEnabled(busy)
        self.clearCacheButton.setEnabled(not busy)
        # Where a running job downloads and caches must not change under it.
        self.cacheDirWidget.setEnabled(not busy)
        self.baseUrlEdit.setEnabled(not busy)
        if not self._chosen_classes():
            self.loadButton.setEnabled(False)
            self.loadButton.setToolTip(tr("Choose at least one class to load."))
        for button, blocker, tip in (
            (
                self.compareButton,
                self._compare_blocker(),
                tr("Gained and lost ground between the loaded map and the update before it"),
            ),
            (
                self.analyseButton,
                self._analyse_blocker(),
                tr("Necks (corridor width) and near-encirclement of the chosen side's ground"),
            ),
            (
                self.rangeButton,
                self._range_blocker(),
                tr("Load the maps of a range of days into one temporal layer"),
            ),
        ):
            button.setEnabled(not busy and blocker is None)
            button.setToolTip(blocker or tip)
        missing = missing_analysis_algorithms()
        if len(missing) == 1 and self.analyseButton.isEnabled():
            self.analyseButton.setToolTip(
                tr("Runs what is available; {} is not registered in Processing yet.").format(
                    missing[0]
                )
            )

    def _on_providers_changed(self, _provider_id: str) -> None:
        self._refresh_buttons()

    def _on_layers_removed(self, layer_ids) -> None:
        if self.loaded is not None and self.loaded.areas_layer_id in layer_ids:
            # Kept: the next map loaded is compared with this one, the map loaded before it.
            self.areasCaption.setText(tr("The loaded map was removed from the project."))
        self._refresh_buttons()

    def _on_project_cleared(self) -> None:
        """A new or another project: what runs for the old one is cancelled, not added."""
        if self.task is not None and self.task.adds_layers:
            self.cancel()
        self.loaded = None
        self.previous_loaded = None
        self.areasTable.setRowCount(0)
        self.areasCaption.setText("")
        self.compareResult.setText("")
        self.analysisTree.clear()
        self.analysisSummary.setText("")
        self.rangeResult.setText("")
        self._refresh_buttons()

    # -- the update list and the date picker -------------------------------------------------

    def refresh_updates(self) -> None:
        if self.task is not None:  # the settings changed while a task runs: refresh after it
            self._refresh_pending = True
            return
        self._refresh_pending = False
        self._show_message(tr("Reading DeepState's list of map updates…"))
        self._start_task(
            tr("Frontline: list of DeepState maps"),
            jobs.updates_job(base_url()),
            1,
            self._updates_done,
            adds_layers=False,
        )

    def _updates_done(self, task: JobTask) -> None:
        if task.cancelled:
            self._show_message(tr("Reading the list of maps was cancelled."))
            return
        if not task.ok:
            if task.network_failed:  # not, say, a cache folder that cannot be used
                self.offline = True
                self.offline_reason = task.error
                self._show_offline_state(True)
            self._show_message(task.error, Qgis.Critical)
            return
        result = task.value
        self.updates = list(result.updates)
        self.cached_ids = set(result.cached)
        self.offline = result.offline
        self.offline_reason = result.reason
        self._show_offline_state(self.offline)
        self._format_calendar()
        if not self.updates:
            self.current = None
            self._show_message(tr("DeepState lists no map updates."), Qgis.Warning)
            self._show_update()
            return
        keep = self._index_of(self.current)
        self._select(self.updates[keep] if keep is not None else self.updates[-1])
        if self.offline:
            self._show_message(
                tr(
                    "Offline: DeepState could not be reached ({}). {} maps are in the cache."
                ).format(result.reason, len(self.cached_ids)),
                Qgis.Warning,
            )
        elif result.reason:  # DeepState answered, with no list: an HTTP error, a login page
            self._show_message(
                tr(
                    "DeepState answered, but not with its list of maps ({}). The cached list "
                    "is shown; {} maps are in the cache."
                ).format(result.reason, len(self.cached_ids)),
                Qgis.Warning,
            )
        elif result.cache_notes:  # the maps download, but are not kept: say why
            self._show_message(" ".join(result.cache_notes), Qgis.Warning)
        else:
            self._show_message(
                tr("{} map updates, the latest of {}.").format(
                    len(self.updates), map_time(self.updates[-1].created)
                )
            )

    def _format_calendar(self) -> None:
        calendar = self.dateEdit.calendarWidget()
        calendar.setDateTextFormat(QDate(), QTextCharFormat())  # clear every earlier format
        with_map = QTextCharFormat()
        with_map.setFontWeight(QFont.Bold)
        with_map.setForeground(QBrush(QColor("#0d47a1")))
        cached_only = QTextCharFormat(with_map)
        cached_only.setForeground(QBrush(QColor("#9e9e9e")))
        cached_only.setFontWeight(QFont.Normal)
        for update in self.updates:
            usable = not self.offline or update.id in self.cached_ids
            calendar.setDateTextFormat(
                to_qdate(update.kyiv_date), with_map if usable else cached_only
            )
        if self.updates:
            first, last = self.updates[0].kyiv_date, max(self.updates[-1].kyiv_date, kyiv_today())
            self.dateEdit.blockSignals(True)
            self.dateEdit.setDateRange(to_qdate(first), to_qdate(last))
            self.dateEdit.blockSignals(False)
            for edit in (self.rangeFromEdit, self.rangeToEdit):
                edit.setDateRange(to_qdate(first), to_qdate(last))
            self.dateEdit.setEnabled(True)

    def _select(self, update: Update | None) -> None:
        self.current = update
        if update is not None:
            self.dateEdit.blockSignals(True)
            self.dateEdit.setDate(to_qdate(update.kyiv_date))
            self.dateEdit.blockSignals(False)
        self._show_update()
        self._refresh_buttons()

    def select_previous(self) -> None:
        index = self._index_of(self.current)
        if index:
            self._select(self.updates[index - 1])

    def select_next(self) -> None:
        index = self._index_of(self.current)
        if index is not None and index < len(self.updates) - 1:
            self._select(self.updates[index + 1])

    def _on_date_changed(self, day: QDate) -> None:
        chosen = choose_update(self.updates, from_qdate(day)) if self.updates else None
        self.current = chosen
        self._show_update(from_qdate(day))
        self._refresh_buttons()

    def _show_update(self, day: date | None = None) -> None:
        update = self.current
        if update is None:
            self.updateLabel.setText(
                tr("No map was published on or before this day.") if self.updates else ""
            )
            self.descriptionBrowser.clear()
            return
        kyiv = to_kyiv(update.created)
        same_day = [u for u in self.updates if u.kyiv_date == update.kyiv_date]
        text = tr("Update of {} ({} Kyiv)").format(map_time(update.created), kyiv.strftime("%H:%M"))
        if len(same_day) > 1:
            text += tr(", {} of {} that day").format(same_day.index(update) + 1, len(same_day))
        if day is not None and day != update.kyiv_date:
            text = tr("No update on {}; the map then was the {}").format(
                day.isoformat(), text[0].lower() + text[1:]
            )
        if self.offline and update.id not in self.cached_ids:
            text += tr(" (not in the cache)")
        self.updateLabel.setText(text)
        if update.description_en:
            self.descriptionBrowser.setHtml(description_html(update.description_en, update.links))
        else:
            self.descriptionBrowser.setPlainText(tr("(No description: offline, or none given.)"))
        self._fit_description()

    def _fit_description(self) -> None:
        """As tall as the description (up to five lines or so), no taller."""
        browser = self.descriptionBrowser
        document = browser.document()
        document.setTextWidth(browser.viewport().width())
        frame = 2 * browser.frameWidth()
        margins = frame + 2 * int(document.documentMargin())
        lines = browser.fontMetrics().lineSpacing()
        height = int(document.size().height()) + frame
        browser.setFixedHeight(max(2 * lines + margins, min(height, 5 * lines + margins)))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_description()

    # -- tasks -------------------------------------------------------------------------------

    def _start_task(self, description: str, job, steps: int, done, adds_layers=True) -> None:
        task = JobTask(description, job, steps, on_finished=self._task_finished)
        task.adds_layers = adds_layers
        self.task = task
        self._task_done = done
        task.progressChanged.connect(self._on_progress)
        self.progressBar.setRange(0, 0)  # busy until the first progress report
        self.progressBar.setVisible(True)
        QgsApplication.taskManager().addTask(task)
        self._refresh_buttons()

    def _on_progress(self, progress: float) -> None:
        if progress > 0 and self.progressBar.maximum() == 0:
            self.progressBar.setRange(0, 100)
        self.progressBar.setValue(int(progress))

    def _task_finished(self, task: JobTask) -> None:
        if self._closed or task is not self.task:
            return
        done, self.task, self._task_done = self._task_done, None, None
        with contextlib.suppress(TypeError, RuntimeError):
            task.progressChanged.disconnect(self._on_progress)
        self.progressBar.setRange(0, 100)
        self.progressBar.setValue(0)
        self.progressBar.setVisible(False)
        try:
            done(task)
        except Exception as error:  # never a traceback in the user's face
            log.exception("Frontline: handling the end of a task failed")
            self._show_message(
                tr("Something went wrong: {}").format(f"{type(error).__name__}: {error}"),
                Qgis.Critical,
            )
        finally:
            self._refresh_cache_size()
            self._refresh_buttons()
        if self._refresh_pending:
            self.refresh_updates()

    def cancel(self) -> None:
        if self.task is not None:
            self._show_message(tr("Cancelling…"))
            self.task.cancel()

    def _show_done(self, text: str, value: dict) -> None:
        """A job's success, with what went wrong with the cache (the map came, but was not
        kept) told after it, as a warning."""
        notes = value.get("cache_notes") or ()
        if notes:
            self._show_message(" ".join([text, *notes]), Qgis.Warning)
        else:
            self._show_message(text, Qgis.Success)

    def _failed(self, task: JobTask, what: str) -> bool:
        """Report a cancelled or failed task; True when there is nothing to add."""
        if task.cancelled:
            self._show_message(
                tr("{}: cancelled; nothing was added.").format(what), Qgis.Info, bar=True
            )
            return True
        if not task.ok:
            text = tr("{}: failed. {}").format(what, task.error)
            if task.network_failed:
                self.offline = True
                self.offline_reason = task.error
                self._show_offline_state(True)
                self._format_calendar()
                self._show_update(from_qdate(self.dateEdit.date()))  # "(not in the cache)"
                text += " " + tr(
                    "Working offline now: only cached maps load; press Refresh to "
                    "try DeepState again."
                )
            self._show_message(text, Qgis.Critical)
            return True
        return False

    # -- Load --------------------------------------------------------------------------------

    def load(self) -> None:
        update = self.current
        if update is None or self.task is not None:
            return
        classes = self._chosen_classes()  # what the list shows, not the last stored choice
        if not classes:
            return
        what = tr("Loading the map of {}").format(map_time(update.created))
        self._show_message(what + "…")
        self._start_task(
            tr("Frontline: DeepState map {}").format(map_time(update.created)),
            jobs.load_job(update.id, classes, base_url(), self.offline),
            2,
            lambda task: self._load_done(task, update, classes, what),
        )

    def _load_done(self, task: JobTask, update: Update, classes: list[str], what: str) -> None:
        if self._failed(task, what):
            return
        value = task.value
        areas = task.context.takeResultLayer(value["areas"])
        points = task.context.takeResultLayer(value["points"]) if value["points"] else None
        if areas is None:
            self._show_message(
                tr("{}: failed. The algorithm gave no layer.").format(what), Qgis.Critical
            )
            return
        areas.setName(tr("Areas"))
        layers.style_areas(areas, classes)
        group_layers = [areas]
        if points is not None:
            points.setName(tr("Points"))
            layers.style_points(points)
            group_layers.insert(0, points)
        previous = self.loaded  # its figures stay valid even once its layers are gone
        keep = self.keep_previous()
        stale = [
            group
            for group in layers.frontline_groups("map")
            if not keep or str(group.customProperty(layers.SNAPSHOT)) == str(update.id)
        ]
        layers.add_group(
            tr("DeepState {}").format(map_time(update.created)),
            group_layers,
            properties={layers.KIND: "map", layers.SNAPSHOT: str(update.id)},
        )
        for group in stale:
            layers.remove_group(group)
        if previous is not None and previous.update.id != update.id:
            self.previous_loaded = previous
        self.loaded = LoadedMap(update, areas.id(), tuple(classes), dict(value["areas_km2"]))
        self._show_areas()
        self.compareResult.setText("")
        self.analysisTree.clear()
        self.analysisSummary.setText("")
        self._show_done(
            tr("Loaded the map of {}: {} areas, {} points.").format(
                map_time(update.created), value["polygons"], value["point_count"]
            ),
            value,
        )

    def _show_areas(self) -> None:
        loaded = self.loaded
        before = self.previous_loaded
        if loaded is None:
            return
        self.areasTable.setRowCount(0)
        rows = [c for c in POLYGON_CLASSES if c in loaded.classes]
        self.areasTable.setRowCount(len(rows))
        for row, cls in enumerate(rows):
            name = QTableWidgetItem(class_label(cls))
            name.setToolTip(class_label(cls))
            swatch = QColor(CLASS_STYLE[cls][0])
            name.setData(Qt.DecorationRole, swatch)
            name.setData(Qt.UserRole, cls)
            area = loaded.areas.get(cls, 0.0)  # loaded, and none on the map: 0 km²
            area_item = QTableWidgetItem(km2(area))
            area_item.setData(Qt.UserRole, area)
            area_item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            change_item = self._change_item(area, cls, before)
            change_item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            for column, item in enumerate((name, area_item, change_item)):
                self.areasTable.setItem(row, column, item)
        caption = tr("Areas of the map of {} (km², on the WGS84 ellipsoid).").format(
            map_time(loaded.update.created)
        )
        if before is not None:
            caption += " " + tr("Change against the map loaded before ({}).").format(
                map_time(before.update.created)
            )
        self.areasCaption.setText(caption)
        self.tabWidget.setCurrentWidget(self.areasTab)

    @staticmethod
    def _change_item(area: float, cls: str, before: LoadedMap | None) -> QTableWidgetItem:
        """The change of a class's area since the map loaded before: "–" when that map did
        not load the class (its area then is unknown, not 0 km²)."""
        earlier = before.area(cls) if before is not None else None
        if earlier is None:
            item = QTableWidgetItem("–")
            if before is not None:
                item.setToolTip(
                    tr("The map of {} was loaded without this class.").format(
                        map_time(before.update.created)
                    )
                )
            return item
        item = QTableWidgetItem(signed_km2(area - earlier))
        item.setData(Qt.UserRole, area - earlier)
        return item

    # -- Compare with previous ---------------------------------------------------------------

    def compare(self) -> None:
        if self.task is not None or self._compare_blocker() is not None:
            return
        loaded = self.loaded_map()
        before = self._update_before(loaded.update)
        cls = self.compareClassCombo.currentData()
        what = tr("Comparing {} with {}").format(
            map_time(loaded.update.created), map_time(before.created)
        )
        self._show_message(what + "…")
        self._start_task(
            tr("Frontline: compare DeepState maps"),
            jobs.compare_job(before.id, loaded.update.id, cls, base_url(), self.offline),
            4,
            lambda task: self._compare_done(task, loaded, before, cls, what),
        )

    def _compare_done(self, task, loaded: LoadedMap, before: Update, cls: str, what: str) -> None:
        if self._failed(task, what):
            return
        value = task.value
        gained = task.context.takeResultLayer(value["gained"])
        lost = task.context.takeResultLayer(value["lost"])
        for layer, change, name in ((gained, "gained", tr("Gained")), (lost, "lost", tr("Lost"))):
            layer.setName(name)
            layers.style_change(layer, change)
        name = tr("Change since {}: {}").format(map_time(before.created), class_label(cls))
        parent = layers.map_group(loaded.update.id)
        for group in layers.frontline_groups("changes"):
            if group.name() == name:
                layers.remove_group(group)
        layers.add_group(
            name,
            [gained, lost],
            parent,
            {layers.KIND: "changes", layers.SNAPSHOT: str(loaded.update.id)},
        )
        totals = value["totals"]
        self.compareResult.setText(
            totals_html(
                tr("{}: {} → {}").format(
                    class_label(cls), map_time(before.created), map_time(loaded.update.created)
                ),
                [
                    (tr("Before"), area_text(km2(totals["BEFORE_KM2"]))),
                    (tr("After"), area_text(km2(totals["AFTER_KM2"]))),
                    (tr("Gained"), area_text(km2(totals["GAINED_KM2"]))),
                    (tr("Lost"), area_text(km2(totals["LOST_KM2"]))),
                    (tr("Net"), area_text(signed_km2(totals["NET_KM2"]))),
                    (tr("Kept of the earlier ground"), share(totals["KEPT_SHARE"])),
                    (tr("Deepest change"), distance(totals["MAX_DEPTH_M"])),
                ],
            )
        )
        self.tabWidget.setCurrentWidget(self.compareTab)
        self._show_done(
            tr("Compared with {}: gained {} km², lost {} km².").format(
                map_time(before.created), km2(totals["GAINED_KM2"]), km2(totals["LOST_KM2"])
            ),
            value,
        )

    # -- Analyse -----------------------------------------------------------------------------

    def analyse(self) -> None:
        if self.task is not None or self._analyse_blocker() is not None:
            return
        loaded = self.loaded_map()
        side = SIDES[self.sideCombo.currentData()]
        rear = self.rearLayerCombo.currentLayer()
        what = tr("Analysing {} on the map of {}").format(
            side.label, map_time(loaded.update.created)
        )
        self._show_message(what + "…")
        steps = 2 + sum(algorithm_available(a) for a in (jobs.CORRIDOR_ALG, jobs.ENCIRCLEMENT_ALG))
        self._start_task(
            tr("Frontline: analyse {}").format(side.label),
            jobs.analyse_job(
                loaded.update.id,
                side.held,
                jobs.copy_layer(rear) if rear is not None else None,
                base_url(),
                self.offline,
                side.label,
            ),
            steps,
            lambda task: self._analyse_done(task, loaded, side, what),
        )

    def _analyse_done(self, task, loaded: LoadedMap, side, what: str) -> None:
        if self._failed(task, what):
            return
        value = task.value
        names = {
            "corridor:OUTPUT": tr("Necks"),
            "corridor:OUTPUT_CORRIDORS": tr("Corridors"),
            "encirclement:OUTPUT": tr("Pieces"),
            "encirclement:OUTPUT_LINKS": tr("Links"),
        }
        taken: dict[str, QgsVectorLayer] = {}
        for key, layer_id in value["layers"].items():
            layer = task.context.takeResultLayer(layer_id)
            if layer is not None:
                layer.setName(names.get(key, key))
                taken[key] = layer
        if "corridor:OUTPUT" in taken:
            layers.style_lines(taken["corridor:OUTPUT"], "#d50000", 1.2)
        if "corridor:OUTPUT_CORRIDORS" in taken:
            layers.style_lines(taken["corridor:OUTPUT_CORRIDORS"], "#6a1b9a", 0.8, dashed=True)
        if "encirclement:OUTPUT" in taken:
            layers.style_pieces(taken["encirclement:OUTPUT"])
        if "encirclement:OUTPUT_LINKS" in taken:
            layers.style_lines(taken["encirclement:OUTPUT_LINKS"], "#ff6f00", 1.0)
        name = tr("Analysis: {}").format(side.label)
        for group in layers.frontline_groups("analysis"):
            if group.name() == name and str(group.customProperty(layers.SNAPSHOT)) == str(
                loaded.update.id
            ):
                layers.remove_group(group)
        order = [
            "corridor:OUTPUT",
            "encirclement:OUTPUT_LINKS",
            "corridor:OUTPUT_CORRIDORS",
            "encirclement:OUTPUT",
        ]
        layers.add_group(
            name,
            [taken[k] for k in order if k in taken],
            layers.map_group(loaded.update.id),
            {layers.KIND: "analysis", layers.SNAPSHOT: str(loaded.update.id)},
        )
        self._list_findings(value, {k: layer.id() for k, layer in taken.items()})
        self.tabWidget.setCurrentWidget(self.analyseTab)
        self._show_done(self.analysisSummary.text(), value)

    def _list_findings(self, value: dict, layer_ids: dict[str, str]) -> None:
        self.analysisTree.clear()
        figures = value["figures"]
        heads = {}
        if "necks" in figures:
            heads["neck"] = QTreeWidgetItem([tr("Necks ({})").format(figures["necks"]), ""])
        if "pockets" in figures:
            heads["pocket"] = QTreeWidgetItem([tr("Pockets ({})").format(figures["pockets"]), ""])
        for item in heads.values():
            self.analysisTree.addTopLevelItem(item)
        counters = {"neck": 0, "pocket": 0}
        for finding in value["findings"]:
            counters[finding.kind] += 1
            attributes = finding.attributes
            if finding.kind == "neck":
                label = tr("Neck {} (part {})").format(counters["neck"], attributes.get("part_id"))
                figures_text = neck_figures(attributes)
            else:
                label = tr("Pocket {}").format(counters["pocket"])
                figures_text = pocket_figures(attributes)
            item = QTreeWidgetItem([label, figures_text])
            item.setToolTip(1, figures_text)
            item.setData(0, Qt.UserRole, (layer_ids.get(finding.output), finding.feature_id))
            heads[finding.kind].addChild(item)
        for item in heads.values():
            item.setExpanded(True)
        lines = []
        if "necks" in figures:
            narrowest = figures.get("MIN_WIDTH_M")
            lines.append(
                tr("Narrowest neck: {}.").format(distance(narrowest))
                if narrowest
                else tr("No neck found.")
            )
        if "pockets" in figures:
            count = figures.get("POCKETS")
            lines.append(
                tr("Pockets: {}, {} of the held ground.").format(
                    int(count) if count is not None else figures["pockets"],
                    share(figures.get("POCKET_SHARE")),
                )
            )
        for missing in (jobs.CORRIDOR_ALG, jobs.ENCIRCLEMENT_ALG):
            if not algorithm_available(missing):
                lines.append(tr("{} is not registered: skipped.").format(missing))
        self.analysisSummary.setText(" ".join(lines))

    def _on_finding_selected(self, item, _previous=None) -> None:
        if item is None:
            return
        reference = item.data(0, Qt.UserRole)
        if not reference:
            return
        layer_id, feature_id = reference
        layer = QgsProject.instance().mapLayer(layer_id) if layer_id else None
        if layer is None:
            self._show_message(tr("That result is no longer in the project."), Qgis.Warning)
            return
        geometry = layer.getFeature(feature_id).geometry()
        if geometry is None or geometry.isEmpty():
            return
        self.zoom_to(geometry, layer.crs())

    def zoom_to(self, geometry, crs) -> None:
        canvas = self.iface.mapCanvas()
        destination = canvas.mapSettings().destinationCrs()
        rect = geometry.boundingBox()
        if destination.isValid() and destination != crs:
            transform = QgsCoordinateTransform(crs, destination, QgsProject.instance())
            rect = transform.transformBoundingBox(rect)
        else:
            destination = crs
        # Show the surroundings: three times the feature, and never less than about 4 km.
        minimum = 0.04 if destination.isGeographic() else 4000.0
        rect.scale(3.0)
        if rect.width() < minimum or rect.height() < minimum:
            centre = rect.center()
            half = max(rect.width(), rect.height(), minimum) / 2
            rect.set(centre.x() - half, centre.y() - half, centre.x() + half, centre.y() + half)
        canvas.setExtent(rect)
        canvas.refresh()
        canvas.flashGeometries([geometry], crs)

    # -- Load range --------------------------------------------------------------------------

    def load_range(self) -> None:
        if self.task is not None or self._range_blocker() is not None:
            return
        first = from_qdate(self.rangeFromEdit.date())
        last = from_qdate(self.rangeToEdit.date())
        step = self.rangeStepSpin.value()
        if first > last:
            self._show_message(tr("The range starts after it ends."), Qgis.Warning)
            return
        classes = self._chosen_classes()  # what the list shows, not the last stored choice
        if not classes:
            return
        what = tr("Loading the maps from {} to {}").format(first.isoformat(), last.isoformat())
        self._show_message(what + "…")
        self._start_task(
            tr("Frontline: DeepState maps {} to {}").format(first.isoformat(), last.isoformat()),
            jobs.series_job(first, last, step, classes, base_url(), self.offline),
            1,
            lambda task: self._range_done(task, first, last, step, classes, what),
        )

    def _range_done(self, task, first: date, last: date, step: int, classes, what: str) -> None:
        if self._failed(task, what):
            return
        layer = task.context.takeResultLayer(task.value["layer"])
        if layer is None:
            self._show_message(
                tr("{}: failed. The algorithm gave no layer.").format(what), Qgis.Critical
            )
            return
        layer.setName(tr("DeepState areas over time"))
        if "class" in layer.fields().names():
            layers.style_areas(layer, classes)
        name = tr("DeepState {} – {}, every {} days").format(
            first.isoformat(), last.isoformat(), step
        )
        for group in layers.frontline_groups("series"):
            if group.name() == name:
                layers.remove_group(group)
        time_range = layers.make_temporal(layer, step)
        layers.add_group(name, [layer], properties={layers.KIND: "series"})
        if time_range is not None:
            self._open_temporal_controller(time_range, step)
        self.rangeResult.setText(
            tr("{} features from {} to {}; play them with the Temporal Controller.").format(
                task.value["features"], first.isoformat(), last.isoformat()
            )
        )
        self._show_message(self.rangeResult.text(), Qgis.Success)

    def _open_temporal_controller(self, time_range: QgsDateTimeRange, step: int) -> None:
        QgsProject.instance().timeSettings().setTemporalRange(time_range)
        controller = self.iface.mapCanvas().temporalController()
        if isinstance(controller, QgsTemporalNavigationObject):
            controller.setTemporalExtents(time_range)
            controller.setFrameDuration(QgsInterval(step * 86400))
            controller.setNavigationMode(QgsTemporalNavigationObject.Animated)
            controller.rewindToStart()
        dock = self.iface.mainWindow().findChild(QDockWidget, TEMPORAL_CONTROLLER_DOCK)
        if dock is None:
            return
        if isinstance(dock, QgsDockWidget):
            dock.setUserVisible(True)
        else:
            dock.show()
        dock.raise_()

    # -- cache -------------------------------------------------------------------------------

    def clear_cache(self) -> None:
        if self.task is not None:
            return
        try:
            size = clear_cache_folder()
        except (OSError, ValueError) as error:
            message = tr("Could not clear the cache: {}").format(error_text(error))
            self._show_message(message, Qgis.Warning)
            return
        finally:
            # What is left, even after a failure part way: offline, the calendar and the
            # chosen day's label follow the maps still cached.
            self._refresh_cache_size()
        self._show_message(tr("Cleared the cache ({}).").format(file_size(size)), Qgis.Success)
