/**
 * Board FEATURES for the deep Q-network (issue 6, "going further"): instead of one table row per
 * exact board, the network sees a few numbers that describe the situation, the same for every
 * board size. Pure TypeScript, no DOM, no tfjs.
 *
 * All directions are absolute (0 up, 1 down, 2 left, 3 right, the action order), 18 numbers:
 *  0–3   danger: 1 when moving that way ends the game at once (wall or body; the tail's cell is
 *        safe because the tail moves away, unless that move eats);
 *  4–7   food direction: 1 when the food is above / below / left / right of the head;
 *  8–11  current direction: one-hot of the last move (all 0 for a snake of length 1);
 *  12–15 room: free cells reachable from the cell in that direction (flood fill, the body as walls,
 *        the tail's cell counted free), as a fraction of all free cells; 0 when that move is deadly;
 *  16    length: snake length / cells;
 *  17    hunger: steps since eating / starvation limit.
 */
import { DEFAULT_STARVATION, nextHead } from './snake.ts';
import type { SnakeGame } from './snake-types.ts';

export const FEATURE_NAMES = [
  'danger up',
  'danger down',
  'danger left',
  'danger right',
  'food above',
  'food below',
  'food left',
  'food right',
  'moving up',
  'moving down',
  'moving left',
  'moving right',
  'room up',
  'room down',
  'room left',
  'room right',
  'length',
  'hunger',
] as const;

export const FEATURE_COUNT = FEATURE_NAMES.length;

/** Which way the head last moved (0 up, 1 down, 2 left, 3 right), or −1 for a snake of length 1. */
export function headDirection(game: SnakeGame): number {
  const [head, neck] = game.body;
  if (head === undefined || neck === undefined) return -1;
  const d = head - neck;
  if (d === -game.size) return 0;
  if (d === game.size) return 1;
  if (d === -1) return 2;
  return 3;
}

/** True when `action` ends the game at once (wall or body). Mirrors stepSnake's rule. */
export function isDeadly(game: SnakeGame, action: number): boolean {
  const next = nextHead(game.size, game.body[0] as number, action);
  if (next < 0) return true;
  const blocking = next === game.food ? game.body.length : game.body.length - 1;
  for (let i = 0; i < blocking; i++) if (game.body[i] === next) return true;
  return false;
}

/**
 * Cells reachable from `start` through cells not in `blocked` (4-neighbourhood), `start` included.
 * `blocked` and `seen` are scratch arrays of length size², reset by the caller / here.
 */
function floodCount(size: number, start: number, blocked: Uint8Array, seen: Uint8Array, queue: Int32Array): number {
  seen.fill(0);
  let head = 0;
  let tail = 0;
  queue[tail++] = start;
  seen[start] = 1;
  while (head < tail) {
    const cell = queue[head++]!;
    const r = Math.floor(cell / size);
    const c = cell % size;
    const around = [r > 0 ? cell - size : -1, r < size - 1 ? cell + size : -1, c > 0 ? cell - 1 : -1, c < size - 1 ? cell + 1 : -1];
    for (const n of around) {
      if (n < 0 || seen[n] || blocked[n]) continue;
      seen[n] = 1;
      queue[tail++] = n;
    }
  }
  return tail;
}

/**
 * Writes the FEATURE_COUNT features of `game` into `out` at `offset` (default: a new array).
 * `starvation` must match the game's rule (default DEFAULT_STARVATION(size)).
 */
export function snakeFeatures(
  game: SnakeGame,
  out: Float32Array = new Float32Array(FEATURE_COUNT),
  offset = 0,
  starvation: number = DEFAULT_STARVATION(game.size),
): Float32Array {
  if (out.length < offset + FEATURE_COUNT) {
    throw new RangeError(`snakeFeatures: the output needs ${FEATURE_COUNT} numbers from offset ${offset}, it has ${out.length - offset}.`);
  }
  const { size, body, food } = game;
  const cells = size * size;
  const head = body[0] as number;
  out.fill(0, offset, offset + FEATURE_COUNT);

  const blocked = new Uint8Array(cells);
  // The tail's cell frees up on the next move (when not eating); treat it as free for room.
  for (let i = 0; i < body.length - 1; i++) blocked[body[i]!] = 1;
  blocked[head] = 1;
  const seen = new Uint8Array(cells);
  const queue = new Int32Array(cells);
  // Cells the head could ever reach next: all but the blocked ones (head and body minus the tail).
  const free = Math.max(1, cells - Math.max(1, body.length - 1));

  for (let a = 0; a < 4; a++) {
    const deadly = isDeadly(game, a);
    out[offset + a] = deadly ? 1 : 0;
    if (!deadly) {
      const next = nextHead(size, head, a);
      out[offset + 12 + a] = Math.min(1, floodCount(size, next, blocked, seen, queue) / free);
    }
  }
  if (food >= 0) {
    const hr = Math.floor(head / size);
    const hc = head % size;
    const fr = Math.floor(food / size);
    const fc = food % size;
    if (fr < hr) out[offset + 4] = 1;
    if (fr > hr) out[offset + 5] = 1;
    if (fc < hc) out[offset + 6] = 1;
    if (fc > hc) out[offset + 7] = 1;
  }
  const dir = headDirection(game);
  if (dir >= 0) out[offset + 8 + dir] = 1;
  out[offset + 16] = body.length / cells;
  out[offset + 17] = Math.min(1, game.hunger / starvation);
  return out;
}
