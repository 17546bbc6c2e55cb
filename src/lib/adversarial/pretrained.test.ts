/** readRobustMetrics: the committed metrics.json reads; each missing or out-of-range field is refused with a sentence naming it. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRobustMetrics } from './pretrained.ts';

const committed = JSON.parse(readFileSync(new URL('../../../public/models/fashion-cnn-robust/metrics.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;

describe('readRobustMetrics', () => {
  it('reads the committed metrics, every field kept', () => {
    const read = readRobustMetrics(committed);
    expect(read.ok).toBe(true);
    if (read.ok) expect(read.metrics).toEqual(committed);
  });

  it.each([
    [null, /not a JSON object/],
    [{ ...committed, method: 'magic' }, /training method/],
    [{ ...committed, epsilon: 'big' }, /number for epsilon/],
    [{ ...committed, backend: 3 }, /text for backend/],
    [{ ...committed, robust: { ...(committed['robust'] as object), cleanAccuracy: 1.5 } }, /clean accuracy .* robust model/],
    [{ ...committed, standard: { ...(committed['standard'] as object), pgd: [] } }, /standard model’s PGD curve/],
    [
      { ...committed, standard: { ...(committed['standard'] as object), fgsm: [{ epsilon: 0.1, successRate: 2, robustAccuracy: 0 }] } },
      /between 0 and 1/,
    ],
  ])('refuses %#', (value, problem) => {
    const read = readRobustMetrics(value);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problem).toMatch(problem);
  });
});
