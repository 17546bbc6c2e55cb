/**
 * One axis of the window, drawn as an SVG string: the padded input row as cells, and under it one
 * line per output position with a dot on each input cell its window reads. Stride shows as the
 * step between lines, dilation as the gaps between dots, padding as the dashed cells.
 */
import { patchOf } from '../../lib/conv-explorer/grids.ts';
import { outputSize, type AxisSetting } from '../../lib/nn/conv-geometry.ts';
import { escapeHtml } from '../shared/html.ts';

const CELL = 22;
const LABEL = 46;
const TOP = 30;
const LINE = 16;

export function axisDiagram(setting: AxisSetting): string {
  const { n, p, s, d, k } = setting;
  const cells = n + 2 * p;
  const out = outputSize(setting);
  const width = LABEL + cells * CELL + 4;
  const height = TOP + CELL + 8 + out * LINE + 4;
  const cx = (c: number) => LABEL + (c + p) * CELL + CELL / 2;
  const parts: string[] = [];
  parts.push(`<text class="tk-convx__axis-label" x="${LABEL - 6}" y="${TOP + CELL / 2 + 4}" text-anchor="end">input</text>`);
  for (let c = -p; c < n + p; c++) {
    const pad = c < 0 || c >= n;
    const x = LABEL + (c + p) * CELL;
    parts.push(
      `<rect class="tk-convx__axis-cell${pad ? ' is-pad' : ''}" x="${x + 1}" y="${TOP}" width="${CELL - 2}" height="${CELL - 2}" rx="2"></rect>`,
    );
    parts.push(`<text class="tk-convx__axis-index" x="${x + CELL / 2}" y="${TOP - 6}" text-anchor="middle">${c < 0 ? `−${-c}` : c}</text>`);
  }
  for (let o = 0; o < out; o++) {
    const y = TOP + CELL + 8 + o * LINE + LINE / 2;
    const taps = patchOf(setting, 0, o)
      .filter((t) => t.ky === 0)
      .map((t) => t.x);
    parts.push(`<text class="tk-convx__axis-label" x="${LABEL - 6}" y="${y + 4}" text-anchor="end">out ${o}</text>`);
    parts.push(`<line class="tk-convx__axis-span" x1="${cx(taps[0]!)}" x2="${cx(taps[taps.length - 1]!)}" y1="${y}" y2="${y}"></line>`);
    for (const t of taps) parts.push(`<circle class="tk-convx__axis-tap" cx="${cx(t)}" cy="${y}" r="4"></circle>`);
  }
  const label =
    `One axis: ${n} input cells and ${p} of padding on each side; each of the ${out} outputs reads ${k} ` +
    `${k === 1 ? 'cell' : 'cells'} ${d} apart, and each output starts ${s} ${s === 1 ? 'cell' : 'cells'} after the one before.`;
  return (
    `<svg class="tk-convx__axis" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(label)}">` +
    parts.join('') +
    `</svg>`
  );
}
