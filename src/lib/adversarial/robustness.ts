/**
 * How robust a classifier is: what an attack did to a set of images (how many it flipped, what
 * they became), and the smallest ε that flips one image.
 */

/** The ε grid of every robustness curve (max-norm budgets on pixels in [0, 1]). */
export const EPSILONS: readonly number[] = [0, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3];

export interface AttackSummary {
  /** Images attacked. */
  total: number;
  /** Images the model classified right before the attack. */
  cleanCorrect: number;
  /** Of those, the ones the attack made wrong. */
  flipped: number;
  /** flipped ÷ cleanCorrect (0 when none was right): only images the model got right count. */
  successRate: number;
  /** Images still right after the attack ÷ total. */
  robustAccuracy: number;
  /** [true class][adversarial prediction], counted over the clean-correct images. */
  confusion: number[][];
}

/** What an attack did, from the true labels and the predictions before and after it. */
export function attackSummary(
  labels: ArrayLike<number>,
  cleanPredictions: ArrayLike<number>,
  adversarialPredictions: ArrayLike<number>,
  classCount = 10,
): AttackSummary {
  const total = labels.length;
  if (cleanPredictions.length !== total || adversarialPredictions.length !== total) {
    throw new RangeError(
      `attackSummary: ${total} labels need as many predictions before and after, got ${cleanPredictions.length} and ${adversarialPredictions.length}.`,
    );
  }
  const confusion = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  let cleanCorrect = 0;
  let flipped = 0;
  let stillRight = 0;
  for (let i = 0; i < total; i++) {
    const label = labels[i] as number;
    const after = adversarialPredictions[i] as number;
    if (after === label) stillRight++;
    if (cleanPredictions[i] !== label) continue;
    cleanCorrect++;
    if (after !== label) flipped++;
    const row = confusion[label];
    if (!row || after < 0 || after >= classCount || !Number.isInteger(after)) {
      throw new RangeError(`attackSummary: image ${i} has class ${label} → ${after}, outside the ${classCount} classes.`);
    }
    row[after] = (row[after] as number) + 1;
  }
  return {
    total,
    cleanCorrect,
    flipped,
    successRate: cleanCorrect === 0 ? 0 : flipped / cleanCorrect,
    robustAccuracy: total === 0 ? 0 : stillRight / total,
    confusion,
  };
}

export interface FlipSearchOptions {
  /** The largest ε tried (default 0.5). */
  max?: number;
  /** The grid's spacing (default 0.001). */
  step?: number;
}

/**
 * The first ε of the grid 0, step, 2·step, … up to max whose prediction is not `label` (null if none;
 * 0 when the model already gets the clean image wrong): `predictAt(ε)` is the class the model gives the
 * image attacked with budget ε.
 */
export function smallestFlipEpsilon(predictAt: (epsilon: number) => number, label: number, options: FlipSearchOptions = {}): number | null {
  const max = options.max ?? 0.5;
  const step = options.step ?? 0.001;
  if (!(step > 0 && max >= 0)) throw new RangeError(`smallestFlipEpsilon: the step must be above 0 and max at least 0, got ${step} and ${max}.`);
  const count = Math.floor(max / step + 1e-9);
  // Multiply rather than add, so the grid's values are exact to the printed digits (0.037, not 0.037000000000000005).
  const decimals = Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
  for (let i = 0; i <= count; i++) {
    const epsilon = Number((i * step).toFixed(decimals + 2));
    if (predictAt(epsilon) !== label) return epsilon;
  }
  return null;
}
