import { describe, expect, it } from 'vitest';
import { ARCHITECTURES, architectureRows, LENET_SPEC, VGG_SPEC } from './architectures.ts';
import { specProblems } from './spec-check.ts';

describe('architectures', () => {
  it('are specs the builder accepts', () => {
    for (const { spec } of Object.values(ARCHITECTURES)) expect(specProblems(spec)).toEqual([]);
  });

  it('LeNet-style: 28×28×6 → 14×14×6 → 10×10×16 → 5×5×16 → 400 → 120 → 84 → 10, 61,706 parameters', () => {
    const { rows, total } = architectureRows(LENET_SPEC);
    expect(rows.map((r) => [r.layer, r.shape, r.params])).toEqual([
      ['Input (a grey image)', '28 × 28 × 1', 0],
      ['Conv 5×5, 6 filters, same padding, ReLU', '28 × 28 × 6', 156],
      ['Max pool 2×2, stride 2', '14 × 14 × 6', 0],
      ['Conv 5×5, 16 filters, valid padding, ReLU', '10 × 10 × 16', 2416],
      ['Max pool 2×2, stride 2', '5 × 5 × 16', 0],
      ['Flatten', '400', 0],
      ['Dense 120, ReLU', '120', 48_120],
      ['Dense 84, ReLU', '84', 10_164],
      ['Dense 10, softmax (output)', '10', 850],
    ]);
    expect(total).toBe(61_706);
    expect(rows[3]!.formula).toBe('5·5·6·16 + 16 = 2,416');
    expect(rows[2]!.formula).toBe('');
  });

  it('VGG-style: most parameters sit in the dense layer after the flatten', () => {
    const { rows, total } = architectureRows(VGG_SPEC);
    expect(rows.map((r) => r.shape)).toEqual([
      '28 × 28 × 1',
      '28 × 28 × 32',
      '28 × 28 × 32',
      '14 × 14 × 32',
      '14 × 14 × 64',
      '14 × 14 × 64',
      '7 × 7 × 64',
      '3,136',
      '128',
      '10',
    ]);
    expect(rows.map((r) => r.params)).toEqual([0, 320, 9248, 0, 18_496, 36_928, 0, 0, 401_536, 1290]);
    expect(total).toBe(467_818);
  });

  it('the MLP has a row of pixels as input', () => {
    expect(architectureRows(ARCHITECTURES.mlp.spec).rows[0]).toEqual({
      layer: 'Input (the pixels in one row)',
      shape: '784',
      params: 0,
      formula: '',
    });
  });
});
