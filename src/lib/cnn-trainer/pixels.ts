/**
 * What the CNN trainer draws, as RGBA pixels (pure; the widget puts them on canvases): one channel
 * of a layer's output (a feature map) in grey, and one filter of a conv layer in a diverging blue –
 * white – orange scale. Maps are drawn like the images they come from: dark on white, the darker
 * the stronger the response.
 */

/** The layout of a layer's output: [height, width, channels], channels last (tfjs'). */
export interface MapShape {
  height: number;
  width: number;
  channels: number;
}

/** The largest value of channel `c` (0 when all are ≤ 0). */
export function channelMax(values: ArrayLike<number>, shape: MapShape, c: number): number {
  let max = 0;
  for (let p = c; p < shape.height * shape.width * shape.channels; p += shape.channels) max = Math.max(max, values[p] ?? 0);
  return max;
}

/**
 * Channel `c` of a feature map as RGBA, grey levels from white (≤ 0) to black (`scale` and above);
 * `scale` defaults to the channel's own largest value, so every map uses the whole range.
 */
export function mapToRgba(values: ArrayLike<number>, shape: MapShape, c: number, scale = channelMax(values, shape, c)): Uint8ClampedArray {
  if (c < 0 || c >= shape.channels) throw new RangeError(`No channel ${c} in a map of ${shape.channels}.`);
  const n = shape.height * shape.width;
  if (values.length !== n * shape.channels)
    throw new RangeError(`A ${shape.height}×${shape.width}×${shape.channels} map has ${n * shape.channels} values, not ${values.length}.`);
  const out = new Uint8ClampedArray(n * 4);
  for (let p = 0; p < n; p++) {
    const v = scale > 0 ? Math.min(1, Math.max(0, (values[p * shape.channels + c] ?? 0) / scale)) : 0;
    const grey = Math.round(255 * (1 - v));
    out.set([grey, grey, grey, 255], p * 4);
  }
  return out;
}

/** The diverging scale's ends: negative weights blue, positive orange (told apart without red–green). */
const NEGATIVE = [33, 102, 172] as const;
const POSITIVE = [230, 97, 1] as const;

/** A weight in [-1, 1] (scaled) as an RGB colour: white at 0, blue below, orange above. */
export function divergingColour(v: number): [number, number, number] {
  const t = Math.min(1, Math.abs(v));
  const end = v < 0 ? NEGATIVE : POSITIVE;
  return [0, 1, 2].map((i) => Math.round(255 + (end[i]! - 255) * t)) as [number, number, number];
}

/** The largest |weight| of a set of filters: one scale for all, so they can be compared. */
export function largestMagnitude(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i] ?? 0));
  return max;
}

/**
 * Filter `f` (output channel) of a conv kernel [kh, kw, inC, outC] as a kh × kw RGBA image, for input
 * channel `inC` (0 for grey images), scaled by `scale` (default: the largest |weight| of all filters).
 */
export function filterToRgba(
  values: ArrayLike<number>,
  shape: readonly [number, number, number, number],
  f: number,
  inChannel = 0,
  scale = largestMagnitude(values),
): Uint8ClampedArray {
  const [kh, kw, inC, outC] = shape;
  if (values.length !== kh * kw * inC * outC)
    throw new RangeError(`A ${shape.join('×')} kernel has ${kh * kw * inC * outC} values, not ${values.length}.`);
  if (f < 0 || f >= outC) throw new RangeError(`No filter ${f} in ${outC}.`);
  const out = new Uint8ClampedArray(kh * kw * 4);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++) {
      const w = values[((y * kw + x) * inC + inChannel) * outC + f] ?? 0;
      out.set([...divergingColour(scale > 0 ? w / scale : 0), 255], (y * kw + x) * 4);
    }
  return out;
}

/** How much a set of filters moved: the mean |change| per weight between two readings of the same kernel. */
export function meanChange(before: ArrayLike<number>, after: ArrayLike<number>): number {
  if (before.length !== after.length || before.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < before.length; i++) sum += Math.abs((after[i] ?? 0) - (before[i] ?? 0));
  return sum / before.length;
}
