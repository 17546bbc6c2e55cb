import { describe, expect, it } from 'vitest';
import {
  EMPTY_BOARD,
  TicTacToeLearner,
  boardKey,
  legalMoves,
  outcome,
  play,
  toMove,
  trainTicTacToe,
  verifyNeverLoses,
  winner,
  winningLine,
  type Board,
  type Cell,
  type TicTacToePolicy,
} from './tictactoe.ts';

const board = (text: string): Cell[] => [...text.replace(/\s/g, '')].map((c) => (c === 'X' ? 1 : c === 'O' ? 2 : 0));

describe('tic-tac-toe rules', () => {
  it('finds rows, columns and diagonals, and nothing on an open board', () => {
    expect(winner(board('XXX OO. ...'))).toBe(1);
    expect(winner(board('XO. XO. .O.'))).toBe(2);
    expect(winner(board('X.O .XO ..X'))).toBe(1);
    expect(winner(board('X.O .OX O.X'))).toBe(2);
    expect(winner(board('XO. ... ...'))).toBe(0);
    expect(outcome(board('XOX XOO OXX'))).toBe('draw');
    expect(outcome(board('XO. ... ...'))).toBeNull();
  });

  it('names the cells of the winning line', () => {
    expect(winningLine(board('XXX OO. ...'))).toEqual([0, 1, 2]);
    expect(winningLine(board('XO. XO. .O.'))).toEqual([1, 4, 7]);
    expect(winningLine(board('X.O .OX O.X'))).toEqual([2, 4, 6]);
    expect(winningLine(board('XO. ... ...'))).toEqual([]);
  });

  it('lists empty cells, alternates players and refuses illegal moves', () => {
    expect(legalMoves(EMPTY_BOARD)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const b = play(play(EMPTY_BOARD, 4), 0);
    expect(b).toEqual(board('O.. .X. ...'));
    expect(toMove(b)).toBe(1);
    expect(legalMoves(b)).toEqual([1, 2, 3, 5, 6, 7, 8]);
    expect(() => play(b, 4)).toThrow(/cell 4 is taken/);
    expect(() => play(b, 9)).toThrow(/0 to 8/);
    expect(() => play(board('XXX OO. ...'), 8)).toThrow(/game is over/);
  });

  it('gives every board its own key', () => {
    expect(boardKey(EMPTY_BOARD)).toBe(0);
    expect(boardKey(board('X.. ... ...'))).toBe(1);
    expect(boardKey(board('... ... ..O'))).toBe(2 * 3 ** 8);
  });
});

describe('verifyNeverLoses', () => {
  const firstEmpty: TicTacToePolicy = (b: Board) => legalMoves(b)[0]!;

  it('catches a naive policy and counts the opponent strategies', () => {
    const check = verifyNeverLoses(firstEmpty);
    expect(check.neverLoses).toBe(false);
    expect(check.asX.losses + check.asO.losses).toBeGreaterThan(0);
    expect(check.strategies).toBe(check.asX.games + check.asO.games);
    // As X the agent moves first, then the opponent has 8 answers: at least 8 distinct games.
    expect(check.asX.games).toBeGreaterThanOrEqual(8);
    const loss = check.asX.firstLoss ?? check.asO.firstLoss;
    expect(loss).not.toBeNull();
    // Replaying the reported sequence really ends in the agent's loss.
    let b: Board = EMPTY_BOARD;
    for (const m of loss!) b = play(b, m);
    expect([1, 2]).toContain(outcome(b));
  });

  it('rejects a policy that plays an occupied cell', () => {
    expect(() => verifyNeverLoses(() => 0)).toThrow(/not an empty cell/);
  });
});

describe('self-play Q-learning', () => {
  it('applies the negamax Q-update arithmetic', () => {
    const learner = new TicTacToeLearner({ alpha: 0.5, gamma: 0.9, seed: 1 });
    // X wins with cell 2: target +1, so Q moves from 0 halfway to 1, then to 0.75.
    const xToWin = board('XX. OO. ...');
    learner.update(xToWin, 2);
    expect(learner.qValues(xToWin)[2]).toBeCloseTo(0.5, 12);
    learner.update(xToWin, 2);
    expect(learner.qValues(xToWin)[2]).toBeCloseTo(0.75, 12);
    // Drawing move (fills the board): target 0.
    const lastCell = board('XOX XOO OX.');
    expect(learner.update(lastCell, 8)).toEqual(board('XOX XOO OXX'));
    expect(learner.qValues(lastCell)[8]).toBe(0);
    // A quiet move: target −γ × the opponent's best value afterwards. Give O a known best value of 0.6.
    const quiet = board('X.. ... ...');
    const after = play(quiet, 4);
    learner.q[boardKey(after) * 9 + 8] = 0.6;
    learner.q[boardKey(after) * 9 + 1] = -0.4;
    learner.update(quiet, 4);
    expect(learner.qValues(quiet)[4]).toBeCloseTo(0.5 * (-0.9 * 0.6), 12);
    expect(learner.greedyMove(after)).toBe(8);
  });

  it('learns a policy that never loses against any opponent, as X and as O', () => {
    const { episodes, check, learner } = trainTicTacToe({ seed: 7 });
    expect(check.neverLoses).toBe(true);
    expect(check.asX.losses).toBe(0);
    expect(check.asO.losses).toBe(0);
    expect(episodes).toBeLessThan(100_000);
    // The check is independent of training: run it again on the final policy.
    expect(verifyNeverLoses(learner.policy()).neverLoses).toBe(true);
  });

  it('is reproducible from its seed', () => {
    const a = new TicTacToeLearner({ seed: 3 });
    const b = new TicTacToeLearner({ seed: 3 });
    a.train(500);
    b.train(500);
    expect(a.q).toEqual(b.q);
  });
});
