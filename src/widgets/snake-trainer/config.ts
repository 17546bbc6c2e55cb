/**
 * The Snake trainer's settings (sliders and choices), the run config built from them, and the
 * sentences of its status line. Pure: used by the Astro component at build time, by the element,
 * and by unit tests.
 */
import { formatCount, formatDuration, formatPercent, plural } from '../../lib/format/numbers.ts';
import { DEFAULT_Q_CONFIG, EVAL_GAMES } from '../../lib/rl/qlearning.ts';
import type { QLearningConfig } from '../../lib/rl/snake-types.ts';
import type { RlTrainConfig } from '../../workers/rl/protocol.ts';
import { numberChoice, numberRange, parseSettings, readForm, type NumberRange } from '../shared/settings.ts';

/** Reachable states of 3×3 Snake under the lesson's rules (value iteration counts them; the worker confirms). */
export const REACHABLE_3X3 = 2040;

export const SIZE_CHOICES = [3, 4, 5] as const;
/** Training time choices, seconds. */
export const TIME_CHOICES = [2, 5, 10, 30, 60] as const;
export const DEFAULT_SECONDS = 10;
/** "Stop when the greedy win rate reaches": 1 = 100%, 0.99, or 0 = never (use the whole time). */
export const TARGET_CHOICES = [
  { value: 1, label: '100% wins' },
  { value: 0.99, label: '99% wins' },
  { value: 0, label: 'never (full time)' },
] as const;
export const DEFAULT_TARGET = 1;
/** Evaluation games sent move by move to the Q-table inspector. */
export const INSPECT_GAMES = 5;

export type SliderName = 'alpha' | 'gamma' | 'epsilonStart' | 'epsilonEnd' | 'epsilonDecayEpisodes' | 'food' | 'win' | 'loss' | 'step';

export interface SliderSpec {
  name: SliderName;
  label: string;
  min: number;
  max: number;
  step: number;
  /** Decimals shown next to the slider. */
  digits: number;
}

export const SLIDERS: readonly SliderSpec[] = [
  { name: 'alpha', label: 'Learning rate η', min: 0.05, max: 1, step: 0.05, digits: 2 },
  { name: 'gamma', label: 'Discount γ', min: 0, max: 1, step: 0.01, digits: 2 },
  { name: 'epsilonStart', label: 'ε at the start', min: 0, max: 1, step: 0.01, digits: 2 },
  { name: 'epsilonEnd', label: 'ε at the end', min: 0, max: 0.5, step: 0.01, digits: 2 },
  { name: 'epsilonDecayEpisodes', label: 'ε decay (episodes)', min: 0, max: 50000, step: 500, digits: 0 },
  { name: 'food', label: 'Reward: food', min: 0, max: 10, step: 0.5, digits: 1 },
  { name: 'win', label: 'Reward: win', min: 0, max: 50, step: 1, digits: 0 },
  { name: 'loss', label: 'Reward: loss', min: -50, max: 0, step: 1, digits: 0 },
  { name: 'step', label: 'Reward: each step', min: -1, max: 0.5, step: 0.01, digits: 2 },
];

export interface TrainerSettings {
  size: number;
  seconds: number;
  /** Stop at this greedy win rate (0: never). */
  target: number;
  values: Record<SliderName, number>;
}

/** The slider values of a Q-learning config. */
export function sliderValues(q: QLearningConfig): Record<SliderName, number> {
  return {
    alpha: q.alpha,
    gamma: q.gamma,
    epsilonStart: q.epsilonStart,
    epsilonEnd: q.epsilonEnd,
    epsilonDecayEpisodes: q.epsilonDecayEpisodes,
    food: q.rewards.food,
    win: q.rewards.win,
    loss: q.rewards.loss,
    step: q.rewards.step,
  };
}

export const DEFAULT_SETTINGS: TrainerSettings = {
  size: DEFAULT_Q_CONFIG.size,
  seconds: DEFAULT_SECONDS,
  target: DEFAULT_TARGET,
  values: sliderValues(DEFAULT_Q_CONFIG),
};

/** The choices, declared once (the selects and the parsing come from here). */
export const SETTINGS = {
  size: numberChoice({ label: 'Board', choices: SIZE_CHOICES, default: DEFAULT_SETTINGS.size, format: (n) => `${n} × ${n}` }),
  seconds: numberChoice({ label: 'Training time', choices: TIME_CHOICES, default: DEFAULT_SECONDS, format: (n) => `${n} s` }),
  target: numberChoice({
    label: 'Stop early at',
    choices: TARGET_CHOICES.map((c) => c.value),
    default: DEFAULT_TARGET,
    format: (v) => TARGET_CHOICES.find((c) => c.value === v)?.label ?? String(v),
  }),
};

/** The sliders as settings: any value in their range (clamped), the default from DEFAULT_Q_CONFIG. */
export const SLIDER_SETTINGS = Object.fromEntries(
  SLIDERS.map((s) => [s.name, numberRange({ label: s.label, min: s.min, max: s.max, step: s.step, default: DEFAULT_SETTINGS.values[s.name] })]),
) as Record<SliderName, NumberRange>;

/** A slider value as shown beside it. */
export function formatSlider(spec: SliderSpec, value: number): string {
  return spec.digits === 0 ? formatCount(value) : value.toFixed(spec.digits);
}

type RawSettings = { size?: string | null; seconds?: string | null; target?: string | null } & Partial<Record<SliderName, string | null>>;

/** Settings from form values (strings); anything missing or not a number falls back to the default. */
export function settingsFromValues(raw: RawSettings): TrainerSettings {
  const get = (name: string) => raw[name as keyof RawSettings];
  return { ...parseSettings(SETTINGS, get), values: parseSettings(SLIDER_SETTINGS, get) };
}

/**
 * Settings from the widget's form (its controls are named after the settings).
 * @public (the element imports this module on Start: `modules.config.settingsFromForm`)
 */
export function settingsFromForm(root: ParentNode): TrainerSettings {
  return { ...readForm(SETTINGS, root), values: readForm(SLIDER_SETTINGS, root) };
}

/** The worker's run config for these settings. */
export function buildRlConfig(s: TrainerSettings): RlTrainConfig {
  const v = s.values;
  return {
    q: {
      size: s.size,
      alpha: v.alpha,
      gamma: v.gamma,
      epsilonStart: v.epsilonStart,
      epsilonEnd: v.epsilonEnd,
      epsilonDecayEpisodes: Math.round(v.epsilonDecayEpisodes),
      rewards: { food: v.food, win: v.win, loss: v.loss, step: v.step },
      seed: DEFAULT_Q_CONFIG.seed,
    },
    maxTrainingMs: s.seconds * 1000,
    stopAtWinRate: s.target > 0 ? s.target : null,
    evalGames: EVAL_GAMES,
    inspectGames: INSPECT_GAMES,
    // Value iteration over every reachable state is instant on 3×3; 4×4 and 5×5 have far too many.
    solveOptimum: s.size === 3,
  };
}

export interface ProgressFigures {
  winRate: number;
  trainingMs: number;
  episodes: number;
  statesSeen: number;
  /** Reachable states when known (3×3: 2,040), else null. */
  reachable: number | null;
}

/** "Greedy win rate 99.6% after 0.8 s of training (12,345 episodes); 1,987 of 2,040 states seen" */
export function progressStatus(f: ProgressFigures): string {
  const states =
    f.reachable === null ? `${formatCount(f.statesSeen)} states seen` : `${formatCount(f.statesSeen)} of ${formatCount(f.reachable)} states seen`;
  return `Greedy win rate ${formatPercent(f.winRate)} after ${formatDuration(f.trainingMs)} of training (${plural(f.episodes, 'episode')}); ${states}`;
}

/** "Stopped. Greedy win rate …" or the plain progress sentence when the run used its time. */
export function finalStatus(f: ProgressFigures, stopped: boolean): string {
  return stopped ? `Stopped. ${progressStatus(f)}` : progressStatus(f);
}

/** "First reached 99% greedy wins after 0.4 s of training (3,210 episodes)." */
export function milestoneSentence(threshold: number, trainingMs: number, episodes: number): string {
  return `First reached ${formatPercent(threshold, 0)} greedy wins after ${formatDuration(trainingMs)} of training (${plural(episodes, 'episode')}).`;
}
