"""A headless QGIS application with Frontline's provider, for benchmarks that need QGIS."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def start_qgis():
    """Start QGIS offscreen, initialise Processing and register Frontline; returns the app."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QGIS_CUSTOM_CONFIG_PATH", tempfile.mkdtemp(prefix="frontline-bench"))
    # Only the link, never the repository root: its processing/ would shadow QGIS's.
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT]
    for extra in (ROOT / ".build" / "plugins", ROOT / "tests"):
        if str(extra) not in sys.path:
            sys.path.insert(0, str(extra))
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append(os.path.join(app.pkgDataPath(), "python", "plugins"))
    from processing.core.Processing import Processing

    Processing.initialize()
    import frontline

    plugin = frontline.classFactory(None)
    plugin.initProcessing()
    app.frontline_plugin = plugin  # keep it alive as long as the app
    return app
