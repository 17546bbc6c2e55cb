/**
 * The SnakeDqn widget's static markup (rendered at build time by SnakeDqn.astro, or by the
 * element when created without it) and its pure helpers. No DOM here.
 */
import { backendPickerMarkup } from '../shared/backend-picker.ts';
import { defaults, numberChoice, parseSettings, selectMarkup, textChoice, type SettingsOf } from '../shared/settings.ts';
import type { BackendRequest } from '../../lib/runtime/backends.ts';
import { runControlsMarkup } from '../shared/run-controls.ts';
import { emptyChartSvg, linearTicks, snakeBoardSvg } from '../shared/snake/figure.ts';

export const IDLE_STATUS = 'Ready. Press Start: a small neural network learns to play Snake on a 5×5 board, in your browser.';

/** Training-time choices in seconds (0 = until Stop). */
export const SECONDS_CHOICES = [30, 60, 120, 0] as const;
export const DEFAULT_SECONDS = 60;

const BACKENDS: readonly BackendRequest[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

/** The settings, declared once (the select, the parsing and the defaults come from here). */
export const SETTINGS = {
  seconds: numberChoice({
    label: 'Train for',
    choices: SECONDS_CHOICES,
    default: DEFAULT_SECONDS,
    format: (s) => (s === 0 ? 'until I press Stop' : `${s} s`),
  }),
  backend: textChoice<BackendRequest>({ label: 'Backend', choices: BACKENDS, default: 'wasm' }),
};

export type DqnSettings = SettingsOf<typeof SETTINGS>;

export const DEFAULT_DQN_SETTINGS: DqnSettings = defaults(SETTINGS);

/** Settings from attribute or form values; anything not offered falls back to the default. */
export function dqnSettingsFrom(values: { seconds?: string | null; backend?: string | null }): DqnSettings {
  return parseSettings(SETTINGS, (name) => values[name as keyof typeof values]);
}

/** Food per game with one decimal: "7.2". */
export const formatFood = (food: number): string => food.toFixed(1);

/** "After 40 s: the agent eats 7.2 pieces of food per game on average (random: 0.3)". */
export function dqnStatus(seconds: number, food: number, randomFood: number): string {
  const pieces = formatFood(food) === '1.0' ? 'piece' : 'pieces';
  return `After ${Math.round(seconds)} s: the agent eats ${formatFood(food)} ${pieces} of food per game on average (random: ${formatFood(randomFood)})`;
}

/** A fixed 5×5 position for the figure before a run (head at row 3, column 3; length 4). */
const SAMPLE_POSITION = { size: 5, body: [12, 11, 6, 1], food: 19 };

/** The empty food-per-game chart, its x axis over the chosen training time (30 s when it runs until Stop). */
function dqnFigureChart(seconds: number): string {
  const span = seconds > 0 ? seconds : 30;
  return emptyChartSvg({
    title: 'Food eaten per game',
    xLabel: 'training time (s)',
    yLabel: 'food per game',
    xTicks: linearTicks(span),
    width: 400,
    yTicks: [0, 2, 4, 6, 8, 10].map((v) => ({ value: v, label: String(v) })),
  });
}

export function snakeDqnMarkup(settings: DqnSettings): string {
  return `<div class="tk-widget tk-snake-dqn" data-part="root">
<p class="tk-widget__title">A deep Q-network plays Snake on 5×5</p>
<p class="tk-widget__intro">No table: a small neural network (18 board features → 64 ReLU units → 4 Q-values) learns the action values with experience replay, a target network and Adam, in TensorFlow.js. Features: danger and free room in each direction, where the food is, the current direction, length and hunger. Every few seconds it plays 40 fixed games greedily.</p>
<div class="tk-figure tk-snake-dqn__live" data-part="live">
<div class="tk-charts" data-part="chart">${dqnFigureChart(settings.seconds)}</div>
<figure class="tk-snake-dqn__board">
${snakeBoardSvg(SAMPLE_POSITION, 200)}
<canvas class="tk-snake-dqn__canvas" data-part="board" width="200" height="200" role="img" aria-label="The board (no game yet)" hidden></canvas>
<figcaption class="tk-note" data-part="board-caption">A 5×5 position: the snake (its head has the eye) and the food. Once training runs, the agent's latest greedy game plays here.</figcaption>
</figure>
</div>
<fieldset class="tk-settings tk-snake-dqn__settings" data-part="settings">
<legend>Settings</legend>
<div class="tk-controls">
${selectMarkup('seconds', SETTINGS.seconds, settings.seconds)}
</div>
<details class="tk-more"><summary>Backend</summary>
<div class="tk-controls">
${backendPickerMarkup(settings.backend)}
</div>
</details>
</fieldset>
${runControlsMarkup(IDLE_STATUS)}
<p class="tk-note" data-part="backend" hidden></p>
<div class="tk-error" data-part="error" hidden></div>
</div>`;
}
