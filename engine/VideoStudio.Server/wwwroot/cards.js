// Model cards (education content + price) and the side-by-side comparison, both built only from API data.

import { usd, price } from './api.js';
import { codes } from './codes.js';
import { el } from './form.js';
import { humanize, labelOf } from './words.js';

const list = (title, items, cls) =>
  items?.length ? el('div', { class: `card-list ${cls}` }, el('h4', { text: title }), el('ul', {}, items.map((t) => el('li', { text: t })))) : null;

// Confidence arrives kebab-case in estimates ("third-party") but as the enum's name in a model's price summary
// ("ThirdParty"); one spelling for both.
export const kebab = (s) => String(s).replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

export const confidenceBadge = (confidence) => {
  const c = kebab(confidence);
  return el('span', { class: `badge conf-${c}`, title: `price confidence: ${c}`, text: c });
};

/**
 * Card price: the example's price, "free (runs locally)" for a free rule, or "unknown — live quote" (never $0) when
 * the engine cannot price it.
 */
function priceLine(detail) {
  const p = detail.price || {};
  const paid = p.exampleUsd != null && Number(p.exampleUsd) !== 0;
  return el('div', { class: 'card-price' },
    el('span', { class: 'price', text: p.exampleUsd == null ? 'unknown — live quote' : price(p.exampleUsd) }),
    paid ? el('span', { class: 'price-note', text: 'for the example' }) : null);
}

/** Renders one card per ModelDetail. onChoose(id) when picked. */
export function renderCards(host, details, selectedId, onChoose) {
  host.replaceChildren(...details.map((d) => {
    const id = d.model.id;
    const card = d.card || {};
    const choose = el('button', { type: 'button', class: 'button choose', 'data-choose': id, text: id === selectedId ? 'Selected' : 'Use this model' });
    choose.addEventListener('click', (ev) => {
      const card = ev.target.closest('.model-card');
      if (card?.movePlan) card.movePlan(); else onChoose(id);
    });
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
        d.price?.rule ? el('p', { class: 'price-rule', text: `Pricing: ${d.price.rule}` }) : null,
        d.price?.confidence ? el('p', { class: 'price-rule' }, 'How sure the price is: ', confidenceBadge(d.price.confidence)) : null),
      el('p', { class: 'card-reason', 'data-reason-for': id, 'aria-live': 'polite' }),
      choose);
  }));
}

// Issues that say a model cannot take what the person asked for. Missing required values are not that (the
// person has not finished), and fields a model does not take at all are left out for it, not held against it.
const blocking = (entry) => (entry.rejected || []).filter((i) => i.code !== codes.required && i.code !== codes.unknownField);

/**
 * One verdict per compared model, used by both the cards and the table so they cannot disagree: whether it takes the
 * creator's settings, why not (each blocking issue with the nearest value it takes), what it ignores, and its price.
 */
export function verdictOf(entry, schema) {
  const reasons = blocking(entry);
  return {
    takes: reasons.length === 0 && entry.displayName != null,
    reasons: reasons.map((i) => reasonOf(i, schema)),
    ignores: entry.withoutFields || [],
    price: entry.estimate || entry.estimateWithoutFields || null,
  };
}

const fieldOf = (issue) => (issue.path || '').split('/')[1] || '';

function reasonOf(issue, schema) {
  const field = fieldOf(issue);
  const prop = schema?.properties?.[field];
  return { field, text: humanize(issue.message, schema), label: prop ? labelOf(schema, field) : field, code: issue.code };
}

const numberIn = (v) => {
  const n = parseFloat(String(v));
  return Number.isFinite(n) ? n : null;
};

/** The value of `prop` nearest to `value`: the closest enum entry by number (720p, 1080p, 5, 10), a range's bound, a shorter text. */
export function nearestValue(prop, value) {
  if (!prop) return undefined;
  if (prop.enum?.length) {
    const n = numberIn(value);
    const numeric = prop.enum.map((e) => [e, numberIn(e)]).filter(([, x]) => x != null);
    if (n != null && numeric.length) {
      return numeric.reduce((best, cur) => (Math.abs(cur[1] - n) < Math.abs(best[1] - n) ? cur : best))[0];
    }
    return prop.default ?? prop.enum[0];
  }
  if (prop.type === 'integer' || prop.type === 'number') {
    let n = numberIn(value) ?? prop.default ?? prop.minimum ?? 0;
    if (prop.maximum != null) n = Math.min(n, prop.maximum);
    if (prop.minimum != null) n = Math.max(n, prop.minimum);
    return prop.type === 'integer' ? Math.round(n) : n;
  }
  if (typeof value === 'string' && prop.maxLength) return value.slice(0, prop.maxLength);
  return prop.default;
}

/** The changes that would let a model take the settings: one per field it refuses, to its nearest value (or left out). */
export function movesFor(entry, schema, settings) {
  const moves = [];
  for (const issue of blocking(entry)) {
    const field = fieldOf(issue);
    if (!field || moves.some((m) => m.field === field) || !(field in settings)) continue;
    const to = nearestValue(schema?.properties?.[field], settings[field]);
    if (to === settings[field]) continue;
    moves.push({ field, label: labelOf(schema, field), from: settings[field], to });
  }
  return moves;
}

const shown = (v) => (v === undefined ? 'left out' : String(v));

/**
 * Greys out cards whose model refuses the creator's settings, with the reason and the nearest value it takes; such a
 * card offers to move the settings (each change shown) instead of being a dead end. onMove(id, moves) applies them.
 */
export function applyAvailability(host, report, schemas, settings, onMove) {
  for (const entry of report?.entries || []) {
    const card = host.querySelector(`[data-model="${CSS.escape(entry.modelId)}"]`);
    if (!card) continue;
    const schema = schemas[entry.modelId];
    const v = verdictOf(entry, schema);
    const disabled = !v.takes;
    const reason = card.querySelector('[data-reason-for]');
    const moves = disabled ? movesFor(entry, schema, settings) : [];
    card.classList.toggle('disabled', disabled);
    // Greyed but still a way forward when its settings can move: only a dead end is disabled for assistive tech.
    card.setAttribute('aria-disabled', String(disabled && moves.length === 0));
    card.dataset.takes = String(!disabled);
    const first = v.reasons[0];
    const nearest = moves.find((m) => m.field === first?.field);
    reason.textContent = disabled
      ? `Can't take these settings: ${first?.text || 'see the comparison'}${nearest ? ` Nearest it takes: ${first.label} ${shown(nearest.to)}.` : ''}`
      : v.ignores.length ? `Ignores: ${v.ignores.map((f) => labelOf(schema, f)).join(', ')}` : '';
    reason.classList.toggle('blocking', disabled);
    const choose = card.querySelector('[data-choose]');
    choose.disabled = disabled && moves.length === 0;
    choose.dataset.moves = String(moves.length);
    if (disabled && moves.length) choose.textContent = 'Use with changes…';
    else if (!choose.textContent.startsWith('Selected')) choose.textContent = 'Use this model';
    card.querySelector('[data-move-offer]')?.remove();
    card.movePlan = disabled && moves.length ? () => offerMove(card, entry.modelId, moves, onMove) : null;
  }
}

function offerMove(card, modelId, moves, onMove) {
  card.querySelector('[data-move-offer]')?.remove();
  const offer = el('div', { class: 'move-offer', 'data-move-offer': modelId },
    el('p', { text: 'To use this model, these settings change:' }),
    el('ul', {}, moves.map((m) => el('li', { 'data-move-field': m.field }, el('strong', { text: m.label }), `: ${shown(m.from)} → ${shown(m.to)}`))),
    el('button', { type: 'button', class: 'button small primary', 'data-apply-move': modelId, text: 'Make these changes', onclick: () => onMove(modelId, moves) }),
    ' ',
    el('button', { type: 'button', class: 'button small secondary', text: 'Keep my settings', onclick: () => card.querySelector('[data-move-offer]')?.remove() }));
  card.querySelector('[data-reason-for]').after(offer);
}

export function clearAvailability(host) {
  host.querySelectorAll('.model-card').forEach((c) => {
    c.classList.remove('disabled');
    c.removeAttribute('aria-disabled');
    c.dataset.takes = 'true';
    c.movePlan = null;
    c.querySelector('[data-move-offer]')?.remove();
    const choose = c.querySelector('[data-choose]');
    choose.disabled = false;
    if (!choose.textContent.startsWith('Selected')) choose.textContent = 'Use this model';
    c.querySelector('[data-reason-for]').textContent = '';
  });
}

/**
 * The comparison table for the creator's settings across models: the same verdicts as the cards. A model that takes
 * the settings can be ticked to run (picked, a Set of ids; onPick(id, on)).
 */
export function renderComparison(host, report, schemas, { picked = new Set(), onPick = () => {} } = {}) {
  const rows = (report?.entries || []).map((e) => {
    const schema = schemas[e.modelId];
    const v = verdictOf(e, schema);
    const pick = el('input', { type: 'checkbox', 'data-run-pick': e.modelId, disabled: !v.takes, 'aria-label': `Run on ${e.displayName || e.modelId}` });
    pick.checked = v.takes && picked.has(e.modelId);
    pick.addEventListener('change', () => onPick(e.modelId, pick.checked));
    return el('tr', { 'data-compare': e.modelId, 'data-takes': String(v.takes), class: v.takes ? 'ok' : 'rejected' },
      el('td', {}, pick),
      el('th', { scope: 'row' }, e.displayName || e.modelId),
      el('td', {}, el('span', { class: `pill ${v.takes ? 'pill-ok' : 'pill-no'}`, text: v.takes ? 'Yes' : 'No' })),
      el('td', { class: 'num' }, v.price ? usd(v.price.totalUsd) : '—', el('div', { class: 'muted', 'data-quote-for': e.modelId }),
        v.price?.holdUsd != null && v.price.holdUsd !== v.price.totalUsd ? el('div', { class: 'muted', text: `holds ${usd(v.price.holdUsd)}` }) : null),
      el('td', {}, v.reasons.length ? el('ul', { class: 'rejects' }, v.reasons.map((r) => el('li', { text: r.text }))) : '—'),
      el('td', {}, v.ignores.length ? v.ignores.map((f) => labelOf(schema, f)).join(', ') : '—'));
  });
  host.replaceChildren(el('table', { class: 'compare-table' },
    el('caption', { text: 'Your settings, checked and priced by every model (each with its own defaults for what you left alone)' }),
    el('thead', {}, el('tr', {}, ['Run', 'Model', 'Takes your settings?', 'Price', 'Why not', 'Ignores'].map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, rows)));
}
