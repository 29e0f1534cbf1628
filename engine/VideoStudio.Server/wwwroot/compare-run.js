// Running a comparison: the creator's settings on each ticked model at once, results played side by side.
// Each model gets only the settings the creator set that it takes (its own defaults for the rest, as in the table),
// its own live quote is shown before the click and summed on the button, and each job is capped at its quoted hold,
// so a price that moved after it was shown refuses the job instead of billing a surprise.

import { api, usd } from './api.js';
import { watchJob } from './jobs.js';

/** The creator's settings that `schema` has a field for. */
export function inputFor(schema, settings) {
  const fields = schema?.properties || {};
  return Object.fromEntries(Object.entries(settings || {}).filter(([k]) => k in fields));
}

/** Each model with the input it would get and its quote (null when it could not be priced). */
export function priceRun(models, schemas, settings, durations) {
  return Promise.all(models.map(async (modelId) => {
    const input = inputFor(schemas[modelId], settings);
    const quote = await api.quote(modelId, input, durations).catch(() => null);
    return { modelId, input, quote };
  }));
}

const cents = (n) => Math.round(Number(n) * 1000) / 1000; // prices carry at most three decimals

/** What the run button says and whether it may be clicked: the summed quotes, or why it cannot run yet. */
export function runVerdict(priced, nameOf) {
  if (priced.length < 2) return { ready: false, label: 'Generate on each ticked model', reason: 'Tick two or more models that take your settings to run them side by side.' };
  const unpriced = priced.filter((p) => p.quote?.estimateUsd == null);
  if (unpriced.length) {
    return { ready: false, label: 'Generate on each ticked model', reason: `No price for ${unpriced.map((p) => nameOf(p.modelId)).join(', ')}: choose it on its own to set the most you accept to pay.` };
  }
  const total = cents(priced.reduce((s, p) => s + Number(p.quote.estimateUsd), 0));
  const hold = cents(priced.reduce((s, p) => s + Number(p.quote.holdUsd ?? p.quote.estimateUsd), 0));
  return {
    ready: true,
    total,
    label: `Generate on ${priced.length} models · ${usd(total)}`,
    reason: hold !== total ? `Reserved while they run: ${usd(hold)} (the most they may cost; the rest is released when they end).` : '',
  };
}

/**
 * Submits one job per priced model (each capped at its quoted hold), then waits for all of them. onEvent(text) tells
 * how far the run is; resolves with every job's final record, in the order given.
 */
export async function runAll(priced, durations, onEvent) {
  const started = [];
  for (const p of priced) {
    const cap = p.quote.holdUsd ?? p.quote.estimateUsd;
    started.push(await api.submit(p.modelId, p.input, durations, cap));
  }
  let done = 0;
  onEvent(`Running ${started.length} jobs…`);
  return Promise.all(started.map((job) => watchJob(job.id, () => {}).then((final) => {
    done += 1;
    onEvent(`${done} of ${started.length} finished…`);
    return final;
  })));
}
