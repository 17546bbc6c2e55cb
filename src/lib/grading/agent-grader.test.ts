import { describe, expect, it } from 'vitest';
import type { AgentWinRateGraderSpec } from '../exercises/types.ts';
import type { PlayableEnvironment } from '../rl/environment.ts';
import { mulberry32 } from '../runtime/shuffle.ts';
import { agentAdvice, agentPlan, gradeAgent, judgeAgent, measureAgent, type TrainingBudget } from './agent-grader.ts';

const spec: AgentWinRateGraderSpec = { kind: 'agent-win-rate', env: 'corridor', games: 300, trainSeconds: 5, threshold: 0.9, seed: 42 };

/** Tabular Q-learning, as a reader would write it: ε-greedy exploration, one-step updates. */
function qLearning(env: PlayableEnvironment, budget: TrainingBudget) {
  const rand = mulberry32(7);
  const q = new Map<string, number[]>();
  const row = (state: unknown) => {
    const key = env.stateKey(state);
    if (!q.has(key)) q.set(key, new Array(env.actions).fill(0));
    return q.get(key)!;
  };
  const best = (values: number[]) => values.indexOf(Math.max(...values));
  for (let episode = 0; episode < 500 && budget.timeLeft() > 0; episode++) {
    let state = env.reset();
    for (;;) {
      const values = row(state);
      const action = rand() < 0.2 ? Math.floor(rand() * env.actions) : best(values);
      const { state: next, reward, done } = env.step(action);
      const target = done ? reward : reward + 0.9 * Math.max(...row(next));
      values[action]! += 0.5 * (target - values[action]!);
      state = next;
      if (done) break;
    }
  }
  return (state: unknown) => best(row(state));
}

function randomAgent(env: PlayableEnvironment) {
  const rand = mulberry32(1);
  return (_state: unknown) => Math.floor(rand() * env.actions);
}

describe('gradeAgent on corridor', () => {
  it('passes a trained tabular Q-learning agent', async () => {
    const result = await gradeAgent(spec, { train: qLearning });
    expect(result.pass).toBe(true);
    expect(result.figure).toBe(1);
    expect(result.figureText).toBe('100.0% of 300 evaluation games won');
    expect(result.message).toBe('Your agent wins 100.0% of the 300 evaluation games (90% needed). Well done!');
    expect(result.details?.[0]).toMatch(/^Training took .* of the 5\.0 s budget \(\d+ episodes\)\.$/);
  });

  it('fails a random agent, with its win rate (about half the games)', async () => {
    const result = await gradeAgent(spec, { train: randomAgent });
    expect(result.pass).toBe(false);
    expect(result.figure).toBeGreaterThan(0.3);
    expect(result.figure).toBeLessThan(0.7);
    expect(result.message).toMatch(
      /^Your agent wins \d+\.\d% of the 300 evaluation games; 90% is needed\. Training stopped after 0\.0 s \(0 episodes\) of the 5\.0 s budget: train for longer, looping while `budget\.timeLeft\(\) > 0`/,
    );
  });

  it('grades every reader on the same evaluation games', async () => {
    const a = await gradeAgent(spec, { train: randomAgent });
    const b = await gradeAgent(spec, { train: randomAgent });
    expect(a.figure).toBe(b.figure);
  });

  it('accepts an object with act(state), an async train, and a custom entry name', async () => {
    const result = await gradeAgent(
      { ...spec, entry: 'learn' },
      { learn: async () => ({ act: () => 1 }) }, // always right: wins every game
    );
    expect(result.pass).toBe(true);
  });

  it('says to define train when it is missing, and what to return when the policy is wrong', async () => {
    expect((await gradeAgent(spec, {})).message).toMatch(/^Define a function named train at the top level of your code/);
    const noPolicy = await gradeAgent(spec, { train: () => undefined });
    expect(noPolicy.pass).toBe(false);
    expect(noPolicy.message).toMatch(/^train\(env, budget\) returned undefined .*; it should return your policy: a function `\(state\) => action`/);
  });

  it('reports an invalid action with the game, step and state', async () => {
    const result = await gradeAgent(spec, { train: () => () => 2 });
    expect(result.pass).toBe(false);
    expect(result.message).toMatch(
      /^Your policy chose an invalid action in game 1 at step 1 \(position \d \(pit at 0, goal at 5\)\): 2 is not an action of corridor: an action is a whole number from 0 to 1 \(0 = left, 1 = right\)\.$/,
    );
    const text = await gradeAgent(spec, { train: () => () => 'right' });
    expect(text.message).toMatch(/the string "right" is not an action/);
  });

  it('reports a policy or training that throws', async () => {
    const policyThrows = await gradeAgent(spec, {
      train: () => () => {
        throw new TypeError('q is undefined');
      },
    });
    expect(policyThrows.message).toMatch(/^Your policy threw TypeError: q is undefined in game 1 at step 1/);
    const trainThrows = await gradeAgent(spec, {
      train: (env: PlayableEnvironment) => {
        env.reset();
        env.step(5);
      },
    });
    expect(trainThrows.pass).toBe(false);
    expect(trainThrows.message).toMatch(
      /^train\(env, budget\) threw RangeError: env\.step\(5\): 5 is not an action of corridor.* during training, after 1 episode\.$/,
    );
  });

  it('gives the budget to train and fails training that runs more than 10% over it', async () => {
    let clock = 0;
    const now = () => clock;
    let seen: { seconds: number; left: number } | undefined;
    const slow = (_env: PlayableEnvironment, budget: TrainingBudget) => {
      seen = { seconds: budget.seconds, left: budget.timeLeft() };
      clock += 5_600; // 5.6 s of a 5 s budget
      return () => 1;
    };
    const result = await gradeAgent(spec, { train: slow }, { now });
    expect(seen).toEqual({ seconds: 5, left: 5000 });
    expect(result.pass).toBe(false);
    expect(result.figure).toBe(1);
    expect(result.message).toMatch(
      /^Training took 5\.6 s, over the budget of 5\.0 s\. Stop training when `budget\.timeLeft\(\)` reaches 0 \(your agent would have passed/,
    );

    clock = 0;
    const withinGrace = await gradeAgent(spec, { train: () => ((clock += 5_400), () => 1) }, { now });
    expect(withinGrace.pass).toBe(true);
  });

  it('throws for an unknown environment (a bug in the exercise)', async () => {
    await expect(gradeAgent({ ...spec, env: 'nope' }, { train: randomAgent })).rejects.toThrow(/Unknown environment "nope"/);
  });
});

describe('agentAdvice: what a failing agent should try, from what the run measured', () => {
  const base = { states: 40, actionsUsed: 3, elapsedMs: 30_000, seconds: 30, episodes: 50_000 };
  it('an agent that plays one action everywhere learned nothing: look at update()', () => {
    const text = agentAdvice({ ...base, actionsUsed: 1, onlyAction: 'up' });
    expect(text).toMatch(/^Your policy chose \*up\* in every one of the 40 different states it met/);
    expect(text).toMatch(/`update\(\)`/);
    expect(text).not.toMatch(/longer/);
  });
  it('an agent that stopped training early: train for the whole budget', () => {
    expect(agentAdvice({ ...base, elapsedMs: 1_200, episodes: 300 })).toMatch(
      /^Training stopped after 1\.2 s \(300 episodes\) of the 30 s budget: train for longer, looping while `budget\.timeLeft\(\) > 0`/,
    );
  });
  it('an agent that used its budget and varies its moves: check the update and exploration', () => {
    const text = agentAdvice(base);
    expect(text).toMatch(/^Your policy does learn \(it chooses 3 different actions across 40 states\)/);
    expect(text).toMatch(/`reward` alone when `done`/);
    expect(text).not.toMatch(/longer/);
  });
  it('a one-state game with one action is not called "learned nothing"', () => {
    expect(agentAdvice({ ...base, states: 1, actionsUsed: 1 })).not.toMatch(/nothing was learned/);
  });
});

describe('judgeAgent: the page replays the recorded actions on its own games', () => {
  it('counts wins from the replay, not from anything the worker claims', async () => {
    const measured = await measureAgent(agentPlan(spec), { train: () => () => 1 });
    expect(judgeAgent(spec, measured)).toMatchObject({ pass: true, figure: 1 });
    // A forged "win" sequence that does not fit the games is refused, not trusted.
    if (!('actions' in measured)) throw new Error('expected actions');
    const forged = { ...measured, actions: measured.actions.map(() => 1), lengths: measured.lengths.map(() => 1) };
    const result = judgeAgent(spec, forged);
    expect(result.pass).toBe(false);
    expect(result.message).toMatch(
      /could not read the measurements of this run \(the game lengths do not add up|does not end where the recorded actions end/,
    );
  });
  it('never passes a malformed measurement', () => {
    for (const bad of [
      null,
      {},
      { kind: 'agent' },
      { kind: 'agent', elapsedMs: NaN, episodes: 1, actions: [], lengths: [] },
      { kind: 'agent', elapsedMs: 1, episodes: 1, actions: ['1'], lengths: [1] },
    ]) {
      expect(judgeAgent(spec, bad).pass, JSON.stringify(bad)).toBe(false);
    }
  });
});
