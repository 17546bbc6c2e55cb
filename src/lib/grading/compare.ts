/**
 * Compares what the reader's code returned with the expected value: numbers within an
 * absolute or relative tolerance, arrays (and typed arrays, nested) element by element,
 * plain objects key by key (extra keys are ignored), anything else with Object.is.
 * Returns the first difference found, with its place, so the message can point at it.
 */
import { isPlainObject, isTensorLike, isTypedArray } from '../code/values.ts';

export interface Tolerance {
  /** Largest accepted |actual − expected|. */
  absolute: number;
  /** Largest accepted |actual − expected| / |expected|. A number passes if either holds. */
  relative: number;
}

export const DEFAULT_TOLERANCE: Tolerance = { absolute: 1e-6, relative: 1e-6 };

export interface Mismatch {
  /** Where in the value, e.g. "[1]", "[0][2]" or ".loss"; "" for the value itself. */
  path: string;
  /** type: wrong kind of value; value: different value; length: arrays of different lengths; missing-key: an object lacks a key. */
  kind: 'type' | 'value' | 'length' | 'missing-key';
  actual: unknown;
  expected: unknown;
}

/** True when two numbers agree within the tolerance (NaN only equals NaN, infinities only themselves). */
export function numbersClose(actual: number, expected: number, tolerance: Tolerance = DEFAULT_TOLERANCE): boolean {
  if (Number.isNaN(expected) || Number.isNaN(actual)) return Number.isNaN(expected) && Number.isNaN(actual);
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return actual === expected;
  const diff = Math.abs(actual - expected);
  return diff <= tolerance.absolute || diff <= tolerance.relative * Math.abs(expected);
}

function isArrayish(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || isTypedArray(value);
}

/** The first difference between `actual` and `expected`, or null when they match. */
export function compareValues(actual: unknown, expected: unknown, tolerance: Tolerance = DEFAULT_TOLERANCE, path = ''): Mismatch | null {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return { path, kind: 'type', actual, expected };
    return numbersClose(actual, expected, tolerance) ? null : { path, kind: 'value', actual, expected };
  }
  if (Array.isArray(expected)) {
    if (!isArrayish(actual)) return { path, kind: 'type', actual, expected };
    if (actual.length !== expected.length) return { path, kind: 'length', actual, expected };
    for (let i = 0; i < expected.length; i++) {
      const m = compareValues(actual[i], expected[i], tolerance, `${path}[${i}]`);
      if (m) return m;
    }
    return null;
  }
  if (isPlainObject(expected)) {
    if (typeof actual !== 'object' || actual === null || isArrayish(actual) || isTensorLike(actual)) {
      return { path, kind: 'type', actual, expected };
    }
    const record = actual as Record<string, unknown>;
    for (const key of Object.keys(expected)) {
      const keyPath = `${path}${/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`}`;
      if (!(key in record)) return { path: keyPath, kind: 'missing-key', actual: undefined, expected: expected[key] };
      const m = compareValues(record[key], expected[key], tolerance, keyPath);
      if (m) return m;
    }
    return null;
  }
  // Strings, booleans, null: exact. A value of another type is a type mismatch.
  if (Object.is(actual, expected)) return null;
  const sameType = typeof actual === typeof expected && (actual === null) === (expected === null);
  return { path, kind: sameType ? 'value' : 'type', actual, expected };
}
