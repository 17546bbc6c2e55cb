/**
 * The k-means explorer's markup (rendered at build time by KMeansExplorer.astro, so the points, the
 * starting centroids, DBSCAN's clusters and the elbow plot are there before any script runs), and the
 * strings the element redraws. No DOM here.
 */
import type { ExplorerModel } from '../../lib/kmeans-explorer/explorer.ts';
import { comparisonSentence, elbowSentence, formatInertia, SET_NOTES } from '../../lib/kmeans-explorer/text.ts';
import { figureMarkup } from '../shared/figure.ts';
import { escapeHtml } from '../shared/html.ts';
import { controlsMarkup } from '../shared/settings.ts';
import { SETTINGS, type FormSettings } from './config.ts';
import { cellsMarkup, centroidsMarkup, dbscanMarkup, elbowMarkup, planeMarkup, pointsMarkup } from './plot.ts';

/** The plane's inner groups for the model's current state. */
export function planeParts(model: ExplorerModel): { cells: string; points: string; centroids: string } {
  const s = model.stepper?.current;
  if (!s) return { cells: '', points: pointsMarkup(model.set.points, model.n, null), centroids: '' };
  const k = model.settings.k;
  return {
    cells: cellsMarkup(s.centroids, k),
    points: pointsMarkup(model.set.points, model.n, s.labels),
    centroids: centroidsMarkup(s.centroids, k, s.labels ? s.sizes : null),
  };
}

/** The plane's text alternative. */
export function planeLabel(model: ExplorerModel): string {
  const s = model.stepper?.current;
  const what = `k-means on ${model.n} point${model.n === 1 ? '' : 's'} in the plane`;
  if (!s) return `${what}; no centroids yet.`;
  if (!s.labels) return `${what}: ${model.settings.k} centroids placed, no point assigned yet.`;
  return `${what}: cluster sizes ${s.sizes.join(', ')}.`;
}

/** The line under the plane: iteration, inertia, cluster sizes. */
export function readoutText(model: ExplorerModel): string {
  const s = model.stepper?.current;
  if (!s) return `${model.n} points`;
  const sizes = s.labels ? `sizes ${s.sizes.join(', ')}` : 'not assigned yet';
  return `${model.n} points · iteration ${s.iteration} · inertia ${formatInertia(s.inertia)} · ${sizes}`;
}

export function dbscanPanel(model: ExplorerModel): { svg: string; caption: string } {
  const cmp = model.comparison;
  if (!cmp)
    return {
      svg: dbscanMarkup(model.set.points, model.n, new Int32Array(model.n).fill(-1), 'DBSCAN: too few points.'),
      caption: 'DBSCAN on the same points',
    };
  const caption = comparisonSentence(cmp);
  return { svg: dbscanMarkup(model.set.points, model.n, cmp.dbscan.labels, `DBSCAN on the same points. ${caption}`), caption };
}

export function elbowPanel(model: ExplorerModel): string {
  return elbowMarkup(model.elbow, model.settings.k, elbowSentence(model.elbow, model.settings.k));
}

const ACTIONS = `<div class="tk-actions">
<button type="button" class="tk-button tk-button--primary" data-part="step">Step</button>
<button type="button" class="tk-button" data-part="back">Step back</button>
<button type="button" class="tk-button" data-part="run">Run to convergence</button>
<button type="button" class="tk-button" data-part="reset">Restart</button>
<button type="button" class="tk-button" data-part="clear">Clear points</button>
</div>`;

export function explorerMarkup(model: ExplorerModel, form: FormSettings): string {
  const plane =
    `<div class="tk-km__plane" data-part="plane-box" role="group" aria-label="The plane: click to add a point; each centroid is a button you can drag or move with the arrow keys">` +
    planeMarkup(planeParts(model), planeLabel(model)) +
    `</div><p class="tk-km__readout" data-part="readout">${escapeHtml(readoutText(model))}</p>` +
    `<p class="tk-km__note" data-part="note">${escapeHtml(SET_NOTES[model.settings.points])}</p>`;
  const db = dbscanPanel(model);
  return `<div class="tk-widget tk-km" data-part="root">
<p class="tk-widget__title">k-means, one half-step at a time</p>
${figureMarkup([
  { caption: 'k-means: click to add points; drag a centroid, or focus it and use the arrow keys', content: plane, wide: true },
  { caption: db.caption, content: `<div data-part="dbscan-svg">${db.svg}</div>`, part: 'dbscan' },
  { caption: 'Elbow plot: inertia for k = 1 to 8 (k-means++, seed 1), the chosen k ringed', content: elbowPanel(model), part: 'elbow' },
])}
<fieldset class="tk-settings" data-part="settings">
<legend>Settings</legend>
${controlsMarkup(SETTINGS, form)}
</fieldset>
${ACTIONS}
<p class="tk-status" role="status" aria-live="polite" data-part="status">${escapeHtml(model.sentence())}</p>
</div>`;
}
