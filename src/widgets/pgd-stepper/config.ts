/**
 * The PGD stepper's settings table: the target (a class, or any class but the true one), ε, the step
 * size α as a fraction of ε, the number of steps and the random start. Any value an author or a
 * restored form gives that is not offered falls back to the default.
 */
import { LESSON_EPSILON, TARGET_CLASS } from '../../lib/adversarial/sneaker.ts';
import { FASHION_CLASS_NAMES } from '../../lib/data/manifest.ts';
import { flag, numberChoice, numberRange, textChoice, type SettingsOf } from '../shared/settings.ts';

/** The class of the lesson's sneaker: the target select leaves it out (a sneaker is already a sneaker). */
export const SNEAKER_CLASS = FASHION_CLASS_NAMES.indexOf('Sneaker');

/** 'any' is the untargeted attack (any class but the true one will do); a digit is a target class. */
export type TargetChoice = 'any' | `${number}`;

const TARGETS: readonly TargetChoice[] = [
  ...FASHION_CLASS_NAMES.map((_, c) => String(c) as TargetChoice).filter((c) => Number(c) !== SNEAKER_CLASS),
  'any',
];

/** α as a fraction of ε: a quarter by default (4 steps cross the ball), twice ε to watch the projection work. */
export const STEP_FRACTIONS = [0.1, 0.25, 0.5, 1, 2] as const;
const fractionText = (f: number): string => (f === 1 ? 'ε' : f > 1 ? `${f}ε` : `ε/${Math.round(1 / f)}`);

export const SETTINGS = {
  target: textChoice<TargetChoice>({
    label: 'Make it a',
    choices: TARGETS,
    default: String(TARGET_CLASS) as TargetChoice,
    format: (t) => (t === 'any' ? 'Any other class (untargeted)' : (FASHION_CLASS_NAMES[Number(t)] ?? t)),
  }),
  epsilon: numberRange({ label: 'Budget ε (max-norm)', min: 0.005, max: 0.3, step: 0.005, default: LESSON_EPSILON }),
  stepFraction: numberChoice({ label: 'Step size α', choices: STEP_FRACTIONS, default: 0.25, format: fractionText }),
  steps: numberChoice({ label: 'Steps at most', choices: [10, 20, 40, 100], default: 20 }),
  randomStart: flag({ label: 'Random start in the ball', default: false, secondary: true }),
};
export type StepperForm = SettingsOf<typeof SETTINGS>;

/** The target class of a form, or null for the untargeted attack. */
export const targetOf = (form: Pick<StepperForm, 'target'>): number | null => (form.target === 'any' ? null : Number(form.target));

/** α itself. */
export const stepSizeOf = (form: Pick<StepperForm, 'epsilon' | 'stepFraction'>): number => form.epsilon * form.stepFraction;

/** ε as the slider shows it: 0.1, 0.025. */
export const formatEpsilon = (v: number): string => String(Number(v.toFixed(3)));
