"""The dock's jobs: what runs on the worker thread for each button, built from Frontline's
Processing algorithms. Each ``*_job`` returns a function of a ``JobRun`` (see tasks.py); what
it returns is plain data plus ids of layers kept in the run's Processing context.

No widget, no ``iface`` and no project change here: the dock adds layers in the task's
``finished`` slot, on the GUI thread.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingUtils,
    QgsVectorLayer,
    QgsVectorLayerFeatureSource,
)
from qgis.PyQt.QtCore import QCoreApplication, QDate

from ..core.classes import POLYGON_CLASSES
from ..processing.deepstate_access import error_text, localised, make_client
from .tasks import JobCancelledError, JobRun, NetworkFailure

SNAPSHOT_ALG = "frontline:deepstatesnapshot"
DIFF_ALG = "frontline:frontlinediff"
CORRIDOR_ALG = "frontline:corridorwidth"
ENCIRCLEMENT_ALG = "frontline:encirclement"
SERIES_ALG = "frontline:deepstateseries"
TEMPORARY = QgsProcessing.TEMPORARY_OUTPUT
MAX_LISTED = 50  # necks or pockets listed in the dock (all stay in the layers)
POCKET_STATUSES = ("encircled", "near_encircled")  # what frontline:encirclement counts


def tr(text: str) -> str:
    return QCoreApplication.translate("Frontline", text)


def class_indexes(classes: list[str] | tuple[str, ...]) -> list[int]:
    return [POLYGON_CLASSES.index(c) for c in classes]


def layer_in(run: JobRun, layer_id: str) -> QgsVectorLayer:
    layer = QgsProcessingUtils.mapLayerFromString(layer_id, run.context, False)
    if not isinstance(layer, QgsVectorLayer):
        raise QgsProcessingException(tr("An algorithm gave no layer."))
    return layer


def class_subset(run: JobRun, layer: QgsVectorLayer, classes: tuple[str, ...]) -> QgsVectorLayer:
    """A memory copy of the features of some classes, kept in the run's context."""
    quoted = ", ".join("'{}'".format(c.replace("'", "''")) for c in classes)
    request = QgsFeatureRequest().setFilterExpression(f'"class" IN ({quoted})')
    subset = layer.materialize(request, run.feedback)
    run.context.temporaryLayerStore().addMapLayer(subset)
    return subset


@dataclass(frozen=True)
class LayerCopy:
    """A polygon layer's feature source and CRS, taken on the GUI thread: the job never
    touches the project's layer, which the user may edit or remove while it runs, and reads
    the features on the worker thread. The source holds the layer's settings and edit buffer
    as they were; the data itself is read from the provider when the job gets to it."""

    name: str
    crs: QgsCoordinateReferenceSystem
    source: QgsVectorLayerFeatureSource
    count: int  # features when taken (-1: unknown), to tell a source gone meanwhile


def copy_layer(layer: QgsVectorLayer) -> LayerCopy:
    crs = QgsCoordinateReferenceSystem(layer.crs())
    return LayerCopy(layer.name(), crs, QgsVectorLayerFeatureSource(layer), layer.featureCount())


def layer_from_copy(run: JobRun, copy: LayerCopy) -> QgsVectorLayer:
    """A memory layer of the copy, made on the worker thread and kept in the run's context."""
    layer = QgsVectorLayer("MultiPolygon", copy.name, "memory")
    layer.setCrs(copy.crs)
    features = []
    request = QgsFeatureRequest().setNoAttributes()
    request.setFeedback(run.feedback)  # a long read stops when the task is cancelled
    for source_feature in copy.source.getFeatures(request):
        geometry = QgsGeometry(source_feature.geometry())
        geometry.convertToMultiType()
        feature = QgsFeature()
        feature.setGeometry(geometry)
        features.append(feature)
    run.check_cancelled()
    if not features and copy.count > 0:  # its file was moved or deleted meanwhile
        raise QgsProcessingException(
            tr("Could not read the layer {}: none of its {} features came through.").format(
                copy.name, copy.count
            )
        )
    layer.dataProvider().addFeatures(features)
    run.context.temporaryLayerStore().addMapLayer(layer)
    return layer


def class_areas(layer: QgsVectorLayer) -> dict[str, float]:
    areas: dict[str, float] = {}
    for feature in layer.getFeatures():
        areas[feature["class"]] = areas.get(feature["class"], 0.0) + float(feature["area_km2"])
    return areas


@dataclass(frozen=True)
class FetchedMaps:
    """The maps a job works on: each one's raw file, the job's own whether or not the cache
    kept the map, and what went wrong with the cache, to be told."""

    files: dict[int, str]
    cache_notes: tuple[str, ...]


def told_cache_notes(notes: list) -> tuple[str, ...]:
    """The client's notes about the cache (not those of retries), translated, once each."""
    from ..core.deepstate import CACHE_NOTES

    told = (localised(n) for n in notes if n.template in CACHE_NOTES)
    return tuple(dict.fromkeys(told))


@contextmanager
def fetched_maps(
    run: JobRun, snapshot_ids: list[int], base_url: str, offline: bool
) -> Iterator[FetchedMaps]:
    """The maps fetched (one step) into a temporary folder of the job, deleted when the block
    ends. The snapshot algorithm reads them there, not from the cache: a cache that cannot
    keep a map (a full disk, a folder that cannot be made or written) or loses it meanwhile
    (cleared) does not cost the map just downloaded."""
    try:
        folder = tempfile.mkdtemp(prefix="frontline_")
    except OSError as error:
        raise QgsProcessingException(not_written(tempfile.gettempdir(), error)) from None
    try:  # (TemporaryDirectory's ignore_cleanup_errors needs Python 3.10; QGIS 3.22 has 3.9)
        yield fetch_maps(run, snapshot_ids, base_url, offline, Path(folder))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def fetch_maps(
    run: JobRun, snapshot_ids: list[int], base_url: str, offline: bool, folder: Path
) -> FetchedMaps:
    """Each map from the cache or DeepState, written to ``folder``. DeepState's errors (a
    network failure told apart) become the task's message in ``JobTask.run``."""
    run.next_step()
    notes: list = []
    client = make_client(base_url, offline, run.feedback.isCanceled, on_note=notes.append)
    files = {}
    try:
        for index, snapshot_id in enumerate(snapshot_ids):
            files[snapshot_id] = keep_map(folder, snapshot_id, client.map_data(snapshot_id))
            run.steps.setProgress(100 * (index + 1) / len(snapshot_ids))
    finally:
        client.close()
    return FetchedMaps(files, told_cache_notes(notes))


def keep_map(folder: Path, snapshot_id: int, data: dict) -> str:
    """A map written to ``folder`` under the cache's name, which tells the snapshot algorithm
    its id and time."""
    from ..core.deepstate import map_bytes, map_file_name

    path = folder / map_file_name(snapshot_id)
    try:
        path.write_bytes(map_bytes(data))
    except OSError as error:
        raise QgsProcessingException(not_written(str(folder), error)) from None
    return str(path)


def not_written(folder: str, error: OSError) -> str:
    return tr("Could not write the map to a temporary file in {}: {}").format(
        folder, error.strerror or error
    )


def snapshot(run: JobRun, source_file: str, classes, points=False):
    """frontline:deepstatesnapshot on a map fetched by ``fetched_maps``."""
    parameters = {
        "SOURCE_FILE": source_file,
        "CLASSES": class_indexes(classes),
        "OUTPUT": TEMPORARY,
        "OUTPUT_POINTS": TEMPORARY if points else None,
    }
    return run.run_alg(SNAPSHOT_ALG, parameters)


# ---------------------------------------------------------------------------------------------
# Update list


@dataclass
class UpdateList:
    updates: list  # core.deepstate.Update, oldest first
    cached: set[int]
    offline: bool
    reason: str = ""  # why the list came from the cache (offline or not)
    cache_notes: tuple[str, ...] = ()  # what went wrong with the cache, to be told


def updates_job(base_url: str):
    """The update list: online, else the cached one (offline after a network failure)."""

    def job(run: JobRun) -> UpdateList:
        from ..core.errors import DeepStateCancelledError, DeepStateError

        notes: list = []
        # list_ttl=0: ask DeepState itself, so that the dock knows whether it is online.
        client = make_client(
            base_url,
            False,
            run.feedback.isCanceled,
            max_retries=1,
            backoff=0.5,
            connect_timeout=5.0,
            list_ttl=0.0,
            on_note=notes.append,
        )
        try:
            updates = client.updates()
            told = told_cache_notes(notes)
            return UpdateList(updates, set(client.cached_ids()), False, cache_notes=told)
        except DeepStateCancelledError:
            raise JobCancelledError() from None
        except DeepStateError as error:
            online_error = error
        finally:
            client.close()
        run.check_cancelled()
        return cached_updates(base_url, online_error)

    return job


def cached_updates(base_url: str, online_error: Exception) -> UpdateList:
    """The cached list once DeepState's could not be read: offline after a network failure;
    after an HTTP error or an answer that is no list, DeepState answered: online still."""
    from ..core.errors import DeepStateError, DeepStateNetworkError

    network = isinstance(online_error, DeepStateNetworkError)
    reason = error_text(online_error)
    try:  # a cache folder that cannot be made: no list
        with make_client(base_url, True) as client:
            return UpdateList(client.updates(), set(client.cached_ids()), network, reason)
    except DeepStateError:
        if network:
            failure, text = (
                NetworkFailure,
                tr(
                    "Cannot get DeepState's list of maps ({}) and no map is cached yet. Check "
                    "the network, or the DeepState URL in Settings."
                ),
            )
        else:
            failure, text = (
                QgsProcessingException,
                tr(
                    "Cannot get DeepState's list of maps ({}) and no map is cached yet. Check "
                    "the DeepState URL in Settings, or try again later."
                ),
            )
        raise failure(text.format(reason)) from None


# ---------------------------------------------------------------------------------------------
# Load


def load_job(snapshot_id: int, classes: list[str], base_url: str, offline: bool):
    def job(run: JobRun) -> dict:
        with fetched_maps(run, [snapshot_id], base_url, offline) as fetched:
            results = snapshot(run, fetched.files[snapshot_id], classes, points=True)
        areas = layer_in(run, results["OUTPUT"])
        points = results.get("OUTPUT_POINTS")
        return {
            "areas": results["OUTPUT"],
            "points": points,
            "areas_km2": class_areas(areas),
            "polygons": areas.featureCount(),
            "point_count": layer_in(run, points).featureCount() if points else 0,
            "cache_notes": fetched.cache_notes,
        }

    return job


# ---------------------------------------------------------------------------------------------
# Compare with previous


def compare_job(before_id: int, after_id: int, cls: str, base_url: str, offline: bool):
    """frontline:frontlinediff between two maps for one class; gained and lost as two layers."""

    def job(run: JobRun) -> dict:
        with fetched_maps(run, [before_id, after_id], base_url, offline) as fetched:
            before = snapshot(run, fetched.files[before_id], [cls])["OUTPUT"]
            after = snapshot(run, fetched.files[after_id], [cls])["OUTPUT"]
        results = run.run_alg(DIFF_ALG, {"BEFORE": before, "AFTER": after, "OUTPUT": TEMPORARY})
        changes = layer_in(run, results["OUTPUT"])
        split = {}
        for change in ("gained", "lost"):
            request = QgsFeatureRequest().setFilterExpression(f"\"change\" = '{change}'")
            part = changes.materialize(request, run.feedback)
            run.context.temporaryLayerStore().addMapLayer(part)
            split[change] = part.id()
        totals = {
            key: results.get(key)
            for key in (
                "BEFORE_KM2",
                "AFTER_KM2",
                "GAINED_KM2",
                "LOST_KM2",
                "NET_KM2",
                "KEPT_SHARE",
                "MAX_DEPTH_M",
            )
        }
        return {**split, "totals": totals, "cache_notes": fetched.cache_notes}

    return job


# ---------------------------------------------------------------------------------------------
# Analyse


@dataclass
class Finding:
    """One neck or pocket listed in the dock."""

    kind: str  # "neck" or "pocket"
    output: str  # key of the layer in AnalysisResult.layers
    feature_id: int
    attributes: dict = field(default_factory=dict)


def feature_records(layer: QgsVectorLayer, kind: str, output: str) -> list[Finding]:
    names = layer.fields().names()
    found = []
    for feature in layer.getFeatures():
        values = {}
        for name in names:
            value = feature[name]
            values[name] = value if isinstance(value, (int, float, str)) else None
        found.append(Finding(kind, output, feature.id(), values))
    return found


def analyse_job(
    snapshot_id: int,
    held: tuple[str, ...],
    rear: LayerCopy | None,
    base_url: str,
    offline: bool,
    side_label: str,
):
    """Corridor width and near-encirclement of one side's ground on the loaded map."""

    def job(run: JobRun) -> dict:
        registry = QgsApplication.processingRegistry()
        with fetched_maps(run, [snapshot_id], base_url, offline) as fetched:
            ground = snapshot(run, fetched.files[snapshot_id], list(held))
        layer = layer_in(run, ground["OUTPUT"])
        held_layer = class_subset(run, layer, held)
        if held_layer.featureCount() == 0:
            raise QgsProcessingException(tr("This map has no {} to analyse.").format(side_label))
        outputs: dict[str, str] = {}
        findings: list[Finding] = []
        figures: dict[str, object] = {}
        if registry.algorithmById(CORRIDOR_ALG) is not None:
            necks = run.run_alg(
                CORRIDOR_ALG,
                {
                    "INPUT": held_layer.id(),
                    "OUTPUT": TEMPORARY,
                    "OUTPUT_CORRIDORS": TEMPORARY,
                },
            )
            for key in ("OUTPUT", "OUTPUT_CORRIDORS"):
                if necks.get(key):
                    outputs[f"corridor:{key}"] = necks[key]
            records = feature_records(layer_in(run, necks["OUTPUT"]), "neck", "corridor:OUTPUT")
            records.sort(key=lambda r: (r.attributes.get("width_m") or 0.0))
            findings.extend(records[:MAX_LISTED])
            figures["necks"] = len(records)
            figures["MIN_WIDTH_M"] = necks.get("MIN_WIDTH_M")
        if registry.algorithmById(ENCIRCLEMENT_ALG) is not None:
            parameters = {
                "HELD": held_layer.id(),
                "REAR": layer_from_copy(run, rear).id() if rear is not None else None,
                "OUTPUT": TEMPORARY,
                "OUTPUT_LINKS": TEMPORARY,
            }
            pockets = run.run_alg(ENCIRCLEMENT_ALG, parameters)
            for key in ("OUTPUT", "OUTPUT_LINKS"):
                if pockets.get(key):
                    outputs[f"encirclement:{key}"] = pockets[key]
            records = [
                r
                for r in feature_records(
                    layer_in(run, pockets["OUTPUT"]), "pocket", "encirclement:OUTPUT"
                )
                if r.attributes.get("status") in POCKET_STATUSES  # pieces that are pockets
            ]
            records.sort(key=lambda r: -(r.attributes.get("area_km2") or 0.0))  # largest first
            findings.extend(records[:MAX_LISTED])
            figures["pockets"] = len(records)
            figures["POCKETS"] = pockets.get("POCKETS")
            figures["POCKET_SHARE"] = pockets.get("POCKET_SHARE")
        return {
            "layers": outputs,
            "findings": findings,
            "figures": figures,
            "cache_notes": fetched.cache_notes,
        }

    return job


# ---------------------------------------------------------------------------------------------
# Load range


def date_value(algorithm_id: str, name: str, day: date):
    """A date as the algorithm's parameter wants it: a QDate for a date parameter, else text."""
    algorithm = QgsApplication.processingRegistry().algorithmById(algorithm_id)
    definition = algorithm.parameterDefinition(name) if algorithm is not None else None
    if definition is not None and definition.type() == "datetime":
        return QDate(day.year, day.month, day.day)
    return day.isoformat()


def series_job(
    first: date, last: date, step_days: int, classes: list[str], base_url: str, offline: bool
):
    def job(run: JobRun) -> dict:
        parameters = {
            "DATE_FROM": date_value(SERIES_ALG, "DATE_FROM", first),
            "DATE_TO": date_value(SERIES_ALG, "DATE_TO", last),
            "STEP_DAYS": int(step_days),
            "CLASSES": class_indexes(classes),
            "BASE_URL": base_url,
            "OFFLINE": offline,
            "OUTPUT": TEMPORARY,
        }
        try:
            results = run.run_alg(SERIES_ALG, parameters)
        except QgsProcessingException as error:
            # Processing's exception no longer tells a network failure: ask DeepState.
            if not offline and deepstate_unreachable(run, base_url):
                raise NetworkFailure(str(error)) from None
            raise
        layer = layer_in(run, results["OUTPUT"])
        return {"layer": results["OUTPUT"], "features": layer.featureCount()}

    return job


def deepstate_unreachable(run: JobRun, base_url: str) -> bool:
    """Whether DeepState cannot be reached now (no connection, no answer in time): asked once
    an algorithm failed, as the dock's Load would have found on its own."""
    from ..core.errors import DeepStateCancelledError, DeepStateError, DeepStateNetworkError

    run.check_cancelled()
    try:
        client = make_client(
            base_url,
            False,
            run.feedback.isCanceled,
            max_retries=0,
            connect_timeout=5.0,
            list_ttl=0.0,  # ask DeepState, not the cache
        )
    except DeepStateError:  # a bad address: not the network
        return False
    try:
        client.updates()
    except DeepStateCancelledError:
        raise JobCancelledError() from None
    except DeepStateNetworkError:
        return True
    except DeepStateError:
        return False
    finally:
        client.close()
    return False
