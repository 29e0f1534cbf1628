// Results side by side: several outputs play, pause and seek together, each with its model, price, length and size;
// and an output against its source, side by side or under a before/after slider.

import { api } from './api.js';
import { el } from './form.js';
import { seconds, bytes } from './words.js';
import { costWords } from './jobs.js';

/** Keeps every video in `videos` on the clock of whichever one the person drives. */
function synchronise(videos) {
  let leading = false; // set while one video's change is being copied to the others, so the copies do not echo back
  const follow = (source, action) => {
    if (leading) return;
    leading = true;
    try { videos.filter((v) => v !== source).forEach(action); } finally { leading = false; }
  };
  for (const v of videos) {
    v.addEventListener('play', () => follow(v, (o) => { o.currentTime = v.currentTime; o.play().catch(() => {}); }));
    v.addEventListener('pause', () => follow(v, (o) => o.pause()));
    v.addEventListener('seeked', () => follow(v, (o) => { if (Math.abs(o.currentTime - v.currentTime) > 0.05) o.currentTime = v.currentTime; }));
  }
}

// One result: its video, and under it the model, what it cost, and its length, picture size and file size.
function panel(job, label) {
  const video = el('video', { src: api.outputUrl(job.id), controls: true, playsinline: true, preload: 'auto', muted: true, 'data-side-video': job.id });
  const size = bytes(job.outputs?.[0]?.sizeBytes);
  const facts = el('p', { class: 'muted', 'data-side-facts': job.id, text: size });
  video.addEventListener('loadedmetadata', () => {
    facts.textContent = [seconds(video.duration), video.videoWidth ? `${video.videoWidth}×${video.videoHeight}` : '', size].filter(Boolean).join(' · ');
    facts.dataset.seconds = String(video.duration);
  });
  return { video, node: el('figure', { class: 'side', 'data-side': job.id },
    video,
    el('figcaption', {}, el('strong', { text: label || job.modelId }), label && label !== job.modelId ? el('code', { class: 'model-id', text: ` ${job.modelId}` }) : null,
      el('p', { class: 'muted', 'data-side-cost': job.id, text: costWords(job) }), facts)) };
}

/** Shows `jobs` side by side, synchronised; nameOf(job) is the caption's model name. */
export function showSideBySide(host, jobs, title = 'Side by side', nameOf = (j) => j.modelId) {
  const panels = jobs.map((j) => panel(j, nameOf(j)));
  synchronise(panels.map((p) => p.video));
  host.replaceChildren(el('div', { class: 'side-head' }, el('h3', { text: title }),
    el('button', { type: 'button', class: 'button small secondary', text: 'Play all', 'data-play-all': 'true', onclick: () => panels[0].video.play() }),
    el('button', { type: 'button', class: 'button small secondary', text: 'Close', onclick: () => { host.hidden = true; host.replaceChildren(); } })),
  el('div', { class: 'sides', 'data-count': String(jobs.length) }, panels.map((p) => p.node)));
  host.hidden = false;
  host.dataset.jobs = jobs.map((j) => j.id).join(' ');
  return panels.map((p) => p.video);
}

/** Shows an output against its source: side by side, or one over the other with a slider revealing the after. */
export function showBeforeAfter(host, source, result) {
  const before = panel(source, 'Before');
  const after = panel(result, `After · ${result.modelId}`);
  synchronise([before.video, after.video]);
  const slider = el('input', { type: 'range', min: 0, max: 100, value: 50, 'aria-label': 'Before / after', 'data-before-after': result.id });
  const stack = el('div', { class: 'before-after', hidden: true });
  const sideBySide = el('div', { class: 'sides', 'data-count': '2' }, before.node, after.node);
  const mode = el('button', { type: 'button', class: 'button small secondary', 'data-mode': 'slider', text: 'Slider' });
  mode.onclick = () => {
    const toSlider = stack.hidden;
    if (toSlider) {
      stack.replaceChildren(before.video, after.video, slider);
      after.video.classList.add('after');
      after.video.style.clipPath = `inset(0 0 0 ${slider.value}%)`;
    } else {
      after.video.classList.remove('after');
      after.video.style.clipPath = '';
      before.node.prepend(before.video);
      after.node.prepend(after.video);
    }
    stack.hidden = !toSlider;
    sideBySide.hidden = toSlider;
    mode.textContent = toSlider ? 'Side by side' : 'Slider';
  };
  slider.addEventListener('input', () => { after.video.style.clipPath = `inset(0 0 0 ${slider.value}%)`; });
  host.replaceChildren(el('div', { class: 'side-head' }, el('h3', { text: 'Before and after' }), mode,
    el('button', { type: 'button', class: 'button small secondary', text: 'Close', onclick: () => { host.hidden = true; host.replaceChildren(); } })),
  sideBySide, stack);
  host.hidden = false;
  host.dataset.jobs = `${source.id} ${result.id}`;
}
