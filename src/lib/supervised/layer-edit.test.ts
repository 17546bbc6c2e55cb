import { describe, expect, it } from 'vitest';
import { addLayer, moveLayer, parseLayers, removeLayer } from './layer-edit.ts';
import type { LayerSpec } from './model-spec.ts';

const A: LayerSpec = { kind: 'dense', units: 128, activation: 'relu' };
const B: LayerSpec = { kind: 'dropout', rate: 0.2 };
const C: LayerSpec = { kind: 'dense', units: 32, activation: 'tanh' };

describe('layer editing', () => {
  it('adds, removes and moves layers without touching the old list', () => {
    const layers = [A, B, C];
    expect(addLayer(layers, 'dropout')).toEqual([A, B, C, { kind: 'dropout', rate: 0.2 }]);
    expect(addLayer([], 'dense')).toEqual([{ kind: 'dense', units: 64, activation: 'relu' }]);
    expect(removeLayer(layers, 1)).toEqual([A, C]);
    expect(moveLayer(layers, 2, -1)).toEqual([A, C, B]);
    expect(moveLayer(layers, 0, 1)).toEqual([B, A, C]);
    expect(moveLayer(layers, 0, -1)).toEqual([A, B, C]);
    expect(moveLayer(layers, 2, 1)).toEqual([A, B, C]);
    expect(layers).toEqual([A, B, C]);
  });

  it('the added layer is a copy: editing it leaves the template alone', () => {
    const [layer] = addLayer([], 'dense');
    (layer as { units: number }).units = 5;
    expect(addLayer([], 'dense')[0]).toEqual({ kind: 'dense', units: 64, activation: 'relu' });
  });
});

describe('parseLayers', () => {
  it('reads units with an activation, and dropout rates', () => {
    expect(parseLayers('128 relu, dropout 0.2, 32 TANH')).toEqual([A, B, C]);
    expect(parseLayers('128')).toEqual([A]);
    expect(parseLayers('')).toEqual([]);
  });

  it('returns null for anything it does not understand', () => {
    expect(parseLayers('128 swish')).toBeNull();
    expect(parseLayers('conv 3')).toBeNull();
    expect(parseLayers('dropout')).toBeNull();
    expect(parseLayers('dropout 0.2.1')).toBeNull();
  });
});
