// Number, time and duration formats: fixed, locale-independent where a test or a diff reads them.

/** Metric values with four decimals (as the API's own sentences write them), integers as they are. */
export function num(value, digits = 4) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (typeof value !== 'number') return String(value);
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(digits);
}

export function percent(value, digits = 1) {
  if (value === null || value === undefined) return '–';
  return `${(value * 100).toFixed(digits)} %`;
}

/** ISO time as "2026-12-06 01:19:16 UTC": the API's clock, not the browser's zone. */
export function time(iso) {
  if (!iso) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function seconds(value) {
  if (value === null || value === undefined) return '–';
  if (value < 1) return `${Math.round(value * 1000)} ms`;
  if (value < 120) return `${value.toFixed(1)} s`;
  return `${Math.floor(value / 60)} min ${Math.round(value % 60)} s`;
}

export function duration(startIso, endIso) {
  if (!startIso) return null;
  const end = endIso ? new Date(endIso) : new Date();
  return (end - new Date(startIso)) / 1000;
}

/** Names of metrics and statistics as people write them. */
const metricNames = {
  macroF1: 'macro-F1', microF1: 'micro-F1', f1: 'F1', auc: 'AUC', areaUnderRocCurve: 'AUC', rmse: 'RMSE', rSquared: 'R²',
  logLoss: 'log-loss', averagePrecision: 'average precision', accuracy: 'accuracy', macroAccuracy: 'macro accuracy', psi: 'PSI', jensenShannon: 'Jensen-Shannon',
  wasserstein: 'Wasserstein', kolmogorovSmirnov: 'Kolmogorov-Smirnov', chiSquare: 'chi-square', mae: 'MAE',
};

export function metricName(name) {
  return metricNames[name] ?? name;
}
