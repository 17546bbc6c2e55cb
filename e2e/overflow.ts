/**
 * Finds what runs past the edge of the window (e2e/mobile.spec.ts), in the page.
 *
 * The rule: no element may reach beyond the viewport's left or right edge, unless a scroll container
 * within the viewport holds it (overflow-x auto or scroll), and then that container must be reachable
 * with the keyboard (tabindex >= 0) and have an accessible name, so that a keyboard or screen reader
 * user can find it and scroll it. Content cut off by `overflow: hidden` or `clip` counts as overflowing
 * (it cannot be seen at all). Each offending box is reported once (with its largest overflow), and only
 * the outermost one of a subtree.
 */
import type { Page } from '@playwright/test';

export interface Offender {
  /** `<div class="a b">` with a text snippet: enough to find it in the page. */
  element: string;
  /** How many CSS px it reaches beyond the viewport (or beyond its scroll container). */
  px: number;
  /** Why it is a problem. */
  reason: string;
}

/** Runs in the page: every offender of the rule above. */
function findOverflowInPage(): Offender[] {
  const width = document.documentElement.clientWidth;
  const describe = (el: Element): string => {
    const cls = typeof el.className === 'string' ? el.className.trim().replace(/\s+/g, ' ') : (el.getAttribute('class') ?? '');
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
    return `<${el.tagName.toLowerCase()}${el.id ? ` id="${el.id}"` : ''}${cls ? ` class="${cls.slice(0, 80)}"` : ''}>${text ? ` "${text}"` : ''}`;
  };
  const name = (el: Element): string => {
    const label = el.getAttribute('aria-label')?.trim();
    if (label) return label;
    const ids = el.getAttribute('aria-labelledby')?.split(/\s+/).filter(Boolean) ?? [];
    const byIds = ids
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
      .join(' ')
      .trim();
    return byIds || (el.getAttribute('title')?.trim() ?? '');
  };
  const shown = (el: Element): boolean => {
    const style = getComputedStyle(el);
    return style.display !== 'none' && style.visibility !== 'hidden';
  };
  /** The nearest ancestor that clips or scrolls sideways. */
  const container = (el: Element): Element | null => {
    for (let p = el.parentElement; p && p !== document.documentElement; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return p;
    }
    return null;
  };

  // Keyed by the element past the window, or by the box that clips or scrolls what runs past its edge (one report per box).
  const found = new Map<Element, Offender>();
  const report = (key: Element, offender: Offender) => {
    const known = found.get(key);
    if (!known || known.px < offender.px) found.set(key, offender);
  };
  for (const el of document.body.querySelectorAll('*')) {
    const svg = el.closest('svg');
    if ((svg && svg !== el) || !shown(el)) continue; // an SVG's parts are measured with the SVG
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) continue;
    const past = Math.max(r.right - width, -r.left);
    if (past <= 1) continue;
    const box = container(el);
    if (!box) {
      report(el, { element: describe(el), px: Math.round(past), reason: `reaches ${Math.round(past)} px beyond the ${width} px window` });
      continue;
    }
    const b = box.getBoundingClientRect();
    if (b.right - width > 1 || -b.left > 1) continue; // the box runs past the window itself: it is reported on its own
    const overflowX = getComputedStyle(box).overflowX;
    const beyond = Math.round(Math.max(r.right - b.right, b.left - r.left));
    if (beyond <= 1) continue;
    if (overflowX !== 'auto' && overflowX !== 'scroll') {
      // Clipped. A box of 2 px or less is the visually-hidden pattern (text for screen readers only).
      if (b.width <= 2 || b.height <= 2) continue;
      report(box, { element: describe(box), px: beyond, reason: `cuts off ${describe(el)} (overflow-x: ${overflowX}): it cannot be seen` });
      continue;
    }
    const focusable = (box as HTMLElement).tabIndex >= 0 && box.hasAttribute('tabindex');
    const named = name(box) !== '';
    if (!focusable || !named) {
      const missing = [focusable ? '' : 'is not keyboard-focusable (no tabindex)', named ? '' : 'has no accessible name']
        .filter(Boolean)
        .join(' and ');
      report(box, { element: describe(box), px: beyond, reason: `scrolls sideways but ${missing}` });
    }
  }
  // Only the outermost offender of each subtree (its descendants overflow with it).
  return [...found].filter(([el]) => ![...found.keys()].some((other) => other !== el && other.contains(el))).map(([, o]) => o);
}

/** The offenders of the current page (see the top of this file). */
export function findOverflow(page: Page): Promise<Offender[]> {
  return page.evaluate(findOverflowInPage);
}

/** A failure message that names each offender. */
export function overflowReport(offenders: readonly Offender[]): string[] {
  return offenders.map((o) => `${o.element} ${o.reason} (by ${o.px} px)`);
}

/** Display formulas of the page: how many, how many run past their box (hidden without scrolling), and how many of those are focusable and named. */
export function formulaCounts(page: Page): Promise<{ total: number; overflowing: number; reachable: number }> {
  return page.evaluate(() => {
    const formulas = [...document.querySelectorAll('.katex-display')];
    let overflowing = 0;
    let reachable = 0;
    for (const f of formulas) {
      // The box that scrolls: the scroll region around the formula, or (before it) KaTeX's own box.
      const box = (f.closest('[data-scroll-region]') ?? f) as HTMLElement;
      if (box.scrollWidth - box.clientWidth <= 1) continue;
      overflowing++;
      if (box.hasAttribute('tabindex') && box.tabIndex >= 0 && (box.getAttribute('aria-label') ?? '').trim()) reachable++;
    }
    return { total: formulas.length, overflowing, reachable };
  });
}
