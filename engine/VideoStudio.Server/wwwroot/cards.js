// Model cards (education content + price) and the side-by-side comparison, both built only from API data.

import { usd } from './api.js';
import { codes } from './codes.js';
import { el } from './form.js';

const list = (title, items, cls) =>
  items?.length ? el('div', { class: `card-list ${cls}` }, el('h4', { text: title }), el('ul', {}, items.map((t) => el('li', { text: t })))) : null;

// Confidence arrives kebab-case in estimates ("third-party") but as the enum's name in a model's price summary
// ("ThirdParty"); one spelling for both.
export const kebab = (s) => String(s).replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

export const confidenceBadge = (confidence) => {
  const c = kebab(confidence);
  return el('span', { class: `badge conf-${c}`, title: `price confidence: ${c}`, text: c });
};

/** Card price: the example's price, or "unknown — live quote" (never $0) when the engine cannot price it. */
function priceLine(detail) {
  const p = detail.price || {};
  return el('div', { class: 'card-price' },
    el('span', { class: 'price', text: p.exampleUsd == null ? 'unknown — live quote' : usd(p.exampleUsd) }),
    p.exampleUsd == null ? null : el('span', { class: 'price-note', text: 'for the example' }),
    p.confidence ? confidenceBadge(p.confidence) : null);
}

/** Renders one card per ModelDetail. onChoose(id) when picked. */
export function renderCards(host, details, selectedId, onChoose) {
  host.replaceChildren(...details.map((d) => {
    const id = d.model.id;
    const card = d.card || {};
    const choose = el('button', { type: 'button', class: 'button choose', 'data-choose': id, text: id === selectedId ? 'Selected' : 'Use this model' });
    choose.addEventListener('click', () => onChoose(id));
    return el('article', { class: `model-card${id === selectedId ? ' selected' : ''}`, 'data-model': id, 'aria-label': d.model.displayName },
      el('header', {},
        el('h3', { text: d.model.displayName }),
        el('code', { class: 'model-id', text: id })),
      el('p', { class: 'tagline', text: card.tagline || '' }),
      priceLine(d),
      card.bestFor ? el('p', { class: 'best-for' }, el('strong', { text: 'Best for: ' }), card.bestFor) : null,
      el('details', {},
        el('summary', { text: 'Strengths, limits & tips' }),
        list('Strengths', card.strengths, 'strengths'),
        list('Limitations', card.limitations, 'limitations'),
        list('Tips', card.tips, 'tips'),
        d.price?.rule ? el('p', { class: 'price-rule', text: `Pricing: ${d.price.rule}` }) : null),
      el('p', { class: 'card-reason', 'data-reason-for': id, 'aria-live': 'polite' }),
      choose);
  }));
}

// Issues that say a model cannot take what the person asked for. Missing required values are not that (the
// person has not finished), and fields a model does not take at all are dropped for it, not held against it.
const blocking = (entry) => (entry.rejected || []).filter((i) => i.code !== codes.required && i.code !== codes.unknownField);

/** Disables cards whose model rejects the entered values, with the first reason. */
export function applyAvailability(host, report) {
  for (const entry of report?.entries || []) {
    const card = host.querySelector(`[data-model="${CSS.escape(entry.modelId)}"]`);
    if (!card) continue;
    const reasons = blocking(entry);
    const reason = card.querySelector('[data-reason-for]');
    const disabled = reasons.length > 0;
    card.classList.toggle('disabled', disabled);
    card.setAttribute('aria-disabled', String(disabled));
    card.querySelector('[data-choose]').disabled = disabled;
    const ignored = entry.withoutFields || [];
    reason.textContent = disabled ? `Can't take these settings: ${reasons[0].message}`
      : ignored.length ? `Ignores: ${ignored.join(', ')}` : '';
    reason.classList.toggle('blocking', disabled);
  }
}

export function clearAvailability(host) {
  host.querySelectorAll('.model-card').forEach((c) => {
    c.classList.remove('disabled');
    c.removeAttribute('aria-disabled');
    c.querySelector('[data-choose]').disabled = false;
    c.querySelector('[data-reason-for]').textContent = '';
  });
}

/** The comparison table for one request across models. */
export function renderComparison(host, report) {
  const rows = (report?.entries || []).map((e) => {
    const rejects = e.rejected || [];
    return el('tr', { 'data-compare': e.modelId, class: e.accepted ? 'ok' : 'rejected' },
      el('th', { scope: 'row' }, e.displayName || e.modelId, el('br'), el('code', { class: 'model-id', text: e.modelId })),
      el('td', {}, el('span', { class: `pill ${e.accepted ? 'pill-ok' : 'pill-no'}`, text: e.accepted ? 'Yes' : 'No' })),
      el('td', { class: 'num' }, e.estimate ? usd(e.estimate.totalUsd) : '—',
        e.estimate?.provenance ? el('div', {}, confidenceBadge(e.estimate.provenance.confidence)) : null),
      el('td', {}, rejects.length ? el('ul', { class: 'rejects' }, rejects.map((i) => el('li', { text: i.message }))) : '—'),
      el('td', { class: 'num' }, e.estimateWithoutFields
        ? el('span', {}, usd(e.estimateWithoutFields.totalUsd), el('div', { class: 'muted', text: `without ${e.withoutFields.join(', ')}` }))
        : '—'));
  });
  host.replaceChildren(el('table', { class: 'compare-table' },
    el('caption', { text: 'The same request, priced and checked by every candidate model' }),
    el('thead', {}, el('tr', {}, ['Model', 'Accepted?', 'Price', 'Rejects', 'Price without rejected fields'].map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, rows)));
}
