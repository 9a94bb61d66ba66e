"""What the analyses report on every real Kursk map in ../shared/data (for release notes).

For each map with Ukrainian-held ground in Russia (2024-08 to 2025-04): the narrowest neck
(width, place, sides), and near-encirclement without REAR and with REAR (Ukraine less the
occupied and grey ground inside it): the pockets with their status, area and opening.

Usage: python tools/report_real_maps.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT / ".build" / "plugins", ROOT / "tests"):
    sys.path.insert(0, str(extra))

import shapely  # noqa: E402

from fltest import data  # noqa: E402
from frontline.core.encirclement import detect_encirclement  # noqa: E402
from frontline.core.necks import find_necks  # noqa: E402

LON0, LAT0 = 35.2, 51.3


def place(geometry) -> str:
    point = data.to_lonlat(geometry.centroid, LON0, LAT0)
    return f"{point.x:.3f} E {point.y:.3f} N"


def pockets(result) -> str:
    found = [p for p in result.pieces if p.is_pocket]
    if not found:
        return "none"
    return "; ".join(
        f"{p.status} {p.area / 1e6:.1f} km² at {place(p.geometry)}"
        + (f", opening {p.opening:.0f} m" if p.opening else "")
        for p in sorted(found, key=lambda p: -p.area)
    )


def main() -> int:
    ukraine = data.boundary("ua_osm20231002_polygon_clip")
    for path in data.raw_maps():
        held_lonlat = data.fill_polygons(path, [data.UA_HELD_IN_RUSSIA])
        if held_lonlat.is_empty:
            continue
        held = data.to_metric(held_lonlat, LON0, LAT0)
        enemy = data.fill_polygons(path, ["#a52714", "#880e4f", "#bcaaa4"])
        rear = data.to_metric(shapely.difference(ukraine, enemy), LON0, LAT0)
        necks = find_necks(held, min_lobe_area=1e6, max_width=5000.0, max_necks=1)
        narrowest = min(necks, key=lambda n: n.width, default=None)
        day = path.name.split("_")[1][:8]
        print(f"{day[:4]}-{day[4:6]}-{day[6:]}  held {held.area / 1e6:7.1f} km²")
        if narrowest is not None:
            print(
                f"  narrowest neck {narrowest.width:6.0f} m at {place(narrowest.chord)}, "
                f"sides {narrowest.side_a_area / 1e6:.1f} / {narrowest.side_b_area / 1e6:.1f} km²"
            )
        else:
            print("  no neck")
        print(f"  pockets without REAR: {pockets(detect_encirclement(held))}")
        print(f"  pockets with REAR:    {pockets(detect_encirclement(held, rear=rear))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
