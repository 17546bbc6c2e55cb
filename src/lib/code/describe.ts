/**
 * Short descriptions in words of what the reader's code returned or threw:
 * "the number 0.5", "an array of 3 items", "a tfjs model with 101,770 parameters" (the last
 * through a hook, as this module knows nothing of tfjs).
 */
import { formatValue, type FormatHooks } from './format.ts';
import { plural } from '../format/numbers.ts';

export interface DescribeHooks extends FormatHooks {
  /** A description for a value this module does not know (a tensor, a model), or undefined. */
  describe?(value: unknown): string | undefined;
}

function short(text: string, max = 60): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** What a value is, in a few words; undefined for `undefined` (nothing was returned). */
export function describeValue(value: unknown, hooks: DescribeHooks = {}): string | undefined {
  const hooked = hooks.describe?.(value);
  if (hooked !== undefined) return hooked;
  switch (typeof value) {
    case 'undefined':
      return undefined;
    case 'number':
      return `the number ${formatValue(value)}`;
    case 'bigint':
      return `the BigInt ${value}n`;
    case 'string':
      return value.length > 60 ? `a string of ${plural(value.length, 'character')}` : `the string ${JSON.stringify(value)}`;
    case 'boolean':
      return `the boolean ${value}`;
    case 'symbol':
      return `the symbol ${value.description ?? ''}`.trimEnd();
    case 'function':
      return value.name ? `the function ${value.name}` : 'an anonymous function';
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${plural(value.length, 'item')}`;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return `a ${value.constructor.name} of ${plural((value as unknown as ArrayLike<number>).length, 'number')}`;
  }
  if (value instanceof Error) return `an error (${short(value.message ? `${value.name}: ${value.message}` : value.name)})`;
  if (value instanceof Map) return `a Map with ${plural(value.size, 'entry', 'entries')}`;
  if (value instanceof Set) return `a Set with ${plural(value.size, 'item')}`;
  if (value instanceof Date) return `the date ${formatValue(value)}`;
  const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
  const name = proto?.constructor?.name;
  const keys = Object.keys(value as object);
  if (name && name !== 'Object') return `a ${name} object`;
  if (keys.length === 0) return 'an empty object';
  const listed = keys.slice(0, 5).join(', ') + (keys.length > 5 ? ', …' : '');
  return `an object with ${keys.length === 1 ? 'key' : 'keys'} ${listed}`;
}

export interface ThrownDescription {
  name: string;
  message: string;
}

/**
 * A thrown value as an error name and message. Errors keep theirs; anything else
 * (`throw 'oops'`, `throw 42`, `throw { code: 1 }`) says what was thrown.
 */
export function describeThrown(thrown: unknown, hooks: FormatHooks = {}): ThrownDescription {
  if (thrown instanceof Error) {
    return { name: thrown.name || 'Error', message: thrown.message || '(no message)' };
  }
  // Error-like objects from another realm or library.
  if (typeof thrown === 'object' && thrown !== null && typeof (thrown as { message?: unknown }).message === 'string') {
    const e = thrown as { name?: unknown; message: string };
    return { name: typeof e.name === 'string' && e.name ? e.name : 'Error', message: e.message || '(no message)' };
  }
  if (thrown === undefined) {
    return { name: 'Error', message: 'Your code threw undefined (throw with no value). Throw an Error instead: throw new Error("what went wrong").' };
  }
  const what = typeof thrown === 'string' ? 'a string' : typeof thrown === 'number' ? 'a number' : thrown === null ? 'null' : `a ${typeof thrown}`;
  const text = typeof thrown === 'string' ? thrown : formatValue(thrown, { depth: 2, maxItems: 10, hooks });
  return {
    name: 'Error',
    message: `${short(text, 300)} (your code threw ${what}, not an Error, so there is no line number: throw new Error(…) to get one)`,
  };
}
