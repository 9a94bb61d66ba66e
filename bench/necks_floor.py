"""What the narrowest cut alone costs, against the erosion baseline of bench_necks.py.

A stripped search for issue 3's speed goal: per part, the solver's cleaning, one Delaunay
triangulation of the vertices, every cut from a vertex to a segment at a Delaunay neighbour,
side areas by prefix sums, then the shortest cut that leaves MIN_LOBE_AREA on both sides and
lies inside (checked lazily). It has no corridor, no further necks, no holes and no cut held
by the area limit, and its candidates are not proven complete: a floor, not a solver.

Run from the repository root: ``.venv/bin/python bench/necks_floor.py``. Prints; writes nothing.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import Polygon

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / ".build" / "plugins"), str(ROOT / "tests"), str(ROOT / "bench")]

from bench_necks import MIN_LOBE_AREA, erosion_width, metric  # noqa: E402

from fltest import data  # noqa: E402
from frontline.core.necks import (  # noqa: E402
    _without_straight_vertices,
    find_necks,
    polygon_parts,
    without_gaps,
)


def cross(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0]


def narrowest_cut(part: Polygon, min_area: float) -> float | None:
    """Length of the shortest vertex-to-neighbour-segment cut with both sides big enough."""
    part = without_gaps(_without_straight_vertices(part))
    xy = shapely.get_coordinates(part.exterior)[:-1]
    n = len(xy)
    nxt = np.roll(xy, -1, axis=0)
    seg = nxt - xy
    prefix = np.r_[0.0, np.cumsum(cross(xy, nxt))]
    total = abs(0.5 * prefix[-1])
    edges = shapely.delaunay_triangles(shapely.multipoints(xy), only_edges=True)
    ends = shapely.get_coordinates(edges).reshape(-1, 2, 2)
    index = {tuple(p): k for k, p in enumerate(xy)}
    pairs = np.array([[index[tuple(a)], index[tuple(b)]] for a, b in ends])
    i = np.r_[pairs[:, 0], pairs[:, 1], pairs[:, 0], pairs[:, 1]]
    s = np.r_[pairs[:, 1], pairs[:, 0], (pairs[:, 1] - 1) % n, (pairs[:, 0] - 1) % n]
    p = xy[i]
    t = np.clip(((p - xy[s]) * seg[s]).sum(axis=1) / (seg[s] ** 2).sum(axis=1), 0.0, 1.0)
    q = xy[s] + t[:, None] * seg[s]
    length = np.hypot(*(q - p).T)
    lo, hi = np.minimum(i, s + t), np.maximum(i, s + t)
    a, c = np.floor(lo).astype(int), np.floor(hi).astype(int)
    start = xy[a] + (lo - a)[:, None] * seg[a]
    stop = xy[c % n] + (hi - c)[:, None] * seg[c % n]
    arc = prefix[c] - prefix[a + 1] + cross(start, xy[(a + 1) % n])
    side = np.abs(0.5 * (arc + cross(xy[c % n], stop) + cross(stop, start)))
    big = (np.minimum(side, total - side) >= min_area) & (length > 0)
    for k in np.flatnonzero(big)[np.argsort(length[big])]:
        hit = (cross(q[k] - p[k], xy - p[k]) * cross(q[k] - p[k], nxt - p[k]) < 0) & (
            cross(seg, p[k] - xy) * cross(seg, q[k] - xy) < 0
        )
        hit[[i[k], (i[k] - 1) % n, s[k]]] = False  # the cut's own end segments
        middle = (p[k] + q[k]) / 2.0
        if not hit.any() and shapely.contains_xy(part, middle[0], middle[1]):
            return float(length[k])
    return None


def best_ms(fn, repeat: int = 30):
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return 1e3 * min(times), out


def main() -> int:
    kursk = metric(data.fill_polygons(data.raw_map("20241013"), [data.UA_HELD_IN_RUSSIA]))[0]
    parts = [p for p in polygon_parts(kursk) if p.area >= 2 * MIN_LOBE_AREA and not p.interiors]
    floor_ms, widths = best_ms(lambda: [narrowest_cut(p, MIN_LOBE_AREA) for p in parts])
    base_ms, (base_width, _) = best_ms(lambda: erosion_width(kursk, MIN_LOBE_AREA))
    options = {"min_lobe_area": MIN_LOBE_AREA, "max_width": 5000.0, "max_necks": 3}
    ours_ms, necks = best_ms(lambda: find_necks(kursk, **options), 10)
    print(f"Kursk #01579b 2024-10-13, {shapely.get_num_coordinates(kursk)} vertices")
    print(f"  narrowest cut alone  {floor_ms:6.2f} ms  widths {[round(w, 2) for w in widths]}")
    print(f"  erosion baseline     {base_ms:6.2f} ms  width {base_width:.1f}")
    print(f"  find_necks (3 necks) {ours_ms:6.2f} ms  widths {[round(n.width, 2) for n in necks]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
