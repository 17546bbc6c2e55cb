/** The k-means explorer's settings table: one line per setting (src/widgets/shared/settings.ts). */
import { DATASET_IDS, DATASET_NAMES } from '../../lib/kmeans-explorer/datasets.ts';
import type { ExplorerSettings, PointsChoice } from '../../lib/kmeans-explorer/explorer.ts';
import { MAX_K, START_METHODS, START_NAMES } from '../../lib/kmeans-explorer/start.ts';
import { numberChoice, numberRange, textChoice, type SettingsOf } from '../shared/settings.ts';

const POINTS: readonly PointsChoice[] = [...DATASET_IDS, 'own'];

export const SETTINGS = {
  points: textChoice<PointsChoice>({
    label: 'Points',
    choices: POINTS,
    default: 'blobs',
    format: (p) => (p === 'own' ? 'Your own (click the plane)' : DATASET_NAMES[p]),
  }),
  k: numberChoice({ label: 'Clusters k', choices: Array.from({ length: MAX_K }, (_, i) => i + 1), default: 3 }),
  start: textChoice({ label: 'Start', choices: START_METHODS, default: 'k-means++', format: (m) => START_NAMES[m] }),
  seed: numberChoice({ label: 'Seed of the start', choices: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], default: 1, secondary: true }),
  eps: numberRange({ label: 'DBSCAN radius ε', min: 0.1, max: 0.8, step: 0.05, default: 0.3, secondary: true }),
  minPoints: numberChoice({ label: 'DBSCAN core: points within ε', choices: [2, 3, 4, 5, 6, 8, 10], default: 5, secondary: true }),
};
export type FormSettings = SettingsOf<typeof SETTINGS>;

export const explorerSettings = (f: FormSettings): ExplorerSettings => ({
  points: f.points,
  k: f.k,
  start: f.start,
  seed: f.seed,
  dbscan: { eps: f.eps, minPoints: f.minPoints },
});
