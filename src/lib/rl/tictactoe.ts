/**
 * Tic-tac-toe and a Q-learning agent trained by self-play (issue 6).
 *
 * Board: 9 cells, index = row * 3 + col (row 0 at the top); 0 empty, 1 X, 2 O. X moves first, so the
 * player to move follows from the board (X when both have played as often).
 *
 * The agent: one Q-table for both sides, always from the point of view of the player to move
 * ("negamax" Q-learning). A move that wins is worth +1, a move that draws (fills the board) 0, and
 * any other move is worth −γ × the best value the OPPONENT then has:
 *   Q(s, a) ← Q(s, a) + η [ r + γ · (−max_a' Q(s', a')) − Q(s, a) ]   (r only at the end).
 * Self-play with a decaying ε explores both sides; in each game one side (X and O take turns) spars
 * by moving at random, so the agent meets careless openings too (plain ε-greedy self-play needs far
 * more games: it rarely visits the positions a bad opponent creates). A greedy policy then plays the
 * best Q-value. With the defaults the policy never loses after about 20,000–26,000 games.
 * `verifyNeverLoses` checks a policy against EVERY opponent move sequence, playing X and playing O.
 */
import type { Rng } from './environment.ts';
import { mulberry32 } from '../runtime/shuffle.ts';

/** 0 empty, 1 X, 2 O. */
export type Cell = 0 | 1 | 2;
export type Player = 1 | 2;
export type Board = readonly Cell[];
/** A policy picks a cell (0–8) for the player to move on a board that is not over. */
export type TicTacToePolicy = (board: Board) => number;

export const EMPTY_BOARD: Board = Object.freeze([0, 0, 0, 0, 0, 0, 0, 0, 0] as Cell[]);
export const PLAYER_NAMES = { 1: 'X', 2: 'O' } as const;

const LINES = [
  [0, 1, 2],
  [3, 4, 5],
  [6, 7, 8],
  [0, 3, 6],
  [1, 4, 7],
  [2, 5, 8],
  [0, 4, 8],
  [2, 4, 6],
] as const;

/** The three cells of a completed row, column or diagonal, or [] when there is none (yet). */
export function winningLine(board: Board): readonly number[] {
  for (const line of LINES) {
    const [a, b, c] = line;
    const v = board[a];
    if (v !== 0 && v !== undefined && v === board[b] && v === board[c]) return line;
  }
  return [];
}

/** The player with three in a row, or 0 when nobody has (yet). */
export function winner(board: Board): 0 | Player {
  const line = winningLine(board);
  return line.length === 0 ? 0 : (board[line[0]!] as Player);
}

/** Empty cells, in index order. */
export function legalMoves(board: Board): number[] {
  const moves: number[] = [];
  for (let i = 0; i < 9; i++) if (board[i] === 0) moves.push(i);
  return moves;
}

/** Whose turn it is: X (1) when both have played as often, else O (2). */
export function toMove(board: Board): Player {
  let x = 0;
  let o = 0;
  for (const c of board) {
    if (c === 1) x++;
    else if (c === 2) o++;
  }
  return x === o ? 1 : 2;
}

/** 'X', 'O' (that player won), 'draw' (board full), or null while the game goes on. */
export function outcome(board: Board): Player | 'draw' | null {
  const w = winner(board);
  if (w !== 0) return w;
  return board.every((c) => c !== 0) ? 'draw' : null;
}

/** A new board with the player to move placed on `cell`. Throws on an occupied cell, a bad index or a finished game. */
export function play(board: Board, cell: number): Cell[] {
  if (!Number.isInteger(cell) || cell < 0 || cell > 8) {
    throw new Error(`Tic-tac-toe: cell must be a whole number from 0 to 8, got ${cell}.`);
  }
  if (outcome(board) !== null) throw new Error('Tic-tac-toe: the game is over; start a new board.');
  if (board[cell] !== 0) throw new Error(`Tic-tac-toe: cell ${cell} is taken; pick an empty cell (${legalMoves(board).join(', ')}).`);
  const next = board.slice() as Cell[];
  next[cell] = toMove(board);
  return next;
}

/** The board as a base-3 number (0 … 3^9 − 1): an exact state id for the Q-table. */
export function boardKey(board: Board): number {
  let key = 0;
  for (let i = 8; i >= 0; i--) key = key * 3 + (board[i] ?? 0);
  return key;
}

/** Three lines of text, e.g. "X O .", for messages and tests. */
export function boardText(board: Board): string {
  const ch = (c: Cell | undefined) => (c === 1 ? 'X' : c === 2 ? 'O' : '.');
  return [0, 3, 6].map((r) => `${ch(board[r])} ${ch(board[r + 1])} ${ch(board[r + 2])}`).join('\n');
}

/** Self-play settings. */
export interface TicTacToeConfig {
  /** Learning rate η. */
  alpha: number;
  /** Discount γ (slightly below 1 prefers quicker wins). */
  gamma: number;
  /** ε decays linearly from epsilonStart to epsilonEnd over epsilonDecayEpisodes. */
  epsilonStart: number;
  epsilonEnd: number;
  epsilonDecayEpisodes: number;
  /**
   * In each game one side (X and O take turns) is the "sparring" side: it moves at random with this
   * probability instead of ε. Both sides still learn from every move (Q-learning is off-policy), and
   * the greedy side meets the odd positions a careless opponent creates.
   */
  sparringRandom: number;
  seed: number;
}

export const DEFAULT_TICTACTOE_CONFIG: TicTacToeConfig = {
  alpha: 0.5,
  gamma: 0.95,
  epsilonStart: 1,
  epsilonEnd: 0.1,
  epsilonDecayEpisodes: 10_000,
  sparringRandom: 1,
  seed: 7,
};

const STATES = 19_683; // 3^9

/** A Q-learning agent that learns tic-tac-toe by playing against itself. */
export class TicTacToeLearner {
  readonly config: TicTacToeConfig;
  /** Q-values: STATES × 9, from the point of view of the player to move. */
  readonly q = new Float64Array(STATES * 9);
  episodes = 0;
  private readonly rng: Rng;

  constructor(config: Partial<TicTacToeConfig> = {}) {
    this.config = { ...DEFAULT_TICTACTOE_CONFIG, ...config };
    const { alpha, gamma } = this.config;
    if (!(alpha > 0 && alpha <= 1)) throw new Error(`TicTacToeLearner: alpha must be in (0, 1], got ${alpha}.`);
    if (!(gamma >= 0 && gamma <= 1)) throw new Error(`TicTacToeLearner: gamma must be in [0, 1], got ${gamma}.`);
    this.rng = mulberry32(this.config.seed);
  }

  epsilon(): number {
    const { epsilonStart, epsilonEnd, epsilonDecayEpisodes } = this.config;
    if (this.episodes >= epsilonDecayEpisodes) return epsilonEnd;
    return epsilonStart + (epsilonEnd - epsilonStart) * (this.episodes / epsilonDecayEpisodes);
  }

  /** The nine action values of `board` for the player to move (illegal cells included, as stored). */
  qValues(board: Board): Float64Array {
    const base = boardKey(board) * 9;
    return this.q.slice(base, base + 9);
  }

  /** The best legal cell for the player to move (ties: the lowest index). */
  greedyMove(board: Board): number {
    const base = boardKey(board) * 9;
    let best = -1;
    let bestValue = -Infinity;
    for (let i = 0; i < 9; i++) {
      if (board[i] !== 0) continue;
      const v = this.q[base + i] ?? 0;
      if (v > bestValue) {
        bestValue = v;
        best = i;
      }
    }
    if (best < 0) throw new Error('Tic-tac-toe: no legal move on a full board.');
    return best;
  }

  /** The best value the player to move can get from `board` (0 when it is over). */
  private bestValue(board: Board): number {
    const base = boardKey(board) * 9;
    let best = -Infinity;
    for (let i = 0; i < 9; i++) if (board[i] === 0) best = Math.max(best, this.q[base + i] ?? 0);
    return best === -Infinity ? 0 : best;
  }

  /**
   * One Q-learning update for the player to move playing `move` on `board`; returns the new board.
   * Target: +1 for a winning move, 0 for a drawing move, else −γ × the opponent's best value.
   */
  update(board: Board, move: number): Cell[] {
    const { alpha, gamma } = this.config;
    const next = play(board, move);
    const result = outcome(next);
    const target = result === null ? -gamma * this.bestValue(next) : result === 'draw' ? 0 : 1;
    const index = boardKey(board) * 9 + move;
    const old = this.q[index] ?? 0;
    this.q[index] = old + alpha * (target - old);
    return next;
  }

  /** Plays one self-play game (both sides ε-greedy), updating Q after every move. Returns the result. */
  trainEpisode(): Player | 'draw' {
    const eps = this.epsilon();
    const sparring: Player = this.episodes % 2 === 0 ? 2 : 1;
    let board: Cell[] = EMPTY_BOARD.slice();
    for (;;) {
      const moves = legalMoves(board);
      const explore = toMove(board) === sparring ? Math.max(eps, this.config.sparringRandom) : eps;
      const move = this.rng() < explore ? (moves[Math.floor(this.rng() * moves.length)] ?? moves[0]!) : this.greedyMove(board);
      const next = this.update(board, move);
      const result = outcome(next);
      board = next;
      if (result !== null) {
        this.episodes++;
        return result;
      }
    }
  }

  /** Trains `episodes` self-play games. */
  train(episodes: number): void {
    for (let i = 0; i < episodes; i++) this.trainEpisode();
  }

  /** The greedy policy as a plain function (it reads the live table). */
  policy(): TicTacToePolicy {
    return (board) => this.greedyMove(board);
  }
}

/** What `verifyNeverLoses` found for one side. */
export interface SideCheck {
  /** The agent's side. */
  agent: Player;
  /** Distinct games = distinct opponent move sequences (opponent strategies) the agent faced. */
  games: number;
  wins: number;
  draws: number;
  losses: number;
  /** The first lost game as a cell sequence, when there is one. */
  firstLoss: number[] | null;
}

export interface NeverLoseCheck {
  neverLoses: boolean;
  asX: SideCheck;
  asO: SideCheck;
  /** asX.games + asO.games. */
  strategies: number;
}

/**
 * Plays `policy` against every possible opponent: at the opponent's turns every legal move is tried,
 * at the agent's turns the policy decides, for the agent as X and as O. Each leaf is one opponent
 * strategy (a distinct opponent move sequence against this deterministic agent).
 */
export function verifyNeverLoses(policy: TicTacToePolicy): NeverLoseCheck {
  const side = (agent: Player): SideCheck => {
    const check: SideCheck = { agent, games: 0, wins: 0, draws: 0, losses: 0, firstLoss: null };
    const walk = (board: Cell[], moves: number[]): void => {
      const result = outcome(board);
      if (result !== null) {
        check.games++;
        if (result === 'draw') check.draws++;
        else if (result === agent) check.wins++;
        else {
          check.losses++;
          check.firstLoss ??= moves.slice();
        }
        return;
      }
      if (toMove(board) === agent) {
        const move = policy(board);
        if (!Number.isInteger(move) || move < 0 || move > 8 || board[move] !== 0) {
          throw new Error(`verifyNeverLoses: the policy chose cell ${move}, which is not an empty cell on\n${boardText(board)}`);
        }
        walk(play(board, move), [...moves, move]);
      } else {
        for (const move of legalMoves(board)) walk(play(board, move), [...moves, move]);
      }
    };
    walk(EMPTY_BOARD.slice(), []);
    return check;
  };
  const asX = side(1);
  const asO = side(2);
  return { neverLoses: asX.losses === 0 && asO.losses === 0, asX, asO, strategies: asX.games + asO.games };
}

/**
 * Trains by self-play until the greedy policy never loses (checked every `checkEvery` games) or
 * `maxEpisodes` is reached. Returns the learner, the games played and the last check.
 */
export function trainTicTacToe(
  config: Partial<TicTacToeConfig> = {},
  { maxEpisodes = 100_000, checkEvery = 1_000 }: { maxEpisodes?: number; checkEvery?: number } = {},
): { learner: TicTacToeLearner; episodes: number; check: NeverLoseCheck } {
  const learner = new TicTacToeLearner(config);
  let check = verifyNeverLoses(learner.policy());
  while (!check.neverLoses && learner.episodes < maxEpisodes) {
    learner.train(Math.min(checkEvery, maxEpisodes - learner.episodes));
    check = verifyNeverLoses(learner.policy());
  }
  return { learner, episodes: learner.episodes, check };
}
