// A version: metrics, confusion matrix, feature importance, lineage, and a comparison with another version.
import { getJson, enc } from '../api.js';
import { h, fill, badge, link, table, facts } from '../dom.js';
import { num, metricName, time } from '../format.js';
import { bars } from '../charts.js';

export async function render(main, page) {
  const { model, version } = page.params;
  page.crumbs([`#/models/${enc(model)}`, model], [`#/models/${enc(model)}/versions/${version}`, `v${version}`]);
  const [manifest, detail] = await Promise.all([getJson(`models/${enc(model)}/versions/${version}`), getJson(`models/${enc(model)}`)]);
  // The code that trained it: the run's pipeline version (the run may have been deleted by retention).
  const run = manifest.lineage?.runId ? await getJson(`runs/${enc(manifest.lineage.runId)}`).catch(() => null) : null;
  const against = page.query.get('compare');
  const comparison = against ? await getJson(`models/${enc(model)}/compare?versions=${enc(against)},${enc(version)}`) : null;
  if (!page.active) return;

  const evaluation = manifest.evaluation;
  const aliases = Object.entries(detail.aliases ?? {}).filter(([, v]) => v === manifest.version).map(([a]) => a);
  fill(main,
    h('h1', {}, `${model} v${manifest.version}`),
    facts([
      ['Aliases', aliases.length ? aliases.join(', ') : 'none'],
      ['Trainer', manifest.trainer],
      ['Created', time(manifest.createdAt)],
      ['Task', manifest.schema?.task],
      ['ONNX export', manifest.onnx ? [badge(manifest.onnx.status), manifest.onnx.reason ? ` ${manifest.onnx.reason}` : ''] : null],
    ]),
    metricsSection(manifest, evaluation),
    confusionSection(evaluation),
    importanceSection(evaluation),
    lineageSection(model, manifest, run),
    compareSection(model, manifest, detail, against, comparison));
}

function metricsSection(manifest, evaluation) {
  const baseline = evaluation?.baseline;
  const names = Object.keys(manifest.metrics ?? {});
  const children = [h('h2', {}, 'Metrics'),
    table(`Metrics on the holdout${evaluation ? ` (${evaluation.holdoutRows} rows)` : ''}${baseline ? `, beside ${baseline.name}` : ''}`,
      ['Metric', { value: 'This version', num: true }, ...(baseline ? [{ value: baseline.name, num: true }] : [])],
      names.map(n => [metricName(n) + (n === evaluation?.metric ? ' (primary)' : ''), { value: num(manifest.metrics[n]), num: true },
        ...(baseline ? [{ value: num(baseline.metrics?.[n]), num: true }] : [])]))];
  if (evaluation?.gates?.length) {
    children.push(table('Promotion gates', ['Gate', 'Passed', { value: 'Observed', num: true }, { value: 'Threshold', num: true }, 'Message'],
      evaluation.gates.map(g => [g.gate, g.passed ? 'yes' : 'no', { value: num(g.observed), num: true }, { value: num(g.threshold), num: true }, g.message])));
  }
  if (evaluation?.perClass?.length) {
    children.push(table('Per class', ['Class', { value: 'Precision', num: true }, { value: 'Recall', num: true }, { value: 'F1', num: true }, { value: 'Support', num: true }],
      evaluation.perClass.map(c => [c.class, { value: num(c.precision), num: true }, { value: num(c.recall), num: true }, { value: num(c.f1), num: true }, { value: c.support, num: true }])));
  }
  return h('section', {}, children);
}

function confusionSection(evaluation) {
  const matrix = evaluation?.confusionMatrix;
  if (!matrix) return h('section', {}, h('h2', {}, 'Confusion matrix'), h('p', {}, 'None recorded (regression models have none).'));
  return h('section', {}, h('h2', {}, 'Confusion matrix'),
    table('Holdout rows by true class (rows) and predicted class (columns)', ['True \\ predicted', ...matrix.classes.map(c => ({ value: c, num: true }))],
      matrix.classes.map((c, i) => [c, ...matrix.counts[i].map((n, j) => ({ value: n, num: true, class: i === j ? 'diagonal' : null }))])));
}

function importanceSection(evaluation) {
  const importance = evaluation?.importance;
  if (!importance?.length) return h('section', {}, h('h2', {}, 'Feature importance'), h('p', {}, 'None recorded for this version.'));
  const sorted = [...importance].sort((a, b) => b.importance - a.importance);
  return h('section', {}, h('h2', {}, 'Feature importance'),
    bars(`Permutation feature importance: ${sorted.slice(0, 5).map(f => `${f.feature} ${num(f.importance)}`).join(', ')}.`,
      sorted.map(f => f.feature), sorted.map(f => f.importance), { horizontal: true, size: '', label: 'drop in the primary metric' }),
    table('Permutation importance: how much the primary metric drops when the feature is shuffled', ['Feature', { value: 'Importance', num: true }, { value: 'Std. dev.', num: true }],
      sorted.map(f => [f.feature, { value: num(f.importance), num: true }, { value: num(f.standardDeviation), num: true }])));
}

function lineageSection(model, manifest, run) {
  const lineage = manifest.lineage ?? {};
  return h('section', {}, h('h2', {}, 'Lineage'), facts([
    ['Dataset', lineage.datasetBlob],
    ['Dataset SHA-256', lineage.datasetSha256],
    ['Run', lineage.runId ? link(`#/runs/${enc(lineage.runId)}`, lineage.runId) : null],
    ['Dataset profile', lineage.runId ? link(`#/runs/${enc(lineage.runId)}/validation`, 'columns and checks') : null],
    ['Code (pipeline version)', run?.pipelineVersion ?? 'unknown (run not found)'],
    ['Parent (champion when trained)', lineage.championAtTraining ? link(`#/models/${enc(model)}/versions/${lineage.championAtTraining}`, `v${lineage.championAtTraining}`) : 'none'],
    ['Data contract version', manifest.contractVersion],
    ['Model SHA-256', manifest.modelSha256],
  ]));
}

function compareSection(model, manifest, detail, against, comparison) {
  const others = detail.versions.filter(v => v.version !== manifest.version);
  const children = [h('h2', { id: 'compare' }, 'Compare with another version')];
  if (others.length === 0) {
    children.push(h('p', {}, 'This is the model\'s only version.'));
    return h('section', {}, children);
  }
  const select = h('select', { id: 'compare-with', name: 'compare' }, others.map(v =>
    h('option', { value: v.version, selected: String(v.version) === against }, `v${v.version} (${v.trainer})`)));
  children.push(h('form', {
    class: 'inline',
    onsubmit: event => {
      event.preventDefault();
      location.hash = `#/models/${enc(model)}/versions/${manifest.version}?compare=${select.value}`;
    },
  }, h('div', {}, h('label', { for: 'compare-with' }, 'Other version'), select), h('button', { type: 'submit' }, 'Compare')));
  if (comparison) {
    const [a, b] = comparison.versions;
    children.push(table(`v${b.version} against v${a.version}: as registered, and both scored again on v${comparison.sharedHoldout?.version}'s holdout (${comparison.sharedHoldout?.rows ?? '?'} rows)`,
      ['Metric', { value: `v${a.version}`, num: true }, { value: `v${b.version}`, num: true }, { value: 'Delta', num: true }, { value: 'Shared holdout: b − a', num: true }, { value: '95 % interval', num: true }],
      Object.entries(comparison.metrics ?? {}).map(([name, m]) => [metricName(name), { value: num(m.a), num: true }, { value: num(m.b), num: true }, { value: num(m.delta), num: true },
        { value: num(m.shared?.estimate), num: true }, { value: m.shared ? `${num(m.shared.lower)} to ${num(m.shared.upper)}${m.shared.excludes0 ? ' (excludes 0)' : ''}` : '–', num: true }])));
    const parameters = Object.entries(comparison.parameters ?? {});
    if (parameters.length) {
      children.push(table('Parameters that differ', ['Parameter', `v${a.version}`, `v${b.version}`], parameters.map(([k, v]) => [k, v?.a ?? '–', v?.b ?? '–'])));
    }
    const schema = comparison.schema;
    if (schema) {
      const changes = [['Features added', schema.featuresAdded], ['Features removed', schema.featuresRemoved], ['Kind changed', schema.kindChanged],
        ['Classes added', schema.classesAdded], ['Classes removed', schema.classesRemoved]].filter(([, list]) => list?.length);
      children.push(h('h3', {}, 'Input schema'), schema.any
        ? facts([...changes.map(([name, list]) => [name, list.map(x => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ')]),
          ['Label changed', schema.labelChanged ? 'yes' : null], ['Task changed', schema.taskChanged ? 'yes' : null]])
        : h('p', {}, 'The same features, classes, label and task.'));
    }
  }
  return h('section', {}, children);
}
