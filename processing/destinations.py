"""The files a run's outputs name, and whether each can be written, found before any is."""

from __future__ import annotations

import os
import re
import string
import tempfile
from dataclasses import dataclass
from pathlib import Path

from qgis.core import (
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFeatureSink,
    QgsProperty,
    QgsVectorFileWriter,
)

# Destinations that are no file of ours: layers of other providers, GDAL's virtual files.
_NOT_FILES = ("memory:", "postgres:", "postgis:", "spatialite:", "mssql:", "oracle:", "/vsi")
_OGR_DBNAME = re.compile(r"""dbname=(?:'([^']*)'|"([^"]*)"|(\S+))""")
_OGR_TABLE = re.compile(r"""table=(?:"([^"]*)"|'([^']*)'|(\S+))""")
# A shapefile is written as several files: its .shp and .dbf (both sinks' names) are one.
_SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")
# A GeoPackage's layer names ignore ASCII case (SQLite's rule): "AREAS" replaces "areas".
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


@dataclass(frozen=True)
class FileDestination:
    """The file an output writes, the layer in it (None: the whole file), and whether QGIS
    deletes the file and writes it anew (a layer written as a whole file)."""

    path: Path
    layer: str | None
    replaced: bool

    def clashes_with(self, other: FileDestination) -> bool:
        """Whether writing both would lose one: they are in one file, and one writes the
        whole file (a layer file, replaced; a page, written anew; an ogr: URI without a table,
        whose features QGIS adds to the file's first layer) or both write one layer."""
        if _file_key(self.path) != _file_key(other.path):
            return False
        if self.layer is None or other.layer is None:
            return True
        return self.layer.translate(_ASCII_LOWER) == other.layer.translate(_ASCII_LOWER)


def _file_key(path: Path) -> str:
    """One key for every name of one file: through symlinks and "..", and a shapefile's
    parts all under its .shp."""
    real = Path(os.path.realpath(path))
    if real.suffix.lower() in _SHAPEFILE_PARTS:
        real = real.with_suffix(".shp")
    return os.path.normcase(str(real))


def file_destination(
    definition: QgsProcessingParameterDefinition, value, context
) -> FileDestination | None:
    """The file an output parameter's value names, if it names one: a path, or an ogr: URI
    (the dialog's "Save to GeoPackage")."""
    text = _destination_text(definition, value, context)
    if not text.strip() or text == "TEMPORARY_OUTPUT" or text.lower().startswith(_NOT_FILES):
        return None
    if text.lower().startswith("ogr:"):
        dbname, table = _OGR_DBNAME.search(text), _OGR_TABLE.search(text)
        if dbname is None:
            return None
        path = next(group for group in dbname.groups() if group is not None)
        layer = next((g for g in table.groups() if g is not None), None) if table else None
        return FileDestination(Path(path), layer, False)
    sink = isinstance(definition, QgsProcessingParameterFeatureSink)
    # As QGIS makes a sink: a name that no vector format claims gets ".gpkg".
    if sink and not QgsVectorFileWriter.driverForExtension(Path(text).suffix.lstrip(".")):
        text += ".gpkg"
    return FileDestination(Path(text), None, sink)


def _destination_text(definition: QgsProcessingParameterDefinition, value, context) -> str:
    """An output parameter's value as the run will read it: an expression evaluated, an
    empty value its default (empty for an optional output left out)."""
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        value = value.sink
    if isinstance(value, QgsProperty):
        value, _ = value.valueAsString(context.expressionContext(), "")
    text = "" if value is None else str(value)
    if not text:
        default = definition.defaultValue()
        text = "" if default is None else str(default)
    return text


def write_problem(path: Path, replaced: bool = False) -> str:
    """Why ``path`` cannot be written, in the system's words ("" if it can). Its folder must
    take a new file (a probe file is made and removed: permissions alone do not tell, root
    passes them), and a file already there must open for writing. It is opened to append and
    nothing written, so it is left as it was; a file locked by another program fails here.
    A file QGIS deletes and writes anew (``replaced``: a layer written as a whole file) may
    be read-only by its mode: the folder is what lets it go."""
    try:
        handle, probe = tempfile.mkstemp(prefix=".frontline-", suffix=".probe", dir=path.parent)
        os.close(handle)
        os.remove(probe)
        if path.exists():
            _opens_for_writing(path, replaced)
    except OSError as error:
        return error.strerror or str(error)
    return ""


def _opens_for_writing(path: Path, replaced: bool) -> None:
    try:
        with open(path, "ab"):
            pass
    except PermissionError:
        if not replaced or os.access(path, os.W_OK):  # writable by its mode: held by another
            raise
