"""Graphical models (Model Designer's .model3) built in code around Frontline's algorithms."""

from __future__ import annotations

from qgis.core import (
    QgsApplication,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProject,
)


def run_as_batch(algorithm_id: str, parameters: dict) -> tuple[dict, bool]:
    """As the batch dialog and a model's step run an algorithm: run() without
    checkParameterValues."""
    algorithm = QgsApplication.processingRegistry().createAlgorithmById(algorithm_id)
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    return algorithm.run(parameters, context, QgsProcessingFeedback())


def one_step_model(
    algorithm_id: str, exposed: list[str], outputs: list[str], fixed: dict | None = None
):
    """A model with one child step: `exposed` parameters become model inputs (same names),
    `fixed` ones get static values, the others their defaults (as the Model Designer fills
    them in), and `outputs` become model outputs named after the child's."""
    definition = QgsApplication.processingRegistry().algorithmById(algorithm_id)
    assert definition is not None, algorithm_id
    model = QgsProcessingModelAlgorithm("one step", "frontline tests")
    child = QgsProcessingModelChildAlgorithm(algorithm_id)
    child.setChildId("step")
    child.setDescription(definition.displayName())
    static = {
        p.name(): p.defaultValue()
        for p in definition.parameterDefinitions()
        if not p.isDestination() and p.defaultValue() is not None
    }
    static.update(fixed or {})
    for name in exposed:
        static.pop(name, None)
        model.addModelParameter(
            definition.parameterDefinition(name).clone(), QgsProcessingModelParameter(name)
        )
        source = QgsProcessingModelChildParameterSource.fromModelParameter(name)
        child.addParameterSources(name, [source])
    for name, value in static.items():
        source = QgsProcessingModelChildParameterSource.fromStaticValue(value)
        child.addParameterSources(name, [source])
    model_outputs = {}
    for name in outputs:
        output = QgsProcessingModelOutput(name)
        output.setChildId("step")
        output.setChildOutputName(name)
        model_outputs[name] = output
    child.setModelOutputs(model_outputs)
    model.addChildAlgorithm(child)
    return model
