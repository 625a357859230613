// A run's dataset profile: each column's type, missing share, distribution and the checks that fired on it.
import { getJson, enc } from '../api.js';
import { h, fill, badge, table, facts } from '../dom.js';
import { num, percent } from '../format.js';
import { bars } from '../charts.js';

export async function render(main, page) {
  const runId = page.params.runId;
  const model = runId.replace(/-[0-9a-f]{16}$/, '');
  page.crumbs([`#/models/${enc(model)}`, model], [`#/runs/${enc(runId)}`, `Run ${runId}`], [`#/runs/${enc(runId)}/validation`, 'Dataset profile']);
  const report = await getJson(`runs/${enc(runId)}/validation`);
  if (!page.active) return;
  const columns = report.contract?.columns ?? [];
  const findings = report.findings ?? [];
  const label = report.schema?.label ?? report.contract?.schema?.label;
  const roleOf = name => (name === label ? 'label' : report.schema?.features?.some(f => f.name === name) ? 'feature' : 'left out');

  fill(main,
    h('h1', {}, `Dataset profile of run ${runId}`),
    facts([
      ['Outcome', badge(report.passed ? 'Completed' : 'Quarantined')],
      ['Rows', num(report.rows)],
      ['Columns', num(report.columns)],
      ['Task', report.schema?.task],
      ['Label', label],
      ['Duplicate rows', report.contract ? percent(report.contract.duplicateRowRate) : null],
    ]),
    h('h2', {}, 'Checks that fired'),
    findings.length === 0 ? h('p', {}, 'No check fired: every rule passed.') :
      table(`${findings.length} findings`, ['Rule', 'Severity', 'Column', { value: 'Observed', num: true }, { value: 'Threshold', num: true }, 'Message', 'Mitigation'],
        findings.map(f => [f.rule, badge(f.severity), f.column ?? '–', { value: num(f.observed), num: true }, { value: num(f.threshold), num: true }, f.message, f.mitigation ?? '–'])),
    h('h2', {}, 'Columns'),
    columns.length === 0 ? h('p', {}, 'This report has no column profiles (the data did not get as far as profiling).') :
      table(`${columns.length} columns as profiled`, ['Column', 'Role', 'Type', { value: 'Missing', num: true }, { value: 'Distinct', num: true }, { value: 'Min', num: true }, { value: 'Mean', num: true }, { value: 'Max', num: true }, 'Checks'],
        columns.map(c => [c.name, roleOf(c.name), c.type, { value: percent(c.missingRate), num: true }, { value: num(c.distinct), num: true },
          { value: num(c.numeric?.min), num: true }, { value: num(c.numeric?.mean), num: true }, { value: num(c.numeric?.max), num: true },
          findings.filter(f => f.column === c.name).map(f => f.rule).join(', ') || 'none'])),
    h('h2', {}, 'Distributions'),
    h('div', { class: 'cards' }, columns.map(c => columnCard(c, findings.filter(f => f.column === c.name)))));
}

function columnCard(column, fired) {
  const histogram = column.histogram ?? [];
  const categories = column.topCategories ?? [];
  let figure = h('p', { class: 'muted' }, 'No distribution recorded for this column.');
  let numbers = null;
  if (histogram.length > 0) {
    const labels = histogram.map(b => `${num(b.lower, 2)}–${num(b.upper, 2)}`);
    const counts = histogram.map(b => b.count);
    const top = histogram.reduce((a, b) => (b.count > a.count ? b : a));
    figure = bars(`Histogram of ${column.name}: ${histogram.length} bins from ${num(histogram[0].lower)} to ${num(histogram.at(-1).upper)}; the fullest, ${labels[histogram.indexOf(top)]}, holds ${top.count} rows.`, labels, counts);
    numbers = table(`Histogram of ${column.name}`, ['Bin', { value: 'Rows', num: true }], labels.map((l, i) => [l, { value: counts[i], num: true }]));
  } else if (categories.length > 0) {
    const labels = categories.map(c => c.value);
    const counts = categories.map(c => c.count);
    figure = bars(`Top categories of ${column.name}: ` + categories.slice(0, 5).map(c => `${c.value} ${c.count}`).join(', '), labels, counts, { horizontal: true });
    numbers = table(`Top categories of ${column.name}`, ['Category', { value: 'Rows', num: true }], labels.map((l, i) => [l, { value: counts[i], num: true }]));
  }
  return h('section', { class: 'card', 'aria-label': `Column ${column.name}` },
    h('h3', {}, column.name, ' ', h('span', { class: 'muted' }, `(${column.type})`)),
    h('p', {}, `Missing ${percent(column.missingRate)} (${column.missing} of ${column.count}); ${column.distinct} distinct.`,
      fired.length ? [' Checks: ', fired.map(f => `${f.rule} (${f.severity})`).join(', ')] : ''),
    figure,
    numbers ? h('details', {}, h('summary', {}, 'Numbers'), numbers) : null);
}
