/**
 * The optimiser race: SGD, momentum, RMSProp and Adam start from one point on a surface and take
 * one step each per race step. Each runner keeps its whole path and its loss after every step,
 * the step at which it first came within the surface's tolerance of a minimum, and whether it
 * diverged (left the region far behind or reached a non-finite loss; it then stops). The sentences
 * the widget says are here too. Pure, no DOM.
 */
import { formatLoss, plural } from '../format/numbers.ts';
import { makeStepper, OPTIMIZER_KINDS, OPTIMIZER_NAMES, type OptimizerKind, type Point, type Stepper } from './steppers.ts';
import { distanceToMinimum, SURFACES, type Surface, type SurfaceId } from './surfaces.ts';

export interface RaceSettings {
  surface: SurfaceId;
  learningRate: number;
  /** β of the momentum optimiser. */
  momentum: number;
  start: Point;
}

export interface Runner {
  readonly kind: OptimizerKind;
  readonly name: string;
  /** The start point, then one point per step taken. */
  readonly path: Point[];
  /** The loss at each point of the path. */
  readonly losses: number[];
  /** The first step at which it was within the tolerance of a minimum; null while it has not been. */
  reachedAt: number | null;
  /** The step at which it diverged; null while it has not. */
  divergedAt: number | null;
}

/** How far outside the drawn region a runner may wander before it counts as diverged (in region widths). */
const ESCAPE_MARGIN = 10;

/** The number of steps a race runs to, per surface (Rosenbrock's valley floor is long and flat). */
export const RACE_LENGTH: Readonly<Record<SurfaceId, number>> = { valley: 400, saddle: 200, rosenbrock: 1000 };

export class Race {
  readonly surface: Surface;
  readonly runners: readonly Runner[];
  readonly length: number;
  /** Race steps taken so far. */
  steps = 0;
  private readonly steppers: Map<Runner, Stepper>;

  readonly settings: RaceSettings;

  constructor(settings: RaceSettings) {
    this.settings = settings;
    this.surface = SURFACES[settings.surface];
    this.length = RACE_LENGTH[settings.surface];
    const start = settings.start;
    const loss = this.surface.value(start[0], start[1]);
    this.steppers = new Map();
    this.runners = OPTIMIZER_KINDS.map((kind) => {
      const runner: Runner = { kind, name: OPTIMIZER_NAMES[kind], path: [start], losses: [loss], reachedAt: null, divergedAt: null };
      this.steppers.set(runner, makeStepper(kind, { learningRate: settings.learningRate, momentum: settings.momentum }));
      if (distanceToMinimum(this.surface, start) < this.surface.tolerance) runner.reachedAt = 0;
      return runner;
    });
  }

  /** The race has run its length, or every runner has diverged. */
  get finished(): boolean {
    return this.steps >= this.length || this.runners.every((r) => r.divergedAt !== null);
  }

  /** One step of every runner still going. Does nothing once the race is finished. */
  step(): void {
    if (this.finished) return;
    this.steps++;
    const s = this.surface;
    for (const runner of this.runners) {
      if (runner.divergedAt !== null) continue;
      const p = runner.path[runner.path.length - 1]!;
      const next = this.steppers.get(runner)!.step(p, s.gradient(p[0], p[1]));
      const loss = s.value(next[0], next[1]);
      if (!Number.isFinite(loss) || this.escaped(next)) {
        runner.divergedAt = this.steps;
        continue;
      }
      runner.path.push(next);
      runner.losses.push(loss);
      if (runner.reachedAt === null && distanceToMinimum(s, next) < s.tolerance) runner.reachedAt = this.steps;
    }
  }

  private escaped(p: Point): boolean {
    const { xDomain: xd, yDomain: yd } = this.surface;
    const w = xd[1] - xd[0];
    const h = yd[1] - yd[0];
    return (
      p[0] < xd[0] - ESCAPE_MARGIN * w || p[0] > xd[1] + ESCAPE_MARGIN * w || p[1] < yd[0] - ESCAPE_MARGIN * h || p[1] > yd[1] + ESCAPE_MARGIN * h
    );
  }

  /** The runners that reached a minimum first (several when tied), and the step; null when none has. */
  winners(): { names: string[]; step: number } | null {
    const reached = this.runners.filter((r) => r.reachedAt !== null);
    if (reached.length === 0) return null;
    const step = Math.min(...reached.map((r) => r.reachedAt!));
    return { names: reached.filter((r) => r.reachedAt === step).map((r) => r.name), step };
  }
}

/** A loss for the status line: "0.31", "0.00421", "< 0.0001" (tiny but not zero), "−0.25". */
export function formatRaceLoss(loss: number): string {
  if (loss !== 0 && Math.abs(loss) < 1e-4) return loss > 0 ? '< 0.0001' : '> −0.0001';
  // formatLoss keeps three significant digits of small losses; drop their trailing zeros ("0.00900" → "0.009").
  const text = Math.abs(loss) < 0.01 ? String(Number(loss.toPrecision(3))) : formatLoss(loss);
  return text.replace('-', '−');
}

/** A point in words: "(−4.5, 1.2)". */
export function formatPoint(p: Point): string {
  const f = (v: number) => String(Math.round(v * 100) / 100).replace('-', '−');
  return `(${f(p[0])}, ${f(p[1])})`;
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Before the first step: where the race starts and where it is going. */
export function readyStatus(settings: RaceSettings): string {
  const s = SURFACES[settings.surface];
  const minima = list(s.minima.map(formatPoint));
  return (
    `Ready: ${s.name.toLowerCase()}, start ${formatPoint(settings.start)}, loss ${formatRaceLoss(s.value(settings.start[0], settings.start[1]))}; ` +
    `the ${s.minima.length > 1 ? 'minima are' : 'minimum is'} at ${minima}. Press Step or Play.`
  );
}

/** The race in words: each runner's loss after the steps so far, and who reached a minimum first. */
export function raceStatus(race: Race): string {
  const parts = race.runners.map((r) =>
    r.divergedAt !== null ? `${r.name} diverged at step ${r.divergedAt}` : `${r.name} ${formatRaceLoss(r.losses[r.losses.length - 1]!)}`,
  );
  const head = `After ${plural(race.steps, 'step')}, loss: ${parts.join(', ')}.`;
  const first = race.winners();
  const minimum = race.surface.minima.length > 1 ? 'a minimum' : 'the minimum';
  let tail: string;
  if (first) {
    const tie = first.names.length > 1 ? ' (a tie)' : '';
    tail = ` First to ${minimum}: ${list(first.names)} at step ${first.step}${tie}.`;
  } else tail = ` None has reached ${minimum} yet.`;
  const diverged = race.runners.some((r) => r.divergedAt !== null) ? ' Diverged means the learning rate is too large for that optimiser here.' : '';
  return head + tail + diverged;
}
