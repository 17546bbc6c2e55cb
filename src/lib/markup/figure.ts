/**
 * The markup of a lesson figure (anything with a caption), shared by src/components/Figure.astro
 * and the /author preview. Styles: src/styles/lesson.css (.figure …).
 */
import { escapeHtml } from '../format/html.ts';

/** How wide a figure is drawn in a lesson: the prose column, the page (prose + right margin), or the full screen width. */
const FIGURE_WIDTHS = ['prose', 'page', 'screen'] as const;
export type FigureWidth = (typeof FIGURE_WIDTHS)[number];

/** Whether `value` is one of the figure widths. */
export function isFigureWidth(value: unknown): value is FigureWidth {
  return typeof value === 'string' && (FIGURE_WIDTHS as readonly string[]).includes(value);
}

/** The width a figure's props ask for: `width` when it is valid, else `wide` (the older flag) as "page", else "prose". */
export function figureWidth(props: { width?: unknown; wide?: boolean }): FigureWidth {
  if (isFigureWidth(props.width)) return props.width;
  return props.wide ? 'page' : 'prose';
}

/**
 * A figure around `bodyHtml` (trusted HTML). `caption` is plain text (escaped); `captionHtml` is
 * trusted rich HTML (the component's slot="caption"), placed after the caption text. Without
 * either there is no <figcaption>. A page or screen figure gets the class figure-page or figure-screen.
 */
export function figureHtml(props: { caption?: string; wide?: boolean; width?: FigureWidth }, bodyHtml: string, captionHtml?: string): string {
  const caption = props.caption ? escapeHtml(props.caption) : '';
  const rich = captionHtml ?? '';
  const figcaption = caption || rich ? `<figcaption>${caption}${rich}</figcaption>` : '';
  const width = figureWidth(props);
  const className = width === 'prose' ? 'figure' : `figure figure-${width}`;
  return `<figure class="${className}"><div class="figure-body">${bodyHtml}</div>${figcaption}</figure>`;
}
