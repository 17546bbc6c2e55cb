/**
 * The sentences widgets put in their `role="status"` line. Tests and screen
 * readers read this exact text, so each wording lives here once, with a test.
 */
import { BACKEND_LABELS, type BackendName } from '../runtime/backends.ts';
import { formatCount, formatLoss, formatMegabytes, formatPercent, plural } from './numbers.ts';

/** Where a training run happens. */
export type RunPlace = 'worker' | 'main-thread';

/** "Downloading MNIST: 3.1 of 11.4 MB", or "Downloading MNIST: 3.1 MB" when the size is unknown. */
export function downloadStatus(dataset: string, loaded: number, total: number | null): string {
  if (total === null || !Number.isFinite(total) || total <= 0) {
    return `Downloading ${dataset}: ${formatMegabytes(loaded)} MB`;
  }
  return `Downloading ${dataset}: ${formatMegabytes(loaded)} of ${formatMegabytes(total)} MB`;
}

export interface TrainingStep {
  /** 1-based epoch being trained. */
  epoch: number;
  epochs: number;
  /** 1-based batch within the epoch. */
  batch: number;
  batchesPerEpoch: number;
  loss: number;
}

/** "Epoch 1 of 2 · batch 420 of 938 · loss 0.31" */
export function trainingStatus(s: TrainingStep): string {
  return (
    `Epoch ${formatCount(s.epoch)} of ${formatCount(s.epochs)}` +
    ` · batch ${formatCount(s.batch)} of ${formatCount(s.batchesPerEpoch)}` +
    ` · loss ${formatLoss(s.loss)}`
  );
}

/** "Test accuracy 92.4% after 1 epoch" — the documented figure of a finished run. */
export function doneStatus(testAccuracy: number, epochs: number): string {
  return `Test accuracy ${formatPercent(testAccuracy)} after ${plural(epochs, 'epoch')}`;
}

/** How far a stopped run got: whole epochs plus batches into the next one. */
export interface StopPoint {
  epochsCompleted: number;
  /** Batches trained in the unfinished epoch (0 when it stopped between epochs). */
  batchesIntoEpoch?: number;
}

function howFar(p: StopPoint): string {
  const batches = p.batchesIntoEpoch ?? 0;
  if (batches <= 0) return plural(p.epochsCompleted, 'epoch');
  if (p.epochsCompleted <= 0) return plural(batches, 'batch', 'batches');
  return `${plural(p.epochsCompleted, 'epoch')} and ${plural(batches, 'batch', 'batches')}`;
}

/**
 * What a stopped run achieved: "Stopped after 1 epoch; test accuracy 91.2%",
 * "Stopped after 120 batches; test accuracy 80.5%", or
 * "Stopped after 120 batches; no test accuracy yet" when it was never evaluated.
 */
export function stoppedStatus(at: StopPoint, testAccuracy: number | null): string {
  const where = `Stopped after ${howFar(at)}`;
  if (testAccuracy === null || !Number.isFinite(testAccuracy)) {
    return at.epochsCompleted <= 0 && !(at.batchesIntoEpoch && at.batchesIntoEpoch > 0)
      ? 'Stopped before training began; no test accuracy yet'
      : `${where}; no test accuracy yet`;
  }
  return `${where}; test accuracy ${formatPercent(testAccuracy)}`;
}

/** "Running on WebGL (in a worker)" / "Running on CPU (on the main thread)". */
export function backendSentence(backend: BackendName, place: RunPlace | null): string {
  const where = place === 'worker' ? ' (in a worker)' : place === 'main-thread' ? ' (on the main thread)' : '';
  return `Running on ${BACKEND_LABELS[backend]}${where}`;
}

/**
 * The backend line a trainer shows once its run has a backend: "Running on WebAssembly (in a
 * worker). WebGL is software-rendered here, so WebAssembly was used." The fallback reason, when
 * there is one, is one sentence with one full stop whether or not it came with its own.
 */
export function backendLine(backend: BackendName, place: RunPlace | null, fallbackReason?: string): string {
  const why = fallbackReason ? ` ${fallbackReason.trim().replace(/\.$/, '')}.` : '';
  return `${backendSentence(backend, place)}.${why}`;
}

/** "3 mistakes in 48", "1 mistake in 48", "No mistakes in 48". */
export function mistakesSummary(mistakes: number, total: number): string {
  if (mistakes === 0) return `No mistakes in ${formatCount(total)}`;
  return `${plural(mistakes, 'mistake')} in ${formatCount(total)}`;
}

/** "2,345 images per second" */
export function speedSentence(examplesPerSecond: number, unit = 'images'): string {
  return `${formatCount(examplesPerSecond)} ${unit} per second`;
}
