// The only module that talks HTTP. Everything the console shows comes from these /v1 calls (docs/http-api.md).

const KEY_STORAGE = 'videostudio.apiKey';

export const apiKey = {
  get: () => localStorage.getItem(KEY_STORAGE) || '',
  set: (value) => (value ? localStorage.setItem(KEY_STORAGE, value) : localStorage.removeItem(KEY_STORAGE)),
};

/** An HTTP failure carrying the RFC 7807 problem (title, detail, errors[]) when the server sent one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

/** Listeners told about 401s, so the page can ask for a key without every caller handling it. */
const unauthorizedListeners = new Set();
export const onUnauthorized = (fn) => unauthorizedListeners.add(fn);

// Model ids contain slashes and the routes take them whole ({**id}): encode each segment, keep the slashes.
export const idPath = (id) => id.split('/').map(encodeURIComponent).join('/');

/** Appends ?access_token= for the two URLs a browser fetches without our headers (<video src>, EventSource). */
export function withToken(url) {
  const key = apiKey.get();
  return key ? `${url}${url.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(key)}` : url;
}

async function request(method, url, { json, body, headers = {}, signal } = {}) {
  const key = apiKey.get();
  const h = { Accept: 'application/json', ...headers };
  if (key) h.Authorization = `Bearer ${key}`;
  if (json !== undefined) {
    h['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  }
  const res = await fetch(url, { method, headers: h, body, signal });
  const type = res.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await res.json().catch(() => null) : await res.text();
  if (res.status === 401) unauthorizedListeners.forEach((fn) => fn());
  if (!res.ok) throw new ApiError(res.status, typeof data === 'object' ? data : { detail: data });
  return data;
}

export const api = {
  models: (task) => request('GET', `/v1/models${task ? `?task=${encodeURIComponent(task)}` : ''}`),
  model: (id) => request('GET', `/v1/models/${idPath(id)}`),
  schema: (id) => request('GET', `/v1/schema/${idPath(id)}`),
  validate: (model, input, signal) => request('POST', '/v1/validate', { json: { model, input }, signal }),
  estimate: (model, input, mediaDurations, signal) =>
    request('POST', '/v1/estimate', { json: { model, input, mediaDurations }, signal }),
  quote: (model, input, mediaDurations, signal) =>
    request('POST', '/v1/quote', { json: { model, input, mediaDurations }, signal }),
  compare: (models, input, mediaDurations, signal) =>
    request('POST', '/v1/compare', { json: { models, input, mediaDurations }, signal }),
  submit: (model, input, mediaDurations, maxCostUsd) =>
    request('POST', '/v1/jobs', {
      json: { model, input, mediaDurations, maxCostUsd: maxCostUsd ?? undefined },
      // A fresh key per click: a retried POST of the same click cannot start (and bill) a second job.
      headers: { 'Idempotency-Key': crypto.randomUUID ? crypto.randomUUID() : String(Date.now() + Math.random()) },
    }),
  jobs: () => request('GET', '/v1/jobs'),
  job: (id) => request('GET', `/v1/jobs/${encodeURIComponent(id)}`),
  cancel: (id) => request('DELETE', `/v1/jobs/${encodeURIComponent(id)}`),
  nextSteps: (id) => request('GET', `/v1/jobs/${encodeURIComponent(id)}/next-steps`),
  chain: (id) => request('GET', `/v1/jobs/${encodeURIComponent(id)}/chain`),
  webhookEndpoint: () => request('GET', '/v1/webhooks/endpoint'),
  setWebhookEndpoint: (url) => request('PUT', '/v1/webhooks/endpoint', { json: { url } }),
  jobWebhooks: (id) => request('GET', `/v1/jobs/${encodeURIComponent(id)}/webhooks`),
  redeliver: (deliveryId) => request('POST', `/v1/webhooks/deliveries/${encodeURIComponent(deliveryId)}/redeliver`),
  upload: (file) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request('POST', '/v1/uploads', { body: form });
  },
  outputUrl: (id) => withToken(`/v1/jobs/${encodeURIComponent(id)}/output`),
  eventsUrl: (id) => withToken(`/v1/jobs/${encodeURIComponent(id)}/events`),
};

/**
 * A price as a creator reads it: $0 is only ever a free rule's total (a 0 rate is refused at load and an unknown
 * price is null, never 0), so it reads as free; anything else as {@link usd}.
 */
export function price(value) {
  return value === 0 || value === '0' ? 'free (runs locally)' : usd(value);
}

/** Formats a USD amount; null/undefined means unknown, which is never shown as $0. */
export function usd(value) {
  if (value === null || value === undefined) return 'unknown';
  const n = Number(value);
  return `$${n.toFixed(n !== 0 && Math.abs(n) < 0.1 ? 3 : 2)}`;
}
