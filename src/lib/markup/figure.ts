/**
 * The markup of a lesson figure (anything with a caption), shared by src/components/Figure.astro
 * and the /author preview. Styles: src/styles/lesson.css (.figure …).
 */
import { escapeHtml } from '../format/html.ts';

/**
 * A figure around `bodyHtml` (trusted HTML). `caption` is plain text (escaped); `captionHtml` is
 * trusted rich HTML (the component's slot="caption"), placed after the caption text. Without
 * either there is no <figcaption>.
 */
export function figureHtml(props: { caption?: string; wide?: boolean }, bodyHtml: string, captionHtml?: string): string {
  const caption = props.caption ? escapeHtml(props.caption) : '';
  const rich = captionHtml ?? '';
  const figcaption = caption || rich ? `<figcaption>${caption}${rich}</figcaption>` : '';
  return `<figure class="${props.wide ? 'figure wide' : 'figure'}"><div class="figure-body">${bodyHtml}</div>${figcaption}</figure>`;
}
