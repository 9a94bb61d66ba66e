"""Benchmark of route exposure: about 1,000 km of routes against the whole-front hostile area.

Hostile ground is DeepState's dissolved occupied area of 2025-03-01 (from ../shared/data),
projected to a Lambert azimuthal equal-area CRS centred at 34.5 E, 48.5 N. The routes are
seeded, road-like random walks (500 m steps, gently turning) that start outside the occupied
area within 30 km of its outline, so most of them run through the distance bands. Only
``route_exposure`` is timed; loading and projecting the data is not. Exits with status 1 when
the run takes longer than the budget (5 s by default). A second case, timed against twice the
budget, is one 20,000-vertex track that crosses itself thousands of times.

Run: .venv/bin/python bench/bench_exposure.py [--budget SECONDS] [--km KM]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The plugin is imported as the package `frontline` through .build/plugins, and the shared
# test helpers from tests/; never the repository root itself (its processing/ would shadow
# QGIS's).
for extra in (ROOT / ".build" / "plugins", ROOT / "tests"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

import numpy as np  # noqa: E402
import shapely  # noqa: E402
from shapely.geometry import LineString, shape  # noqa: E402

from fltest import data  # noqa: E402
from frontline.core.exposure import parse_ranges, route_exposure  # noqa: E402

OCCUPIED_FILE = data.OCCUPIED_DISSOLVED_DIR / "deepstatemap_data_20250301.geojson"
LON0, LAT0 = 34.5, 48.5
ROUTE_KM = 10.0
STEP_M = 500.0
START_SPREAD_M = 30_000.0
SEED = 20250301
TANGLED_VERTICES = 20_000


def occupied_area_metric() -> shapely.Geometry:
    features = json.loads(Path(OCCUPIED_FILE).read_text(encoding="utf-8"))["features"]
    lonlat = shapely.union_all([shapely.force_2d(shape(f["geometry"])) for f in features])
    return data.to_metric(shapely.make_valid(lonlat), LON0, LAT0)


def random_routes(hostile: shapely.Geometry, total_km: float, seed: int) -> list[LineString]:
    """Road-like random walks starting outside the hostile area, near its outline."""
    rng = np.random.default_rng(seed)
    steps = round(ROUTE_KM * 1000.0 / STEP_M)
    routes = []
    for _ in range(math.ceil(total_km / ROUTE_KM)):
        start = _start_point(hostile, rng)
        headings = rng.uniform(0.0, 2 * math.pi) + np.cumsum(rng.normal(0.0, 0.25, steps))
        moves = STEP_M * np.column_stack([np.cos(headings), np.sin(headings)])
        routes.append(LineString(np.vstack([start, start + np.cumsum(moves, axis=0)])))
    return routes


def _start_point(hostile: shapely.Geometry, rng: np.random.Generator) -> np.ndarray:
    """A random point within START_SPREAD_M of the outline, outside the hostile area."""
    outline = hostile.boundary
    while True:
        anchor = outline.interpolate(rng.uniform(0.0, outline.length))
        radius = START_SPREAD_M * math.sqrt(rng.uniform())
        angle = rng.uniform(0.0, 2 * math.pi)
        x, y = anchor.x + radius * math.cos(angle), anchor.y + radius * math.sin(angle)
        if not hostile.contains(shapely.Point(x, y)):
            return np.array([x, y])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=5.0, help="seconds allowed (default 5)")
    parser.add_argument("--km", type=float, default=1000.0, help="route length (default 1000)")
    args = parser.parse_args()

    hostile = occupied_area_metric()
    routes = random_routes(hostile, args.km, SEED)
    ranges = parse_ranges("5000,10000,20000")
    route_km = sum(r.length for r in routes) / 1000.0

    started = time.perf_counter()
    result = route_exposure(routes, hostile, ranges)
    elapsed = time.perf_counter() - started

    per_band = {}
    for row in result.summary:
        per_band[row.band] = per_band.get(row.band, 0.0) + row.length / 1000.0
    bands = ", ".join(
        f"{'beyond' if band is None else f'<={band / 1000:g} km'}: {km:.1f} km"
        for band, km in per_band.items()
    )
    print(
        f"route exposure: {len(routes)} routes, {route_km:.1f} km, hostile area "
        f"{shapely.get_num_coordinates(hostile)} vertices, ranges {ranges}"
    )
    print(f"  {len(result.stretches)} stretches; {bands}; exposed share {result.exposed_share:.3f}")
    print(f"  time {elapsed:.2f} s (budget {args.budget:g} s)")
    tangled_ok = tangled_track(hostile, 2 * args.budget)
    return 0 if elapsed <= args.budget and tangled_ok else 1


def tangled_track(hostile: shapely.Geometry, budget: float) -> bool:
    """A 20,000-vertex track crossing itself thousands of times (a patrol wandering about):
    overlays cut it at every crossing, and each piece is put back in travel order."""
    rng = np.random.default_rng(SEED)
    start = shapely.get_coordinates(hostile.boundary)[1000]
    track = LineString(start + np.cumsum(rng.normal(0.0, 300.0, (TANGLED_VERTICES, 2)), axis=0))
    # Noding cuts the track at each crossing, which splits two segments: two more pieces.
    crossings = (shapely.get_num_geometries(shapely.node(track)) - 1) // 2
    started = time.perf_counter()
    result = route_exposure([track], hostile, parse_ranges("5000,10000,20000"))
    elapsed = time.perf_counter() - started
    print(
        f"tangled track: {TANGLED_VERTICES} vertices, {track.length / 1000:.0f} km, "
        f"{crossings} self-crossings, {len(result.stretches)} stretches"
    )
    print(f"  time {elapsed:.2f} s (budget {budget:g} s)")
    return elapsed <= budget


if __name__ == "__main__":
    sys.exit(main())
