"""Where layers lie on the sphere: the centre and reach of a cap, and boxes holding it."""

from __future__ import annotations

import math

import numpy as np
import pytest

from frontline.core.sphere import EARTH_RADIUS_M, cap_boxes, enclosing_cap, planar_stretch


def square(lon: float, lat: float, per_side: int) -> np.ndarray:
    t = np.linspace(0.0, 0.2, per_side)
    sides = [(lon + t, lat + 0 * t), (lon + 0.2 + 0 * t, lat + t), (lon + t, lat + 0.2 + 0 * t)]
    return np.vstack([np.column_stack(side) for side in sides])


def test_planar_stretch_is_the_projection_s_scale():
    assert planar_stretch(0.0) == 0.0
    far = 1000e3
    assert planar_stretch(far) == pytest.approx(1 / math.cos(far / EARTH_RADIUS_M / 2) - 1)


def test_a_cap_across_180_is_centred_there_whatever_the_drawing():
    """Patches at 130° E and 130° W: the mean of 4,000 vertices against 5 leaned towards the
    dense one, from where the other lay over 90° away."""
    for dense, sparse in ((1000, 2), (2, 1000)):
        points = np.vstack([square(130.0, 10.0, dense), square(-130.2, 10.0, sparse)])
        lon, lat, reach = enclosing_cap(points)
        # The great circle between them bulges polewards: its middle is at 15.3° N.
        assert abs(abs(lon) - 180.0) < 1.0 and lat == pytest.approx(15.3, abs=1.0)
        assert math.degrees(reach) == pytest.approx(49.0, abs=1.0)


def test_points_round_the_globe_have_no_centre():
    around = np.column_stack([np.arange(-180.0, 180.0, 30.0), np.zeros(12)])
    assert enclosing_cap(around)[2] == math.pi


def test_cap_boxes_split_at_180_and_take_every_longitude_round_a_pole():
    (one,) = cap_boxes(30.0, 50.0, 100e3)
    assert one[0] < 30.0 < one[2] and one[1] < 50.0 < one[3]
    east, west = cap_boxes(179.9, 65.0, 100e3)
    half = math.degrees(100e3 / EARTH_RADIUS_M) / math.cos(math.radians(65.0))
    assert east[2] == 180.0 and west[0] == -180.0
    assert west[2] == pytest.approx(179.9 + half - 360.0, abs=0.01)
    (polar,) = cap_boxes(0.0, 89.5, 100e3)
    assert polar[0] == -180.0 and polar[2] == 180.0 and polar[3] == 90.0
