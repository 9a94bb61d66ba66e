"""Generate Frontline's own sample: three synthetic maps in DeepState's raw GeoJSON format.

The shapes are invented (a salient with a narrowing corridor, a front line that moves, a pocket
that forms), placed near 35.3 E, 51.2 N so that they look like a map of the region; they are
not DeepState data. They use DeepState's format exactly: a bare FeatureCollection, lon/lat with
z = 0, names "<uk> /// <en> /// <key>" with NBSP and templates, HTML descriptions, style
properties, one GeometryCollection and one self-intersecting polygon (both occur in real maps).

Usage: python tools/make_sample.py OUTPUT_DIR
"""

from __future__ import annotations

import json
import math
import sys
from datetime import datetime, timezone
from pathlib import Path

LON0, LAT0 = 35.30, 51.20
KM_PER_DEG_LAT = 111.2
KM_PER_DEG_LON = 111.32 * math.cos(math.radians(LAT0))

# (UTC creation time, corridor width km, lobe B east edge km, occupied front advance km)
SNAPSHOTS = [
    (datetime(2025, 1, 10, 20, 15, tzinfo=timezone.utc), 0.6, 22.0, 0.0),
    (datetime(2025, 1, 11, 20, 40, tzinfo=timezone.utc), 0.4, 21.0, 1.5),
    (datetime(2025, 1, 12, 21, 5, tzinfo=timezone.utc), 0.0, 20.0, 3.0),
]

STYLE = {
    "#a52714": ("Окуповано", "Occupied", "geoJSON.status.occupied"),
    "#880e4f": (
        "Окуповано до 24.02.2022",
        "Occupied before 24.02.2022",
        "geoJSON.status.occupied_before",
    ),
    "#bcaaa4": ("Статус невідомий", "Unknown status", "geoJSON.status.unknown"),
    "#bdbdbd": ("Сіра зона", "Grey zone", "geoJSON.status.unknown"),
    "#01579b": (
        "Під контролем ЗСУ",
        "Under control of the Armed Forces of Ukraine",
        "geoJSON.status.ua_control",
    ),
    "#0f9d58": ("Звільнено", "Liberated", "geoJSON.status.dismissed"),
    "#ff5252": ("Окупована територія", "Occupied territory", "geoJSON.territories.sample"),
}


def lonlat(x_km: float, y_km: float) -> list[float]:
    return [round(LON0 + x_km / KM_PER_DEG_LON, 7), round(LAT0 + y_km / KM_PER_DEG_LAT, 7), 0]


def ring(points_km: list[tuple[float, float]]) -> list[list[float]]:
    coords = [lonlat(x, y) for x, y in points_km]
    return [*coords, coords[0]]


def box(x0: float, y0: float, x1: float, y1: float) -> list[tuple[float, float]]:
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def polygon_feature(fill: str, rings: list[list[tuple[float, float]]], note: str = "") -> dict:
    uk, en, key = STYLE[fill]
    properties = {
        "name": f"{uk}\u00a0/// {en}\u00a0/// {key}",
        "styleUrl": f"#poly-{fill[1:].upper()}-2000-77",
        "stroke-opacity": 1,
        "stroke": fill,
        "stroke-width": 2,
        "fill-opacity": 0.30196078431372547,
        "fill": fill,
    }
    if note:
        properties["description"] = note
    return {
        "type": "Feature",
        "geometry": {"type": "Polygon", "coordinates": [ring(r) for r in rings]},
        "properties": properties,
    }


def point_feature(x_km: float, y_km: float, name: str, description: str) -> dict:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": lonlat(x_km, y_km)},
        "properties": {"name": name, "description": description},
    }


def salient(corridor_km: float, lobe_b_east: float) -> list[list[list[tuple[float, float]]]]:
    """Ukrainian-held ground: lobe A, a corridor 3 km long, lobe B (a pocket once cut)."""
    lobe_a = [
        (0, 0),
        (14, 0),
        (14, 5 - corridor_km / 2),
        (17, 5 - corridor_km / 2),
        (17, 2.5),
        (lobe_b_east, 2.5),
        (lobe_b_east, 7.5),
        (17, 7.5),
        (17, 5 + corridor_km / 2),
        (14, 5 + corridor_km / 2),
        (14, 10),
        (0, 10),
    ]
    if corridor_km > 0:
        return [[lobe_a]]
    return [[box(0, 0, 14, 10)], [box(17, 2.5, lobe_b_east, 7.5)]]


def front_line(advance_km: float, offset_km: float = 0.0) -> list[tuple[float, float]]:
    """A jagged west-east front line that moves north by `advance_km`."""
    return [(x, -15 + advance_km + offset_km + 1.5 * math.sin(x / 4.0)) for x in range(-20, 41, 2)]


def occupied_front(advance_km: float) -> list[tuple[float, float]]:
    """Occupied ground south of the front."""
    return [(-20, -40), (40, -40), *reversed(front_line(advance_km))]


def grey_strip(advance_km: float) -> list[tuple[float, float]]:
    """A 2 km grey zone north of the front."""
    return [*front_line(advance_km), *reversed(front_line(advance_km, 2.0))]


def snapshot(created: datetime, corridor_km: float, lobe_b_east: float, advance: float) -> dict:
    features = [polygon_feature("#01579b", rings) for rings in salient(corridor_km, lobe_b_east)]
    features += [
        polygon_feature("#bdbdbd", [box(-2, -2, 25, 12), box(-0.5, -0.5, 23, 10.5)]),
        polygon_feature(
            "#a52714",
            [occupied_front(advance)],
            'Ворог просунувся<br>///<br>The enemy <b>advanced</b> near <a href="https://example.org/x">X</a>',
        ),
        polygon_feature("#bcaaa4", [grey_strip(advance)]),
        polygon_feature("#880e4f", [box(20, -60, 40, -40)]),
        polygon_feature("#0f9d58", [box(-30, -30, -20, -10)], "Звільнено {{at:05.01}}"),
        polygon_feature("#ff5252", [box(-80, 30, -76, 33)]),
        # A self-intersecting ("bow-tie") occupied patch, as real maps sometimes contain.
        polygon_feature("#a52714", [[(30, -8), (33, -5), (33, -8), (30, -5)]]),
    ]
    collection = polygon_feature("#bcaaa4", [box(-10, -12, -8, -11)])
    collection["geometry"] = {
        "type": "GeometryCollection",
        "geometries": [collection["geometry"], {"type": "Point", "coordinates": lonlat(-9, -11.5)}],
    }
    features.append(collection)
    features += [
        point_feature(
            5,
            -20,
            "1-й армійський корпус /// 1st Army Corps /// geoJSON.units.corps.sample",
            "{icon=enemy}<br>Приклад /// Example",
        ),
        point_feature(
            16,
            5,
            "Напрямок атаки /// Attack direction /// geoJSON.status.attack_direction",
            "{icon=arrow_4}",
        ),
        point_feature(
            -15, -30, "Аеродром /// Airfield /// geoJSON.airfield.sample", "{icon=airport}"
        ),
        point_feature(
            8, 4, "Штаб /// Headquarters /// geoJSON.units.hq.sample", "{icon=headquarter}"
        ),
    ]
    return {"type": "FeatureCollection", "features": features}


def sample_route() -> dict:
    """A supply road running west to east behind the moving front, then north to the salient."""
    points = [(-18, -6), (-5, -7), (8, -5), (20, -6), (26, -2), (24, 4), (17, 5)]
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {
                    "type": "LineString",
                    "coordinates": [lonlat(x, y)[:2] for x, y in points],
                },
                "properties": {"name": "Sample supply road (invented)"},
            }
        ],
    }


def file_name(created: datetime) -> str:
    return f"frontline_sample_{created:%Y%m%dT%H%MZ}_{int(created.timestamp())}.geojson"


def main(output_dir: str) -> None:
    target = Path(output_dir)
    target.mkdir(parents=True, exist_ok=True)
    for created, corridor, lobe_b_east, advance in SNAPSHOTS:
        data = snapshot(created, corridor, lobe_b_east, advance)
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        (target / file_name(created)).write_text(text + "\n", encoding="utf-8")
    route = json.dumps(sample_route(), ensure_ascii=False, separators=(",", ":"))
    (target / "frontline_sample_route.geojson").write_text(route + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "sample")
