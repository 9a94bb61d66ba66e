"""Processing feedback that records what an algorithm says, for assertions."""

from __future__ import annotations

from qgis.core import QgsProcessingFeedback


class RecordingFeedback(QgsProcessingFeedback):
    def __init__(self) -> None:
        super().__init__()
        self.warnings: list[str] = []
        self.infos: list[str] = []

    def pushWarning(self, warning: str) -> None:
        self.warnings.append(warning)

    def pushInfo(self, info: str) -> None:
        self.infos.append(info)


class CancelOnProgress(RecordingFeedback):
    """Cancels itself at the first progress above 0: after the first part, map or step."""

    def setProgress(self, progress: float) -> None:
        super().setProgress(progress)
        if progress > 0:
            self.cancel()
