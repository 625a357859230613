// Monitoring of a model's champion: drift per feature per window as a heatmap, decay with its interval, actions.
import { getJson, postJson, enc } from '../api.js';
import { h, fill, badge, link, table, facts, announce } from '../dom.js';
import { num, metricName, time } from '../format.js';
import { intervalChart } from '../charts.js';

export async function render(main, page) {
  const { model } = page.params;
  page.crumbs([`#/models/${enc(model)}`, model], [`#/models/${enc(model)}/monitoring`, 'Monitoring']);
  const detail = await getJson(`models/${enc(model)}`);
  if (!detail.aliases?.champion) {
    // The route answers 404 without a champion; say why instead of asking.
    fill(main, h('h1', {}, `Monitoring of ${model}`), h('p', {}, `${model} has no champion yet, so nothing is monitored.`));
    return;
  }
  const report = await getJson(`models/${enc(model)}/monitoring`);
  if (!page.active) return;
  const windows = [...(report.windows ?? [])].reverse(); // oldest first, left to right
  const close = async () => {
    announce('Closing the current window…');
    try {
      const closed = await postJson(`models/${enc(model)}/monitoring/run`);
      announce(`Closed window ${closed?.id ?? ''}.`);
      if (page.active) globalThis.dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (error) {
      announce(`The API refused: ${error.message}`);
    }
  };

  fill(main,
    h('h1', {}, `Monitoring of ${model}`),
    facts([
      ['Champion', link(`#/models/${enc(model)}/versions/${report.version}`, `v${report.version}`)],
      ['Windows', String(windows.length)],
    ]),
    h('p', {}, h('button', { type: 'button', onclick: close }, 'Close the current window now'), ' ', h('span', { class: 'muted' }, '(the timer does the same on its schedule)')),
    h('h2', {}, 'Drift per feature and window'),
    windows.length === 0 ? h('p', {}, 'No window yet.') : heatmap(windows),
    h('h2', {}, 'Decay'),
    decay(windows),
    h('h2', {}, 'Actions'),
    (report.actions ?? []).length === 0 ? h('p', {}, 'No action taken: no retraining, no alert.') :
      table('Actions taken, newest first', ['At', 'Kind', 'Run', 'Reason'],
        report.actions.map(a => [time(a.at), a.kind, a.runId ? link(`#/runs/${enc(a.runId)}`, a.runId) : a.kind === 'retrain' ? 'starting' : '–', a.reason ?? ''])));
}

/** The strongest effect of a feature in a window, as a share of its threshold (1 = at the threshold). */
function severity(feature) {
  const ratios = (feature?.statistics ?? []).filter(s => s.threshold).map(s => ({ s, ratio: s.value / s.threshold }));
  return ratios.reduce((best, r) => (best === null || r.ratio > best.ratio ? r : best), null);
}

// Light to dark, with text that keeps 4.5:1 contrast on each: dark text on the light steps, white on the dark ones.
const steps = [
  [0.25, '#f1f7fd', '#1b1f24'], [0.5, '#cfe3f6', '#1b1f24'], [0.75, '#9cc6ec', '#1b1f24'], [1, '#f6d28b', '#1b1f24'],
  [2, '#c2410c', '#ffffff'], [Infinity, '#7f1d1d', '#ffffff'],
];

function colour(ratio) {
  return steps.find(([limit]) => ratio < limit) ?? steps.at(-1);
}

function heatmap(all) {
  // A day of hourly windows fits a screen; older ones stay in the API (GET .../monitoring?top=50).
  const windows = all.slice(-24);
  const names = [...new Set(windows.flatMap(w => (w.drift?.features ?? []).map(f => f.name)))];
  const rows = [...names.map(name => [name, windows.map(w => w.drift?.features?.find(f => f.name === name))]),
    ['prediction', windows.map(w => w.drift?.prediction)]];
  const legend = h('p', { class: 'legend' }, 'Cell: the largest effect size over its threshold (1.00 = at the threshold); ',
    steps.map(([limit, background, color], i) => {
      const span = h('span', {}, i === steps.length - 1 ? `≥ ${steps[i - 1][0]}` : `< ${limit}`);
      span.style.backgroundColor = background;
      span.style.color = color;
      return span;
    }), ' "drift" marks a feature past a threshold, "declared" one past it in k windows in a row.');
  return h('div', {}, legend,
    table(`Drift of each feature (rows) in ${windows.length < all.length ? `the last ${windows.length} of ${all.length} windows` : 'each window'} (columns, oldest first); ${windows.filter(w => w.drift?.detected).length} detected drift`,
      ['Feature', ...windows.map(w => ({ value: `${time(w.to).slice(5, 16)} (${w.rows} rows, ${w.status})` }))],
      rows.map(([name, cells]) => [name, ...cells.map(feature => {
        const top = severity(feature);
        if (!feature || !top) return { value: feature?.status ?? '–', class: 'cell' };
        const [, background, color] = colour(top.ratio);
        const mark = feature.declared ? ' declared' : feature.drifted ? ' drift' : '';
        return {
          value: `${num(top.ratio, 2)}${mark}`, class: 'cell', background, color,
          title: `${metricName(top.s.statistic)} ${num(top.s.value)} against ${num(top.s.threshold)}`,
        };
      })]), { className: 'heat' }));
}

function decay(windows) {
  const judged = windows.filter(w => w.decay);
  if (judged.length === 0) return h('p', {}, 'No window has labels to judge decay by yet.');
  const metric = judged[0].decay.metric;
  const labels = judged.map(w => time(w.to).slice(5, 16));
  const last = judged.at(-1).decay;
  return h('div', {},
    intervalChart(`${metricName(metric)} of the champion per window with its 95 % interval, against the ${num(last.baseline)} it was registered with; last window ${num(last.value)} (${num(last.lower)} to ${num(last.upper)}).`,
      labels, judged.map(w => w.decay.value), judged.map(w => w.decay.lower), judged.map(w => w.decay.upper),
      { name: metricName(metric), references: [{ label: 'registered', value: last.baseline }] }),
    table(`${metricName(metric)} per window`, ['Window', { value: 'Labelled', num: true }, { value: metricName(metric), num: true }, { value: '95 % interval', num: true }, { value: 'Registered', num: true }, 'Decay detected'],
      judged.map((w, i) => [labels[i], { value: w.decay.labelled ?? '–', num: true }, { value: num(w.decay.value), num: true }, { value: `${num(w.decay.lower)} to ${num(w.decay.upper)}`, num: true },
        { value: num(w.decay.baseline), num: true }, w.decay.detected || w.decay.changeDetected ? badge('Failed') : 'no'])));
}
