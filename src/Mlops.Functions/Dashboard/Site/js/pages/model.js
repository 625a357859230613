// One model: its versions and its runs, with the way to every other page about it.
import { getJson, enc } from '../api.js';
import { h, fill, badge, link, table } from '../dom.js';
import { num, metricName, time } from '../format.js';
import { primaryMetric } from '../metrics.js';

export async function render(main, page) {
  const name = page.params.model;
  page.crumbs([`#/models/${enc(name)}`, name]);
  const [detail, runs] = await Promise.all([getJson(`models/${enc(name)}`), getJson(`models/${enc(name)}/runs?top=20`)]);
  const latest = detail.versions.at(-1);
  const manifest = latest ? await getJson(`models/${enc(name)}/versions/${latest.version}`) : null;
  if (!page.active) return;
  const metric = primaryMetric(manifest, detail.versions);
  const aliasesOf = version => Object.entries(detail.aliases ?? {}).filter(([, v]) => v === version).map(([a]) => a).join(', ');

  fill(main,
    h('h1', {}, `Model ${name}`),
    h('p', {}, link(`#/models/${enc(name)}/experiments`, 'Experiments'), ' · ', link(`#/models/${enc(name)}/monitoring`, 'Monitoring')),
    h('h2', {}, 'Versions'),
    table(`Versions of ${name}, ${metricName(metric)} as registered`,
      ['Version', 'Aliases', 'Created', 'Trainer', { value: metricName(metric), num: true }, 'Run'],
      [...detail.versions].reverse().map(v => [
        link(`#/models/${enc(name)}/versions/${v.version}`, `v${v.version}`),
        aliasesOf(v.version) || '–',
        time(v.createdAt),
        v.trainer,
        { value: num(v.metrics?.[metric]), num: true },
        link(`#/runs/${enc(v.runId)}`, v.runId),
      ])),
    h('h2', {}, 'Runs'),
    table(`The ${runs.length} most recent runs of ${name}, newest first`,
      ['Run', 'Status', 'Started', 'Trigger', 'Version', 'Dataset profile'],
      runs.map(r => [
        link(`#/runs/${enc(r.runId)}`, r.runId),
        badge(r.status),
        time(r.startedAt),
        r.trigger ? `${r.trigger.kind}` : '–',
        r.version ? link(`#/models/${enc(name)}/versions/${r.version}`, `v${r.version}`) : '–',
        r.status === 'Pending' ? '–' : link(`#/runs/${enc(r.runId)}/validation`, 'profile'),
      ])));
}
