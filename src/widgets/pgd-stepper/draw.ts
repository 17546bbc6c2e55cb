/**
 * The PGD stepper's two small maps of which pixels a step's projection or clipping moved (marked in
 * one colour over a faint copy of the image; δ itself is drawn by viz/perturbation-image.ts). Like
 * the grey images (viz/grey-image.ts) they are drawn on white paper in both themes, so the fixed
 * colours keep their contrast.
 */
/**
 * The mark colours: reddish purple and bluish green (Okabe–Ito), both over 3:1 on white, and neither
 * of δ's two colours (vermillion +ε, blue −ε), so a marked pixel is not read as a signed change.
 */
export const MARK_COLOURS = { projected: [204, 121, 167], clipped: [0, 158, 115] } as const;

/** RGBA of a map: marked pixels in `colour`, the rest a faint grey copy of `image` (ink 0..1). */
export function maskRgba(
  image: ArrayLike<number>,
  mask: ArrayLike<number>,
  colour: readonly [number, number, number],
): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(mask.length * 4);
  for (let p = 0; p < mask.length; p++) {
    const ghost = Math.round(255 - 70 * Math.min(1, Math.max(0, image[p]!)));
    const [r, g, b] = mask[p] ? colour : [ghost, ghost, ghost];
    out.set([r, g, b, 255], 4 * p);
  }
  return out;
}

export function paintMask(
  canvas: HTMLCanvasElement,
  image: ArrayLike<number>,
  mask: ArrayLike<number>,
  colour: readonly [number, number, number],
): void {
  const side = Math.round(Math.sqrt(mask.length));
  canvas.width = side;
  canvas.height = side;
  canvas.getContext('2d')?.putImageData(new ImageData(maskRgba(image, mask, colour), side, side), 0, 0);
}
