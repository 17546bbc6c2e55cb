/**
 * The page side of scroll regions (src/lib/markup/scroll-region.ts: every display formula, table
 * and code block is marked with data-scroll-region at build time, with a tab stop, role="group" and a name).
 *
 * For each region, now and whenever its width changes (window resized, fonts loaded, a preview re-rendered):
 * - a formula too wide for its box is shrunk (--formula-scale) down to a readable minimum;
 * - a region that still overflows keeps its tab stop, role and name (axe: scrollable-region-focusable),
 *   one that fits loses them, so the keyboard does not stop on every formula of a wide screen;
 * - data-more says on which side there is more to see (scroll.css draws the cue there).
 *
 * Imported by the pages that show lesson content (src/layouts/Lesson.astro, src/pages/notation.astro,
 * src/pages/author.astro); regions added later (the /author preview) are found by a MutationObserver.
 */
import { MIN_FORMULA_SCALE, SCROLL_LABELS, SCROLL_REGION_ATTRIBUTE, formulaScale, type ScrollKind } from '../lib/markup/scroll-rules.ts';

const SELECTOR = `[${SCROLL_REGION_ATTRIBUTE}]`;
const widths = new WeakMap<HTMLElement, number>();
const labels = new WeakMap<HTMLElement, string>();

/** Which side of `el` has more to see: '', 'start', 'end' or 'start end' (left-to-right pages). */
function moreSides(el: HTMLElement): string {
  const max = el.scrollWidth - el.clientWidth;
  if (max <= 0) return '';
  return [el.scrollLeft > 1 ? 'start' : '', el.scrollLeft < max - 1 ? 'end' : ''].filter(Boolean).join(' ');
}

function showCue(el: HTMLElement): void {
  const more = moreSides(el);
  if ((el.dataset.more ?? '') === more) return;
  if (more) el.dataset.more = more;
  else delete el.dataset.more;
}

function update(el: HTMLElement): void {
  const kind = el.getAttribute(SCROLL_REGION_ATTRIBUTE) as ScrollKind;
  if (kind === 'formula') {
    el.style.removeProperty('--formula-scale');
    // Widths do not shrink exactly in proportion (rounding, fixed spacing): a pixel or two over, try a little smaller.
    for (let scale = formulaScale(el.clientWidth, el.scrollWidth); scale < 1; scale = Math.round((scale - 0.01) * 100) / 100) {
      el.style.setProperty('--formula-scale', String(scale));
      if (el.scrollWidth <= el.clientWidth || scale <= MIN_FORMULA_SCALE) break;
    }
  }
  if (!labels.has(el)) labels.set(el, el.getAttribute('aria-label') ?? SCROLL_LABELS[kind] ?? '');
  const overflows = el.scrollWidth > el.clientWidth; // as axe's scrollable-region-focusable counts
  if (overflows) {
    el.tabIndex = 0;
    el.setAttribute('role', 'group');
    el.setAttribute('aria-label', labels.get(el) ?? '');
  } else if (el.clientWidth > 0) {
    el.removeAttribute('tabindex');
    el.removeAttribute('role');
    el.removeAttribute('aria-label');
  }
  showCue(el);
}

const resized = new ResizeObserver((entries) => {
  for (const entry of entries) {
    const el = entry.target as HTMLElement;
    const width = Math.round(entry.contentRect.width);
    if (widths.get(el) === width) continue; // a formula's height changes when it is scaled: no need to measure again
    widths.set(el, width);
    update(el);
  }
});

const onScroll = (event: Event) => showCue(event.currentTarget as HTMLElement);

function watch(el: HTMLElement): void {
  if (labels.has(el)) return;
  update(el);
  resized.observe(el);
  el.addEventListener('scroll', onScroll, { passive: true });
}

function watchAll(root: ParentNode): void {
  if (root instanceof HTMLElement && root.matches(SELECTOR)) watch(root);
  for (const el of root.querySelectorAll<HTMLElement>(SELECTOR)) watch(el);
}

watchAll(document);
new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) if (node instanceof HTMLElement) watchAll(node);
}).observe(document.body, { childList: true, subtree: true });
// KaTeX's and the site's fonts change every width when they arrive.
void document.fonts.ready.then(() => {
  for (const el of document.querySelectorAll<HTMLElement>(SELECTOR)) update(el);
});
