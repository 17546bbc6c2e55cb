/**
 * The receptive-field widget's markup, as strings (no DOM): rendered at build time by
 * ReceptiveField.astro so the figure is there before any script runs, and redrawn in parts by the
 * element (the squares, the unit grid, the table) when the reader picks a stack or a unit.
 */
import { figureMarkup } from '../shared/figure.ts';
import { escapeHtml } from '../shared/html.ts';
import { controlsMarkup, textChoice } from '../shared/settings.ts';
import { IMAGE_SIZE, STACK_IDS, STACKS, statusFor, windowName, type StackId, type View } from './model.ts';

export const SETTINGS = {
  stack: textChoice<StackId>({ label: 'Stack of layers', choices: STACK_IDS, default: 'default', format: (id) => STACKS[id].label }),
};

/** Image cells drawn beyond each edge, so squares that reach into the padding show it. */
const MARGIN = 2;

/** Layer l of L's colour: from cyan (layer 1) to amber (the last), bright on the dark image in both themes. */
export function layerColour(layer: number, layers: number): string {
  const t = layers > 1 ? (layer - 1) / (layers - 1) : 1;
  return `hsl(${Math.round(190 - 145 * t)} 95% ${Math.round(62 - 8 * t)}%)`;
}

/**
 * The image as SVG rectangles, one per run of equal grey along a row (16 grey levels), in a
 * 28 × 28 user space with a margin for the padding.
 */
export function imageRects(pixels: Float32Array): string {
  const out: string[] = [];
  for (let y = 0; y < IMAGE_SIZE; y++) {
    let x = 0;
    while (x < IMAGE_SIZE) {
      const level = Math.round(pixels[y * IMAGE_SIZE + x]! * 15);
      let end = x + 1;
      while (end < IMAGE_SIZE && Math.round(pixels[y * IMAGE_SIZE + end]! * 15) === level) end++;
      if (level > 0) out.push(`<rect x="${x}" y="${y}" width="${end - x}" height="1" fill="#${level.toString(16).repeat(6)}"/>`);
      x = end;
    }
  }
  return out.join('');
}

/** Each layer's square for the chosen unit, the outermost (last layer) drawn last and thickest. */
export function squaresMarkup(view: View): string {
  const n = view.squares.length;
  const lo = -MARGIN;
  const hi = IMAGE_SIZE + MARGIN;
  return view.squares
    .map((s) => {
      // Clip to the drawn area; a square reaching further is cut at the margin's edge.
      const x0 = Math.max(lo, s.x0);
      const y0 = Math.max(lo, s.y0);
      const x1 = Math.min(hi, s.x1 + 1);
      const y1 = Math.min(hi, s.y1 + 1);
      const last = s.layer === n;
      const box = `x="${x0}" y="${y0}" width="${x1 - x0}" height="${y1 - y0}"`;
      const width = last ? 0.45 : 0.25;
      return (
        `<g data-layer="${s.layer}" data-field="${s.field}">` +
        `<rect ${box} fill="none" stroke="#000" stroke-width="${width + 0.3}" stroke-opacity="0.8"/>` +
        `<rect ${box} fill="none" stroke="${layerColour(s.layer, n)}" stroke-width="${width}"${last ? '' : ' stroke-dasharray="0.8 0.4"'}/></g>`
      );
    })
    .join('');
}

/** The figure's image with the squares over it. */
export function imageSvg(pixels: Float32Array, view: View): string {
  const size = IMAGE_SIZE + 2 * MARGIN;
  const last = view.squares[view.squares.length - 1]!;
  const label = `A 28 by 28 picture of a T-shirt. Squares show the pixels the chosen unit sees after each layer, growing to ${last.field} by ${last.field}.`;
  return (
    `<svg class="tk-rf__image" viewBox="${-MARGIN} ${-MARGIN} ${size} ${size}" role="img" aria-label="${escapeHtml(label)}" data-part="image">` +
    `<rect x="${-MARGIN}" y="${-MARGIN}" width="${size}" height="${size}" fill="#3a3f45"/>` +
    `<rect x="0" y="0" width="${IMAGE_SIZE}" height="${IMAGE_SIZE}" fill="#000"/>` +
    `<g shape-rendering="crispEdges">${imageRects(pixels)}</g>` +
    `<g data-part="squares">${squaresMarkup(view)}</g></svg>`
  );
}

/** The last layer's grid of units: one grid cell per unit, the chosen one selected and in the tab order. */
export function unitGridMarkup(view: View): string {
  const rows: string[] = [];
  for (let y = 0; y < view.grid; y++) {
    const cells: string[] = [];
    for (let x = 0; x < view.grid; x++) {
      const chosen = x === view.unit.x && y === view.unit.y;
      cells.push(
        `<span role="gridcell" class="tk-rf__unit" data-x="${x}" data-y="${y}" tabindex="${chosen ? 0 : -1}" aria-selected="${chosen}" aria-label="Unit (${x}, ${y})"></span>`,
      );
    }
    rows.push(`<div role="row" class="tk-rf__row">${cells.join('')}</div>`);
  }
  const label = `Units of the last layer, ${view.grid} by ${view.grid}. Arrow keys choose a unit.`;
  return `<div class="tk-rf__grid" role="grid" data-part="units" aria-label="${escapeHtml(label)}" style="--units:${view.grid}">${rows.join('')}</div>`;
}

export const gridCaption = (view: View): string =>
  `Layer ${view.fields.length}'s output, ${view.grid} × ${view.grid} units: pick one (click, or arrow keys)`;

/** The numbers: for each layer its window, output grid, jump and receptive field, with its colour. */
export function tableMarkup(view: View): string {
  const n = view.fields.length;
  const rows = view.fields.map(
    (f) =>
      `<tr data-layer="${f.layer}"><th scope="row"><span class="tk-rf__swatch" style="--swatch:${layerColour(f.layer, n)}" aria-hidden="true"></span>${f.layer}</th>` +
      `<td>${escapeHtml(windowName(f.op))}</td><td>${f.size} × ${f.size}</td><td>${f.jump}</td><td>${f.field} × ${f.field}</td></tr>`,
  );
  return (
    `<table class="tk-rf__table" data-part="table"><caption>Layer by layer: r<sub>l</sub> = r<sub>l−1</sub> + (k<sub>l</sub> − 1)·j<sub>l−1</sub>, j<sub>l</sub> = j<sub>l−1</sub>·s<sub>l</sub></caption>` +
    `<thead><tr><th scope="col">Layer</th><th scope="col">Window</th><th scope="col">Grid</th><th scope="col">Jump j</th><th scope="col">Field r</th></tr></thead>` +
    `<tbody><tr><th scope="row">input</th><td>the image</td><td>${IMAGE_SIZE} × ${IMAGE_SIZE}</td><td>1</td><td>1 × 1</td></tr>${rows.join('')}</tbody></table>`
  );
}

/** The whole widget. */
export function receptiveFieldMarkup(pixels: Float32Array, view: View): string {
  return `<div class="tk-widget tk-rf" data-part="root">
<p class="tk-widget__title">Receptive fields, layer by layer</p>
${figureMarkup([
  {
    caption: 'What the chosen unit sees after each layer: layer 1 is the smallest square, the last layer the outer one',
    content: imageSvg(pixels, view),
  },
  { caption: gridCaption(view), content: unitGridMarkup(view), part: 'grid' },
])}
<fieldset class="tk-settings" data-part="settings">
<legend>Settings</legend>
${controlsMarkup(SETTINGS, { stack: view.stack })}
</fieldset>
<div class="tk-rf__numbers" data-part="numbers" tabindex="0" role="region" aria-label="The numbers, layer by layer">${tableMarkup(view)}</div>
<p class="tk-status" role="status" aria-live="polite" data-part="status">${escapeHtml(statusFor(view))}</p>
</div>`;
}
