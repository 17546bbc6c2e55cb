/**
 * The confusion matrix's colours: a sequential scale from the theme's "low" to its "high" colour
 * (CSS custom properties, so it works in both themes), and for each cell the text colour of the
 * two that contrasts more with it. Pure.
 */

type Rgb = [number, number, number];

/** '#0b3d91' or 'rgb(11, 61, 145)' → [11, 61, 145]; null when neither. */
export function parseColour(text: string): Rgb | null {
  const t = text.trim();
  const hex = /^#([0-9a-f]{6})$/i.exec(t);
  if (hex) {
    const n = parseInt(hex[1] as string, 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  const rgb = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(t);
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : null;
}

/** The colour `t` (0..1) of the way from `low` to `high`, as 'rgb(r, g, b)'. */
export function mixColour(low: Rgb, high: Rgb, t: number): string {
  const k = Math.min(1, Math.max(0, t));
  const c = low.map((v, i) => Math.round(v + ((high[i] as number) - v) * k));
  return `rgb(${c.join(', ')})`;
}

/** WCAG relative luminance. */
export function luminance([r, g, b]: Rgb): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export const DARK_TEXT: Rgb = [0, 0, 0];
export const LIGHT_TEXT: Rgb = [255, 255, 255];

/** The text colour (black or white) that reads better on `background`. */
export function textOn(background: Rgb): string {
  return contrastRatio(background, DARK_TEXT) >= contrastRatio(background, LIGHT_TEXT) ? '#000000' : '#ffffff';
}
