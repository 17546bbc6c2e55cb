/**
 * PGD one step at a time, for the PGD stepper widget: the attack's history (every iterate with its
 * class probabilities, and which pixels the step's projection into the ε-ball and its clipping to
 * [0, 1] moved), whether it has reached its goal, and the sentence that says where it stands.
 *
 * Targeted (a target class): each step descends the target class's cross-entropy, so the target
 * grows; the goal is reached when the model predicts the target. Untargeted (target null): each step
 * climbs the true class's cross-entropy; the goal is reached when the prediction is any other class.
 * The steps themselves are attacks.ts's pgdStep on the engine CNN's input gradient (cnn-model.ts).
 */
import { formatPercent } from '../format/numbers.ts';
import { maxAbsDifference, pgdStep, randomStart } from './attacks.ts';
import { inputGradient, probabilities, type CnnModel } from './cnn-model.ts';

export interface PgdStepperSettings {
  /** The max-norm budget: every pixel stays within ε of the original. */
  epsilon: number;
  /** α: how far each step moves every pixel before the projection. */
  stepSize: number;
  /** The class to make it (targeted), or null: any class but the true one (untargeted). */
  target: number | null;
  /** The most steps Run takes (and Step allows). */
  steps: number;
  /** Start at a random point of the ball (uniform, clipped) instead of the original. */
  randomStart: boolean;
  /** The random start's seed. */
  seed: number;
}

/** One iterate of the attack: step 0 is the start (the original, or the random start). */
export interface PgdState {
  step: number;
  /** The image (784 values, 0..1). */
  x: Float32Array;
  /** The model's class probabilities for it. */
  probabilities: Float32Array;
  /** The class it predicts. */
  predicted: number;
  /** x − x₀, largest absolute pixel change (never above ε). */
  distance: number;
  /** 1 where this step's projection back into the ε-ball moved the pixel (all 0 at step 0). */
  projected: Uint8Array;
  /** 1 where this step's clipping to [0, 1] moved the pixel. */
  clipped: Uint8Array;
  projectedCount: number;
  clippedCount: number;
}

/** Class names for the sentences, by class index. */
export type ClassNames = readonly string[];

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/** 1 where a and b differ. */
function changed(a: Float32Array, b: Float32Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] !== b[i] ? 1 : 0;
  return out;
}

export class PgdStepper {
  readonly history: PgdState[] = [];

  /**
   * @param model the engine CNN (its network ends in logits)
   * @param x0 the original image, 784 values in 0..1
   * @param label its true class
   */
  constructor(
    readonly model: CnnModel,
    readonly x0: Float32Array,
    readonly label: number,
    readonly settings: PgdStepperSettings,
  ) {
    const { epsilon, stepSize, steps, target } = settings;
    if (!(epsilon >= 0) || !(stepSize > 0) || !Number.isInteger(steps) || steps < 1) {
      throw new Error(`PGD needs ε ≥ 0, α > 0 and a whole number of steps ≥ 1 (got ε = ${epsilon}, α = ${stepSize}, ${steps} steps).`);
    }
    if (target !== null && (target === label || target < 0 || target >= model.classCount || !Number.isInteger(target))) {
      throw new Error(`The target class must be one of the ${model.classCount} classes other than the true class ${label} (got ${target}).`);
    }
    const start = settings.randomStart ? randomStart(x0, epsilon, settings.seed) : Float32Array.from(x0);
    const none = new Uint8Array(x0.length);
    this.history.push({ ...this.measure(start), step: 0, projected: none, clipped: none, projectedCount: 0, clippedCount: 0 });
  }

  get current(): PgdState {
    return this.history[this.history.length - 1]!;
  }

  get targeted(): boolean {
    return this.settings.target !== null;
  }

  /** The model now predicts the target (targeted), or any class but the true one (untargeted). */
  get reached(): boolean {
    const predicted = this.current.predicted;
    return this.settings.target === null ? predicted !== this.label : predicted === this.settings.target;
  }

  /** All the steps are taken. */
  get finished(): boolean {
    return this.current.step >= this.settings.steps;
  }

  /** The class the chart follows beside the true one: the target, or (untargeted) the likeliest other class now. */
  rival(state: PgdState = this.current): number {
    if (this.settings.target !== null) return this.settings.target;
    let best = -1;
    for (let c = 0; c < state.probabilities.length; c++) {
      if (c !== this.label && (best < 0 || state.probabilities[c]! > state.probabilities[best]!)) best = c;
    }
    return best;
  }

  /** One PGD iteration from the current image; returns the new state (also the history's last). */
  step(): PgdState {
    if (this.finished) return this.current;
    const { epsilon, stepSize, target } = this.settings;
    const x = this.current.x;
    const gradient = inputGradient(this.model, x, 1, [target ?? this.label]);
    const s = pgdStep(this.x0, x, gradient, { epsilon, stepSize, targeted: target !== null });
    const state: PgdState = {
      ...this.measure(s.next),
      step: this.current.step + 1,
      projected: changed(s.stepped, s.projected),
      clipped: changed(s.projected, s.next),
      projectedCount: s.projectedCount,
      clippedCount: s.clippedCount,
    };
    this.history.push(state);
    return state;
  }

  /** Steps until the goal is reached or the steps run out; returns the steps taken now. */
  run(): number {
    let taken = 0;
    while (!this.finished && !this.reached) {
      this.step();
      taken++;
    }
    return taken;
  }

  private measure(x: Float32Array): Pick<PgdState, 'x' | 'probabilities' | 'predicted' | 'distance'> {
    const p = probabilities(this.model, x, 1);
    return { x, probabilities: p, predicted: argmax(p), distance: maxAbsDifference(x, this.x0) };
  }
}

/** A probability for a sentence: whole percent from 10%, one decimal below, "<0.1%" for tiny ones. */
export function formatProbability(p: number): string {
  if (p < 0.0005) return '<0.1%';
  return formatPercent(p, p >= 0.1 ? 0 : 1);
}

/**
 * Where the attack stands, in words: "Step 4: Bag 71%, Sneaker 12%; the projection pulled back 37
 * pixels, clipping 5." — the predicted class first, then the true class and the target; at step 0
 * what Step will do; once the goal is reached, what the model now sees.
 */
export function stepperSentence(stepper: PgdStepper, names: ClassNames): string {
  const s = stepper.current;
  const name = (c: number) => names[c] ?? `class ${c}`;
  const classes = [s.predicted, stepper.label, stepper.settings.target ?? stepper.rival()].filter((c, i, all) => all.indexOf(c) === i);
  const odds = classes.map((c) => `${name(c)} ${formatProbability(s.probabilities[c]!)}`).join(', ');
  const target = stepper.settings.target;
  const goal = target === null ? `away from ${name(stepper.label)}` : `towards ${name(target)}`;
  if (s.step === 0) {
    const start = stepper.settings.randomStart ? ' (a random start within ε)' : '';
    return `Step 0${start}: ${odds}. Step takes one step of PGD ${goal}.`;
  }
  const pixels = (n: number) => `${n} pixel${n === 1 ? '' : 's'}`;
  const none = s.projectedCount === 0 ? ' (no step went past ε yet)' : '';
  let text = `Step ${s.step}: ${odds}; the projection pulled back ${pixels(s.projectedCount)}${none}, clipping ${s.clippedCount}.`;
  if (stepper.reached) {
    text +=
      target === null
        ? ` The model no longer sees a ${name(stepper.label)}: it says ${name(s.predicted)}.`
        : ` The model now sees a ${name(target)}.`;
  } else if (stepper.finished) {
    text += ` After ${stepper.settings.steps} steps it is still a ${name(s.predicted)}: try a larger ε or more steps.`;
  }
  return text;
}
