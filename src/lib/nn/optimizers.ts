/**
 * Optimisers: update every parameter from its accumulated gradient (they never zero gradients;
 * Network.trainBatch does that before each step). The update rules follow tfjs exactly, so the
 * engine and tfjs agree step for step on the same weights.
 *
 * Per-parameter state (velocity, moments) lives in a Map keyed by the Param object, created on
 * the first step and reused afterwards: a step allocates nothing.
 */
import type { Optimizer, OptimizerSpec, Param } from './types.ts';

function checkLearningRate(learningRate: number, kind: string): void {
  if (!Number.isFinite(learningRate) || learningRate <= 0) {
    throw new Error(`${kind}: the learning rate must be a positive number, got ${learningRate}.`);
  }
}

/** Plain gradient descent: w ← w − lr · g. */
export class SGD implements Optimizer {
  readonly kind = 'SGD';
  learningRate: number;

  constructor(learningRate: number) {
    checkLearningRate(learningRate, 'SGD');
    this.learningRate = learningRate;
  }

  step(params: readonly Param[]): void {
    const lr = this.learningRate;
    for (const param of params) {
      const w = param.value;
      const g = param.grad;
      for (let i = 0; i < w.length; i++) w[i] = (w[i] as number) - lr * (g[i] as number);
    }
  }
}

/** Momentum (tfjs' rule): v ← momentum · v + g; w ← w − lr · v. */
export class Momentum implements Optimizer {
  readonly kind = 'Momentum';
  learningRate: number;
  readonly momentum: number;
  private readonly velocity = new Map<Param, Float32Array>();

  constructor(learningRate: number, momentum = 0.9) {
    checkLearningRate(learningRate, 'Momentum');
    if (!(momentum >= 0 && momentum < 1)) throw new Error(`Momentum: momentum must be in [0, 1), got ${momentum}.`);
    this.learningRate = learningRate;
    this.momentum = momentum;
  }

  step(params: readonly Param[]): void {
    const lr = this.learningRate;
    const mu = this.momentum;
    for (const param of params) {
      let v = this.velocity.get(param);
      if (!v) {
        v = new Float32Array(param.value.length);
        this.velocity.set(param, v);
      }
      const w = param.value;
      const g = param.grad;
      for (let i = 0; i < w.length; i++) {
        const vi = mu * (v[i] as number) + (g[i] as number);
        v[i] = vi;
        w[i] = (w[i] as number) - lr * vi;
      }
    }
  }
}

/**
 * Adam, exactly as tfjs (defaults lr 0.001, β1 0.9, β2 0.999, ε 1e-7). At step t (from 1):
 *   m ← β1 m + (1 − β1) g,   v ← β2 v + (1 − β2) g²
 *   m̂ = m / (1 − β1^t),      v̂ = v / (1 − β2^t)
 *   w ← w − lr · m̂ / (√v̂ + ε)
 */
export class Adam implements Optimizer {
  readonly kind = 'Adam';
  learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** Steps taken so far. */
  iterations = 0;
  private readonly moments = new Map<Param, { m: Float32Array; v: Float32Array }>();

  constructor(learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7) {
    checkLearningRate(learningRate, 'Adam');
    for (const [name, beta] of [
      ['beta1', beta1],
      ['beta2', beta2],
    ] as const) {
      if (!(beta >= 0 && beta < 1)) throw new Error(`Adam: ${name} must be in [0, 1), got ${beta}.`);
    }
    if (!(epsilon > 0)) throw new Error(`Adam: epsilon must be positive, got ${epsilon}.`);
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  step(params: readonly Param[]): void {
    this.iterations++;
    const lr = this.learningRate;
    const b1 = this.beta1;
    const b2 = this.beta2;
    const eps = this.epsilon;
    const oneMinusB1 = 1 - b1;
    const oneMinusB2 = 1 - b2;
    // Bias corrections as multipliers (one division per step instead of two per weight).
    const correct1 = 1 / (1 - Math.pow(b1, this.iterations));
    const correct2 = 1 / (1 - Math.pow(b2, this.iterations));
    for (const param of params) {
      let state = this.moments.get(param);
      if (!state) {
        state = { m: new Float32Array(param.value.length), v: new Float32Array(param.value.length) };
        this.moments.set(param, state);
      }
      const w = param.value;
      const g = param.grad;
      const m = state.m;
      const v = state.v;
      for (let i = 0; i < w.length; i++) {
        const gi = g[i] as number;
        const mi = b1 * (m[i] as number) + oneMinusB1 * gi;
        const vi = b2 * (v[i] as number) + oneMinusB2 * gi * gi;
        m[i] = mi;
        v[i] = vi;
        w[i] = (w[i] as number) - (lr * (mi * correct1)) / (Math.sqrt(vi * correct2) + eps);
      }
    }
  }
}

/** An optimiser from its serialisable description. */
export function makeOptimizer(spec: OptimizerSpec): Optimizer {
  switch (spec.kind) {
    case 'sgd':
      return new SGD(spec.learningRate);
    case 'momentum':
      return new Momentum(spec.learningRate, spec.momentum);
    case 'adam':
      return new Adam(spec.learningRate, spec.beta1, spec.beta2, spec.epsilon);
    default:
      throw new Error(`Unknown optimizer "${String((spec as { kind: unknown }).kind)}": use 'sgd', 'momentum' or 'adam'.`);
  }
}
