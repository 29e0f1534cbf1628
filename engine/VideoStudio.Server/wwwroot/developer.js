// Developer settings, away from the creator's page: the API key, the webhook endpoint and what was delivered.

import { api, apiKey, ApiError, onUnauthorized } from './api.js';
import { el } from './form.js';

const $ = (id) => document.getElementById(id);

function banner(message) {
  $('banner').textContent = message || '';
  $('banner').hidden = !message;
}
onUnauthorized(() => banner('This server needs an API key: enter it below and press Save.'));

async function loadEndpoint() {
  // Answers 200 either way: {configured: false} when nothing is set, so loading the page fails nothing.
  let endpoint;
  try { endpoint = await api.webhookEndpoint(); } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) banner(e.message);
    return;
  }
  $('webhook-url').value = endpoint.url || '';
  $('webhook-status').textContent = !endpoint.configured ? 'None set.'
    : endpoint.url ? `Signing secret: ${endpoint.secret}` : '';
}

async function saveEndpoint(e) {
  e.preventDefault();
  try {
    const endpoint = await api.setWebhookEndpoint($('webhook-url').value.trim());
    $('webhook-status').textContent = `Saved. Signing secret: ${endpoint.secret}`;
  } catch (err) {
    $('webhook-status').textContent = err.problem?.errors?.[0]?.message || err.message;
  }
}

// What was sent to the owner's server about one job; a delivery that gave up (dead) can be sent again.
async function showDeliveries(jobId) {
  $('webhooks').hidden = true;
  if (!jobId) return;
  let deliveries = [];
  try { deliveries = await api.jobWebhooks(jobId); } catch (e) { banner(e.message); return; }
  const counts = ['delivered', 'pending', 'dead'].map((s) => [s, deliveries.filter((d) => d.state === s).length]).filter(([, n]) => n);
  $('webhooks-summary').textContent = counts.length ? counts.map(([s, n]) => `${n} ${s}`).join(', ') : 'nothing';
  $('webhook-deliveries').replaceChildren(...deliveries.map((d) => el('li', { 'data-delivery': d.id, 'data-state': d.state },
    el('code', { text: d.eventType }), ' ',
    el('span', { class: `pill delivery-${d.state}`, text: d.state }), ' ',
    el('span', { class: 'muted', text: `${d.attempts} attempt(s)${d.lastError ? ` · ${d.lastError}` : ''}` }), ' ',
    d.state === 'dead' ? el('button', {
      type: 'button', class: 'button small secondary', text: 'Send again',
      onclick: async () => {
        try { await api.redeliver(d.id); } catch (e) { banner(e.message); return; }
        showDeliveries(jobId);
      },
    }) : null)));
  $('webhooks').hidden = false;
  $('webhooks').dataset.job = jobId;
}

async function loadJobs() {
  const jobs = await api.jobs();
  const wanted = new URLSearchParams(location.hash.slice(1)).get('job');
  $('delivery-job').replaceChildren(el('option', { value: '', text: 'Choose a job…' }),
    ...jobs.map((j) => el('option', { value: j.id, text: `${j.input?.prompt ? j.input.prompt.slice(0, 50) : j.id} · ${j.modelId} · ${j.state}` })));
  if (wanted) { $('delivery-job').value = wanted; await showDeliveries(wanted); }
}

async function start() {
  try {
    await Promise.all([loadEndpoint(), loadJobs()]);
    banner('');
    document.body.dataset.ready = 'true';
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) banner(`Could not reach the server: ${e.message}`);
  }
}

$('api-key').value = apiKey.get();
$('key-form').onsubmit = (e) => {
  e.preventDefault();
  apiKey.set($('api-key').value.trim());
  $('key-status').textContent = 'Saved in this browser.';
  start();
};
$('webhook-form').onsubmit = saveEndpoint;
$('delivery-job').onchange = () => showDeliveries($('delivery-job').value);
window.addEventListener('hashchange', loadJobs);
start();
