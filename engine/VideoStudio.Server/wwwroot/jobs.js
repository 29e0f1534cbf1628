// Submitting, watching (SSE, falling back to polling) and listing jobs, and showing their output (video, image or audio).

import { api, usd, price } from './api.js';
import { el } from './form.js';
import { slug, bytes, seconds } from './words.js';

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

/** Watches one job until it settles: onEvent(JobEvent) for progress, resolves with the final JobRecord. */
export function watchJob(id, onEvent, { timeoutMs = 30 * 60 * 1000 } = {}) {
  return new Promise((resolve, reject) => {
    let done = false;
    let source;
    let poller;
    const started = Date.now();
    const finish = async () => {
      if (done) return;
      done = true;
      source?.close();
      clearInterval(poller);
      try { resolve(await api.job(id)); } catch (e) { reject(e); }
    };
    // Polling covers a stream that closes or never opens (proxies, auth): the record is the source of truth.
    const poll = () => {
      if (poller || done) return;
      poller = setInterval(async () => {
        if (Date.now() - started > timeoutMs) { clearInterval(poller); reject(new Error('Gave up waiting for the job.')); return; }
        try {
          const job = await api.job(id);
          onEvent({ jobId: id, kind: job.state, state: job.state });
          if (TERMINAL.has(job.state)) finish();
        } catch { /* transient: keep polling */ }
      }, 1000);
    };
    source = new EventSource(api.eventsUrl(id));
    source.addEventListener('job', (msg) => {
      const event = JSON.parse(msg.data);
      onEvent(event);
      if (TERMINAL.has(event.state) || TERMINAL.has(event.kind)) finish();
    });
    // The server ends the stream when the job settles; EventSource would reconnect, so close and check instead.
    source.onerror = () => { source.close(); api.job(id).then((j) => (TERMINAL.has(j.state) ? finish() : poll()), poll); };
  });
}

/** A line a person reads for one event. */
export function describe(event) {
  const pct = (a, b) => (a != null && b ? ` ${Math.min(100, Math.round((100 * a) / b))}%` : '');
  switch (event.kind) {
    case 'queued': return 'Queued — waiting for a slot';
    case 'uploading': return `Uploading media${pct(event.bytes, event.totalBytes)}`;
    case 'submitted': return 'Submitted to the provider';
    case 'processing': return `Generating${event.elapsedSeconds != null ? ` · ${Math.round(event.elapsedSeconds)} s` : ''}${event.expectedSeconds ? ` of ~${Math.round(event.expectedSeconds)} s` : ''}`;
    case 'downloading': return 'Downloading the result';
    case 'completed': return 'Done';
    case 'failed': return `Failed${event.message ? `: ${event.message}` : ''}`;
    case 'cancelled': return 'Cancelled';
    case 'needs-decision': return `Needs a decision${event.message ? `: ${event.message}` : ''}`;
    default: return event.message || event.state || event.kind;
  }
}

/** Fraction done for the progress bar; null while it cannot be told (an indeterminate bar). */
export function progressOf(event) {
  if (event.kind === 'completed') return 1;
  if (event.kind === 'uploading' && event.totalBytes) return 0.1 * (event.bytes / event.totalBytes);
  if (event.kind === 'processing' && event.expectedSeconds) return 0.1 + 0.8 * Math.min(1, event.elapsedSeconds / event.expectedSeconds);
  if (event.kind === 'downloading') return 0.95;
  return null;
}

/** What a job costs, in words: the charge when the provider has billed it, else the estimate, and the hold beside it. */
export function costWords(job) {
  if (job.estimateSource === 'free') return price(0); // nothing is billed: no charge, no hold
  const parts = [];
  if (job.charge?.chargedUsd != null) parts.push(`charged ${usd(job.charge.chargedUsd)}`);
  else if (job.finalCostUsd != null && job.costSource === 'provider-billing') parts.push(`charged ${usd(job.finalCostUsd)}`);
  if (job.estimateUsd != null) parts.push(`estimated ${usd(job.estimateUsd)}${job.estimateSource === 'live-quote' ? ' (live quote)' : ''}`);
  if (job.holdUsd != null && job.holdUsd !== job.estimateUsd) parts.push(`held ${usd(job.holdUsd)}`);
  return parts.length ? parts.join(' · ') : 'price unknown';
}

/** What a job's first output is, from its recorded MIME type: 'video', 'image', 'audio' or 'text' (video when the record does not say). */
export function outputKind(job) {
  const top = String(job.outputs?.[0]?.contentType || '').split('/')[0];
  return top === 'image' || top === 'audio' || top === 'text' ? top : 'video';
}

const EXTENSIONS = { 'text/plain; charset=utf-8': '.txt', 'video/mp4': '.mp4', 'video/webm': '.webm', 'video/quicktime': '.mov', 'image/png': '.png', 'image/jpeg': '.jpg', 'image/webp': '.webp', 'audio/mpeg': '.mp3', 'audio/wav': '.wav', 'audio/x-wav': '.wav' };

/**
 * The name a download is saved as, in the form of the server's Content-Disposition: the prompt, the model and the end of
 * the job id ("paper-boat-drifting-ltx-2-fast-c3d4e5f6.mp4"), so two takes of one prompt never collide.
 */
export function outputFileName(job, promptText = ownPrompt(job)) {
  const type = job.outputs?.[0]?.contentType;
  const ext = EXTENSIONS[type] || `.${{ video: 'mp4', image: 'png', text: 'txt' }[outputKind(job)] || 'mp3'}`;
  const model = slug(String(job.modelId).split('/').filter((p) => !/^(text|image|video)-to-|^video-extend$|^upscale/.test(p)).slice(-1)[0] || job.modelId, 24);
  const prompt = slug(promptText, 40);
  return `${[prompt, model, slug(String(job.id).slice(-8), 8)].filter(Boolean).join('-')}${ext}`;
}

/**
 * Where a poster frame is taken: a moment into the clip (a fifth of it, at least 1 s, at most half), so a clip that
 * fades in from black does not show a black poster.
 */
export function posterTime(duration) {
  if (!Number.isFinite(duration) || duration <= 0) return 0;
  return Math.min(duration / 2, Math.max(1, duration / 5));
}

const ownPrompt = (job) => job.input?.prompt || job.input?.text || '';

/**
 * The words a job is known by: its own prompt, else (an upscale, a talking avatar, any step without one) the prompt of
 * the job its input came from, followed up the chain through `byId` (jobs by id).
 */
export function promptOf(job, byId = new Map()) {
  let current = job;
  for (let depth = 0; current && depth < 16; depth += 1) {
    if (ownPrompt(current)) return ownPrompt(current);
    current = byId.get(current.parents?.[0]?.jobId);
  }
  return '';
}

/** What was asked of the job that a person recognises: duration and resolution as requested. */
function asked(job) {
  return [job.input?.duration != null ? `${job.input.duration} s` : '', job.input?.resolution || job.input?.target_resolution || ''].filter(Boolean).join(' · ');
}

/**
 * The library: every job with its poster frame, prompt, model, duration, size, cost and state, filtered by task,
 * model, state and prompt text. handlers: play(job), reuse(job), source(job), select(job, on).
 */
export function renderLibrary(host, jobs, { filters, tasksByModel, handlers, selected }) {
  const q = (filters.text || '').toLowerCase();
  const byId = new Map(jobs.map((j) => [j.id, j]));
  const words = (j) => promptOf(j, byId);
  const shown = [...jobs]
    .filter((j) => !filters.task || tasksByModel[j.modelId] === filters.task)
    .filter((j) => !filters.model || j.modelId === filters.model)
    .filter((j) => !filters.state || j.state === filters.state)
    .filter((j) => !q || words(j).toLowerCase().includes(q))
    .sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
  if (!shown.length) {
    host.replaceChildren(el('p', { class: 'muted', text: jobs.length ? 'No job matches these filters.' : 'Nothing made yet: your videos will be kept here.' }));
    return;
  }
  host.replaceChildren(...shown.map((j) => {
    const done = j.state === 'completed' && j.outputs?.length;
    const kind = outputKind(j);
    const measured = el('span', { class: 'measured', 'data-measured': j.id });
    let poster = el('div', { class: 'poster empty', text: j.state === 'completed' ? '' : j.state });
    if (done && kind === 'video') {
      poster = el('video', { class: 'poster', src: `${api.outputUrl(j.id)}#t=1`, preload: 'metadata', muted: true, playsinline: true, 'aria-label': `Poster frame of ${words(j) || j.id}` });
      poster.addEventListener('loadedmetadata', () => {
        poster.currentTime = posterTime(poster.duration);
        measured.textContent = [seconds(poster.duration), poster.videoWidth ? `${poster.videoWidth}×${poster.videoHeight}` : ''].filter(Boolean).join(' · ');
        measured.dataset.width = String(poster.videoWidth);
        measured.dataset.seconds = String(poster.duration);
      });
    } else if (done && kind === 'image') {
      poster = el('img', { class: 'poster', src: api.outputUrl(j.id), alt: words(j) || j.id });
    } else if (done && kind === 'text') {
      poster = el('p', { class: 'poster poster-text', 'data-output-text': j.id, text: j.outputs[0].text || '' });
    }
    const pick = el('input', { type: 'checkbox', 'data-select-job': j.id, disabled: !done || kind !== 'video', 'aria-label': 'Select to watch side by side' });
    pick.checked = selected.has(j.id);
    pick.addEventListener('change', () => handlers.select(j, pick.checked));
    return el('article', { class: 'library-item', 'data-job': j.id, 'data-state': j.state, 'data-job-model': j.modelId },
      poster,
      el('div', { class: 'library-text' },
        el('p', { class: 'prompt', 'data-from-source': String(!ownPrompt(j) && !!words(j)) },
          !ownPrompt(j) && words(j) ? el('span', { class: 'muted', text: 'from ' }) : null, words(j) || '(no prompt)'),
        el('p', { class: 'muted' }, el('code', { text: j.modelId }), ' ', asked(j)),
        el('p', { class: 'muted' }, measured, j.outputs?.[0]?.sizeBytes ? ` · ${bytes(j.outputs[0].sizeBytes)}` : ''),
        el('p', { class: 'cost', text: costWords(j) }),
        el('p', {}, el('span', { class: `pill state-${j.state}`, text: j.state.replace(/_/g, ' ') }), j.error ? el('span', { class: 'muted', text: ` ${j.error.message}` }) : null)),
      el('div', { class: 'actions' }, done ? [
        el('button', { type: 'button', class: 'button small secondary', 'data-play': j.id, onclick: () => handlers.play(j), text: kind === 'image' || kind === 'text' ? 'Show' : 'Play' }),
        el('a', { class: 'button small secondary', href: api.outputUrl(j.id), download: outputFileName(j, words(j)), 'data-download': j.id, text: 'Download' }),
        el('button', { type: 'button', class: 'button small secondary', 'data-reuse': j.id, onclick: () => handlers.reuse(j), text: 'Use as input…' }),
        j.parents?.length && kind === 'video' ? el('button', { type: 'button', class: 'button small secondary', 'data-source-compare': j.id, onclick: () => handlers.source(j), text: 'Before / after' }) : null,
        el('label', { class: 'select-label' }, pick, ' side by side'),
      ] : null));
  }));
}
