/**
 * The receptive-field widget's state and words: the stacks a reader can pick, the chosen unit of
 * the last layer's grid, the square each layer's central unit sees, and the status sentence.
 * Pure (no DOM); the arithmetic is src/lib/nn/receptive-field.ts.
 */
import { centralUnit, clipSpan, receptiveFields, unitSpan, type LayerField, type WindowLayer } from '../../lib/nn/receptive-field.ts';

/** The images are 28 × 28 (MNIST and Fashion-MNIST). */
export const IMAGE_SIZE = 28;

const conv = (kernel: number, padding: 'same' | 'valid' = 'same'): WindowLayer => ({ kind: 'conv', kernel, stride: 1, padding });
const pool: WindowLayer = { kind: 'pool', kernel: 2, stride: 2, padding: 'valid' };

export const STACKS = {
  default: { label: 'The default CNN: conv 3×3, pool 2, conv 3×3, pool 2', layers: [conv(3), pool, conv(3), pool] },
  deeper: { label: 'Deeper: two conv 3×3 before each pool, then one more', layers: [conv(3), conv(3), pool, conv(3), conv(3), pool, conv(3)] },
  lenet: { label: 'LeNet-style: conv 5×5 (no padding), pool 2, twice', layers: [conv(5, 'valid'), pool, conv(5, 'valid'), pool] },
} as const satisfies Record<string, { label: string; layers: readonly WindowLayer[] }>;

export type StackId = keyof typeof STACKS;
export const STACK_IDS = Object.keys(STACKS) as StackId[];

/** A known stack id, or the default. */
export const stackId = (value: string | null | undefined): StackId => (value && value in STACKS ? (value as StackId) : 'default');

/** A unit of the last layer's grid: column x, row y. */
export interface Unit {
  x: number;
  y: number;
}

/** A layer's window in words: "conv 3 × 3" or "max pool 2 × 2". */
export function windowName(w: WindowLayer): string {
  const size = `${w.kernel} × ${w.kernel}`;
  return w.kind === 'conv' ? `conv ${size}${w.padding === 'valid' ? ', no padding' : ''}` : `max pool ${size}`;
}

/** One layer's square for the chosen unit: the field of the central unit in that layer, in input pixels (inclusive). */
export interface Square {
  layer: number;
  field: number;
  /** Unclipped: it may start before the image or end past it (padding). */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Whether part of the square lies outside the image. */
  outside: boolean;
}

export interface View {
  stack: StackId;
  fields: LayerField[];
  /** The last layer's grid. */
  grid: number;
  unit: Unit;
  squares: Square[];
}

/** Everything drawn for a stack and a unit (clamped to the grid; the centre of the grid when not given). */
export function computeView(stack: StackId, unit?: Unit): View {
  const fields = receptiveFields(IMAGE_SIZE, STACKS[stack].layers);
  const last = fields[fields.length - 1]!;
  const clamp = (v: number) => Math.min(last.size - 1, Math.max(0, v));
  const middle = Math.floor((last.size - 1) / 2);
  const chosen = { x: clamp(unit?.x ?? middle), y: clamp(unit?.y ?? middle) };
  const squares = fields.map((f) => {
    const xs = unitSpan(f, centralUnit(f, last, chosen.x));
    const ys = unitSpan(f, centralUnit(f, last, chosen.y));
    const outside = xs.start < 0 || ys.start < 0 || xs.end >= IMAGE_SIZE || ys.end >= IMAGE_SIZE;
    return { layer: f.layer, field: f.field, x0: xs.start, y0: ys.start, x1: xs.end, y1: ys.end, outside };
  });
  return { stack, fields, grid: last.size, unit: chosen, squares };
}

/** The unit an arrow key (or Home / End) moves to, or null for any other key. */
export function unitAfterKey(unit: Unit, key: string, grid: number): Unit | null {
  const clamp = (v: number) => Math.min(grid - 1, Math.max(0, v));
  const moves: Record<string, Unit> = {
    ArrowLeft: { x: clamp(unit.x - 1), y: unit.y },
    ArrowRight: { x: clamp(unit.x + 1), y: unit.y },
    ArrowUp: { x: unit.x, y: clamp(unit.y - 1) },
    ArrowDown: { x: unit.x, y: clamp(unit.y + 1) },
    Home: { x: 0, y: unit.y },
    End: { x: grid - 1, y: unit.y },
  };
  return moves[key] ?? null;
}

/** "rows 9–18" of the image, only the part inside it. */
function range(what: string, start: number, end: number): string {
  const span = clipSpan({ start, end }, IMAGE_SIZE)!;
  return `${what} ${span.start}–${span.end}`;
}

/**
 * The status line: "After layer 4 (max pool 2 × 2), unit (3, 3) of the 7 × 7 grid sees a 10 × 10 patch
 * of the 28 × 28 image (rows 9–18, columns 9–18). Layer by layer: 3, 4, 8, 10 pixels wide."
 */
export function statusFor(view: View): string {
  const last = view.squares[view.squares.length - 1]!;
  const f = view.fields[view.fields.length - 1]!;
  const inside = `${range('rows', last.y0, last.y1)}, ${range('columns', last.x0, last.x1)}`;
  const padding = last.outside ? '; the rest of its square is padding beyond the edge' : '';
  return (
    `After layer ${f.layer} (${windowName(f.op)}), unit (${view.unit.x}, ${view.unit.y}) of the ${view.grid} × ${view.grid} grid ` +
    `sees a ${last.field} × ${last.field} patch of the ${IMAGE_SIZE} × ${IMAGE_SIZE} image (${inside}${padding}). ` +
    `Layer by layer: ${view.squares.map((s) => s.field).join(', ')} pixels wide.`
  );
}
