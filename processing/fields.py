"""Output field definitions, declared as (name, type) columns."""

from __future__ import annotations

from qgis.core import QgsField, QgsFields
from qgis.PyQt.QtCore import QVariant

INTEGER = QVariant.Int
BIG_INTEGER = QVariant.LongLong
REAL = QVariant.Double
TEXT = QVariant.String
DATE_TIME = QVariant.DateTime
BOOLEAN = QVariant.Bool

# The columns every feature read from a DeepState map carries: which map, then what it is.
SNAPSHOT_STAMP = (("snapshot_id", BIG_INTEGER), ("snapshot_time", DATE_TIME))
FEATURE_NAMES = (("class", TEXT), ("name_en", TEXT), ("name_uk", TEXT), ("key", TEXT))


def make_fields(*columns: tuple) -> QgsFields:
    """Fields from (name, type) columns; a REAL column may add its decimals (default 6)."""
    fields = QgsFields()
    for name, kind, *decimals in columns:
        if kind == REAL:
            fields.append(QgsField(name, kind, len=20, prec=decimals[0] if decimals else 6))
        else:
            fields.append(QgsField(name, kind))
    return fields
