/**
 * Memory hygiene as a grade: the tensors the reader's code left allocated when it returned.
 *
 * The code worker runs the reader's code inside one tfjs scope and frees it afterwards, so a
 * leak never outlives the run; but a training loop that leaks a few tensors a step would exhaust
 * GPU memory in a real page. What counts is therefore taken the moment the code returns: every
 * tensor made in the run's scope that is still alive, except tensors kept on purpose (`tf.keep`,
 * e.g. an optimiser's learning rate) and variables (the model's weights and the optimiser's
 * state, which tfjs never tracks in a scope). The worker counts (`countTensorsLeft`), the page
 * judges (`judgeTensorsLeft`), after the model's accuracy was measured.
 */
import { formatCount } from '../format/numbers.ts';
import type { GradeResult } from '../exercises/types.ts';
import { malformedMeasurement } from './malformed.ts';

/** The tensors left, counted, and the commonest shapes among them (largest groups first). */
export interface TensorsLeft {
  count: number;
  /** Up to SHAPES_SHOWN groups: a shape and how many live tensors have it. */
  shapes: Array<{ shape: number[]; count: number }>;
}

/** What a tracked tensor looks like to the counter (a structural subset of tf.Tensor). */
export interface TrackedTensor {
  readonly isDisposed: boolean;
  readonly kept?: boolean;
  readonly shape: readonly number[];
}

const SHAPES_SHOWN = 4;

/**
 * Counts the live, not-kept tensors of a scope's `track` list. Plain loops only: the reader's
 * code may have replaced Array methods, and the result is checked in the page anyway.
 */
export function countTensorsLeft(track: readonly TrackedTensor[]): TensorsLeft {
  const groups = new Map<string, { shape: number[]; count: number }>();
  let count = 0;
  for (let i = 0; i < track.length; i++) {
    const t = track[i]!;
    if (t.isDisposed || t.kept === true) continue;
    count += 1;
    const shape: number[] = [];
    for (let d = 0; d < t.shape.length; d++) shape[d] = Number(t.shape[d]);
    const key = shape.join('x');
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { shape, count: 1 });
  }
  const shapes = [...groups.values()].sort((a, b) => b.count - a.count).slice(0, SHAPES_SHOWN);
  return { count, shapes };
}

/** A TensorsLeft from the worker, checked; null when it is not well formed. */
export function readTensorsLeft(value: unknown): TensorsLeft | null {
  const v = value as { count?: unknown; shapes?: unknown } | null;
  if (typeof v !== 'object' || v === null) return null;
  if (typeof v.count !== 'number' || !Number.isInteger(v.count) || v.count < 0 || !Array.isArray(v.shapes)) return null;
  const shapes: TensorsLeft['shapes'] = [];
  for (const g of v.shapes as unknown[]) {
    const group = g as { shape?: unknown; count?: unknown } | null;
    if (typeof group !== 'object' || group === null || typeof group.count !== 'number' || !Array.isArray(group.shape)) return null;
    if (!group.shape.every((d) => typeof d === 'number')) return null;
    shapes.push({ shape: [...(group.shape as number[])], count: group.count });
  }
  return { count: v.count, shapes };
}

function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** "468 × [64, 784]" lines for the details list. */
export function shapeLines(left: TensorsLeft): string[] {
  return left.shapes.map((g) => `${formatCount(g.count)} × [${g.shape.join(', ')}]`);
}

/** What to do about a leak, in words for the reader. */
export const LEAK_ADVICE =
  'Wrap the work of each training step in `tf.tidy(() => …)` and return only the loss from it, ' +
  '`dispose()` the loss once you have read it, and dispose what you keep outside a tidy (batches, predictions, the datasets) before `return model;`. ' +
  "The model's weights and the optimizer's state are variables and do not count.";

/**
 * Adds the memory check to the accuracy verdict: with `maxTensorsLeft` set, the run passes only
 * if both hold. Without it the result is unchanged. A missing or malformed count never passes.
 */
export function judgeTensorsLeft(maxTensorsLeft: number | undefined, result: GradeResult, measured: unknown): GradeResult {
  if (maxTensorsLeft === undefined) return result;
  const left = readTensorsLeft(measured);
  if (!left) return malformedMeasurement('the count of tensors left is missing');
  if (left.count <= maxTensorsLeft) {
    const clean =
      left.count === 0
        ? 'No tensors left behind when your code returned.'
        : `${plural(left.count, 'tensor', 'tensors')} left (${formatCount(maxTensorsLeft)} allowed).`;
    return { ...result, details: [...(result.details ?? []), clean] };
  }
  const allowed = maxTensorsLeft === 0 ? 'none allowed' : `${formatCount(maxTensorsLeft)} allowed`;
  const leak = `${plural(left.count, 'tensor', 'tensors')} still allocated when it returned (${allowed}): a memory leak.`;
  const details = [...(result.details ?? []), `Tensors left behind, by shape: ${shapeLines(left).join('; ')}.`];
  if (result.pass) {
    return {
      ...result,
      pass: false,
      message: `Your model is accurate enough (${result.figureText ?? 'its accuracy passes'}), but your code left ${leak} ${LEAK_ADVICE}`,
      details,
    };
  }
  return { ...result, message: `${result.message} Your code also left ${leak} ${LEAK_ADVICE}`, details };
}
