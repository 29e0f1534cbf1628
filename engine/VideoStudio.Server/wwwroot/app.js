// Page glue: task → model cards → generated form with live validation and price → job → result.
// Tasks, models, cards, schemas and prices all come from the API, so a plugin's new model needs no change here.

import { api, apiKey, ApiError, onUnauthorized, usd } from './api.js';
import { codes } from './codes.js';
import { renderForm, el } from './form.js';
import { renderCards, applyAvailability, clearAvailability, renderComparison, confidenceBadge } from './cards.js';
import { watchJob, describe, progressOf, renderJobs, outputKind, outputFileName } from './jobs.js';

// Friendly names for the task kinds the contract defines; a task kind unknown here is still listed, by its id.
const TASKS = {
  'text-to-video': ['Create from text', 'Describe a scene and get a clip'],
  'image-to-video': ['Animate an image', 'Bring a still picture to life'],
  'video-extend': ['Extend a video', 'Continue a clip past its last frame'],
  'video-to-video': ['Re-shoot a video', 'Retake or restyle existing footage'],
  upscale: ['Upscale', 'Sharper, higher-resolution video'],
  avatar: ['Talking avatar', 'A portrait that speaks your audio'],
};

const $ = (id) => document.getElementById(id);
const state = { task: null, details: [], modelId: null, schema: null, form: null, uploads: 0, seq: 0 };

function banner(message) {
  $('banner').textContent = message || '';
  $('banner').hidden = !message;
}
onUnauthorized(() => banner('This server needs an API key: enter it at the top right and press Save.'));

const debounce = (fn, ms) => {
  let t;
  return (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); };
};

async function loadTasks() {
  const models = await api.models();
  const present = [...new Set(models.map((m) => m.task))];
  const order = [...Object.keys(TASKS).filter((t) => present.includes(t)), ...present.filter((t) => !TASKS[t])];
  $('tasks').replaceChildren(...order.map((task) => {
    const [label, blurb] = TASKS[task] || [task, ''];
    const count = models.filter((m) => m.task === task).length;
    const input = el('input', { type: 'radio', name: 'task', value: task, id: `task-${task}`, class: 'visually-hidden', 'data-task': task });
    input.addEventListener('change', () => chooseTask(task));
    return el('div', { class: 'task' }, input,
      el('label', { for: `task-${task}` }, el('strong', { text: label }), el('span', { text: blurb }),
        el('span', { class: 'count', text: `${count} model${count === 1 ? '' : 's'}` })));
  }));
  const initial = new URLSearchParams(location.hash.slice(1)).get('task') || order[0];
  if (initial) { $(`task-${initial}`).checked = true; await chooseTask(initial); }
}

async function chooseTask(task) {
  state.task = task;
  state.modelId = null;
  $('settings').hidden = true;
  $('compare').hidden = true;
  $('model-cards').replaceChildren(el('p', { class: 'muted', text: 'Loading models…' }));
  const summaries = await api.models(task);
  state.details = await Promise.all(summaries.map((m) => api.model(m.id)));
  if (state.task !== task) return;
  drawCards();
  $('compare-button').disabled = state.details.length < 2;
}

function drawCards() {
  renderCards($('model-cards'), state.details, state.modelId, chooseModel);
  $('model-cards').dataset.ready = 'true';
}

async function chooseModel(id) {
  const previous = state.form?.touchedValues() || {};
  state.modelId = id;
  state.submitted = false;
  state.schema = await api.schema(id);
  const detail = state.details.find((d) => d.model.id === id);
  $('settings-model').textContent = detail?.model.displayName || id;
  $('settings').hidden = false;
  state.form = renderForm($('fields'), state.schema, { onChange: scheduleCheck, onStatus: uploading });
  // Carry over what the person already entered where this model has the same field.
  const carried = Object.fromEntries(Object.entries(previous).filter(([k]) => k in (state.schema.properties || {})));
  if (Object.keys(carried).length) state.form.fill(carried);
  drawCards();
  await check();
  $('settings').scrollIntoView({ behavior: 'smooth', block: 'start' });
}

function uploading(busy) {
  state.uploads += busy ? 1 : -1;
  $('submit').disabled = state.uploads > 0;
  $('model-form').dataset.uploads = String(state.uploads);
}

const scheduleCheck = debounce(() => check(), 250);

// One round of live feedback: validate (field errors), estimate (price), compare (which cards stay enabled).
// A sequence number drops answers to older edits that arrive late.
async function check() {
  if (!state.form) return;
  const seq = ++state.seq;
  const input = state.form.values();
  const durations = state.form.mediaDurations();
  const form = $('model-form');
  form.dataset.state = 'checking';
  const touched = state.form.touchedValues();
  const availability = Object.keys(touched).length
    ? api.compare(state.details.map((d) => d.model.id), touched, durations).catch(() => null)
    : Promise.resolve(null);
  try {
    const validation = await api.validate(state.modelId, input);
    if (seq !== state.seq) return;
    // "Required" is noise on a field nobody has reached yet; it shows once touched or after a submit attempt.
    const fieldOf = (issue) => (issue.path || '').split('/')[1];
    const shown = validation.errors.filter((e) => e.code !== codes.required || state.submitted || state.form.isTouched(fieldOf(e)));
    state.form.setIssues(shown, validation.warnings, $('general-issues'));
    let estimate = null;
    if (validation.valid) {
      estimate = await api.estimate(state.modelId, input, durations).catch((e) => (e instanceof ApiError ? null : Promise.reject(e)));
    }
    if (seq !== state.seq) return;
    showEstimate(estimate, validation);
    form.dataset.state = validation.valid ? 'valid' : 'invalid';
  } catch (e) {
    if (seq !== state.seq) return;
    form.dataset.state = 'error';
    banner(`Could not check the settings: ${e.message}`);
  }
  const report = await availability;
  if (seq !== state.seq) return;
  if (report) applyAvailability($('model-cards'), report); else clearAvailability($('model-cards'));
  form.dataset.checked = String(seq); // a round is finished: fields, price and cards all reflect this edit
}

function showEstimate(estimate, validation) {
  const total = $('estimate-total');
  total.textContent = estimate ? usd(estimate.totalUsd) : 'unknown';
  total.classList.toggle('unknown', !estimate || estimate.totalUsd == null);
  $('estimate-confidence').replaceChildren(estimate?.provenance ? confidenceBadge(estimate.provenance.confidence) : '');
  const reason = !validation.valid ? 'Fix the highlighted settings to see a price.'
    : estimate?.unknownReason || (estimate?.missing?.length ? `Needs: ${estimate.missing.join(', ')}` : '');
  $('estimate-reason').textContent = reason || (estimate?.holdUsd != null ? `Reserved while running: ${usd(estimate.holdUsd)}` : '');
  $('estimate-lines').replaceChildren(...(estimate?.lineItems || []).map((l) =>
    el('li', {}, el('span', { text: l.label }), el('span', { class: 'num', text: usd(l.amountUsd) }))));
  const p = estimate?.provenance;
  $('estimate-source').replaceChildren(...(p ? [
    el('p', {}, 'Source: ', p.source || 'not stated'),
    p.ruleVersion ? el('p', { class: 'muted', text: `Rule version ${p.ruleVersion}` }) : null,
    ...(p.notes || []).map((n) => el('p', { class: 'muted', text: n })),
  ].filter(Boolean) : [el('p', { class: 'muted', text: 'No price yet.' })]));
}

async function compare() {
  const input = state.form ? state.form.values() : {};
  const report = await api.compare(state.details.map((d) => d.model.id), input, state.form?.mediaDurations());
  renderComparison($('compare'), report);
  $('compare').hidden = false;
}

let currentJob = null;

async function submit(ev) {
  ev.preventDefault();
  if (!state.form || state.uploads > 0) return;
  state.submitted = true;
  $('submit').disabled = true;
  $('submit-status').textContent = 'Submitting…';
  try {
    const job = await api.submit(state.modelId, state.form.values(), state.form.mediaDurations());
    $('submit-status').textContent = `Job accepted${job.estimateUsd != null ? ` · estimate ${usd(job.estimateUsd)}` : ''}.`;
    follow(job);
  } catch (e) {
    if (e instanceof ApiError && e.problem.errors) state.form.setIssues(e.problem.errors, [], $('general-issues'));
    $('submit-status').textContent = e instanceof ApiError && e.status === 402
      ? `Over budget: ${e.message}` : `Not submitted: ${e.message}`;
  } finally {
    $('submit').disabled = state.uploads > 0;
  }
}

// One element per output kind; only the one showing the current output has a src.
const PLAYERS = { video: 'result-video', image: 'result-image', audio: 'result-audio' };

function hidePlayers() {
  Object.values(PLAYERS).forEach((id) => { $(id).hidden = true; $(id).removeAttribute('src'); });
}

async function follow(job) {
  currentJob = job.id;
  $('result').hidden = false;
  $('result').dataset.job = job.id;
  $('result').dataset.state = job.state;
  hidePlayers();
  $('result-download').hidden = true;
  $('next-steps').hidden = true;
  $('chain').hidden = true;
  $('cancel-button').hidden = false;
  $('job-progress').removeAttribute('value');
  $('job-status').textContent = describe({ kind: job.state, state: job.state });
  $('result').scrollIntoView({ behavior: 'smooth', block: 'start' });
  refreshJobs();
  try {
    const final = await watchJob(job.id, (event) => {
      if (currentJob !== job.id) return;
      $('job-status').textContent = describe(event);
      $('result').dataset.state = event.state;
      const p = progressOf(event);
      if (p == null) $('job-progress').removeAttribute('value'); else $('job-progress').value = p;
    });
    if (currentJob !== job.id) return;
    $('cancel-button').hidden = true;
    $('result').dataset.state = final.state;
    if (final.state === 'completed') play(final);
    else $('job-status').textContent = describe({ kind: final.state, state: final.state, message: final.error?.message });
  } catch (e) {
    $('job-status').textContent = e.message;
  }
  refreshJobs();
  loadWebhookEndpoint();
}

function play(job) {
  currentJob = job.id;
  const kind = outputKind(job);
  $('result').hidden = false;
  $('result').dataset.output = kind;
  $('result').dataset.job = job.id;
  $('result').dataset.state = job.state;
  const cost = job.finalCostUsd ?? job.estimateUsd;
  $('job-status').textContent = `Done · ${job.modelId}${cost != null ? ` · ${usd(cost)}` : ''}`;
  $('job-progress').value = 1;
  hidePlayers();
  const player = $(PLAYERS[kind]);
  player.src = api.outputUrl(job.id);
  player.hidden = false;
  const link = $('result-download');
  link.href = api.outputUrl(job.id);
  link.download = outputFileName(job);
  link.textContent = `Download ${link.download.split('.').pop().toUpperCase()}`;
  link.hidden = false;
  $('cancel-button').hidden = true;
  showNextSteps(job);
  showChain(job);
  showDeliveries(job);
}

// What was sent to the owner's server about this job; a delivery that gave up (dead) can be sent again.
async function showDeliveries(job) {
  $('webhooks').hidden = true;
  let deliveries = [];
  try { deliveries = await api.jobWebhooks(job.id); } catch { return; }
  if (currentJob !== job.id || !deliveries.length) return;
  const counts = ['delivered', 'pending', 'dead'].map((s) => [s, deliveries.filter((d) => d.state === s).length]).filter(([, n]) => n);
  $('webhooks-summary').textContent = counts.map(([s, n]) => `${n} ${s}`).join(', ');
  $('webhook-deliveries').replaceChildren(...deliveries.map((d) => el('li', { 'data-delivery': d.id, 'data-state': d.state },
    el('code', { text: d.eventType }), ' ',
    el('span', { class: `pill delivery-${d.state}`, text: d.state }), ' ',
    el('span', { class: 'muted', text: `${d.attempts} attempt(s)${d.lastError ? ` · ${d.lastError}` : ''}` }), ' ',
    d.state === 'dead' ? el('button', {
      type: 'button', class: 'button small secondary', text: 'Send again',
      onclick: async () => {
        try { await api.redeliver(d.id); } catch (e) { banner(e.message); return; }
        showDeliveries(job);
      },
    }) : null)));
  $('webhooks').hidden = false;
  $('webhooks').dataset.job = job.id;
}

async function loadWebhookEndpoint() {
  try {
    const endpoint = await api.webhookEndpoint();
    $('webhook-url').value = endpoint.url || '';
    $('webhook-status').textContent = endpoint.url ? `Signing secret: ${endpoint.secret}` : '';
  } catch { /* none yet, or no access */ }
}

async function saveWebhookEndpoint(e) {
  e.preventDefault();
  try {
    const endpoint = await api.setWebhookEndpoint($('webhook-url').value.trim());
    $('webhook-status').textContent = `Saved. Signing secret: ${endpoint.secret}`;
  } catch (err) {
    $('webhook-status').textContent = err.problem?.errors?.[0]?.message || err.message;
  }
}

// The steps open to a finished job's output come from the server (models whose schema takes that kind of media),
// one button per kind of step; the first model of that kind is pre-selected and its card list lets the person switch.
async function showNextSteps(job) {
  $('next-steps').hidden = true;
  let steps = [];
  try { steps = await api.nextSteps(job.id); } catch { return; }
  if (currentJob !== job.id || !steps.length) return;
  const byLabel = new Map();
  steps.forEach((s) => { if (!byLabel.has(s.label)) byLabel.set(s.label, s); });
  $('next-step-buttons').replaceChildren(...[...byLabel.values()].map((step) => el('button', {
    type: 'button', class: 'button secondary', 'data-next-step': step.task, 'data-model': step.modelId,
    title: `${step.displayName}: ${step.field} ← this output`, text: step.label, onclick: () => startNextStep(step),
  })));
  $('next-steps').hidden = false;
  $('next-steps').dataset.job = job.id;
}

async function startNextStep(step) {
  const radio = $(`task-${step.task}`);
  if (radio) radio.checked = true;
  state.form = null; // nothing carried over from the previous form: the step starts from its own input
  await chooseTask(step.task);
  await chooseModel(step.modelId);
  state.form.fill(step.input);
  await check();
}

async function showChain(job) {
  $('chain').hidden = true;
  let chain;
  try { chain = await api.chain(job.id); } catch { return; }
  if (currentJob !== job.id || chain.jobs.length < 2) return;
  $('chain-jobs').replaceChildren(...chain.jobs.map((j) => el('li', { 'data-chain-job': j.id },
    el('code', { text: j.modelId }), ' ',
    el('span', { class: `pill state-${j.state}`, text: j.state }), ' ',
    el('span', { class: 'num', text: j.costUsd != null ? `${usd(j.costUsd)}${j.costSource === 'provider-billing' ? ' (charged)' : ' (est.)'}` : 'unknown' }))));
  $('chain-total').textContent = chain.totalUsd != null ? usd(chain.totalUsd) : `unknown (${usd(chain.knownUsd)} known)`;
  $('chain').hidden = false;
  $('chain').dataset.job = job.id;
}

async function refreshJobs() {
  try {
    renderJobs($('jobs'), await api.jobs(), (job) => { play(job); $('result').scrollIntoView({ behavior: 'smooth' }); });
  } catch (e) {
    $('jobs').replaceChildren(el('p', { class: 'muted', text: `Could not list jobs: ${e.message}` }));
  }
}

async function start() {
  try {
    await loadTasks();
    document.body.dataset.ready = 'true';
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) banner(`Could not reach the server: ${e.message}`);
  }
  refreshJobs();
}

function init() {
  $('api-key').value = apiKey.get();
  $('key-form').onsubmit = (e) => {
    e.preventDefault();
    apiKey.set($('api-key').value.trim());
    banner('');
    start();
  };
  $('model-form').onsubmit = submit;
  $('compare-button').onclick = () => compare().catch((e) => banner(e.message));
  $('example-button').onclick = () => state.form?.fill(state.details.find((d) => d.model.id === state.modelId)?.card?.exampleInput);
  $('jobs-refresh').onclick = refreshJobs;
  $('webhook-form').onsubmit = saveWebhookEndpoint;
  $('cancel-button').onclick = () => currentJob && api.cancel(currentJob).catch((e) => banner(e.message));
  start();
}

init();
