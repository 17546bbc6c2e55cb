/**
 * Markup of <tk-snake-player>, rendered at build time by SnakePlayer.astro (and by the element
 * itself when placed without it). Parts are found by `data-part`; see element.ts for behaviour.
 * The board of game 1 is drawn here as SVG, so the widget shows its figure before any script runs.
 */
import { newSnakeGame } from '../../lib/rl/snake.ts';
import { mulberry32 } from '../../lib/runtime/shuffle.ts';
import { progressMarkup } from '../shared/progress.ts';
import { snakeBoardSvg } from '../shared/snake/figure.ts';

export const SPEEDS = [
  { value: 600, label: 'Slow' },
  { value: 250, label: 'Normal' },
  { value: 80, label: 'Fast' },
] as const;
export const DEFAULT_SPEED = 250;

/** The four moves in action order (0 up, 1 down, 2 left, 3 right) with their keys. */
export const MOVE_LABELS = ['Up', 'Down', 'Left', 'Right'] as const;
/** Arrows drawn on the move buttons (the buttons are named by MOVE_LABELS). */
const MOVE_ARROWS = ['↑', '↓', '←', '→'] as const;

/** Game n is played from seed GAME_SEED_BASE + n, so every game number replays exactly. */
export const GAME_SEED_BASE = 9_000;
export const BOARD_PIXELS = 216;

const IDLE_STATUS = 'Game 1: an agent trains here in about a second. Or press an arrow key on the board to play yourself.';

export function snakePlayerMarkup(id: string): string {
  const speedOptions = SPEEDS.map((s) => `<option value="${s.value}"${s.value === DEFAULT_SPEED ? ' selected' : ''}>${s.label}</option>`).join('');
  const qRows = MOVE_LABELS.map(
    (label, action) =>
      `<tr data-part="q-row" data-action="${action}"><th scope="row">${label} <span class="tk-snake-player__mark" data-part="q-mark"></span></th>` +
      `<td data-part="q-value">–</td></tr>`,
  ).join('');
  const pad = MOVE_LABELS.map(
    (label, action) =>
      `<button type="button" class="tk-button tk-snake-player__move tk-snake-player__move--${label.toLowerCase()}" data-part="move" ` +
      `data-action="${action}" aria-label="${label}"><span aria-hidden="true">${MOVE_ARROWS[action]}</span> ${label}</button>`,
  ).join('');
  const game1 = newSnakeGame(3, mulberry32(GAME_SEED_BASE + 1));
  return (
    `<div class="tk-widget tk-snake-player" data-part="root">` +
    `<p class="tk-widget__title">Watch a trained agent play Snake, then play yourself</p>` +
    `<p class="tk-widget__intro">A Q-learning agent trains here for about a second, then plays 3×3 games, choosing each ` +
    `move by its four Q-values. Take over at any time: arrow keys on the board, a swipe, or the buttons.</p>` +
    progressMarkup('Training') +
    `<p class="tk-status" data-part="status">${IDLE_STATUS}</p>` +
    `<div class="tk-figure tk-snake-player__layout">` +
    `<div class="tk-snake-player__play">` +
    `<p class="tk-snake-player__game" data-part="game-label">Game 1 (seed ${GAME_SEED_BASE + 1})</p>` +
    `<div class="tk-snake-player__board" data-part="board" tabindex="0" role="group" ` +
    `aria-label="Snake board: press the arrow keys or W, A, S, D to move" aria-describedby="${id}-help">` +
    `<div data-part="picture">${snakeBoardSvg(game1, BOARD_PIXELS)}</div>` +
    `</div>` +
    `<div class="tk-snake-player__pad" role="group" aria-label="Move the snake">${pad}</div>` +
    `</div>` +
    `<div class="tk-snake-player__agent">` +
    `<table class="tk-snake-player__q"><caption>The agent's Q-values here</caption>` +
    `<thead><tr><th scope="col">Move</th><th scope="col">Q-value</th></tr></thead>` +
    `<tbody>${qRows}</tbody></table>` +
    `<p class="tk-note" data-part="last-move">No move yet.</p>` +
    `<div class="tk-actions" role="group" aria-label="Agent replay">` +
    `<button type="button" class="tk-button tk-button--primary" data-part="play" disabled>Play</button>` +
    `<button type="button" class="tk-button" data-part="step" disabled>Step</button>` +
    `<button type="button" class="tk-button" data-part="new-game">New game</button>` +
    `</div>` +
    `<details class="tk-more"><summary>Speed and training</summary>` +
    `<div class="tk-controls">` +
    `<label class="tk-field" for="${id}-speed"><span class="tk-field__label">Speed</span>` +
    `<select id="${id}-speed" data-part="speed">${speedOptions}</select></label>` +
    `</div>` +
    `<div class="tk-actions"><button type="button" class="tk-button" data-part="train">Train a new agent</button></div>` +
    `</details>` +
    `</div>` +
    `</div>` +
    `<p class="tk-note" id="${id}-help">Eat the food to grow; fill all 9 cells to win. Walls, your own body and 18 moves ` +
    `without food end the game. On the board: arrow keys or W, A, S, D, one key per move; the game waits for you.</p>` +
    `</div>`
  );
}
