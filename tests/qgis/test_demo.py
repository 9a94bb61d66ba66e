"""`make demo` end to end: the sample through qgis_process, with the figures it prints."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_demo_prints_areas_and_analyses(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "demo.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={"PATH": "/usr/bin:/bin", "PYTHONSAFEPATH": "1", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    # The sample's salient: lobe A 140 km², a 3 km corridor, lobe B 5 x 5 km (invented shapes).
    areas = [float(a) for a in re.findall(r"ua_held_in_russia\s+\d+\s+([\d.]+)", out)]
    assert len(areas) == 3 and areas[0] > areas[1] > areas[2]
    # The occupied front advances 3 km over 60 km between the first and the last map.
    gained = float(re.search(r"gained ([\d.]+) km²", out).group(1))
    assert 170 < gained < 190
    assert re.search(r"deepest advance 30\d\d m", out)
    assert "exposed share" in out
    # Each band is a ring of the ranges: "within 10 km" had labelled the 5-10 km ring alone.
    bands = re.findall(
        r"^  (within 5 km|5-10 km|10-20 km|beyond 20 km)\s+[\d.]+ km\s+([\d.]+)%", out, re.M
    )
    assert [label for label, _ in bands] == ["within 5 km", "5-10 km", "10-20 km", "beyond 20 km"]
    assert sum(float(share) for _, share in bands) == pytest.approx(100.0, abs=0.2)
    # The corridor is 600 m wide, then 400 m, then cut: the eastern lobe becomes a pocket.
    necks = [int(n) for n in re.findall(r"^  \d{8}\s+(\d+) m$", out, re.M)]
    assert necks == [600, 400]
    # Once cut, what is left narrowest is a corner of a lobe cut at the 1 km² side limit.
    assert re.search(r"^  20250112\s+\d+ m  \(a corner cut at the 1 km² side limit", out, re.M)
    assert re.search(r"encircled\s+15\.0\d km², opening 0 m", out)
