// The public HTTP API, by relative URLs: the page is /api/ui/, so '../models' is /api/models on whatever host and
// path the app is served from. No key is ever held here: locally the DevHost needs none, and in Azure the platform's
// sign-in cookie goes with each same-origin request (docs/deploy.md).

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function send(path, init) {
  const response = await fetch(`../${path}`, {
    credentials: 'same-origin',
    headers: { Accept: 'application/json', ...(init?.body ? { 'Content-Type': 'application/json' } : {}) },
    ...init,
  });
  const text = await response.text();
  let body = null;
  if (text) {
    try { body = JSON.parse(text); } catch { body = { detail: text.slice(0, 300) }; }
  }
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

export const getJson = path => send(path, { method: 'GET' });

export const postJson = (path, payload) => send(path, { method: 'POST', body: JSON.stringify(payload ?? {}) });

export const enc = encodeURIComponent;
