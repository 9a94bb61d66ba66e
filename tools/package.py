"""`make package`: the release zip for the QGIS plugin repository.

dist/frontline-<version>.zip holds one top folder, frontline/, with only what the plugin runs
on: metadata, code, the .ui form, icons, compiled translations and the licence. Tests, tools,
benchmarks, caches and development files stay out.

Usage: python tools/package.py [OUTPUT_DIR]
"""

from __future__ import annotations

import configparser
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOP_FILES = ("metadata.txt", "__init__.py", "plugin.py", "LICENSE", "README.md", "CHANGELOG.md")
PACKAGES = ("core", "processing", "ui")
SUFFIXES = {
    "core": (".py",),
    "processing": (".py",),
    "ui": (".py", ".ui", ".svg", ".png"),
    "icons": (".svg", ".png"),
    "i18n": (".qm",),
    "models": (".model3",),
}


def plugin_version() -> str:
    metadata = configparser.ConfigParser()
    metadata.read(ROOT / "metadata.txt", encoding="utf-8")
    return metadata["general"]["version"]


def release_files() -> list[Path]:
    """Files of the release, relative to the repository root, in a stable order."""
    files = [Path(name) for name in TOP_FILES]
    for folder, suffixes in SUFFIXES.items():
        base = ROOT / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            relative = path.relative_to(ROOT)
            if path.is_file() and path.suffix in suffixes and "__pycache__" not in relative.parts:
                files.append(relative)
    return files


def build(output_dir: Path) -> Path:
    output_dir.mkdir(parents=True, exist_ok=True)
    target = output_dir / f"frontline-{plugin_version()}.zip"
    partial = target.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for relative in release_files():
            archive.write(ROOT / relative, Path("frontline") / relative)
    partial.replace(target)  # never leave a half-written zip under the final name
    return target


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist"))
