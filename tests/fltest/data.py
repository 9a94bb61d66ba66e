"""Access to the real DeepState maps and borders kept in ../shared/data (never copied here).

Geometry helpers project lon/lat to the same kind of local metric CRS that the Processing glue
uses: Lambert azimuthal equal-area on WGS84 centred on the data (exact areas, lengths within a
fraction of a percent over a few hundred kilometres).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
RAW_DIR = SHARED_DATA / "deepstate" / "raw"
HISTORY_FILE = SHARED_DATA / "deepstate" / "history" / "ukraine-war_data.json"
OCCUPIED_DISSOLVED_DIR = SHARED_DATA / "deepstate" / "occupied_dissolved"
BOUNDARIES_DIR = SHARED_DATA / "boundaries"

UA_HELD_IN_RUSSIA = "#01579b"
OCCUPIED_FILLS = ("#a52714", "#880e4f")


def require_shared_data() -> None:
    """Skip loudly when ../shared/data is absent (it is present on developer machines and CI)."""
    if not RAW_DIR.is_dir():
        pytest.skip(f"shared DeepState data not found at {RAW_DIR}")


def raw_maps() -> list[Path]:
    """All raw maps, oldest first (file names start with the UTC creation time)."""
    require_shared_data()
    return sorted(RAW_DIR.glob("deepstate_*.geojson"))


def raw_map(utc_date: str) -> Path:
    """The first raw map created on a UTC date given as YYYYMMDD or YYYY-MM-DD."""
    key = utc_date.replace("-", "")
    for path in raw_maps():
        if path.name.startswith(f"deepstate_{key}T"):
            return path
    raise FileNotFoundError(f"no raw DeepState map created on {utc_date}")


def map_id(path: Path) -> int:
    return int(path.stem.rsplit("_", 1)[1])


@lru_cache(maxsize=64)
def _features(path: Path) -> tuple[dict, ...]:
    return tuple(json.loads(path.read_text(encoding="utf-8"))["features"])


def fill_polygons(path: Path, fills: Iterable[str]) -> BaseGeometry:
    """Union (lon/lat, 2D) of a map's polygons whose `fill` is one of `fills`."""
    wanted = {f.lower() for f in fills}
    geoms = []
    for feature in _features(path):
        fill = str(feature.get("properties", {}).get("fill", "")).lower()
        geom = feature.get("geometry")
        if fill in wanted and geom and geom["type"] != "Point":
            parts = shapely.get_parts(shapely.make_valid(shapely.force_2d(shape(geom))))
            geoms += [g for g in parts if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(geoms)


def history_record(snapshot_id: int) -> dict:
    records = json.loads(HISTORY_FILE.read_text(encoding="utf-8"))
    for record in records:
        if record["id"] == snapshot_id:
            return record
    raise KeyError(snapshot_id)


def boundary(name: str) -> BaseGeometry:
    """A geometry from ../shared/data/boundaries (file name without .geojson), unioned."""
    data = json.loads((BOUNDARIES_DIR / f"{name}.geojson").read_text(encoding="utf-8"))
    feats = data["features"] if data.get("type") == "FeatureCollection" else [data]
    return shapely.union_all([shapely.force_2d(shape(f["geometry"])) for f in feats])


def laea(lon0: float, lat0: float) -> str:
    return f"+proj=laea +lat_0={lat0} +lon_0={lon0} +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"


def to_metric(geom: BaseGeometry, lon0: float, lat0: float) -> BaseGeometry:
    from pyproj import Transformer

    t = Transformer.from_crs("EPSG:4326", laea(lon0, lat0), always_xy=True)
    return shapely.transform(geom, lambda xy: _apply(t, xy))


def to_lonlat(geom: BaseGeometry, lon0: float, lat0: float) -> BaseGeometry:
    from pyproj import Transformer

    t = Transformer.from_crs(laea(lon0, lat0), "EPSG:4326", always_xy=True)
    return shapely.transform(geom, lambda xy: _apply(t, xy))


def _apply(transformer, xy):
    import numpy as np

    x, y = transformer.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def geodesic_area_km2(geom: BaseGeometry) -> float:
    """Area on the WGS84 ellipsoid of a lon/lat geometry (pyproj's Geod, an independent check)."""
    from pyproj import Geod

    return abs(Geod(ellps="WGS84").geometry_area_perimeter(geom)[0]) / 1e6


def geodesic_length_m(geom: BaseGeometry) -> float:
    from pyproj import Geod

    return Geod(ellps="WGS84").geometry_length(geom)
