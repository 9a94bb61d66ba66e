"""Parse a DeepState map (a GeoJSON FeatureCollection) into classified plain-text features.

Geometry comes out 2D in lon/lat, valid, polygons as Polygon/MultiPolygon and points as Point.
Names and descriptions come out as plain text: no HTML, entities, DeepState markup or NBSP.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from itertools import chain

import numpy as np
import shapely
from shapely.errors import GEOSException
from shapely.geometry.base import BaseGeometry

from .classes import icon_name, point_class, polygon_class
from .errors import N_, DeepStateFormatError, Text
from .shapes import clean_polygonal

MAP = Text(N_("DeepState map"))  # what a message is about when the caller names nothing


@dataclass(frozen=True)
class MapFeature:
    """One classified feature. ``geometry`` is 2D lon/lat WGS84 and valid."""

    geometry: BaseGeometry
    cls: str
    name_uk: str
    name_en: str
    key: str
    description: str
    icon: str = ""  # DeepState's icon name for points, e.g. "enemy", "arrow_12"
    fill: str = ""  # DeepState's fill colour for polygons, lower case


@dataclass(frozen=True)
class ParsedMap:
    polygons: list[MapFeature]
    points: list[MapFeature]
    # Features left out, by reason ("unknown fill #123456", "LineString geometry", ...).
    skipped: dict[Text, int] = field(default_factory=dict)  # why, as a Text (str() in English)
    # Invalid polygons repaired with make_valid (their polygonal part kept).
    repaired: int = 0

    def of_class(self, cls: str) -> list[MapFeature]:
        return [f for f in chain(self.polygons, self.points) if f.cls == cls]

    def class_counts(self) -> dict[str, int]:
        return dict(Counter(f.cls for f in chain(self.polygons, self.points)))


# ---------------------------------------------------------------------------------------------
# Plain text

_TEMPLATE = re.compile(r"\{\{[^{}:]*:([^{}]*)\}\}")  # {{at:02.07}} -> 02.07
_ANY_TEMPLATE = re.compile(r"\{\{[^{}]*\}\}")
_ICON_MARKUP = re.compile(r"\{icon=[^{}]*\}")
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BREAK = re.compile(r"<\s*(br|/?p|/div|/li|/h\d|/tr)\b[^>]*>", re.I)
_TAG = re.compile(r"</?[A-Za-z!/][^<>]*>")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _strip_tags(text: str) -> str:
    text = _SCRIPT.sub("", text)
    text = _COMMENT.sub("", text)
    text = _BREAK.sub("\n", text)
    return _TAG.sub("", text)


def plain_text(markup: str | None, *, single_line: bool = False) -> str:
    """DeepState markup as plain text.

    Drops ``{icon=...}``, renders ``{{at:dd.mm}}`` as ``dd.mm``, turns ``<br>`` into line
    breaks, removes tags, decodes entities (then removes tags that were entity-escaped),
    turns NBSP and other spaces into plain spaces and collapses blank runs.
    """
    if not markup:
        return ""
    text = _ICON_MARKUP.sub("", str(markup))
    text = _TEMPLATE.sub(r"\1", text)
    text = _strip_tags(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _strip_tags(html.unescape(text))
    text = _INVISIBLE.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    if single_line:
        return " ".join(line for line in lines if line)
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip()


@lru_cache(maxsize=8192)  # names and descriptions repeat across features and maps
def split_name(name: str | None) -> tuple[str, str, str]:
    """``"<uk> /// <en> /// <key>"`` as plain (uk, en, key); missing parts are ''."""
    parts = (name or "").split("///")
    uk = plain_text(parts[0], single_line=True)
    en = plain_text(parts[1], single_line=True) if len(parts) > 1 else ""
    key = plain_text(_ANY_TEMPLATE.sub("", parts[2]), single_line=True) if len(parts) > 2 else ""
    return uk, en, key


@lru_cache(maxsize=8192)
def description_text(description: str | None) -> str:
    """A description as plain text: its Ukrainian and English parts, without the i18n key."""
    parts = [plain_text(p) for p in (description or "").split("///")]
    kept = [p for p in parts if p and not p.startswith("geoJSON.")]
    return "\n\n".join(kept)


# ---------------------------------------------------------------------------------------------
# Shape checks


def validate_feature_collection(obj: object, what: str | Text = MAP) -> dict:
    """``obj`` if it is a GeoJSON FeatureCollection, else DeepStateFormatError naming ``what``."""
    if not isinstance(obj, dict):
        raise DeepStateFormatError(
            Text(
                N_("{what}: expected a GeoJSON object, got {kind}"), what=what, kind=json_kind(obj)
            )
        )
    if obj.get("type") != "FeatureCollection":
        raise DeepStateFormatError(
            Text(
                N_("{what}: expected a GeoJSON FeatureCollection, got type {type}"),
                what=what,
                type=repr(obj.get("type")),
            )
        )
    if not isinstance(obj.get("features"), list):
        raise DeepStateFormatError(
            Text(N_("{what}: the FeatureCollection has no features list"), what=what)
        )
    return obj


def validate_map(obj: object, what: str | Text = MAP) -> dict:
    """``obj`` if it is a FeatureCollection with areas: an empty answer, or one of points
    only (a server or proxy failing quietly), would read as all ground lost, and stay so in
    the cache."""
    collection = validate_feature_collection(obj, what)
    if not any(_has_area(feature) for feature in collection["features"]):
        raise DeepStateFormatError(
            Text(N_("{what}: the map has no areas (DeepState's maps have hundreds)"), what=what)
        )
    return collection


def _has_area(feature: object) -> bool:
    geometry = feature.get("geometry") if isinstance(feature, dict) else None
    if not isinstance(geometry, dict):
        return False
    return any(member.get("type") == "Polygon" for member in _members(geometry))


def load_json(data: bytes | str, what: str | Text) -> object:
    """Decoded JSON, or DeepStateFormatError naming ``what`` and where the JSON breaks."""
    try:
        return json.loads(data)
    except json.JSONDecodeError as exc:
        # json's own reason ("Expecting value") stays English: it names the JSON grammar.
        raise DeepStateFormatError(
            Text(
                N_("{what}: invalid JSON ({reason}; line {line}, column {column})"),
                what=what,
                reason=exc.msg,
                line=exc.lineno,
                column=exc.colno,
            )
        ) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise DeepStateFormatError(
            Text(N_("{what}: not UTF-8 JSON ({error})"), what=what, error=type(exc).__name__)
        ) from None
    except RecursionError:  # nested deeper than Python's stack: no map is
        raise DeepStateFormatError(Text(N_("{what}: JSON nested too deeply"), what=what)) from None


# JSON's own word for null is not translated.
_KINDS = {
    list: Text(N_("a list")),
    dict: Text(N_("an object")),
    str: Text(N_("a string")),
    int: Text(N_("a number")),
    float: Text(N_("a number")),
    bool: Text(N_("true or false")),
    type(None): "null",
}


def json_kind(obj: object) -> str | Text:
    """What a JSON value is, for a message; a Python type name when JSON has no word for it."""
    return _KINDS.get(type(obj), type(obj).__name__)


# ---------------------------------------------------------------------------------------------
# Geometry


@dataclass
class _Pending:
    """A feature whose geometry is still GeoJSON: built in one vectorised pass later."""

    props: dict
    cls: str
    parts: list  # polygon coordinate arrays (list of rings) or one point coordinate


def _members(geometry: dict) -> Iterator[dict]:
    """The simple geometries of a GeoJSON geometry (GeometryCollections unpacked)."""
    kind = geometry.get("type")
    if kind == "GeometryCollection":
        for member in geometry.get("geometries") or ():
            if isinstance(member, dict):
                yield from _members(member)
    elif kind == "MultiPolygon":
        for coords in geometry.get("coordinates") or ():
            yield {"type": "Polygon", "coordinates": coords}
    elif kind == "MultiPoint":
        for coords in geometry.get("coordinates") or ():
            yield {"type": "Point", "coordinates": coords}
    else:
        yield geometry


def _rings_to_polygons(polygons: list[list]) -> np.ndarray:
    """Polygons (lists of GeoJSON rings) as shapely Polygons, in one vectorised pass."""
    rings = [ring for poly in polygons for ring in poly]
    lengths = np.fromiter((len(r) for r in rings), dtype=np.intp, count=len(rings))
    flat = list(chain.from_iterable(rings))
    try:
        coords = np.array(flat, dtype=float)
        if coords.ndim != 2 or coords.shape[1] < 2:
            raise ValueError("ragged")
    except ValueError:  # mixed 2D/3D positions: slice each one
        coords = np.array([p[:2] for p in flat], dtype=float)
    ring_of_coord = np.repeat(np.arange(len(rings)), lengths)
    ring_geoms = shapely.linearrings(coords[:, :2], indices=ring_of_coord)
    poly_of_ring = np.repeat(np.arange(len(polygons)), [len(p) for p in polygons])
    return shapely.polygons(ring_geoms, indices=poly_of_ring)


def _polygon_or_none(rings: list) -> tuple[BaseGeometry | None, bool]:
    """One polygon built on its own (the slow path, for malformed coordinates), and whether
    malformed holes were left out: a bad hole must not cost the whole polygon."""
    shell = _ring_or_none(rings[0]) if rings else None
    if shell is None:
        return None, False
    holes = [_ring_or_none(r) for r in rings[1:]]
    kept = [h for h in holes if h is not None]
    try:
        return shapely.Polygon(shell, kept), len(kept) < len(holes)
    except (ValueError, TypeError, GEOSException):
        return None, False


def _ring_or_none(ring) -> shapely.LinearRing | None:
    try:
        return shapely.LinearRing(np.asarray([p[:2] for p in ring], dtype=float))
    except (ValueError, TypeError, IndexError, GEOSException):
        return None


def _polygonal_part(geom: BaseGeometry) -> BaseGeometry | None:
    """The polygonal part of a geometry made valid; None when nothing with area is left."""
    polygonal = clean_polygonal(geom)
    return None if polygonal.is_empty or polygonal.area <= 0 else polygonal


def _build_polygons(pending: list[_Pending], skipped: Counter) -> tuple[list, int]:
    """(feature, geometry) pairs for pending polygon features, and how many were repaired."""
    all_parts = [rings for p in pending for rings in p.parts]
    try:
        built = list(_rings_to_polygons(all_parts)) if all_parts else []
        trimmed = [False] * len(built)
    except (ValueError, TypeError, IndexError, GEOSException):
        built, trimmed = map(list, zip(*(_polygon_or_none(r) for r in all_parts)))
    out = []
    index = 0
    for item in pending:
        span = slice(index, index + len(item.parts))
        parts = [g for g in built[span] if g is not None]
        # A malformed part or hole left out: the feature is kept, and counted as repaired.
        partial = len(parts) < len(item.parts) or any(trimmed[span])
        index += len(item.parts)
        if not parts:
            skipped[_BAD_POLYGON] += 1
            continue
        geom = parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)
        out.append((item, geom, partial))
    valid = shapely.is_valid([g for _, g, _ in out]) if out else np.array([], dtype=bool)
    repaired = 0
    result = []
    for (item, geom, partial), ok in zip(out, valid):
        repaired += partial and ok
        if not ok:
            geom = _polygonal_part(geom)
            repaired += 1
            if geom is None:
                skipped[_NO_AREA] += 1
                continue
        if geom.is_empty:
            skipped[_EMPTY_POLYGON] += 1
            continue
        result.append((item, geom))
    return result, repaired


def _build_points(pending: list[_Pending], skipped: Counter) -> list:
    good = []
    for item in pending:
        coords = item.parts[0]
        if (
            isinstance(coords, (list, tuple))
            and len(coords) >= 2
            and all(isinstance(c, (int, float)) for c in coords[:2])
        ):
            good.append((item, coords[:2]))
        else:
            skipped[_BAD_POINT] += 1
    if not good:
        return []
    points = shapely.points(np.array([c for _, c in good], dtype=float))
    return [(item, geom) for (item, _), geom in zip(good, points)]


# ---------------------------------------------------------------------------------------------
# Parsing

# Why a feature is left out (keys of ParsedMap.skipped).
_MALFORMED = Text(N_("malformed feature"))
_NO_GEOMETRY = Text(N_("feature without geometry"))
_BAD_POLYGON = Text(N_("invalid polygon coordinates"))
_NO_AREA = Text(N_("invalid polygon without area"))
_EMPTY_POLYGON = Text(N_("empty polygon"))
_BAD_POINT = Text(N_("invalid point coordinates"))


def _other_geometry(kind: object) -> Text:
    if isinstance(kind, str) and kind:
        return Text(N_("{kind} geometry"), kind=kind)
    return Text(N_("geometry without a type"))


def _unknown_fill(fill: object) -> Text:
    if fill is None or fill == "":
        return Text(N_("polygon without a fill"))
    return Text(N_("unknown fill {fill}"), fill=str(fill))  # a number, a list: shown as given


def _features(data: bytes | str | dict) -> list:
    obj = data if isinstance(data, dict) else load_json(data, MAP)
    return validate_feature_collection(obj)["features"]


def _sort_feature(
    feature: object, created: datetime | None, polys: list, points: list, skipped: Counter
) -> None:
    """Classify one GeoJSON feature's members into pending polygons and points."""
    if not isinstance(feature, dict):
        skipped[_MALFORMED] += 1
        return
    props = feature.get("properties") or {}
    geometry = feature.get("geometry")
    if not isinstance(props, dict) or not isinstance(geometry, dict):
        skipped[_NO_GEOMETRY if isinstance(props, dict) else _MALFORMED] += 1
        return
    poly_parts = []
    for member in _members(geometry):
        kind = member.get("type")
        coords = member.get("coordinates")
        if kind == "Polygon" and isinstance(coords, list) and coords:
            poly_parts.append(coords)
        elif kind == "Point":
            points.append(_Pending(props, point_class(props), [coords]))
        else:
            skipped[_other_geometry(kind)] += 1
    if poly_parts:
        cls = polygon_class(props.get("fill"), created)
        if cls is None:
            skipped[_unknown_fill(props.get("fill"))] += 1
        else:
            polys.append(_Pending(props, cls, poly_parts))


def _map_feature(item: _Pending, geom: BaseGeometry) -> MapFeature:
    name = item.props.get("name")
    description = item.props.get("description")
    uk, en, key = split_name(name if isinstance(name, str) else None)
    description = description if isinstance(description, str) else None
    fill = item.props.get("fill")
    return MapFeature(
        geometry=geom,
        cls=item.cls,
        name_uk=uk,
        name_en=en,
        key=key,
        description=description_text(description),
        icon=icon_name(description),
        fill=fill.strip().lower() if isinstance(fill, str) else "",
    )


def parse_map(data: bytes | str | dict, created: datetime | None = None) -> ParsedMap:
    """Classified features of a map (the body of ``/api/history/{id}/geojson``).

    ``created`` is the map's creation time (see ``deepstate.snapshot_time``); it decides the
    meaning of ``#bdbdbd`` before August 2024. Raises DeepStateFormatError when ``data`` is
    not a FeatureCollection; features that cannot be used are counted in ``skipped``.
    """
    skipped: Counter = Counter()
    pending_polys: list[_Pending] = []
    pending_points: list[_Pending] = []
    for feature in _features(data):
        _sort_feature(feature, created, pending_polys, pending_points, skipped)
    polys, repaired = _build_polygons(pending_polys, skipped)
    points = _build_points(pending_points, skipped)
    return ParsedMap(
        polygons=[_map_feature(item, geom) for item, geom in polys],
        points=[_map_feature(item, geom) for item, geom in points],
        skipped=dict(skipped),
        repaired=repaired,
    )


def union_by_class(parsed: ParsedMap, classes: Iterable[str]) -> dict[str, BaseGeometry]:
    """The union (lon/lat) of each requested polygon class; empty classes are left out."""
    wanted = set(classes)
    groups: dict[str, list[BaseGeometry]] = {}
    for feature in parsed.polygons:
        if feature.cls in wanted:
            groups.setdefault(feature.cls, []).append(feature.geometry)
    return {cls: shapely.union_all(geoms) for cls, geoms in groups.items()}
