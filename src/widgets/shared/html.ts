/** Tiny helpers for building widget markup as strings (used both by Astro at build time and in the browser). */

import { escapeHtml } from '../../lib/format/html.ts';

export { escapeHtml };

export interface ChoiceOption {
  value: string | number;
  label: string;
}

/** `<option>`s with the one equal to `selected` selected. */
export function optionsMarkup(options: readonly ChoiceOption[], selected: string | number): string {
  return options
    .map((o) => `<option value="${escapeHtml(o.value)}"${String(o.value) === String(selected) ? ' selected' : ''}>${escapeHtml(o.label)}</option>`)
    .join('');
}

/** Find a required part of a widget by its `data-part` name, or say clearly which one is missing. */
export function part<T extends Element = HTMLElement>(root: ParentNode, name: string): T {
  const el = root.querySelector<T>(`[data-part="${name}"]`);
  if (!el) throw new Error(`Widget markup is missing its "${name}" part (data-part="${name}"). Render it with the widget's Astro component.`);
  return el;
}
