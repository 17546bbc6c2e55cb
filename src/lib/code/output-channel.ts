/**
 * The pipe from the reader's output calls to the page: batches items (one message at most
 * every ~50 ms, and at the end), merges updates that replace each other (a chart redrawn in a
 * loop, a progress bar), and enforces the output limits so a `print` in a tight loop cannot
 * flood the page or the memory: past the limits, text is only counted, and the end of the
 * run adds one `truncated` item saying how much was hidden.
 *
 * It flushes synchronously when a batch is due, so output streams even from code that never
 * awaits, and by a timer otherwise.
 */
import type { OutputItem } from './output-item.ts';

export interface OutputLimits {
  /** Lines of text (and table rows) per run. */
  maxLines: number;
  /** Characters of text per run. */
  maxChars: number;
  /** Images per run. */
  maxImages: number;
  /** Different charts per run (redrawing one chart does not count). */
  maxPlots: number;
}

export const DEFAULT_OUTPUT_LIMITS: Readonly<OutputLimits> = {
  maxLines: 2000,
  maxChars: 1_000_000,
  maxImages: 2000,
  maxPlots: 50,
};

export interface OutputChannelOptions {
  /** Least time between two batches (default 50 ms). */
  intervalMs?: number;
  limits?: Partial<OutputLimits>;
  now?: () => number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class OutputChannel {
  private readonly post: (items: OutputItem[]) => void;
  private readonly intervalMs: number;
  private readonly limits: OutputLimits;
  private readonly now: () => number;
  private readonly setTimer: (callback: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private pending: OutputItem[] = [];
  private timer: unknown = null;
  private lastFlush = -Infinity;
  private lines = 0;
  private chars = 0;
  private images = 0;
  private readonly plotKeys = new Set<string>();
  private hidden = 0;

  constructor(post: (items: OutputItem[]) => void, options: OutputChannelOptions = {}) {
    this.post = post;
    this.intervalMs = options.intervalMs ?? 50;
    this.limits = { ...DEFAULT_OUTPUT_LIMITS, ...options.limits };
    this.now = options.now ?? (() => performance.now());
    this.setTimer = options.setTimer ?? ((cb, ms) => setTimeout(cb, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  /** Lines (and whole items) left out so far because of the limits. */
  get hiddenLines(): number {
    return this.hidden;
  }

  /** Queues one item (or the part of it within the limits) and sends the batch when it is due. */
  push(item: OutputItem): void {
    const admitted = this.admit(item);
    if (admitted) this.enqueue(admitted);
    this.schedule();
  }

  /** Sends what is queued now. */
  flush(): void {
    if (this.timer !== null) {
      this.clearTimer(this.timer);
      this.timer = null;
    }
    this.lastFlush = this.now();
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.post(batch);
  }

  /** End of the run: sends what is queued, with a `truncated` item when anything was hidden. */
  finish(): void {
    if (this.hidden > 0) this.pending.push({ kind: 'truncated', hiddenLines: this.hidden });
    this.hidden = 0;
    this.flush();
  }

  private schedule(): void {
    if (this.pending.length === 0) return;
    const wait = this.lastFlush + this.intervalMs - this.now();
    if (wait <= 0) {
      // Due: send now, even while a timer is set (it cannot fire while code runs without awaiting).
      this.flush();
    } else if (this.timer === null) {
      this.timer = this.setTimer(() => {
        this.timer = null;
        this.flush();
      }, wait);
    }
  }

  /** Later charts and progress replace earlier queued ones instead of piling up. */
  private enqueue(item: OutputItem): void {
    if (item.kind === 'plot' || item.kind === 'progress') {
      const i = this.pending.findIndex((p) => (item.kind === 'plot' ? p.kind === 'plot' && p.key === item.key : p.kind === 'progress'));
      if (i >= 0) {
        this.pending[i] = item;
        return;
      }
    }
    this.pending.push(item);
  }

  /** The item, the part of it that fits, or null; counts what is left out. */
  private admit(item: OutputItem): OutputItem | null {
    switch (item.kind) {
      case 'text':
        return this.admitText(item);
      case 'table': {
        const lines = item.rows.length + 1;
        if (this.lines + lines > this.limits.maxLines) {
          this.lines = this.limits.maxLines;
          this.hidden += lines;
          return null;
        }
        this.lines += lines;
        return item;
      }
      case 'images': {
        const room = this.limits.maxImages - this.images;
        if (item.images.length <= room) {
          this.images += item.images.length;
          return item;
        }
        this.hidden += item.images.length - Math.max(0, room);
        this.images = this.limits.maxImages;
        return room > 0 ? { ...item, images: item.images.slice(0, room) } : null;
      }
      case 'plot':
        if (!this.plotKeys.has(item.key)) {
          if (this.plotKeys.size >= this.limits.maxPlots) {
            this.hidden += 1;
            return null;
          }
          this.plotKeys.add(item.key);
        }
        return item;
      case 'truncated':
        this.hidden += item.hiddenLines;
        return null;
      case 'progress':
        return item;
    }
  }

  private admitText(item: Extract<OutputItem, { kind: 'text' }>): OutputItem | null {
    const lineRoom = this.limits.maxLines - this.lines;
    const charRoom = this.limits.maxChars - this.chars;
    const count = lineCount(item.text);
    if (count <= lineRoom && item.text.length <= charRoom) {
      this.lines += count;
      this.chars += item.text.length;
      return item;
    }
    // Keep the whole lines that fit, count the rest.
    const kept: string[] = [];
    let chars = 0;
    const all = item.text.split('\n');
    for (const line of all) {
      if (kept.length >= lineRoom || chars + line.length > charRoom) break;
      kept.push(line);
      chars += line.length + 1;
    }
    this.hidden += all.length - kept.length;
    this.lines = this.limits.maxLines;
    this.chars = this.limits.maxChars;
    return kept.length > 0 ? { ...item, text: kept.join('\n') } : null;
  }
}

function lineCount(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
