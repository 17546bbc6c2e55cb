/**
 * A signed image (a perturbation, a difference of two images) on a canvas in diverging colours:
 * 0 is white paper, positive values (more ink) vermillion, negative values (less ink) blue, full
 * colour at ±scale and beyond (the Okabe–Ito pair, safe for colour-blind readers). Like the grey
 * images (viz/grey-image.ts) the colours are the same in both themes. `signedLegendSvg` draws the
 * scale as a strip of swatches with its ends named, so the figure says what the colours mean.
 */
import { escapeHtml } from '../lib/format/html.ts';

type Rgb = readonly [number, number, number];

/** The three anchors of the colour scale. */
export const SIGNED_COLOURS: { negative: Rgb; zero: Rgb; positive: Rgb } = {
  negative: [0, 114, 178],
  zero: [255, 255, 255],
  positive: [213, 94, 0],
};

/** The colour of `t` in -1..1 (clamped) on the diverging scale. */
export function signedColour(t: number): Rgb {
  const u = Number.isFinite(t) ? Math.max(-1, Math.min(1, t)) : 0;
  const end = u < 0 ? SIGNED_COLOURS.negative : SIGNED_COLOURS.positive;
  const a = Math.abs(u);
  const z = SIGNED_COLOURS.zero;
  return [Math.round(z[0] + (end[0] - z[0]) * a), Math.round(z[1] + (end[1] - z[1]) * a), Math.round(z[2] + (end[2] - z[2]) * a)];
}

/** RGBA pixels of `values` drawn at `scale` (the value shown in full colour; must be > 0). */
export function signedToRgba(
  values: ArrayLike<number>,
  scale: number,
  out: Uint8ClampedArray<ArrayBuffer> = new Uint8ClampedArray(values.length * 4),
): Uint8ClampedArray<ArrayBuffer> {
  if (!(scale > 0)) throw new RangeError(`signedToRgba: the scale must be a positive number, not ${scale}.`);
  for (let p = 0; p < values.length; p++) {
    const [r, g, b] = signedColour((values[p] as number) / scale);
    out[4 * p] = r;
    out[4 * p + 1] = g;
    out[4 * p + 2] = b;
    out[4 * p + 3] = 255;
  }
  return out;
}

/** Draws `values` (side × side) on `canvas` at `scale`, resizing it to side × side (CSS scales it up). */
export function paintSigned(canvas: HTMLCanvasElement, values: ArrayLike<number>, scale: number, side = 28): void {
  if (canvas.width !== side) canvas.width = side;
  if (canvas.height !== side) canvas.height = side;
  canvas.getContext('2d')?.putImageData(new ImageData(signedToRgba(values, scale), side, side), 0, 0);
}

export interface SignedLegend {
  /** The value in full blue, in words ("−ε"). */
  negative: string;
  /** The value in full vermillion ("+ε"). */
  positive: string;
  /** What white means. Default "no change". */
  zero?: string;
}

/** The colour scale as a small SVG: swatches from −scale to +scale, the ends and the middle named. */
export function signedLegendSvg(legend: SignedLegend): string {
  const W = 220;
  const STEPS = 9;
  const sw = (W - 20) / STEPS;
  const swatches = Array.from({ length: STEPS }, (_, i) => {
    const [r, g, b] = signedColour(-1 + (2 * i) / (STEPS - 1));
    return `<rect x="${(10 + i * sw).toFixed(1)}" y="2" width="${sw.toFixed(1)}" height="12" fill="rgb(${r} ${g} ${b})"/>`;
  }).join('');
  const zero = legend.zero ?? 'no change';
  const label = `Colour scale: blue ${legend.negative}, white ${zero}, vermillion ${legend.positive}`;
  return (
    `<svg class="tk-signed-legend" viewBox="0 0 ${W} 32" width="${W}" height="32" role="img" aria-label="${escapeHtml(label)}">` +
    `${swatches}<rect class="tk-signed-legend__frame" x="10" y="2" width="${W - 20}" height="12"/>` +
    `<text x="10" y="28">${escapeHtml(legend.negative)}</text>` +
    `<text x="${W / 2}" y="28" text-anchor="middle">${escapeHtml(zero)}</text>` +
    `<text x="${W - 10}" y="28" text-anchor="end">${escapeHtml(legend.positive)}</text></svg>`
  );
}
