/**
 * A 2-pixel illustration of one PGD step (an SVG string, drawn at build time): with only two pixels an
 * image is a point in the plane, and the max-norm ε-ball around the original x₀ is a square. The step
 * α·sign(g) moves both pixels by α; a step that leaves the square is pulled back to its edge (the
 * projection), then a pixel past 1 is clipped back to 1. The numbers are made up to show both; the
 * caption says so. Pure: no DOM.
 */
import { escapeHtml } from '../shared/html.ts';

type Pt = readonly [number, number];

/** The illustration's numbers: ε drawn large so the square is easy to see. */
export const BALL_EXAMPLE = {
  x0: [0.9, 0.35] as Pt,
  epsilon: 0.15,
  xk: [0.95, 0.45] as Pt,
  alpha: 0.2,
  sign: [1, 1] as Pt,
};

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** The three stages of the example step: stepped, projected into the square, clipped to [0, 1]. */
export function ballStages(example = BALL_EXAMPLE): { stepped: Pt; projected: Pt; clipped: Pt } {
  const { x0, epsilon, xk, alpha, sign } = example;
  const stepped: Pt = [xk[0] + alpha * sign[0], xk[1] + alpha * sign[1]];
  const projected: Pt = [clamp(stepped[0], x0[0] - epsilon, x0[0] + epsilon), clamp(stepped[1], x0[1] - epsilon, x0[1] + epsilon)];
  const clipped: Pt = [clamp(projected[0], 0, 1), clamp(projected[1], 0, 1)];
  return { stepped, projected, clipped };
}

const W = 340;
const H = 300;
const M = { left: 40, right: 12, top: 12, bottom: 36 };
const X_DOMAIN: Pt = [0.6, 1.25];
const Y_DOMAIN: Pt = [0.1, 0.72];
const sx = (v: number): number => M.left + ((v - X_DOMAIN[0]) / (X_DOMAIN[1] - X_DOMAIN[0])) * (W - M.left - M.right);
const sy = (v: number): number => H - M.bottom - ((v - Y_DOMAIN[0]) / (Y_DOMAIN[1] - Y_DOMAIN[0])) * (H - M.top - M.bottom);
const r1 = (v: number): string => String(Math.round(v * 10) / 10);

/** An arrow from a to b (plane coordinates), its head drawn as a small triangle (no marker ids to clash). */
function arrow(a: Pt, b: Pt, kind: string): string {
  const [x1, y1, x2, y2] = [sx(a[0]), sy(a[1]), sx(b[0]), sy(b[1])];
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  const [ux, uy] = [(x2 - x1) / len, (y2 - y1) / len];
  // Stop short of the point's dot, then a head 7 long and 7 wide.
  const [ex, ey] = [x2 - ux * 4, y2 - uy * 4];
  const [bx, by] = [ex - ux * 7, ey - uy * 7];
  const head = `${r1(ex)},${r1(ey)} ${r1(bx - uy * 3.5)},${r1(by + ux * 3.5)} ${r1(bx + uy * 3.5)},${r1(by - ux * 3.5)}`;
  return (
    `<g class="tk-ball__arrow tk-ball__arrow--${kind}"><line x1="${r1(x1)}" y1="${r1(y1)}" x2="${r1(bx)}" y2="${r1(by)}"/>` +
    `<polygon points="${head}"/></g>`
  );
}

const label = (p: Pt, text: string, dx: number, dy: number, anchor = 'start'): string =>
  `<text class="tk-ball__label" x="${r1(sx(p[0]) + dx)}" y="${r1(sy(p[1]) + dy)}" text-anchor="${anchor}">${text}</text>`;

/** What the drawing shows, in words (its text alternative). */
export function ballDescription(example = BALL_EXAMPLE): string {
  const { stepped, projected, clipped } = ballStages(example);
  const f = (p: Pt) => `(${p.map((v) => Number(v.toFixed(2))).join(', ')})`;
  return (
    `A 2-pixel illustration of one PGD step. The original image x₀ = ${f(example.x0)}; the ε-ball around it (ε = ${example.epsilon}) is a square. ` +
    `From x_k = ${f(example.xk)} the step of α = ${example.alpha} along the gradient's sign lands at ${f(stepped)}, outside the square; ` +
    `the projection pulls it back to the square's edge at ${f(projected)}; pixel 1 is then past 1, and clipping brings it back to ${f(clipped)}, the next x.`
  );
}

/** The SVG. */
export function ballMarkup(example = BALL_EXAMPLE): string {
  const { x0, epsilon, xk } = example;
  const { stepped, projected, clipped } = ballStages(example);
  const [bx0, by0, bx1, by1] = [sx(x0[0] - epsilon), sy(x0[1] + epsilon), sx(x0[0] + epsilon), sy(x0[1] - epsilon)];
  const plotTop = M.top;
  const plotBottom = H - M.bottom;
  const ticks = [0.75, 1]
    .map(
      (t) =>
        `<g class="tk-ball__tick"><line x1="${r1(sx(t))}" x2="${r1(sx(t))}" y1="${plotBottom}" y2="${plotBottom + 5}"/>` +
        `<text x="${r1(sx(t))}" y="${plotBottom + 17}" text-anchor="middle">${t}</text></g>`,
    )
    .join('');
  const yTicks = [0.25, 0.5]
    .filter((t) => t >= Y_DOMAIN[0] && t <= Y_DOMAIN[1])
    .map(
      (t) =>
        `<g class="tk-ball__tick"><line x1="${M.left - 5}" x2="${M.left}" y1="${r1(sy(t))}" y2="${r1(sy(t))}"/>` +
        `<text x="${M.left - 8}" y="${r1(sy(t) + 4)}" text-anchor="end">${t}</text></g>`,
    )
    .join('');
  return (
    `<svg class="tk-ball" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(ballDescription(example))}">` +
    // Pixel 1 above 1 is not a valid image: shaded, with the edge drawn.
    `<rect class="tk-ball__invalid" x="${r1(sx(1))}" y="${plotTop}" width="${r1(W - M.right - sx(1))}" height="${plotBottom - plotTop}"/>` +
    `<line class="tk-ball__edge" x1="${r1(sx(1))}" x2="${r1(sx(1))}" y1="${plotTop}" y2="${plotBottom}"/>` +
    `<text class="tk-ball__note" x="${r1(sx(1) + 4)}" y="${plotBottom - 6}">pixel 1 &gt; 1</text>` +
    `<rect class="tk-ball__square" x="${r1(bx0)}" y="${r1(by0)}" width="${r1(bx1 - bx0)}" height="${r1(by1 - by0)}"/>` +
    `<text class="tk-ball__note" x="${r1(bx0 + 4)}" y="${r1(by1 - 6)}">ε-ball around x₀</text>` +
    `<line class="tk-ball__axis" x1="${M.left}" x2="${W - M.right}" y1="${plotBottom}" y2="${plotBottom}"/>` +
    `<line class="tk-ball__axis" x1="${M.left}" x2="${M.left}" y1="${plotTop}" y2="${plotBottom}"/>` +
    ticks +
    yTicks +
    `<text class="tk-ball__title" x="${r1((M.left + W - M.right) / 2)}" y="${H - 4}" text-anchor="middle">pixel 1</text>` +
    `<text class="tk-ball__title" text-anchor="middle" transform="translate(11,${r1((plotTop + plotBottom) / 2)}) rotate(-90)">pixel 2</text>` +
    arrow(xk, stepped, 'step') +
    arrow(stepped, projected, 'project') +
    arrow(projected, clipped, 'clip') +
    `<circle class="tk-ball__x0" cx="${r1(sx(x0[0]))}" cy="${r1(sy(x0[1]))}" r="4"/>` +
    label(x0, 'x₀', -7, 4, 'end') +
    `<circle class="tk-ball__xk" cx="${r1(sx(xk[0]))}" cy="${r1(sy(xk[1]))}" r="4"/>` +
    label(xk, 'xₖ', 8, 14) +
    `<circle class="tk-ball__ghost" cx="${r1(sx(stepped[0]))}" cy="${r1(sy(stepped[1]))}" r="4"/>` +
    label(stepped, 'xₖ + α·sign(g)', 0, -9, 'middle') +
    `<circle class="tk-ball__next" cx="${r1(sx(clipped[0]))}" cy="${r1(sy(clipped[1]))}" r="4.5"/>` +
    label(clipped, 'xₖ₊₁', -8, -6, 'end') +
    label([(stepped[0] + projected[0]) / 2, (stepped[1] + projected[1]) / 2], 'projection', 7, 4) +
    label([(projected[0] + clipped[0]) / 2, projected[1]], 'clip', 0, 16, 'middle') +
    `</svg>`
  );
}
