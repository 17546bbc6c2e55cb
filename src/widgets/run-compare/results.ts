/**
 * What the comparison says and tabulates: each run's curves as they come (per epoch), its final
 * numbers, the gap between training and validation accuracy (overfitting), the status sentences
 * and the results table. Pure: no DOM.
 */
import { formatCount, formatPercent, plural } from '../../lib/format/numbers.ts';
import { escapeHtml } from '../shared/html.ts';
import type { ComparedRun, Preset } from './config.ts';

export interface EpochPoint {
  /** 1-based. */
  epoch: number;
  trainAccuracy: number;
  valAccuracy: number | null;
  valLoss: number | null;
}

export interface RunResult {
  epochs: EpochPoint[];
  testAccuracy: number | null;
  /** Training time in seconds, as the builder reports it (its batch loop). */
  seconds: number | null;
}

export const emptyResult = (): RunResult => ({ epochs: [], testAccuracy: null, seconds: null });

const last = (r: RunResult | undefined): EpochPoint | undefined => r?.epochs[r.epochs.length - 1];

/** Training minus validation accuracy after the last epoch (a fraction), or null before any. */
export function finalGap(result: RunResult | undefined): number | null {
  const p = last(result);
  return p && p.valAccuracy !== null ? p.trainAccuracy - p.valAccuracy : null;
}

/** The epoch with the lowest validation loss, or null before any. */
export function lowestValLoss(result: RunResult | undefined): { epoch: number; loss: number } | null {
  let best: { epoch: number; loss: number } | null = null;
  for (const p of result?.epochs ?? []) if (p.valLoss !== null && (!best || p.valLoss < best.loss)) best = { epoch: p.epoch, loss: p.valLoss };
  return best;
}

/** The final validation loss, and where it was lowest when that was earlier: "0.315 (lowest 0.274 at epoch 6)". */
export function valLossText(result: RunResult | undefined): string {
  const p = last(result);
  const low = lowestValLoss(result);
  if (!p || p.valLoss === null || !low) return '—';
  return low.epoch < p.epoch && low.loss < p.valLoss
    ? `${formatLoss3(p.valLoss)} (lowest ${formatLoss3(low.loss)} at epoch ${low.epoch})`
    : formatLoss3(p.valLoss);
}

const formatLoss3 = (v: number): string => v.toFixed(3);

/** A gap in percentage points: 0.1234 → "12.3 points". */
export function formatGap(gap: number): string {
  return `${(gap * 100).toFixed(1)} points`;
}

/** While a run trains: "Run 2 of 4, Momentum: epoch 3 of 5, validation accuracy 95.1%". */
export function epochStatus(runIndex: number, runs: readonly ComparedRun[], point: EpochPoint, epochs: number): string {
  const run = runs[runIndex]!;
  const val = point.valAccuracy === null ? '' : `, validation accuracy ${formatPercent(point.valAccuracy)}`;
  return `Run ${runIndex + 1} of ${runs.length}, ${run.name}: epoch ${point.epoch} of ${epochs}, training accuracy ${formatPercent(point.trainAccuracy)}${val}`;
}

/** Before a run's first epoch: "Run 3 of 4, RMSProp: training…". */
export function runStartStatus(runIndex: number, runs: readonly ComparedRun[]): string {
  const run = runs[runIndex]!;
  return `Run ${runIndex + 1} of ${runs.length}, ${run.name} (${run.detail}): training…`;
}

/** When every run has finished: the key figures in words. */
export function doneStatus(preset: Preset, runs: readonly ComparedRun[], results: readonly RunResult[], trainLimit: number): string {
  const epochs = Math.max(0, ...results.map((r) => last(r)?.epoch ?? 0));
  if (preset.id === 'mlp-vs-cnn') {
    const parts = runs.map((run, i) => `${run.name} ${formatPercent(results[i]?.testAccuracy ?? NaN)}`);
    const best = bestBy(runs, results, (r) => r.testAccuracy, 'max');
    return `Test accuracy after ${plural(epochs, 'epoch')} on ${formatCount(trainLimit)} Fashion-MNIST images: ${parts.join(', ')}. Best: ${best}.`;
  }
  if (preset.id === 'optimizers') {
    const parts = runs.map((run, i) => `${run.name} ${formatPercent(last(results[i])?.valAccuracy ?? NaN)}`);
    const best = bestBy(runs, results, (r) => last(r)?.valAccuracy ?? null, 'max');
    return `Validation accuracy after ${plural(epochs, 'epoch')} on ${formatCount(trainLimit)} images: ${parts.join(', ')}. Best: ${best}.`;
  }
  const parts = runs.map((run, i) => {
    const gap = finalGap(results[i]);
    const p = last(results[i]);
    return gap === null || !p
      ? `${run.name} —`
      : `${run.name} ${formatGap(gap)} (${formatPercent(p.trainAccuracy)} vs ${formatPercent(p.valAccuracy!)})`;
  });
  const smallest = bestBy(runs, results, finalGap, 'min');
  const best = bestBy(runs, results, (r) => last(r)?.valAccuracy ?? null, 'max');
  return (
    `After ${plural(epochs, 'epoch')} on ${formatCount(trainLimit)} images, training minus validation accuracy: ${parts.join(', ')}. ` +
    `Smallest gap: ${smallest}; best validation accuracy: ${best}.`
  );
}

function bestBy(runs: readonly ComparedRun[], results: readonly RunResult[], value: (r: RunResult) => number | null, mode: 'max' | 'min'): string {
  let best: string[] = [];
  let bestValue = mode === 'max' ? -Infinity : Infinity;
  runs.forEach((run, i) => {
    const v = results[i] ? value(results[i]) : null;
    if (v === null) return;
    // Equal to the shown precision (0.1 points) counts as a tie.
    const shown = Math.round(v * 1000);
    const current = Math.round(bestValue * 1000);
    if (shown === current) best.push(run.name);
    else if (mode === 'max' ? shown > current : shown < current) {
      best = [run.name];
      bestValue = v;
    }
  });
  return best.length === 0 ? '—' : best.join(' and ');
}

/** The results table: one row per run, filled in as runs finish ("—" until then). */
export function resultsTableMarkup(preset: Preset, runs: readonly ComparedRun[], results: readonly (RunResult | undefined)[]): string {
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatPercent(v));
  const overfit = preset.id === 'regularisation';
  const head = overfit
    ? '<th scope="col">Run</th><th scope="col">Settings</th><th scope="col">Training accuracy</th><th scope="col">Validation accuracy</th><th scope="col">Gap</th><th scope="col">Validation loss</th><th scope="col">Test accuracy</th>'
    : '<th scope="col">Run</th><th scope="col">Settings</th><th scope="col">Validation accuracy</th><th scope="col">Test accuracy</th><th scope="col">Time</th>';
  const rows = runs.map((run, i) => {
    const r = results[i];
    const p = last(r);
    const gap = finalGap(r);
    const cells = overfit
      ? [pct(p?.trainAccuracy), pct(p?.valAccuracy), gap === null ? '—' : formatGap(gap), valLossText(r), pct(r?.testAccuracy)]
      : [pct(p?.valAccuracy), pct(r?.testAccuracy), r?.seconds == null ? '—' : `${r.seconds.toFixed(1)} s`];
    return (
      `<tr data-run="${escapeHtml(run.id)}"><th scope="row">${escapeHtml(run.name)}</th><td>${escapeHtml(run.detail)}</td>` +
      cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('') +
      `</tr>`
    );
  });
  const caption = overfit
    ? 'After the last epoch. The gap is training minus validation accuracy; training accuracy is measured as trained (with dropout on).'
    : 'Final accuracies after the last epoch';
  return `<table class="tk-compare__table"><caption>${caption}</caption><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
