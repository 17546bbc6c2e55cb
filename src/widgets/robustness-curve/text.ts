/**
 * The robustness curve's sentences: progress, the status when the curve is in, a chosen cell of the
 * matrix, the matrix caption, and the curve's series. Pure.
 */
import { ATTACK_IMAGES } from '../../lib/adversarial/sneaker.ts';
import { FASHION_CLASS_NAMES } from '../../lib/data/manifest.ts';
import { formatCount, formatPercent } from '../../lib/format/numbers.ts';
import { formatEpsilon, type EpsilonSeries } from '../../viz/epsilon-chart.ts';
import type { AttackName, CurvePoint } from '../../workers/adversarial/protocol.ts';

export const className = (c: number): string => FASHION_CLASS_NAMES[c] ?? `class ${c}`;

const images = (n: number): string => `${formatCount(n)} image${n === 1 ? '' : 's'}`;

/** "FGSM" or "PGD (10 steps)". */
export function attackName(attack: AttackName, steps = 10): string {
  return attack === 'fgsm' ? 'FGSM' : `PGD (${steps} steps)`;
}

/**
 * Progress of the attack: the worker counts image × ε pairs (every image at every ε), a batch at a
 * time; the reader is told images: "Attacking with FGSM: 300 of 1,000 images at all 11 values of ε".
 */
export function progressLine(attack: AttackName, done: number, total: number, epsilonCount: number): string {
  const n = Math.max(1, epsilonCount);
  const imagesDone = Math.floor(done / n);
  const imagesTotal = Math.round(total / n);
  return `Attacking with ${attackName(attack)}: ${formatCount(imagesDone)} of ${images(imagesTotal)} at all ${n} values of ε`;
}

/** Images the model got right before the attack: the matrix's total (it counts only those). */
export function cleanCorrect(point: CurvePoint): number {
  return point.confusion.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
}

/** The status once the curve is in: the figures at the lesson's ε. */
export function doneStatus(attack: AttackName, imageCount: number, cleanAccuracy: number, point: CurvePoint | undefined): string {
  const head = `${attackName(attack)} on ${images(imageCount)} (clean accuracy ${formatPercent(cleanAccuracy)})`;
  if (!point) return `${head}: no ε measured.`;
  return (
    `${head}: at ε = ${formatEpsilon(point.epsilon)} the attack flips ${formatPercent(point.successRate)} of the ${images(cleanCorrect(point))} ` +
    `the model got right; robust accuracy ${formatPercent(point.robustAccuracy)}.`
  );
}

/** How long the attack took: "The attack took 12 s." (tenths under 10 s). */
export function tookSentence(seconds: number): string {
  const t = seconds < 10 ? seconds.toFixed(1) : formatCount(Math.round(seconds));
  return `The attack took ${t} s.`;
}

/** A cell of the matrix, read out: "Shirt → T-shirt/top: 23 images", "Shirt → Shirt (still right): 40 images". */
export function cellName(truth: number, guess: number, count: number): string {
  return `${className(truth)} → ${className(guess)}${truth === guess ? ' (still right)' : ''}: ${images(count)}`;
}

/** A chosen cell, in a sentence. */
export function cellSentence(truth: number, guess: number, count: number, rowTotal: number, epsilon: number): string {
  const of = `of the ${images(rowTotal)} of ${className(truth)} the model got right`;
  if (truth === guess) return `At ε = ${formatEpsilon(epsilon)}, ${formatCount(count)} ${of} stay ${className(truth)}.`;
  return `At ε = ${formatEpsilon(epsilon)}, ${formatCount(count)} ${of} became ${className(guess)}.`;
}

/** The matrix's caption at ε. */
export function matrixCaption(epsilon: number): string {
  return `Original class (rows) → class after the attack (columns) at ε = ${formatEpsilon(epsilon)}, over the test images the model got right`;
}

/** The curve's two series: the attack's success rate and the accuracy left under attack. */
export function curveSeries(points: readonly CurvePoint[]): EpsilonSeries[] {
  return [
    { id: 'success', label: 'attack success rate', points: points.map((p) => ({ epsilon: p.epsilon, value: p.successRate })) },
    { id: 'robust', label: 'robust accuracy', points: points.map((p) => ({ epsilon: p.epsilon, value: p.robustAccuracy })) },
  ];
}

/** How many images a setting offers: "1,000 (the lesson's)". */
export const imagesLabel = (n: number): string => (n === ATTACK_IMAGES ? `${formatCount(n)} (the lesson's)` : formatCount(n));
