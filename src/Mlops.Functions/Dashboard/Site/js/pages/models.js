// Models: each model's aliases, latest version, last run and its primary metric by version.
import { getJson, enc } from '../api.js';
import { h, fill, badge, link, table } from '../dom.js';
import { num, metricName, time } from '../format.js';
import { sparkline } from '../charts.js';
import { primaryMetric } from '../metrics.js';

export async function render(main, page) {
  const models = await getJson('models');
  if (!page.active) return;
  if (models.length === 0) {
    fill(main, h('h1', {}, 'Models'), h('p', {}, 'No model yet. Upload a CSV to start one, for instance: '),
      h('pre', {}, 'curl -X POST --data-binary @samples/iris.csv -H "Content-Type: text/csv" http://127.0.0.1:7071/api/datasets/iris'));
    return;
  }

  const details = await Promise.all(models.map(async summary => {
    const [detail, runs] = await Promise.all([getJson(`models/${enc(summary.name)}`), getJson(`models/${enc(summary.name)}/runs?top=1`)]);
    const latest = summary.latestVersion ? await getJson(`models/${enc(summary.name)}/versions/${summary.latestVersion}`) : null;
    return { summary, detail, lastRun: runs[0] ?? null, metric: primaryMetric(latest, detail.versions) };
  }));
  if (!page.active) return;

  const cards = details.map(({ summary, detail, lastRun, metric }) => {
    const versions = detail.versions ?? [];
    const values = versions.map(v => v.metrics?.[metric] ?? null);
    const description = `${metricName(metric)} by version for ${summary.name}: ` +
      versions.map((v, i) => `v${v.version} ${num(values[i])}`).join(', ');
    const aliases = Object.entries(summary.aliases ?? {});
    return h('section', { class: 'card', 'aria-labelledby': `model-${summary.name}`, 'data-model': summary.name },
      h('h2', { id: `model-${summary.name}` }, link(`#/models/${enc(summary.name)}`, summary.name)),
      h('dl', {},
        h('dt', {}, 'Champion'), h('dd', { 'data-field': 'champion' }, aliasLink(summary.name, summary.aliases?.champion)),
        h('dt', {}, 'Challenger'), h('dd', { 'data-field': 'challenger' }, aliasLink(summary.name, summary.aliases?.challenger)),
        aliases.filter(([name]) => name !== 'champion' && name !== 'challenger').map(([name, v]) => [h('dt', {}, name), h('dd', {}, aliasLink(summary.name, v))]),
        h('dt', {}, 'Latest version'), h('dd', { 'data-field': 'latest' }, aliasLink(summary.name, summary.latestVersion)),
        h('dt', {}, 'Last run'), h('dd', { 'data-field': 'last-run' }, lastRun
          ? [badge(lastRun.status), ' ', link(`#/runs/${enc(lastRun.runId)}`, time(lastRun.startedAt))]
          : 'none'),
        h('dt', {}, metricName(metric)), h('dd', { 'data-field': 'metric' }, num(values.at(-1)))),
      versions.length > 0 ? sparkline(description, versions.map(v => `v${v.version}`), values) : null,
      table(`${metricName(metric)} by version`, ['Version', { value: metricName(metric), num: true }],
        versions.map((v, i) => [`v${v.version}`, { value: num(values[i]), num: true }]), { className: 'compact' }),
      h('p', {}, link(`#/models/${enc(summary.name)}/experiments`, 'Experiments'), ' · ', link(`#/models/${enc(summary.name)}/monitoring`, 'Monitoring')));
  });

  fill(main, h('h1', {}, 'Models'), h('p', { class: 'muted' }, `${models.length} model${models.length === 1 ? '' : 's'} in the registry.`),
    h('div', { class: 'cards' }, cards));
}

function aliasLink(model, version) {
  return version ? link(`#/models/${enc(model)}/versions/${version}`, `v${version}`) : 'none';
}
