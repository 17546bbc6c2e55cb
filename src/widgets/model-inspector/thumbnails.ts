/** Test images as small canvases: the pad's 28×28 preview and the buttons of a matrix cell's thumbnails. */

/** Draws 784 grey levels (0..255) as ink (alpha) on a 28×28 canvas; CSS (.tk-ink) gives it its colours. */
export function paintDigit(canvas: HTMLCanvasElement, pixels: Uint8Array): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(28, 28);
  pixels.forEach((v, i) => (img.data[i * 4 + 3] = v));
  ctx.putImageData(img, 0, 0);
}

/** One list item per image (`pixels`: 784 bytes each, in the order of `indices`): a button named `name(index)` that calls `open`. */
export function thumbnails(
  indices: readonly number[],
  pixels: Uint8Array,
  name: (index: number) => string,
  open: (index: number, image: Uint8Array) => void,
): HTMLLIElement[] {
  return indices.map((index, i) => {
    const image = pixels.subarray(i * 784, (i + 1) * 784);
    const canvas = document.createElement('canvas');
    canvas.width = 28;
    canvas.height = 28;
    canvas.className = 'tk-thumb__image tk-ink';
    paintDigit(canvas, image);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'tk-thumb';
    button.setAttribute('aria-label', name(index));
    button.append(canvas);
    button.addEventListener('click', () => open(index, image));
    const li = document.createElement('li');
    li.append(button);
    return li;
  });
}
