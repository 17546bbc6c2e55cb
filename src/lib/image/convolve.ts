/**
 * 2D convolution with border modes, the separable Gaussian blur and Sobel (pure TypeScript).
 *
 * As in CNNs and tf.conv2d this is cross-correlation (the kernel is not flipped). For a kernel K
 * of size k = 2r + 1 and input channel I:
 *
 *     out(x, y) = Σ_{i=0}^{k−1} Σ_{j=0}^{k−1} K(i, j) · I(x + j − r, y + i − r)
 *
 * where I outside the image is given by the border mode (see BorderMode in types.ts).
 * Every colour channel is filtered on its own; alpha (RGBA) is copied, not filtered.
 * Results are not clamped: show them with toRgba's display modes.
 */
import { createImg, toGray } from './image.ts';
import { gaussianKernel1d, KERNEL_PRESETS } from './kernels.ts';
import type { BorderMode, Img, Kernel } from './types.ts';

/**
 * Where coordinate i (possibly outside 0 … n−1) reads from under a border mode:
 * an index in 0 … n−1, or −1 for 'zero' outside the image. Works for any distance outside
 * (kernels larger than the image): reflect mirrors back and forth (period 2(n − 1)).
 */
export function borderIndex(i: number, n: number, border: BorderMode): number {
  if (i >= 0 && i < n) return i;
  switch (border) {
    case 'zero':
      return -1;
    case 'clamp':
      return i < 0 ? 0 : n - 1;
    case 'reflect': {
      if (n === 1) return 0;
      const period = 2 * (n - 1);
      const m = ((i % period) + period) % period;
      return m < n ? m : period - m;
    }
    default:
      throw new RangeError(`Unknown border mode "${String(border)}": use 'zero', 'clamp' or 'reflect'.`);
  }
}

/** I(x, y) of channel c, with the border mode deciding what lies outside the image (0 for 'zero'). */
export function sampleAt(img: Img, x: number, y: number, c: number, border: BorderMode): number {
  const bx = borderIndex(x, img.width, border);
  const by = borderIndex(y, img.height, border);
  if (bx < 0 || by < 0) return 0;
  return img.data[(by * img.width + bx) * img.channels + c]!;
}

/**
 * Copies row `sy` of channel c into dst[start … start + w + 2r − 1], padded on both sides by the
 * border mode as `xmap` says (the inside is a straight copy; only the 2r border cells use the map).
 */
function fillPaddedRow(dst: Float32Array, start: number, img: Img, sy: number, c: number, xmap: Int32Array, r: number): void {
  const { width: w, channels: ch, data } = img;
  const src = sy * w * ch + c;
  for (let x = 0, i = src, d = start + r; x < w; x++, i += ch, d++) dst[d] = data[i]!;
  for (let p = 0; p < r; p++) {
    const left = xmap[p]!;
    const right = xmap[r + w + p]!;
    dst[start + p] = left < 0 ? 0 : data[src + left * ch]!;
    dst[start + r + w + p] = right < 0 ? 0 : data[src + right * ch]!;
  }
}

/** Index maps for padded coordinates −r … n−1+r (position p holds the source of coordinate p − r). */
function borderMap(n: number, r: number, border: BorderMode): Int32Array {
  const map = new Int32Array(n + 2 * r);
  for (let p = 0; p < map.length; p++) map[p] = borderIndex(p - r, n, border);
  return map;
}

function checkKernel(kernel: Kernel): void {
  const { size, values } = kernel;
  if (!Number.isInteger(size) || size < 1 || size % 2 === 0 || values.length !== size * size) {
    throw new RangeError(`A kernel must be square with an odd size and size² values; got size ${size} with ${values.length} values.`);
  }
}

/** Number of channels that are filtered (alpha is not). */
function colourChannels(img: Img): number {
  return img.channels === 4 ? 3 : img.channels;
}

function copyAlpha(from: Img, to: Img): void {
  if (from.channels !== 4) return;
  const s = from.data;
  const d = to.data;
  for (let i = 3; i < d.length; i += 4) d[i] = s[i]!;
}

/**
 * acc[x] += Σ_j K(i, j) · pad[start + x + j] for x = 0 … w−1: one kernel row (weights kv[kOff …
 * kOff + k − 1]) applied along one padded input row. Written out for k = 3 and 5 (the lesson's
 * sizes: about 1.5× faster in V8 than the loop over j), the plain loop otherwise.
 */
function addKernelRow(acc: Float32Array, pad: Float32Array, start: number, kv: Float32Array, kOff: number, k: number, w: number): void {
  if (k === 5) {
    const k0 = kv[kOff]!,
      k1 = kv[kOff + 1]!,
      k2 = kv[kOff + 2]!,
      k3 = kv[kOff + 3]!,
      k4 = kv[kOff + 4]!;
    for (let x = 0, q = start; x < w; x++, q++) {
      acc[x]! += k0 * pad[q]! + k1 * pad[q + 1]! + k2 * pad[q + 2]! + k3 * pad[q + 3]! + k4 * pad[q + 4]!;
    }
  } else if (k === 3) {
    const k0 = kv[kOff]!,
      k1 = kv[kOff + 1]!,
      k2 = kv[kOff + 2]!;
    for (let x = 0, q = start; x < w; x++, q++) acc[x]! += k0 * pad[q]! + k1 * pad[q + 1]! + k2 * pad[q + 2]!;
  } else {
    for (let j = 0; j < k; j++) {
      const wgt = kv[kOff + j]!;
      if (wgt === 0) continue; // adds nothing
      for (let x = 0, q = start + j; x < w; x++, q++) acc[x]! += wgt * pad[q]!;
    }
  }
}

/**
 * Direct ("naive") 2D convolution: for every output value, the k² products of the formula above.
 * Each channel is first copied into a padded plane (r extra pixels on every side, filled by the
 * border mode) so the inner loops need no bounds checks. The products are summed kernel row by
 * kernel row over a whole output row at once (out row += Σ_j K(i, j) · input row i shifted by j):
 * the same k² products per value, in 32-bit floats, only faster in JavaScript than one pixel at a
 * time. Cost: width · height · channels · k² multiply-adds.
 */
export function convolve(img: Img, kernel: Kernel, border: BorderMode = 'zero'): Img {
  checkKernel(kernel);
  const { width: w, height: h, channels: ch } = img;
  const k = kernel.size;
  const kv = kernel.values;
  const r = (k - 1) / 2;
  const pw = w + 2 * r;
  const ph = h + 2 * r;
  const xmap = borderMap(w, r, border);
  const ymap = borderMap(h, r, border);
  const pad = new Float32Array(pw * ph);
  const acc = new Float32Array(w); // one output row being summed
  const out = createImg(w, h, ch);
  const od = out.data;
  const cc = colourChannels(img);
  for (let c = 0; c < cc; c++) {
    // Fill the padded plane of channel c.
    for (let py = 0; py < ph; py++) {
      const sy = ymap[py]!;
      const row = py * pw;
      if (sy < 0) {
        pad.fill(0, row, row + pw);
        continue;
      }
      fillPaddedRow(pad, row, img, sy, c, xmap, r);
    }
    // out(x, y) = Σ_i Σ_j K(i, j) · pad(x + j, y + i)   (pad is shifted by r), a row at a time.
    for (let y = 0; y < h; y++) {
      acc.fill(0);
      for (let i = 0; i < k; i++) addKernelRow(acc, pad, (y + i) * pw, kv, i * k, k, w);
      let o = y * w * ch + c;
      for (let x = 0; x < w; x++, o += ch) od[o] = acc[x]!;
    }
  }
  copyAlpha(img, out);
  return out;
}

function checkWeights(v: Float32Array, what: string): void {
  if (v.length < 1 || v.length % 2 === 0) {
    throw new RangeError(`convolveSeparable: the ${what} weights need an odd length (3, 5…), got ${v.length}.`);
  }
}

/**
 * Separable convolution: a pass along each row with `row`, then along each column with `col`.
 * It equals `convolve` with the 2D kernel K(i, j) = col[i] · row[j] under the same border mode,
 * at (kr + kc) instead of kr · kc multiply-adds per value (10 instead of 25 for 5×5).
 */
export function convolveSeparable(img: Img, row: Float32Array, col: Float32Array, border: BorderMode = 'zero'): Img {
  checkWeights(row, 'row');
  checkWeights(col, 'column');
  const { width: w, height: h, channels: ch } = img;
  const kr = row.length;
  const kc = col.length;
  const rr = (kr - 1) / 2;
  const rc = (kc - 1) / 2;
  const xmap = borderMap(w, rr, border);
  const ymap = borderMap(h, rc, border);
  const line = new Float32Array(w + 2 * rr); // one padded source row
  const tmp = new Float32Array(w * h); // the row pass of one channel
  const acc = new Float32Array(w); // one output row being summed
  const offs = new Int32Array(kc); // where the column pass reads its kc rows
  const wts = new Float32Array(kc); // and with which weights
  const out = createImg(w, h, ch);
  const od = out.data;
  const cc = colourChannels(img);
  for (let c = 0; c < cc; c++) {
    // Row pass: tmp(x, y) = Σ_j row[j] · I(x + j − rr, y)
    for (let y = 0; y < h; y++) {
      fillPaddedRow(line, 0, img, y, c, xmap, rr);
      acc.fill(0);
      addKernelRow(acc, line, 0, row, 0, kr, w);
      tmp.set(acc, y * w);
    }
    // Column pass: out(x, y) = Σ_i col[i] · tmp(x, y + i − rc), rows outside by the border mode.
    for (let y = 0; y < h; y++) {
      // The kc source rows of this output row; a row outside under 'zero' gets weight 0.
      for (let i = 0; i < kc; i++) {
        const sy = ymap[y + i]!;
        offs[i] = sy < 0 ? 0 : sy * w;
        wts[i] = sy < 0 ? 0 : col[i]!;
      }
      if (kc === 5) {
        // Written out for the common 5-tap case: one pass over the row instead of five.
        const o0 = offs[0]!,
          o1 = offs[1]!,
          o2 = offs[2]!,
          o3 = offs[3]!,
          o4 = offs[4]!;
        const c0 = wts[0]!,
          c1 = wts[1]!,
          c2 = wts[2]!,
          c3 = wts[3]!,
          c4 = wts[4]!;
        for (let x = 0; x < w; x++) {
          acc[x] = c0 * tmp[o0 + x]! + c1 * tmp[o1 + x]! + c2 * tmp[o2 + x]! + c3 * tmp[o3 + x]! + c4 * tmp[o4 + x]!;
        }
      } else {
        acc.fill(0);
        for (let i = 0; i < kc; i++) {
          const wgt = wts[i]!;
          if (wgt === 0) continue;
          const t = offs[i]!;
          for (let x = 0; x < w; x++) acc[x]! += wgt * tmp[t + x]!;
        }
      }
      let o = y * w * ch + c;
      for (let x = 0; x < w; x++, o += ch) od[o] = acc[x]!;
    }
  }
  copyAlpha(img, out);
  return out;
}

/**
 * Gaussian blur with standard deviation `sigma` (pixels), done separably: the 1D weights
 * g(t) ∝ exp(−t² / 2σ²), t = −r … r, r = ceil(3σ), along rows then along columns.
 */
export function gaussianBlur(img: Img, sigma: number, border: BorderMode = 'clamp'): Img {
  const g = gaussianKernel1d(sigma);
  return convolveSeparable(img, g, g, border);
}

/**
 * Sobel edge detection on the grey image (luma): gx = I ⋆ Sobel x (brightness change to the right),
 * gy = I ⋆ Sobel y (change downwards), magnitude = √(gx² + gy²).
 */
export function sobel(img: Img, border: BorderMode = 'clamp'): { gx: Img; gy: Img; magnitude: Img } {
  const grey = img.channels === 1 ? img : toGray(img);
  const gx = convolve(grey, KERNEL_PRESETS.sobelX.kernel, border);
  const gy = convolve(grey, KERNEL_PRESETS.sobelY.kernel, border);
  const magnitude = createImg(grey.width, grey.height, 1);
  const m = magnitude.data;
  const a = gx.data;
  const b = gy.data;
  for (let i = 0; i < m.length; i++) {
    const u = a[i]!;
    const v = b[i]!;
    m[i] = Math.sqrt(u * u + v * v);
  }
  return { gx, gy, magnitude };
}

/** One step of the convolution, for showing it: everything that goes into out(x, y) of one channel. */
export interface ConvolutionStep {
  /** The size² input values under the kernel, row-major (border values included). */
  patch: number[];
  /** K(i, j) · patch(i, j), row-major. */
  products: number[];
  /** Σ products: the output value (before any display clamping). */
  sum: number;
  /** true where the cell lies outside the image (its value came from the border mode). */
  outside: boolean[];
}

/**
 * The computation of out(x, y) for `channel`, cell by cell: patch(i, j) = I(x + j − r, y + i − r),
 * products and their sum, as `convolve` computes it (for the alpha channel it computes the formula
 * too, although `convolve` copies alpha unchanged).
 */
export function convolutionAt(img: Img, kernel: Kernel, x: number, y: number, channel: number, border: BorderMode): ConvolutionStep {
  checkKernel(kernel);
  if (!Number.isInteger(channel) || channel < 0 || channel >= img.channels) {
    throw new RangeError(`convolutionAt: channel ${channel} does not exist in a ${img.channels}-channel image.`);
  }
  if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= img.width || y >= img.height) {
    throw new RangeError(`convolutionAt: (${x}, ${y}) is outside the ${img.width}×${img.height} image.`);
  }
  const k = kernel.size;
  const r = (k - 1) / 2;
  const patch: number[] = [];
  const products: number[] = [];
  const outside: boolean[] = [];
  let sum = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const sx = x + j - r;
      const sy = y + i - r;
      const v = sampleAt(img, sx, sy, channel, border);
      const p = kernel.values[i * k + j]! * v;
      patch.push(v);
      products.push(p);
      outside.push(sx < 0 || sy < 0 || sx >= img.width || sy >= img.height);
      sum += p;
    }
  }
  return { patch, products, sum, outside };
}
