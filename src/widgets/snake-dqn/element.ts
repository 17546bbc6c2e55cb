/**
 * <tk-snake-dqn>: a deep Q-network (src/tf/snake-dqn.ts) learns Snake on 5×5 in a worker.
 * Shows the backend, a live curve of food eaten per greedy game against training time (with the
 * random player's level), and the board replaying the latest greedy game.
 *
 * This module stays tiny: the worker (with tfjs), d3 and the board drawing load with `import()`
 * when Start is pressed.
 *
 * For tests and assistive technology:
 *  - `data-state`: idle | loading | running | done | error;
 *  - the `role="status"` line, e.g. "After 40 s: the agent eats 7.2 pieces of food per game on
 *    average (random: 0.3)";
 *  - `dataset.averageFood`, `dataset.randomFood`, `dataset.seconds`, `dataset.backend`.
 */
import { errorText } from '../../lib/format/error-text.ts';
import { BACKEND_LABELS } from '../../lib/runtime/backends.ts';
import type { DqnFrame } from '../../tf/snake-dqn.ts';
import type { DqnTrainingHandle } from '../../workers/dqn/client.ts';
import type { DqnEvalPoint, DqnFromWorker } from '../../workers/dqn/protocol.ts';
import type { LineChart } from '../../viz/line-chart.ts';
import { clearError, showError } from '../shared/error-panel.ts';
import { part } from '../shared/html.ts';
import { RunControls } from '../shared/run-controls.ts';
import { StatusLine } from '../shared/status.ts';
import { dqnSettingsFrom, dqnStatus, formatFood, snakeDqnMarkup } from './markup.ts';

export type SnakeDqnState = 'idle' | 'loading' | 'running' | 'done' | 'error';

const BOARD_SIZE = 5;
const EVAL_EVERY_MS = 2000;
const FRAME_MS = 140;
/** Ticks the final position of a game stays on the board. */
const HOLD_FRAMES = 6;

interface View {
  seconds: HTMLSelectElement;
  backendPicker: HTMLSelectElement;
  controls: RunControls;
  status: StatusLine;
  backend: HTMLElement;
  error: HTMLElement;
  live: HTMLElement;
  chart: HTMLElement;
  board: HTMLCanvasElement;
  caption: HTMLElement;
}

type Draw = typeof import('../snake-shared/board.ts').drawSnakeBoard;

export class SnakeDqnElement extends HTMLElement {
  private view: View | null = null;
  private handle: DqnTrainingHandle | null = null;
  private chart: LineChart | null = null;
  private draw: Draw | null = null;
  private runId = 0;
  private randomFood = 0;
  private last: DqnEvalPoint | null = null;
  /** The game being replayed on the board, and the one to show when it ends. */
  private frames: DqnFrame[] = [];
  private pending: DqnFrame[] | null = null;
  private frameIndex = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  connectedCallback(): void {
    if (!this.view) {
      if (!this.querySelector('[data-part="root"]')) {
        this.innerHTML = snakeDqnMarkup(dqnSettingsFrom({ seconds: this.getAttribute('data-seconds'), backend: this.getAttribute('data-backend-request') }));
      }
      this.view = this.bindView();
    }
    if (!this.dataset.state) this.dataset.state = 'idle';
  }

  disconnectedCallback(): void {
    this.runId++;
    this.handle?.terminate();
    this.handle = null;
    this.stopReplay();
    this.chart?.destroy();
    this.chart = null;
    if (this.view && (this.state === 'loading' || this.state === 'running')) {
      this.view.controls.idle();
      this.view.status.announce('Stopped: the widget was removed from the page');
      this.dataset.state = 'idle';
    }
  }

  get state(): SnakeDqnState {
    return (this.dataset.state as SnakeDqnState | undefined) ?? 'idle';
  }

  private bindView(): View {
    const start = part<HTMLButtonElement>(this, 'start');
    const stop = part<HTMLButtonElement>(this, 'stop');
    const view: View = {
      seconds: part<HTMLSelectElement>(this, 'seconds'),
      backendPicker: part<HTMLSelectElement>(this, 'backend-picker'),
      controls: new RunControls(part<HTMLFieldSetElement>(this, 'settings'), start, stop),
      status: new StatusLine(part(this, 'status')),
      backend: part(this, 'backend'),
      error: part(this, 'error'),
      live: part(this, 'live'),
      chart: part(this, 'chart'),
      board: part<HTMLCanvasElement>(this, 'board'),
      caption: part(this, 'board-caption'),
    };
    start.addEventListener('click', () => void this.start());
    stop.addEventListener('click', () => this.stop());
    return view;
  }

  /** What the Start button does. */
  async start(): Promise<void> {
    const view = this.view;
    if (!view || this.state === 'loading' || this.state === 'running') return;
    const settings = dqnSettingsFrom({ seconds: view.seconds.value, backend: view.backendPicker.value });
    const id = ++this.runId;
    this.dataset.state = 'loading';
    view.controls.busy();
    clearError(view.error);
    view.backend.hidden = true;
    this.last = null;
    for (const key of ['averageFood', 'randomFood', 'seconds', 'backend'] as const) delete this.dataset[key];
    view.status.announce('Loading TensorFlow.js and the training code…');

    let client: typeof import('../../workers/dqn/client.ts');
    let charts: typeof import('../../viz/line-chart.ts');
    let board: typeof import('../snake-shared/board.ts');
    try {
      [client, charts, board] = await Promise.all([
        import('../../workers/dqn/client.ts'),
        import('../../viz/line-chart.ts'),
        import('../snake-shared/board.ts'),
      ]);
    } catch (err) {
      if (id === this.runId) this.fail(`The page could not load its training code (${errorText(err)}). Check your connection, reload the page and press Start again.`);
      return;
    }
    if (id !== this.runId || !this.isConnected) return;
    this.draw = board.drawSnakeBoard;

    this.chart?.destroy();
    view.chart.replaceChildren();
    view.live.hidden = false;
    this.chart = new charts.LineChart(view.chart, {
      title: 'Food eaten per game',
      xLabel: 'training time (s)',
      yLabel: 'food per game',
      series: [
        { id: 'agent', label: 'greedy agent', color: 'var(--tk-series-1, #2f7fd8)', markers: true },
        { id: 'random', label: 'random player', color: 'var(--tk-series-2, #d9480f)', dashed: true },
      ],
      xDomain: [0, settings.seconds > 0 ? settings.seconds : 30],
      yIncludeZero: true,
      formatX: (x) => String(Math.round(x)),
      formatY: (y) => formatFood(y),
    });
    this.handle = client.startDqnTraining(
      { backend: settings.backend, size: BOARD_SIZE, seed: 1, evalEveryMs: EVAL_EVERY_MS, maxTrainMs: settings.seconds * 1000 },
      (m) => this.onMessage(id, m),
    );
  }

  /** What the Stop button does: the run ends after its current slice, with a last evaluation. */
  stop(): void {
    const view = this.view;
    if (!view || !(this.state === 'loading' || this.state === 'running')) return;
    if (!this.handle) {
      this.runId++;
      view.controls.idle();
      view.status.announce('Stopped before training began');
      this.dataset.state = 'idle';
      return;
    }
    view.controls.stopping();
    view.status.announce('Stopping…');
    this.handle.stop();
  }

  private onMessage(id: number, m: DqnFromWorker): void {
    const view = this.view;
    if (id !== this.runId || !view) return;
    switch (m.type) {
      case 'ready': {
        this.randomFood = m.randomFood;
        this.dataset.randomFood = m.randomFood.toFixed(3);
        this.dataset.backend = m.backend;
        this.dataset.state = 'running';
        view.backend.textContent =
          `Backend: ${BACKEND_LABELS[m.backend]}.` + (m.fallbackReason ? ` ${m.fallbackReason}` : '') + ` A random player eats ${formatFood(m.randomFood)} pieces of food per game on the same ${m.evalGames} games.`;
        view.backend.hidden = false;
        view.status.announce(`Training on ${BACKEND_LABELS[m.backend]}…`);
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
        if (!view.controls.stop.disabled) view.status.update(dqnStatus(p.seconds, p.averageFood, this.randomFood));
        this.queueGame(p.frames, p);
        break;
      }
      case 'done': {
        this.handle = null;
        view.controls.idle();
        view.controls.start.textContent = 'Train again';
        const p = this.last;
        const text = p ? dqnStatus(p.seconds, p.averageFood, this.randomFood) : 'Stopped before the first evaluation';
        view.status.announce(m.stopped ? `Stopped. ${text}` : text);
        this.dataset.state = m.stopped ? 'idle' : 'done';
        break;
      }
      case 'error':
        this.fail(m.message);
        break;
    }
  }

  /** Show a new greedy game: at once if nothing is playing, else when the current one ends. */
  private queueGame(frames: DqnFrame[], p: DqnEvalPoint): void {
    const view = this.view;
    if (!view || frames.length === 0) return;
    view.caption.textContent = `The first of the ${p.games} greedy games after ${Math.round(p.seconds)} s of training (it ate ${frames.at(-1)!.body.length - 1}; best of the ${p.games}: ${p.bestFood}).`;
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
    const view = this.view;
    if (!view || !this.draw) return;
    const frame = this.frames[this.frameIndex];
    if (frame) this.draw(view.board, { size: BOARD_SIZE, body: frame.body, food: frame.food });
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
    const view = this.view;
    if (!view) return;
    this.runId++;
    this.handle?.terminate();
    this.handle = null;
    view.controls.idle();
    this.dataset.state = 'error';
    view.status.announce(`Error: training failed. ${message}`);
    showError(view.error, { title: 'Training failed', message, hint: 'Press Start to try again.' });
    view.controls.start.textContent = 'Start again';
  }
}

if (!customElements.get('tk-snake-dqn')) customElements.define('tk-snake-dqn', SnakeDqnElement);

declare global {
  interface HTMLElementTagNameMap {
    'tk-snake-dqn': SnakeDqnElement;
  }
}
