/**
 * The Snake trainer's live parts, loaded with `import()` when a run starts (so the page ships
 * no d3 before then): the win-rate and game-length curves, and the Q-table inspector.
 */
import { formatCount, formatPercent } from '../../lib/format/numbers.ts';
import { SNAKE_ACTIONS } from '../../lib/rl/snake-types.ts';
import { LineChart } from '../../viz/line-chart.ts';
import type { InspectedGame, RlProgress } from '../../workers/rl/protocol.ts';
import { part } from '../shared/html.ts';
import { drawSnakeBoard } from '../shared/snake/board.ts';

const seconds = (x: number): string => `${Number(x.toPrecision(3))}`;

/** @public (the element imports this module on Start: `modules.live.LiveView`) */
export class LiveView {
  private readonly win: LineChart;
  private readonly length: LineChart;
  private optimum: number | null = null;

  constructor(host: HTMLElement) {
    host.replaceChildren();
    // Empty axes span the first second; once points arrive the x axis ends at the last one (the line
    // chart's rule, xDomainFor in src/viz/scales.ts): a run stopped at 0.36 s shows 0–0.36 s.
    const xDomain: [number, number] = [0, 1];
    this.win = new LineChart(host, {
      title: 'Greedy win rate',
      xLabel: 'Training time (s)',
      yLabel: 'Win rate',
      yDomain: [0, 1],
      xDomain,
      formatX: seconds,
      formatY: (y) => formatPercent(y, 0),
      series: [
        { id: 'win', label: 'greedy win rate', color: 'var(--series-1, var(--tk-series-1, #2f7fd8))' },
        { id: 'optimum', label: 'exact optimum', color: 'var(--target, #6b7280)', dashed: true },
      ],
    });
    this.length = new LineChart(host, {
      title: 'Average game length',
      xLabel: 'Training time (s)',
      yLabel: 'Moves per game',
      yIncludeZero: true,
      xDomain,
      formatX: seconds,
      series: [{ id: 'length', label: 'average moves per game', color: 'var(--series-1, var(--tk-series-1, #2f7fd8))' }],
    });
  }

  /** The exact optimum's win probability (3×3), drawn as a dashed line. */
  setOptimum(winProbability: number): void {
    this.optimum = winProbability;
  }

  addProgress(m: RlProgress): void {
    const x = m.trainingMs / 1000;
    this.win.add('win', { x, y: m.evaluation.winRate });
    this.length.add('length', { x, y: m.evaluation.averageLength });
    if (this.optimum !== null) {
      this.win.set('optimum', [
        { x: 0, y: this.optimum },
        { x, y: this.optimum },
      ]);
    }
  }

  destroy(): void {
    this.win.destroy();
    this.length.destroy();
  }
}

/**
 * The Q-table inspector: a board picture of one state of an evaluation game and its four
 * Q-values, the best marked. The reader picks the game and steps through its moves; new
 * progress keeps the place and shows the values the table holds now.
 * @public (the element imports this module on Start: `modules.live.Inspector`)
 */
export class Inspector {
  private games: InspectedGame[] = [];
  private game = 0;
  private move = 0;
  private readonly listeners = new AbortController();
  private readonly select: HTMLSelectElement;
  private readonly prev: HTMLButtonElement;
  private readonly next: HTMLButtonElement;

  constructor(private readonly root: HTMLElement) {
    this.select = part<HTMLSelectElement>(root, 'inspect-game');
    this.prev = part<HTMLButtonElement>(root, 'inspect-prev');
    this.next = part<HTMLButtonElement>(root, 'inspect-next');
    const { signal } = this.listeners;
    this.select.addEventListener(
      'change',
      () => {
        this.game = Number(this.select.value);
        this.move = 0;
        this.render();
      },
      { signal },
    );
    this.prev.addEventListener('click', () => this.step(-1), { signal });
    this.next.addEventListener('click', () => this.step(1), { signal });
    root.addEventListener(
      'keydown',
      (event) => {
        // Arrow keys on the board step through the game too.
        if (event.target !== part(root, 'inspect-board')) return;
        if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
          event.preventDefault();
          this.step(event.key === 'ArrowRight' ? 1 : -1);
        }
      },
      { signal },
    );
  }

  /** New games from the worker (the same evaluation games, played with the current table). */
  update(games: InspectedGame[]): void {
    if (games.length === 0) return;
    this.games = games;
    this.game = Math.min(this.game, games.length - 1);
    const labels = games.map((g) => `Game ${g.index + 1} (${g.won ? 'won' : 'lost'} in ${formatCount(g.states.length - 1)} moves)`);
    const options = [...this.select.options];
    if (options.length !== labels.length) {
      this.select.replaceChildren(
        ...labels.map((label, i) => {
          const o = document.createElement('option');
          o.value = String(i);
          o.textContent = label;
          return o;
        }),
      );
    } else {
      options.forEach((o, i) => {
        if (o.textContent !== labels[i]) o.textContent = labels[i] ?? '';
      });
    }
    this.select.value = String(this.game);
    this.root.hidden = false;
    this.render();
  }

  private step(delta: number): void {
    const g = this.games[this.game];
    if (!g) return;
    this.move = Math.min(Math.max(this.move + delta, 0), g.states.length - 1);
    this.render();
  }

  private render(): void {
    const g = this.games[this.game];
    if (!g) return;
    this.move = Math.min(this.move, g.states.length - 1);
    const s = g.states[this.move];
    if (!s) return;
    const last = this.move === g.states.length - 1;
    this.prev.disabled = this.move === 0;
    this.next.disabled = last;
    const board = part<HTMLCanvasElement>(this.root, 'inspect-board');
    const best = s.action;
    drawSnakeBoard(
      board,
      { size: g.size, body: s.body, food: s.food, over: last, won: last && g.won, cause: last ? (g.won ? 'full' : null) : null },
      { pixels: 160, arrow: best, labelSuffix: best === null ? 'the game is over' : `the greedy move is ${SNAKE_ACTIONS[best]}` },
    );
    board.tabIndex = 0;
    const where = last
      ? `Move ${formatCount(this.move + 1)} of ${formatCount(g.states.length)}: the game is over (${g.won ? 'won' : 'lost'}); a final state has no action values.`
      : `Move ${formatCount(this.move + 1)} of ${formatCount(g.states.length)}, snake length ${s.body.length}.` +
        (s.seen ? '' : ' This state is not in the table yet: all four values are 0.');
    part(this.root, 'inspect-where').textContent = where;
    for (let a = 0; a < 4; a++) {
      const cell = part(this.root, `q-${a}`);
      const row = part(this.root, `q-row-${a}`);
      const isBest = !last && a === best;
      cell.textContent = last ? '–' : `${(s.q[a] ?? 0).toFixed(3)}${isBest ? ' ★ best' : ''}`;
      row.classList.toggle('tk-snake-trainer__best', isBest);
    }
  }

  destroy(): void {
    this.listeners.abort();
    this.root.hidden = true;
  }
}
