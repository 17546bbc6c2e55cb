/**
 * The trainer's static markup, as a string: rendered at build time by
 * MnistTrainer.astro (so the widget is visible before any JavaScript runs) and by
 * the element itself when it is created without it. No DOM here.
 *
 * The element finds its parts by `data-part`; ids are avoided so several widgets
 * can share a page (labels wrap their controls instead).
 */
import { backendPickerMarkup } from '../shared/backend-picker.ts';
import { selectMarkup } from '../shared/settings.ts';
import { progressMarkup } from '../shared/progress.ts';
import { SETTINGS, type TrainerSettings } from './config.ts';
import { runControlsMarkup } from '../shared/run-controls.ts';

export const IDLE_STATUS = 'Ready. Press Start training; the MNIST images (about 11 MB) are downloaded once.';

export function trainerMarkup(settings: TrainerSettings): string {
  return `<div class="tk-widget tk-mnist" data-part="root">
<p class="tk-widget__title">Train a digit reader</p>
<p class="tk-widget__intro">A network with one hidden layer learns to read handwritten digits from the MNIST images, on your own device. Nothing is sent to a server.</p>
<fieldset class="tk-settings" data-part="settings">
<legend>Settings</legend>
${backendPickerMarkup(settings.backend)}
${selectMarkup('trainLimit', SETTINGS.trainLimit, settings.trainLimit)}
${selectMarkup('epochs', SETTINGS.epochs, settings.epochs)}
${selectMarkup('hidden', SETTINGS.hidden, settings.hidden)}
</fieldset>
<p class="tk-note" data-part="backend-note" hidden></p>
${runControlsMarkup(IDLE_STATUS)}
${progressMarkup('Progress')}
<p class="tk-note" data-part="backend" hidden></p>
<div class="tk-error" data-part="error" hidden></div>
<div class="tk-charts" data-part="charts" hidden></div>
<p class="tk-note" data-part="summary" hidden></p>
<div data-part="digits" hidden></div>
</div>`;
}
