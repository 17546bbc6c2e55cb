/**
 * The exercise content/exercises/q-learning-snake, graded in Node by the real agent-win-rate grader
 * (exercises.test.ts runs only function graders; the browser run is in e2e/code-cell.spec.ts):
 * the spec is the one the lesson describes, the solution passes far above the 60% threshold (it
 * wins 99–100% of the evaluation games after well under a second of training in Node), and the
 * starter, which plays at random and never updates its table, fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { gradeAgent } from '../grading/agent-grader.ts';
import { exerciseSchema } from './schema.ts';

const DIR = join(import.meta.dirname, '../../../content/exercises/q-learning-snake');
const config = exerciseSchema.parse(parseYaml(readFileSync(join(DIR, 'exercise.yaml'), 'utf8')));
const grader = config.grader;
if (grader.kind !== 'agent-win-rate') throw new Error('q-learning-snake must have an agent-win-rate grader');
const spec = grader;

type AsyncFn = (...args: unknown[]) => Promise<unknown>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => AsyncFn;

/** Runs the exercise code as the code worker would (print and progress stubbed) and returns its `train`. */
async function trainOf(code: string): Promise<Record<string, unknown>> {
  const printed: string[] = [];
  const print = (...args: unknown[]) => printed.push(args.join(' '));
  const progress = () => {};
  const exports = (await new AsyncFunction('print', 'progress', `${code}\nreturn { train };`)(print, progress)) as Record<string, unknown>;
  return exports;
}

describe('exercise q-learning-snake', () => {
  it('grades 1,000 games of snake-3x3 after at most 30 s, with a 60% threshold', () => {
    expect(spec).toMatchObject({ env: 'snake-3x3', threshold: 0.6, trainSeconds: 30, games: 1000 });
  });

  it('passes the solution, which wins nearly every evaluation game', async () => {
    const result = await gradeAgent(spec, await trainOf(readFileSync(join(DIR, 'solution.js'), 'utf8')));
    expect(result.message).toMatch(/^Your agent wins .* Well done!$/);
    expect(result.pass).toBe(true);
    expect(result.figure).toBeGreaterThanOrEqual(0.95);
  }, 60_000);

  it('fails the starter, which learns nothing, and says why from what it measured (not "train longer")', async () => {
    const result = await gradeAgent(spec, await trainOf(readFileSync(join(DIR, 'starter.js'), 'utf8')));
    expect(result.pass).toBe(false);
    expect(result.figure).toBeLessThan(0.1);
    expect(result.message).toMatch(
      /^Your agent wins .*; 60% is needed\. Your policy chose \*up\* in every one of the \d+ different states it met, .*nothing was learned\. Check that `update\(\)` changes the value it is given/,
    );
    expect(result.message).not.toMatch(/Train on more episodes|train for longer/);
  }, 60_000);
});
