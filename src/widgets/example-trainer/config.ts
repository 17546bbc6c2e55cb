/** The example's settings table and markup (rendered by the Astro page at build time; no DOM here). */
import { progressMarkup } from '../shared/progress.ts';
import { numberChoice, selectMarkup, type SettingsOf } from '../shared/settings.ts';
import { runControlsMarkup } from '../shared/run-controls.ts';

export const SETTINGS = {
  epochs: numberChoice({ label: 'Epochs', choices: [100, 500, 5000], default: 500 }),
  learningRate: numberChoice({ label: 'Learning rate', choices: [0.01, 0.1, 0.5], default: 0.1 }),
};
export type ExampleSettings = SettingsOf<typeof SETTINGS>;

export const IDLE_STATUS = 'Ready. Press Start training to fit a line to 64 points.';

export function exampleMarkup(s: ExampleSettings): string {
  return `<div class="tk-widget" data-part="root">
<p class="tk-widget__title">Fit a line</p>
<fieldset class="tk-settings" data-part="settings">
<legend>Settings</legend>
${selectMarkup('epochs', SETTINGS.epochs, s.epochs)}
${selectMarkup('learningRate', SETTINGS.learningRate, s.learningRate)}
</fieldset>
${runControlsMarkup(IDLE_STATUS)}
${progressMarkup('Progress')}
<div class="tk-error" data-part="error" hidden></div>
</div>`;
}
