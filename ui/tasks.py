"""Background work of the dock: Processing algorithms and DeepState look-ups in a QgsTask.

A ``JobTask`` runs a job (a plain function) on a worker thread. The job gets a ``JobRun``:
a Processing context and feedback made on that thread, and ``run_alg`` to chain Frontline's
algorithms into memory layers. When the job is done the context is handed to the GUI thread,
and ``finished()`` (GUI thread) calls the task's ``on_finished`` callback, which takes the
layers it wants out of the context. A task that fails or is cancelled hands over nothing: its
memory layers die with its context.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from qgis.core import (
    QgsApplication,
    QgsCoordinateTransformContext,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingMultiStepFeedback,
    QgsProcessingParameterDefinition,
    QgsProject,
    QgsTask,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..core.errors import DeepStateCancelledError, DeepStateError, DeepStateNetworkError
from ..processing.deepstate_access import error_text

log = logging.getLogger(__name__)


def tr(text: str) -> str:
    return QCoreApplication.translate("Frontline", text)


class JobCancelledError(Exception):
    """Raised inside a job when the user cancelled it."""


class NetworkFailure(QgsProcessingException):
    """DeepState could not be reached (no answer at all, as opposed to an HTTP error)."""


def algorithm_available(algorithm_id: str) -> bool:
    return QgsApplication.processingRegistry().algorithmById(algorithm_id) is not None


class JobRun:
    """What a job sees on the worker thread."""

    def __init__(
        self,
        feedback: QgsProcessingFeedback,
        steps: int,
        transform_context: QgsCoordinateTransformContext,
    ) -> None:
        self.context = QgsProcessingContext()  # made on the worker thread: its layers live here
        # No project: the user may change it meanwhile, and a layer looked up there would be
        # read from this thread. Jobs only use layers of their own context.
        self.context.setTransformContext(transform_context)
        self.context.setFeedback(feedback)
        self.feedback = feedback
        self.steps = QgsProcessingMultiStepFeedback(max(1, steps), feedback)
        self._step = 0

    def check_cancelled(self) -> None:
        if self.feedback.isCanceled():
            raise JobCancelledError()

    def next_step(self) -> QgsProcessingFeedback:
        """Start the next step; its progress (0-100) is a share of the task's progress."""
        self.check_cancelled()
        self.steps.setCurrentStep(self._step)
        self._step += 1
        return self.steps

    def run_alg(self, algorithm_id: str, parameters: dict) -> dict:
        """Run one algorithm as the next step; layer outputs stay in the context (ids)."""
        from qgis import processing

        self.next_step()
        algorithm = QgsApplication.processingRegistry().algorithmById(algorithm_id)
        if algorithm is None:
            raise QgsProcessingException(
                tr("The algorithm {} is not installed.").format(algorithm_id)
            )
        parameters = with_required_outputs(algorithm, parameters)
        results = processing.run(
            algorithm_id,
            parameters,
            context=self.context,
            feedback=self.steps,
            is_child_algorithm=True,
        )
        self.check_cancelled()
        return results


def with_required_outputs(algorithm, parameters: dict) -> dict:
    """Parameters with every output the caller left out: mandatory ones to temporary outputs,
    optional ones off (an optional output left unset may otherwise be created by default)."""
    filled = dict(parameters)
    for definition in algorithm.destinationParameterDefinitions():
        if definition.name() not in filled:
            optional = definition.flags() & QgsProcessingParameterDefinition.FlagOptional
            filled[definition.name()] = None if optional else QgsProcessing.TEMPORARY_OUTPUT
    return filled


class JobTask(QgsTask):
    """Runs ``job(run)`` on a worker thread; ``on_finished(task)`` runs on the GUI thread.

    After the task ends: ``ok`` (the job returned), ``cancelled``, ``error`` (a one-line
    message), ``value`` (what the job returned) and ``context`` (the Processing context, now
    owned by the GUI thread, holding the job's layers).
    """

    def __init__(
        self,
        description: str,
        job: Callable[[JobRun], Any],
        steps: int = 1,
        on_finished: Callable[[JobTask], None] | None = None,
    ) -> None:
        super().__init__(description, QgsTask.CanCancel)
        self.job = job
        self.steps = steps
        self.on_finished = on_finished
        self.feedback = QgsProcessingFeedback()
        self.feedback.progressChanged.connect(self.setProgress)
        # Read here, on the GUI thread, not by the worker.
        self.transform_context = QgsCoordinateTransformContext(
            QgsProject.instance().transformContext()
        )
        self.ok = False
        self.cancelled = False
        self.error = ""
        self.network_failed = False
        self.adds_layers = True  # a task whose results go into the project
        self.value: Any = None
        self.context: QgsProcessingContext | None = None

    def cancel(self) -> None:
        self.feedback.cancel()  # stops downloads and algorithms at their next check
        super().cancel()

    def run(self) -> bool:
        run = None
        try:
            run = JobRun(self.feedback, self.steps, self.transform_context)
            self.value = self.job(run)
            if self.feedback.isCanceled() or self.isCanceled():
                raise JobCancelledError()
            self.ok = True
        except JobCancelledError:
            self.cancelled = True
        except QgsProcessingException as error:
            self.error = one_line(str(error))
            self.network_failed = isinstance(error, NetworkFailure)
        except DeepStateCancelledError:
            self.cancelled = True
        except DeepStateError as error:  # the client's own message, translated
            self.error = one_line(error_text(error))
            self.network_failed = isinstance(error, DeepStateNetworkError)
        except Exception as error:  # a bug must end in a message, never kill the GUI
            if self.feedback.isCanceled():
                self.cancelled = True
            else:
                log.exception("Frontline task failed")
                self.error = one_line(f"{type(error).__name__}: {error}")
        finally:
            if run is not None:
                if self.ok:
                    run.context.pushToThread(QCoreApplication.instance().thread())
                    self.context = run.context
                else:
                    run.context.temporaryLayerStore().removeAllMapLayers()
        if self.isCanceled() or self.feedback.isCanceled():
            self.cancelled = True
            self.ok = False
        return self.ok

    def finished(self, result: bool) -> None:
        if not result:
            self.ok = False
            if not self.error:
                self.cancelled = True
        elif self.feedback.isCanceled():
            # Cancelled (or the project cleared) after the worker returned but before this
            # ran on the GUI thread: its results must not land in the project.
            self.ok = False
            self.cancelled = True
        callback, self.on_finished = self.on_finished, None
        if callback is not None:
            try:
                callback(self)
            finally:
                self.context = None
        self.context = None


_GENERIC_FIRST_LINES = ("Unable to execute algorithm",)


def one_line(text: str) -> str:
    """The first non-empty line of a message (Processing messages may carry a trailing one),
    or the reason after Processing's generic "Unable to execute algorithm" heading."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > 1 and lines[0] in _GENERIC_FIRST_LINES:
        return " ".join(lines[1:])
    return lines[0] if lines else text.strip()
