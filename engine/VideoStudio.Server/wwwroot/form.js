// Renders any model's input form from its JSON Schema at run time: no per-model code. The schema's own UI hints
// (x-order-properties, x-ui-widget, x-ui-unit, x-ui-step, x-enum-labels, x-media, x-provenance) pick the controls.
// Every control carries name = data-field = the property name; its error element carries data-error-for.

import { api } from './api.js';
import { humanize, bytes, seconds } from './words.js';

const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
  return node;
};
export { el };

/** Property names in the schema's preferred order; properties it does not list follow in document order. */
export function orderedFields(schema) {
  const names = Object.keys(schema.properties || {});
  const order = (schema['x-order-properties'] || []).filter((n) => names.includes(n));
  return [...order, ...names.filter((n) => !order.includes(n))];
}

function widgetOf(prop) {
  if (prop['x-ui-widget']) return prop['x-ui-widget'];
  if (prop['x-media']) return 'media';
  if (prop.enum) return 'select';
  if (prop.type === 'boolean') return 'toggle';
  if (prop.type === 'integer' || prop.type === 'number') return 'number';
  return prop.maxLength && prop.maxLength <= 200 ? 'text' : 'textarea';
}

// Reads a control's text back as the schema's type, so 10 stays the integer 10 on the wire. A value outside the
// enum is still sent as typed: the server, not the browser, decides what is valid.
function coerce(prop, raw) {
  if (raw === '' || raw === undefined) return undefined;
  if (prop.enum) {
    const match = prop.enum.find((v) => String(v) === raw);
    if (match !== undefined) return match;
  }
  if (prop.type === 'integer' || prop.type === 'number') {
    const n = Number(raw);
    return Number.isFinite(n) ? n : raw;
  }
  if (prop.type === 'boolean') return raw === true || raw === 'true';
  return raw;
}

/**
 * Builds the form into `host`. onChange(name) fires on every edit; returns the handle the page drives:
 * values(), touched(), setIssues(errors, warnings), fill(input), mediaDurations(). fieldExtra(name, prop, {read,
 * write}), when given, may return a node shown under a text field (the prompt optimizer's button). library(kind), when
 * given, lists earlier outputs of that media kind ([{ value: 'job:<id>', text }]) a media field can take.
 */
export function renderForm(host, schema, { onChange, onStatus, fieldExtra, library }) {
  host.replaceChildren();
  const required = new Set(schema.required || []);
  const touched = new Set();
  const readers = new Map();
  const writers = new Map();
  const durations = {};
  const changed = (name) => {
    touched.add(name);
    onChange(name);
  };

  for (const name of orderedFields(schema)) {
    const prop = schema.properties[name];
    const id = `field-${name}`;
    const widget = widgetOf(prop);
    const unit = prop['x-ui-unit'];
    const help = el('p', { class: 'field-help', id: `${id}-help`, text: prop.description || '' });
    const error = el('p', { class: 'field-error', 'data-error-for': name, id: `${id}-error`, 'aria-live': 'polite' });
    const common = { id, name, 'data-field': name, 'aria-describedby': `${id}-help ${id}-error` };
    let control;
    let row;
    let extra = null;

    if (widget === 'select' || prop.enum) {
      const labels = prop['x-enum-labels'] || {};
      control = el('select', common);
      // An empty choice only when the field may be left out: a default or a requirement means a value is expected.
      if (prop.default === undefined) control.append(el('option', { value: '', text: required.has(name) ? 'Choose…' : '—' }));
      for (const v of prop.enum || []) {
        control.append(el('option', { value: String(v), text: labels[String(v)] ?? `${v}${unit ? ` ${unit}` : ''}` }));
      }
      if (prop.default !== undefined) control.value = String(prop.default);
      control.addEventListener('change', () => changed(name));
      readers.set(name, () => coerce(prop, control.value));
      writers.set(name, (v) => { control.value = v === undefined ? '' : String(v); });
      row = control;
    } else if (widget === 'toggle' || prop.type === 'boolean') {
      control = el('input', { ...common, type: 'checkbox', role: 'switch', class: 'toggle' });
      control.checked = prop.default === true;
      const text = el('span', { class: 'toggle-text', 'aria-hidden': 'true' });
      const show = () => { text.textContent = control.checked ? 'On' : 'Off'; };
      show();
      control.addEventListener('change', () => { show(); changed(name); });
      // Without a default an untouched switch says nothing: the model's own default applies.
      readers.set(name, () => (prop.default === undefined && !touched.has(name) ? undefined : control.checked));
      writers.set(name, (v) => { control.checked = v === true; show(); });
      row = el('span', { class: 'toggle-row' }, control, text);
    } else if (widget === 'number' || widget === 'slider') {
      const step = prop['x-ui-step'] ?? (prop.type === 'integer' ? 1 : 'any');
      const attrs = { ...common, type: widget === 'slider' ? 'range' : 'number', min: prop.minimum, max: prop.maximum, step };
      control = el('input', attrs);
      if (prop.default !== undefined) control.value = String(prop.default);
      const out = widget === 'slider' ? el('output', { for: id, class: 'slider-value' }) : null;
      const show = () => { if (out) out.textContent = `${control.value}${unit ? ` ${unit}` : ''}`; };
      show();
      control.addEventListener('input', () => { show(); changed(name); });
      readers.set(name, () => (widget === 'slider' && prop.default === undefined && !touched.has(name) ? undefined : coerce(prop, control.value)));
      writers.set(name, (v) => { control.value = v === undefined ? '' : String(v); show(); });
      row = el('span', { class: 'number-row' }, control, out, unit && !out ? el('span', { class: 'unit', text: unit }) : null);
    } else if (widget === 'media') {
      row = mediaControl(name, prop, common, changed, durations, onStatus, readers, writers, library);
      control = row.querySelector('[data-field]');
    } else {
      const tag = widget === 'textarea' ? 'textarea' : 'input';
      control = el(tag, { ...common, rows: tag === 'textarea' ? 3 : undefined, type: tag === 'input' ? 'text' : undefined });
      if (prop.default !== undefined) control.value = String(prop.default);
      control.addEventListener('input', () => changed(name));
      readers.set(name, () => coerce(prop, control.value));
      writers.set(name, (v) => { control.value = v === undefined ? '' : String(v); });
      const counter = prop.maxLength ? el('span', { class: 'counter' }) : null;
      if (counter) {
        const count = () => { counter.textContent = `${control.value.length} / ${prop.maxLength}`; };
        control.addEventListener('input', count);
        count();
      }
      row = el('span', { class: 'text-row' }, control, counter);
      const text = control;
      extra = fieldExtra?.(name, prop, { read: () => text.value, write: (v) => { text.value = v; text.dispatchEvent(new Event('input')); } }) || null;
    }
    if (required.has(name)) control.setAttribute('aria-required', 'true');

    const provenance = prop['x-provenance'];
    const label = el('label', { for: id, class: 'field-label' },
      prop.title || name,
      required.has(name) ? el('span', { class: 'required', title: 'required', 'aria-label': 'required', text: ' *' }) : null);
    // Where a field's facts come from matters to a developer checking the plugin, not to a creator filling it in: one click away.
    const details = provenance ? el('details', { class: 'field-details', 'data-details-for': name },
      el('summary', { text: 'details' }),
      el('p', {}, 'How sure the plugin is about this field: ', el('span', { class: `badge conf-${provenance.confidence}`, text: provenance.confidence })),
      provenance.note ? el('p', { class: 'field-provenance', text: provenance.note }) : null) : null;
    host.append(el('div', { class: `field field-${widget}`, 'data-field-row': name },
      label, row, extra, help, error, details));
  }

  return {
    values() {
      const input = {};
      for (const [name, read] of readers) {
        const v = read();
        if (v !== undefined) input[name] = v;
      }
      return input;
    },
    /** Only what the person entered: what other models are judged against (defaults are this model's choice). */
    touchedValues() {
      const all = this.values();
      return Object.fromEntries(Object.entries(all).filter(([k]) => touched.has(k)));
    },
    isTouched: (name) => touched.has(name),
    mediaDurations: () => ({ ...durations }),
    fill(input) {
      for (const [name, v] of Object.entries(input || {})) {
        if (writers.has(name)) { writers.get(name)(v); touched.add(name); }
      }
      onChange(null);
    },
    /** Shows server issues next to their fields (path "/field" or "/field/…"); the rest go to `general`. */
    setIssues(errors = [], warnings = [], general) {
      host.querySelectorAll('[data-error-for]').forEach((e) => { e.textContent = ''; e.classList.remove('warn'); });
      host.querySelectorAll('[data-field-row]').forEach((r) => r.classList.remove('invalid'));
      host.querySelectorAll('[data-field]').forEach((c) => c.removeAttribute('aria-invalid'));
      const leftovers = [];
      let invalid = 0;
      const place = (issue, isWarning) => {
        const field = (issue.path || '').split('/')[1];
        const target = field && host.querySelector(`[data-error-for="${CSS.escape(field)}"]`);
        if (!target) { leftovers.push({ ...issue, warning: isWarning }); return; }
        if (target.textContent) return; // the first issue per field is the one to act on
        target.textContent = humanize(issue.message, schema);
        target.classList.toggle('warn', isWarning);
        if (!isWarning) {
          invalid += 1;
          target.closest('[data-field-row]').classList.add('invalid');
          host.querySelector(`[data-field="${CSS.escape(field)}"]`)?.setAttribute('aria-invalid', 'true');
        }
      };
      errors.forEach((i) => place(i, false));
      warnings.forEach((i) => place(i, true));
      if (general) {
        general.replaceChildren(...leftovers.map((i) => el('li', { class: i.warning ? 'warn' : 'error', 'data-code': i.code, text: humanize(i.message, schema) })));
        general.hidden = leftovers.length === 0;
      }
      return { highlighted: invalid, general: leftovers.filter((i) => !i.warning).length };
    },
    /** Fields of this schema, for wording messages. */
    schema,
  };
}

// A media field: a file picker that uploads to /v1/uploads (the field then holds the upload's id, shown as its name,
// kind, length and size, never where the server keeps it), or a text box for a URL or job:<id> typed in.
const uploadsSeen = new Map(); // upload id -> what the server said of it, so a value carried to another form still reads as a file

function describeUpload(u) {
  return [u.name, u.kind, seconds(u.durationSeconds), u.width ? `${u.width}×${u.height}` : '', bytes(u.sizeBytes)].filter(Boolean).join(' · ');
}

function mediaControl(name, prop, common, changed, durations, onStatus, readers, writers, library) {
  const media = prop['x-media'] || {};
  const kind = media.kind || 'image';
  const accept = [`${kind}/*`, ...(media.formats || []).map((f) => `.${f}`)].join(',');
  const path = el('input', { ...common, type: 'text', class: 'media-path', placeholder: 'or paste a URL', spellcheck: 'false' });
  const picker = el('input', { type: 'file', accept, 'data-upload-for': name, id: `${common.id}-file`, class: 'visually-hidden' });
  const pick = el('label', { for: `${common.id}-file`, class: 'button secondary small', text: `Choose ${kind}…` });
  const status = el('span', { class: 'media-status', 'data-upload-status': name, 'aria-live': 'polite' });
  const clear = el('button', { type: 'button', class: 'button small secondary', 'data-clear-media': name, text: 'Remove', hidden: true });
  const preview = el('div', { class: 'media-preview' });
  let uploaded = null; // the upload's id (or job:<id>) while the field holds one: shown in words, never as the raw value
  const limits = [
    media.formats?.length ? media.formats.join(', ') : null,
    media.maxBytes ? `≤ ${(media.maxBytes / 1048576).toFixed(0)} MB` : null,
    media.minSeconds || media.maxSeconds ? `${media.minSeconds ?? 0}–${media.maxSeconds ?? '∞'} s` : null,
  ].filter(Boolean).join(' · ');
  const show = (text, stateName) => {
    status.textContent = text;
    status.dataset.value = uploaded || '';
    status.dataset.state = stateName;
    clear.hidden = !uploaded && !path.value;
  };

  picker.addEventListener('change', async () => {
    const file = picker.files?.[0];
    if (!file) return;
    const local = URL.createObjectURL(file);
    const tag = kind === 'image' ? 'img' : kind;
    preview.replaceChildren(el(tag, { src: local, controls: kind !== 'image', alt: kind === 'image' ? `Preview of ${file.name}` : undefined }));
    uploaded = null;
    path.value = '';
    show(`Uploading ${file.name}…`, 'uploading');
    onStatus?.(true);
    try {
      const stored = await api.upload(file);
      uploadsSeen.set(stored.id, stored);
      uploaded = stored.id;
      status.dataset.value = stored.id;
      if (stored.durationSeconds) durations[name] = stored.durationSeconds;
      else delete durations[name];
      show(describeUpload(stored), 'done');
    } catch (e) {
      show(`Upload failed: ${e.message}`, 'failed');
    } finally {
      onStatus?.(false);
      changed(name);
    }
  });
  path.addEventListener('input', () => { uploaded = null; delete durations[name]; show('', ''); changed(name); });
  clear.addEventListener('click', () => {
    uploaded = null; path.value = ''; picker.value = ''; delete durations[name];
    preview.replaceChildren(); show('', ''); changed(name);
  });
  readers.set(name, () => uploaded || (path.value.trim() === '' ? undefined : path.value.trim()));
  writers.set(name, (v) => {
    const known = typeof v === 'string' ? uploadsSeen.get(v) : null;
    // job:<id> is another job's output, resolved by the server: show which, and let it be previewed.
    const job = typeof v === 'string' && v.startsWith('job:') ? v.slice(4) : null;
    uploaded = known || job ? v : null;
    path.value = uploaded ? '' : v ?? '';
    status.dataset.value = uploaded || '';
    if (known) {
      if (known.durationSeconds) durations[name] = known.durationSeconds;
      show(describeUpload(known), 'done');
    } else show(job ? `From the library: ${library?.(kind).find((o) => o.value === v)?.text || 'the output of an earlier job'}` : '', job ? 'job-output' : '');
    preview.replaceChildren(...(job && kind !== 'image' ? [el(kind, { src: api.outputUrl(job), controls: true, preload: 'metadata' })] : []));
  });
  // The asset library: any earlier output of this kind can be this field's input (job:<id>), listed when opened.
  const fromLibrary = library ? el('select', { class: 'library-pick', 'data-library-for': name, 'aria-label': `${prop.title || name} from the library` }) : null;
  const listLibrary = () => {
    const items = library(kind);
    fromLibrary.replaceChildren(el('option', { value: '', text: items.length ? 'From the library…' : 'Library: nothing yet' }),
      ...items.map((o) => el('option', { value: o.value, text: o.text })));
  };
  if (fromLibrary) {
    listLibrary();
    fromLibrary.addEventListener('focus', listLibrary);
    fromLibrary.addEventListener('change', () => {
      if (!fromLibrary.value) return;
      writers.get(name)(fromLibrary.value);
      fromLibrary.value = '';
      changed(name);
    });
  }
  return el('div', { class: 'media-field' },
    el('div', { class: 'media-row' }, pick, picker, path, fromLibrary, clear),
    el('div', { class: 'media-meta' }, status, limits ? el('span', { class: 'media-limits', text: limits }) : null),
    preview);
}
