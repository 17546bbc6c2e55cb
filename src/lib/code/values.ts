/**
 * Helpers shared by the output API's argument checks: what kind of thing a value is, in
 * words for error messages, and numeric data as a flat array with a shape (from nested
 * arrays, typed arrays, or — through a hook — tensors).
 */

/** Dense numeric data: `shape` and a reader of its values in row-major order (read lazily: a tensor's may be big). */
export interface DenseData {
  shape: number[];
  read(): ArrayLike<number>;
}

/** Conversions the tfjs side provides (this module knows nothing of tfjs). */
export interface DataHooks {
  /** A tensor (or other array-like the hook knows) as dense data, or undefined. */
  toData?(value: unknown): DenseData | undefined;
}

/** A thrown error whose message is meant for the reader as it is (bad arguments to print/plot/show…). */
export class OutputArgumentError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'TypeError';
  }
}

/** "a string", "a number", "an array", "undefined", "a Map"… for messages like "got a string". */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return Number.isNaN(value) ? 'NaN' : 'a number';
    case 'boolean':
      return 'a boolean';
    case 'bigint':
      return 'a BigInt';
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
  }
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name;
  if (name && name !== 'Object') return /^[AEIOU]/.test(name) ? `an ${name}` : `a ${name}`;
  return 'an object';
}

export function isNumberArrayLike(value: unknown): value is ArrayLike<number> {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return !(value instanceof BigInt64Array || value instanceof BigUint64Array);
  }
  return Array.isArray(value) && value.every((v) => typeof v === 'number');
}

/** True for Float32Array, Int32Array, … (not DataView). */
export function isTypedArray(value: unknown): value is ArrayLike<number> & { constructor: { name: string } } {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

/** True for a tfjs Tensor (duck-typed: lib/ never imports tfjs). */
export function isTensorLike(value: unknown): value is { shape: number[]; dtype: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { shape?: unknown }).shape) &&
    typeof (value as { dataSync?: unknown }).dataSync === 'function'
  );
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Nested arrays (or typed arrays, or tensors through the hook) of numbers as dense data.
 * Returns undefined when the value is not rectangular numeric data; `what` names the
 * caller in errors about ragged arrays.
 */
export function toDense(value: unknown, hooks: DataHooks, what: string): DenseData | undefined {
  const hooked = hooks.toData?.(value);
  if (hooked) return hooked;
  if (isNumberArrayLike(value)) return { shape: [value.length], read: () => value };
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const parts = value.map((v) => toDense(v, hooks, what));
  if (parts.some((p) => p === undefined)) return undefined;
  const dense = parts as DenseData[];
  const inner = dense[0]!.shape;
  dense.forEach((p, i) => {
    if (p.shape.length !== inner.length || p.shape.some((d, j) => d !== inner[j])) {
      throw new OutputArgumentError(
        `${what}: item ${i} has shape [${p.shape.join(', ')}] but item 0 has shape [${inner.join(', ')}]; all items must have the same shape.`,
      );
    }
  });
  const shape = [dense.length, ...inner];
  return {
    shape,
    read() {
      const size = inner.reduce((a, b) => a * b, 1);
      const out = new Float64Array(size * dense.length);
      dense.forEach((p, i) => out.set(p.read(), i * size));
      return out;
    },
  };
}
