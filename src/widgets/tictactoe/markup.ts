/**
 * Markup of <tk-tictactoe>, rendered at build time by TicTacToe.astro (and by the element itself
 * when placed without it). Parts are found by `data-part`; see element.ts for behaviour.
 */
import { progressMarkup } from '../shared/progress.ts';

/** "row 1, column 2" for cell 1. */
export function tttCellName(cell: number): string {
  return `row ${Math.floor(cell / 3) + 1}, column ${(cell % 3) + 1}`;
}

export function ticTacToeMarkup(id: string): string {
  const cells = Array.from(
    { length: 9 },
    (_, i) => `<button type="button" class="tk-ttt__cell" data-part="cell" data-cell="${i}" aria-label="${tttCellName(i)}: empty" disabled></button>`,
  ).join('');
  return (
    `<div class="tk-widget tk-ttt" data-part="root">` +
    `<p class="tk-widget__title">Tic-tac-toe: an agent that learns by playing itself</p>` +
    `<p class="tk-widget__intro">The agent starts knowing only the rules. It plays thousands of games against ` +
    `itself, updating one Q-table for both sides, until a check of every possible opponent finds no way to beat it. ` +
    `Then try to beat it yourself.</p>` +
    `<div class="tk-figure tk-ttt__layout">` +
    `<div class="tk-ttt__board">` +
    `<div class="tk-ttt__grid" role="group" aria-label="Tic-tac-toe board" aria-describedby="${id}-help" data-part="grid">` +
    `<svg class="tk-ttt__lines" viewBox="0 0 30 30" aria-hidden="true" focusable="false"><path d="M10 1V29M20 1V29M1 10H29M1 20H29"/></svg>` +
    `${cells}</div>` +
    `<p class="tk-note" id="${id}-help">Each cell is a button: Tab to it (or use the arrow keys inside the board) and press Enter or Space to play there.</p>` +
    `</div>` +
    `<div class="tk-ttt__side-panel">` +
    `<div class="tk-actions">` +
    `<button type="button" class="tk-button tk-button--primary" data-part="train">Train by self-play</button>` +
    `</div>` +
    progressMarkup('Self-play') +
    `<p class="tk-note" data-part="check">Not trained yet: the agent knows only the rules.</p>` +
    `<fieldset class="tk-settings tk-ttt__sides" data-part="side" disabled><legend>You play</legend>` +
    `<label class="tk-ttt__side"><input type="radio" name="${id}-side" value="1" checked> X (you move first)</label>` +
    `<label class="tk-ttt__side"><input type="radio" name="${id}-side" value="2"> O (the agent moves first)</label>` +
    `</fieldset>` +
    `<div class="tk-actions"><button type="button" class="tk-button" data-part="new-game" disabled>New game</button></div>` +
    `</div>` +
    `</div>` +
    `<p class="tk-status" data-part="status">Press "Train by self-play" to teach the agent.</p>` +
    `</div>`
  );
}
