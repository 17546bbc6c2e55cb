/**
 * Values as text for `print` and `console.log`, roughly as a browser console or Node's
 * util.inspect would show them, but bounded: long arrays, big objects and deep nesting are
 * cut with a note of what was left out, cycles are marked, and nothing can throw.
 * TensorFlow.js values are formatted through a hook (this module knows nothing of tfjs).
 */

import { isTypedArray } from './values.ts';

export interface FormatHooks {
  /** Text for a value this module does not know (e.g. a tensor or a model), or undefined to format it normally. */
  format?(value: unknown): string | undefined;
}

export interface FormatOptions {
  /** Items shown per array, typed array, Map or Set before "… N more" (default 30). */
  maxItems?: number;
  /** Keys shown per object (default 30). */
  maxKeys?: number;
  /** Nesting depth shown; deeper values become [Array] / [Object] (default 4). */
  depth?: number;
  /** Characters of a nested string before it is cut (default 1,000). */
  maxStringLength?: number;
  hooks?: FormatHooks;
}

const DEFAULTS = { maxItems: 30, maxKeys: 30, depth: 4, maxStringLength: 1000 };

/** Width under which a nested array/object stays on one line. */
const LINE_WIDTH = 72;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

type Resolved = typeof DEFAULTS & { hooks: FormatHooks | undefined };

/**
 * One value as text. Strings at the top level are shown as they are (`print('hi')` → hi);
 * inside arrays and objects they are quoted.
 */
export function formatValue(value: unknown, options: FormatOptions = {}): string {
  if (typeof value === 'string') return value;
  const opts: Resolved = { ...DEFAULTS, ...stripUndefined(options), hooks: options.hooks };
  try {
    return inspect(value, opts, 0, new Set());
  } catch (err) {
    // A getter or proxy that throws, for example: never let printing break the run.
    return `[value that could not be shown: ${err instanceof Error ? err.message : String(err)}]`;
  }
}

function stripUndefined(o: FormatOptions): Partial<typeof DEFAULTS> {
  const out: Partial<typeof DEFAULTS> = {};
  if (o.maxItems !== undefined) out.maxItems = o.maxItems;
  if (o.maxKeys !== undefined) out.maxKeys = o.maxKeys;
  if (o.depth !== undefined) out.depth = o.depth;
  if (o.maxStringLength !== undefined) out.maxStringLength = o.maxStringLength;
  return out;
}

/**
 * The arguments of one `print`/`console.log` call as one line of text, joined by spaces.
 * A first string argument with %s %d %i %f %o %O %j %c placeholders is used as a format,
 * as in browsers.
 */
export function formatArgs(args: readonly unknown[], options: FormatOptions = {}): string {
  const rest = [...args];
  const parts: string[] = [];
  const first = rest[0];
  if (typeof first === 'string' && first.includes('%') && rest.length > 1) {
    rest.shift();
    parts.push(
      first.replace(/%([sdifoOjc%])/g, (match, code: string) => {
        if (code === '%') return '%';
        if (rest.length === 0) return match;
        const arg = rest.shift();
        switch (code) {
          case 's':
            return typeof arg === 'string' ? arg : formatValue(arg, { ...options, depth: 1 });
          case 'd':
          case 'i': {
            const n = typeof arg === 'bigint' ? arg : Number(arg);
            return typeof n === 'bigint' ? `${n}n` : String(code === 'i' || Number.isInteger(n) ? Math.trunc(n) : n);
          }
          case 'f':
            return String(Number(arg));
          case 'c':
            return ''; // CSS styling: ignored
          default:
            return formatValue(arg, options);
        }
      }),
    );
  }
  for (const arg of rest) parts.push(formatValue(arg, options));
  return parts.join(' ');
}

function quote(s: string, max: number): string {
  const cut = s.length > max ? `${s.slice(0, max)}… (${s.length - max} more characters)` : s;
  return `'${cut.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

function formatNumber(n: number): string {
  return Object.is(n, -0) ? '-0' : String(n);
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- any function the reader's code made
function functionText(f: Function): string {
  let source = '';
  try {
    source = Function.prototype.toString.call(f);
  } catch {
    /* a revoked proxy, say */
  }
  if (/^class[\s{]/.test(source)) return `[class ${f.name || '(anonymous)'}]`;
  return f.name ? `[Function: ${f.name}]` : '[Function (anonymous)]';
}

function className(value: object): string | null {
  const proto = Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null;
  if (proto === null) return '[Object: null prototype]';
  const name = proto.constructor?.name;
  return typeof name === 'string' && name !== 'Object' ? name : null;
}

function more(n: number): string {
  return `… ${n} more`;
}

function inspect(value: unknown, opts: Resolved, depth: number, seen: Set<object>): string {
  const hooked = opts.hooks?.format?.(value);
  if (hooked !== undefined) return hooked;

  switch (typeof value) {
    case 'string':
      return quote(value, opts.maxStringLength);
    case 'number':
      return formatNumber(value);
    case 'bigint':
      return `${value}n`;
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return value.toString();
    case 'function':
      return functionText(value);
  }
  if (value === null) return 'null';
  const obj = value as object;

  if (obj instanceof Error) {
    const head = obj.message ? `${obj.name}: ${obj.message}` : obj.name;
    return depth === 0 ? head : `[${head}]`;
  }
  if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? 'Invalid Date' : obj.toISOString();
  if (obj instanceof RegExp) return obj.toString();
  if (obj instanceof Promise) return 'Promise { … }';
  if (obj instanceof WeakMap || obj instanceof WeakSet) return `${obj.constructor.name} { <items unknown> }`;
  if (obj instanceof ArrayBuffer) return `ArrayBuffer { byteLength: ${obj.byteLength} }`;

  if (seen.has(obj)) return '[Circular]';

  if (isTypedArray(obj)) {
    const n = obj.length;
    const items = obj as ArrayLike<number | bigint>;
    const shown: string[] = [];
    for (let i = 0; i < Math.min(n, opts.maxItems); i++) {
      const v = items[i]!;
      shown.push(typeof v === 'bigint' ? `${v}n` : formatNumber(v));
    }
    if (n > opts.maxItems) shown.push(more(n - opts.maxItems));
    return `${obj.constructor.name}(${n}) ${wrap('[', shown, ']')}`;
  }

  if (Array.isArray(obj)) {
    if (depth >= opts.depth) return '[Array]';
    seen.add(obj);
    try {
      const shown: string[] = [];
      const n = obj.length;
      let holes = 0;
      for (let i = 0; i < Math.min(n, opts.maxItems); i++) {
        if (!(i in obj)) {
          holes++;
          continue;
        }
        if (holes) shown.push(`<${holes} empty item${holes === 1 ? '' : 's'}>`);
        holes = 0;
        shown.push(inspect(obj[i], opts, depth + 1, seen));
      }
      if (holes) shown.push(`<${holes} empty item${holes === 1 ? '' : 's'}>`);
      if (n > opts.maxItems) shown.push(more(n - opts.maxItems));
      return wrap('[', shown, ']');
    } finally {
      seen.delete(obj);
    }
  }

  if (obj instanceof Map || obj instanceof Set) {
    const label = `${obj instanceof Map ? 'Map' : 'Set'}(${obj.size})`;
    if (obj.size === 0) return `${label} {}`;
    if (depth >= opts.depth) return `[${label}]`;
    seen.add(obj);
    try {
      const shown: string[] = [];
      let i = 0;
      for (const entry of obj instanceof Map ? obj.entries() : obj.values()) {
        if (i++ >= opts.maxItems) break;
        if (obj instanceof Map) {
          const [k, v] = entry as [unknown, unknown];
          shown.push(`${inspect(k, opts, depth + 1, seen)} => ${inspect(v, opts, depth + 1, seen)}`);
        } else {
          shown.push(inspect(entry, opts, depth + 1, seen));
        }
      }
      if (obj.size > opts.maxItems) shown.push(more(obj.size - opts.maxItems));
      return `${label} ${wrap('{', shown, '}')}`;
    } finally {
      seen.delete(obj);
    }
  }

  // Plain objects and class instances.
  const name = className(obj);
  const keys = Object.keys(obj);
  if (keys.length === 0) return name ? `${name} {}` : '{}';
  if (depth >= opts.depth) return name ? `[${name}]` : '[Object]';
  seen.add(obj);
  try {
    const shown: string[] = [];
    for (const key of keys.slice(0, opts.maxKeys)) {
      const k = IDENTIFIER.test(key) ? key : quote(key, opts.maxStringLength);
      let v: string;
      try {
        v = inspect((obj as Record<string, unknown>)[key], opts, depth + 1, seen);
      } catch (err) {
        v = `[getter threw: ${err instanceof Error ? err.message : String(err)}]`;
      }
      shown.push(`${k}: ${v}`);
    }
    if (keys.length > opts.maxKeys) shown.push(more(keys.length - opts.maxKeys));
    const body = wrap('{', shown, '}');
    return name ? `${name} ${body}` : body;
  } finally {
    seen.delete(obj);
  }
}

/** `[1, 2, 3]` on one line when short, otherwise one item per line, indented. */
function wrap(open: string, items: string[], close: string): string {
  const pad = open === '{' ? ' ' : '';
  const oneLine = `${open}${pad}${items.join(', ')}${pad}${close}`;
  if (oneLine.length <= LINE_WIDTH && !oneLine.includes('\n')) return oneLine;
  // Numbers and other short items flow over several lines rather than one per line.
  if (items.every((s) => s.length <= 20 && !s.includes('\n'))) {
    const lines: string[] = [];
    let line = '';
    for (const item of items) {
      if (line && line.length + item.length + 2 > LINE_WIDTH) {
        lines.push(line);
        line = '';
      }
      line = line ? `${line}, ${item}` : item;
    }
    if (line) lines.push(line);
    return `${open}\n  ${lines.join(',\n  ')}\n${close}`;
  }
  // Each item's own lines are indented one step; nested items were already laid out relative to themselves.
  const inner = items.map((s) => `  ${s.replace(/\n/g, '\n  ')}`).join(',\n');
  return `${open}\n${inner}\n${close}`;
}
