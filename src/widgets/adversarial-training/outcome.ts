/** What a finished run's two curves (or the pretrained robust model's metrics) say at the training ε: the figures of the sentence under the chart. Pure. */
import type { RobustMetrics, RobustPoint } from '../../lib/adversarial/pretrained.ts';
import type { EpsilonPoint } from '../../viz/epsilon-chart.ts';
import type { CurveMessage } from '../../workers/adversarial/protocol.ts';
import { ATTACK_NAMES } from './config.ts';
import type { Outcome } from './text.ts';

/**
 * The clean and robust accuracy of the standard and the trained model, read at the point of the
 * curves nearest to `epsilon` (ε = 0 is no attack, so it is never chosen while another point exists).
 * Null when the curves do not match (other ε grids or image counts).
 */
export function outcomeOf(standard: CurveMessage, trained: CurveMessage, epsilon: number): Outcome | null {
  if (standard.images !== trained.images || standard.points.length !== trained.points.length) return null;
  let best = -1;
  standard.points.forEach((p, i) => {
    if (p.epsilon !== trained.points[i]!.epsilon) best = Number.NaN;
    if (Number.isNaN(best) || p.epsilon <= 0) return;
    if (best < 0 || Math.abs(p.epsilon - epsilon) < Math.abs(standard.points[best]!.epsilon - epsilon)) best = i;
  });
  if (!(best >= 0)) return null;
  return {
    attack: ATTACK_NAMES[standard.attack],
    epsilon: standard.points[best]!.epsilon,
    cleanBefore: standard.cleanAccuracy,
    cleanAfter: trained.cleanAccuracy,
    robustBefore: standard.points[best]!.robustAccuracy,
    robustAfter: trained.points[best]!.robustAccuracy,
    images: standard.images,
  };
}

/** A curve of the metrics as chart points (accuracy under attack). */
export const accuracyPoints = (curve: readonly RobustPoint[]): EpsilonPoint[] => curve.map((p) => ({ epsilon: p.epsilon, value: p.robustAccuracy }));

/**
 * The pretrained robust model's outcome under FGSM at the ε it was trained at (or the nearest measured),
 * read from its metrics.json: clean accuracy on all its test images, accuracy under attack on its attack images.
 */
export function metricsOutcome(m: RobustMetrics): Outcome | null {
  const asCurve = (clean: number, points: readonly RobustPoint[], model: 'standard' | 'trained'): CurveMessage => ({
    type: 'curve',
    model,
    attack: 'fgsm',
    images: m.attackImages,
    points: points.map((p) => ({ ...p, confusion: [] })),
    cleanAccuracy: clean,
    secondsPerImage: 0,
  });
  return outcomeOf(
    asCurve(m.standard.cleanAccuracy, m.standard.fgsm, 'standard'),
    asCurve(m.robust.cleanAccuracy, m.robust.fgsm, 'trained'),
    m.epsilon,
  );
}
