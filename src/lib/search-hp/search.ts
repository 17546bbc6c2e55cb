/**
 * The state of one hyperparameter search, pure: the trials (sampled up front), which one runs on
 * which worker (the pool), what the ASHA scheduler decided at each rung, and the compute spent.
 * The widget relays worker messages to it and draws what it says; the tests drive it directly.
 *
 * The pool hands the next pending trial (lowest id first) to the lowest-numbered free worker; a
 * trial frees its worker when it finishes, is stopped at a rung, or fails.
 */
import { AshaScheduler, type Decision } from './asha.ts';
import type { TrialParams } from './space.ts';

export type TrialStatus = 'pending' | 'running' | 'stopped' | 'finished' | 'failed';

export interface Trial {
  /** 1-based, in sampling order. */
  id: number;
  params: TrialParams;
  status: TrialStatus;
  /** Epochs trained so far. */
  epochs: number;
  /** Validation accuracy after each epoch. */
  history: number[];
  /** The rung (epochs) where ASHA stopped it, when it did. */
  stoppedAt: number | null;
  /** The worker running it (0-based), while it runs. */
  worker: number | null;
}

export interface Assignment {
  worker: number;
  trial: Trial;
}

export interface SearchOptions {
  maxEpochs: number;
  eta: number;
  grace?: number;
  workers: number;
}

/** The latest validation accuracy of a trial, or null before its first epoch. */
export function accuracyOf(trial: Trial): number | null {
  return trial.history.length > 0 ? trial.history[trial.history.length - 1]! : null;
}

export class SearchState {
  readonly trials: Trial[];
  readonly scheduler: AshaScheduler;
  private readonly busy: (number | null)[];

  constructor(
    params: readonly TrialParams[],
    readonly options: SearchOptions,
  ) {
    if (!Number.isInteger(options.workers) || options.workers < 1)
      throw new RangeError(`A search needs at least one worker, got ${options.workers}.`);
    this.trials = params.map((p, i) => ({ id: i + 1, params: p, status: 'pending', epochs: 0, history: [], stoppedAt: null, worker: null }));
    this.scheduler = new AshaScheduler({ maxEpochs: options.maxEpochs, eta: options.eta, grace: options.grace ?? 1 });
    this.busy = Array.from({ length: options.workers }, () => null);
  }

  trial(id: number): Trial {
    const t = this.trials[id - 1];
    if (!t) throw new RangeError(`No trial ${id}.`);
    return t;
  }

  /** Pending trials placed on free workers that `available` accepts (and marked running); empty when none can start. */
  assign(available: (worker: number) => boolean = () => true): Assignment[] {
    const out: Assignment[] = [];
    for (let w = 0; w < this.busy.length; w++) {
      if (this.busy[w] !== null || !available(w)) continue;
      const next = this.trials.find((t) => t.status === 'pending');
      if (!next) break;
      next.status = 'running';
      next.worker = w;
      this.busy[w] = next.id;
      out.push({ worker: w, trial: next });
    }
    return out;
  }

  /** Which trial runs on `worker`, if any. */
  runningOn(worker: number): number | null {
    return this.busy[worker] ?? null;
  }

  /**
   * Trial `id` reports its validation accuracy after `epoch` epochs. Returns what it does next:
   * 'continue', 'stop' (ASHA stopped it at this rung) or 'finish' (it reached maxEpochs).
   */
  report(id: number, epoch: number, accuracy: number): Decision | 'finish' {
    const t = this.trial(id);
    if (t.status !== 'running') throw new Error(`Trial ${id} is ${t.status}, not running.`);
    t.epochs = epoch;
    t.history[epoch - 1] = accuracy;
    if (epoch >= this.options.maxEpochs) {
      this.release(t, 'finished');
      return 'finish';
    }
    const decision = this.scheduler.decide(id, epoch, accuracy);
    if (decision === 'stop') {
      t.stoppedAt = epoch;
      this.release(t, 'stopped');
    }
    return decision;
  }

  /** Trial `id` could not run (its worker failed). */
  fail(id: number): void {
    const t = this.trial(id);
    if (t.status === 'running') this.release(t, 'failed');
  }

  /** The reader stopped the search: running trials keep their epochs and count as stopped (at no rung). */
  stopAll(): void {
    for (const t of this.trials) if (t.status === 'running') this.release(t, 'stopped');
  }

  private release(t: Trial, status: TrialStatus): void {
    if (t.worker !== null) this.busy[t.worker] = null;
    t.worker = null;
    t.status = status;
  }

  /** True when no trial is pending or running. */
  get done(): boolean {
    return this.trials.every((t) => t.status !== 'pending' && t.status !== 'running');
  }

  /** Trials running now. */
  get concurrent(): number {
    return this.busy.filter((b) => b !== null).length;
  }

  /** The trial with the best latest validation accuracy (the first of equals), or null before any result. */
  best(): Trial | null {
    let best: Trial | null = null;
    for (const t of this.trials) {
      const a = accuracyOf(t);
      if (a !== null && (best === null || a > accuracyOf(best)!)) best = t;
    }
    return best;
  }

  /** Epochs trained over all trials, and what running every trial to maxEpochs would cost. */
  compute(): { epochsRun: number; epochsFull: number } {
    return { epochsRun: this.trials.reduce((s, t) => s + t.epochs, 0), epochsFull: this.trials.length * this.options.maxEpochs };
  }
}
