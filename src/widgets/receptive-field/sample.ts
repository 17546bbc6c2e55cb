/**
 * A 28 × 28 picture in the style of Fashion-MNIST (a light garment on black): a T-shirt drawn from
 * a few shapes, so no dataset file is needed. Values 0 (black) to 1 (white), row by row. Build
 * time only: the component draws it into the static figure; the element never needs it.
 */
export function shirtImage(): Float32Array {
  const n = 28;
  const pixels = new Float32Array(n * n);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const dx = Math.abs(x - 13.5);
      const body = y >= 5 && y <= 25 && dx <= 6.5;
      // Sleeves slope down and out from the shoulders.
      const out = dx - 6.5;
      const sleeve = out > 0 && dx <= 12 && y >= 4.5 + out * 0.5 && y <= 12.5 - out * 0.05;
      const shoulder = y >= 4 && y < 5 && dx <= 9 && dx >= 3;
      const neck = y <= 7 && (dx / 3) ** 2 + ((y - 4) / 3) ** 2 < 1;
      if ((body || sleeve || shoulder) && !neck) {
        // Cloth shading: lighter in the middle, a hem and a collar a little brighter.
        let v = 0.6 + 0.25 * (1 - dx / 12);
        if (y >= 24 || (y <= 8 && (dx / 3.8) ** 2 + ((y - 4) / 4) ** 2 < 1)) v += 0.12;
        pixels[y * n + x] = Math.min(1, Math.max(0, v));
      }
    }
  }
  return pixels;
}
