/**
 * The markup of a lesson callout (a boxed note, tip or warning), shared by
 * src/components/Callout.astro and the /author preview so both draw the same HTML.
 * Styles: src/styles/lesson.css (.callout …).
 */
import { escapeHtml } from '../format/html.ts';

export const CALLOUT_KINDS = ['note', 'tip', 'warning'] as const;
export type CalloutKind = (typeof CALLOUT_KINDS)[number];

/** The title a callout shows when it is given none. */
export const CALLOUT_TITLES: Record<CalloutKind, string> = { note: 'Note', tip: 'Tip', warning: 'Warning' };

/** Inner markup of each kind's 20×20 icon (stroked with currentColor by the stylesheet). */
const ICON_PATHS: Record<CalloutKind, string> = {
  note: '<circle cx="12" cy="12" r="9"></circle><path d="M12 11v6M12 7.5v.01"></path>',
  tip: '<path d="M9 18h6M10 21h4M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6 6 0 0 0 12 3Z"></path>',
  warning: '<path d="M12 3 2 20h20L12 3ZM12 10v4.5M12 17.5v.01"></path>',
};

/** Whether `value` is one of the callout kinds. */
export function isCalloutKind(value: unknown): value is CalloutKind {
  return typeof value === 'string' && (CALLOUT_KINDS as readonly string[]).includes(value);
}

/**
 * A callout around `bodyHtml` (trusted HTML: the rendered children). kind defaults to note, title
 * to the kind's name; the title is escaped.
 */
export function calloutHtml(props: { kind?: CalloutKind; title?: string }, bodyHtml: string): string {
  const kind = props.kind ?? 'note';
  const title = escapeHtml(props.title ?? CALLOUT_TITLES[kind]);
  const icon = `<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">${ICON_PATHS[kind]}</svg>`;
  return (
    `<div class="callout callout-${kind}" role="note" aria-label="${title}">` +
    `<p class="callout-title">${icon}<strong>${title}</strong></p>` +
    `<div class="callout-body">${bodyHtml}</div>` +
    `</div>`
  );
}
