// Submitting, watching (SSE, falling back to polling) and listing jobs, and showing their output (video, image or audio).

import { api, usd } from './api.js';
import { el } from './form.js';

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

const costOf = (job) => (job.finalCostUsd != null
  ? `${usd(job.finalCostUsd)}${job.costSource === 'estimated' ? ' (est.)' : ''}`
  : job.estimateUsd != null ? `${usd(job.estimateUsd)} (est.)` : 'unknown');

/** What a job's first output is, from its recorded MIME type: 'video', 'image' or 'audio' (video when the record does not say). */
export function outputKind(job) {
  const top = String(job.outputs?.[0]?.contentType || '').split('/')[0];
  return top === 'image' || top === 'audio' ? top : 'video';
}

/** The name a download of the output is saved as: the job id and the stored file's extension (which the server set by format). */
export function outputFileName(job) {
  const name = String(job.outputs?.[0]?.localPath || '').split(/[\\/]/).pop();
  const dot = name.lastIndexOf('.');
  return `${job.id}${dot > 0 ? name.slice(dot) : ''}`;
}

/** The jobs table; onPlay(job) for a completed job's output. */
export function renderJobs(host, jobs, onPlay) {
  if (!jobs.length) { host.replaceChildren(el('p', { class: 'muted', text: 'No jobs yet.' })); return; }
  const sorted = [...jobs].sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
  host.replaceChildren(el('table', { class: 'jobs-table' },
    el('thead', {}, el('tr', {}, ['Created', 'Model', 'State', 'Cost', ''].map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, sorted.map((j) => el('tr', { 'data-job': j.id },
      el('td', { text: new Date(j.createdAt).toLocaleString() }),
      el('td', {}, el('code', { text: j.modelId })),
      el('td', {}, el('span', { class: `pill state-${j.state}`, text: j.state }), j.error ? el('div', { class: 'muted', text: j.error.message }) : null),
      el('td', { class: 'num', text: costOf(j) }),
      el('td', { class: 'actions' }, j.state === 'completed' ? [
        el('button', { type: 'button', class: 'button small secondary', onclick: () => onPlay(j), text: outputKind(j) === 'image' ? 'Show' : 'Play' }),
        el('a', { class: 'button small secondary', href: api.outputUrl(j.id), download: outputFileName(j), text: 'Download' }),
      ] : null))))));
}
