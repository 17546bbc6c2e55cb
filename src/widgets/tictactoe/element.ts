/**
 * <tk-tictactoe>: a tic-tac-toe agent trained by self-play (src/lib/rl/tictactoe.ts), then played.
 *
 * Markup from TicTacToe.astro (`ticTacToeMarkup`); this module upgrades it.
 *  - "Train by self-play" runs TicTacToeLearner in main-thread slices of 1,000 games (a few ms each),
 *    checking the greedy policy against every opponent strategy (verifyNeverLoses) after each slice,
 *    and stops at the first slice after which it never loses. The check's figures are shown.
 *  - The reader picks X or O and plays on a 3×3 grid of buttons (Tab or arrow keys, Enter/Space);
 *    occupied cells stay focusable but are aria-disabled, so keyboard focus never jumps away.
 * For tests and assistive technology: `data-state` (idle, running, done), `data-episodes` and
 * `data-strategies` after training, `data-result` (you / agent / draw) when a game ends; the
 * `role="status"` line announces each move and the result in words.
 */
import { formatCount } from '../../lib/format/numbers.ts';
import {
  EMPTY_BOARD,
  PLAYER_NAMES,
  TicTacToeLearner,
  outcome,
  play,
  toMove,
  verifyNeverLoses,
  winningLine,
  type Cell,
  type NeverLoseCheck,
  type Player,
} from '../../lib/rl/tictactoe.ts';
import { part } from '../shared/html.ts';
import { ProgressBar } from '../shared/progress.ts';
import { StatusLine } from '../shared/status.ts';
import { nextWidgetId } from '../shared/ids.ts';
import { ticTacToeMarkup, tttCellName } from './markup.ts';
import { pauseForPaint } from '../../lib/runtime/yield.ts';

const SLICE_GAMES = 1_000;
const MAX_GAMES = 100_000;

interface View {
  train: HTMLButtonElement;
  progress: ProgressBar;
  check: HTMLElement;
  side: HTMLFieldSetElement;
  grid: HTMLElement;
  cells: HTMLButtonElement[];
  newGame: HTMLButtonElement;
  status: StatusLine;
}

export class TicTacToeElement extends HTMLElement {
  private view: View | null = null;
  private learner: TicTacToeLearner | null = null;
  private board: Cell[] = EMPTY_BOARD.slice();
  private you: Player = 1;
  private training = false;
  private connected = false;

  connectedCallback(): void {
    this.connected = true;
    if (this.view) return;
    if (!this.querySelector('[data-part="root"]')) this.innerHTML = ticTacToeMarkup(nextWidgetId('tk-ttt-js'));
    const view: View = {
      train: part<HTMLButtonElement>(this, 'train'),
      progress: new ProgressBar(part(this, 'progress')),
      check: part(this, 'check'),
      side: part<HTMLFieldSetElement>(this, 'side'),
      grid: part(this, 'grid'),
      cells: [...this.querySelectorAll<HTMLButtonElement>('[data-part="cell"]')],
      newGame: part<HTMLButtonElement>(this, 'new-game'),
      status: new StatusLine(part(this, 'status'), 500),
    };
    this.view = view;
    view.train.addEventListener('click', () => void this.train());
    view.newGame.addEventListener('click', () => this.newGame());
    view.side.addEventListener('change', () => this.newGame());
    view.cells.forEach((cell, i) => cell.addEventListener('click', () => this.readerMove(i)));
    view.grid.addEventListener('keydown', (event) => this.arrowFocus(event));
    this.dataset.state = 'idle';
  }

  disconnectedCallback(): void {
    this.connected = false;
  }

  // ---- Training ------------------------------------------------------------------------------

  private async train(): Promise<void> {
    const view = this.view;
    if (!view || this.training) return;
    this.training = true;
    this.dataset.state = 'running';
    view.train.disabled = true;
    view.side.disabled = true;
    view.newGame.disabled = true;
    for (const cell of view.cells) cell.disabled = true;
    const learner = new TicTacToeLearner();
    let check: NeverLoseCheck = verifyNeverLoses(learner.policy());
    const started = performance.now();
    while (this.connected && !check.neverLoses && learner.episodes < MAX_GAMES) {
      learner.train(SLICE_GAMES);
      check = verifyNeverLoses(learner.policy());
      const losses = check.asX.losses + check.asO.losses;
      view.progress.show(`Self-play: ${formatCount(learner.episodes)} games`, 0, null);
      view.status.update(
        `Self-play: ${formatCount(learner.episodes)} games played; the agent still loses to ${formatCount(losses)} ` +
          `of ${formatCount(check.strategies)} opponent strategies.`,
      );
      await pauseForPaint();
    }
    this.training = false;
    view.train.disabled = false;
    if (!this.connected) return;
    view.progress.hide();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    this.learner = learner;
    this.dataset.episodes = String(learner.episodes);
    this.dataset.strategies = String(check.strategies);
    this.dataset.neverLoses = String(check.neverLoses);
    view.train.textContent = 'Train again';
    view.check.textContent = check.neverLoses
      ? `Checked: against all ${formatCount(check.strategies)} opponent strategies (${formatCount(check.asX.games)} with the agent ` +
        `as X, ${formatCount(check.asO.games)} as O) it never loses: ${formatCount(check.asX.wins + check.asO.wins)} wins, ` +
        `${formatCount(check.asX.draws + check.asO.draws)} draws.`
      : `After ${formatCount(learner.episodes)} games the agent still loses to ${formatCount(check.asX.losses + check.asO.losses)} ` +
        `of ${formatCount(check.strategies)} opponent strategies: it can still be beaten. Try to find its weak spot.`;
    view.side.disabled = false;
    view.newGame.disabled = false;
    this.dataset.state = 'done';
    view.status.announce(
      `Trained by self-play: ${formatCount(learner.episodes)} games in ${seconds} s. ` +
        (check.neverLoses ? `It never loses against any of the ${formatCount(check.strategies)} opponent strategies. ` : '') +
        `Your move: pick a cell.`,
    );
    this.newGame(false);
  }

  // ---- Playing -------------------------------------------------------------------------------

  private newGame(announce = true): void {
    const view = this.view;
    if (!view || !this.learner) return;
    const chosen = view.side.querySelector<HTMLInputElement>('input:checked');
    this.you = chosen?.value === '2' ? 2 : 1;
    this.board = EMPTY_BOARD.slice();
    delete this.dataset.result;
    let text = `New game: you play ${PLAYER_NAMES[this.you]}. `;
    if (this.you === 2) text += this.agentMove();
    else text += 'Your move.';
    this.render();
    if (announce) view.status.announce(text);
  }

  /** The agent plays; returns the words for the status line. */
  private agentMove(): string {
    if (!this.learner || outcome(this.board) !== null) return '';
    const cell = this.learner.greedyMove(this.board);
    this.board = play(this.board, cell);
    return `The agent (${PLAYER_NAMES[this.you === 1 ? 2 : 1]}) played ${tttCellName(cell)}. ` + (this.result() ?? 'Your move.');
  }

  private readerMove(cell: number): void {
    const view = this.view;
    if (!view || !this.learner) return;
    if (outcome(this.board) !== null) {
      view.status.announce('The game is over. Press New game to play again.');
      return;
    }
    if (toMove(this.board) !== this.you) return;
    if (this.board[cell] !== 0) {
      view.status.announce(`${tttCellName(cell)} is taken; pick an empty cell.`);
      return;
    }
    this.board = play(this.board, cell);
    let text = `You played ${tttCellName(cell)}. `;
    const ended = this.result();
    text += ended ?? this.agentMove();
    this.render();
    view.status.announce(text);
  }

  /** Words for a finished game (and data-result), or null while it goes on. */
  private result(): string | null {
    const end = outcome(this.board);
    if (end === null) return null;
    if (end === 'draw') {
      this.dataset.result = 'draw';
      return 'Draw: nobody got three in a row. Press New game to play again.';
    }
    this.dataset.result = end === this.you ? 'you' : 'agent';
    return end === this.you
      ? 'You won! Three in a row. Press New game to play again.'
      : 'The agent won: three in a row. Press New game to play again.';
  }

  private render(): void {
    const view = this.view;
    if (!view) return;
    const over = outcome(this.board) !== null;
    const line = winningLine(this.board);
    view.cells.forEach((button, i) => {
      const mark = this.board[i] ?? 0;
      button.disabled = false;
      button.textContent = mark === 0 ? '' : PLAYER_NAMES[mark];
      button.dataset.mark = String(mark);
      button.setAttribute('aria-label', `${tttCellName(i)}: ${mark === 0 ? 'empty' : PLAYER_NAMES[mark]}`);
      if (mark !== 0 || over) button.setAttribute('aria-disabled', 'true');
      else button.removeAttribute('aria-disabled');
      button.classList.toggle('tk-ttt__cell--line', (line as readonly number[]).includes(i));
    });
  }

  /** Arrow keys move the focus around the grid (Tab works too). */
  private arrowFocus(event: KeyboardEvent): void {
    const view = this.view;
    if (!view) return;
    const delta = { ArrowUp: -3, ArrowDown: 3, ArrowLeft: -1, ArrowRight: 1 }[event.key];
    if (delta === undefined) return;
    const current = view.cells.indexOf(event.target as HTMLButtonElement);
    if (current < 0) return;
    const next = current + delta;
    const sameRow = Math.floor(next / 3) === Math.floor(current / 3);
    if (next < 0 || next > 8 || (Math.abs(delta) === 1 && !sameRow)) return;
    event.preventDefault();
    view.cells[next]?.focus();
  }
}

if (!customElements.get('tk-tictactoe')) customElements.define('tk-tictactoe', TicTacToeElement);
