import { describe, expect, it } from 'vitest';
import { denseParams, layersFromStack, layoutNetwork, networkParams } from './network-layout.ts';
import { networkDiagram } from './network-diagram.ts';

const MLP = [
  { name: 'Input', units: 784, note: '28×28 pixels' },
  { name: 'Hidden', units: 128, activation: 'ReLU' },
  { name: 'Output', units: 10, activation: 'softmax' },
];

describe('denseParams', () => {
  it('counts the weights and the biases', () => {
    expect(denseParams(784, 128)).toBe(100_480);
    expect(denseParams(128, 10)).toBe(1_290);
    expect(denseParams(784, 1)).toBe(785);
  });
});

describe('networkParams', () => {
  it('adds up the dense layers between the given ones', () => {
    expect(networkParams([{ units: 784 }, { units: 128 }, { units: 10 }])).toBe(101_770);
    expect(networkParams([{ units: 784 }])).toBe(0);
  });
});

describe('layoutNetwork', () => {
  it('gives each layer after the input the parameters of the dense layer into it', () => {
    const layout = layoutNetwork(MLP);
    expect(layout.columns.map((c) => c.params)).toEqual([0, 100_480, 1_290]);
    expect(layout.totalParams).toBe(101_770);
  });

  it('draws a big layer as its first units and a "+N" ellipsis, a small one whole', () => {
    const layout = layoutNetwork(MLP, { maxNodes: 8 });
    const [input, hidden, output] = layout.columns;
    expect(input!.nodes).toHaveLength(7);
    expect(input!.hidden).toBe(777);
    expect(input!.ellipsis).not.toBeNull();
    expect(hidden!.hidden).toBe(121);
    // 10 units > 8 slots: 7 drawn and "+3".
    expect(output!.nodes).toHaveLength(7);
    expect(output!.hidden).toBe(3);
    const one = layoutNetwork([
      { name: 'Input', units: 2 },
      { name: 'Output', units: 1 },
    ]);
    expect(one.columns.map((c) => [c.nodes.length, c.hidden, c.ellipsis])).toEqual([
      [2, 0, null],
      [1, 0, null],
    ]);
  });

  it('joins every drawn unit to every drawn unit of the next layer, left to right', () => {
    const layout = layoutNetwork([
      { name: 'Input', units: 2 },
      { name: 'Hidden', units: 3, activation: 'tanh' },
      { name: 'Output', units: 1 },
    ]);
    expect(layout.edges).toHaveLength(2 * 3 + 3 * 1);
    for (const e of layout.edges) expect(e.x2).toBeGreaterThan(e.x1);
  });

  it('centres short columns on the tallest and keeps everything inside the box', () => {
    const layout = layoutNetwork(
      [
        { name: 'Input', units: 4 },
        { name: 'Output', units: 1 },
      ],
      { nodeGap: 20 },
    );
    const [input, output] = layout.columns;
    const ys = input!.nodes.map((p) => p.y);
    expect(output!.nodes[0]!.y).toBeCloseTo((Math.min(...ys) + Math.max(...ys)) / 2);
    for (const c of layout.columns) {
      for (const p of c.nodes) {
        expect(p.x - layout.radius).toBeGreaterThanOrEqual(0);
        expect(p.x + layout.radius).toBeLessThanOrEqual(layout.width);
        expect(p.y + layout.radius).toBeLessThan(layout.labelTop);
      }
    }
    // Three label lines under the output (name, units, parameters): the last baseline is inside.
    expect(layout.labelTop + 2 * layout.lineHeight).toBeLessThan(layout.height);
  });

  it('labels each column with its name, units, note, activation and parameters', () => {
    const layout = layoutNetwork(MLP);
    expect(layout.columns[0]!.lines).toEqual(['Input', '784 units', '28×28 pixels']);
    expect(layout.columns[1]!.lines).toEqual(['Hidden', '128 units', 'ReLU', '100,480 parameters']);
    expect(
      layoutNetwork([
        { name: 'In', units: 1 },
        { name: 'Out', units: 1 },
      ]).columns[1]!.lines,
    ).toEqual(['Out', '1 unit', '2 parameters']);
    expect(layout.description).toBe(
      'A network diagram: input 784 units → hidden 128 units ReLU → output 10 units softmax; 101,770 parameters in all.',
    );
  });

  it('refuses a network it cannot draw', () => {
    expect(() => layoutNetwork([])).toThrow(/at least one layer/);
    expect(() => layoutNetwork([{ name: 'Input', units: 0 }])).toThrow(/whole number of units/);
  });
});

describe('networkDiagram', () => {
  it('is an SVG with one circle per drawn unit, the edges, the "+N" and the labels', () => {
    const svg = networkDiagram(MLP);
    expect(svg.startsWith('<svg class="tk-net"')).toBe(true);
    expect(svg.match(/<circle /g)).toHaveLength(7 + 7 + 7);
    expect(svg).toContain('>+777</text>');
    expect(svg).toContain('>100,480 parameters</text>');
    expect(svg).toContain('data-params="101770"');
    expect(svg).toMatch(/<path class="tk-net__edges" d="M[\d.]+ [\d.]+L/);
    expect(svg).toContain('aria-label="A network diagram: input 784 units');
  });

  it('escapes the words it is given', () => {
    expect(networkDiagram([{ name: '<In>', units: 1 }])).toContain('&lt;In&gt;');
  });
});

describe('layersFromStack', () => {
  it('turns dense layers and the activations after them into diagram layers', () => {
    expect(layersFromStack(2, [{ kind: 'dense', units: 8 }, { kind: 'tanh' }, { kind: 'dense', units: 1 }], { outputActivation: 'sigmoid' })).toEqual(
      [
        { name: 'Input', units: 2 },
        { name: 'Hidden', units: 8, activation: 'tanh' },
        { name: 'Output', units: 1, activation: 'sigmoid' },
      ],
    );
  });
  it('calls a dense layer without an activation linear, and names the last one the output', () => {
    expect(layersFromStack(784, [{ kind: 'dense', units: 16 }, { kind: 'dense', units: 10 }, { kind: 'softmax' }], { inputNote: '28×28' })).toEqual([
      { name: 'Input', units: 784, note: '28×28' },
      { name: 'Hidden', units: 16, activation: 'linear' },
      { name: 'Output', units: 10, activation: 'softmax' },
    ]);
  });
});
