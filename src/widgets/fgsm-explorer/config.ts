/**
 * The FGSM explorer's settings and static markup (rendered at build time by FgsmExplorer.astro; no DOM
 * here). Before any script runs the figure shows its four empty image panels with their captions, the
 * colour legend of the perturbation, the empty probability bars, the ε slider, the image and model
 * pickers and the status line; the element fills them once the test image and the model are loaded.
 */
import { LESSON_EPSILON } from '../../lib/adversarial/sneaker.ts';
import { FASHION_CLASS_NAMES } from '../../lib/data/manifest.ts';
import { formatCount } from '../../lib/format/numbers.ts';
import { classBarsSvg } from '../../viz/class-bars.ts';
import { signedLegendSvg } from '../../viz/perturbation-image.ts';
import { figureMarkup } from '../shared/figure.ts';
import { escapeHtml } from '../shared/html.ts';
import { progressMarkup } from '../shared/progress.ts';
import { controlsMarkup, numberRange, rangeMarkup, selectMarkup, textChoice, type SettingsOf } from '../shared/settings.ts';
import { SALIENCY_SCALE, formatEpsilon, scaleSentence } from './text.ts';

/** The slider's range: 0 to 0.3 in steps of 0.001, the grid the smallest flipping ε is searched on. */
export const EPSILON_MAX = 0.3;
export const EPSILON_STEP = 0.001;

/** Which test image: the lesson's sneaker (or the index an author gives), or one of a few others. */
export type ImageChoice = 'lesson' | 'sneaker' | 'bag' | 'shirt' | 'boot';
/** The class each other choice looks for, and whether it must come after the lesson's image. */
export const IMAGE_CLASSES: Readonly<Record<Exclude<ImageChoice, 'lesson'>, number>> = { sneaker: 7, bag: 8, shirt: 6, boot: 9 };
const IMAGE_LABELS: Readonly<Record<ImageChoice, string>> = {
  lesson: 'The lesson’s sneaker',
  sneaker: 'Another sneaker',
  bag: 'A bag',
  shirt: 'A shirt',
  boot: 'An ankle boot',
};

export type ModelChoice = 'pretrained' | 'saved';

/** The settings, declared once; ε starts at the lesson's (LESSON_EPSILON) unless the author says otherwise. */
export const SETTINGS = {
  epsilon: numberRange({ label: 'ε (how far each pixel may move)', min: 0, max: EPSILON_MAX, step: EPSILON_STEP, default: LESSON_EPSILON }),
  image: textChoice<ImageChoice>({ label: 'Image', choices: ['lesson', 'sneaker', 'bag', 'shirt', 'boot'], default: 'lesson' }),
  model: textChoice<ModelChoice>({
    label: 'Model',
    choices: ['pretrained', 'saved'],
    default: 'pretrained',
    format: (m) => (m === 'pretrained' ? 'The pretrained CNN' : 'Your CNN from the CNN lesson'),
  }),
};
export type FgsmSettings = SettingsOf<typeof SETTINGS>;

/** The first option's words: the lesson's sneaker, or "Test image 1,235" when the author picked an index. */
export function imageLabel(choice: ImageChoice, authorIndex: number | null): string {
  return choice === 'lesson' && authorIndex !== null ? `Test image ${formatCount(authorIndex)}` : IMAGE_LABELS[choice];
}

export const IDLE_STATUS = 'Loads the test image and the pretrained CNN when you reach it.';

const canvas = (name: string, label: string) =>
  `<canvas class="tk-fgsm__image" data-part="${name}" width="28" height="28" role="img" aria-label="${escapeHtml(label)}"></canvas>`;

/** The empty bars of the ten classes, before and after. */
export function barsMarkup(before: ArrayLike<number> | null, after: ArrayLike<number> | null, epsilon: number): string {
  return classBarsSvg({
    classes: FASHION_CLASS_NAMES,
    series: [
      { name: 'Original', values: before },
      { name: `Adversarial, ε = ${formatEpsilon(epsilon)}`, values: after },
    ],
    layout: 'rows',
  });
}

/**
 * The whole widget. `authorIndex` is the test image an author chose (null: the lesson's sneaker);
 * `settings` the first values of the controls.
 */
export function fgsmMarkup(settings: FgsmSettings, authorIndex: number | null): string {
  const table = SETTINGS;
  const image = selectMarkup('image', { ...table.image, format: (c: ImageChoice) => imageLabel(c, authorIndex) }, settings.image);
  const epsilon = rangeMarkup('epsilon', table.epsilon, settings.epsilon, formatEpsilon);
  return `<div class="tk-widget tk-fgsm" data-part="root">
<p class="tk-widget__title">Fool the classifier: the fast gradient sign method</p>
<p class="tk-widget__intro">FGSM moves every pixel by ε in the direction that raises the model’s loss for the true class: x′ = clip(x + ε·sign(∇ₓ loss), 0, 1). Move ε and watch the prediction.</p>
${figureMarkup([
  { caption: 'Original', content: canvas('original', 'The original test image: loading'), part: 'original-box' },
  { caption: 'Saliency |∂loss/∂x|', content: canvas('saliency', 'The saliency map: loading'), part: 'saliency-box' },
  { caption: 'Perturbation', content: canvas('perturbation', 'The perturbation: loading'), part: 'perturbation-box' },
  { caption: 'Adversarial', content: canvas('adversarial', 'The adversarial image: loading'), part: 'adversarial-box' },
  {
    caption: scaleSentence(settings.epsilon),
    content: `<div class="tk-controls-box tk-fgsm__slider"><div class="tk-controls">${epsilon}</div></div>${signedLegendSvg({ negative: '−ε (less ink)', positive: '+ε (more ink)' })}`,
    part: 'legend',
    wide: true,
  },
  {
    caption: 'Probability of each class: the original image (upper bar) and the adversarial one (lower bar)',
    content: barsMarkup(null, null, settings.epsilon),
    part: 'bars',
    wide: true,
  },
])}
<p class="tk-status" role="status" aria-live="polite" data-part="status">${IDLE_STATUS}</p>
<p class="tk-fgsm__flip" data-part="flip">The smallest ε that flips this image appears here once the model is loaded.</p>
<div class="tk-actions"><button type="button" class="tk-button" data-part="go-flip" disabled>Set ε to the smallest that flips it</button></div>
<fieldset class="tk-settings" data-part="controls">
<legend>Image and model</legend>
${controlsMarkup(table, settings, { custom: { image }, skip: ['epsilon'] })}
</fieldset>
<p class="tk-note">${escapeHtml(SALIENCY_SCALE)}</p>
${progressMarkup('Download')}
<div class="tk-error" data-part="error" hidden></div>
</div>`;
}
