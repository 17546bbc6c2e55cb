/**
 * Draws a Snake board on a canvas: the grid, the food, the body as connected segments (so the
 * snake's shape reads at a glance) with the head marked, and optionally an arrow for a move.
 * Standalone: any Snake widget can use it (`drawSnakeBoard(canvas, game, options)`).
 *
 * Colours come from CSS custom properties on the canvas (with fallbacks), so the board follows
 * the light and dark themes: --tk-snake-body, --tk-snake-head, --tk-snake-food, --tk-snake-grid,
 * --tk-snake-bg, --tk-snake-arrow, --tk-snake-eye (set in board.css). The canvas gets an aria-label describing the game in words
 * (role="img" is set too), unless `label: false`.
 */
import { describeSnake } from '../../../lib/rl/snake.ts';
import type { SnakeAction, SnakeGame } from '../../../lib/rl/snake-types.ts';

/** What the board needs of a game (a SnakeGame, or a recorded state of one). */
export type SnakeBoardState = Pick<SnakeGame, 'size' | 'body' | 'food'> & Partial<Pick<SnakeGame, 'over' | 'won' | 'cause'>>;

export interface SnakeBoardOptions {
  /** Width and height in CSS pixels. Default: the canvas's displayed width, else 180. */
  pixels?: number;
  /** Draw an arrow from the head in this direction (the move about to be played). */
  arrow?: SnakeAction | null;
  /** Set role="img" and an aria-label describing the game. Default true. */
  label?: boolean;
  /** Extra words appended to the aria-label (e.g. "next move: up"). */
  labelSuffix?: string;
}

const FALLBACK = {
  bg: '#ffffff',
  grid: '#8c959f',
  body: '#0072b2',
  head: '#003a5c',
  food: '#d55e00',
  arrow: '#1b1f24',
  eye: '#ffffff',
};

function cssColour(style: CSSStyleDeclaration | null, name: string, fallback: string): string {
  const v = style?.getPropertyValue(name).trim();
  return v ? v : fallback;
}

/** Centre of `cell` in board pixels. */
function centre(size: number, cell: number, step: number): [number, number] {
  return [((cell % size) + 0.5) * step, (Math.floor(cell / size) + 0.5) * step];
}

export function drawSnakeBoard(canvas: HTMLCanvasElement, game: SnakeBoardState, options: SnakeBoardOptions = {}): void {
  const pixels = options.pixels ?? (canvas.clientWidth > 0 ? canvas.clientWidth : 180);
  const ratio = typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1;
  const device = Math.round(pixels * ratio);
  if (canvas.width !== device) canvas.width = device;
  if (canvas.height !== device) canvas.height = device;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const style = typeof getComputedStyle === 'function' ? getComputedStyle(canvas) : null;
  const colours = {
    bg: cssColour(style, '--tk-snake-bg', FALLBACK.bg),
    grid: cssColour(style, '--tk-snake-grid', FALLBACK.grid),
    body: cssColour(style, '--tk-snake-body', FALLBACK.body),
    head: cssColour(style, '--tk-snake-head', FALLBACK.head),
    food: cssColour(style, '--tk-snake-food', FALLBACK.food),
    arrow: cssColour(style, '--tk-snake-arrow', FALLBACK.arrow),
    eye: cssColour(style, '--tk-snake-eye', FALLBACK.eye),
  };

  const { size, body, food } = game;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  const step = pixels / size;
  ctx.fillStyle = colours.bg;
  ctx.fillRect(0, 0, pixels, pixels);

  // Grid lines.
  ctx.strokeStyle = colours.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let i = 0; i <= size; i++) {
    const p = Math.min(pixels - 0.5, Math.max(0.5, Math.round(i * step) + 0.5));
    ctx.moveTo(p, 0);
    ctx.lineTo(p, pixels);
    ctx.moveTo(0, p);
    ctx.lineTo(pixels, p);
  }
  ctx.stroke();

  // Food: a disc.
  if (food >= 0) {
    const [fx, fy] = centre(size, food, step);
    ctx.fillStyle = colours.food;
    ctx.beginPath();
    ctx.arc(fx, fy, step * 0.28, 0, Math.PI * 2);
    ctx.fill();
  }

  // Body: a thick path through the segment centres, then a square per segment.
  if (body.length > 1) {
    ctx.strokeStyle = colours.body;
    ctx.lineWidth = step * 0.36;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    body.forEach((cell, i) => {
      const [x, y] = centre(size, cell, step);
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.stroke();
  }
  const inset = step * 0.2;
  body.forEach((cell, i) => {
    const x = (cell % size) * step;
    const y = Math.floor(cell / size) * step;
    ctx.fillStyle = i === 0 ? colours.head : colours.body;
    ctx.fillRect(x + inset, y + inset, step - 2 * inset, step - 2 * inset);
  });
  // The head's eye: a dot that contrasts with the head, so the head differs from the body by shape too.
  const head = body[0];
  if (head !== undefined) {
    const [hx, hy] = centre(size, head, step);
    ctx.fillStyle = colours.eye;
    ctx.beginPath();
    ctx.arc(hx, hy, step * 0.08, 0, Math.PI * 2);
    ctx.fill();
  }

  // The next move: an arrow from the head toward the neighbouring cell.
  if (options.arrow !== undefined && options.arrow !== null && head !== undefined) {
    const [hx, hy] = centre(size, head, step);
    const dx = [0, 0, -1, 1][options.arrow] ?? 0;
    const dy = [-1, 1, 0, 0][options.arrow] ?? 0;
    const tipX = hx + dx * step * 0.62;
    const tipY = hy + dy * step * 0.62;
    const baseX = hx + dx * step * 0.3;
    const baseY = hy + dy * step * 0.3;
    const wing = step * 0.12;
    ctx.fillStyle = colours.arrow;
    ctx.beginPath();
    ctx.moveTo(tipX, tipY);
    ctx.lineTo(baseX - dy * wing, baseY - dx * wing);
    ctx.lineTo(baseX + dy * wing, baseY + dx * wing);
    ctx.closePath();
    ctx.fill();
  }

  if (options.label !== false) {
    canvas.setAttribute('role', 'img');
    const full: SnakeGame = {
      size,
      body: [...body],
      food,
      hunger: 0,
      steps: 0,
      over: game.over ?? false,
      won: game.won ?? false,
      cause: game.cause ?? null,
    };
    const words = `Board: ${describeSnake(full)}`;
    canvas.setAttribute('aria-label', options.labelSuffix ? `${words}; ${options.labelSuffix}` : words);
  }
}
