/** The search's status line and its compute line, in words. */
import { accuracyOf, type SearchState } from './search.ts';
import { formatAccuracy, formatRate, plural } from './table.ts';

/** "12 trials, 5 stopped early at 1 epoch, 2 at 3 epochs, best 96.8% (lr 0.0021, 256 units, dropout 0.2, batch 64)". */
export function searchSummary(state: SearchState): string {
  const parts = [plural(state.trials.length, 'trial')];
  const running = state.concurrent;
  if (running > 0) parts.push(`${running} running`);
  const byRung = new Map<number, number>();
  for (const t of state.trials) if (t.status === 'stopped' && t.stoppedAt !== null) byRung.set(t.stoppedAt, (byRung.get(t.stoppedAt) ?? 0) + 1);
  [...byRung.entries()]
    .sort((a, b) => a[0] - b[0])
    .forEach(([rung, n], i) => parts.push(i === 0 ? `${n} stopped early at ${plural(rung, 'epoch')}` : `${n} at ${plural(rung, 'epoch')}`));
  const finished = state.trials.filter((t) => t.status === 'finished').length;
  if (finished > 0) parts.push(`${finished} finished`);
  const failed = state.trials.filter((t) => t.status === 'failed').length;
  if (failed > 0) parts.push(`${failed} failed`);
  const best = state.best();
  if (best) {
    const p = best.params;
    parts.push(
      `best ${formatAccuracy(accuracyOf(best))} (trial ${best.id}: lr ${formatRate(p.learningRate)}, ${p.hiddenUnits} units, dropout ${p.dropout}, batch ${p.batchSize})`,
    );
  }
  return parts.join(', ');
}

/** "ran 31 epochs instead of 108 (71% saved)". */
export function computeSummary(state: SearchState): string {
  const { epochsRun, epochsFull } = state.compute();
  const saved = epochsFull > 0 ? Math.round((1 - epochsRun / epochsFull) * 100) : 0;
  return `ran ${plural(epochsRun, 'epoch')} instead of ${epochsFull}${saved > 0 ? ` (${saved}% saved)` : ''}`;
}
