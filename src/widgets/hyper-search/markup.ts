/**
 * The search widget's HTML as strings (rendered at build time by src/components/HyperSearch.astro,
 * and by the element when created without it): the figure (empty parallel axes and the legend),
 * the axes' order and filter controls, the settings, Start/Stop, the status, and the results table.
 */
import { searchAxes, type Axis, type AxisKey, type Filters } from '../../lib/search-hp/parallel.ts';
import { DEFAULT_SPACE, specFor } from '../../lib/search-hp/space.ts';
import { COLUMNS, formatAccuracy, formatRate, statusText, type ColumnKey, type SortDirection } from '../../lib/search-hp/table.ts';
import { accuracyOf, type Trial } from '../../lib/search-hp/search.ts';
import { escapeHtml } from '../shared/html.ts';
import { figureMarkup } from '../shared/figure.ts';
import { progressMarkup } from '../shared/progress.ts';
import { runControlsMarkup } from '../shared/run-controls.ts';
import { controlsMarkup } from '../shared/settings.ts';
import { IDLE_STATUS, SETTINGS, type SearchSettings } from './config.ts';
import { legendMarkup, plotMarkup } from './plot-svg.ts';

export const AXES: readonly Axis[] = searchAxes(DEFAULT_SPACE);
export const DEFAULT_ORDER: readonly AxisKey[] = AXES.map((a) => a.key);

/** One row per axis in plot order: move left/right (the keyboard's drag) and min/max (the keyboard's brush). */
export function axisControlsMarkup(axes: readonly Axis[], order: readonly AxisKey[], filters: Filters): string {
  const rows = order.map((k, i) => {
    const a = axes.find((x) => x.key === k)!;
    const f = filters[k];
    const label = escapeHtml(a.label);
    const val = (v: number | undefined): string => (v === undefined || !Number.isFinite(v) ? '' : String(Number(v.toPrecision(3))));
    const unit = k === 'accuracy' ? ' (0–1)' : '';
    return (
      `<tr data-axis-row="${k}"><th scope="row">${label}</th>` +
      `<td><button type="button" class="tk-button tk-hp__small" data-move="-1" data-axis="${k}" aria-label="Move ${label} left"${i === 0 ? ' disabled' : ''}>←</button> ` +
      `<button type="button" class="tk-button tk-hp__small" data-move="1" data-axis="${k}" aria-label="Move ${label} right"${i === order.length - 1 ? ' disabled' : ''}>→</button></td>` +
      `<td><label>Min<span class="visually-hidden"> ${label}${unit}</span> <input type="number" step="any" inputmode="decimal" data-filter="min" data-axis="${k}" value="${val(f?.min)}"></label></td>` +
      `<td><label>Max<span class="visually-hidden"> ${label}${unit}</span> <input type="number" step="any" inputmode="decimal" data-filter="max" data-axis="${k}" value="${val(f?.max)}"></label></td></tr>`
    );
  });
  return `<table class="tk-hp__axes-table"><caption>Axes: order and filters (the keyboard's way to drag and brush)</caption><tbody>${rows.join('')}</tbody></table>`;
}

export function tableHeadMarkup(sort: { key: ColumnKey; direction: SortDirection }): string {
  const cells = COLUMNS.map(
    (c) =>
      `<th scope="col"${c.key === sort.key ? ` aria-sort="${sort.direction}"` : ''}><button type="button" class="tk-hp__sort" data-sort="${c.key}">${escapeHtml(c.label)}` +
      `<span aria-hidden="true">${c.key === sort.key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}</span></button></th>`,
  );
  return `<tr>${cells.join('')}<th scope="col">Builder</th></tr>`;
}

/** The table's rows; trials outside the filters are hidden (and say so to a screen reader through the caption). */
export function tableRowsMarkup(trials: readonly Trial[], passing: (t: Trial) => boolean, bestId: number | null): string {
  if (trials.length === 0) return `<tr><td colspan="${COLUMNS.length + 1}">No trials yet: press Start search.</td></tr>`;
  return trials
    .map((t) => {
      const p = t.params;
      const best = t.id === bestId ? ' <span class="tk-hp__best">best</span>' : '';
      return (
        `<tr data-trial="${t.id}" data-status="${t.status}"${passing(t) ? '' : ' hidden data-filtered'}>` +
        `<td>${t.id}${best}</td><td>${formatRate(p.learningRate)}</td><td>${p.hiddenUnits}</td><td>${p.dropout}</td><td>${p.batchSize}</td>` +
        `<td>${t.epochs}</td><td>${formatAccuracy(accuracyOf(t))}</td><td>${escapeHtml(statusText(t))}</td>` +
        `<td><button type="button" class="tk-button tk-hp__small" data-open="${t.id}" aria-label="Open trial ${t.id} in the builder">Open</button></td></tr>`
      );
    })
    .join('');
}

/** The spec "Open in the builder" sends: the trial's model, trained for the search's most epochs. */
export const openSpec = (t: Trial, maxEpochs: number) => specFor(t.params, maxEpochs);

export function hyperSearchMarkup(s: SearchSettings): string {
  return `<div class="tk-widget" data-part="root">
<p class="tk-widget__title">Hyperparameter search with early stopping</p>
${figureMarkup([
  {
    caption:
      'Each line is one trial: its learning rate, hidden units, dropout, batch size and validation accuracy. Drag an axis title to move it; drag along an axis to filter.',
    content: `<div class="tk-hp__plot-scroll" tabindex="0" role="region" aria-label="Parallel coordinates plot (scrolls sideways on a narrow screen)">${plotMarkup(AXES, DEFAULT_ORDER)}</div>${legendMarkup([0, 1])}`,
    part: 'plot',
    wide: true,
  },
])}
<div class="tk-hp__axes" data-part="axis-controls">${axisControlsMarkup(AXES, DEFAULT_ORDER, {})}</div>
<fieldset class="tk-settings" data-part="settings">
<legend>Settings</legend>
${controlsMarkup(SETTINGS, s)}
</fieldset>
${runControlsMarkup(IDLE_STATUS, '<button type="button" class="tk-button" data-part="open-best" disabled>Open the best trial in the builder</button>', 'Start search')}
<p class="tk-hp__compute" data-part="compute"></p>
${progressMarkup('Search progress')}
<div class="tk-error" data-part="error" hidden></div>
<div class="tk-hp__table-wrap" tabindex="0" role="region" aria-label="Trials table (scrolls sideways on a narrow screen)"><table class="tk-hp__table" data-part="table">
<caption data-part="table-caption">Trials</caption>
<thead data-part="thead">${tableHeadMarkup({ key: 'id', direction: 'ascending' })}</thead>
<tbody data-part="tbody">${tableRowsMarkup([], () => true, null)}</tbody>
</table></div>
</div>`;
}
