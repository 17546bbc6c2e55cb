/**
 * The built-ins that measuring a reader's code uses, captured when this module is first
 * evaluated: in the code worker that is at start-up, before any of the reader's code runs.
 *
 * Reader code runs in the same realm as the code that measures it, so it can replace
 * `Array.prototype.push`, `Math.abs`, `JSON.stringify`, `Number.isFinite` or
 * `MessagePort.prototype.postMessage`. Code on the measuring path calls the copies below
 * (through `call`, which never looks anything up at call time) instead of the live built-ins.
 * The decision itself is never made in that realm (see measure.ts): these copies only keep
 * the measurements honest, so that a few lines of tampering cannot distort them.
 */

const R = Reflect;
/** Reflect.apply as it was: calls `fn` with `self` and a list of arguments, no lookups. */
export const apply: <T>(fn: (...args: never[]) => T, self: unknown, args: ArrayLike<unknown>) => T = R.apply as never;
export const defineProperty = R.defineProperty;
export const ownKeys = R.ownKeys;
export const getOwnPropertyDescriptor = R.getOwnPropertyDescriptor;
export const getPrototypeOf = R.getPrototypeOf;
export const isArray = Array.isArray;
export const isView = ArrayBuffer.isView;
export const ObjectProto = Object.prototype;
export const ArrayCtor = Array;
export const mathMax = Math.max;
export const mathMin = Math.min;
export const clone: <T>(value: T) => T = globalThis.structuredClone.bind(globalThis);
const perf = globalThis.performance;
const perfNow = perf.now;
/** performance.now() as it was. */
export const now = (): number => apply(perfNow, perf, []);

/** Calls `fn` as a method of `self`, as `fn.call(self, ...args)` would before any tampering. */
export function call<T>(fn: (...args: never[]) => T, self: unknown, ...args: unknown[]): T {
  return apply(fn, self, args);
}

/** Appends to an array the measuring code built itself (an own data property, never a setter). */
export function append<T>(list: T[], value: T): void {
  defineProperty(list, list.length, { __proto__: null, value, writable: true, enumerable: true, configurable: true } as PropertyDescriptor);
}

/** A fresh, empty array whose elements are own properties (see append). */
export function list<T>(): T[] {
  return new ArrayCtor<T>();
}
