// Chart.js (vendored as vendor/chart.umd.js, a global) behind a few shapes the pages use. Each chart is a canvas
// with role="img" and a sentence saying what it shows; the numbers it draws are in a table beside it, which is the
// text alternative for anyone who cannot see the chart.
import { h } from './dom.js';

const live = new Set();

/** Colour-blind-safe categorical palette (Okabe-Ito), dark enough against white. */
export const palette = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000', '#8c6d1f'];

applyDefaults();

function applyDefaults() {
  if (!window.Chart) return;
  window.Chart.defaults.animation = false;
  window.Chart.defaults.maintainAspectRatio = false;
  window.Chart.defaults.font.family = 'system-ui, sans-serif';
  window.Chart.defaults.color = '#1b1f24';
}

/** Destroys every chart of the page being left. */
export function destroyCharts() {
  for (const chart of live) chart.destroy();
  live.clear();
}

/** A figure holding one chart: `description` is read by screen readers, `caption` shown under it. */
export function chart(description, config, { size = '', caption } = {}) {
  const canvas = h('canvas', { role: 'img', 'aria-label': description });
  canvas.textContent = description;
  const figure = h('figure', { class: 'figure' }, h('div', { class: `chart ${size}` }, canvas), caption ? h('figcaption', { class: 'muted' }, caption) : null);
  if (window.Chart) {
    live.add(new window.Chart(canvas, config));
  }
  return figure;
}

export function sparkline(description, labels, values) {
  return chart(description, {
    type: 'line',
    data: { labels, datasets: [{ data: values, borderColor: palette[0], pointRadius: 2, borderWidth: 2, tension: 0 }] },
    options: {
      plugins: { legend: { display: false }, tooltip: { enabled: true } },
      scales: { x: { display: false }, y: { display: false } },
    },
  }, { size: 'spark' });
}

/** Bars of counts: a histogram (lower..upper labels) or top categories. */
export function bars(description, labels, values, { horizontal = false, size = 'small', label = 'rows' } = {}) {
  return chart(description, {
    type: 'bar',
    data: { labels, datasets: [{ label, data: values, backgroundColor: palette[0] }] },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      plugins: { legend: { display: false } },
      scales: { x: { ticks: { maxRotation: 45, autoSkip: true } } },
    },
  }, { size });
}

/**
 * A line of estimates with its interval as a shaded band between lower and upper, and optional reference lines
 * (zero, a baseline).
 */
export function intervalChart(description, labels, estimate, lower, upper, { name = 'estimate', references = [], caption } = {}) {
  const datasets = [
    { label: 'upper', data: upper, borderColor: 'rgba(0,114,178,0.35)', backgroundColor: 'rgba(0,114,178,0.15)', pointRadius: 0, fill: '+1' },
    { label: 'lower', data: lower, borderColor: 'rgba(0,114,178,0.35)', pointRadius: 0, fill: false },
    { label: name, data: estimate, borderColor: palette[0], backgroundColor: palette[0], pointRadius: 3, borderWidth: 2 },
    ...references.map((reference, i) => ({
      label: reference.label, data: labels.map(() => reference.value), borderColor: palette[1 + i], borderDash: [6, 4], pointRadius: 0, borderWidth: 1.5,
    })),
  ];
  return chart(description, { type: 'line', data: { labels, datasets }, options: { spanGaps: true } }, { caption });
}
