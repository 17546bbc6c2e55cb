/**
 * <tk-snake-dqn>: a deep Q-network (src/tf/snake-dqn.ts) learns Snake on 5×5 in a worker.
 * Shows the backend, a live curve of food eaten per greedy game against training time (with the
 * random player's level), and the board replaying the latest greedy game.
 *
 * The run's lifecycle is the kit's (src/widgets/shared/trainer.ts). This module stays tiny: the
 * worker (with tfjs), d3 and the board drawing load with `import()` when Start is pressed.
 *
 * For tests and assistive technology:
 *  - `data-state`: idle | loading | running | done | error;
 *  - the `role="status"` line, e.g. "After 40 s: the agent eats 7.2 pieces of food per game on
 *    average (random: 0.3)";
 *  - `dataset.averageFood`, `dataset.randomFood`, `dataset.seconds`, `dataset.backend`.
 */
import { BACKEND_LABELS } from '../../lib/runtime/backends.ts';
import type { DqnFrame } from '../../tf/snake-dqn.ts';
import type { DqnTrainingHandle } from '../../workers/dqn/client.ts';
import type { DqnEvalPoint, DqnFromWorker } from '../../workers/dqn/protocol.ts';
import type { LineChart } from '../../viz/line-chart.ts';
import { part } from '../shared/html.ts';
import { TrainerLifecycle, type TrainerState } from '../shared/trainer.ts';
import { dqnSettingsFrom, dqnStatus, formatFood, snakeDqnMarkup } from './markup.ts';

export type SnakeDqnState = TrainerState;

const BOARD_SIZE = 5;
const EVAL_EVERY_MS = 2000;
const FRAME_MS = 140;
/** Ticks the final position of a game stays on the board. */
const HOLD_FRAMES = 6;

type Draw = typeof import('../shared/snake/board.ts').drawSnakeBoard;

export class SnakeDqnElement extends HTMLElement {
  private life: TrainerLifecycle<DqnTrainingHandle> | null = null;
  private chart: LineChart | null = null;
  private draw: Draw | null = null;
  private randomFood = 0;
  private last: DqnEvalPoint | null = null;
  /** The game being replayed on the board, and the one to show when it ends. */
  private frames: DqnFrame[] = [];
  private pending: DqnFrame[] | null = null;
  private frameIndex = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  connectedCallback(): void {
    if (this.life) return;
    if (!this.querySelector('[data-part="root"]')) {
      this.innerHTML = snakeDqnMarkup(
        dqnSettingsFrom({ seconds: this.getAttribute('data-seconds'), backend: this.getAttribute('data-backend-request') }),
      );
    }
    this.life = new TrainerLifecycle<DqnTrainingHandle>(this, {
      onStart: () => void this.start(),
      release: (h) => h.terminate(),
      loadingText: 'Loading TensorFlow.js and the training code…',
    });
  }

  disconnectedCallback(): void {
    this.life?.disconnect();
    this.stopReplay();
    this.chart?.destroy();
    this.chart = null;
  }

  get state(): SnakeDqnState {
    return this.life?.state ?? 'idle';
  }

  /** What the Start button does. */
  async start(): Promise<void> {
    const life = this.life;
    if (!life || life.busy || life.handle) return;
    const settings = dqnSettingsFrom({
      seconds: part<HTMLSelectElement>(this, 'seconds').value,
      backend: part<HTMLSelectElement>(this, 'backend-picker').value,
    });
    const id = life.begin();
    if (id === null) return;
    part(this, 'backend').hidden = true;
    this.last = null;
    for (const key of ['averageFood', 'randomFood', 'seconds', 'backend'] as const) delete this.dataset[key];

    const mods = await life.load(id, () =>
      Promise.all([import('../../workers/dqn/client.ts'), import('../../viz/line-chart.ts'), import('../shared/snake/board.ts')]),
    );
    if (!mods) return;
    const [client, charts, board] = mods;
    this.draw = board.drawSnakeBoard;

    this.chart?.destroy();
    const chartPart = part(this, 'chart');
    chartPart.replaceChildren();
    this.chart = new charts.LineChart(chartPart, {
      title: 'Food eaten per game',
      xLabel: 'training time (s)',
      yLabel: 'food per game',
      series: [
        { id: 'agent', label: 'greedy agent', color: 'var(--series-1, var(--tk-series-1, #2f7fd8))', markers: true },
        { id: 'random', label: 'random player', color: 'var(--target, var(--tk-series-2, #d9480f))', dashed: true },
      ],
      // The planned axes before the first evaluation; after it the x axis ends at the last point (xDomainFor).
      xDomain: [0, EVAL_EVERY_MS / 1000],
      yIncludeZero: true,
      formatX: (x) => String(Math.round(x)),
      formatY: (y) => formatFood(y),
    });
    life.attach(
      client.startDqnTraining(
        { backend: settings.backend, size: BOARD_SIZE, seed: 1, evalEveryMs: EVAL_EVERY_MS, maxTrainMs: settings.seconds * 1000 },
        life.listen(id, (m: DqnFromWorker) => this.onMessage(m)),
      ),
    );
  }

  /** What the Stop button does: the run ends after its current slice, with a last evaluation. */
  stop(): void {
    this.life?.stop();
  }

  private onMessage(m: DqnFromWorker): void {
    const life = this.life;
    if (!life) return;
    switch (m.type) {
      case 'ready': {
        this.randomFood = m.randomFood;
        this.dataset.randomFood = m.randomFood.toFixed(3);
        this.dataset.backend = m.backend;
        life.setState('running');
        const line = part(this, 'backend');
        line.textContent =
          `Backend: ${BACKEND_LABELS[m.backend]}.` +
          (m.fallbackReason ? ` ${m.fallbackReason}` : '') +
          ` A random player eats ${formatFood(m.randomFood)} pieces of food per game on the same ${m.evalGames} games.`;
        line.hidden = false;
        life.status.announce(`Training on ${BACKEND_LABELS[m.backend]}…`);
        break;
      }
      case 'eval': {
        const p = m.point;
        this.last = p;
        this.chart?.add('agent', { x: p.seconds, y: p.averageFood });
        this.chart?.set('random', [
          { x: 0, y: this.randomFood },
          { x: Math.max(p.seconds, 1), y: this.randomFood },
        ]);
        this.dataset.averageFood = p.averageFood.toFixed(3);
        this.dataset.seconds = p.seconds.toFixed(1);
        if (!life.stopping) life.status.update(dqnStatus(p.seconds, p.averageFood, this.randomFood));
        this.queueGame(p.frames, p);
        break;
      }
      case 'done': {
        const p = this.last;
        const text = p ? dqnStatus(p.seconds, p.averageFood, this.randomFood) : 'Stopped before the first evaluation';
        life.finish(m.stopped ? `Stopped. ${text}` : text, m.stopped ? 'idle' : 'done');
        break;
      }
      case 'error':
        this.fail(m.message);
        break;
    }
  }

  /** Show a new greedy game: at once if nothing is playing, else when the current one ends. */
  private queueGame(frames: DqnFrame[], p: DqnEvalPoint): void {
    if (frames.length === 0) return;
    part(this, 'board-caption').textContent =
      `The first of the ${p.games} greedy games after ${Math.round(p.seconds)} s of training (it ate ${frames.at(-1)!.body.length - 1}; best of the ${p.games}: ${p.bestFood}).`;
    if (this.timer === null) {
      this.frames = frames;
      this.frameIndex = 0;
      this.timer = setInterval(() => this.tick(), FRAME_MS);
      this.tick();
    } else {
      this.pending = frames;
    }
  }

  private tick(): void {
    if (!this.draw) return;
    const frame = this.frames[this.frameIndex];
    if (frame) {
      const canvas = part<HTMLCanvasElement>(this, 'board');
      // The first frame replaces the build-time picture of the board.
      if (canvas.hidden) {
        canvas.parentElement?.querySelector('svg')?.remove();
        canvas.hidden = false;
      }
      this.draw(canvas, { size: BOARD_SIZE, body: frame.body, food: frame.food });
    }
    this.frameIndex++;
    // Hold the last frame a moment, then play the newest game (or this one again).
    if (this.frameIndex >= this.frames.length + HOLD_FRAMES) {
      this.frameIndex = 0;
      if (this.pending) {
        this.frames = this.pending;
        this.pending = null;
      }
    }
  }

  private stopReplay(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.pending = null;
  }

  private fail(message: string): void {
    this.life?.fail({ title: 'Training failed', message, hint: 'Press Start to try again.', status: `Error: training failed. ${message}` });
  }
}

if (!customElements.get('tk-snake-dqn')) customElements.define('tk-snake-dqn', SnakeDqnElement);

declare global {
  interface HTMLElementTagNameMap {
    'tk-snake-dqn': SnakeDqnElement;
  }
}
