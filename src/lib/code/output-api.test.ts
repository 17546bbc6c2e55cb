import { describe, expect, it } from 'vitest';
import { createOutputApi } from './output-api.ts';
import { OutputChannel } from './output-channel.ts';
import type { OutputItem } from './output-item.ts';
import { FakeTensor, fakeTensorHooks } from './test-hooks.ts';

function setup(callSite?: () => string | undefined) {
  const items: OutputItem[] = [];
  const channel = new OutputChannel((batch) => items.push(...batch), { intervalMs: 0 });
  let clock = 0;
  const api = createOutputApi(channel, { hooks: fakeTensorHooks, now: () => clock, ...(callSite ? { callSite } : {}) });
  return { api, items, tick: (ms: number) => (clock += ms) };
}

const texts = (items: OutputItem[]) =>
  items.filter((i) => i.kind === 'text').map((i) => [(i as { stream: string }).stream, (i as { text: string }).text]);

describe('createOutputApi', () => {
  it('prints and logs to their streams, tensors through the hook', () => {
    const { api, items } = setup();
    api.print('loss', 0.5);
    api.console.log({ t: new FakeTensor([1, 2], [2]) });
    api.console.warn('careful');
    api.console.error(new Error('bad'));
    api.console.info('i');
    expect(texts(items)).toEqual([
      ['print', 'loss 0.5'],
      ['log', '{ t: Tensor [2] }'],
      ['warn', 'careful'],
      ['error', 'Error: bad'],
      ['info', 'i'],
    ]);
  });

  it('supports console.count, time, assert, group and table', () => {
    const { api, items, tick } = setup();
    api.console.count();
    api.console.count();
    api.console.time('fit');
    tick(12.34);
    api.console.timeEnd('fit');
    api.console.timeEnd('fit');
    api.console.assert(1 === 1, 'never shown');
    api.console.assert(false, 'x is', 3);
    api.console.group('outer');
    api.console.log('a\nb');
    api.console.groupEnd();
    api.console.log('c');
    api.console.table([{ a: 1 }]);
    expect(texts(items)).toEqual([
      ['log', 'default: 1'],
      ['log', 'default: 2'],
      ['log', 'fit: 12.3 ms'],
      ['warn', "Timer 'fit' does not exist"],
      ['error', 'Assertion failed: x is 3'],
      ['log', 'outer'],
      ['log', '  a\n  b'],
      ['log', 'c'],
    ]);
    expect(items.at(-1)).toEqual({ kind: 'table', columns: ['a'], rows: [[1]] });
  });

  it('keys charts by the line that draws them, so a chart redrawn in a loop keeps one place', () => {
    const { api, items } = setup(() => 'line 7');
    api.plot.line([1, 2]);
    api.plot.scatter([[1, 2]]);
    expect(items.map((i) => (i as { key?: string }).key)).toEqual(['line:line 7', 'scatter:line 7']);
    const noSite = setup();
    noSite.api.plot.line([1]);
    noSite.api.plot.line([1]);
    expect(noSite.items.map((i) => (i as { key?: string }).key)).toEqual(['line:#1', 'line:#2']);
  });

  it('shows images, tables and progress, and throws clear errors for bad arguments', () => {
    const { api, items } = setup();
    api.show.images(new FakeTensor(new Array(8).fill(0), [2, 2, 2]));
    api.show.table([[1]], ['n']);
    api.progress(0.5, 'half');
    expect(items.map((i) => i.kind)).toEqual(['images', 'table', 'progress']);
    expect(() => api.plot.line('x')).toThrow(TypeError);
    expect(() => api.progress(2)).toThrow(/between 0 and 1/);
  });
});
