/**
 * The optimiser race's static markup (rendered at build time by OptimizerRace.astro, so the
 * contours, the start and the minimum are there before any script runs). No DOM here.
 */
import { readyStatus } from '../../lib/optim2d/race.ts';
import { OPTIMIZER_KINDS, OPTIMIZER_NAMES, type Point } from '../../lib/optim2d/steppers.ts';
import { SURFACES } from '../../lib/optim2d/surfaces.ts';
import { figureMarkup } from '../shared/figure.ts';
import { escapeHtml } from '../shared/html.ts';
import { controlsMarkup } from '../shared/settings.ts';
import { learningRateOf, rateSliderMarkup, SETTINGS, type RaceFormSettings } from './config.ts';
import { plotMarkup, swatchMarkup } from './plot.ts';

/** What the plot says to a keyboard user: where the start is and how to move it. */
export function plotHint(start: Point): string {
  const f = (v: number) => String(Math.round(v * 100) / 100).replace('-', '−');
  return `Start point (${f(start[0])}, ${f(start[1])}). Arrow keys move it, Shift with an arrow moves it further, Home puts it back; or click the plot.`;
}

/** The legend: each optimiser's marker, name and latest loss (filled in by the element). */
export function legendMarkup(): string {
  const items = OPTIMIZER_KINDS.map(
    (kind) =>
      `<li class="tk-race__item" data-kind="${kind}">${swatchMarkup(kind)}<span class="tk-race__name">${OPTIMIZER_NAMES[kind]}</span>` +
      `<span class="tk-race__loss" data-part="loss-${kind}"></span></li>`,
  );
  return `<ul class="tk-race__legend" data-part="legend" aria-label="Optimisers: marker and loss">${items.join('')}</ul>`;
}

export function raceMarkup(settings: RaceFormSettings, contours: string): string {
  const surface = SURFACES[settings.surface];
  const start = surface.start;
  const ready = readyStatus({ surface: settings.surface, learningRate: learningRateOf(settings), momentum: settings.momentum, start });
  const plot =
    `<div class="tk-race__plot" data-part="plot" data-surface="${surface.id}" tabindex="0" role="group" aria-label="${escapeHtml(plotHint(start))}">` +
    plotMarkup(surface, start, contours) +
    `</div>`;
  return `<div class="tk-widget tk-race" data-part="root">
<p class="tk-widget__title">Four optimisers, one loss surface</p>
${figureMarkup([{ caption: surface.description, content: plot + legendMarkup(), part: 'figure-body', wide: true }])}
<fieldset class="tk-settings" data-part="settings">
<legend>Settings</legend>
${controlsMarkup(SETTINGS, settings, { custom: { rate: rateSliderMarkup(settings.rate) } })}
</fieldset>
<div class="tk-actions">
<button type="button" class="tk-button tk-button--primary" data-part="play">Play</button>
<button type="button" class="tk-button" data-part="step">Step</button>
<button type="button" class="tk-button" data-part="reset">Reset</button>
</div>
<p class="tk-status" role="status" aria-live="polite" data-part="status">${escapeHtml(ready)}</p>
</div>`;
}
