/** The search widget's settings table and fixed choices (no DOM: the Astro component renders with it). */
import { flag, numberChoice, type SettingsOf } from '../shared/settings.ts';

export const SETTINGS = {
  trials: numberChoice({ label: 'Trials', choices: [4, 8, 12, 16, 24], default: 12 }),
  workers: numberChoice({ label: 'Parallel workers', choices: [1, 2, 3, 4], default: 2 }),
  maxEpochs: numberChoice({ label: 'Most epochs per trial', choices: [3, 9], default: 9 }),
  trainLimit: numberChoice({
    label: 'Training images',
    choices: [1000, 6000, 12000],
    default: 6000,
    secondary: true,
    format: (n) => n.toLocaleString('en'),
  }),
  validationCount: numberChoice({
    label: 'Validation images',
    choices: [500, 2000],
    default: 2000,
    secondary: true,
    format: (n) => n.toLocaleString('en'),
  }),
  earlyStopping: flag({ label: 'Stop weak trials early (ASHA)', default: true, secondary: true }),
  seed: numberChoice({ label: 'Random seed', choices: [1, 2, 3, 4, 5], default: 1, secondary: true }),
};
export type SearchSettings = SettingsOf<typeof SETTINGS>;

/** ASHA's reduction factor: a rung keeps the top third. */
export const ETA = 3;

/** Workers by default: one per core, at most four (each holds its own copy of the data and a GPU context). */
export function defaultWorkers(hardwareConcurrency: number | undefined): number {
  return Math.max(1, Math.min(4, Math.floor(hardwareConcurrency ?? 2) || 2));
}

export const IDLE_STATUS = 'Ready. Press Start search to train random models in parallel; the weakest are stopped early.';
