"""Benchmark of the pure-core diff and series (no QGIS).

1. A diff of the whole-map occupied areas (#a52714 and #880e4f, about 3,600 vertices each) of
   two DeepState maps, beside the bare shapely overlay on the same geometries (difference both
   ways and the four areas), interleaved in one run. Goal: diff within 2x of the bare overlay.
2. series_rows over 46 maps x 5 classes. Goal: well under the 30 s the QGIS algorithm may take
   in all (loading the maps included).

Run from the repository root: .venv/bin/python bench/bench_diff.py [--html PAGE.html]
Times are CPU times (time.process_time), the best and the median of several rounds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / ".build" / "plugins"), str(REPO / "tests")]

import shapely  # noqa: E402

from fltest import data  # noqa: E402
from frontline.core.diff import diff_fronts  # noqa: E402
from frontline.core.series import series_chart_html, series_rows  # noqa: E402

CENTRE = (34.5, 48.5)  # whole Ukraine: one LAEA centre for every map
DIFF_PAIR = ("2025-07-01", "2025-08-02")
ROUNDS = 21
SERIES_MAPS = 46
CLASSES = {
    "occupied": data.OCCUPIED_FILLS,
    "grey zone (Ukraine)": ("#bcaaa4",),
    "liberated": ("#0f9d58", "#0288d1"),
    "Ukrainian-held (Russia)": (data.UA_HELD_IN_RUSSIA,),
    "grey zone (Russia)": ("#bdbdbd",),
}


def _timed(function) -> float:
    start = time.process_time()
    function()
    return time.process_time() - start


def bench_diff() -> bool:
    before = data.to_metric(
        data.fill_polygons(data.raw_map(DIFF_PAIR[0]), data.OCCUPIED_FILLS), *CENTRE
    )
    after = data.to_metric(
        data.fill_polygons(data.raw_map(DIFF_PAIR[1]), data.OCCUPIED_FILLS), *CENTRE
    )

    def bare():
        gained = shapely.difference(after, before)
        lost = shapely.difference(before, after)
        return gained.area, lost.area, before.area, after.area

    result = diff_fronts(before, after)
    bare_times, diff_times = [], []
    for _ in range(ROUNDS):  # interleaved, so both see the same machine load
        bare_times.append(_timed(bare))
        diff_times.append(_timed(lambda: diff_fronts(before, after)))
    best_ratio = min(diff_times) / min(bare_times)
    median_ratio = statistics.median(diff_times) / statistics.median(bare_times)
    print(f"diff of occupied areas {DIFF_PAIR[0]} -> {DIFF_PAIR[1]}")
    print(
        f"  vertices {shapely.get_num_coordinates(before)} / {shapely.get_num_coordinates(after)};"
        f" {len(result.pieces)} pieces over 0.01 km², net {result.net_area / 1e6:.1f} km²,"
        f" max depth {result.max_depth / 1000:.1f} km"
    )
    print(
        f"  bare overlay: best {min(bare_times) * 1000:.1f} ms,"
        f" median {statistics.median(bare_times) * 1000:.1f} ms"
    )
    print(
        f"  diff_fronts:  best {min(diff_times) * 1000:.1f} ms,"
        f" median {statistics.median(diff_times) * 1000:.1f} ms"
    )
    print(f"  ratio diff / bare: best {best_ratio:.2f}, median {median_ratio:.2f} (goal <= 2)")
    return best_ratio <= 2.0


def bench_series(html_path: Path | None) -> bool:
    paths = data.raw_maps()[-SERIES_MAPS:]
    start = time.process_time()
    snapshots = []
    for path in paths:
        when = datetime.fromtimestamp(data.map_id(path), tz=timezone.utc)
        classes = {
            name: data.to_metric(data.fill_polygons(path, fills), *CENTRE)
            for name, fills in CLASSES.items()
        }
        snapshots.append((when, classes))
    load = time.process_time() - start
    start = time.process_time()
    rows = series_rows(snapshots, list(CLASSES))
    series = time.process_time() - start
    start = time.process_time()
    page = series_chart_html(rows, f"DeepState areas, {len(paths)} maps")
    chart = time.process_time() - start
    print(f"series over {len(paths)} maps x {len(CLASSES)} classes ({len(rows)} rows)")
    print(f"  loading and projecting the maps (test helpers, not core): {load:.2f} s")
    print(f"  series_rows: {series:.2f} s;  series_chart_html: {chart * 1000:.1f} ms")
    if html_path is not None:
        html_path.write_text(page, encoding="utf-8")
        print(f"  chart page written to {html_path}")
    return series < 10.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, help="write the series chart page here")
    args = parser.parse_args()
    print(f"shapely {shapely.__version__}, GEOS {shapely.geos_version_string}")
    diff_ok = bench_diff()
    series_ok = bench_series(args.html)
    return 0 if diff_ok and series_ok else 1


if __name__ == "__main__":
    sys.exit(main())
