/**
 * The output API given to the reader's code: `print`, `plot.line`, `plot.scatter`,
 * `show.images`, `show.table`, `progress` and a `console` whose calls land in the output.
 * Each call checks its arguments (a clear TypeError, thrown at the reader's line, when they
 * are wrong) and pushes protocol items into an OutputChannel. Tensors reach it through hooks.
 */
import { formatArgs, type FormatHooks } from './format.ts';
import { normalizeImages } from './image-args.ts';
import type { OutputChannel } from './output-channel.ts';
import type { TextStream } from './output-item.ts';
import { normalizePlot } from './plot-args.ts';
import { normalizeProgress, normalizeTable } from './table-args.ts';
import type { DataHooks } from './values.ts';

export interface OutputHooks extends DataHooks, FormatHooks {}

export interface OutputApiOptions {
  hooks?: OutputHooks;
  /** Identifies the reader's line making the current call (e.g. "line 12"), so a chart redrawn in a loop keeps its place. */
  callSite?: () => string | undefined;
  now?: () => number;
}

export interface ReaderConsole {
  log(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  debug(...args: unknown[]): void;
  trace(...args: unknown[]): void;
  dir(value?: unknown): void;
  table(data?: unknown, columns?: unknown): void;
  assert(condition?: unknown, ...args: unknown[]): void;
  count(label?: unknown): void;
  countReset(label?: unknown): void;
  time(label?: unknown): void;
  timeLog(label?: unknown, ...args: unknown[]): void;
  timeEnd(label?: unknown): void;
  group(...args: unknown[]): void;
  groupCollapsed(...args: unknown[]): void;
  groupEnd(): void;
  clear(): void;
}

export interface OutputApi {
  print(...args: unknown[]): void;
  plot: { line(...args: unknown[]): void; scatter(...args: unknown[]): void };
  show: { images(...args: unknown[]): void; table(...args: unknown[]): void };
  progress(fraction: unknown, label?: unknown): void;
  console: ReaderConsole;
}

export function createOutputApi(channel: OutputChannel, options: OutputApiOptions = {}): OutputApi {
  const hooks = options.hooks ?? {};
  const now = options.now ?? (() => performance.now());
  let indent = '';
  let anonymousPlots = 0;
  const counts = new Map<string, number>();
  const timers = new Map<string, number>();

  const text = (stream: TextStream, args: readonly unknown[]): void => {
    const line = formatArgs(args, { hooks });
    channel.push({ kind: 'text', stream, text: indent ? indent + line.replace(/\n/g, `\n${indent}`) : line });
  };
  const labelOf = (label: unknown): string => (label === undefined ? 'default' : String(label));
  const elapsed = (label: string): string | null => {
    const start = timers.get(label);
    if (start === undefined) return null;
    const ms = now() - start;
    return `${label}: ${ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`}`;
  };

  const plot = (kind: 'line' | 'scatter', args: unknown[]): void => {
    const key = options.callSite?.() ?? `#${++anonymousPlots}`;
    channel.push(normalizePlot(kind, args, hooks, key));
  };

  const console: ReaderConsole = {
    log: (...args) => text('log', args),
    info: (...args) => text('info', args),
    warn: (...args) => text('warn', args),
    error: (...args) => text('error', args),
    debug: (...args) => text('log', args),
    trace: (...args) => text('log', ['Trace:', ...args]),
    dir: (value) => text('log', [value]),
    table: (data, columns) => {
      // Like browsers: anything that is not tabular is simply logged.
      if (typeof data !== 'object' || data === null) return text('log', [data]);
      channel.push(normalizeTable(columns === undefined ? [data] : [data, columns], hooks));
    },
    assert: (condition, ...args) => {
      if (!condition) text('error', ['Assertion failed' + (args.length ? ':' : ''), ...args]);
    },
    count: (label) => {
      const l = labelOf(label);
      const n = (counts.get(l) ?? 0) + 1;
      counts.set(l, n);
      text('log', [`${l}: ${n}`]);
    },
    countReset: (label) => {
      counts.delete(labelOf(label));
    },
    time: (label) => {
      timers.set(labelOf(label), now());
    },
    timeLog: (label, ...args) => {
      const l = labelOf(label);
      const t = elapsed(l);
      text(t ? 'log' : 'warn', t ? [t, ...args] : [`Timer '${l}' does not exist`]);
    },
    timeEnd: (label) => {
      const l = labelOf(label);
      const t = elapsed(l);
      timers.delete(l);
      text(t ? 'log' : 'warn', [t ?? `Timer '${l}' does not exist`]);
    },
    group: (...args) => {
      if (args.length) text('log', args);
      indent += '  ';
    },
    groupCollapsed: (...args) => {
      if (args.length) text('log', args);
      indent += '  ';
    },
    groupEnd: () => {
      indent = indent.slice(2);
    },
    clear: () => {},
  };

  return {
    print: (...args) => text('print', args),
    plot: {
      line: (...args) => plot('line', args),
      scatter: (...args) => plot('scatter', args),
    },
    show: {
      images: (...args) => channel.push(normalizeImages(args, hooks)),
      table: (...args) => channel.push(normalizeTable(args, hooks)),
    },
    progress: (fraction, label) => channel.push(normalizeProgress(fraction, label)),
    console,
  };
}
