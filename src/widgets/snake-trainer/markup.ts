/**
 * The Snake trainer's static markup, as a string rendered at build time by SnakeTrainer.astro
 * (visible before any script runs). No DOM here. Parts are found by `data-part`; every control's
 * label wraps it, so no ids are needed. Each slider's `value` attribute is its default, which
 * Reset restores (`input.defaultValue`).
 */
import { EVAL_GAMES } from '../../lib/rl/qlearning.ts';
import { formatCount, formatPercent } from '../../lib/format/numbers.ts';
import { escapeHtml } from '../shared/html.ts';
import { emptyChartSvg, linearTicks, snakeBoardSvg } from '../shared/snake/figure.ts';
import { selectMarkup } from '../shared/settings.ts';
import { progressMarkup } from '../shared/progress.ts';
import { REACHABLE_3X3, SETTINGS, SLIDERS, formatSlider, type SliderSpec, type TrainerSettings } from './config.ts';
import { runControlsMarkup } from '../shared/run-controls.ts';

export const IDLE_STATUS = 'Ready. Press Start training: Q-learning runs in the background and the curves fill in as it learns.';

function slider(spec: SliderSpec, value: number): string {
  // One row of the controls grid: label | slider | value (the label wraps all three, so no ids).
  return (
    `<label class="tk-field tk-snake-trainer__slider"><span class="tk-field__label">${escapeHtml(spec.label)}</span>` +
    `<input type="range" name="${spec.name}" data-part="${spec.name}" data-digits="${spec.digits}" ` +
    `min="${spec.min}" max="${spec.max}" step="${spec.step}" value="${value}">` +
    `<span class="tk-controls__value" data-part="${spec.name}-value">${escapeHtml(formatSlider(spec, value))}</span></label>`
  );
}

/**
 * The figure before any run: the two empty charts (the stop-early target dashed).
 * @public (the element imports this module when a setting changes: `markup.trainerFigureMarkup`)
 */
export function trainerFigureMarkup(settings: TrainerSettings): string {
  const xTicks = linearTicks(settings.seconds);
  const percent = [0, 0.2, 0.4, 0.6, 0.8, 1].map((v) => ({ value: v, label: `${Math.round(v * 100)}%` }));
  const moves = [0, 5, 10, 15, 20, 25].map((v) => ({ value: v, label: String(v) }));
  return (
    emptyChartSvg({
      title: 'Greedy win rate',
      xLabel: 'Training time (s)',
      yLabel: 'Win rate',
      xTicks,
      yTicks: percent,
      target: settings.target > 0 ? { y: settings.target, label: targetLabel(settings.target) } : undefined,
    }) + emptyChartSvg({ title: 'Average game length', xLabel: 'Training time (s)', yLabel: 'Moves per game', xTicks, yTicks: moves })
  );
}

/** The legend words of the dashed stop-early line. */
function targetLabel(target: number): string {
  return `target: training stops at ${formatPercent(target, 0)} greedy wins`;
}

/** A fixed position for the figure: a snake of length 3 (head at row 2, column 2) and the food in the far corner. */
function samplePosition(size: number) {
  return { size, body: [size + 1, size, 0], food: size * size - 1 };
}

/**
 * The sample board and its caption.
 * @public (the element imports this module when a setting changes: `markup.sampleMarkup`)
 */
export function sampleMarkup(size: number): string {
  return (
    `${snakeBoardSvg(samplePosition(size), 120)}<figcaption class="tk-note">A ${size} × ${size} position: a snake of length 3 ` +
    `(its head has the eye) and the food. Fill every cell to win.</figcaption>`
  );
}

export function snakeTrainerMarkup(settings: TrainerSettings): string {
  const group = (names: string[]) =>
    SLIDERS.filter((s) => names.includes(s.name))
      .map((s) => slider(s, settings.values[s.name]))
      .join('\n');
  return `<div class="tk-widget tk-snake-trainer" data-part="root">
<p class="tk-widget__title">Q-learning plays Snake</p>
<p class="tk-widget__intro">A table of Q-values learns Snake by trial and error, in a background worker on your device. Every few dozen milliseconds of training, the greedy policy (always the best action in the table) plays the same ${formatCount(EVAL_GAMES)} evaluation games; the curves show how many it wins.</p>
<div class="tk-figure tk-snake-trainer__figure">
<div class="tk-charts tk-snake-trainer__charts" data-part="charts">${trainerFigureMarkup(settings)}</div>
<figure class="tk-snake-trainer__sample" data-part="sample">${sampleMarkup(settings.size)}</figure>
</div>
<fieldset class="tk-settings tk-snake-trainer__settings" data-part="settings">
<legend>Settings</legend>
<div class="tk-controls">
${selectMarkup('size', SETTINGS.size, settings.size)}
${selectMarkup('seconds', SETTINGS.seconds, settings.seconds)}
${selectMarkup('target', SETTINGS.target, settings.target)}
</div>
<div class="tk-snake-trainer__sliders">
<div class="tk-controls" role="group" aria-label="Learning">
${group(['alpha', 'gamma', 'epsilonStart', 'epsilonEnd', 'epsilonDecayEpisodes'])}
</div>
<div class="tk-controls" role="group" aria-label="Rewards">
${group(['food', 'win', 'loss', 'step'])}
</div>
</div>
</fieldset>
${runControlsMarkup(IDLE_STATUS, '<button type="button" class="tk-button" data-part="reset">Reset</button>\n')}
${progressMarkup('Training')}
<div class="tk-error" data-part="error" hidden></div>
<p class="tk-note" data-part="optimum">On 3 × 3 the exact optimum, found by value iteration over all ${formatCount(REACHABLE_3X3)} reachable states, wins 100% of games.</p>
<p class="tk-note" data-part="summary" hidden></p>
<section class="tk-snake-trainer__inspector" data-part="inspector" aria-label="Q-table inspector" hidden>
<p class="tk-snake-trainer__heading">Q-table inspector</p>
<p class="tk-note">The four action values the table holds for one state of an evaluation game. The greedy policy plays the best one (marked ★ and drawn as an arrow).</p>
<div class="tk-snake-trainer__inspect-controls">
<label class="tk-field"><span class="tk-field__label">Evaluation game</span><select data-part="inspect-game"></select></label>
<div class="tk-actions">
<button type="button" class="tk-button" data-part="inspect-prev">Previous move</button>
<button type="button" class="tk-button" data-part="inspect-next">Next move</button>
</div>
</div>
<div class="tk-snake-trainer__inspect-body">
<canvas class="tk-snake-board" data-part="inspect-board" width="160" height="160"></canvas>
<div>
<p data-part="inspect-where" aria-live="polite"></p>
<table class="tk-snake-trainer__qtable" data-part="inspect-table">
<caption>Q-values of this state</caption>
<thead><tr><th scope="col">Action</th><th scope="col">Q-value</th></tr></thead>
<tbody>
${['up', 'down', 'left', 'right'].map((a, i) => `<tr data-part="q-row-${i}"><th scope="row">${a}</th><td data-part="q-${i}">–</td></tr>`).join('\n')}
</tbody>
</table>
</div>
</div>
</section>
</div>`;
}
