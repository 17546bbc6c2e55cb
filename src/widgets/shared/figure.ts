/**
 * The figure area of a widget (`.tk-figure`): what the widget is about, drawn before anything runs
 * (sample images, the network, empty axes with the target line, the board). Markup as a string,
 * rendered at build time like the rest of the widget; the parts inside are redrawn by the element.
 *
 *   figureMarkup([
 *     { caption: 'Ten of the 70,000 images', content: digitSample(MNIST_SAMPLE) },
 *     { caption: 'The network', content: networkDiagram(layers), part: 'network' },
 *     { caption: 'Training', content: `<div class="tk-charts" data-part="charts">${lossFrame(…)}${accuracyFrame(…)}</div>`, wide: true },
 *   ])
 */
import { escapeHtml } from './html.ts';

export interface FigurePanel {
  /** A short caption under the panel, in words ("The network: 101,770 parameters"). */
  caption: string;
  /** The drawing: an SVG or canvas string, or a block holding them. */
  content: string;
  /** `data-part` of the panel's content box, for the element to redraw it. */
  part?: string;
  /** Take the whole width of the figure (charts). */
  wide?: boolean;
}

/** The `.tk-figure` block: its panels side by side where there is room, stacked where there is not. */
export function figureMarkup(panels: readonly FigurePanel[]): string {
  const items = panels.map(
    (p) =>
      `<figure class="tk-figure__panel${p.wide ? ' tk-figure__panel--wide' : ''}">` +
      `<div class="tk-figure__drawing"${p.part ? ` data-part="${escapeHtml(p.part)}"` : ''}>${p.content}</div>` +
      `<figcaption class="tk-figure__caption"${p.part ? ` data-part="${escapeHtml(p.part)}-caption"` : ''}>${escapeHtml(p.caption)}</figcaption></figure>`,
  );
  return `<div class="tk-figure" data-part="figure">\n${items.join('\n')}\n</div>`;
}
