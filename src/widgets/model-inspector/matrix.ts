/**
 * The confusion matrix, live: the build-time table (markup.ts) gets one button per cell, named
 * "true 4, predicted 9: 23 images" and coloured by its count (d3's sequential symlog scale, so the
 * few mistakes show next to the thousand right answers; colours from the theme). The table is one
 * stop of the Tab key; the arrow keys, Home and End move inside it (roving tabindex).
 */
import { cellName, DIGITS } from '../../lib/digits/confusion.ts';
import { formatCount } from '../../lib/format/numbers.ts';
import { mixColour, parseColour, textOn } from './colours.ts';

/** Where a count sits on the colour scale, 0..1. */
type Scale = (count: number) => number;

export class MatrixView {
  private buttons: HTMLButtonElement[] = [];
  private counts: number[] = [];
  private scale: Scale | null = null;
  private readonly onKey = (e: KeyboardEvent) => this.key(e);

  constructor(
    private readonly table: HTMLTableElement,
    private readonly onPick: (truth: number, guess: number) => void,
  ) {
    table.addEventListener('keydown', this.onKey);
  }

  /** Fills the cells with `counts` (counts[true * 10 + predicted]). */
  async show(counts: number[]): Promise<void> {
    const { scaleSequentialSymlog } = await import('d3-scale');
    this.counts = counts;
    const max = Math.max(1, ...counts);
    this.scale = scaleSequentialSymlog((t: number) => t).domain([0, max]);
    const cells = [...this.table.querySelectorAll<HTMLTableCellElement>('tbody td')];
    const focused = this.buttons.findIndex((b) => b.tabIndex === 0);
    this.buttons = cells.map((td, i) => {
      const truth = Math.floor(i / DIGITS);
      const guess = i % DIGITS;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'tk-matrix__button';
      button.tabIndex = i === Math.max(0, focused) ? 0 : -1;
      button.textContent = formatCount(counts[i] ?? 0);
      button.setAttribute('aria-label', cellName(truth, guess, counts[i] ?? 0));
      if (truth !== guess) button.classList.add('tk-matrix__button--off');
      button.addEventListener('click', () => {
        this.focusCell(i, false);
        this.onPick(truth, guess);
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
    const row = Math.floor(i / DIGITS);
    const col = i % DIGITS;
    const moves: Record<string, number> = {
      ArrowLeft: col > 0 ? i - 1 : i,
      ArrowRight: col < DIGITS - 1 ? i + 1 : i,
      ArrowUp: row > 0 ? i - DIGITS : i,
      ArrowDown: row < DIGITS - 1 ? i + DIGITS : i,
      Home: e.ctrlKey ? 0 : row * DIGITS,
      End: e.ctrlKey ? DIGITS * DIGITS - 1 : row * DIGITS + DIGITS - 1,
    };
    const next = moves[e.key];
    if (next === undefined) return;
    e.preventDefault();
    this.focusCell(next);
  }
}
