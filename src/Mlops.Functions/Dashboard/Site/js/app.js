// The dashboard: one page, hash routes (#/models, #/runs/{id}, ...), each route a module that renders into <main>.
import { h, fill } from './dom.js';
import { destroyCharts } from './charts.js';
import { ApiError } from './api.js';
import * as models from './pages/models.js';
import * as model from './pages/model.js';
import * as run from './pages/run.js';
import * as dataset from './pages/dataset.js';
import * as version from './pages/version.js';
import * as experiment from './pages/experiment.js';
import * as monitoring from './pages/monitoring.js';

const routes = [
  [/^\/?$/, models],
  [/^\/models\/?$/, models],
  [/^\/models\/(?<model>[^/]+)\/?$/, model],
  [/^\/models\/(?<model>[^/]+)\/versions\/(?<version>\d+)$/, version],
  [/^\/models\/(?<model>[^/]+)\/experiments(?:\/(?<id>[^/]+))?$/, experiment],
  [/^\/models\/(?<model>[^/]+)\/monitoring$/, monitoring],
  [/^\/runs\/(?<runId>[^/]+)$/, run],
  [/^\/runs\/(?<runId>[^/]+)\/validation$/, dataset],
];

const main = document.getElementById('main');
const crumbs = document.getElementById('crumbs');
let current = null;

/** What a page gets: its route values, the query, and timers that stop when the user navigates away. */
class PageContext {
  constructor(params, query) {
    this.params = params;
    this.query = query;
    this.timers = [];
    this.active = true;
  }

  /** Calls fn every `ms` until it answers false or the page is left; one call at a time. */
  every(ms, fn) {
    const tick = async () => {
      if (!this.active) return;
      let again = false;
      try { again = await fn(); } catch (error) { showError(error); }
      if (again && this.active) this.timers.push(setTimeout(tick, ms));
    };
    this.timers.push(setTimeout(tick, ms));
  }

  crumbs(...items) {
    const list = h('ol', {}, [['#/models', 'Models'], ...items].map(([href, text], i, all) =>
      h('li', {}, i === all.length - 1 ? h('span', { 'aria-current': 'page' }, text) : h('a', { href }, text))));
    fill(crumbs, list);
  }

  stop() {
    this.active = false;
    this.timers.forEach(clearTimeout);
  }
}

function parse(hash) {
  const [path, search] = decodeURIComponent(hash.replace(/^#/, '')).split('?');
  return { path: path || '/', query: new URLSearchParams(search ?? '') };
}

export function showError(error) {
  const message = error instanceof ApiError
    ? `The API answered ${error.status}: ${error.message}`
    : `Something failed in the dashboard: ${error?.message ?? error}`;
  main.prepend(h('p', { class: 'error', role: 'alert' }, message));
}

async function route() {
  // Only "#/..." is a route; "#main" (the skip link) is not.
  if (location.hash && !location.hash.startsWith('#/')) return;
  const { path, query } = parse(location.hash);
  current?.stop();
  destroyCharts();
  const match = routes.map(([pattern, page]) => [path.match(pattern), page]).find(([m]) => m);
  const context = new PageContext(match?.[0].groups ?? {}, query);
  current = context;
  fill(main, h('h1', {}, 'Loading…'));
  context.crumbs();
  if (!match) {
    fill(main, h('h1', {}, 'Not found'), h('p', {}, `No page answers ${path}. `, h('a', { href: '#/models' }, 'See the models.')));
    return;
  }

  try {
    await match[1].render(main, context);
  } catch (error) {
    if (context.active) {
      if (!main.querySelector('h1') || main.querySelector('h1').textContent === 'Loading…') fill(main, h('h1', {}, 'Could not load this page'));
      showError(error);
    }
  }

  if (context.active) {
    document.title = `${main.querySelector('h1')?.textContent ?? 'Dashboard'} · Mlops dashboard`;
    main.dataset.loaded = path;
    // Move focus to the new page's content so keyboard and screen-reader users start there, as after a page load.
    if (document.activeElement && document.activeElement !== document.body && !main.contains(document.activeElement)) main.focus();
  }
}

document.getElementById('skip-link').addEventListener('click', event => {
  event.preventDefault();
  main.focus();
});
window.addEventListener('hashchange', route);
route();
