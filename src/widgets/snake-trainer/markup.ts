/**
 * The Snake trainer's static markup, as a string rendered at build time by SnakeTrainer.astro
 * (visible before any script runs). No DOM here. Parts are found by `data-part`; every control's
 * label wraps it, so no ids are needed. Each slider's `value` attribute is its default, which
 * Reset restores (`input.defaultValue`).
 */
import { formatCount } from '../../lib/format/numbers.ts';
import { EVAL_GAMES } from '../../lib/rl/qlearning.ts';
import { escapeHtml } from '../shared/html.ts';
import { selectMarkup } from '../shared/settings.ts';
import { progressMarkup } from '../shared/progress.ts';
import { REACHABLE_3X3, SETTINGS, SLIDERS, formatSlider, type SliderSpec, type TrainerSettings } from './config.ts';
import { runControlsMarkup } from '../shared/run-controls.ts';

export const IDLE_STATUS = 'Ready. Press Start training: Q-learning runs in the background and the curves fill in as it learns.';

function slider(spec: SliderSpec, value: number): string {
  return (
    `<label class="tk-field tk-snake-trainer__slider"><span class="tk-field__label">${escapeHtml(spec.label)} ` +
    `<span class="tk-snake-trainer__value" data-part="${spec.name}-value">${escapeHtml(formatSlider(spec, value))}</span></span>` +
    `<input type="range" name="${spec.name}" data-part="${spec.name}" data-digits="${spec.digits}" ` +
    `min="${spec.min}" max="${spec.max}" step="${spec.step}" value="${value}"></label>`
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
<fieldset class="tk-settings tk-snake-trainer__settings" data-part="settings">
<legend>Settings</legend>
<div class="tk-snake-trainer__group">
${selectMarkup('size', SETTINGS.size, settings.size)}
${selectMarkup('seconds', SETTINGS.seconds, settings.seconds)}
${selectMarkup('target', SETTINGS.target, settings.target)}
</div>
<div class="tk-snake-trainer__group">
${group(['alpha', 'gamma'])}
</div>
<div class="tk-snake-trainer__group">
${group(['epsilonStart', 'epsilonEnd', 'epsilonDecayEpisodes'])}
</div>
<div class="tk-snake-trainer__group">
${group(['food', 'win', 'loss', 'step'])}
</div>
</fieldset>
${runControlsMarkup(IDLE_STATUS, '<button type="button" class="tk-button" data-part="reset">Reset</button>\n')}
${progressMarkup('Training')}
<div class="tk-error" data-part="error" hidden></div>
<p class="tk-note" data-part="optimum">On 3 × 3 the exact optimum, found by value iteration over all ${formatCount(REACHABLE_3X3)} reachable states, wins 100% of games.</p>
<div class="tk-charts tk-snake-trainer__charts" data-part="charts" hidden></div>
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
