/**
 * A small deep Q-network for Snake on 5×5 (issue 6, "going further": the bridge to deep RL).
 *
 * Instead of a table with one row per board (22 million of them on 5×5), a multilayer perceptron
 * maps the 18 board FEATURES of src/lib/rl/snake-features.ts to four Q-values (up, down, left,
 * right): features → 64 ReLU → 4. The classic DQN recipe:
 *  - several games played side by side, ε-greedy on the network's Q-values (ε decays linearly);
 *  - every transition goes into an experience replay buffer (src/lib/rl/replay-buffer.ts);
 *  - each step trains on a random batch from the buffer: target y = r + γ · max_a' Q_target(s', a')
 *    (just r when the game ended), Huber loss on Q(s, a), Adam;
 *  - the target network is a frozen copy of the weights, refreshed every `targetEvery` train steps.
 *
 * tfjs is passed in (`tf`), never imported here, so the pure parts (ε schedule, targets, greedy
 * play, the random baseline) run in Node tests without it. Every tensor is disposed: after the
 * first train step, tf.memory().numTensors stays constant.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Rng } from '../lib/rl/environment.ts';
import { ReplayBuffer, createReplayBatch, type ReplayBatch } from '../lib/rl/replay-buffer.ts';
import { FEATURE_COUNT, snakeFeatures } from '../lib/rl/snake-features.ts';
import { DEFAULT_STARVATION, newSnakeGame, resetSnakeGame, stepSnake } from '../lib/rl/snake.ts';
import type { SnakeGame, SnakeRewards } from '../lib/rl/snake-types.ts';
import { mulberry32 } from '../lib/runtime/shuffle.ts';

type Tf = typeof TF;

export interface DqnConfig {
  /** Board size (the lesson uses 5). */
  size: number;
  /** Units of the hidden ReLU layer. */
  hidden: number;
  learningRate: number;
  gamma: number;
  batchSize: number;
  bufferSize: number;
  /** Transitions collected before training starts. */
  warmup: number;
  /** Train steps between target-network refreshes. */
  targetEvery: number;
  /** ε decays linearly from epsilonStart to epsilonEnd over epsilonDecaySteps transitions. */
  epsilonStart: number;
  epsilonEnd: number;
  epsilonDecaySteps: number;
  /** Games played side by side (one forward pass chooses all their moves). */
  parallelGames: number;
  rewards: SnakeRewards;
  seed: number;
}

/** Rewards scaled for a network (values near ±1 train best); a small step cost discourages loops. */
export const DQN_REWARDS: SnakeRewards = { food: 1, win: 2, loss: -1, step: -0.01 };

export const DEFAULT_DQN_CONFIG: DqnConfig = {
  size: 5,
  hidden: 64,
  learningRate: 0.001,
  gamma: 0.95,
  batchSize: 64,
  bufferSize: 50_000,
  warmup: 500,
  targetEvery: 200,
  epsilonStart: 1,
  epsilonEnd: 0.02,
  epsilonDecaySteps: 20_000,
  parallelGames: 8,
  rewards: DQN_REWARDS,
  seed: 1,
};

/** Greedy evaluation games and their seed (the same games every time, so the curve is comparable). */
export const DQN_EVAL_GAMES = 40;
export const DQN_EVAL_SEED = 20_260_601;

/** ε after `steps` transitions. */
export function dqnEpsilon(config: Pick<DqnConfig, 'epsilonStart' | 'epsilonEnd' | 'epsilonDecaySteps'>, steps: number): number {
  if (config.epsilonDecaySteps <= 0 || steps >= config.epsilonDecaySteps) return config.epsilonEnd;
  return config.epsilonStart + (config.epsilonEnd - config.epsilonStart) * (steps / config.epsilonDecaySteps);
}

/** The Q-learning targets y = r + γ (1 − done) max_a' nextQ(s', a'); nextQ is batch × 4, row-major. */
export function dqnTargets(
  rewards: ArrayLike<number>,
  dones: ArrayLike<number>,
  nextQ: ArrayLike<number>,
  gamma: number,
  out: Float32Array<ArrayBuffer> = new Float32Array(rewards.length),
): Float32Array<ArrayBuffer> {
  for (let b = 0; b < rewards.length; b++) {
    const q = b * 4;
    const best = Math.max(nextQ[q]!, nextQ[q + 1]!, nextQ[q + 2]!, nextQ[q + 3]!);
    out[b] = rewards[b]! + (dones[b] ? 0 : gamma * best);
  }
  return out;
}

/** The action with the highest of the four Q-values in row `row` (first one on ties). */
export function argmax4(q: ArrayLike<number>, row: number): number {
  let best = 0;
  for (let a = 1; a < 4; a++) if (q[row * 4 + a]! > q[row * 4 + best]!) best = a;
  return best;
}

/** Checks a configuration, saying what is wrong. */
export function validateDqnConfig(config: DqnConfig): void {
  const problems: string[] = [];
  if (!Number.isInteger(config.size) || config.size < 3 || config.size > 10) problems.push(`size must be 3 to 10 (got ${config.size})`);
  if (!(config.gamma >= 0 && config.gamma <= 1)) problems.push(`gamma must be in [0, 1] (got ${config.gamma})`);
  if (!(config.learningRate > 0)) problems.push(`learningRate must be > 0 (got ${config.learningRate})`);
  for (const key of ['hidden', 'batchSize', 'bufferSize', 'targetEvery', 'parallelGames'] as const) {
    if (!Number.isInteger(config[key]) || config[key] < 1) problems.push(`${key} must be a whole number ≥ 1 (got ${config[key]})`);
  }
  if (problems.length) throw new RangeError(`The DQN settings are not usable: ${problems.join('; ')}.`);
}

/** One frame of a recorded game, for the board. */
export interface DqnFrame {
  body: number[];
  food: number;
}

export interface GreedyResult {
  games: number;
  /** Mean food eaten per game. */
  averageFood: number;
  /** Most food eaten in one game. */
  bestFood: number;
  wins: number;
  /** Every frame of the first game (start to end), for the replay board. */
  frames: DqnFrame[];
}

/**
 * Plays `games` games with a batched policy: `choose(features, count)` gets `count` rows of
 * FEATURE_COUNT features and returns one action per row. Pure; seeds make it repeatable.
 */
export function playGames(
  size: number,
  games: number,
  seed: number,
  choose: (features: Float32Array<ArrayBuffer>, count: number) => ArrayLike<number>,
  starvation: number = DEFAULT_STARVATION(size),
): GreedyResult {
  const live: { game: SnakeGame; rng: Rng; index: number }[] = [];
  for (let g = 0; g < games; g++) {
    const rng = mulberry32((seed + g * 7919) >>> 0);
    live.push({ game: newSnakeGame(size, rng), rng, index: g });
  }
  const food = new Array<number>(games).fill(0);
  let wins = 0;
  const frames: DqnFrame[] = [];
  const record = (game: SnakeGame) => frames.push({ body: game.body.slice(), food: game.food });
  if (live[0]) record(live[0].game);
  const features = new Float32Array(games * FEATURE_COUNT);
  while (live.length > 0) {
    for (let i = 0; i < live.length; i++) snakeFeatures(live[i]!.game, features, i * FEATURE_COUNT, starvation);
    const actions = choose(features.subarray(0, live.length * FEATURE_COUNT), live.length);
    for (let i = live.length - 1; i >= 0; i--) {
      const entry = live[i]!;
      const step = stepSnake(entry.game, actions[i]!, entry.rng, DQN_REWARDS, starvation);
      if (step.ate) food[entry.index]! += 1;
      if (entry.index === 0) record(entry.game);
      if (step.done) {
        if (step.won) wins++;
        live.splice(i, 1);
      }
    }
  }
  const total = food.reduce((s, x) => s + x, 0);
  return { games, averageFood: games ? total / games : 0, bestFood: Math.max(0, ...food), wins, frames };
}

/** The baseline: food eaten per game by a uniformly random player on the evaluation games. */
export function randomPolicyFood(size: number, games = DQN_EVAL_GAMES, seed = DQN_EVAL_SEED): number {
  const rng = mulberry32(seed ^ 0x5eed);
  return playGames(size, games, seed, (_f, count) => Array.from({ length: count }, () => Math.floor(rng() * 4))).averageFood;
}

interface Weights {
  w1: TF.Variable;
  b1: TF.Variable;
  w2: TF.Variable;
  b2: TF.Variable;
}

export interface DqnProgress {
  /** Transitions collected so far. */
  steps: number;
  /** Games finished while training (ε-greedy). */
  episodes: number;
  trainSteps: number;
  epsilon: number;
  /** The latest training loss (Huber), or null before training starts. */
  loss: number | null;
  /** Mean food per game over the last 100 training games. */
  recentFood: number;
}

/** The deep Q-network agent. Create it after the tfjs backend is set; call dispose() when done. */
export class SnakeDqn {
  readonly config: DqnConfig;
  private readonly tf: Tf;
  private readonly online: Weights;
  private target: TF.Tensor[];
  private readonly optimizer: TF.Optimizer;
  private readonly buffer: ReplayBuffer;
  private readonly batch: ReplayBatch;
  private readonly targets: Float32Array<ArrayBuffer>;
  private readonly rng: Rng;
  private readonly games: SnakeGame[];
  private readonly gameFood: number[];
  private readonly recent: number[] = [];
  private readonly starvation: number;
  private readonly stateRows: Float32Array<ArrayBuffer>;
  private readonly nextRow = new Float32Array(FEATURE_COUNT);
  steps = 0;
  episodes = 0;
  trainSteps = 0;
  private lastLoss: number | null = null;
  private disposed = false;

  constructor(tf: Tf, config: DqnConfig = DEFAULT_DQN_CONFIG) {
    validateDqnConfig(config);
    this.tf = tf;
    this.config = config;
    this.rng = mulberry32(config.seed);
    const glorot = (rows: number, cols: number, seed: number) => {
      const limit = Math.sqrt(6 / (rows + cols));
      return tf.variable(tf.randomUniform([rows, cols], -limit, limit, 'float32', seed));
    };
    this.online = {
      w1: glorot(FEATURE_COUNT, config.hidden, config.seed),
      b1: tf.variable(tf.zeros([config.hidden])),
      w2: glorot(config.hidden, 4, config.seed + 1),
      b2: tf.variable(tf.zeros([4])),
    };
    this.target = this.copyWeights();
    this.optimizer = tf.train.adam(config.learningRate);
    this.buffer = new ReplayBuffer(config.bufferSize, FEATURE_COUNT);
    this.batch = createReplayBatch(config.batchSize, FEATURE_COUNT);
    this.targets = new Float32Array(config.batchSize);
    this.starvation = DEFAULT_STARVATION(config.size);
    this.games = Array.from({ length: config.parallelGames }, () => newSnakeGame(config.size, this.rng));
    this.gameFood = new Array<number>(config.parallelGames).fill(0);
    this.stateRows = new Float32Array(config.parallelGames * FEATURE_COUNT);
  }

  private copyWeights(): TF.Tensor[] {
    const { w1, b1, w2, b2 } = this.online;
    return [w1, b1, w2, b2].map((w) => this.tf.keep(w.clone()));
  }

  /** Q-values for `count` feature rows (batch × 4), from the online or the target weights. Call inside tidy. */
  private forward(x: TF.Tensor2D, weights: readonly TF.Tensor[]): TF.Tensor2D {
    const [w1, b1, w2, b2] = weights as [TF.Tensor2D, TF.Tensor1D, TF.Tensor2D, TF.Tensor1D];
    const tf = this.tf;
    return tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2);
  }

  private onlineList(): TF.Tensor[] {
    return [this.online.w1, this.online.b1, this.online.w2, this.online.b2];
  }

  /** The online network's Q-values for `count` rows of features (synchronous read-back). */
  qValues(features: Float32Array<ArrayBuffer>, count: number): Float32Array {
    const tf = this.tf;
    const q = tf.tidy(() => this.forward(tf.tensor2d(features.subarray(0, count * FEATURE_COUNT), [count, FEATURE_COUNT]), this.onlineList()));
    try {
      return q.dataSync() as Float32Array;
    } finally {
      q.dispose();
    }
  }

  epsilon(): number {
    return dqnEpsilon(this.config, this.steps);
  }

  /** One move in every parallel game (ε-greedy), storing the transitions. */
  private collect(): void {
    const n = this.games.length;
    const rows = this.stateRows;
    for (let i = 0; i < n; i++) snakeFeatures(this.games[i]!, rows, i * FEATURE_COUNT, this.starvation);
    const eps = this.epsilon();
    const explore = this.games.map(() => this.rng() < eps);
    const q = explore.every(Boolean) ? null : this.qValues(rows, n);
    for (let i = 0; i < n; i++) {
      const game = this.games[i]!;
      const action = explore[i] || !q ? Math.floor(this.rng() * 4) : argmax4(q, i);
      const step = stepSnake(game, action, this.rng, this.config.rewards, this.starvation);
      if (step.ate) this.gameFood[i]! += 1;
      snakeFeatures(game, this.nextRow, 0, this.starvation);
      this.buffer.push(rows, action, step.reward, this.nextRow, step.done, i * FEATURE_COUNT, 0);
      this.steps++;
      if (step.done) {
        this.episodes++;
        this.recent.push(this.gameFood[i]!);
        if (this.recent.length > 100) this.recent.shift();
        this.gameFood[i] = 0;
        resetSnakeGame(game, this.rng);
      }
    }
  }

  /** One gradient step on a replay batch. */
  private trainStep(): void {
    const tf = this.tf;
    const { batch, config } = this;
    this.buffer.sample(batch, this.rng);
    const f = FEATURE_COUNT;
    const nextQ = tf.tidy(() => this.forward(tf.tensor2d(batch.nextStates, [batch.size, f]), this.target));
    const nextValues = nextQ.dataSync();
    nextQ.dispose();
    dqnTargets(batch.rewards, batch.dones, nextValues, config.gamma, this.targets);
    const readLoss = this.trainSteps % 50 === 0;
    const states = tf.tensor2d(batch.states, [batch.size, f]);
    const actions = tf.tensor1d(batch.actions, 'int32');
    const y = tf.tensor1d(this.targets);
    let loss: TF.Scalar | null;
    try {
      loss = this.optimizer.minimize(
        () => {
          const q = this.forward(states, this.onlineList());
          const chosen = tf.sum(tf.mul(q, tf.oneHot(actions, 4)), 1);
          return tf.losses.huberLoss(y, chosen) as TF.Scalar;
        },
        readLoss,
        this.onlineList() as TF.Variable[],
      );
    } finally {
      tf.dispose([states, actions, y]);
    }
    if (loss) {
      this.lastLoss = loss.dataSync()[0] ?? null;
      loss.dispose();
    }
    this.trainSteps++;
    if (this.trainSteps % config.targetEvery === 0) {
      for (const t of this.target) t.dispose();
      this.target = this.copyWeights();
    }
  }

  /** Collects and trains for about `milliseconds`; returns the progress. */
  trainFor(milliseconds: number, now: () => number = () => performance.now()): DqnProgress {
    if (this.disposed) throw new Error('SnakeDqn: this agent was disposed; create a new one.');
    const end = now() + milliseconds;
    do {
      this.collect();
      if (this.buffer.size >= Math.max(this.config.warmup, this.config.batchSize)) this.trainStep();
    } while (now() < end);
    return this.progress();
  }

  progress(): DqnProgress {
    const recentFood = this.recent.length ? this.recent.reduce((s, x) => s + x, 0) / this.recent.length : 0;
    return { steps: this.steps, episodes: this.episodes, trainSteps: this.trainSteps, epsilon: this.epsilon(), loss: this.lastLoss, recentFood };
  }

  /** Greedy play (no exploration) on the fixed evaluation games. */
  evaluate(games = DQN_EVAL_GAMES, seed = DQN_EVAL_SEED): GreedyResult {
    return playGames(
      this.config.size,
      games,
      seed,
      (features, count) => {
        const q = this.qValues(features, count);
        return Array.from({ length: count }, (_, i) => argmax4(q, i));
      },
      this.starvation,
    );
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const w of this.onlineList()) w.dispose();
    for (const t of this.target) t.dispose();
    this.optimizer.dispose();
  }
}
