"""The bundled sample is what tools/make_sample.py generates, in DeepState's raw format."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from frontline.core.parse import parse_map
from frontline.core.schedule import maps_in_folder

ROOT = Path(__file__).resolve().parents[2]


def load_generator():
    spec = importlib.util.spec_from_file_location("make_sample", ROOT / "tools" / "make_sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_sample_is_reproducible(tmp_path):
    load_generator().main(str(tmp_path))
    generated = sorted(p.name for p in tmp_path.iterdir())
    assert generated == sorted(p.name for p in (ROOT / "sample").glob("*.geojson"))
    for name in generated:
        assert (tmp_path / name).read_bytes() == (ROOT / "sample" / name).read_bytes(), name


def test_sample_maps_parse_like_deepstate_maps():
    maps = maps_in_folder(ROOT / "sample")
    assert len(maps) == 3
    for path in maps.values():
        parsed = parse_map(path.read_bytes())
        counts = parsed.class_counts()
        assert counts["ua_held_in_russia"] >= 1 and counts["occupied"] == 2
        assert parsed.repaired == 1  # the bow-tie
        assert {"unit", "attack_direction", "airfield"} <= set(counts)
        assert not parsed.skipped
        names = [f.name_en for f in parsed.polygons + parsed.points]
        assert all("<" not in n and "\u00a0" not in n for n in names)
