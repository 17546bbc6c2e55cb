/**
 * A confusion matrix, live: the build-time table (markup.ts) gets one button per cell, named by
 * the widget ("true 4, predicted 9: 23 images") and coloured by its count (d3's sequential symlog
 * scale, so the few mistakes show next to the thousand right answers; colours from the theme). The
 * table is one stop of the Tab key; the arrow keys, Home and End move inside it (roving tabindex).
 * Any number of classes: the table's cells say how many. Used by the model inspector and the
 * robustness curve (original class → class after the attack).
 */
import { formatCount } from '../../../lib/format/numbers.ts';
import { mixColour, parseColour, textOn } from './colours.ts';

export interface MatrixViewOptions {
  /** How a cell is read out: "true 4, predicted 9: 23 images". */
  cellName: (truth: number, guess: number, count: number) => string;
  /** A cell was chosen (click, Enter or Space); none: the cells are read, not chosen. */
  onPick?: (truth: number, guess: number) => void;
}

/** Where a count sits on the colour scale, 0..1. */
type Scale = (count: number) => number;

export class MatrixView {
  private buttons: HTMLButtonElement[] = [];
  private counts: readonly number[] = [];
  private scale: Scale | null = null;
  private size = 0;
  private readonly onKey = (e: KeyboardEvent) => this.key(e);

  constructor(
    private readonly table: HTMLTableElement,
    private readonly options: MatrixViewOptions,
  ) {
    table.addEventListener('keydown', this.onKey);
  }

  /** Fills the cells with `counts` (counts[true * classes + predicted]). */
  async show(counts: readonly number[]): Promise<void> {
    const { scaleSequentialSymlog } = await import('d3-scale');
    this.counts = counts;
    const max = Math.max(1, ...counts);
    this.scale = scaleSequentialSymlog((t: number) => t).domain([0, max]);
    const cells = [...this.table.querySelectorAll<HTMLTableCellElement>('tbody td')];
    const size = Math.round(Math.sqrt(cells.length));
    this.size = size;
    const focused = this.buttons.findIndex((b) => b.tabIndex === 0);
    this.buttons = cells.map((td, i) => {
      const truth = Math.floor(i / size);
      const guess = i % size;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'tk-matrix__button';
      button.tabIndex = i === Math.max(0, focused) ? 0 : -1;
      button.textContent = formatCount(counts[i] ?? 0);
      button.setAttribute('aria-label', this.options.cellName(truth, guess, counts[i] ?? 0));
      if (truth !== guess) button.classList.add('tk-matrix__button--off');
      button.addEventListener('click', () => {
        this.focusCell(i, false);
        this.options.onPick?.(truth, guess);
      });
      td.replaceChildren(button);
      return button;
    });
    this.recolour();
  }

  /** Paints the cells again with the theme's colours (after a theme change). */
  recolour(): void {
    const scale = this.scale;
    if (!scale) return;
    const low = this.theme('low', [244, 248, 253]);
    const high = this.theme('high', [11, 61, 145]);
    this.buttons.forEach((b, i) => {
      const bg = mixColour(low, high, scale(this.counts[i] ?? 0));
      b.style.backgroundColor = bg;
      b.style.color = textOn(parseColour(bg) ?? [255, 255, 255]);
    });
  }

  /** Back to the empty outline. */
  clear(): void {
    for (const td of this.table.querySelectorAll('tbody td')) td.replaceChildren();
    this.buttons = [];
    this.scale = null;
  }

  destroy(): void {
    this.table.removeEventListener('keydown', this.onKey);
  }

  private theme(which: 'low' | 'high', fallback: [number, number, number]): [number, number, number] {
    return parseColour(getComputedStyle(this.table).getPropertyValue(`--tk-matrix-${which}`)) ?? fallback;
  }

  private focusCell(i: number, focus = true): void {
    this.buttons.forEach((b, j) => (b.tabIndex = j === i ? 0 : -1));
    if (focus) this.buttons[i]?.focus();
  }

  private key(e: KeyboardEvent): void {
    const i = this.buttons.indexOf(e.target as HTMLButtonElement);
    if (i < 0) return;
    const size = this.size;
    const row = Math.floor(i / size);
    const col = i % size;
    const moves: Record<string, number> = {
      ArrowLeft: col > 0 ? i - 1 : i,
      ArrowRight: col < size - 1 ? i + 1 : i,
      ArrowUp: row > 0 ? i - size : i,
      ArrowDown: row < size - 1 ? i + size : i,
      Home: e.ctrlKey ? 0 : row * size,
      End: e.ctrlKey ? size * size - 1 : row * size + size - 1,
    };
    const next = moves[e.key];
    if (next === undefined) return;
    e.preventDefault();
    this.focusCell(next);
  }
}
