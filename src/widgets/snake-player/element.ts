/**
 * <tk-snake-player>: watch a trained Q-learning agent play 3×3 Snake, or play yourself. It opens
 * the Snake lesson ("play first"), so it works on its own, within the first screen:
 *  - When it first comes into view it trains the reference QLearner (src/lib/rl/qlearning.ts,
 *    loaded then) on the main thread in slices of ≤ 8 ms (the page stays responsive) for about 1 s
 *    of training time, then measures it on the 1,000 fixed evaluation games; it trains a little
 *    longer (up to 5 s) if that is under 99%. "Train a new agent" (under "Speed and training") does
 *    the same again. The Q-table stays on the page: the Q-values beside the board come from it.
 *  - Then the agent plays game after game by itself (autoplay.ts), pausing while the board is out
 *    of view; with prefers-reduced-motion nothing moves by itself: Play plays one game.
 *  - Play / Pause / Step replay the agent's greedy moves; each position's four Q-values are listed,
 *    the best marked, and the move taken is named.
 *  - The reader plays the same seeded games: arrow keys or WASD when the board has focus, a swipe on
 *    the board, or the Up/Down/Left/Right buttons. Any of these stops the autoplay for good. The
 *    game is turn-based: nothing moves until someone moves.
 * For tests and assistive technology: `data-state` (idle, running, done, error), `data-game` (the
 * game number), `data-result` (won / lost once a game ends), `data-episodes`, `data-trained-ms` and
 * `data-win-rate` after training; the `role="status"` line announces moves and results in words.
 */
import { errorText } from '../../lib/format/error-text.ts';
import { formatCount, formatPercent, plural } from '../../lib/format/numbers.ts';
import type { QLearner } from '../../lib/rl/qlearning.ts';
import { mulberry32 } from '../../lib/runtime/shuffle.ts';
import { SNAKE_ACTIONS, type SnakeAction, type SnakeGame } from '../../lib/rl/snake-types.ts';
import { newSnakeGame, stepSnake } from '../../lib/rl/snake.ts';
import { showError } from '../shared/error-panel.ts';
import { part } from '../shared/html.ts';
import { ProgressBar } from '../shared/progress.ts';
import { StatusLine } from '../shared/status.ts';
import { nextWidgetId } from '../shared/ids.ts';
import { snakeBoardSvg } from '../shared/snake/figure.ts';
import { AutoPlay } from './autoplay.ts';
import { CAUSES, KEYS, SIZE, bestOf, cellName, swipeDirection } from './moves.ts';
import { BOARD_PIXELS, DEFAULT_SPEED, GAME_SEED_BASE, MOVE_LABELS, snakePlayerMarkup } from './markup.ts';
import { pauseForPaint } from '../../lib/runtime/yield.ts';

type State = 'idle' | 'running' | 'done' | 'error';
type Mover = 'agent' | 'you';

const CELLS = SIZE * SIZE;
/** Training time aimed for, the most spent, and the longest slice before yielding (ms). */
const TRAIN_MS = 1_000;
const TRAIN_MAX_MS = 5_000;
const SLICE_MS = 8;
const TARGET_WIN_RATE = 0.99;
/** How long a finished game stays on the board before the autoplay starts the next one (ms). */
const HOLD_MS = 1_500;

interface View {
  train: HTMLButtonElement;
  progress: ProgressBar;
  gameLabel: HTMLElement;
  board: HTMLElement;
  picture: HTMLElement;
  moves: HTMLButtonElement[];
  play: HTMLButtonElement;
  step: HTMLButtonElement;
  newGame: HTMLButtonElement;
  speed: HTMLSelectElement;
  qRows: HTMLElement[];
  lastMove: HTMLElement;
  status: StatusLine;
  root: HTMLElement;
}

export class SnakePlayerElement extends HTMLElement {
  private view: View | null = null;
  private learner: QLearner | null = null;
  private gameNumber = 1;
  private rng = mulberry32(GAME_SEED_BASE + 1);
  private game: SnakeGame = newSnakeGame(SIZE, this.rng);
  private moversThisGame = new Set<Mover>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private training = false;
  private connected = false;
  /** Watching by itself: train when first seen, then play game after game while in view. */
  private auto: AutoPlay | null = null;
  /** Whether the running replay goes on to the next game by itself. */
  private looping = false;
  /** The training result, said when the autoplay begins. */
  private trained = '';

  connectedCallback(): void {
    this.connected = true;
    if (!this.view) {
      if (!this.querySelector('[data-part="root"]')) this.innerHTML = snakePlayerMarkup(nextWidgetId('tk-sp-js'));
      const view = this.bindView();
      this.view = view;
      this.bindInput(view);
      this.startGame(1, false);
      this.setState('idle');
    }
    this.auto = new AutoPlay(this, {
      firstSeen: () => {
        if (!this.learner) void this.train();
      },
      visible: (inView) => {
        if (!inView) this.pause();
        else if (this.learner && this.auto?.wanted && !this.timer) this.playAgent(true);
      },
    });
  }

  disconnectedCallback(): void {
    this.connected = false;
    this.pause();
    this.auto?.disconnect();
    this.auto = null;
  }

  private bindView(): View {
    return {
      root: part(this, 'root'),
      train: part<HTMLButtonElement>(this, 'train'),
      progress: new ProgressBar(part(this, 'progress')),
      gameLabel: part(this, 'game-label'),
      board: part(this, 'board'),
      picture: part(this, 'picture'),
      moves: [...this.querySelectorAll<HTMLButtonElement>('[data-part="move"]')],
      play: part<HTMLButtonElement>(this, 'play'),
      step: part<HTMLButtonElement>(this, 'step'),
      newGame: part<HTMLButtonElement>(this, 'new-game'),
      speed: part<HTMLSelectElement>(this, 'speed'),
      qRows: [...this.querySelectorAll<HTMLElement>('[data-part="q-row"]')],
      lastMove: part(this, 'last-move'),
      status: new StatusLine(part(this, 'status'), 400),
    };
  }

  private bindInput(view: View): void {
    // Every control of the reader's ends the autoplay: from then on the reader decides.
    const takeOver = () => this.auto?.cancel();
    view.train.addEventListener('click', () => {
      takeOver();
      void this.train();
    });
    view.play.addEventListener('click', () => {
      takeOver();
      if (this.timer) this.pause();
      else this.playAgent(false);
    });
    view.step.addEventListener('click', () => {
      takeOver();
      this.pause();
      this.agentMove(true);
    });
    view.newGame.addEventListener('click', () => {
      takeOver();
      this.pause();
      this.startGame(this.gameNumber + 1, true);
    });
    for (const button of view.moves) {
      const action = Number(button.dataset.action) as SnakeAction;
      button.addEventListener('click', () => this.readerMove(action));
    }
    view.board.addEventListener('keydown', (event) => {
      const action = KEYS[event.key];
      if (action === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      this.readerMove(action);
    });
    // A swipe on the board (touch or pen) is a move too.
    let from: { x: number; y: number } | null = null;
    view.board.addEventListener('pointerdown', (event) => {
      if (event.pointerType !== 'mouse') from = { x: event.clientX, y: event.clientY };
    });
    view.board.addEventListener('pointerup', (event) => {
      const action = from ? swipeDirection(event.clientX - from.x, event.clientY - from.y) : null;
      from = null;
      if (action !== null) this.readerMove(action);
    });
    view.board.addEventListener('pointercancel', () => (from = null));
  }

  private setState(state: State): void {
    this.dataset.state = state;
  }

  // ---- Games ---------------------------------------------------------------------------------

  private startGame(n: number, announce: boolean): void {
    this.gameNumber = n;
    this.rng = mulberry32(GAME_SEED_BASE + n);
    this.game = newSnakeGame(SIZE, this.rng);
    this.moversThisGame.clear();
    this.dataset.game = String(n);
    delete this.dataset.result;
    const view = this.view;
    if (!view) return;
    view.gameLabel.textContent = `Game ${n} (seed ${GAME_SEED_BASE + n})`;
    view.lastMove.textContent = 'No move yet.';
    this.render();
    if (announce) {
      view.status.announce(
        `Game ${n}: a new snake at ${cellName(this.game.body[0] ?? 0)}, food at ${cellName(this.game.food)}. ` +
          (this.learner ? 'Press Play to watch the agent, or move yourself.' : 'Your move.'),
      );
    }
  }

  /** Plays `action` for `mover`; returns false when the game was already over. */
  private move(action: SnakeAction, mover: Mover, announceNow: boolean): boolean {
    const view = this.view;
    if (!view || this.game.over) return false;
    const q = this.learner ? Array.from(this.learner.qValues(this.game)) : null;
    const best = q ? bestOf(q) : null;
    this.moversThisGame.add(mover);
    const step = stepSnake(this.game, action, this.rng);
    const name = SNAKE_ACTIONS[action];
    const who = mover === 'agent' ? 'The agent' : 'You';
    const verdict = best === null ? '' : best === action ? ' (the largest Q-value)' : ' (not the largest Q-value)';
    view.lastMove.textContent = `Move ${this.game.steps}: ${who} moved ${name}${verdict}.`;
    this.render();

    let text: string;
    if (this.game.over) {
      const players = this.moversThisGame.size > 1 ? 'You and the agent' : who;
      if (this.game.won) {
        text = `${players} won: the snake filled all ${CELLS} cells in ${this.game.steps} moves.`;
      } else {
        text =
          `${players} lost after ${plural(this.game.steps, 'move')}: ${CAUSES[this.game.cause ?? ''] ?? 'the game ended'} ` +
          `(length ${this.game.body.length} of ${CELLS}). Press New game for another.`;
      }
      this.dataset.result = this.game.won ? 'won' : 'lost';
      const looping = this.looping && mover === 'agent';
      this.pause();
      if (looping) {
        view.status.announce(
          `Watching a trained agent: game ${this.gameNumber}, ${this.game.won ? 'won' : 'lost'} in ${plural(this.game.steps, 'move')}.`,
        );
        this.setState('running');
        view.play.textContent = 'Pause';
        this.timer = setTimeout(() => {
          this.timer = null;
          if (this.connected && this.auto?.wanted && this.auto.inView) this.playAgent(true);
        }, HOLD_MS);
      } else view.status.announce(text);
      return true;
    }
    text =
      `Move ${this.game.steps}: ${name}. ` +
      (step.ate
        ? `Ate the food, length ${this.game.body.length} of ${CELLS}; new food at ${cellName(this.game.food)}.`
        : `Length ${this.game.body.length} of ${CELLS}.`);
    if (announceNow) view.status.announce(text);
    else if (!this.looping) view.status.update(text);
    return true;
  }

  private readerMove(action: SnakeAction): void {
    this.auto?.cancel();
    this.pause();
    if (this.game.over) {
      this.view?.status.announce(`Game ${this.gameNumber} is over. Press New game to play another.`);
      return;
    }
    this.move(action, 'you', true);
  }

  private agentMove(announceNow: boolean): void {
    if (!this.learner) return;
    if (this.game.over) {
      this.view?.status.announce(`Game ${this.gameNumber} is over. Press New game to watch another.`);
      return;
    }
    this.move(this.learner.greedyAction(this.game), 'agent', announceNow);
  }

  /** Plays the agent's moves to the end of the game; `loop`: then the next game, and so on. */
  private playAgent(loop: boolean): void {
    const view = this.view;
    if (!view || !this.learner) return;
    if (this.timer) clearTimeout(this.timer);
    if (this.game.over) this.startGame(this.gameNumber + 1, false);
    this.looping = loop;
    if (loop) {
      view.status.announce(`${this.trained ? `${this.trained} ` : ''}Watching it play: game ${this.gameNumber}…`);
      this.trained = '';
    }
    view.play.textContent = 'Pause';
    this.setState('running');
    const tick = () => {
      this.timer = null;
      if (!this.connected) return;
      this.agentMove(false);
      if (!this.game.over && view.play.textContent === 'Pause') {
        this.timer = setTimeout(tick, Number(view.speed.value) || DEFAULT_SPEED);
      }
    };
    this.timer = setTimeout(tick, Number(view.speed.value) || DEFAULT_SPEED);
  }

  private pause(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.looping = false;
    if (this.view) this.view.play.textContent = 'Play';
    if (!this.training && this.dataset.state === 'running') this.setState(this.learner ? 'done' : 'idle');
  }

  // ---- Drawing -------------------------------------------------------------------------------

  private render(): void {
    const view = this.view;
    if (!view) return;
    const q = this.learner && !this.game.over ? Array.from(this.learner.qValues(this.game)) : null;
    const best = q ? bestOf(q) : null;
    // SVG, styled by CSS: the board follows a theme change at once.
    view.picture.innerHTML = snakeBoardSvg(this.game, BOARD_PIXELS, {
      arrow: best,
      labelSuffix: best === null ? undefined : `the agent would move ${SNAKE_ACTIONS[best]}`,
    });
    view.qRows.forEach((row, action) => {
      const value = row.querySelector<HTMLElement>('[data-part="q-value"]');
      const mark = row.querySelector<HTMLElement>('[data-part="q-mark"]');
      if (value) value.textContent = q ? (q[action] ?? 0).toFixed(2) : '–';
      if (mark) mark.textContent = best === action ? '★ best' : '';
      row.classList.toggle('tk-snake-player__best', best === action);
    });
  }

  // ---- Training ------------------------------------------------------------------------------

  private async train(): Promise<void> {
    const view = this.view;
    if (!view || this.training) return;
    this.pause();
    this.training = true;
    this.setState('running');
    view.train.disabled = true;
    view.play.disabled = true;
    view.step.disabled = true;
    view.status.announce('Training an agent for you…');
    try {
      const { QLearner, DEFAULT_Q_CONFIG, EVAL_GAMES } = await import('../../lib/rl/qlearning.ts');
      const learner = new QLearner({ ...DEFAULT_Q_CONFIG, size: SIZE });
      let trainedMs = 0;
      let evaluation = null as ReturnType<QLearner['evaluate']> | null;
      while (this.connected) {
        const t0 = performance.now();
        learner.trainFor(SLICE_MS);
        trainedMs += performance.now() - t0;
        view.progress.show(`Training: ${formatCount(learner.episodes)} games`, trainedMs, TRAIN_MS);
        view.status.update(`Training an agent for you… ${formatCount(learner.episodes)} games in ${(trainedMs / 1000).toFixed(1)} s.`);
        if (trainedMs >= TRAIN_MS) {
          evaluation = learner.evaluate();
          if (evaluation.winRate >= TARGET_WIN_RATE || trainedMs >= TRAIN_MAX_MS) break;
        }
        // Yield to the page between slices so input and painting go on.
        await pauseForPaint();
      }
      if (!this.connected || !evaluation) return;
      this.learner = learner;
      this.dataset.episodes = String(learner.episodes);
      this.dataset.trainedMs = String(Math.round(trainedMs));
      this.dataset.winRate = String(evaluation.winRate);
      view.progress.hide();
      view.play.disabled = false;
      view.step.disabled = false;
      this.render();
      this.setState('done');
      const trained =
        `Agent trained: ${formatCount(learner.episodes)} games in ${(trainedMs / 1000).toFixed(1)} s of training; ` +
        `it wins ${formatPercent(evaluation.winRate)} of ${formatCount(EVAL_GAMES)} test games.`;
      this.trained = trained;
      if (this.auto?.wanted && this.auto.inView) this.playAgent(true);
      else view.status.announce(`${trained} Press Play to watch it.`);
    } catch (error) {
      this.setState('error');
      view.progress.hide();
      const panel = document.createElement('div');
      panel.className = 'tk-error';
      panel.setAttribute('role', 'alert');
      view.root.append(panel);
      showError(panel, {
        title: 'Training failed',
        message: errorText(error),
        hint: 'Reload the page and try again.',
      });
      view.status.announce('Training failed; see the message above.');
    } finally {
      this.training = false;
      view.train.disabled = false;
    }
  }
}

// Keep the move labels and the action names in step (used by the buttons and the status line).
if (MOVE_LABELS.some((label, i) => label.toLowerCase() !== SNAKE_ACTIONS[i])) {
  throw new Error('snake-player: MOVE_LABELS must follow SNAKE_ACTIONS order (up, down, left, right).');
}

if (!customElements.get('tk-snake-player')) customElements.define('tk-snake-player', SnakePlayerElement);
