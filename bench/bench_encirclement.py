"""Benchmark of near-encirclement in the core.

- the Kursk salient of 2024-11-01 (Ukrainian-held ground in Russia) with REAR: Ukraine less the
  occupied and grey ground inside it; goal under 1 s;
- the whole-front occupied area of 2025-03-01 (the dissolved daily archive) as HELD, without
  REAR; goal under 10 s.
Loading and projecting the data is not timed.

Run: .venv/bin/python bench/bench_encirclement.py
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT / ".build" / "plugins", ROOT / "tests"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

import shapely  # noqa: E402
from shapely.geometry import shape  # noqa: E402

from fltest import data  # noqa: E402
from frontline.core.encirclement import detect_encirclement  # noqa: E402

KURSK_GOAL_S = 1.0
FRONT_GOAL_S = 10.0


def kursk_inputs():
    lon0, lat0 = 35.2, 51.3
    path = data.raw_map("20241101")
    held = data.to_metric(data.fill_polygons(path, [data.UA_HELD_IN_RUSSIA]), lon0, lat0)
    ukraine = data.boundary("ua_osm20231002_polygon_clip")
    enemy = data.fill_polygons(path, ["#a52714", "#880e4f", "#bcaaa4"])
    rear = data.to_metric(shapely.difference(ukraine, enemy), lon0, lat0)
    return held, rear


def front_inputs():
    path = data.OCCUPIED_DISSOLVED_DIR / "deepstatemap_data_20250301.geojson"
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    occupied = shapely.union_all([shapely.make_valid(shape(f["geometry"])) for f in features])
    return data.to_metric(shapely.force_2d(occupied), 34.5, 48.5)


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def report(name: str, held, seconds: float, result, goal: float) -> bool:
    vertices = shapely.get_num_coordinates(held)
    print(
        f"{name}: {vertices} vertices, {held.area / 1e6:,.0f} km²: {seconds:.2f} s "
        f"(goal < {goal:.0f} s); {len(result.pieces)} pieces, {result.pockets} pockets "
        f"holding {result.pocket_share:.1%}"
    )
    return seconds < goal


def main() -> int:
    held, rear = kursk_inputs()
    seconds, result = timed(lambda: detect_encirclement(held, rear=rear))
    kursk_ok = report("Kursk 2024-11-01 with REAR", held, seconds, result, KURSK_GOAL_S)
    occupied = front_inputs()
    seconds, result = timed(lambda: detect_encirclement(occupied))
    front_ok = report(
        "whole-front occupied area 2025-03-01", occupied, seconds, result, FRONT_GOAL_S
    )
    return 0 if kursk_ok and front_ok else 1


if __name__ == "__main__":
    sys.exit(main())
