/**
 * The probabilities a classifier gives each class, as bars in an SVG string (pure: the same function
 * draws the empty chart in the build-time markup and the live one). One series (the model inspector's
 * drawing) or two ("before" and "after" an attack, the FGSM explorer), each bar labelled with its value
 * and the most likely class of each series marked (`tk-bars__bar--best`, `data-best`, `data-best-2`).
 *
 *   columns: one column per class, its short label under it (digits 0–9);
 *   rows:    one row per class, its name at the left (Fashion-MNIST's "T-shirt/top", "Ankle boot").
 *
 * The aria-label says every value in words, so the chart is its own text alternative. Styled in
 * widgets/shared/figure.css: series 1 in --tk-bars-1 (default --series-1), series 2 in --tk-bars-2.
 */
import { formatPercent } from '../lib/format/numbers.ts';
import { escapeHtml } from '../lib/format/html.ts';

export interface BarSeries {
  /** Said in the legend and the text alternative ("Before"); may be empty for a lone series. */
  name: string;
  /** One probability (0–1) per class, or null before there is any. */
  values: ArrayLike<number> | null;
}

export interface ClassBarsOptions {
  /** The class labels, in class order. */
  classes: readonly string[];
  /** One or two series. */
  series: readonly BarSeries[];
  /** What a class is called in the text alternative: "Probability of each digit". Default 'class'. */
  noun?: string;
  /** 'columns' (default; short labels) or 'rows' (class names). */
  layout?: 'columns' | 'rows';
}

const f1 = (v: number): string => v.toFixed(1);
const clamp01 = (v: number): number => (Number.isFinite(v) ? Math.max(0, Math.min(1, v)) : 0);

/** The index of the largest value, or -1 when there are none. */
export function argMax(values: ArrayLike<number> | null, count: number): number {
  if (!values) return -1;
  let best = -1;
  for (let c = 0; c < count; c++) if (best < 0 || (values[c] as number) > (values[best] as number)) best = c;
  return best;
}

function barClass(s: number, best: boolean): string {
  return `tk-bars__bar${s === 1 ? ' tk-bars__bar--s2' : ''}${best ? ' tk-bars__bar--best' : ''}`;
}

/** The chart's text alternative: every value of every series. */
function altText(o: ClassBarsOptions): string {
  const head = `Probability of each ${o.noun ?? 'class'}`;
  const drawn = o.series.filter((s) => s.values);
  if (drawn.length === 0) return `${head}: nothing drawn yet`;
  const one = (s: BarSeries) => o.classes.map((name, c) => `${name}: ${formatPercent(s.values![c] as number)}`).join(', ');
  if (o.series.length === 1) return `${head}: ${one(drawn[0]!)}`;
  return `${head}. ${drawn.map((s) => `${s.name}: ${one(s)}`).join('. ')}`;
}

function columns(o: ClassBarsOptions): { width: number; height: number; body: string } {
  const W = 300;
  const H = 170;
  const TOP = 18;
  const BOTTOM = 26;
  const LEFT = 8;
  const n = o.classes.length;
  const slot = (W - 2 * LEFT) / n;
  const plot = H - TOP - BOTTOM;
  const k = o.series.length;
  const barW = (slot - 6) / k;
  const best = o.series.map((s) => argMax(s.values, n));
  const parts: string[] = [];
  for (let c = 0; c < n; c++) {
    const x = LEFT + c * slot;
    parts.push(`<rect class="tk-bars__slot" x="${f1(x + 3)}" y="${TOP}" width="${f1(slot - 6)}" height="${plot}"/>`);
    o.series.forEach((s, i) => {
      if (!s.values) return;
      const p = clamp01(s.values[c] as number);
      const h = p * plot;
      const y = TOP + plot - h;
      const bx = x + 3 + i * barW;
      parts.push(
        `<rect class="${barClass(i, c === best[i])}" x="${f1(bx)}" y="${f1(y)}" width="${f1(barW)}" height="${f1(h)}"/>` +
          `<text class="tk-bars__value" x="${f1(bx + barW / 2)}" y="${f1(y - 4)}" text-anchor="middle">${Math.round(p * 100)}</text>`,
      );
    });
    parts.push(`<text class="tk-bars__label" x="${f1(x + slot / 2)}" y="${H - 8}" text-anchor="middle">${escapeHtml(o.classes[c]!)}</text>`);
  }
  parts.push(`<line class="tk-bars__axis" x1="${LEFT}" x2="${W - LEFT}" y1="${TOP + plot}" y2="${TOP + plot}"/>`);
  return { width: W, height: H, body: parts.join('') };
}

function rows(o: ClassBarsOptions): { width: number; height: number; body: string } {
  const W = 320;
  const LABEL = 84;
  const VALUE = 36;
  const ROW = o.series.length === 1 ? 18 : 24;
  const TOP = o.series.length === 1 ? 4 : 24;
  const n = o.classes.length;
  const H = TOP + n * ROW + 4;
  const plot = W - LABEL - VALUE;
  const barH = (ROW - 6) / o.series.length;
  const best = o.series.map((s) => argMax(s.values, n));
  const parts: string[] = [];
  if (o.series.length > 1) {
    // The legend: a swatch and the name of each series, in the order of the bars in a row.
    let x = LABEL;
    o.series.forEach((s, i) => {
      parts.push(
        `<rect class="tk-bars__key${i === 1 ? ' tk-bars__key--s2' : ''}" x="${x}" y="6" width="12" height="10"/>` +
          `<text class="tk-bars__legend" x="${x + 16}" y="15">${escapeHtml(s.name)}</text>`,
      );
      x += 16 + Math.max(60, s.name.length * 6.5 + 12);
    });
  }
  for (let c = 0; c < n; c++) {
    const y = TOP + c * ROW;
    parts.push(
      `<text class="tk-bars__label" x="${LABEL - 6}" y="${f1(y + ROW / 2 + 4)}" text-anchor="end">${escapeHtml(o.classes[c]!)}</text>` +
        `<rect class="tk-bars__slot" x="${LABEL}" y="${f1(y + 3)}" width="${plot}" height="${f1(ROW - 6)}"/>`,
    );
    o.series.forEach((s, i) => {
      if (!s.values) return;
      const p = clamp01(s.values[c] as number);
      const by = y + 3 + i * barH;
      // Values under 0.5% are left unlabelled here (the text alternative still says them): ten rows of "0" hide the few that count.
      const percent = Math.round(p * 100);
      parts.push(
        `<rect class="${barClass(i, c === best[i])}" x="${LABEL}" y="${f1(by)}" width="${f1(p * plot)}" height="${f1(barH)}"/>` +
          (percent > 0 ? `<text class="tk-bars__value" x="${f1(LABEL + p * plot + 3)}" y="${f1(by + barH / 2 + 3.5)}">${percent}</text>` : ''),
      );
    });
  }
  parts.push(`<line class="tk-bars__axis" x1="${LABEL}" x2="${LABEL}" y1="${TOP}" y2="${TOP + n * ROW}"/>`);
  return { width: W, height: H, body: parts.join('') };
}

/** The chart as an SVG string; values shown as whole percentages beside the bars. */
export function classBarsSvg(options: ClassBarsOptions): string {
  const n = options.classes.length;
  const { width, height, body } = options.layout === 'rows' ? rows(options) : columns(options);
  const best = options.series.map((s) => argMax(s.values, n));
  const bestAttrs = best.map((b, i) => ` data-best${i === 0 ? '' : `-${i + 1}`}="${b}"`).join('');
  return (
    `<svg class="tk-bars tk-bars--${options.layout ?? 'columns'}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ` +
    `role="img" aria-label="${escapeHtml(altText(options))}"${bestAttrs}>${body}</svg>`
  );
}
