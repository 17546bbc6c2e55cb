/**
 * The optimiser race's settings table. The learning-rate slider moves through a list of round
 * rates (0.0005 … 0.5, roughly ×2 a notch), since good rates differ by orders of magnitude
 * between surfaces; switching surface moves it to the rate that suits that surface.
 */
import { SURFACE_IDS, SURFACES, type SurfaceId } from '../../lib/optim2d/surfaces.ts';
import { escapeHtml } from '../shared/html.ts';
import { numberRange, textChoice, type SettingsOf } from '../shared/settings.ts';

export const LEARNING_RATES = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5] as const;

/** The slider notch of a learning rate (the nearest one on a log scale). */
export function rateIndex(learningRate: number): number {
  let best = 0;
  LEARNING_RATES.forEach((r, i) => {
    if (Math.abs(Math.log(r / learningRate)) < Math.abs(Math.log(LEARNING_RATES[best]! / learningRate))) best = i;
  });
  return best;
}

export const SETTINGS = {
  surface: textChoice<SurfaceId>({ label: 'Surface', choices: SURFACE_IDS, default: 'valley', format: (id) => SURFACES[id].name }),
  rate: numberRange({ label: 'Learning rate', min: 0, max: LEARNING_RATES.length - 1, step: 1, default: rateIndex(SURFACES.valley.learningRate) }),
  momentum: numberRange({ label: 'Momentum β', min: 0, max: 0.99, step: 0.01, default: 0.9 }),
};
export type RaceFormSettings = SettingsOf<typeof SETTINGS>;

export const learningRateOf = (s: Pick<RaceFormSettings, 'rate'>): number => LEARNING_RATES[Math.round(s.rate)] ?? LEARNING_RATES[0];

/** The learning-rate slider: notches of LEARNING_RATES, the rate itself shown and read out (aria-valuetext). */
export function rateSliderMarkup(index: number): string {
  const spec = SETTINGS.rate;
  const rate = learningRateOf({ rate: index });
  return (
    `<label class="tk-field"><span class="tk-field__label">${escapeHtml(spec.label)}</span>` +
    `<input type="range" name="rate" data-part="rate" min="${spec.min}" max="${spec.max}" step="1" value="${index}" aria-valuetext="${rate}">` +
    `<span class="tk-field__value" data-part="rate-value" aria-hidden="true">${rate}</span></label>`
  );
}
