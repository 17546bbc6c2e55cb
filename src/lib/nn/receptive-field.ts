/**
 * Receptive fields: which input pixels one unit of a convolutional stack can see.
 *
 * Along one axis, layer l (kernel k_l, stride s_l, dilation d_l) has
 *   receptive field  r_l = r_{l−1} + (k_l − 1) · d_l · j_{l−1}     (r_0 = 1: a pixel sees itself)
 *   jump             j_l = j_{l−1} · s_l                           (j_0 = 1: input pixels are 1 apart)
 * where the jump is the distance, in input pixels, between two neighbouring units of layer l.
 * Unit i of layer l sees the input pixels first_l + i · j_l … first_l + i · j_l + r_l − 1, with
 *   first_l = first_{l−1} − pad_l · j_{l−1}   (first_0 = 0)
 * negative or past the edge where padding adds zeros around the image. Square images and square
 * windows: one axis describes both. Pure: no DOM, no tfjs.
 */
import { resolveAxis } from './image-shape.ts';
import type { Padding } from './types.ts';

/** A convolution or pooling layer as far as its patch is concerned. */
export interface WindowLayer {
  kind: 'conv' | 'pool';
  kernel: number;
  stride: number;
  padding: Padding;
  /** Default 1. */
  dilation?: number;
}

export interface LayerField {
  /** 1 for the first layer. */
  layer: number;
  op: WindowLayer;
  /** The side of the layer's output grid (units per row). */
  size: number;
  /** r_l: the side of the square of input pixels one unit sees (padding included). */
  field: number;
  /** j_l: input pixels between neighbouring units. */
  jump: number;
  /** The input pixel where unit 0's field starts (negative when it starts in the padding). */
  first: number;
}

/** The fields of every layer of `layers` on an n × n input; throws, in words, for a patch that does not fit. */
export function receptiveFields(inputSize: number, layers: readonly WindowLayer[]): LayerField[] {
  let n = inputSize;
  let field = 1;
  let jump = 1;
  let first = 0;
  return layers.map((op, i) => {
    const dilation = op.dilation ?? 1;
    const kind = op.kind === 'conv' ? 'Convolution' : 'Pooling';
    const { padBefore, out } = resolveAxis(`${kind} layer ${i + 1}`, 'width', n, op.kernel, op.stride, dilation, op.padding);
    first -= padBefore * jump;
    field += (op.kernel - 1) * dilation * jump;
    jump *= op.stride;
    n = out;
    return { layer: i + 1, op, size: out, field, jump, first };
  });
}

/** The input pixels unit `unit` of a layer sees along one axis: [start, end], inclusive, maybe beyond the image. */
export function unitSpan(f: LayerField, unit: number): { start: number; end: number } {
  const start = f.first + unit * f.jump;
  return { start, end: start + f.field - 1 };
}

/** The part of a span inside an image of side n (null when none of it is). */
export function clipSpan(span: { start: number; end: number }, n: number): { start: number; end: number } | null {
  const start = Math.max(0, span.start);
  const end = Math.min(n - 1, span.end);
  return start <= end ? { start, end } : null;
}

/**
 * The unit of an earlier layer at the centre of unit `unit` of a later one (along one axis): the
 * earlier unit whose field is centred nearest the later field's centre (the first on a tie).
 * Its field lies inside the later unit's: this is the field "after layer l" of the chosen unit.
 */
export function centralUnit(earlier: LayerField, later: LayerField, unit: number): number {
  const span = unitSpan(later, unit);
  const centre = (span.start + span.end) / 2;
  const index = Math.round((centre - earlier.first - (earlier.field - 1) / 2) / earlier.jump - 1e-9);
  return Math.min(earlier.size - 1, Math.max(0, index));
}
