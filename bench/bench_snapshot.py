"""Benchmark of frontline:deepstatesnapshot on one real ~620 KB DeepState map.

Times, in one run and one process: parse + classify + measure + write to GeoPackage through
the algorithm (SOURCE_FILE); the core's parse and classify alone; GDAL converting the same file
to GeoPackage (in-process gdal.VectorTranslate, and the ogr2ogr command); a cached load (the
map fetched once from a local server, then loaded again by id from the cache). Reports the
ratio to GDAL.

Run: .venv/bin/python bench/bench_snapshot.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess  # nosec B404 - runs ogr2ogr with an argument list
import sys
import tempfile
import time
from pathlib import Path

from qgis_app import start_qgis

GOAL_RATIO = 1.5
PARSE_GOAL_S = 0.05  # the core's parse and classify of one ~600 KB map


def best_of(repeat: int, action) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    app = start_qgis()  # noqa: F841 - keeps QGIS alive
    from osgeo import gdal
    from qgis import processing
    from qgis.core import QgsSettings

    from fltest import data
    from fltest.deepstate_server import DeepStateSite, FakeDeepStateServer
    from frontline.core.parse import parse_map
    from frontline.processing.deepstate_access import SETTING_CACHE_DIR

    gdal.UseExceptions()
    source = data.raw_map("20250802")
    work = Path(tempfile.mkdtemp(prefix="frontline-bench-snapshot"))
    counter = iter(range(10_000))

    def ours():
        out = work / f"ours_{next(counter)}.gpkg"
        # Polygons and points, like ogr2ogr's copy of every feature.
        processing.run(
            "frontline:deepstatesnapshot",
            {
                "SOURCE_FILE": str(source),
                "OUTPUT": str(out),
                "OUTPUT_POINTS": str(out.with_name(out.stem + "_points.gpkg")),
            },
        )

    def gdal_in_process():
        out = work / f"gdal_{next(counter)}.gpkg"
        gdal.VectorTranslate(str(out), str(source), format="GPKG")

    def ogr2ogr():
        out = work / f"ogr_{next(counter)}.gpkg"
        subprocess.run(["ogr2ogr", "-f", "GPKG", str(out), str(source)], check=True)  # nosec

    QgsSettings().setValue(SETTING_CACHE_DIR, str(work / "cache"))
    site = DeepStateSite([source])
    snapshot_id = data.map_id(source)
    with FakeDeepStateServer(site) as server:

        def cached():
            out = work / f"cached_{next(counter)}.gpkg"
            processing.run(
                "frontline:deepstatesnapshot",
                {
                    "SNAPSHOT_ID": snapshot_id,
                    "BASE_URL": server.base_url,
                    "OUTPUT": str(out),
                },
            )

        cached()  # fills the cache
        downloads_before = len(site.paths_requested())
        body = source.read_bytes()
        steps = {
            "frontline:deepstatesnapshot (file)": ours,
            "parse_map (core: parse, classify)": lambda: parse_map(body),
            "gdal.VectorTranslate (in-process)": gdal_in_process,
            "ogr2ogr (command)": ogr2ogr,
            "frontline:deepstatesnapshot (cached)": cached,
        }
        timed = {name: best_of(args.repeat, step) for name, step in steps.items()}
        assert len(site.paths_requested()) == downloads_before, "the cached load downloaded"
    print(f"map: {source.name} ({source.stat().st_size / 1024:.0f} KB)")
    print(f"{'step':<40}{'best s':>9}{'median s':>10}")
    for name, (best, median) in timed.items():
        print(f"{name:<40}{best:>9.3f}{median:>10.3f}")
    file_s = timed["frontline:deepstatesnapshot (file)"][0]
    ratio_cli = file_s / timed["ogr2ogr (command)"][0]
    ratio_gdal = file_s / timed["gdal.VectorTranslate (in-process)"][0]
    parse_s = timed["parse_map (core: parse, classify)"][0]
    print(
        f"ratio to ogr2ogr: {ratio_cli:.2f} (goal <= {GOAL_RATIO}); "
        f"to in-process GDAL: {ratio_gdal:.2f}; parse_map {parse_s:.3f} s "
        f"(goal < {PARSE_GOAL_S} s)"
    )
    return 0 if ratio_cli <= GOAL_RATIO and parse_s < PARSE_GOAL_S else 1


if __name__ == "__main__":
    sys.exit(main())
