// Experiments of a model: traffic, samples per variant, the always-valid interval over the looks, the decision,
// and the approve/stop actions the API offers.
import { getJson, postJson, enc } from '../api.js';
import { h, fill, badge, link, table, facts, announce } from '../dom.js';
import { num, metricName, time, percent } from '../format.js';
import { intervalChart, chart, palette } from '../charts.js';

const open = new Set(['Running', 'AwaitingApproval']);

export async function render(main, page) {
  const { model } = page.params;
  page.crumbs([`#/models/${enc(model)}`, model], [`#/models/${enc(model)}/experiments`, 'Experiments']);
  const list = await getJson(`models/${enc(model)}/experiments`);
  const id = page.params.id ?? list[0]?.id;
  const experiment = id ? await getJson(`models/${enc(model)}/experiments/${enc(id)}`) : null;
  if (!page.active) return;

  fill(main,
    h('h1', {}, experiment ? `Experiment ${experiment.id}` : `Experiments of ${model}`),
    list.length === 0 ? h('p', {}, `${model} has no experiment. A run under an "ab" or "shadow" promotion policy starts one, or POST /api/models/${model}/experiments.`) :
      table(`Experiments of ${model}, newest first`, ['Experiment', 'Status', 'Strategy', 'Champion', 'Challenger', 'Started'],
        list.map(e => [e.id === id ? h('span', { 'aria-current': 'true' }, `${e.id} (shown)`) : link(`#/models/${enc(model)}/experiments/${enc(e.id)}`, e.id),
          badge(e.status), e.strategy, `v${e.champion?.version}`, `v${e.challenger?.version}`, time(e.startedAt)])),
    experiment ? detailSection(model, experiment, page) : null);
}

function detailSection(model, e, page) {
  const act = async (action) => {
    announce(`${action === 'approve' ? 'Approving' : 'Stopping'}…`);
    try {
      const answer = await postJson(`models/${enc(model)}/experiments/${enc(e.id)}/${action}`);
      announce(`Done: the experiment is ${answer?.status ?? 'updated'}.`);
    } catch (error) {
      announce(`The API refused: ${error.message}`);
    }
    // Either way the page shows the experiment as stored now: a refusal usually means a look ended it meanwhile.
    if (page.active) window.dispatchEvent(new HashChangeEvent('hashchange'));
  };
  const shown = (e.looks ?? []).slice(-20);
  const first = (e.looks ?? []).length - shown.length;
  const variants = [['champion', e.champion], ['challenger', e.challenger]];
  const looks = e.looks ?? [];
  const labels = looks.map((_, i) => `look ${i + 1}`);
  const d = e.difference;
  return h('section', { 'aria-labelledby': 'experiment-detail' },
    h('h2', { id: 'experiment-detail' }, 'Status and decision'),
    facts([
      ['Status', h('span', { 'data-field': 'status' }, badge(e.status))],
      ['Strategy', e.strategy],
      ['Challenger traffic', percent(e.traffic, 0)],
      ['Metric', metricName(e.metric)],
      ['Started', `${time(e.startedAt)} (${e.startedBy ?? 'policy'})`],
      ['Difference (challenger − champion)', d ? `${num(d.estimate)}, always-valid 95 % interval ${num(d.lower)} to ${num(d.upper)}` : 'not enough labels yet'],
      ['Decision', e.decision ? `${e.decision.outcome} at ${time(e.decision.at)}: ${e.decision.reason}` : 'none yet'],
    ]),
    h('div', { class: 'inline' },
      h('button', { type: 'button', disabled: e.status !== 'AwaitingApproval', onclick: () => act('approve'), 'aria-describedby': 'approve-help' }, 'Approve promotion'), ' ',
      h('button', { type: 'button', class: 'secondary', disabled: !open.has(e.status), onclick: () => act('stop') }, 'Stop experiment')),
    h('p', { id: 'approve-help', class: 'muted' }, 'Approve is open while the experiment awaits approval (requireApproval); stop while it is open.'),
    h('h2', {}, 'Samples per variant'),
    table('Predictions and labels per variant', ['Variant', 'Version', { value: 'Predictions', num: true }, { value: 'Labelled', num: true }, { value: metricName(e.metric), num: true }],
      variants.map(([name, v]) => [name, link(`#/models/${enc(model)}/versions/${v.version}`, `v${v.version}`), { value: v.predictions, num: true }, { value: v.labelled, num: true }, { value: num(v.value), num: true }])),
    looks.length ? chart(`Labelled predictions per variant over ${looks.length} looks: champion ${looks.at(-1).champion?.count ?? 0}, challenger ${looks.at(-1).challenger?.count ?? 0} at the last look.`, {
      type: 'line',
      data: { labels, datasets: [
        { label: 'champion labelled', data: looks.map(l => l.champion?.count ?? 0), borderColor: palette[0], backgroundColor: palette[0] },
        { label: 'challenger labelled', data: looks.map(l => l.challenger?.count ?? 0), borderColor: palette[1], backgroundColor: palette[1] },
      ] },
    }, { size: 'small' }) : null,
    h('h2', {}, 'Estimate over the looks'),
    looks.length === 0 ? h('p', {}, 'No look yet.') : [
      intervalChart(`Difference in ${metricName(e.metric)} (challenger − champion) at each of ${looks.length} looks with its always-valid 95 % interval; ` +
        (d ? `now ${num(d.estimate)} (${num(d.lower)} to ${num(d.upper)}).` : 'no estimate yet.'),
      labels, looks.map(l => l.test?.estimate ?? null), looks.map(l => l.test?.lower ?? null), looks.map(l => l.test?.upper ?? null),
      { references: [{ label: 'no difference', value: 0 }], caption: 'The band is the interval; it stays valid however often it is read.' }),
      table(first > 0 ? `The last ${shown.length} of ${looks.length} looks` : 'Every look', [{ value: 'Look', num: true }, 'At', { value: 'Champion labelled', num: true }, { value: 'Challenger labelled', num: true }, { value: 'Estimate', num: true }, { value: 'Interval', num: true }],
        shown.map((l, i) => [{ value: first + i + 1, num: true }, time(l.at), { value: l.champion?.count ?? 0, num: true }, { value: l.challenger?.count ?? 0, num: true },
          { value: num(l.test?.estimate), num: true }, { value: l.test ? `${num(l.test.lower)} to ${num(l.test.upper)}` : '–', num: true }])),
    ],
    h('h2', {}, 'Guardrails'),
    (e.guardrails ?? []).length === 0 ? h('p', {}, 'Not read yet (each variant needs 30 predictions).') :
      table('Guardrails, read at every look', ['Guardrail', { value: 'Champion', num: true }, { value: 'Challenger', num: true }, { value: 'Limit', num: true }, 'Broken'],
        e.guardrails.map(g => [g.name, { value: num(g.champion), num: true }, { value: num(g.challenger), num: true }, { value: num(g.limit), num: true }, g.broken ? 'yes' : 'no'])));
}
