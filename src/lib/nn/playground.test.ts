import { describe, expect, it } from 'vitest';
import { Dense } from './dense.ts';
import { ReLU } from './activations.ts';
import {
  ARCHITECTURES,
  PlaygroundTrainer,
  applyLinear,
  architectureLayers,
  boundaryLine,
  collapseLinear,
  evaluateLogits,
  gridInputs,
  type ArchitectureId,
} from './playground.ts';
import { toyDataset } from './toy-data.ts';

function train(kind: 'xor' | 'circles' | 'spirals', architecture: ArchitectureId, epochs: number, hidden = 8, learningRate = 0.03) {
  const data = toyDataset(kind, 200, { noise: 0.05, seed: 1 });
  const trainer = new PlaygroundTrainer(data, { architecture, hidden, learningRate });
  for (let e = 0; e < epochs; e++) trainer.trainEpoch();
  return trainer;
}

describe('architectures', () => {
  it('each ends in one logit; only the tanh/relu ones have activations', () => {
    for (const { id } of ARCHITECTURES) {
      const specs = architectureLayers(id, 4);
      expect(specs.at(-1)).toEqual({ kind: 'dense', units: 1 });
      const activations = specs.filter((s) => s.kind !== 'dense').length;
      expect(activations).toBe({ linear: 0, 'linear-linear': 0, relu: 1, tanh: 1, 'tanh-tanh': 2 }[id]);
    }
    expect(() => architectureLayers('tanh', 0)).toThrow(/hidden units/);
    expect(() => architectureLayers('sigmoid' as never, 4)).toThrow(/unknown architecture "sigmoid"/);
  });
});

describe('PlaygroundTrainer', () => {
  it('circles with one tanh hidden layer reaches 95% training accuracy', () => {
    const trainer = train('circles', 'tanh', 60);
    expect(trainer.epoch).toBe(60);
    expect(trainer.evaluate().accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('XOR: a linear model stays near chance, one ReLU hidden layer solves it', () => {
    for (const arch of ['linear', 'linear-linear'] as const) {
      expect(train('xor', arch, 100).evaluate().accuracy).toBeLessThan(0.7);
    }
    expect(train('xor', 'relu', 100).evaluate().accuracy).toBeGreaterThan(0.95);
  });

  it('training lowers the loss and the learning rate can change mid-run', () => {
    const data = toyDataset('circles', 200, { noise: 0.05, seed: 2 });
    const trainer = new PlaygroundTrainer(data, { architecture: 'relu', hidden: 8, learningRate: 0.03 });
    const before = trainer.evaluate().loss;
    for (let e = 0; e < 20; e++) trainer.trainEpoch();
    trainer.learningRate = 0.01;
    expect(trainer.learningRate).toBe(0.01);
    for (let e = 0; e < 20; e++) trainer.trainEpoch();
    expect(trainer.evaluate().loss).toBeLessThan(before / 2);
    expect(() => (trainer.learningRate = 0)).toThrow(/learning rate must be positive/);
  });

  it('probabilities are σ of the logits, in (0, 1)', () => {
    const trainer = train('circles', 'tanh', 5);
    const x = gridInputs(4, 1);
    const p = trainer.probabilities(x, 16);
    const z = trainer.network.predict(x, 16);
    for (let i = 0; i < 16; i++) {
      expect(p[i]).toBeGreaterThan(0);
      expect(p[i]).toBeLessThan(1);
      expect(p[i]).toBeCloseTo(1 / (1 + Math.exp(-z[i]!)), 6);
    }
  });

  it('two stacked linear layers collapse to one map that gives the network’s outputs', () => {
    const trainer = train('xor', 'linear-linear', 30);
    const collapsed = trainer.collapsed();
    expect(collapsed).not.toBeNull();
    expect(collapsed!.inputSize).toBe(2);
    expect(collapsed!.outputSize).toBe(1);
    const x = gridInputs(20, 1.25);
    const net = trainer.network.predict(x, 400);
    const map = applyLinear(collapsed!, x, 400);
    for (let i = 0; i < 400; i++) expect(Math.abs(map[i]! - net[i]!)).toBeLessThan(1e-5);
    expect(train('xor', 'tanh', 1).collapsed()).toBeNull();
  });
});

describe('collapseLinear', () => {
  it('multiplies W₁W₂ and b₁W₂ + b₂ (hand-checked)', () => {
    const a = new Dense(2, 2);
    a.kernel.value.set([1, 2, 3, 4]); // [[1, 2], [3, 4]]
    a.bias.value.set([1, -1]);
    const b = new Dense(2, 1);
    b.kernel.value.set([5, 6]);
    b.bias.value.set([0.5]);
    const c = collapseLinear([a, b]);
    expect([...c.weights]).toEqual([1 * 5 + 2 * 6, 3 * 5 + 4 * 6]);
    expect([...c.bias]).toEqual([1 * 5 - 1 * 6 + 0.5]);
  });

  it('refuses a stack with an activation, or mismatched shapes', () => {
    expect(() => collapseLinear([new Dense(2, 3), new ReLU(), new Dense(3, 1)])).toThrow(/layer 2 is ReLU, not linear/);
    expect(() => collapseLinear([new Dense(2, 3), new Dense(4, 1)])).toThrow(/takes 4 inputs/);
    expect(() => collapseLinear([])).toThrow(/no layers/);
  });
});

describe('grid, boundary line, evaluation', () => {
  it('gridInputs: pixel centres row by row from the top', () => {
    const g = gridInputs(2, 1);
    expect([...g]).toEqual([-0.5, 0.5, 0.5, 0.5, -0.5, -0.5, 0.5, -0.5]);
    expect(() => gridInputs(0, 1)).toThrow(/positive integer/);
  });

  it('boundaryLine: where w·x + b = 0 crosses the square', () => {
    expect(boundaryLine(1, -1, 0, 1)).toEqual([-1, -1, 1, 1]); // x₁ = x₂, corner to corner
    expect(boundaryLine(0, 1, -0.5, 1)).toEqual([-1, 0.5, 1, 0.5]); // x₂ = 0.5
    expect(boundaryLine(1, 0, 0, 1)).toEqual([0, -1, 0, 1]); // x₁ = 0
    expect(boundaryLine(1, 1, 5, 1)).toBeNull(); // misses the square
  });

  it('evaluateLogits: mean BCE and accuracy', () => {
    const ev = evaluateLogits(Float32Array.from([2, -1, 0.5, -3]), Float32Array.from([1, 0, 0, 0]), 4);
    expect(ev.accuracy).toBe(0.75);
    const bce = (z: number, y: number) => -(y * Math.log(1 / (1 + Math.exp(-z))) + (1 - y) * Math.log(1 - 1 / (1 + Math.exp(-z))));
    expect(ev.loss).toBeCloseTo((bce(2, 1) + bce(-1, 0) + bce(0.5, 0) + bce(-3, 0)) / 4, 6);
  });
});

describe('the figures the lesson quotes (200 points, noise 0.05, seed 1, 8 hidden units, Adam 0.03)', () => {
  /** The first epoch whose training accuracy reaches `target` (within `epochs`), and the accuracy at the end. */
  function run(kind: 'xor' | 'circles' | 'spirals', architecture: ArchitectureId, epochs: number, target: number) {
    const data = toyDataset(kind, 200, { noise: 0.05, seed: 1 });
    const trainer = new PlaygroundTrainer(data, { architecture, hidden: 8, learningRate: 0.03 });
    let first: number | null = null;
    for (let e = 1; e <= epochs; e++) {
      trainer.trainEpoch();
      if (first === null && trainer.evaluate().accuracy >= target) first = e;
    }
    return { first, final: trainer.evaluate().accuracy };
  }

  it('XOR after 1,000 epochs: linear 55%, two linear layers 50%, ReLU and tanh 100% (95% after 6 and 11 epochs)', () => {
    expect(run('xor', 'linear', 1000, 0.95)).toEqual({ first: null, final: 0.55 });
    expect(run('xor', 'linear-linear', 1000, 0.95)).toEqual({ first: null, final: 0.5 });
    expect(run('xor', 'relu', 1000, 0.95)).toEqual({ first: 6, final: 1 });
    expect(run('xor', 'tanh', 1000, 0.95)).toEqual({ first: 11, final: 1 });
  });

  it('circles with tanh pass 95% after 22 epochs; spirals with two tanh layers pass 90% after 664 and 95% after 909', () => {
    expect(run('circles', 'tanh', 22, 0.95).first).toBe(22);
    expect(run('spirals', 'tanh-tanh', 664, 0.9).first).toBe(664);
    expect(run('spirals', 'tanh-tanh', 909, 0.95).first).toBe(909);
  });
});
