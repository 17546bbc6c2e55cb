/**
 * Values in words for grader messages: what the reader's code returned and what was expected.
 * Short, JSON-like, and explicit about types ("the string \"0.5\"", "a tensor of shape [3]").
 * (lib/code/format.ts prints values as a console would; this module is for grader sentences.)
 */

import { isPlainObject, isTensorLike, isTypedArray } from '../code/values.ts';
import { OpaqueValue } from './snapshot.ts';

const MAX_ITEMS = 6;
const MAX_TEXT = 60;

/** A number as short as it can be while still distinguishing close values (up to 10 significant digits). */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (Object.is(n, -0)) return '0';
  return String(Number(n.toPrecision(10)));
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** A value written compactly, as in code: 0.5, "abc", [1, 2, 3], {a: 1}. */
export function formatBrief(value: unknown, depth = 0): string {
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return JSON.stringify(clip(value));
  if (typeof value === 'bigint') return `${value}n`;
  if (value === undefined || value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'function') return value.name ? `function ${value.name}` : 'a function';
  if (typeof value === 'symbol') return value.toString();
  if (isTensorLike(value)) return `tensor of shape [${value.shape.join(', ')}]`;
  if (value instanceof OpaqueValue) return value.text;
  if (Array.isArray(value) || isTypedArray(value)) {
    if (depth > 2) return '[…]';
    const items = Array.from(value as ArrayLike<unknown>)
      .slice(0, MAX_ITEMS)
      .map((v) => formatBrief(v, depth + 1));
    if (value.length > MAX_ITEMS) items.push(`… ${value.length - MAX_ITEMS} more`);
    const prefix = isTypedArray(value) ? `${value.constructor.name} ` : '';
    return `${prefix}[${items.join(', ')}]`;
  }
  if (isPlainObject(value)) {
    if (depth > 2) return '{…}';
    const keys = Object.keys(value);
    const items = keys.slice(0, MAX_ITEMS).map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${formatBrief(value[k], depth + 1)}`);
    if (keys.length > MAX_ITEMS) items.push(`… ${keys.length - MAX_ITEMS} more`);
    return `{${items.join(', ')}}`;
  }
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  const name = (value as { constructor?: { name?: string } }).constructor?.name;
  return name ? `a ${name} object` : 'an object';
}

/**
 * A value with its type spelt out for a sentence like "sigmoid(0) returned …":
 * `the string "0.5"`, `NaN`, `undefined (nothing: did you forget to return?)`, `a tfjs tensor of shape [3]`.
 */
export function describeReturned(value: unknown): string {
  if (value === undefined) return 'undefined (nothing: is a `return` missing?)';
  if (typeof value === 'string') return `the string ${formatBrief(value)}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (typeof value === 'function') return 'a function';
  if (isTensorLike(value)) return `a tfjs tensor of shape [${value.shape.join(', ')}]`;
  if (value instanceof OpaqueValue && value.text.startsWith('function')) return 'a function';
  return formatBrief(value);
}

/** What kind of value is expected, for "… it should return a number". */
export function expectedKind(expected: unknown): string {
  if (typeof expected === 'number') return 'a number';
  if (typeof expected === 'string') return 'a string';
  if (typeof expected === 'boolean') return 'true or false';
  if (expected === null) return 'null';
  if (Array.isArray(expected)) {
    const n = expected.length;
    const allNumbers = expected.every((v) => typeof v === 'number');
    return `an array of ${n} ${allNumbers ? (n === 1 ? 'number' : 'numbers') : n === 1 ? 'value' : 'values'}`;
  }
  if (isPlainObject(expected)) {
    const keys = Object.keys(expected);
    return keys.length ? `an object with ${keys.length === 1 ? 'key' : 'keys'} ${keys.join(', ')}` : 'an empty object';
  }
  return formatBrief(expected);
}
