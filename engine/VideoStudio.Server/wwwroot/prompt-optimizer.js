// The prompt optimizer beside every prompt field: "Improve prompt" asks its price first (never a charge without a
// known price shown), a second click runs the wavespeed-ai/prompt-optimizer job, and its text answer is offered
// with "Use this prompt" (which replaces the field's text) or "Keep mine".

import { api, usd } from './api.js';
import { watchJob } from './jobs.js';
import { el } from './form.js';

export const OPTIMIZER = 'wavespeed-ai/prompt-optimizer';

/** A prompt field's own text field: `prompt` and `*_prompt` except the negative one. */
export const isPromptField = (name, prop) => prop.type === 'string' && !prop['x-media'] && /(^|_)prompt$/.test(name) && !/negative/.test(name);

/** Runs the optimizer on `text` for a model of `mode` ('video' or 'image') within `maxCostUsd`; resolves to the rewritten text. */
export async function improve(text, mode, maxCostUsd) {
  const job = await api.submit(OPTIMIZER, { text, mode }, undefined, maxCostUsd);
  const final = await watchJob(job.id, () => {});
  const answer = final.outputs?.[0]?.text;
  if (final.state !== 'completed' || !answer) throw new Error(final.error?.message || 'The optimizer returned no text.');
  return answer;
}

/**
 * The control beside a prompt field: read(), write(text) reach the field. Hidden when the optimizer is not installed
 * (`available` false).
 */
export function improveControl(name, { read, write, mode = 'video' }) {
  const status = el('span', { class: 'muted improve-status', role: 'status', 'data-improve-status-for': name });
  const suggestion = el('div', { class: 'improve-suggestion', 'data-improve-suggestion-for': name, hidden: true });
  let price = null;
  const button = el('button', { type: 'button', class: 'button small secondary', 'data-improve-for': name, text: 'Improve prompt' });
  const reset = () => { price = null; button.textContent = 'Improve prompt'; button.disabled = false; };
  button.addEventListener('click', async () => {
    const text = read();
    if (!text || !text.trim()) { status.textContent = 'Write an idea first, then improve it.'; return; }
    button.disabled = true;
    try {
      if (price === null) {
        // First click: the price, shown before anything is spent.
        const quote = await api.quote(OPTIMIZER, { text, mode });
        price = quote.holdUsd ?? quote.estimateUsd;
        if (price == null) { status.textContent = 'The optimizer\'s price is unknown right now; it was not run.'; reset(); return; }
        button.textContent = `Improve prompt · ${usd(price)}`;
        status.textContent = 'Click again to run it.';
        button.disabled = false;
        return;
      }
      status.textContent = 'Improving…';
      const answer = await improve(text, mode, price);
      status.textContent = '';
      suggestion.replaceChildren(
        el('p', { class: 'improved-text', 'data-improved-for': name, text: answer }),
        el('button', { type: 'button', class: 'button small', 'data-use-prompt-for': name, text: 'Use this prompt', onclick: () => { write(answer); suggestion.hidden = true; } }),
        ' ',
        el('button', { type: 'button', class: 'button small secondary', text: 'Keep mine', onclick: () => { suggestion.hidden = true; } }));
      suggestion.hidden = false;
      reset();
    } catch (e) {
      status.textContent = `Not improved: ${e.message}`;
      reset();
    }
  });
  return el('div', { class: 'improve', 'data-improve-row': name }, button, ' ', status, suggestion);
}
