/**
 * The explorer's grids as strings: the padded input, the kernel (or pooling window), the output and
 * the im2col matrix. Rendered at build time (the default setting is a figure before any script runs)
 * and again by the element on every change. Cells carry their coordinates (`data-y`, `data-x`,
 * `data-row`) so the element can light the linked cells; no ids.
 */
import { im2colView, outputValues, patchOf, type OutputValue } from '../../lib/conv-explorer/grids.ts';
import type { ExplorerMode } from '../../lib/conv-explorer/setting.ts';
import { outputSize, type AxisSetting } from '../../lib/nn/conv-geometry.ts';
import { escapeHtml } from '../shared/html.ts';

/** A cell's value as shown: whole numbers as they are, averages to one decimal, a padding-only pool as a dash. */
export function cellText(v: OutputValue): string {
  if (v === null) return '–';
  const rounded = Math.round(v * 10) / 10;
  return (rounded < 0 ? '−' : '') + Math.abs(rounded).toFixed(Number.isInteger(rounded) ? 0 : 1);
}

/** "row 1, column 2" (0-based, as the grids' axis labels). */
const at = (y: number, x: number): string => `row ${y}, column ${x}`;

function range(from: number, to: number, step: number): string {
  if (from === to) return String(from);
  return step === 1 ? `${from} to ${to}` : `${from} to ${to} in steps of ${step}`;
}

/** What output cell (oy, ox) reads, in words, for its label and the readout line. */
export function patchWords(setting: AxisSetting, oy: number, ox: number): string {
  const taps = patchOf(setting, oy, ox);
  const first = taps[0]!;
  const last = taps[taps.length - 1]!;
  const padding = taps.filter((t) => !t.inside).length;
  const pad = padding === 0 ? '' : `; ${padding} of its ${taps.length} cells are padding`;
  return `reads input rows ${range(first.y, last.y, setting.d)}, columns ${range(first.x, last.x, setting.d)}${pad}`;
}

/** One roving-focus grid: the first cell is in the tab order, arrow keys move (the element handles them). */
function gridMarkup(kind: 'input' | 'output', label: string, size: number, rows: string[][]): string {
  const body = rows.map((cells) => `<div role="row" class="tk-convx__row">${cells.join('')}</div>`).join('');
  return `<div class="tk-convx__grid tk-convx__grid--${kind}" role="grid" data-part="${kind}-grid" aria-label="${escapeHtml(label)}" style="--size:${size}">${body}</div>`;
}

/**
 * The input with its padding ring: rows and columns −p … n + p − 1. Padding cells read 0 in a
 * convolution and are left out of a pooling (shown empty then).
 */
export function inputGridMarkup(setting: AxisSetting, mode: ExplorerMode, input: Float32Array): string {
  const { n, p } = setting;
  const rows: string[][] = [];
  for (let y = -p; y < n + p; y++) {
    const cells: string[] = [];
    for (let x = -p; x < n + p; x++) {
      const inside = y >= 0 && y < n && x >= 0 && x < n;
      const text = inside ? cellText(input[y * n + x]!) : mode === 'conv' ? '0' : '';
      const name = inside ? `Input ${at(y, x)}: ${text}` : `Padding ${at(y, x)}${mode === 'conv' ? ': 0' : ''}`;
      const first = y === -p && x === -p;
      cells.push(
        `<span role="gridcell" class="tk-convx__cell${inside ? '' : ' tk-convx__cell--pad'}" data-y="${y}" data-x="${x}" tabindex="${first ? 0 : -1}" aria-label="${escapeHtml(name)}">${text}</span>`,
      );
    }
    rows.push(cells);
  }
  const padWords = p === 0 ? '' : ` with ${p} ${p === 1 ? 'ring' : 'rings'} of padding (dashed)`;
  return gridMarkup('input', `Input, ${n} by ${n}${padWords}. Arrow keys move; each cell lights the output cells that read it.`, n + 2 * p, rows);
}

/** The kernel's weights, or the pooling window's k × k taps (each shown as its operation's sign). */
export function kernelMarkup(setting: AxisSetting, mode: ExplorerMode, weights: Float32Array): string {
  const { k } = setting;
  const mark = mode === 'max' ? 'max' : 'avg';
  const cells: string[] = [];
  for (let i = 0; i < k * k; i++)
    cells.push(`<span class="tk-convx__cell tk-convx__cell--kernel">${mode === 'conv' ? cellText(weights[i]!) : mark}</span>`);
  const what =
    mode === 'conv' ? `Kernel, ${k} by ${k}: weights ${Array.from(weights, (w) => cellText(w)).join(', ')}` : `Pooling window, ${k} by ${k}`;
  return `<div class="tk-convx__grid tk-convx__grid--kernel" role="img" aria-label="${escapeHtml(what)}" style="--size:${k}">${cells.join('')}</div>`;
}

/** The output grid with its values; each cell's name says what it reads. */
export function outputGridMarkup(setting: AxisSetting, mode: ExplorerMode, values: readonly OutputValue[]): string {
  const out = outputSize(setting);
  const rows: string[][] = [];
  for (let y = 0; y < out; y++) {
    const cells: string[] = [];
    for (let x = 0; x < out; x++) {
      const text = cellText(values[y * out + x]!);
      const name = `Output ${at(y, x)}: ${text === '–' ? 'no input cell (only padding)' : text}; ${patchWords(setting, y, x)}`;
      cells.push(
        `<span role="gridcell" class="tk-convx__cell" data-y="${y}" data-x="${x}" tabindex="${y === 0 && x === 0 ? 0 : -1}" aria-label="${escapeHtml(name)}">${text}</span>`,
      );
    }
    rows.push(cells);
  }
  return gridMarkup('output', `Output, ${out} by ${out}. Arrow keys move; each cell lights the input cells it reads.`, out, rows);
}

/** The im2col matrix as a table: one row per output cell, one column per kernel tap; padding taps dimmed. */
export function im2colMarkup(setting: AxisSetting, input: Float32Array): string {
  const view = im2colView(setting, input);
  const head = view.colTaps.map((t) => `<th scope="col">${t.ky},${t.kx}</th>`).join('');
  const body: string[] = [];
  for (let r = 0; r < view.rows; r++) {
    const cell = view.rowCells[r]!;
    const tds: string[] = [];
    for (let c = 0; c < view.cols; c++) {
      const i = r * view.cols + c;
      tds.push(view.padding[i] ? `<td class="is-pad">0</td>` : `<td>${cellText(view.values[i]!)}</td>`);
    }
    body.push(`<tr data-row="${r}" data-y="${cell.y}" data-x="${cell.x}"><th scope="row">${cell.y},${cell.x}</th>${tds.join('')}</tr>`);
  }
  const caption =
    `${view.rows} × ${view.cols}: one row per output cell (row, column), one column per kernel tap (row, column in the kernel). ` +
    `Padding taps read 0 (dimmed).`;
  return (
    `<table class="tk-convx__im2col"><caption>${escapeHtml(caption)}</caption>` +
    `<thead><tr><th scope="col">out \\ tap</th>${head}</tr></thead><tbody>${body.join('')}</tbody></table>`
  );
}

/** Everything the grids show for one setting, computed once. */
export function gridsFor(setting: AxisSetting, mode: ExplorerMode, input: Float32Array, weights: Float32Array) {
  const values = outputValues(setting, mode, input, weights);
  return {
    input: inputGridMarkup(setting, mode, input),
    kernel: kernelMarkup(setting, mode, weights),
    output: outputGridMarkup(setting, mode, values),
    im2col: im2colMarkup(setting, input),
  };
}
