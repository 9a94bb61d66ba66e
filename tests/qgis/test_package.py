"""The release zip: the plugin repository's rules, then a real install in a fresh profile."""

from __future__ import annotations

import configparser
import importlib.util
import re
import zipfile
from pathlib import Path

import pytest

from frontline.tools import qgisproc

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample"
REQUIRED_METADATA = (
    "name",
    "qgisMinimumVersion",
    "description",
    "about",
    "version",
    "author",
    "email",
    "repository",
    "tracker",
    "homepage",
    "tags",
    "category",
)
FORBIDDEN_PARTS = {"tests", "tools", "bench", "__pycache__", ".git", ".venv", ".build", "dist"}
BINARY_SUFFIXES = {".pyc", ".pyo", ".so", ".dll", ".exe", ".dylib", ".bin", ".pyd"}
MAX_ZIP_BYTES = 20 * 2**20  # the plugin repository's upload limit


def load_packager():
    spec = importlib.util.spec_from_file_location("package", ROOT / "tools" / "package.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    return load_packager().build(tmp_path_factory.mktemp("dist"))


def test_zip_follows_the_plugin_repository_rules(release):
    assert re.fullmatch(r"frontline-\d+\.\d+\.\d+\.zip", release.name)
    assert release.stat().st_size < MAX_ZIP_BYTES
    with zipfile.ZipFile(release) as archive:
        names = archive.namelist()
        assert {name.split("/")[0] for name in names} == {"frontline"}
        for name in names:
            parts = set(Path(name).parts)
            assert not parts & FORBIDDEN_PARTS, name
            assert Path(name).suffix not in BINARY_SUFFIXES, name
        for needed in ("metadata.txt", "__init__.py", "LICENSE", "plugin.py"):
            assert f"frontline/{needed}" in names
        assert any(n.startswith("frontline/icons/") for n in names)
        metadata = configparser.ConfigParser()
        metadata.read_string(archive.read("frontline/metadata.txt").decode("utf-8"))
    general = metadata["general"]
    for key in REQUIRED_METADATA:
        assert general.get(key, "").strip(), key
    assert general["name"] == "Frontline"
    assert general["qgisMinimumVersion"] == "3.22"
    assert general["hasProcessingProvider"] == "yes"
    assert re.fullmatch(r"\d+\.\d+\.\d+", general["version"])
    assert release.name == f"frontline-{general['version']}.zip"
    assert "shapely" in general["about"]
    for url_key in ("repository", "tracker", "homepage"):
        assert general[url_key].startswith("https://")
    assert f"frontline/{general['icon']}" in names


def install(release: Path, profile: Path) -> None:
    plugins = profile / "profiles" / "default" / "python" / "plugins"
    plugins.mkdir(parents=True)
    with zipfile.ZipFile(release) as archive:
        archive.extractall(plugins)


def sample_map(index: int) -> Path:
    return sorted(SAMPLE.glob("frontline_sample_2*.geojson"))[index]


def runs(tmp: Path) -> dict[str, dict]:
    """One small real run per algorithm, on the project's own sample."""
    areas = tmp / "areas.gpkg"
    later = tmp / "later.gpkg"
    return {
        "deepstatesnapshot": {"SOURCE_FILE": sample_map(0), "OUTPUT": areas},
        "deepstateseries": {
            "SOURCE_FOLDER": SAMPLE,
            "OUTPUT": tmp / "s.gpkg",
            "OUTPUT_TABLE": tmp / "t.gpkg",
        },
        "frontlinediff": {"BEFORE": areas, "AFTER": later, "OUTPUT": tmp / "d.gpkg"},
        "routeexposure": {
            "ROUTES": SAMPLE / "frontline_sample_route.geojson",
            "HOSTILE": areas,
            "OUTPUT": tmp / "r.gpkg",
        },
        "corridorwidth": {
            "INPUT": f"{areas}|subset=class='ua_held_in_russia'",
            "OUTPUT": tmp / "c.gpkg",
        },
        "encirclement": {
            "HELD": f"{later}|subset=class='ua_held_in_russia'",
            "OUTPUT": tmp / "e.gpkg",
            "OUTPUT_LINKS": tmp / "l.gpkg",
        },
    }


def test_installed_zip_lists_and_runs_every_algorithm(release, tmp_path):
    from frontline.processing.provider import algorithm_classes

    profile = tmp_path / "profile"
    install(release, profile)
    qgisproc.enable_plugin(profile, plugins_dir=None)
    listing = qgisproc.call(["list"], profile, plugins_dir=None).stdout
    ids = [cls.ALGORITHM_ID for cls in algorithm_classes()]
    for algorithm in ids:
        assert f"frontline:{algorithm}" in listing
    specs = runs(tmp_path)
    assert set(ids) <= set(specs), "every algorithm needs a run in this test"
    qgisproc.run(
        "frontline:deepstatesnapshot",
        {
            "SOURCE_FILE": sample_map(2),
            "OUTPUT": tmp_path / "later.gpkg",
        },
        profile,
        plugins_dir=None,
    )
    for algorithm in ids:
        answer = qgisproc.run(f"frontline:{algorithm}", specs[algorithm], profile, plugins_dir=None)
        assert answer["results"], algorithm
