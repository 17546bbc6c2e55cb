/**
 * The latent-space view's static markup, rendered at build time by LatentSpace.astro: the 3-D axes
 * (a box seen from the starting camera) and the class legend are there before any script runs; the
 * element then draws the 10,000 points over them. No DOM here.
 */
import { FASHION_CLASS_NAMES } from '../../lib/data/manifest.ts';
import { DEFAULT_CAMERA, projectAll, viewProjection, type Bounds } from '../../lib/latent-view/camera.ts';
import { CLASS_COLOURS } from '../../viz/class-colours.ts';
import { figureMarkup } from '../shared/figure.ts';
import { escapeHtml } from '../shared/html.ts';
import { controlsMarkup } from '../shared/settings.ts';
import { KEY_HELP, LOADING_STATUS, SETTINGS, STRIP_STEPS, type LatentSettings } from './config.ts';

/** The drawing's size in the markup (the element follows the box's real width). */
export const VIEW_SIZE = { width: 480, height: 360 };

const UNIT_BOX: Bounds = { centre: [0, 0, 0], radius: Math.sqrt(3), min: [-1, -1, -1], max: [1, 1, 1] };
const CORNERS = new Float32Array([-1, -1, -1, 1, -1, -1, -1, 1, -1, 1, 1, -1, -1, -1, 1, 1, -1, 1, -1, 1, 1, 1, 1, 1]);
/** Edges of the box as corner pairs (corner index bits: x = 1, y = 2, z = 4). */
const EDGES = [
  [0, 1],
  [2, 3],
  [4, 5],
  [6, 7], // along x
  [0, 2],
  [1, 3],
  [4, 6],
  [5, 7], // along y
  [0, 4],
  [1, 5],
  [2, 6],
  [3, 7], // along z
] as const;

/** The box round the data, seen from the starting camera, with the three axes named: an SVG string. */
export function axesPreview(width = VIEW_SIZE.width, height = VIEW_SIZE.height): string {
  const p = projectAll(viewProjection(DEFAULT_CAMERA, width / height, UNIT_BOX), CORNERS, 8, width, height);
  const at = (i: number) => [p[i * 3]!.toFixed(1), p[i * 3 + 1]!.toFixed(1)] as const;
  const lines = EDGES.map(([a, b], e) => {
    const [x1, y1] = at(a);
    const [x2, y2] = at(b);
    return `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" class="tk-latent__edge${e % 4 === 0 ? ' tk-latent__edge--axis' : ''}"/>`;
  });
  const label = (corner: number, text: string) => {
    const [x, y] = at(corner);
    return `<text x="${x}" y="${y}" dx="6" dy="-4" class="tk-latent__axis-label">${text}</text>`;
  };
  return (
    `<svg class="tk-latent__axes" data-part="axes" viewBox="0 0 ${width} ${height}" role="img" aria-label="Three axes of the latent space, an empty box until the points load">` +
    `${lines.join('')}${label(1, 'x')}${label(2, 'y')}${label(4, 'z')}</svg>`
  );
}

/** The class legend: a swatch in the points' colour (viz/class-colours.ts) and the name. */
export function legendMarkup(): string {
  const items = FASHION_CLASS_NAMES.map(
    (name, i) => `<li><span class="tk-latent__swatch" style="background: ${CLASS_COLOURS[i]}" aria-hidden="true"></span>${escapeHtml(name)}</li>`,
  );
  return `<ul class="tk-latent__legend" aria-label="Colours: the ten classes">${items.join('')}</ul>`;
}

export function latentMarkup(settings: LatentSettings): string {
  const view =
    `<div class="tk-latent__view" data-part="view" tabindex="0" role="application" aria-roledescription="3-D scatter" ` +
    `aria-label="${escapeHtml(`Latent space of 10,000 test images. ${KEY_HELP}`)}" data-angle="" data-points="0">` +
    `${axesPreview()}<canvas class="tk-latent__points" data-part="points" aria-hidden="true"></canvas>` +
    `<canvas class="tk-latent__overlay" data-part="overlay" aria-hidden="true"></canvas></div>` +
    `<p class="tk-latent__keys">${escapeHtml(KEY_HELP)}</p>${legendMarkup()}`;
  const decoded =
    `<canvas class="tk-latent__image" data-part="decoded" width="28" height="28" role="img" aria-label="The decoded image (none yet)"></canvas>` +
    `<div class="tk-actions"><button type="button" class="tk-button" data-part="set-a" disabled>Use as A</button>` +
    `<button type="button" class="tk-button" data-part="set-b" disabled>Use as B</button></div>`;
  const strip =
    `<canvas class="tk-latent__strip" data-part="strip" width="${28 * STRIP_STEPS}" height="28" role="img" ` +
    `aria-label="Interpolation from A to B (choose two images first)"></canvas>`;
  return `<div class="tk-widget tk-latent" data-part="root">
<p class="tk-widget__title">Fly through a latent space</p>
${figureMarkup([
  { caption: 'The 10,000 test images, each at its position in the latent space, coloured by class', content: view, part: 'scene', wide: false },
  { caption: 'Decoded: click a point or move the cursor', content: decoded, part: 'decoded-panel' },
  { caption: 'From A to B in a straight line, decoded in 8 steps', content: strip, part: 'strip-panel', wide: true },
])}
<fieldset class="tk-settings" data-part="settings">
<legend>View</legend>
${controlsMarkup(SETTINGS, settings)}
</fieldset>
<div class="tk-actions"><button type="button" class="tk-button" data-part="retrain">Retrain the VAE here</button></div>
<details class="tk-latent__words"><summary>The view in words</summary><ul data-part="words"><li>Loading…</li></ul></details>
<p class="tk-status" role="status" aria-live="polite" data-part="status">${escapeHtml(LOADING_STATUS)}</p>
</div>`;
}
