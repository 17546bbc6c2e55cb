/**
 * Black or white text, whichever reads better on a pixel's colour (WCAG 2.1 contrast).
 * The better of the two always reaches at least 4.58:1, enough for small text (AA).
 */

/** WCAG relative luminance of an sRGB colour given as 0–255 values (values outside are clamped). */
export function luminance(r: number, g: number, b: number): number {
  const lin = (v: number) => {
    const s = Math.min(255, Math.max(0, v)) / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** '#000000' or '#ffffff': the text colour with the higher contrast on (r, g, b). */
export function readableTextColour(r: number, g: number, b: number): '#000000' | '#ffffff' {
  const l = luminance(r, g, b);
  const onBlack = (l + 0.05) / 0.05;
  const onWhite = 1.05 / (l + 0.05);
  return onBlack >= onWhite ? '#000000' : '#ffffff';
}
