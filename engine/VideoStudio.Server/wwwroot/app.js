// Page glue: task → model cards → generated form with live validation and price → job → result → library.
// Tasks, models, cards, schemas and prices all come from the API, so a plugin's new model needs no change here.

import { api, ApiError, onUnauthorized, usd, price } from './api.js';
import { codes } from './codes.js';
import { renderForm, el } from './form.js';
import { OPTIMIZER, isPromptField, improveControl } from './prompt-optimizer.js';
import { renderCards, applyAvailability, clearAvailability, renderComparison, confidenceBadge } from './cards.js';
import { watchJob, describe, progressOf, renderLibrary, outputKind, outputFileName, costWords, promptOf } from './jobs.js';
import { showSideBySide, showBeforeAfter } from './sidebyside.js';
import { humanize, labelOf } from './words.js';
import { LOCAL_TASKS } from './local.js';
import { priceRun, runVerdict, runAll } from './compare-run.js';

// Friendly names for the task kinds the contract defines; a task kind unknown here is still listed, by its id.
const TASKS = {
  'text-to-video': ['Create from text', 'Describe a scene and get a clip'],
  'image-to-video': ['Animate an image', 'Bring a still picture to life'],
  'video-extend': ['Extend a video', 'Continue a clip past its last frame'],
  'video-to-video': ['Re-shoot a video', 'Retake or restyle existing footage'],
  upscale: ['Upscale', 'Sharper, higher-resolution video'],
  avatar: ['Talking avatar', 'A portrait that speaks your audio'],
  'reference-to-video': ['From references', 'A clip that keeps your references\' look'],
  'face-swap': ['Face swap', 'Put another face into a video'],
  'background-removal': ['Remove background', 'Cut out or replace the background of a video'],
  'add-audio': ['Add sound', 'Sound effects and ambience that match the picture'],
  'video-translate': ['Translate', 'Dub a video into another language'],
  'prompt-optimize': ['Improve a prompt', 'Turn a short idea into a detailed prompt'],
};
Object.assign(TASKS, LOCAL_TASKS); // Edit, Transform and Social tiles (local.js)

const $ = (id) => document.getElementById(id);
const state = {
  task: null, details: [], schemas: {}, modelId: null, schema: null, form: null, uploads: 0, seq: 0,
  quote: null, changesNothing: [], report: null, models: [], jobs: [], selected: new Set(),
  picks: new Set(), run: [], runSeq: 0, running: false,
};

// `about` names what the message is about, so the round that proves it untrue can take it away (clearBanner).
function banner(message, link, about = '') {
  $('banner').replaceChildren(message || '', ...(link ? [' ', el('a', { href: link.href, text: link.text })] : []));
  $('banner').hidden = !message;
  $('banner').dataset.about = about;
}

function clearBanner(about) {
  if ($('banner').dataset.about === about) banner('');
}
onUnauthorized(() => banner('This server needs an API key.', { href: 'developer.html', text: 'Enter it in Developer settings.' }));

const debounce = (fn, ms) => {
  let t;
  const run = (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); };
  run.cancel = () => clearTimeout(t);
  return run;
};

async function loadTasks() {
  const models = await api.models();
  state.models = models;
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
  $('filter-task').replaceChildren(el('option', { value: '', text: 'All' }), ...order.map((t) => el('option', { value: t, text: (TASKS[t] || [t])[0] })));
  $('filter-model').replaceChildren(el('option', { value: '', text: 'All' }), ...models.map((m) => el('option', { value: m.id, text: m.displayName || m.id })));
  const initial = new URLSearchParams(location.hash.slice(1)).get('task') || order[0];
  if (initial && $(`task-${initial}`)) { $(`task-${initial}`).checked = true; await chooseTask(initial); }
}

async function chooseTask(task) {
  state.task = task;
  state.modelId = null;
  state.report = null;
  $('settings').hidden = true;
  $('compare').hidden = true;
  $('compare-run').hidden = true;
  state.picks.clear();
  $('submit-status').textContent = '';
  $('model-cards').replaceChildren(el('p', { class: 'muted', text: 'Loading models…' }));
  const summaries = await api.models(task);
  const [details, schemas] = await Promise.all([
    Promise.all(summaries.map((m) => api.model(m.id))),
    Promise.all(summaries.map((m) => api.schema(m.id))),
  ]);
  if (state.task !== task) return;
  state.details = details;
  summaries.forEach((m, i) => { state.schemas[m.id] = schemas[i]; });
  drawCards();
  $('compare-button').disabled = state.details.length < 2;
}

function drawCards() {
  renderCards($('model-cards'), state.details, state.modelId, chooseModel);
  $('model-cards').dataset.ready = 'true';
  if (state.report) applyAvailability($('model-cards'), state.report, state.schemas, state.form?.touchedValues() || {}, moveTo);
}

async function chooseModel(id, carry) {
  const previous = carry || state.form?.touchedValues() || {};
  state.modelId = id;
  state.submitted = false;
  state.schema = state.schemas[id] || await api.schema(id);
  const detail = state.details.find((d) => d.model.id === id);
  $('settings-model').textContent = detail?.model.displayName || id;
  $('settings').hidden = false;
  $('submit-status').textContent = '';
  $('max-cost').value = '';
  $('nothing-confirm').checked = false;
  state.form = renderForm($('fields'), state.schema, { onChange: edited, onStatus: uploading, fieldExtra: promptHelper, library: libraryOf });
  // Carry over what the person already entered where this model has the same field.
  const carried = Object.fromEntries(Object.entries(previous).filter(([k]) => k in (state.schema.properties || {})));
  if (Object.keys(carried).length) state.form.fill(carried);
  drawCards();
  await check();
  $('settings').scrollIntoView({ behavior: 'smooth', block: 'start' });
}

// A greyed card's offer accepted: its settings move to what it takes (each change was shown), then it is chosen.
async function moveTo(id, moves) {
  const settings = { ...(state.form?.touchedValues() || {}) };
  for (const m of moves) {
    if (m.to === undefined) delete settings[m.field]; else settings[m.field] = m.to;
  }
  await chooseModel(id, settings);
  $('submit-status').textContent = `Changed for this model: ${moves.map((m) => `${m.label} ${m.from} → ${m.to ?? 'left out'}`).join('; ')}.`;
}

function uploading(busy) {
  state.uploads += busy ? 1 : -1;
  $('model-form').dataset.uploads = String(state.uploads);
  updateSubmit();
}

// Any edit makes what was said about the previous settings untrue: it goes, and a fresh check follows.
function edited() {
  $('submit-status').textContent = '';
  $('nothing-confirm').checked = false;
  scheduleCheck();
}

const scheduleCheck = debounce(() => check(), 250);

// One round of live feedback: validate (field errors), price (with the live quote where the rule has none), compare
// (which cards stay enabled). A sequence number drops answers to older edits that arrive late.
async function check() {
  if (!state.form) return;
  scheduleCheck.cancel(); // this round covers every edit made so far
  const seq = ++state.seq;
  const input = state.form.values();
  const durations = state.form.mediaDurations();
  const form = $('model-form');
  form.dataset.state = 'checking';
  updateSubmit();
  const touched = state.form.touchedValues();
  // Other models are judged only on what the creator set, each with its own defaults: never this model's defaults.
  const availability = Object.keys(touched).length
    ? api.compare(state.details.map((d) => d.model.id), touched, durations).catch(() => null)
    : Promise.resolve(null);
  try {
    const validation = await api.validate(state.modelId, input);
    if (seq !== state.seq) return;
    // "Required" is noise on a field nobody has reached yet; it shows once touched or after a submit attempt.
    const fieldOf = (issue) => (issue.path || '').split('/')[1];
    const shown = validation.errors.filter((e) => e.code !== codes.required || state.submitted || state.form.isTouched(fieldOf(e)));
    const placed = state.form.setIssues(shown, validation.warnings, $('general-issues'));
    state.changesNothing = validation.warnings.filter((w) => w.code === codes.changesNothing);
    let quote = null;
    let estimate = null;
    if (validation.valid) {
      const quiet = (e) => (e instanceof ApiError ? null : Promise.reject(e));
      [quote, estimate] = await Promise.all([
        api.quote(state.modelId, input, durations).catch(quiet),
        api.estimate(state.modelId, input, durations).catch(quiet),
      ]);
    }
    if (seq !== state.seq) return;
    state.quote = quote;
    showPrice(quote, validation, placed, shown);
    showLines(estimate);
    form.dataset.state = validation.valid ? 'valid' : 'invalid';
    clearBanner('check'); // the settings could be checked after all
  } catch (e) {
    if (seq !== state.seq) return;
    form.dataset.state = 'error';
    banner(`Could not check the settings: ${e.message}`, null, 'check');
  }
  const report = await availability;
  if (seq !== state.seq) return;
  state.report = report;
  if (report) applyAvailability($('model-cards'), report, state.schemas, touched, moveTo); else clearAvailability($('model-cards'));
  if (!$('compare').hidden) {
    drawComparison(report || { entries: [] });
    priceTheRun();
  }
  updateSubmit();
  form.dataset.checked = String(seq); // a round is finished: fields, price and cards all reflect this edit
}

function showPrice(quote, validation, placed, shown) {
  const total = $('estimate-total');
  const known = quote?.estimateUsd != null;
  total.textContent = known ? price(quote.estimateUsd) : 'unknown';
  total.classList.toggle('unknown', !known);
  const q = $('estimate-quote');
  q.hidden = !(quote?.quoteUsd != null);
  q.textContent = quote?.quoteUsd != null ? `Live quote from the provider: ${usd(quote.quoteUsd)}` : '';
  let reason = '';
  if (!validation.valid) {
    reason = placed?.highlighted ? 'Fix the highlighted settings to see a price.'
      : shown.length ? `To see a price: ${humanize(shown[0].message, state.schema)}` : 'Fill in the required settings to see a price.';
  } else if (quote?.needsMaxCost) {
    reason = `No price yet: ${quote.unknownReason || 'the provider gave no quote'}.`;
  } else if (quote?.holdUsd != null) {
    reason = quote.holdUsd !== quote.estimateUsd
      ? `Reserved while it runs: ${usd(quote.holdUsd)} (the most it may cost; the rest is released when it ends).`
      : `Reserved while it runs: ${usd(quote.holdUsd)}.`;
  }
  $('estimate-reason').textContent = reason;
  $('max-cost-row').hidden = !(validation.valid && quote?.needsMaxCost);
  const nothing = state.changesNothing[0];
  $('nothing-row').hidden = !nothing;
  $('nothing-text').textContent = nothing ? humanize(nothing.message, state.schema) : '';
}

// The line items and the rule's provenance: one click away, for whoever wants to check the sum.
function showLines(estimate) {
  $('estimate-lines').replaceChildren(...(estimate?.lineItems || []).map((l) =>
    el('li', {}, el('span', { text: l.label }), el('span', { class: 'num', text: usd(l.amountUsd) }))));
  const p = estimate?.provenance;
  $('estimate-source').replaceChildren(...(p ? [
    el('p', {}, 'How sure: ', confidenceBadge(p.confidence)),
    el('p', {}, 'Source: ', p.source || 'not stated'),
    ...(p.notes || []).map((n) => el('p', { class: 'muted', text: n })),
  ] : [el('p', { class: 'muted', text: 'No price yet.' })]));
}

/** What one click on Generate would spend, on the button itself; disabled while that is not known or not agreed. */
function updateSubmit() {
  const button = $('submit');
  const formState = $('model-form').dataset.state;
  const cap = Number($('max-cost').value);
  const q = state.quote;
  let label = 'Generate';
  let ready = formState === 'valid' && state.uploads === 0;
  if (ready && q?.estimateUsd != null) label = `Generate · ${price(q.estimateUsd)}`;
  else if (ready && q?.needsMaxCost) {
    if (cap > 0) label = `Generate · up to ${usd(cap)}`;
    else ready = false;
  } else if (ready && !q) ready = false;
  if (ready && state.changesNothing.length && !$('nothing-confirm').checked) ready = false;
  button.textContent = label;
  button.disabled = !ready;
  button.dataset.amount = q?.estimateUsd ?? (cap > 0 ? cap : '');
}

async function compare() {
  // The same request as the cards: only what the creator set, so the table and the cards agree.
  const touched = state.form ? state.form.touchedValues() : {};
  const report = await api.compare(state.details.map((d) => d.model.id), touched, state.form?.mediaDurations());
  state.report = report;
  drawComparison(report);
  $('compare').hidden = false;
  $('compare-run').hidden = false;
  await priceTheRun();
}

const nameOf = (id) => state.models.find((m) => m.id === id)?.displayName || state.details.find((d) => d.model.id === id)?.model.displayName || id;

function drawComparison(report) {
  renderComparison($('compare'), report, state.schemas, {
    picked: state.picks,
    onPick: (id, on) => { if (on) state.picks.add(id); else state.picks.delete(id); priceTheRun(); },
  });
}

// The ticked models' own quotes for the creator's current settings, summed on the run button before any click.
async function priceTheRun() {
  if (state.running) return;
  const seq = ++state.runSeq;
  const button = $('compare-run-button');
  button.disabled = true;
  const entries = new Map((state.report?.entries || []).map((e) => [e.modelId, e]));
  const picked = [...state.picks].filter((id) => entries.get(id)?.displayName != null);
  const unfinished = picked.filter((id) => (entries.get(id).rejected || []).some((i) => i.code === codes.required));
  if (unfinished.length) {
    button.textContent = 'Generate on each ticked model';
    $('compare-run-status').textContent = `Fill in the required settings first (${unfinished.map(nameOf).join(', ')} still needs them).`;
    return;
  }
  // Every model that takes the settings is quoted, so the table shows a price where its rule has none.
  const takers = [...entries.values()].filter((e) => e.displayName != null && !(e.rejected || []).some((i) => i.code === codes.required)
    && $('compare').querySelector(`tr[data-compare="${CSS.escape(e.modelId)}"][data-takes=true]`)).map((e) => e.modelId);
  const touched = state.form ? state.form.touchedValues() : {};
  const all = await priceRun(takers, state.schemas, touched, state.form?.mediaDurations());
  if (seq !== state.runSeq || state.running) return;
  const priced = all.filter((p) => picked.includes(p.modelId));
  state.run = priced;
  for (const p of all) {
    const cell = $('compare').querySelector(`[data-quote-for="${CSS.escape(p.modelId)}"]`);
    if (cell) cell.textContent = p.quote?.source === 'live-quote' ? `live quote ${usd(p.quote.estimateUsd)}` : '';
  }
  const verdict = runVerdict(priced, nameOf);
  button.textContent = verdict.label;
  button.dataset.total = verdict.total ?? '';
  button.disabled = !verdict.ready;
  $('compare-run-status').textContent = verdict.reason;
}

// Every ticked model runs the creator's settings; when they end, their results play side by side.
async function runComparison() {
  if (state.running || $('compare-run-button').disabled) return;
  const priced = state.run;
  const durations = state.form?.mediaDurations();
  state.running = true;
  $('compare-run-button').disabled = true;
  const say = (text) => { $('compare-run-status').textContent = text; };
  try {
    const finals = await runAll(priced, durations, say);
    refreshJobs();
    const done = finals.filter((j) => j.state === 'completed' && j.outputs?.length);
    const failed = finals.filter((j) => j.state !== 'completed');
    say([`${done.length} of ${finals.length} finished.`, ...failed.map((j) => `${nameOf(j.modelId)}: ${describe({ kind: j.state, state: j.state, message: humanize(j.error?.message, state.schemas[j.modelId]) })}.`)].join(' '));
    if (done.length >= 2) {
      const [label] = TASKS[state.task] || [state.task];
      showSideBySide($('viewer'), done, `${label}: ${done.length} models side by side`, (j) => nameOf(j.modelId));
      $('viewer').scrollIntoView({ behavior: 'smooth', block: 'start' });
    }
  } catch (e) {
    say(`Not run: ${humanize(e.message, state.schema)}`);
    refreshJobs();
  } finally {
    state.running = false;
    $('compare-run-button').disabled = !runVerdict(priced, nameOf).ready; // another take is one more deliberate click
  }
}

let currentJob = null;

async function submit(ev) {
  ev.preventDefault();
  if (!state.form || $('submit').disabled) return;
  state.submitted = true;
  $('submit').disabled = true;
  $('submit-status').textContent = 'Submitting…';
  const cap = state.quote?.needsMaxCost ? Number($('max-cost').value) : null;
  try {
    const job = await api.submit(state.modelId, state.form.values(), state.form.mediaDurations(), cap || null);
    $('submit-status').textContent = `Started · ${costWords(job)}.`;
    follow(job);
  } catch (e) {
    if (e instanceof ApiError && e.problem.errors) state.form.setIssues(e.problem.errors, [], $('general-issues'));
    const message = humanize(e.message, state.schema);
    $('submit-status').textContent = e instanceof ApiError && e.status === 402 ? `Over budget: ${message}` : `Not started: ${message}`;
  } finally {
    updateSubmit();
  }
}

// Finished outputs of one media kind, newest first, for a media field's "From the library…" list.
function libraryOf(kind) {
  const byId = new Map(state.jobs.map((j) => [j.id, j]));
  return state.jobs
    .filter((j) => j.state === 'completed' && j.outputs?.length && outputKind(j) === kind)
    .sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)))
    .map((j) => ({ value: `job:${j.id}`, text: `${promptOf(j, byId) || '(no prompt)'} · ${nameOf(j.modelId)}` }));
}

// The prompt optimizer beside every prompt field, when it is installed (prompt-optimizer.js).
function promptHelper(name, prop, field) {
  if (!isPromptField(name, prop) || !state.models.some((m) => m.id === OPTIMIZER)) return null;
  return improveControl(name, { ...field, mode: /image/.test(state.task || '') && !/video/.test(state.task || '') ? 'image' : 'video' });
}

// A text answer (the prompt optimizer's) is shown as text; "Use this prompt" starts Create from text with it.
function showText(job) {
  let box = $('result-text');
  if (!box) {
    box = el('div', { id: 'result-text', class: 'result-text', hidden: true });
    $('result-video').parentElement.append(box);
  }
  const text = job.outputs?.[0]?.text || '';
  box.replaceChildren(el('p', { class: 'improved-text', 'data-result-text': job.id, text }),
    el('button', { type: 'button', class: 'button small', 'data-use-prompt': job.id, text: 'Use this prompt', onclick: () => usePrompt(text) }));
  box.hidden = false;
}

async function usePrompt(text) {
  const task = state.models.some((m) => m.task === 'text-to-video') ? 'text-to-video' : state.models[0]?.task;
  if (!task || !$(`task-${task}`)) return;
  $(`task-${task}`).checked = true;
  await chooseTask(task);
  const first = state.details[0]?.model.id;
  if (first) await chooseModel(first, { prompt: text });
}

// One element per output kind; only the one showing the current output has a src.
const PLAYERS = { video: 'result-video', image: 'result-image', audio: 'result-audio' };

function hidePlayers() {
  Object.values(PLAYERS).forEach((id) => { $(id).hidden = true; $(id).removeAttribute('src'); });
  if ($('result-text')) $('result-text').hidden = true;
}

async function follow(job) {
  currentJob = job.id;
  $('result').hidden = false;
  $('result').dataset.job = job.id;
  $('result').dataset.state = job.state;
  hidePlayers();
  $('result-download').hidden = true;
  $('source-button').hidden = true;
  $('next-steps').hidden = true;
  $('chain').hidden = true;
  $('cancel-button').hidden = false;
  $('job-cost').textContent = costWords(job);
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
    if ($('submit-status').textContent.startsWith('Started')) $('submit-status').textContent = ''; // the result says how it ended
    $('result').dataset.state = final.state;
    $('job-cost').textContent = costWords(final);
    if (final.state === 'completed') play(final);
    else $('job-status').textContent = describe({ kind: final.state, state: final.state, message: humanize(final.error?.message, state.schemas[final.modelId]) });
  } catch (e) {
    $('job-status').textContent = e.message;
  }
  refreshJobs();
}

function play(job) {
  currentJob = job.id;
  const kind = outputKind(job);
  $('result').hidden = false;
  $('result').dataset.output = kind;
  $('result').dataset.job = job.id;
  $('result').dataset.state = job.state;
  $('job-status').textContent = `Done · ${job.modelId}`;
  $('job-cost').textContent = costWords(job);
  $('job-progress').value = 1;
  hidePlayers();
  if (kind === 'text') {
    showText(job);
  } else {
    const player = $(PLAYERS[kind]);
    player.src = api.outputUrl(job.id);
    player.hidden = false;
  }
  const link = $('result-download');
  link.href = api.outputUrl(job.id);
  link.download = outputFileName(job, promptOf(job, new Map(state.jobs.map((j) => [j.id, j]))));
  link.textContent = `Download ${link.download.split('.').pop().toUpperCase()}`;
  link.hidden = false;
  $('cancel-button').hidden = true;
  $('source-button').hidden = !(job.parents?.length && kind === 'video');
  $('source-button').onclick = () => beforeAfter(job);
  showNextSteps(job);
  showChain(job);
  // A charge arrives after the job ends: read the job again shortly, so the cost line ends with what was billed.
  if (job.charge?.chargedUsd == null) setTimeout(() => api.job(job.id).then((j) => { if (currentJob === j.id) $('job-cost').textContent = costWords(j); }).catch(() => {}), 2000);
}

async function beforeAfter(job) {
  const parent = job.parents?.[0];
  if (!parent) return;
  try {
    const source = await api.job(parent.jobId);
    showBeforeAfter($('viewer'), source, job);
    $('viewer').scrollIntoView({ behavior: 'smooth', block: 'start' });
  } catch (e) { banner(e.message); }
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
  await preferAChange();
}

// When the rule says the pre-filled request changes nothing (an upscale to the size the clip already has), the
// field it names moves to the next choice that changes something, so the first click is never a paid no-op.
async function preferAChange() {
  const now = await api.validate(state.modelId, state.form.values()).catch(() => null);
  for (const warning of (now?.warnings || []).filter((w) => w.code === codes.changesNothing)) {
    const field = (warning.path || '').split('/')[1];
    const prop = state.schema?.properties?.[field];
    if (!prop?.enum) continue;
    const current = state.form.values()[field];
    for (const candidate of prop.enum.slice(prop.enum.indexOf(current) + 1)) {
      const input = { ...state.form.values(), [field]: candidate };
      const v = await api.validate(state.modelId, input).catch(() => null);
      if (v?.valid && !v.warnings.some((w) => w.code === codes.changesNothing)) {
        state.form.fill({ [field]: candidate });
        await check();
        $('submit-status').textContent = `${labelOf(state.schema, field)} set to ${candidate}: at ${current} this would change nothing.`;
        return;
      }
    }
  }
}

async function showChain(job) {
  $('chain').hidden = true;
  let chain;
  try { chain = await api.chain(job.id); } catch { return; }
  if (currentJob !== job.id || chain.jobs.length < 2) return;
  $('chain-jobs').replaceChildren(...chain.jobs.map((j) => el('li', { 'data-chain-job': j.id },
    el('code', { text: j.modelId }), ' ',
    el('span', { class: `pill state-${j.state}`, text: j.state }), ' ',
    el('span', { class: 'num', text: j.costUsd != null ? (Number(j.costUsd) === 0 ? price(0) : `${usd(j.costUsd)}${j.costSource === 'provider-billing' ? ' (charged)' : ' (est.)'}`) : 'unknown' }))));
  $('chain-total').textContent = chain.totalUsd != null ? usd(chain.totalUsd) : `unknown (${usd(chain.knownUsd)} known)`;
  const free = chain.jobs.filter((j) => j.costSource === 'free').length;
  $('chain-split').textContent = `${chain.jobs.length - free} paid, ${free} free (runs locally)`;
  $('chain').hidden = false;
  $('chain').dataset.job = job.id;
}

// The library: every job, filtered and searched in the page; any output can start a next step or be compared.
function drawLibrary() {
  const tasksByModel = Object.fromEntries(state.models.map((m) => [m.id, m.task]));
  renderLibrary($('jobs'), state.jobs, {
    filters: { text: $('filter-text').value, task: $('filter-task').value, model: $('filter-model').value, state: $('filter-state').value },
    tasksByModel,
    selected: state.selected,
    handlers: {
      play: (job) => { play(job); $('result').scrollIntoView({ behavior: 'smooth' }); },
      reuse: (job) => { play(job); $('next-steps').scrollIntoView({ behavior: 'smooth' }); },
      source: (job) => beforeAfter(job),
      select: (job, on) => {
        if (on) state.selected.add(job.id); else state.selected.delete(job.id);
        $('side-by-side-button').disabled = state.selected.size < 2;
      },
    },
  });
  $('jobs').dataset.count = String(state.jobs.length);
}

async function refreshJobs() {
  try {
    state.jobs = await api.jobs();
    drawLibrary();
  } catch (e) {
    $('jobs').replaceChildren(el('p', { class: 'muted', text: `Could not list your jobs: ${e.message}` }));
  }
}

function sideBySide() {
  const jobs = state.jobs.filter((j) => state.selected.has(j.id));
  if (jobs.length < 2) return;
  showSideBySide($('viewer'), jobs, `${jobs.length} results side by side`);
  $('viewer').scrollIntoView({ behavior: 'smooth', block: 'start' });
}

async function start() {
  try {
    await loadTasks();
    document.body.dataset.ready = 'true';
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) banner(`Could not reach the server: ${e.message}`);
    return;
  }
  refreshJobs();
}

function init() {
  $('model-form').onsubmit = submit;
  $('compare-button').onclick = () => compare().then(() => clearBanner('compare'), (e) => banner(`Could not compare: ${e.message}`, null, 'compare'));
  $('compare-run-button').onclick = () => runComparison();
  $('example-button').onclick = () => state.form?.fill(state.details.find((d) => d.model.id === state.modelId)?.card?.exampleInput);
  $('jobs-refresh').onclick = refreshJobs;
  $('side-by-side-button').onclick = sideBySide;
  $('max-cost').addEventListener('input', updateSubmit);
  $('nothing-confirm').addEventListener('change', updateSubmit);
  $('library-filters').addEventListener('input', drawLibrary);
  $('library-filters').addEventListener('submit', (e) => e.preventDefault());
  $('cancel-button').onclick = () => currentJob && api.cancel(currentJob).catch((e) => banner(e.message));
  start();
}

init();
