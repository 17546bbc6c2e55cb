/**
 * Static SVG figures for the RL widgets, as strings (no DOM, no d3): rendered at build time so a
 * widget shows its board and its empty chart before any script runs or Start is pressed. The live
 * parts (the canvas board, the d3 charts) replace them once a run begins.
 *
 * Colours are CSS custom properties with fallbacks (see board.css), so both themes work without
 * script: the board uses --tk-snake-*, the chart --grid, --muted, --target.
 */
import { escapeHtml } from '../html.ts';
import type { SnakeBoardState } from './board.ts';
import type { SnakeAction } from '../../../lib/rl/snake-types.ts';
import { describeSnake } from '../../../lib/rl/snake.ts';

/** Rounds to 2 decimals for compact SVG coordinates. */
const n = (x: number): string => String(Math.round(x * 100) / 100);

/** A Snake position as an SVG picture (role="img", labelled in words like the canvas board). */
export function snakeBoardSvg(game: SnakeBoardState, pixels = 180, options: { arrow?: SnakeAction | null; labelSuffix?: string } = {}): string {
  const { size, body, food } = game;
  const step = pixels / size;
  const parts: string[] = [`<rect class="tk-snake-svg__bg" x="0" y="0" width="${pixels}" height="${pixels}"/>`];
  const lines: string[] = [];
  for (let i = 1; i < size; i++) {
    const p = n(i * step);
    lines.push(`M${p} 0V${pixels}M0 ${p}H${pixels}`);
  }
  parts.push(`<path class="tk-snake-svg__grid" d="${lines.join('')}"/>`);
  const centre = (cell: number): [number, number] => [((cell % size) + 0.5) * step, (Math.floor(cell / size) + 0.5) * step];
  if (food >= 0) {
    const [fx, fy] = centre(food);
    parts.push(`<circle class="tk-snake-svg__food" cx="${n(fx)}" cy="${n(fy)}" r="${n(step * 0.28)}"/>`);
  }
  if (body.length > 1) {
    const d = body.map((cell, i) => `${i === 0 ? 'M' : 'L'}${centre(cell).map(n).join(' ')}`).join('');
    parts.push(`<path class="tk-snake-svg__path" d="${d}" stroke-width="${n(step * 0.36)}"/>`);
  }
  const inset = step * 0.2;
  body.forEach((cell, i) => {
    const x = (cell % size) * step + inset;
    const y = Math.floor(cell / size) * step + inset;
    const cls = i === 0 ? 'tk-snake-svg__head' : 'tk-snake-svg__body';
    parts.push(`<rect class="${cls}" x="${n(x)}" y="${n(y)}" width="${n(step - 2 * inset)}" height="${n(step - 2 * inset)}"/>`);
  });
  const head = body[0];
  if (head !== undefined) {
    const [hx, hy] = centre(head);
    parts.push(`<circle class="tk-snake-svg__eye" cx="${n(hx)}" cy="${n(hy)}" r="${n(step * 0.08)}"/>`);
  }
  // The next move: an arrow from the head toward the neighbouring cell.
  if (head !== undefined && options.arrow !== undefined && options.arrow !== null) {
    const [hx, hy] = centre(head);
    const dx = [0, 0, -1, 1][options.arrow] ?? 0;
    const dy = [-1, 1, 0, 0][options.arrow] ?? 0;
    const tip = [hx + dx * step * 0.62, hy + dy * step * 0.62];
    const base = [hx + dx * step * 0.3, hy + dy * step * 0.3];
    const wing = step * 0.12;
    const points = [tip, [base[0]! - dy * wing, base[1]! - dx * wing], [base[0]! + dy * wing, base[1]! + dx * wing]];
    parts.push(`<path class="tk-snake-svg__arrow" d="M${points.map((p) => p.map(n).join(' ')).join('L')}Z"/>`);
  }
  const game0 = { size, body: [...body], food, hunger: 0, steps: 0, over: game.over ?? false, won: game.won ?? false, cause: game.cause ?? null };
  const words = options.labelSuffix ? `${describeSnake(game0)}; ${options.labelSuffix}` : describeSnake(game0);
  return (
    `<svg class="tk-snake-board tk-snake-svg" viewBox="0 0 ${pixels} ${pixels}" width="${pixels}" height="${pixels}" role="img" ` +
    `aria-label="${escapeHtml(`Board: ${words}`)}">${parts.join('')}</svg>`
  );
}

export interface EmptyChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Tick values and their labels along each axis (the first and last set the domain). */
  xTicks: readonly { value: number; label: string }[];
  yTicks: readonly { value: number; label: string }[];
  /** An optional dashed goal line at this y, with its legend words. */
  target?: { y: number; label: string };
  /** Width of the drawing in its own units (about the pixels it will have: the text scales with it). Default 320. */
  width?: number;
}

const H = 200;
const M = { top: 10, right: 12, bottom: 40, left: 52 };

/**
 * An empty chart: axes with their ticks and titles, horizontal gridlines, and the dashed target
 * line if any; what the d3 line chart will draw into once the run starts. Scales with its box.
 */
export function emptyChartSvg(spec: EmptyChartSpec): string {
  const W = spec.width ?? 320;
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const [x0, x1] = [spec.xTicks[0]?.value ?? 0, spec.xTicks.at(-1)?.value ?? 1];
  const [y0, y1] = [spec.yTicks[0]?.value ?? 0, spec.yTicks.at(-1)?.value ?? 1];
  const sx = (v: number) => M.left + ((v - x0) / (x1 - x0 || 1)) * pw;
  const sy = (v: number) => M.top + ph - ((v - y0) / (y1 - y0 || 1)) * ph;
  const out: string[] = [];
  for (const t of spec.yTicks) {
    const y = n(sy(t.value));
    out.push(`<line class="tk-empty-chart__grid" x1="${M.left}" x2="${M.left + pw}" y1="${y}" y2="${y}"/>`);
    out.push(
      `<text class="tk-empty-chart__tick" x="${M.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${escapeHtml(t.label)}</text>`,
    );
  }
  for (const t of spec.xTicks) {
    const x = n(sx(t.value));
    out.push(`<line class="tk-empty-chart__axis" x1="${x}" x2="${x}" y1="${M.top + ph}" y2="${M.top + ph + 5}"/>`);
    out.push(`<text class="tk-empty-chart__tick" x="${x}" y="${M.top + ph + 17}" text-anchor="middle">${escapeHtml(t.label)}</text>`);
  }
  out.push(`<path class="tk-empty-chart__axis" d="M${M.left} ${M.top}V${M.top + ph}H${M.left + pw}"/>`);
  out.push(`<text class="tk-empty-chart__title" x="${n(M.left + pw / 2)}" y="${H - 4}" text-anchor="middle">${escapeHtml(spec.xLabel)}</text>`);
  out.push(
    `<text class="tk-empty-chart__title" text-anchor="middle" transform="translate(14,${n(M.top + ph / 2)}) rotate(-90)">${escapeHtml(spec.yLabel)}</text>`,
  );
  let legend = '';
  if (spec.target) {
    const y = n(sy(spec.target.y));
    out.push(`<line class="tk-empty-chart__target" data-part="target-line" x1="${M.left}" x2="${M.left + pw}" y1="${y}" y2="${y}"/>`);
    legend = `<p class="tk-empty-chart__legend"><span class="tk-empty-chart__swatch" aria-hidden="true"></span><span data-part="target-label">${escapeHtml(spec.target.label)}</span></p>`;
  }
  const label = `${spec.title} chart, empty until training starts: ${spec.yLabel} against ${spec.xLabel}${spec.target ? `; ${spec.target.label}` : ''}`;
  return (
    `<div class="tk-empty-chart"><svg class="tk-empty-chart__svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(label)}">` +
    `${out.join('')}</svg>${legend}</div>`
  );
}

/** Round ticks from 0 to at least `max` (steps of 1, 2 or 5 times a power of ten, at most six ticks). */
export function linearTicks(max: number, format: (v: number) => string = (v) => String(v)): { value: number; label: string }[] {
  if (!(max > 0))
    return [
      { value: 0, label: format(0) },
      { value: 1, label: format(1) },
    ];
  const power = 10 ** Math.floor(Math.log10(max / 5));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => max / s <= 5) ?? 10 * power;
  const ticks: { value: number; label: string }[] = [];
  for (let i = 0; ; i++) {
    const value = Number((i * step).toPrecision(12));
    ticks.push({ value, label: format(value) });
    if (value >= max - step * 1e-9) return ticks;
  }
}

/** The y coordinate (in the empty chart's viewBox) of a value, for moving the target line. */
export function emptyChartY(spec: Pick<EmptyChartSpec, 'yTicks'>, value: number): number {
  const [y0, y1] = [spec.yTicks[0]?.value ?? 0, spec.yTicks.at(-1)?.value ?? 1];
  const ph = H - M.top - M.bottom;
  return Math.round((M.top + ph - ((value - y0) / (y1 - y0 || 1)) * ph) * 100) / 100;
}
