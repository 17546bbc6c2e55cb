/**
 * The four optimisers of the race, each as a tiny stepper on a point in the plane (two
 * parameters). The update rules are tfjs' (tf.train.sgd, momentum, rmsprop, adam, with tfjs'
 * defaults for what the race does not expose), the same rules as the from-scratch engine's
 * src/lib/nn/optimizers.ts, in float64 so that paths over hundreds of steps stay exact:
 *
 *   SGD        p ← p − lr·g
 *   Momentum   v ← β·v + g;  p ← p − lr·v                                   (β: the momentum slider)
 *   RMSProp    s ← ρ·s + (1 − ρ)·g²;  p ← p − lr·g / √(s + ε)               (ρ 0.9, ε 1e-7)
 *   Adam       m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²
 *              p ← p − lr·m̂ / (√v̂ + ε),  m̂ = m / (1 − β1ᵗ),  v̂ = v / (1 − β2ᵗ)   (β1 0.9, β2 0.999, ε 1e-7)
 *
 * A stepper holds its own state (velocity, moments) and is reset by making a new one.
 */

export type Point = readonly [number, number];

export const OPTIMIZER_KINDS = ['sgd', 'momentum', 'rmsprop', 'adam'] as const;
export type OptimizerKind = (typeof OPTIMIZER_KINDS)[number];

export const OPTIMIZER_NAMES: Readonly<Record<OptimizerKind, string>> = {
  sgd: 'SGD',
  momentum: 'Momentum',
  rmsprop: 'RMSProp',
  adam: 'Adam',
};

export interface StepperOptions {
  learningRate: number;
  /** The momentum optimiser's β (tfjs' `momentum`); the others ignore it. Default 0.9. */
  momentum?: number;
}

/** tfjs' defaults for the settings the race does not expose (ε is the CPU/WebGL backend's epsilon). */
export const TFJS_DEFAULTS = { rmspropDecay: 0.9, adamBeta1: 0.9, adamBeta2: 0.999, epsilon: 1e-7 } as const;

export interface Stepper {
  readonly kind: OptimizerKind;
  /** The point after one update from `p` with gradient `g` at `p`. */
  step(p: Point, g: Point): Point;
}

/** A fresh stepper (zero state) of one kind. */
export function makeStepper(kind: OptimizerKind, options: StepperOptions): Stepper {
  const lr = options.learningRate;
  if (!Number.isFinite(lr) || lr <= 0) throw new Error(`${OPTIMIZER_NAMES[kind]}: the learning rate must be a positive number, got ${lr}.`);
  const beta = options.momentum ?? 0.9;
  if (!(beta >= 0 && beta < 1)) throw new Error(`Momentum: β must be in [0, 1), got ${beta}.`);
  const { rmspropDecay: rho, adamBeta1: b1, adamBeta2: b2, epsilon: eps } = TFJS_DEFAULTS;
  switch (kind) {
    case 'sgd':
      return { kind, step: (p, g) => [p[0] - lr * g[0], p[1] - lr * g[1]] };
    case 'momentum': {
      const v = [0, 0];
      return {
        kind,
        step(p, g) {
          v[0] = beta * v[0]! + g[0];
          v[1] = beta * v[1]! + g[1];
          return [p[0] - lr * v[0], p[1] - lr * v[1]];
        },
      };
    }
    case 'rmsprop': {
      const s = [0, 0];
      return {
        kind,
        step(p, g) {
          s[0] = rho * s[0]! + (1 - rho) * g[0] * g[0];
          s[1] = rho * s[1]! + (1 - rho) * g[1] * g[1];
          return [p[0] - (lr * g[0]) / Math.sqrt(s[0] + eps), p[1] - (lr * g[1]) / Math.sqrt(s[1] + eps)];
        },
      };
    }
    case 'adam': {
      const m = [0, 0];
      const v = [0, 0];
      let t = 0;
      return {
        kind,
        step(p, g) {
          t++;
          const c1 = 1 - Math.pow(b1, t);
          const c2 = 1 - Math.pow(b2, t);
          const next = [0, 0];
          for (let i = 0; i < 2; i++) {
            m[i] = b1 * m[i]! + (1 - b1) * g[i]!;
            v[i] = b2 * v[i]! + (1 - b2) * g[i]! * g[i]!;
            next[i] = p[i]! - (lr * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + eps);
          }
          return [next[0]!, next[1]!];
        },
      };
    }
  }
}
