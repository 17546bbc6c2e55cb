/**
 * The run comparison's static markup (rendered at build time by RunCompare.astro): before Start
 * the empty axes with the legend, and the results table listing the runs and their settings.
 * No DOM here.
 */
import { plural } from '../../lib/format/numbers.ts';
import { accuracyFrame } from '../../viz/epoch-frames.ts';
import { figureMarkup, type FigurePanel } from '../shared/figure.ts';
import { escapeHtml } from '../shared/html.ts';
import { progressMarkup } from '../shared/progress.ts';
import { runControlsMarkup } from '../shared/run-controls.ts';
import { controlsMarkup, type SettingsOf } from '../shared/settings.ts';
import { overlaid, runsOf, SETTINGS, type ComparedRun, type Preset } from './config.ts';
import { resultsTableMarkup } from './results.ts';

export type PresetSettings = SettingsOf<(typeof SETTINGS)[keyof typeof SETTINGS]>;

/** A legend entry: a line sample (dashed or solid) in the run's colour, and its name in words. */
function legendItem(color: string, dashed: boolean, label: string): string {
  return (
    `<li><svg class="tk-chart__swatch" width="24" height="10" aria-hidden="true"><line x1="1" x2="23" y1="5" y2="5" style="stroke:${color};stroke-width:2.5${dashed ? ';stroke-dasharray:5 3' : ''}"/></svg>` +
    `<span>${escapeHtml(label)}</span></li>`
  );
}

export function legendMarkup(preset: Preset, runs: readonly ComparedRun[]): string {
  const items = overlaid(preset)
    ? runs.map((r) => legendItem(r.color, r.dashed, `${r.name} (${r.detail})`))
    : [legendItem('var(--fg, #1f2328)', true, 'training accuracy (dashed)'), legendItem('var(--fg, #1f2328)', false, 'validation accuracy (solid)')];
  return `<ul class="tk-chart__legend tk-compare__legend" data-part="legend">${items.join('')}</ul>`;
}

/** The chart panels: one for all runs (optimisers, MLP against CNN), or one per run (regularisation). */
export function chartPanels(preset: Preset, runs: readonly ComparedRun[], epochs: number): FigurePanel[] {
  const frame = `<div class="tk-compare__chart">${accuracyFrame({ epochs })}</div>`;
  if (overlaid(preset)) {
    return [{ caption: 'Validation accuracy after each epoch', content: frame + legendMarkup(preset, runs), part: 'chart-all', wide: true }];
  }
  return runs.map((run) => ({ caption: `${run.name}: ${run.detail}`, content: frame, part: `chart-${run.id}` }));
}

export function compareMarkup(preset: Preset, settings: PresetSettings, idleStatus: string): string {
  const runs = runsOf(preset, settings);
  const legend = overlaid(preset) ? '' : legendMarkup(preset, runs);
  return `<div class="tk-widget tk-compare tk-compare--${preset.id}" data-part="root">
<p class="tk-widget__title">${escapeHtml(preset.title)}</p>
<p class="tk-widget__intro">${escapeHtml(preset.intro)}</p>
${figureMarkup(chartPanels(preset, runs, settings.epochs))}
${legend}
<div class="tk-compare__results" data-part="results" tabindex="0" role="region" aria-label="Results of the runs (scrolls sideways on a narrow screen)">${resultsTableMarkup(preset, runs, [])}</div>
<fieldset class="tk-settings" data-part="settings">
<legend>Settings</legend>
${controlsMarkup(SETTINGS[preset.id], settings)}
</fieldset>
${runControlsMarkup(idleStatus)}
${progressMarkup('Progress')}
<div class="tk-error" data-part="error" hidden></div>
</div>`;
}

/** Before Start: what will run, in words. */
export function idleStatus(preset: Preset, settings: PresetSettings): string {
  const n = preset.runs.length;
  const data = preset.dataset === 'fashion-mnist' ? ' Fashion-MNIST' : '';
  return `Ready: ${n} runs, one after another, each ${plural(settings.epochs, 'epoch')} on ${settings.trainLimit.toLocaleString('en-US')}${data} training images. Press Start training.`;
}
