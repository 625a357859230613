// A run: its stages as a timeline, its findings, its search as a chart; live (polling) while it runs.
import { getJson, enc } from '../api.js';
import { h, fill, badge, link, table, facts } from '../dom.js';
import { num, metricName, time, seconds, duration } from '../format.js';
import { chart, destroyCharts, palette } from '../charts.js';

const terminal = new Set(['Completed', 'Quarantined', 'Failed']);

export async function render(main, page) {
  const runId = page.params.runId;
  const model = runId.replace(/-[0-9a-f]{16}$/, '');
  page.crumbs([`#/models/${enc(model)}`, model], [`#/runs/${enc(runId)}`, `Run ${runId}`]);
  const pollMs = Math.max(250, Number(page.query.get('poll')) || 2000);
  let updates = 0;

  const live = h('p', { id: 'run-live', 'aria-live': 'polite', 'data-updates': '0' });
  const summary = h('section', { 'aria-labelledby': 'run-summary' });
  const stages = h('section', { 'aria-labelledby': 'run-stages' });
  const findings = h('section', { 'aria-labelledby': 'run-findings' });
  const search = h('section', { 'aria-labelledby': 'run-search' });

  async function refresh() {
    const run = await getJson(`runs/${enc(runId)}`);
    // Trials exist once the search is planned (run.search appears then); before that the route would only answer 404.
    // A run that stopped mid-search before trials were kept one by one has none to show: that 404 is not an error.
    const trials = run.search ? await getJson(`runs/${enc(runId)}/trials`).catch(e => (e.status === 404 ? null : Promise.reject(e))) : null;
    if (!page.active) return false;
    updates++;
    destroyCharts();
    const progress = run.search ? `${run.search.trialsDone} of ${run.search.trialsPlanned} trials` : 'no trial yet';
    fill(live, `Status ${run.status}; ${progress}; ${updates === 1 ? 'loaded' : 'updated'} at ${time(new Date().toISOString())}.`,
      terminal.has(run.status) ? '' : ` Refreshing every ${seconds(pollMs / 1000)}.`);
    live.dataset.updates = String(updates);
    live.dataset.status = run.status;
    renderSummary(summary, run, model);
    renderStages(stages, run);
    renderFindings(findings, run);
    renderSearch(search, run, trials);
    return !terminal.has(run.status);
  }

  const again = await refresh();
  if (!page.active) return;
  fill(main, h('h1', {}, `Run ${runId}`), live, summary, stages, findings, search);
  if (again) page.every(pollMs, refresh);
}

function renderSummary(section, run, model) {
  fill(section, h('h2', { id: 'run-summary' }, 'Outcome'), facts([
    ['Status', badge(run.status)],
    ['Model', link(`#/models/${enc(model)}`, model)],
    ['Dataset', run.dataset],
    ['Dataset profile', run.stages.some(s => s.name === 'validate' && s.status === 'Completed') ? link(`#/runs/${enc(run.runId)}/validation`, 'columns, types, checks') : 'after validation'],
    ['Trigger', run.trigger ? `${run.trigger.kind}: ${run.trigger.detail ?? ''}` : null],
    ['Version', run.version ? link(`#/models/${enc(model)}/versions/${run.version}`, `v${run.version}`) : 'none registered'],
    ['Promoted', run.status === 'Completed' ? (run.promoted ? 'yes' : 'no') : null],
    ['Experiment', run.experimentId ? link(`#/models/${enc(model)}/experiments/${enc(run.experimentId)}`, run.experimentId) : null],
    ['Reason', run.reason],
    ['Attempt', run.attempt > 1 ? String(run.attempt) : null],
    ['Pipeline version', run.pipelineVersion],
  ]));
}

function renderStages(section, run) {
  const starts = run.stages.map(s => s.startedAt && new Date(s.startedAt).getTime()).filter(Boolean);
  const ends = run.stages.map(s => new Date(s.endedAt ?? Date.now()).getTime());
  const origin = Math.min(...starts);
  const span = Math.max(1, Math.max(...ends) - origin);
  const timeline = h('ol', { class: 'timeline', 'aria-hidden': 'true' }, run.stages.map(s => {
    const bar = h('span', { class: `bar ${s.status}` });
    if (s.startedAt) {
      bar.style.left = `${((new Date(s.startedAt) - origin) / span) * 100}%`;
      bar.style.width = `${Math.max(0.5, ((new Date(s.endedAt ?? Date.now()) - new Date(s.startedAt)) / span) * 100)}%`;
    }
    return h('li', {}, h('span', {}, s.name), h('span', { class: 'track' }, bar), h('span', { class: 'num' }, seconds(duration(s.startedAt, s.endedAt))));
  }));
  fill(section, h('h2', { id: 'run-stages' }, 'Stages'), timeline,
    table('Stages in order, with their durations (the bars above draw the same)', ['Stage', 'Status', 'Started', { value: 'Duration', num: true }, 'Detail'],
      run.stages.map(s => [s.name, badge(s.status), time(s.startedAt), { value: s.startedAt ? seconds(duration(s.startedAt, s.endedAt)) : '–', num: true }, s.detail ?? ''])));
}

function renderFindings(section, run) {
  const rows = run.findings ?? [];
  fill(section, h('h2', { id: 'run-findings' }, 'Findings'),
    rows.length === 0 ? h('p', {}, 'No check fired on this dataset.') :
      table(`${rows.length} findings of the data checks`, ['Rule', 'Severity', 'Column', { value: 'Observed', num: true }, { value: 'Threshold', num: true }, 'Message', 'Mitigation'],
        rows.map(f => [f.rule, badge(f.severity), f.column ?? '–', { value: num(f.observed), num: true }, { value: num(f.threshold), num: true }, f.message, f.mitigation ?? '–'])));
}

function renderSearch(section, run, record) {
  const children = [h('h2', { id: 'run-search' }, 'Search')];
  const s = run.search;
  if (s) {
    children.push(h('p', {},
      h('label', { for: 'trial-progress' }, `Trials done: ${s.trialsDone} of ${s.trialsPlanned}`),
      h('progress', { id: 'trial-progress', max: s.trialsPlanned || 1, value: s.trialsDone }),
      ` ${s.trialsFailed} failed, ${s.trialsStoppedEarly} stopped early. Best so far: ${s.bestTrainer ?? '–'} (${metricName(s.metric)} ${num(s.bestValue)}, trial ${s.bestTrial ?? '–'}).`));
  }
  if (!record) {
    children.push(h('p', { class: 'muted' }, run.status === 'Quarantined' ? 'A quarantined run does not search.'
      : terminal.has(run.status) ? 'This run has no search record.'
        : 'The search has not started: each trial appears in the chart as it finishes.'));
    fill(section, children);
    return;
  }

  const metric = record.settings?.metric ?? s?.metric;
  const trials = record.trials ?? [];
  // While the search runs there is no winner yet: the best trial so far (from the run's progress) is marked instead.
  const marked = record.winner ?? (record.partial ? s?.bestTrial : null);
  const trainers = [...new Set(trials.map(t => t.configuration?.trainer))];
  const values = trials.map(t => t.metrics?.[metric]).filter(v => typeof v === 'number');
  const floor = values.length ? Math.min(...values) : 0;
  const shapes = { completed: 'circle', stoppedEarly: 'triangle', failed: 'crossRot' };
  const datasets = trainers.map((trainer, i) => {
    const own = trials.filter(t => t.configuration?.trainer === trainer);
    return {
      label: trainer,
      data: own.map(t => ({ x: t.index, y: t.metrics?.[metric] ?? floor })),
      pointStyle: own.map(t => shapes[t.status] ?? 'circle'),
      pointRadius: own.map(t => (t.index === marked ? 9 : 5)),
      pointBorderWidth: own.map(t => (t.index === marked ? 3 : 1)),
      borderColor: own.map(t => (t.index === marked ? '#000000' : palette[i % palette.length])),
      backgroundColor: palette[i % palette.length],
    };
  });
  const winner = trials.find(t => t.index === record.winner);
  const description = `${record.partial ? 'Search so far' : 'Search'} of ${trials.length} trials: ${metricName(metric)} of each trial by its index, coloured by trainer. ` +
    (winner ? `Winner: trial ${winner.index}, ${winner.configuration.trainer}, ${num(winner.metrics?.[metric])}. ` : '') +
    `${trials.filter(t => t.status === 'stoppedEarly').length} stopped early, ${trials.filter(t => t.status === 'failed').length} failed. The table below lists every trial.`;
  children.push(
    h('p', { 'data-field': 'trial-count', 'data-partial': String(Boolean(record.partial)) },
      record.partial ? `${trials.length} of ${s?.trialsPlanned ?? '?'} trials finished so far (${record.strategy}); the winner is chosen when the search ends.`
        : `${trials.length} trials (${record.strategy}), ${record.stopReason ?? ''}`),
    chart(description, {
      type: 'scatter',
      data: { datasets },
      options: {
        scales: { x: { title: { display: true, text: 'trial index' }, ticks: { precision: 0 } }, y: { title: { display: true, text: metricName(metric) } } },
        plugins: { tooltip: { callbacks: { label: c => `trial ${c.raw.x}: ${num(c.raw.y)}` } } },
      },
    }, { caption: `Circles completed, triangles stopped early, crosses failed (drawn at the lowest value); the ${record.partial ? 'best trial so far' : 'winner'} has a thick black ring.` }),
    table(`Every trial of the search, by ${metricName(metric)} on ${record.settings?.validationFolds ?? '?'}-fold validation`,
      [{ value: 'Trial', num: true }, 'Trainer', 'Status', { value: metricName(metric), num: true }, { value: 'Duration', num: true }, 'Parameters'],
      trials.map(t => [
        { value: t.index === record.winner ? `${t.index} (winner)` : t.index === marked ? `${t.index} (best so far)` : String(t.index), num: true, th: true },
        t.configuration?.trainer, badge(t.status), { value: num(t.metrics?.[metric]), num: true }, { value: seconds(t.durationSeconds), num: true },
        t.error ?? Object.entries(t.configuration?.parameters ?? {}).map(([k, v]) => `${k}=${v}`).join(', '),
      ])));
  fill(section, children);
}
