/** Code cells: Run to result on each backend, and an exercise's solution Run to grade (bench/browser/code.ts). */
import { readFileSync } from 'node:fs';
import type { CodeRunTiming } from '../browser/code.ts';
import { fmt, type Benchmark, type Row } from './types.ts';

export const codeCellsBench: Benchmark = {
  name: 'code-cells',
  title: 'Code cells: a fresh worker per run (3 runs of print(1) per backend), then the MNIST-above-90% solution, graded',
  async run({ page }) {
    const codeRun = (options: object) =>
      page.evaluate((o) => (window as unknown as { tinkerBench: { codeRun(o: object): Promise<CodeRunTiming> } }).tinkerBench.codeRun(o), options);
    const rows: Row[] = [];
    for (const backend of ['wasm', 'webgl', 'cpu']) {
      const runs: CodeRunTiming[] = [];
      for (let i = 0; i < 3; i++) runs.push(await codeRun({ code: 'print(1);', backend }));
      const starts = runs.map((r) => r.startMs ?? NaN).sort((a, b) => a - b);
      const totals = runs.map((r) => r.totalMs).sort((a, b) => a - b);
      rows.push({
        label: `Run to result, print(1), ${backend}`,
        value: `median ${fmt(totals[1]!)} ms (start-up ${fmt(starts[1]!)} ms; runs ${runs.map((r) => fmt(r.totalMs)).join(', ')} ms)`,
      });
    }
    const solution = readFileSync(new URL('../../content/exercises/mnist-90/solution.js', import.meta.url), 'utf8');
    const grader = { kind: 'model-accuracy', dataset: 'mnist', split: 'test', threshold: 0.9 };
    const r = await codeRun({ code: solution, backend: 'auto', grader, expose: [] });
    rows.push({
      label: 'mnist-90 solution (auto backend)',
      value:
        `${r.grade?.pass ? 'passed' : 'NOT passed'}: ${r.grade?.figureText ?? r.outcome}; on ${r.backend ?? '?'}, ` +
        `training ${fmt((r.codeMs ?? NaN) / 1000, 1)} s, Run to grade ${fmt(r.totalMs / 1000, 1)} s, tensors left ${r.tensorsLeft ?? '?'}`,
    });
    return rows;
  },
};
