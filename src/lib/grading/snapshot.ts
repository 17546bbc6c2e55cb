/**
 * A value the reader's code produced, copied into plain data that can cross to the page.
 *
 * `takeSnapshot` runs in the code worker, next to the reader's code, and uses only the
 * built-ins captured in intrinsics.ts. `readSnapshot` runs in the page: it checks that what
 * arrived has the shape of a snapshot (anything else is refused, never trusted) and rebuilds
 * a value that the comparison and the messages of the graders understand.
 */
import { append, call, getOwnPropertyDescriptor, getPrototypeOf, isArray, isView, list, mathMin, ObjectProto, ownKeys } from './intrinsics.ts';

/** A snapshot: primitives as they are, containers and everything else tagged. */
export type Snapshot =
  | number
  | string
  | boolean
  | null
  | undefined
  | { t: 'array'; items: Snapshot[] }
  | { t: 'typed'; name: TypedName; values: number[] }
  | { t: 'object'; keys: string[]; values: Snapshot[] }
  /** Something that is not data (a function, a tensor, a Map…), kept as words. */
  | { t: 'opaque'; text: string; shape?: number[] };

const TYPED_NAMES = [
  'Float32Array',
  'Float64Array',
  'Int8Array',
  'Int16Array',
  'Int32Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Uint16Array',
  'Uint32Array',
] as const;
type TypedName = (typeof TYPED_NAMES)[number];

/** Most numbers, strings and containers a snapshot holds; a bigger value is cut short. */
export const MAX_SNAPSHOT_ITEMS = 100_000;
const MAX_DEPTH = 8;

const typedArrayProto = getPrototypeOf(Int8Array.prototype) as object;
const typedNameGetter = getOwnPropertyDescriptor(typedArrayProto, Symbol.toStringTag)!.get!;
const typedLengthGetter = getOwnPropertyDescriptor(typedArrayProto, 'length')!.get!;
const isTypedName = (name: unknown): name is TypedName => {
  for (let i = 0; i < TYPED_NAMES.length; i++) if (TYPED_NAMES[i] === name) return true;
  return false;
};
const functionName = (fn: unknown): string => {
  try {
    const desc = getOwnPropertyDescriptor(fn as object, 'name');
    return desc && typeof desc.value === 'string' ? desc.value : '';
  } catch {
    return '';
  }
};

/** Copies `value` into a snapshot. Getters and proxies of the reader's may run; one that throws makes an opaque entry. */
export function takeSnapshot(value: unknown): Snapshot {
  const budget = { left: MAX_SNAPSHOT_ITEMS };
  return snap(value, 0, budget);
}

function snap(value: unknown, depth: number, budget: { left: number }): Snapshot {
  budget.left -= 1;
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'function') {
    const name = functionName(value);
    return { t: 'opaque', text: name ? `function ${name}` : 'a function' };
  }
  if (typeof value === 'bigint') return { t: 'opaque', text: `${call(BigInt.prototype.toString, value)}n` };
  if (typeof value === 'symbol') return { t: 'opaque', text: 'a symbol' };
  try {
    if (isView(value)) {
      let name: unknown;
      try {
        name = call(typedNameGetter, value);
      } catch {
        name = undefined;
      }
      if (!isTypedName(name)) return { t: 'opaque', text: 'a DataView' };
      const length = call(typedLengthGetter, value) as number;
      const values = list<number>();
      const n = mathMin(length, budget.left);
      for (let i = 0; i < n; i++) append(values, (value as unknown as number[])[i]!);
      budget.left -= n;
      if (n < length) return { t: 'opaque', text: `a ${name} of ${length} values (too large to check)` };
      return { t: 'typed', name: name as TypedName, values };
    }
    if (depth >= MAX_DEPTH || budget.left <= 0) return { t: 'opaque', text: isArray(value) ? '[…]' : '{…}' };
    if (isArray(value)) {
      const items = list<Snapshot>();
      const length = (value as unknown[]).length;
      if (length > budget.left) return { t: 'opaque', text: `an array of ${length} values (too large to check)` };
      for (let i = 0; i < length; i++) append(items, snap((value as unknown[])[i], depth + 1, budget));
      return { t: 'array', items };
    }
    const proto = getPrototypeOf(value as object);
    const shape = tensorShape(value);
    if (shape) return { t: 'opaque', text: 'a tfjs tensor', shape };
    if (proto === ObjectProto || proto === null) {
      const keys = list<string>();
      const values = list<Snapshot>();
      const all = ownKeys(value as object);
      for (let i = 0; i < all.length; i++) {
        const key = all[i];
        if (typeof key !== 'string') continue;
        const desc = getOwnPropertyDescriptor(value as object, key);
        if (!desc?.enumerable) continue;
        append(keys, key);
        append(values, snap((value as Record<string, unknown>)[key], depth + 1, budget));
      }
      return { t: 'object', keys, values };
    }
    const ctor = proto ? getOwnPropertyDescriptor(proto, 'constructor')?.value : undefined;
    const name = functionName(ctor);
    return { t: 'opaque', text: name ? `a ${name} object` : 'an object' };
  } catch {
    return { t: 'opaque', text: 'a value that could not be read' };
  }
}

function tensorShape(value: unknown): number[] | null {
  const v = value as { shape?: unknown; dataSync?: unknown };
  const shape = v.shape;
  if (!isArray(shape) || typeof v.dataSync !== 'function') return null;
  const out = list<number>();
  for (let i = 0; i < (shape as unknown[]).length && i < 8; i++) {
    const d = (shape as unknown[])[i];
    append(out, typeof d === 'number' ? d : -1);
  }
  return out;
}

// --- the page side ----------------------------------------------------------------------------

/** A value that is not data, rebuilt in the page from a snapshot: describe.ts writes its words. */
export class OpaqueValue {
  constructor(
    readonly text: string,
    readonly shape?: number[],
  ) {}
}

/** A tensor seen in the worker, rebuilt as something describe.ts calls "a tfjs tensor of shape …". */
class TensorShadow extends OpaqueValue {
  dataSync(): never {
    throw new Error('This tensor stayed in the code worker.');
  }
}

/** Rebuilds the value a snapshot describes, or says why the data is not a snapshot. Never throws. */
export function readSnapshot(data: unknown): { value: unknown } | { problem: string } {
  const budget = { left: MAX_SNAPSHOT_ITEMS + 10 };
  try {
    return { value: revive(data, 0, budget) };
  } catch (error) {
    return { problem: error instanceof SnapshotError ? error.message : 'the measurement could not be read' };
  }
}

class SnapshotError extends Error {}

function plainRecord(data: unknown): data is Record<string, unknown> {
  return (
    typeof data === 'object' &&
    data !== null &&
    !Array.isArray(data) &&
    (Object.getPrototypeOf(data) === Object.prototype || Object.getPrototypeOf(data) === null)
  );
}

function revive(data: unknown, depth: number, budget: { left: number }): unknown {
  budget.left -= 1;
  if (budget.left < 0 || depth > MAX_DEPTH + 1) throw new SnapshotError('the measurement is larger than any snapshot');
  if (data === null || data === undefined || typeof data === 'number' || typeof data === 'string' || typeof data === 'boolean') return data;
  if (!plainRecord(data)) throw new SnapshotError('the measurement holds something that is not a snapshot');
  switch (data.t) {
    case 'array': {
      if (!Array.isArray(data.items)) throw new SnapshotError('an array in the measurement has no items');
      return data.items.map((item) => revive(item, depth + 1, budget));
    }
    case 'typed': {
      const name = data.name;
      if (typeof name !== 'string' || !(TYPED_NAMES as readonly string[]).includes(name))
        throw new SnapshotError('a typed array in the measurement has an unknown type');
      if (!Array.isArray(data.values) || !data.values.every((v) => typeof v === 'number'))
        throw new SnapshotError('a typed array in the measurement holds something other than numbers');
      budget.left -= data.values.length;
      if (budget.left < 0) throw new SnapshotError('the measurement is larger than any snapshot');
      const Ctor = globalThis[name as TypedName];
      return new Ctor(data.values);
    }
    case 'object': {
      const { keys, values } = data;
      if (!Array.isArray(keys) || !Array.isArray(values) || keys.length !== values.length || !keys.every((k) => typeof k === 'string')) {
        throw new SnapshotError('an object in the measurement is malformed');
      }
      const out: Record<string, unknown> = {};
      keys.forEach((key, i) =>
        Object.defineProperty(out, key as string, {
          value: revive(values[i], depth + 1, budget),
          enumerable: true,
          writable: true,
          configurable: true,
        }),
      );
      return out;
    }
    case 'opaque': {
      if (typeof data.text !== 'string') throw new SnapshotError('an opaque value in the measurement has no words');
      if (data.shape !== undefined) {
        if (!Array.isArray(data.shape) || !data.shape.every((d) => typeof d === 'number'))
          throw new SnapshotError('a tensor shape in the measurement is malformed');
        return new TensorShadow(`a tfjs tensor of shape [${(data.shape as number[]).join(', ')}]`, data.shape as number[]);
      }
      return new OpaqueValue(data.text);
    }
    default:
      throw new SnapshotError('the measurement holds something that is not a snapshot');
  }
}
