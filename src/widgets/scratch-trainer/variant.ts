/**
 * What the two variants of <tk-scratch-trainer> ("mnist" and "overfit") share, and what each
 * must provide. The element (element.ts) runs the lifecycle and the messages both variants
 * handle alike; a variant (mnist-variant.ts, overfit-variant.ts) brings its markup, its settings,
 * its charts and what it says about batches, epochs and the end of the run.
 */
import type { NnFromWorker, NnTrainConfig } from '../../workers/nn/protocol.ts';
import type { NnTrainingHandle } from '../../workers/nn/client.ts';
import type { TrainerLifecycle } from '../shared/trainer.ts';
import type { MnistCharts, OverfitCharts } from './charts.ts';
import type { EpochPoint } from './text.ts';

export type ChartsModule = typeof import('./charts.ts');
export type Metrics = Extract<NnFromWorker, { type: 'metrics' }>;
export type Done = Extract<NnFromWorker, { type: 'done' }>;

/** Everything about the run in progress. */
export interface Run {
  config: NnTrainConfig;
  epochs: number;
  startedAt: number;
  points: EpochPoint[];
  /** Batches trained in the current epoch (from the last metrics message). */
  batchesIntoEpoch: number;
  examplesPerSecond: number;
  /** Early stopping ended the run after this epoch (from 1). */
  stoppedEarlyAfter: number | null;
  diverged: boolean;
  /** Some loss was above LOSS_CAP and was drawn at the cap. */
  capped: boolean;
  /** Training time of each finished epoch, ms. */
  epochMillis: number[];
}

/** What a variant's handlers may touch. */
export interface RunContext<C> {
  run: Run;
  life: TrainerLifecycle<NnTrainingHandle>;
  /** The widget: `dataset` figures and its parts. */
  host: HTMLElement;
  charts: C | null;
  /** Whether this run is still the widget's latest (for late drawings). */
  isLatest: () => boolean;
}

export interface Outcome {
  status: string;
  state: 'done' | 'idle';
  /** Facts for the summary, after the time and the speed. */
  facts: string[];
}

export interface Variant<C extends MnistCharts | OverfitCharts = MnistCharts | OverfitCharts> {
  /** The widget's markup, for settings read from `get` (attributes). */
  markup(get: (name: string) => string | null): string;
  /** The worker's config for the form's current settings. */
  config(host: HTMLElement, dataUrl: string): NnTrainConfig;
  /** The code listing and dependent controls follow the settings. */
  sync(host: HTMLElement): void;
  charts(mod: ChartsModule, part: HTMLElement, epochs: number): C;
  /** After the shared handling of a metrics message (`epoch`, `batch` from 1; `x` in epochs). */
  metrics(ctx: RunContext<C>, m: Metrics, x: number, epoch: number, batch: number): void;
  /** After the shared handling of a finished epoch. */
  epoch(ctx: RunContext<C>, point: EpochPoint): void;
  outcome(ctx: RunContext<C>, m: Done): Outcome;
}

/** A run's starting figures. */
export function newRun(config: NnTrainConfig): Run {
  return {
    config,
    epochs: config.epochs,
    startedAt: performance.now(),
    points: [],
    batchesIntoEpoch: 0,
    examplesPerSecond: 0,
    stoppedEarlyAfter: null,
    diverged: false,
    capped: false,
    epochMillis: [],
  };
}
