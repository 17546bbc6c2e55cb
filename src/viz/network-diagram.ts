/**
 * A network drawn as a diagram (see network-layout.ts): an SVG string, so the same code draws it at
 * build time (in a widget's static markup, before any script runs) and in the browser when the
 * reader changes the architecture (`element.innerHTML = networkDiagram(…)`). No d3, no DOM: a few
 * hundred bytes of code, cheap enough for a widget's first script.
 *
 * Colours come from the kit's CSS classes (widget.css, `.tk-net__*`), so the diagram follows the theme.
 */
import { escapeHtml } from '../lib/format/html.ts';
import { layoutNetwork, type LayerSpec, type LayoutOptions } from './network-layout.ts';

export type { LayerSpec } from './network-layout.ts';

const n = (v: number): string => String(Math.round(v * 10) / 10);

/** The `<svg>` of a network diagram: `networkDiagram([{ name: 'Input', units: 784 }, { name: 'Output', units: 10, activation: 'softmax' }])`. */
export function networkDiagram(layers: readonly LayerSpec[], options: LayoutOptions = {}): string {
  const layout = layoutNetwork(layers, options);
  const { radius: r } = layout;
  const edges = layout.edges.map((e) => `M${n(e.x1)} ${n(e.y1)}L${n(e.x2)} ${n(e.y2)}`).join('');
  const columns = layout.columns
    .map((c, i) => {
      const kind = i === 0 ? 'input' : i === layout.columns.length - 1 ? 'output' : 'hidden';
      const nodes = c.nodes.map((p) => `<circle cx="${n(p.x)}" cy="${n(p.y)}" r="${r}"/>`).join('');
      const more = c.ellipsis
        ? `<text class="tk-net__more" x="${n(c.ellipsis.x)}" y="${n(c.ellipsis.y)}" dy="0.35em" text-anchor="middle">+${escapeHtml(c.hidden.toLocaleString('en-US'))}</text>`
        : '';
      const lines = c.lines
        .map(
          (line, k) =>
            `<text x="${n(c.x)}" y="${n(layout.labelTop + k * layout.lineHeight)}" text-anchor="middle"${k === 0 ? ' class="tk-net__name"' : ''}>${escapeHtml(line)}</text>`,
        )
        .join('');
      return `<g class="tk-net__layer tk-net__layer--${kind}" data-units="${c.layer.units}" data-params="${c.params}">${nodes}${more}${lines}</g>`;
    })
    .join('');
  return (
    `<svg class="tk-net" viewBox="0 0 ${n(layout.width)} ${n(layout.height)}" width="${n(layout.width)}" height="${n(layout.height)}" ` +
    `role="img" aria-label="${escapeHtml(layout.description)}" data-params="${layout.totalParams}">` +
    `<path class="tk-net__edges" d="${edges}"/>${columns}</svg>`
  );
}
