/**
 * The PGD stepper's static markup (rendered at build time by PgdStepper.astro, so the probability
 * chart's axes and the 2-pixel ε-ball are there before any script runs; the images fill in once the
 * model and the test image are loaded). No DOM here.
 */
import { FASHION_CLASS_NAMES } from '../../lib/data/manifest.ts';
import { emptyChart } from '../../viz/chart-frame.ts';
import { signedLegendSvg } from '../../viz/perturbation-image.ts';
import { figureMarkup } from '../shared/figure.ts';
import { escapeHtml } from '../shared/html.ts';
import { progressMarkup } from '../shared/progress.ts';
import { controlsMarkup, rangeMarkup } from '../shared/settings.ts';
import { ballMarkup } from './ball.ts';
import { formatEpsilon, SETTINGS, SNEAKER_CLASS, targetOf, type StepperForm } from './config.ts';

export const IDLE_STATUS = 'Loads the lesson’s sneaker and the pretrained CNN when you reach it.';

/** The chart's two series' names: the true class and the target (or the strongest other class). */
export function seriesLabels(trueClass: number, target: number | null): [string, string] {
  const name = (c: number) => FASHION_CLASS_NAMES[c] ?? `class ${c}`;
  return [`${name(trueClass)} (true class)`, target === null ? 'Strongest other class' : `${name(target)} (target)`];
}

/** The probability chart's options: the same for the empty frame and the live d3 chart. */
export function chartOptions(steps: number): {
  title: string;
  xLabel: string;
  yLabel: string;
  xDomain: [number, number];
  yDomain: [number, number];
  formatY: (y: number) => string;
} {
  return {
    title: 'Probability per step',
    xLabel: 'Step',
    yLabel: 'Probability',
    xDomain: [0, steps],
    yDomain: [0, 1],
    formatY: (y) => `${Math.round(y * 100)}%`,
  };
}

const image = (name: string, label: string, extra = '') =>
  `<canvas class="tk-pgd__image${extra}" data-part="${name}" width="28" height="28" role="img" aria-label="${escapeHtml(label)}"></canvas>`;

/** δ's colour scale (viz/perturbation-image.ts, as in the FGSM explorer): blue −ε (less ink), white no change, vermillion +ε (more ink). */
export function deltaKey(epsilon: number): string {
  const e = formatEpsilon(epsilon);
  return `<div class="tk-pgd__key" data-part="delta-key">${signedLegendSvg({ negative: `−${e} (less ink)`, positive: `+${e} (more ink)` })}</div>`;
}

/** The two small maps of what the last step's projection and clipping moved. */
function movesMarkup(): string {
  return (
    `<div class="tk-pgd__moves">` +
    `<figure class="tk-pgd__move">${image('projected', 'Pixels the projection moved: none yet', ' tk-pgd__image--small')}` +
    `<figcaption data-part="projected-caption">Projection: no step yet</figcaption></figure>` +
    `<figure class="tk-pgd__move">${image('clipped', 'Pixels clipping moved: none yet', ' tk-pgd__image--small')}` +
    `<figcaption data-part="clipped-caption">Clipping: no step yet</figcaption></figure>` +
    `</div>`
  );
}

const ACTIONS = `<div class="tk-actions">
<button type="button" class="tk-button tk-button--primary" data-part="step" disabled>Step</button>
<button type="button" class="tk-button" data-part="run" disabled>Run</button>
<button type="button" class="tk-button" data-part="reset" disabled>Reset</button>
</div>`;

export function pgdStepperMarkup(form: StepperForm): string {
  const [trueLabel, targetLabel] = seriesLabels(SNEAKER_CLASS, targetOf(form));
  const chart = `<div class="tk-pgd__chart" data-part="chart">${emptyChart(chartOptions(form.steps))}</div>`;
  return `<div class="tk-widget tk-pgd" data-part="root">
<p class="tk-widget__title">Targeted PGD, one step at a time</p>
<p class="tk-widget__intro">Each step nudges every pixel by α in the direction that makes the chosen class more likely (the sign of the input gradient), then pulls any pixel that strayed more than ε from the original back to ε (the projection), then clips pixels to [0, 1]. Step through it, or Run to the end.</p>
${figureMarkup([
  { caption: 'Original x₀: the lesson’s sneaker', content: image('original', 'The original test image'), part: 'original-box' },
  { caption: 'Adversarial x after step 0', content: image('adversarial', 'The adversarial image'), part: 'adversarial-box' },
  {
    caption: 'δ = x − x₀, amplified: full colour is ±ε',
    content: image('delta', 'The perturbation δ, amplified') + deltaKey(form.epsilon),
    part: 'delta-box',
  },
  { caption: 'What the last step’s projection and clipping moved (marked pixels)', content: movesMarkup(), part: 'moves-box' },
  {
    caption: `${trueLabel} and ${targetLabel.toLowerCase()}: probability after each step`,
    content: chart,
    part: 'chart-box',
    wide: true,
  },
  {
    caption:
      'A 2-pixel illustration, made-up numbers: the step (dashed) leaves the square, the projection pulls it back to the edge, clipping brings pixel 1 back to 1. The image has 784 pixels: its ε-ball is a 784-dimensional cube.',
    content: ballMarkup(),
  },
])}
<fieldset class="tk-settings" data-part="settings">
<legend>Attack</legend>
${controlsMarkup(SETTINGS, form, { custom: { epsilon: rangeMarkup('epsilon', SETTINGS.epsilon, form.epsilon, formatEpsilon) } })}
</fieldset>
${ACTIONS}
<p class="tk-status" role="status" aria-live="polite" data-part="status">${escapeHtml(IDLE_STATUS)}</p>
${progressMarkup('Download')}
<div class="tk-error" data-part="error" hidden></div>
</div>`;
}
