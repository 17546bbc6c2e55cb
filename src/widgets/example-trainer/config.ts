/** The example's settings table and markup (rendered by the Astro page at build time; no DOM here). */
import { chartFrame } from '../../viz/chart-frame.ts';
import { networkDiagram } from '../../viz/network-diagram.ts';
import { figureMarkup } from '../shared/figure.ts';
import { progressMarkup } from '../shared/progress.ts';
import { controlsMarkup, numberChoice, type SettingsOf } from '../shared/settings.ts';
import { runControlsMarkup } from '../shared/run-controls.ts';

export const SETTINGS = {
  epochs: numberChoice({ label: 'Epochs', choices: [100, 500, 5000], default: 500 }),
  learningRate: numberChoice({ label: 'Learning rate', choices: [0.01, 0.1, 0.5], default: 0.1, secondary: true }),
};
export type ExampleSettings = SettingsOf<typeof SETTINGS>;

export const IDLE_STATUS = 'Ready. Press Start training to fit a line to 64 points.';

/** The loss chart, empty in the markup and live at Start (the same options, so it does not jump). */
export const lossChartOptions = (epochs: number) => ({
  title: 'Loss',
  xLabel: 'Epoch',
  yLabel: 'Mean squared error',
  xDomain: [0, epochs] as [number, number],
  yDomain: [0, 2] as [number, number],
  target: { y: 0.01, label: 'noise level 0.01' },
});

export function exampleMarkup(s: ExampleSettings): string {
  return `<div class="tk-widget" data-part="root">
<p class="tk-widget__title">Fit a line</p>
${figureMarkup([
  {
    caption: 'The model: y = w·x + b, two parameters',
    content: networkDiagram([
      { name: 'Input x', units: 1 },
      { name: 'Output y', units: 1, activation: 'linear' },
    ]),
  },
  { caption: 'Loss while training', content: chartFrame(lossChartOptions(s.epochs)), part: 'chart' },
])}
<fieldset class="tk-settings" data-part="settings">
<legend>Settings</legend>
${controlsMarkup(SETTINGS, s)}
</fieldset>
${runControlsMarkup(IDLE_STATUS)}
${progressMarkup('Progress')}
<div class="tk-error" data-part="error" hidden></div>
</div>`;
}
