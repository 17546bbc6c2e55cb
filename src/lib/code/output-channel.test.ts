import { describe, expect, it } from 'vitest';
import { OutputChannel, type OutputChannelOptions } from './output-channel.ts';
import type { OutputItem } from './output-item.ts';

/** A channel on a fake clock with manual timers. */
function setup(options: OutputChannelOptions = {}) {
  const batches: OutputItem[][] = [];
  let time = 0;
  const timers: Array<{ at: number; fn: () => void; cancelled: boolean }> = [];
  const channel = new OutputChannel((items) => batches.push(items), {
    now: () => time,
    setTimer: (fn, ms) => {
      const t = { at: time + ms, fn, cancelled: false };
      timers.push(t);
      return t;
    },
    clearTimer: (h) => {
      (h as { cancelled: boolean }).cancelled = true;
    },
    ...options,
  });
  const advance = (ms: number) => {
    time += ms;
    for (const t of timers.filter((t) => !t.cancelled && t.at <= time)) {
      t.cancelled = true;
      t.fn();
    }
  };
  return { channel, batches, advance };
}

const text = (t: string): OutputItem => ({ kind: 'text', stream: 'print', text: t });

describe('OutputChannel batching', () => {
  it('sends the first item at once, then batches until the interval has passed', () => {
    const { channel, batches, advance } = setup();
    channel.push(text('a'));
    expect(batches).toEqual([[text('a')]]);
    channel.push(text('b'));
    channel.push(text('c'));
    expect(batches).toHaveLength(1);
    advance(50);
    expect(batches).toEqual([[text('a')], [text('b'), text('c')]]);
  });

  it('flushes synchronously when a batch is due, even if timers never run (code that never awaits)', () => {
    const batches: OutputItem[][] = [];
    let clock = 0;
    const c = new OutputChannel((items) => batches.push(items), { now: () => clock, setTimer: () => 0, clearTimer: () => {} });
    for (let i = 0; i < 10; i++) {
      c.push(text(String(i)));
      clock += 20;
    }
    // Item 0 at once, then a batch whenever 50 ms have passed: no timer ever fired.
    expect(batches.map((b) => b.map((i) => (i as { text: string }).text))).toEqual([['0'], ['1', '2', '3'], ['4', '5', '6'], ['7', '8', '9']]);
    c.finish();
    expect(batches.flat().map((i) => (i as { text: string }).text)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('merges a redrawn chart and progress updates within a batch', () => {
    const { channel, batches } = setup();
    channel.push(text('start'));
    const plot = (n: number): OutputItem => ({ kind: 'plot', plot: 'line', key: 'k', series: [{ name: 'loss', points: [[0, n]] }] });
    channel.push(plot(1));
    channel.push({ kind: 'progress', fraction: 0.1, label: 'a' });
    channel.push(plot(2));
    channel.push({ kind: 'progress', fraction: 0.2, label: 'b' });
    channel.finish();
    expect(batches[1]).toEqual([plot(2), { kind: 'progress', fraction: 0.2, label: 'b' }]);
  });
});

describe('OutputChannel limits', () => {
  it('keeps the lines within the limit and reports the hidden ones once at the end', () => {
    const { channel, batches } = setup({ limits: { maxLines: 5 } });
    for (let i = 0; i < 3; i++) channel.push(text(`${i}`));
    channel.push(text('3\n4\n5\n6'));
    for (let i = 0; i < 100; i++) channel.push(text(`more ${i}`));
    expect(channel.hiddenLines).toBe(102);
    channel.finish();
    const all = batches.flat();
    expect(all.filter((i) => i.kind === 'text').map((i) => (i as { text: string }).text)).toEqual(['0', '1', '2', '3\n4']);
    expect(all.at(-1)).toEqual({ kind: 'truncated', hiddenLines: 102 });
    expect(all.filter((i) => i.kind === 'truncated')).toHaveLength(1);
  });

  it('limits characters, images, tables and distinct charts', () => {
    const { channel, batches } = setup({ limits: { maxChars: 10, maxImages: 3, maxPlots: 1, maxLines: 4 } });
    channel.push(text('x'.repeat(25)));
    const img = { width: 1, height: 1, rgba: new Uint8ClampedArray(4) };
    channel.push({ kind: 'images', images: [img, img] });
    channel.push({ kind: 'images', images: [img, img] });
    channel.push({ kind: 'plot', plot: 'line', key: 'a', series: [] });
    channel.push({ kind: 'plot', plot: 'line', key: 'a', series: [] });
    channel.push({ kind: 'plot', plot: 'line', key: 'b', series: [] });
    channel.push({ kind: 'table', columns: ['a'], rows: [[1], [2], [3], [4]] });
    channel.finish();
    const all = batches.flat();
    expect(all.some((i) => i.kind === 'text')).toBe(false); // one 25-character line does not fit in 10
    expect(all.filter((i) => i.kind === 'images').map((i) => (i as { images: unknown[] }).images.length)).toEqual([2, 1]);
    expect(all.filter((i) => i.kind === 'plot').map((i) => (i as { key: string }).key)).toEqual(['a']); // the redraw replaced the queued chart
    expect(all.some((i) => i.kind === 'table')).toBe(false);
    // 1 text line + 1 image + 1 chart + 5 table lines
    expect(all.at(-1)).toEqual({ kind: 'truncated', hiddenLines: 8 });
  });
});
