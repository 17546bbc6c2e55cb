/**
 * The from-scratch trainer's drawings, loaded with `import()` when a run starts so the page
 * ships no d3 before then: loss and accuracy curves (src/viz/line-chart.ts) and the 10×10
 * confusion matrix as an accessible table.
 */
import { formatCount, formatPercent } from '../../lib/format/numbers.ts';
import type { LineChart } from '../../viz/line-chart.ts';
import { commonestMistake, confusionRows, plottableLoss, type EpochPoint } from './text.ts';
import { accuracyChart, lossChart } from '../../viz/epoch-charts.ts';
import { accuracyTarget } from '../../viz/epoch-frames.ts';
import { MNIST_TARGET } from './config.ts';

const TRAIN = 'var(--tk-series-1, #2f7fd8)';
const VALIDATION = 'var(--tk-series-2, #d9480f)';
const BEST = 'var(--fg, #1a1d21)';

/** The mnist variant: loss every few batches, accuracies per epoch. */
export class MnistCharts {
  private readonly loss: LineChart;
  private readonly accuracy: LineChart;

  constructor(host: HTMLElement, epochs: number) {
    host.replaceChildren();
    this.loss = lossChart(host, epochs, [
      { id: 'train', label: 'training loss', color: TRAIN },
      { id: 'validation', label: 'validation loss', color: VALIDATION, dashed: true, markers: true },
    ]);
    this.accuracy = accuracyChart(
      host,
      epochs,
      [
        { id: 'train', label: 'training accuracy', color: TRAIN, markers: true },
        { id: 'validation', label: 'validation accuracy', color: VALIDATION, dashed: true, markers: true },
      ],
      false,
      accuracyTarget(MNIST_TARGET),
    );
  }

  /** Mean training loss of the batches just trained, at `x` epochs. */
  addBatch(x: number, loss: number): void {
    const y = plottableLoss(loss);
    if (y !== null) this.loss.add('train', { x, y });
  }

  addEpoch(p: EpochPoint): void {
    if (p.validationLoss !== null) {
      const y = plottableLoss(p.validationLoss);
      if (y !== null) this.loss.add('validation', { x: p.epoch, y });
    }
    if (Number.isFinite(p.trainAccuracy)) this.accuracy.add('train', { x: p.epoch, y: p.trainAccuracy });
    if (p.validationAccuracy !== null && Number.isFinite(p.validationAccuracy)) {
      this.accuracy.add('validation', { x: p.epoch, y: p.validationAccuracy });
    }
  }

  destroy(): void {
    this.loss.destroy();
    this.accuracy.destroy();
  }
}

/** The overfit variant: per-epoch training and validation curves, and a marker on the best epoch. */
export class OverfitCharts {
  private readonly loss: LineChart;
  private readonly accuracy: LineChart;

  constructor(host: HTMLElement, epochs: number) {
    host.replaceChildren();
    this.loss = lossChart(host, epochs, [
      { id: 'train', label: 'training loss', color: TRAIN },
      { id: 'validation', label: 'validation loss', color: VALIDATION, dashed: true },
      { id: 'best', label: 'best epoch', color: BEST, markers: true },
    ]);
    this.accuracy = accuracyChart(
      host,
      epochs,
      [
        { id: 'train', label: 'training accuracy', color: TRAIN },
        { id: 'validation', label: 'validation accuracy', color: VALIDATION, dashed: true },
      ],
      true,
    );
  }

  addEpoch(p: EpochPoint): void {
    const train = plottableLoss(p.trainLoss);
    if (train !== null) this.loss.add('train', { x: p.epoch, y: train });
    const validation = p.validationLoss === null ? null : plottableLoss(p.validationLoss);
    if (validation !== null) this.loss.add('validation', { x: p.epoch, y: validation });
    if (Number.isFinite(p.trainAccuracy)) this.accuracy.add('train', { x: p.epoch, y: p.trainAccuracy });
    if (p.validationAccuracy !== null && Number.isFinite(p.validationAccuracy)) {
      this.accuracy.add('validation', { x: p.epoch, y: p.validationAccuracy });
    }
  }

  /** Mark the best epoch so far (one point on the validation curve). */
  markBest(p: EpochPoint): void {
    const y = p.validationLoss === null ? null : plottableLoss(p.validationLoss);
    this.loss.set('best', y === null ? [] : [{ x: p.epoch, y }]);
  }

  destroy(): void {
    this.loss.destroy();
    this.accuracy.destroy();
  }
}

/**
 * The confusion matrix as a table: rows are the true digits, columns the network's answers.
 * Cells are shaded by their share of the row (colour is a hint only; the numbers are the content).
 */
export function renderConfusion(host: HTMLElement, confusion: ArrayLike<number>, testCount: number): void {
  const rows = confusionRows(confusion);
  const table = document.createElement('table');
  table.className = 'tk-confusion';
  const caption = document.createElement('caption');
  caption.textContent = `Confusion matrix on ${formatCount(testCount)} test images: each row is the true digit, each column the network's answer; the diagonal counts the right answers.`;
  table.append(caption);

  const head = document.createElement('thead');
  const headRow = document.createElement('tr');
  const corner = document.createElement('th');
  corner.scope = 'col';
  corner.textContent = 'True ↓ / answer →';
  headRow.append(corner);
  for (let p = 0; p < 10; p++) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = String(p);
    headRow.append(th);
  }
  const recallHead = document.createElement('th');
  recallHead.scope = 'col';
  recallHead.textContent = 'Right';
  headRow.append(recallHead);
  head.append(headRow);
  table.append(head);

  const body = document.createElement('tbody');
  rows.forEach((row, t) => {
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = String(t);
    tr.append(th);
    row.counts.forEach((n, p) => {
      const td = document.createElement('td');
      td.textContent = formatCount(n);
      const share = row.total > 0 ? n / row.total : 0;
      if (p === t) td.className = 'tk-confusion__hit';
      else if (n > 0) {
        td.className = 'tk-confusion__miss';
        // 0–100% of the strongest tint as the mistake's share of the row grows (2% of the row is already strong).
        td.style.setProperty('--tk-share', `${Math.round(Math.min(1, share / 0.02) * 100)}%`);
      }
      tr.append(td);
    });
    const recall = document.createElement('td');
    recall.textContent = formatPercent(row.recall);
    tr.append(recall);
    body.append(tr);
  });
  table.append(body);

  const parts: HTMLElement[] = [table];
  const mistake = commonestMistake(confusion);
  if (mistake) {
    const note = document.createElement('p');
    note.className = 'tk-note';
    note.textContent = `The commonest mistake: ${mistake}.`;
    parts.push(note);
  }
  host.replaceChildren(...parts);
}
