/**
 * The StateCount widget's markup: "how many rows would a Q-table for Snake need?" as a table,
 * computed from src/lib/rl/state-count.ts. Rendered at build time by StateCount.astro (no client
 * JavaScript: the numbers never change). No DOM here.
 */
import {
  BYTES_PER_STATE,
  VISITS_PER_SECOND,
  formatBigBytes,
  formatBigCount,
  formatBigDuration,
  type StateCountRow,
} from '../../lib/rl/state-count.ts';
import { escapeHtml } from '../shared/html.ts';

/** Escapes a figure and writes its powers of ten as superscripts ("1.8 × 10^18" → 1.8 × 10<sup>18</sup>). */
function powers(text: string): string {
  return escapeHtml(text).replace(/10\^(\d+)/g, '10<sup>$1</sup>');
}

const atLeast = (row: StateCountRow, text: string) => (row.kind === 'exact' ? text : `more than ${text}`);

/** A cell: the exact figure, or "more than" the lower bound with "(at most …)" the upper bound. */
function boundedCell(row: StateCountRow, format: (states: number) => string): string {
  if (row.kind === 'exact') return powers(format(row.states));
  return `more than ${powers(format(row.states))}<br><span class="tk-note">(at most ${powers(format(row.upper))})</span>`;
}

/** The key figure in words, for the status line. */
export function stateCountSummary(rows: readonly StateCountRow[]): string {
  const small = rows.find((r) => r.size === 3);
  const big = rows.find((r) => r.size === 5) ?? rows.at(-1);
  if (!small || !big) return '';
  const factor = Math.round(big.states / small.states);
  return (
    `A ${small.size}×${small.size} board has ${formatBigCount(small.states)} positions; ` +
    `${big.size}×${big.size} already has ${atLeast(big, formatBigCount(big.states))}, ${formatBigCount(factor)} times as many.`
  );
}

export function stateCountMarkup(rows: readonly StateCountRow[], captionId: string): string {
  const body = rows
    .map(
      (r) =>
        `<tr><th scope="row">${r.size}×${r.size}</th>` +
        `<td>${boundedCell(r, formatBigCount)}</td>` +
        `<td>${boundedCell(r, (n) => formatBigBytes(n * BYTES_PER_STATE))}</td>` +
        `<td>${boundedCell(r, (n) => formatBigDuration(n / VISITS_PER_SECOND))}</td></tr>`,
    )
    .join('\n');
  const bounded = rows.filter((r) => r.kind === 'bounds');
  const boundNote = bounded.length
    ? ` For ${bounded.map((r) => `${r.size}×${r.size}`).join(' and ')} the exact count is out of reach: “more than” counts only snakes up to ${bounded[0]!.countedUpTo} cells long, and “at most” assumes every body could turn any of three ways at every cell.`
    : '';
  return `<div class="tk-widget tk-state-count" data-part="root">
<p class="tk-widget__title" id="${captionId}">How big would the Q-table be?</p>
<p class="tk-widget__intro">One row per position: the snake's body (any path of cells, head to tail) times the food's cell. Each row holds 4 action values of ${BYTES_PER_STATE / 4} bytes. Time assumes a very fast ${formatBigCount(VISITS_PER_SECOND / 1e6)} million game steps per second, visiting each position exactly once.</p>
<div class="tk-state-count__scroll" role="region" aria-labelledby="${captionId}" tabindex="0">
<table class="tk-state-count__table">
<thead><tr><th scope="col">Board</th><th scope="col">Positions (table rows)</th><th scope="col">Q-table memory</th><th scope="col">Time to visit each once</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
</div>
<p class="tk-status" role="status" data-part="status">${escapeHtml(stateCountSummary(rows))}</p>
<p class="tk-note">Counted by depth-first search over every path of the body.${escapeHtml(boundNote)} Not every position can happen in a real game (on 3×3 all 2,040 can), but the order of magnitude is the point: the table grows exponentially with the board.</p>
</div>`;
}
