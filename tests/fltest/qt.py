"""Waiting on the Qt event loop in tests (and tools that drive the GUI)."""

from __future__ import annotations

from collections.abc import Callable

from qgis.PyQt.QtCore import QEventLoop, QTimer

TOOLBAR = "FrontlineTestPluginToolbar"  # the plugins toolbar of the test main window


def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    """Run the Qt event loop until ``condition()`` holds (checked every 10 ms)."""
    if condition():
        return
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(10)
    poll.timeout.connect(lambda: condition() and loop.quit())
    give_up = QTimer()
    give_up.setSingleShot(True)
    give_up.timeout.connect(loop.quit)
    poll.start()
    give_up.start(int(timeout * 1000))
    loop.exec_()
    poll.stop()
    give_up.stop()
    assert condition(), f"gave up after {timeout} s"
