"""Feature classes of a DeepState map, told apart by fill colour (polygons) and by key or icon
(points).

Names are not used for polygons: DeepState calls several different things "Liberated". The
fill table was checked against DeepState's own per-colour area figures (see the report of
tests/core/test_parse.py): ``occupied`` is ``#a52714`` alone, ``liberated`` is ``#0f9d58``
and ``#0288d1``, the grey zone in Ukraine is ``#bcaaa4``.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

OCCUPIED = "occupied"
OCCUPIED_BEFORE_2022 = "occupied_before_2022"
GREY_ZONE = "grey_zone"
GREY_ZONE_IN_RUSSIA = "grey_zone_in_russia"
UA_HELD_IN_RUSSIA = "ua_held_in_russia"
LIBERATED = "liberated"
OTHER_TERRITORIES = "other_territories"

UNIT = "unit"
ATTACK_DIRECTION = "attack_direction"
AIRFIELD = "airfield"
OTHER = "other"

POLYGON_CLASSES: tuple[str, ...] = (
    OCCUPIED,
    OCCUPIED_BEFORE_2022,
    GREY_ZONE,
    GREY_ZONE_IN_RUSSIA,
    UA_HELD_IN_RUSSIA,
    LIBERATED,
    OTHER_TERRITORIES,
)
POINT_CLASSES: tuple[str, ...] = (UNIT, ATTACK_DIRECTION, AIRFIELD, OTHER)

# Editorial areas outside Ukraine (Transnistria, Karelia, ...) are not part of the war map.
DEFAULT_CLASSES: tuple[str, ...] = tuple(c for c in POLYGON_CLASSES if c != OTHER_TERRITORIES)

# (fill colour, fill opacity, English label). Polygon colours are DeepState's own; DeepState
# draws every area at opacity 77/255, points are drawn opaque.
CLASS_STYLE: dict[str, tuple[str, float, str]] = {
    OCCUPIED: ("#a52714", 0.3, "Occupied since 24 February 2022"),
    OCCUPIED_BEFORE_2022: ("#880e4f", 0.3, "Occupied before 2022 (ORDLO, Crimea)"),
    GREY_ZONE: ("#bcaaa4", 0.3, "Grey zone / unknown status (Ukraine)"),
    GREY_ZONE_IN_RUSSIA: ("#bdbdbd", 0.3, "Grey zone in Russia"),
    UA_HELD_IN_RUSSIA: ("#01579b", 0.3, "Ukrainian-held in Russia"),
    LIBERATED: ("#0f9d58", 0.3, "Liberated"),
    OTHER_TERRITORIES: ("#ff5252", 0.3, "Other occupied territories (outside the war map)"),
    UNIT: ("#b71c1c", 1.0, "Russian / Belarusian unit"),
    ATTACK_DIRECTION: ("#d50000", 1.0, "Direction of attack"),
    AIRFIELD: ("#37474f", 1.0, "Airfield"),
    OTHER: ("#616161", 1.0, "Other point"),
}

_FILL_CLASS: dict[str, str] = {
    "#a52714": OCCUPIED,
    "#880e4f": OCCUPIED_BEFORE_2022,
    "#000000": OCCUPIED_BEFORE_2022,  # the colour of ORDLO and Crimea in 2022-04..06
    "#bcaaa4": GREY_ZONE,
    "#bdbdbd": GREY_ZONE_IN_RUSSIA,
    "#01579b": UA_HELD_IN_RUSSIA,
    "#0f9d58": LIBERATED,
    "#0288d1": LIBERATED,
    "#ff5252": OTHER_TERRITORIES,
}

# Before the Kursk incursion (2024-08-06) DeepState used #bdbdbd for small grey areas inside
# Ukraine (its /areas figures list them apart from `unspecified` in 2022-04 .. 2023-05).
KURSK_INCURSION = datetime(2024, 8, 6, tzinfo=timezone.utc)

_ICON = re.compile(r"\{icon=([A-Za-z0-9_\-]+)")
_UNIT_ICONS = {"enemy", "headquarter", "iblorussia", "eblorussia"}
_AIRFIELD_KEYS = ("geoJSON.airfield.", "geoJSON.airport.", "geoJSON.airbase.")
_ARROW = re.compile(r"arrow_(\d{1,2})$")


def polygon_class(fill: str | None, created: datetime | None = None) -> str | None:
    """The class of a polygon with this ``fill`` colour, None for an unknown colour.

    ``created`` (the map's creation time, aware) matters only for ``#bdbdbd``: inside Russia
    from the Kursk incursion on, a grey zone in Ukraine before it. Without it the modern
    meaning is used.
    """
    if not isinstance(fill, str):
        return None
    cls = _FILL_CLASS.get(fill.strip().lower())
    if cls == GREY_ZONE_IN_RUSSIA and created is not None and created < KURSK_INCURSION:
        return GREY_ZONE
    return cls


def icon_name(description: str | None) -> str:
    """The first ``{icon=NAME...}`` markup of a description, '' when there is none."""
    match = _ICON.search(description) if isinstance(description, str) else None
    return match.group(1) if match else ""


def _key(name: object) -> str:
    parts = name.split("///") if isinstance(name, str) else []
    return parts[2].strip() if len(parts) > 2 else ""


def point_class(properties: dict) -> str:
    """The class of a point from its name key (since 2024) or else its icon markup."""
    key = _key(properties.get("name"))
    if key.startswith("geoJSON.units."):
        return UNIT
    if key.startswith("geoJSON.status.attack_direction"):
        return ATTACK_DIRECTION
    if key.startswith(_AIRFIELD_KEYS):
        return AIRFIELD
    icon = icon_name(properties.get("description"))
    if icon in _UNIT_ICONS:
        return UNIT
    if _ARROW.match(icon):
        return ATTACK_DIRECTION
    if icon == "airport":
        return AIRFIELD
    return OTHER


def attack_bearing(icon: str) -> float | None:
    """Compass bearing in degrees of an ``arrow_N`` icon, None for other icons.

    N = 1..16 is a 22.5 degree sector clockwise from north, arrow_16 pointing north (the
    reading of public DeepState clients; DeepState does not document it).
    """
    match = _ARROW.match(icon or "")
    if not match or not 1 <= int(match.group(1)) <= 16:
        return None
    return (int(match.group(1)) % 16) * 22.5
