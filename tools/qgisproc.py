"""Running Frontline's algorithms through ``qgis_process`` in a throw-away QGIS profile.

Debian's ``/usr/bin/qgis_process`` wrapper passes an option that the 3.22 binary rejects, so the
binary is called directly. The plugin is found through QGIS_PLUGINPATH (the folder holding the
``frontline`` link) and enabled once per profile.
"""

from __future__ import annotations

import json
import os
import subprocess  # nosec B404 - runs the local qgis_process binary with argument lists
import sys
from pathlib import Path

QGIS_PROCESS = os.environ.get("QGIS_PROCESS", "/usr/bin/qgis_process.bin")
# The folder holding the `frontline` link (not resolved: the link is what QGIS must find).
PLUGINS_DIR = Path(os.path.abspath(__file__)).parent.parent.parent


class QgisProcessError(RuntimeError):
    pass


def python_path() -> str:
    """This interpreter's package folders, so qgis_process finds shapely >= 2 where the system's
    own Python has none (Debian 12 ships shapely 1.8)."""
    folders = [p for p in sys.path if p.endswith("site-packages") and os.path.isdir(p)]
    return os.pathsep.join([*folders, os.environ.get("PYTHONPATH", "")]).strip(os.pathsep)


def environment(profile: Path, plugins_dir: Path | None = PLUGINS_DIR) -> dict[str, str]:
    """qgis_process's environment; plugins_dir None: only plugins installed in the profile."""
    env = dict(os.environ)
    env.pop("QGIS_PLUGINPATH", None)
    if plugins_dir is not None:
        env["QGIS_PLUGINPATH"] = str(plugins_dir)
    env.update(
        PYTHONPATH=python_path(),
        QT_QPA_PLATFORM="offscreen",
        QGIS_CUSTOM_CONFIG_PATH=str(profile),
        XDG_RUNTIME_DIR=str(runtime_dir(profile)),
    )
    return env


def runtime_dir(profile: Path) -> Path:
    """A private runtime folder (Qt warns about a shared one such as /tmp)."""
    folder = Path(profile) / "runtime"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def call(
    args: list[str], profile: Path, timeout: float = 600.0, plugins_dir: Path | None = PLUGINS_DIR
) -> subprocess.CompletedProcess:
    return subprocess.run(  # nosec B603 - fixed binary, argument list, no shell
        [QGIS_PROCESS, *args],
        env=environment(profile, plugins_dir),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def enable_plugin(profile: Path, plugins_dir: Path | None = PLUGINS_DIR) -> None:
    result = call(["plugins", "enable", "frontline"], profile, plugins_dir=plugins_dir)
    if result.returncode != 0 and "already enabled" not in result.stdout + result.stderr:
        raise QgisProcessError(f"could not enable frontline:\n{result.stdout}\n{result.stderr}")


def run(
    algorithm: str,
    parameters: dict[str, object],
    profile: Path,
    plugins_dir: Path | None = PLUGINS_DIR,
) -> dict:
    """Run an algorithm; returns qgis_process's JSON answer (its ``results`` hold the outputs)."""
    args = ["--json", "run", algorithm, "--"]
    for name, value in parameters.items():
        values = value if isinstance(value, list) else [value]
        args += [f"{name}={item}" for item in values]
    result = call(args, profile, plugins_dir=plugins_dir)
    if result.returncode != 0:
        raise QgisProcessError(
            f"{algorithm} failed (exit {result.returncode}):\n{result.stdout[-4000:]}\n"
            f"{result.stderr[-4000:]}"
        )
    return json.loads(result.stdout[result.stdout.index("{") :])
