/**
 * The architectures the decision-boundary playground offers, as layer specs after its 2 inputs,
 * each ending in one logit. Kept apart from playground.ts so the widget's first script can list
 * them without pulling in the engine.
 */
import type { LayerSpec } from './types.ts';

export type ArchitectureId = 'linear' | 'linear-linear' | 'relu' | 'tanh' | 'tanh-tanh';

export const ARCHITECTURES: readonly { id: ArchitectureId; label: string }[] = [
  { id: 'linear', label: 'No hidden layer (linear)' },
  { id: 'linear-linear', label: 'Two linear layers, no activation' },
  { id: 'relu', label: 'One hidden layer with ReLU' },
  { id: 'tanh', label: 'One hidden layer with tanh' },
  { id: 'tanh-tanh', label: 'Two hidden layers with tanh' },
];

export const HIDDEN_CHOICES: readonly number[] = [2, 4, 8, 16];
export const LEARNING_RATES: readonly number[] = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3];

export function isArchitectureId(value: unknown): value is ArchitectureId {
  return ARCHITECTURES.some((a) => a.id === value);
}

/** Architectures whose every layer is linear: what they learn is one linear map. */
export function isLinearArchitecture(id: ArchitectureId): boolean {
  return id === 'linear' || id === 'linear-linear';
}

/** The layers after the 2 inputs, ending in one logit. */
export function architectureLayers(id: ArchitectureId, hidden: number): LayerSpec[] {
  if (!Number.isInteger(hidden) || hidden < 1) throw new Error(`playground: hidden units must be a positive integer, got ${hidden}.`);
  const out: LayerSpec = { kind: 'dense', units: 1 };
  switch (id) {
    case 'linear':
      return [out];
    case 'linear-linear':
      return [{ kind: 'dense', units: hidden }, out];
    case 'relu':
      return [{ kind: 'dense', units: hidden }, { kind: 'relu' }, out];
    case 'tanh':
      return [{ kind: 'dense', units: hidden }, { kind: 'tanh' }, out];
    case 'tanh-tanh':
      return [{ kind: 'dense', units: hidden }, { kind: 'tanh' }, { kind: 'dense', units: hidden }, { kind: 'tanh' }, out];
    default:
      throw new Error(`playground: unknown architecture ${JSON.stringify(id)}; use one of ${ARCHITECTURES.map((a) => a.id).join(', ')}.`);
  }
}
