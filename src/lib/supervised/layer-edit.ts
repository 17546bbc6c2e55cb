/**
 * Editing the hidden layers of a ModelSpec, as the model builder's buttons do: add, remove and
 * move a layer (each returns a new list, the old one untouched), and a short text form of a layer
 * list for authors (`<ModelBuilder layers="256 relu, dropout 0.2, 64 tanh" />`).
 */
import { ACTIVATIONS, type Activation, type LayerKind, type LayerSpec } from './model-spec.ts';

/** What "Add dense layer", "Add dropout layer" (and the convolutional kinds) add. */
export const NEW_LAYER: { readonly [K in LayerKind]: Extract<LayerSpec, { kind: K }> } = {
  dense: { kind: 'dense', units: 64, activation: 'relu' },
  dropout: { kind: 'dropout', rate: 0.2 },
  conv2d: { kind: 'conv2d', filters: 8, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' },
  maxPool: { kind: 'maxPool', poolSize: 2, strides: 2 },
  flatten: { kind: 'flatten' },
};

export function addLayer(layers: readonly LayerSpec[], kind: LayerSpec['kind']): LayerSpec[] {
  return [...layers, { ...NEW_LAYER[kind] }];
}

export function removeLayer(layers: readonly LayerSpec[], index: number): LayerSpec[] {
  return layers.filter((_, i) => i !== index);
}

/** Moves layer `index` by `delta` places (−1 up towards the input, +1 down); out of range leaves the list as it is. */
export function moveLayer(layers: readonly LayerSpec[], index: number, delta: number): LayerSpec[] {
  const to = index + delta;
  if (index < 0 || index >= layers.length || to < 0 || to >= layers.length) return [...layers];
  const out = [...layers];
  const [layer] = out.splice(index, 1);
  out.splice(to, 0, layer!);
  return out;
}

/**
 * Reads "256 relu, dropout 0.2, 64" (units with an optional activation, default relu; or
 * "dropout RATE"). Returns null when any part is not understood, so a typo is noticed, not guessed.
 */
export function parseLayers(text: string): LayerSpec[] | null {
  const parts = text
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p !== '');
  const layers: LayerSpec[] = [];
  for (const p of parts) {
    const dropout = /^dropout\s+([0-9.]+)$/.exec(p);
    const dense = /^([0-9]+)(?:\s+([a-z]+))?$/.exec(p);
    if (dropout) {
      const rate = Number(dropout[1]);
      if (!Number.isFinite(rate)) return null;
      layers.push({ kind: 'dropout', rate });
    } else if (dense) {
      const activation = (dense[2] ?? 'relu') as Activation;
      if (!(ACTIVATIONS as readonly string[]).includes(activation)) return null;
      layers.push({ kind: 'dense', units: Number(dense[1]), activation });
    } else {
      return null;
    }
  }
  return layers;
}
