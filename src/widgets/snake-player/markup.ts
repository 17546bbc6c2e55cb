/**
 * Markup of <tk-snake-player>, rendered at build time by SnakePlayer.astro (and by the element
 * itself when placed without it). Parts are found by `data-part`; see element.ts for behaviour.
 */
import { progressMarkup } from '../shared/progress.ts';

export const SPEEDS = [
  { value: 600, label: 'Slow' },
  { value: 250, label: 'Normal' },
  { value: 80, label: 'Fast' },
] as const;
export const DEFAULT_SPEED = 250;

/** The four moves in action order (0 up, 1 down, 2 left, 3 right) with their keys. */
export const MOVE_LABELS = ['Up', 'Down', 'Left', 'Right'] as const;

export function snakePlayerMarkup(id: string): string {
  const speedOptions = SPEEDS.map((s) => `<option value="${s.value}"${s.value === DEFAULT_SPEED ? ' selected' : ''}>${s.label}</option>`).join('');
  const qRows = MOVE_LABELS.map(
    (label, action) =>
      `<tr data-part="q-row" data-action="${action}"><th scope="row">${label}</th><td data-part="q-value">–</td><td data-part="q-mark"></td></tr>`,
  ).join('');
  const pad = MOVE_LABELS.map(
    (label, action) =>
      `<button type="button" class="tk-button tk-snake-player__move tk-snake-player__move--${label.toLowerCase()}" data-part="move" data-action="${action}">${label}</button>`,
  ).join('');
  return (
    `<div class="tk-widget tk-snake-player" data-part="root">` +
    `<p class="tk-widget__title">Watch the agent play Snake, or play yourself</p>` +
    `<p class="tk-widget__intro">Train the reference Q-learning agent for about a second, then watch it play ` +
    `seeded 3×3 games one move at a time, with the four Q-values it chose from. Or play the same games yourself: ` +
    `the game waits for your move.</p>` +
    `<div class="tk-actions">` +
    `<button type="button" class="tk-button tk-button--primary" data-part="train">Train an agent</button>` +
    `</div>` +
    progressMarkup('Training') +
    `<div class="tk-snake-player__layout">` +
    `<div class="tk-snake-player__play">` +
    `<p class="tk-snake-player__game" data-part="game-label">Game 1</p>` +
    `<div class="tk-snake-player__board" data-part="board" tabindex="0" role="group" ` +
    `aria-label="Snake board: press the arrow keys or W, A, S, D to move" aria-describedby="${id}-help">` +
    `<canvas data-part="canvas" width="216" height="216"></canvas>` +
    `</div>` +
    `<p class="tk-note" id="${id}-help">Click or tab to the board, then move with the arrow keys or W, A, S, D ` +
    `(one key, one move), or use the buttons below. Eat the food to grow; fill all 9 cells to win. ` +
    `Walls, your own body and 18 moves without food end the game.</p>` +
    `<div class="tk-snake-player__pad" role="group" aria-label="Move the snake">${pad}</div>` +
    `</div>` +
    `<div class="tk-snake-player__agent">` +
    `<div class="tk-actions" role="group" aria-label="Agent replay">` +
    `<button type="button" class="tk-button" data-part="play" disabled>Play</button>` +
    `<button type="button" class="tk-button" data-part="step" disabled>Step</button>` +
    `<button type="button" class="tk-button" data-part="new-game">New game</button>` +
    `</div>` +
    `<div class="tk-field tk-snake-player__speed"><label class="tk-field__label" for="${id}-speed">Speed</label>` +
    `<select id="${id}-speed" data-part="speed">${speedOptions}</select></div>` +
    `<table class="tk-snake-player__q"><caption>Q-values of this position</caption>` +
    `<thead><tr><th scope="col">Move</th><th scope="col">Q-value</th><th scope="col"><span class="visually-hidden">Note</span></th></tr></thead>` +
    `<tbody>${qRows}</tbody></table>` +
    `<p class="tk-note" data-part="last-move">No move yet.</p>` +
    `</div>` +
    `</div>` +
    `<p class="tk-status" data-part="status">Game 1: press a key on the board to play, or train an agent.</p>` +
    `</div>`
  );
}
