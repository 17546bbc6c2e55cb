/**
 * The bar chart of the ten class probabilities, as an SVG string (pure: the same function draws
 * the empty chart in the build-time markup and the live one). Each bar is labelled with its digit
 * under it and its probability over it; the most likely digit is drawn in the strong colour.
 */
import { formatPercent } from '../../lib/format/numbers.ts';

const W = 300;
const H = 170;
const TOP = 18;
const BOTTOM = 26;
const LEFT = 8;
const SLOT = (W - 2 * LEFT) / 10;

export function barsSvg(probs: ArrayLike<number> | null): string {
  const plot = H - TOP - BOTTOM;
  let best = -1;
  if (probs) for (let d = 0; d < 10; d++) if (best < 0 || (probs[d] as number) > (probs[best] as number)) best = d;
  const bars: string[] = [];
  for (let d = 0; d < 10; d++) {
    const x = LEFT + d * SLOT;
    const p = probs ? Math.max(0, Math.min(1, probs[d] as number)) : 0;
    const h = p * plot;
    const y = TOP + plot - h;
    const cls = d === best ? 'tk-bars__bar tk-bars__bar--best' : 'tk-bars__bar';
    bars.push(
      `<rect class="tk-bars__slot" x="${(x + 3).toFixed(1)}" y="${TOP}" width="${(SLOT - 6).toFixed(1)}" height="${plot}"/>` +
        (probs
          ? `<rect class="${cls}" x="${(x + 3).toFixed(1)}" y="${y.toFixed(1)}" width="${(SLOT - 6).toFixed(1)}" height="${h.toFixed(1)}"/>`
          : '') +
        `<text class="tk-bars__digit" x="${(x + SLOT / 2).toFixed(1)}" y="${H - 8}" text-anchor="middle">${d}</text>` +
        (probs
          ? `<text class="tk-bars__value" x="${(x + SLOT / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle">${Math.round(p * 100)}</text>`
          : ''),
    );
  }
  const label = probs
    ? `Probability of each digit: ${Array.from({ length: 10 }, (_, d) => `${d}: ${formatPercent(probs[d] as number)}`).join(', ')}`
    : 'Probability of each digit: nothing drawn yet';
  return (
    `<svg class="tk-bars" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${label}" data-best="${best}">` +
    `<line class="tk-bars__axis" x1="${LEFT}" x2="${W - LEFT}" y1="${TOP + plot}" y2="${TOP + plot}"/>${bars.join('')}</svg>`
  );
}
