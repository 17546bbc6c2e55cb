import { describe, expect, it } from 'vitest';
import { axisDiagram } from './axis-diagram.ts';
import { cellText, inputGridMarkup, patchWords } from './grids-markup.ts';
import { DEFAULT_STATE, explorerMarkup, formulaMarkup, realNote, stateFromAttributes } from './markup.ts';

describe('conv explorer markup', () => {
  it('reads an author’s attributes, and falls back to the default for an impossible or unknown setting', () => {
    const attrs = (values: Record<string, string>) => (name: string) => values[name] ?? null;
    expect(stateFromAttributes(attrs({ 'data-n': '7', 'data-d': '2', 'data-mode': 'max' }))).toEqual({
      setting: { n: 7, k: 3, s: 2, p: 1, d: 2 },
      mode: 'max',
      kernel: 'edgeV',
    });
    expect(stateFromAttributes(attrs({ 'data-k': '9', 'data-mode': 'sum', 'data-kernel': 'emboss' }))).toEqual(DEFAULT_STATE);
  });

  it('writes cells as the reader reads them: whole numbers, one decimal, a true minus, a dash for nothing', () => {
    expect([cellText(7), cellText(2.25), cellText(-15), cellText(null)]).toEqual(['7', '2.3', '−15', '–']);
  });

  it('says in words what a window reads, dilation as steps', () => {
    expect(patchWords({ n: 5, k: 3, s: 2, p: 1, d: 1 }, 0, 0)).toBe('reads input rows -1 to 1, columns -1 to 1; 5 of its 9 cells are padding');
    expect(patchWords({ n: 7, k: 2, s: 1, p: 0, d: 3 }, 1, 2)).toBe('reads input rows 1 to 4 in steps of 3, columns 2 to 5 in steps of 3');
  });

  it('draws the padded input with one cell in the tab order, padding named as padding', () => {
    const html = inputGridMarkup({ n: 2, k: 1, s: 1, p: 0, d: 1 }, 'conv', Float32Array.from([1, 2, 3, 4]));
    expect(html.match(/role="gridcell"/g)).toHaveLength(4);
    expect(html.match(/tabindex="0"/g)).toHaveLength(1);
    const padded = inputGridMarkup({ n: 2, k: 3, s: 1, p: 1, d: 1 }, 'max', Float32Array.from([1, 2, 3, 4]));
    expect(padded).toContain('aria-label="Padding row -1, column -1"');
  });

  it('has every number of the formula in a slot, typeset or plain', () => {
    const plain = formulaMarkup({ n: 9, k: 4, s: 3, p: 2, d: 1 });
    for (const [slot, v] of [
      ['n', 9],
      ['k', 4],
      ['s', 3],
      ['p', 2],
      ['d', 1],
      ['out', 4],
    ] as const)
      expect(plain).toContain(`data-slot="${slot}">${v}<`);
    expect(plain).toContain('Output size: ⌊(9 + 2·2 − 1·(4 − 1) − 1) / 3⌋ + 1 = 4');
    const typeset = formulaMarkup({ n: 9, k: 4, s: 3, p: 2, d: 1 }, (tex) => `<tex>${tex}</tex>`);
    expect(typeset).toContain('\\htmlData{slot=out}{4}');
  });

  it('is a figure: the axis drawing has one tap per kernel cell for each output', () => {
    const svg = axisDiagram({ n: 5, k: 3, s: 2, p: 1, d: 1 });
    expect(svg.match(/<circle/g)).toHaveLength(9);
    expect(svg.match(/is-pad/g)).toHaveLength(2);
    const html = explorerMarkup('t', DEFAULT_STATE);
    expect(html).toContain('5 × 5 input, 3 × 3 kernel, stride 2, padding 1: 3 × 3 output');
    expect(html).toContain('role="region"');
  });

  it('says the sneaker’s expected shape, or why tfjs refuses', () => {
    expect(realNote(DEFAULT_STATE)).toBe('On the 28 × 28 sneaker the formula expects an output of shape [1, 14, 14, 1].');
    expect(realNote({ ...DEFAULT_STATE, setting: { n: 5, k: 2, s: 2, p: 0, d: 2 } })).toMatch(/^tf\.conv2d refuses/);
  });
});
