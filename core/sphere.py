"""Where layers lie on the sphere, for choosing one local projection (no QGIS here).

The glue projects every run into one Lambert azimuthal equal-area CRS. Usually the centre of
the layers' lon/lat box will do; for layers across 180° or round a pole, whose box spans
-180 to 180, these functions find the centre and reach from the vertices themselves.
"""

from __future__ import annotations

import math

import numpy as np

EARTH_RADIUS_M = 6_371_008.8  # mean radius: the error estimates need no more
_CENTRE_STEPS = 200  # steps towards the smallest enclosing cap's centre


def planar_stretch(far_m: float) -> float:
    """The largest relative error of planar distances ``far_m`` from the centre of a Lambert
    azimuthal equal-area projection: at an angle c from it, lengths along the radius shrink
    by cos(c/2) and across it stretch by 1/cos(c/2)."""
    error = 1.0 / math.cos(min(far_m / EARTH_RADIUS_M / 2.0, 1.5)) - 1.0
    return error if math.isfinite(error) else math.inf


def enclosing_cap(lonlat: np.ndarray) -> tuple[float, float, float]:
    """(lon, lat, reach in radians) of a cap holding the (n, 2) lon/lat points: its centre is
    the smallest enclosing cap's, near enough (stepping ever less towards the farthest point,
    after Badoiu and Clarkson), so that a densely drawn part does not pull it as it does the
    mean. Points spread evenly round the globe give reach pi."""
    lon, lat = np.radians(lonlat).T
    xyz = np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])
    centre = xyz.mean(axis=0)
    norm = float(np.linalg.norm(centre))
    if norm <= 1e-9:
        return 0.0, 0.0, math.pi
    centre = centre / norm
    for k in range(1, _CENTRE_STEPS + 1):
        far = xyz[int(np.argmin(xyz @ centre))]
        centre = centre + (far - centre) / (k + 1)
        centre = centre / np.linalg.norm(centre)
    reach = float(np.arccos(np.clip(xyz @ centre, -1.0, 1.0)).max())
    return math.degrees(math.atan2(centre[1], centre[0])), math.degrees(math.asin(centre[2])), reach


def cap_boxes(lon0: float, lat0: float, reach_m: float) -> list[tuple[float, float, float, float]]:
    """Lon/lat boxes (west, south, east, north) holding the cap of ``reach_m`` metres about
    (lon0, lat0): one, or two where it crosses 180°; a cap round a pole takes every
    longitude."""
    reach = min(reach_m / EARTH_RADIUS_M, math.pi)
    south, north = lat0 - math.degrees(reach), lat0 + math.degrees(reach)
    if north >= 90.0 or south <= -90.0 or math.sin(reach) >= math.cos(math.radians(lat0)):
        return [(-180.0, max(south, -90.0), 180.0, min(north, 90.0))]
    half = math.degrees(math.asin(math.sin(reach) / math.cos(math.radians(lat0))))
    west, east = lon0 - half, lon0 + half
    if west < -180.0:
        return [(west + 360.0, south, 180.0, north), (-180.0, south, east, north)]
    if east > 180.0:
        return [(west, south, 180.0, north), (-180.0, south, east - 360.0, north)]
    return [(west, south, east, north)]
