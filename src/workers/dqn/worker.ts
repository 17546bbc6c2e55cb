/**
 * The DQN worker: picks a tfjs backend (checked with setBackend's result and a self-test, see
 * src/tf/backend.ts), trains src/tf/snake-dqn.ts in slices of ~100 ms, evaluates greedily every
 * `evalEveryMs` of training and posts the results. A stop request is honoured between slices.
 */
import * as tf from '@tensorflow/tfjs';
import { yieldToEventLoop } from '../../lib/runtime/yield.ts';
import { initBackend } from '../../tf/backend.ts';
import { DEFAULT_DQN_CONFIG, DQN_EVAL_GAMES, SnakeDqn, randomPolicyFood } from '../../tf/snake-dqn.ts';
import { serveSessions, type SessionControl, type WorkerScope } from '../shared/worker-entry.ts';
import type { DqnFromWorker, DqnRunConfig, DqnToWorker } from './protocol.ts';

const SLICE_MS = 100;

async function run(config: DqnRunConfig, post: WorkerScope<DqnFromWorker>['post'], control: SessionControl): Promise<void> {
  const chosen = await initBackend(tf, config.backend);
  const randomFood = randomPolicyFood(config.size);
  post({
    type: 'ready',
    backend: chosen.backend,
    ...(chosen.fallbackReason !== undefined ? { fallbackReason: chosen.fallbackReason } : {}),
    randomFood,
    evalGames: DQN_EVAL_GAMES,
  });
  const agent = new SnakeDqn(tf, { ...DEFAULT_DQN_CONFIG, size: config.size, seed: config.seed });
  let trainedMs = 0;
  const evaluate = () => {
    const greedy = agent.evaluate();
    const p = agent.progress();
    post({
      type: 'eval',
      point: {
        seconds: trainedMs / 1000,
        averageFood: greedy.averageFood,
        bestFood: greedy.bestFood,
        wins: greedy.wins,
        games: greedy.games,
        steps: p.steps,
        episodes: p.episodes,
        epsilon: p.epsilon,
        loss: p.loss,
        frames: greedy.frames,
      },
    });
  };
  try {
    evaluate(); // the untrained network, at 0 s
    // Evaluate often while the curve rises fastest (every 0.5 s for the first 4 s), then every evalEveryMs.
    const nextEvalAfter = (ms: number) => ms + (ms < 4000 ? 500 : config.evalEveryMs);
    let nextEval = nextEvalAfter(0);
    let sinceEval = 0;
    while (!control.stopped() && (config.maxTrainMs <= 0 || trainedMs < config.maxTrainMs)) {
      const t0 = performance.now();
      agent.trainFor(SLICE_MS);
      const took = performance.now() - t0;
      trainedMs += took;
      sinceEval += took;
      if (trainedMs >= nextEval) {
        nextEval = nextEvalAfter(trainedMs);
        sinceEval = 0;
        evaluate();
      }
      await yieldToEventLoop(); // lets the stop message in between slices
    }
    if (sinceEval > 0) evaluate();
    post({ type: 'done', stopped: control.stopped(), seconds: trainedMs / 1000 });
  } finally {
    agent.dispose();
  }
}

serveSessions<Extract<DqnToWorker, { type: 'start' }>, DqnFromWorker>({
  run: (message, post, control) => run(message.config, post, control),
  busy: { type: 'error', message: 'A DQN run is already going on in this worker. Stop it first, then start again.' },
  failed: (text) => ({ type: 'error', message: `Training the deep Q-network failed: ${text}. Reload the page and press Start again.` }),
});
