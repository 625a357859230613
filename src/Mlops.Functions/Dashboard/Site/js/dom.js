// Small DOM helpers. Every value from the API goes in as text (textContent), never as markup, so a column name or
// a category read from an upload can never become HTML or script.

/** h('a', {href: '#/x'}, 'text', child): an element with attributes and children (strings become text nodes). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/**
 * A table with a caption and header cells scoped to their columns; each row is an array of cells, a cell either a
 * value or {value, num, th, class, style}. The first cell of a row is its row header when rowHeaders is set.
 */
export function table(caption, headers, rows, { rowHeaders = true, className } = {}) {
  const head = h('thead', {}, h('tr', {}, headers.map(header => {
    const spec = typeof header === 'object' && header !== null ? header : { value: header };
    return h('th', { scope: 'col', class: spec.num ? 'num' : null }, spec.value);
  })));
  const body = h('tbody', {}, rows.map(row => h('tr', {}, row.map((cell, index) => {
    const spec = cell !== null && typeof cell === 'object' && !(cell instanceof Node) ? cell : { value: cell };
    const isHeader = spec.th ?? (rowHeaders && index === 0);
    const element = h(isHeader ? 'th' : 'td', {
      scope: isHeader ? 'row' : null,
      class: [spec.num ? 'num' : null, spec.class].filter(Boolean).join(' ') || null,
      title: spec.title,
    }, spec.value ?? '');
    if (spec.background) {
      element.style.backgroundColor = spec.background;
      element.style.color = spec.color;
    }
    return element;
  }))));
  return h('table', { class: className }, h('caption', {}, caption), head, body);
}

/** A definition list of [term, description] pairs, skipping empty descriptions. */
export function facts(pairs, className = 'facts') {
  return h('dl', { class: className }, pairs.filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

const statusClasses = {
  Completed: 'ok', Promoted: 'ok', judged: 'ok', completed: 'ok', available: 'ok',
  Running: 'run', Pending: 'idle', AwaitingApproval: 'warn', Inconclusive: 'idle', Stopped: 'idle', insufficient: 'idle',
  stoppedEarly: 'warn', warning: 'warn', Quarantined: 'bad', Failed: 'bad', RolledBack: 'bad', failed: 'bad', error: 'bad',
};

/** A status word with a shape (border) and a colour, so it does not rely on colour alone. */
export function badge(status) {
  return h('span', { class: `badge ${statusClasses[status] ?? 'idle'}` }, status ?? 'none');
}

export function link(href, text) {
  return h('a', { href }, text);
}

/** Says something in the page-wide status region (polite), which outlives a page's re-render. */
export function announce(text) {
  const region = document.getElementById('status');
  region.textContent = text;
  clearTimeout(announce.timer);
  announce.timer = setTimeout(() => { region.textContent = ''; }, 8000);
}
