// Words for creators: the API names fields by JSON pointer (/target_resolution); a person reads the field's label.

/** The label of a field: its schema title, else its name with spaces. */
export function labelOf(schema, name) {
  return schema?.properties?.[name]?.title || String(name).replace(/_/g, ' ');
}

/** Rewrites every /field (or /field/0) pointer in a message as the field's label; other text is left as it is. */
export function humanize(message, schema) {
  const names = new Set(Object.keys(schema?.properties || {}));
  return String(message ?? '').replace(/(^|[\s('"‘“])\/([A-Za-z_]\w*)(\/\d+)?(?![\w/.])/g,
    (all, lead, name, index) => (names.has(name) ? `${lead}${labelOf(schema, name)}${index ? ` #${Number(index.slice(1)) + 1}` : ''}` : all));
}

/** "1.2 MB", "850 KB". */
export function bytes(n) {
  if (n == null) return '';
  return n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

/** "7.2 s", "1 min 05 s". */
export function seconds(s) {
  if (s == null || !Number.isFinite(s)) return '';
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${String(Math.round(s - m * 60)).padStart(2, '0')} s`;
}

/** A file-name-safe slug of a prompt: lowercase words joined by dashes, at most `max` characters. */
export function slug(text, max = 48) {
  const s = String(text || '').toLowerCase().normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/[\s_]+/g, '-');
  return s.slice(0, max).replace(/-+$/, '');
}
