// Which metric a model is judged by: the one its latest version was selected and evaluated on (the spec's
// primaryMetric, or the task's default), as the registry recorded it.
const lowerIsBetter = new Set(['rmse', 'mae', 'mse', 'logLoss', 'meanAbsoluteError', 'rootMeanSquaredError']);

export function primaryMetric(manifest, versions) {
  return manifest?.evaluation?.metric
    ?? manifest?.parameters?.selectionMetric
    ?? Object.keys(versions?.at(-1)?.metrics ?? {})[0]
    ?? 'accuracy';
}

export function isLowerBetter(metric) {
  return lowerIsBetter.has(metric);
}
