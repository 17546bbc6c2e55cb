/**
 * The DQN worker: picks a tfjs backend (checked with setBackend's result and a self-test, see
 * src/tf/backend.ts), trains src/tf/snake-dqn.ts in slices of ~100 ms, evaluates greedily every
 * `evalEveryMs` of training and posts the results. A stop request is honoured between slices.
 */
import * as tf from '@tensorflow/tfjs';
import { errorText } from '../../lib/format/error-text.ts';
import { initBackend } from '../../tf/backend.ts';
import { DEFAULT_DQN_CONFIG, DQN_EVAL_GAMES, SnakeDqn, randomPolicyFood } from '../../tf/snake-dqn.ts';
import type { DqnFromWorker, DqnRunConfig, DqnToWorker } from './protocol.ts';

const scope = globalThis as unknown as {
  postMessage(message: DqnFromWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<DqnToWorker>) => void): void;
};

let running = false;
let stopRequested = false;

const SLICE_MS = 100;
/** Lets the stop message in between slices. */
const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function run(config: DqnRunConfig): Promise<void> {
  const chosen = await initBackend(tf, config.backend);
  const randomFood = randomPolicyFood(config.size);
  scope.postMessage({
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
    scope.postMessage({
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
    while (!stopRequested && (config.maxTrainMs <= 0 || trainedMs < config.maxTrainMs)) {
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
      await yieldToEvents();
    }
    if (sinceEval > 0) evaluate();
    scope.postMessage({ type: 'done', stopped: stopRequested, seconds: trainedMs / 1000 });
  } finally {
    agent.dispose();
  }
}

scope.addEventListener('message', (event) => {
  const message = event.data;
  if (message.type === 'stop') {
    stopRequested = true;
    return;
  }
  if (running) {
    scope.postMessage({ type: 'error', message: 'A DQN run is already going on in this worker. Stop it first, then start again.' });
    return;
  }
  running = true;
  stopRequested = false;
  run(message.config)
    .catch((err: unknown) => scope.postMessage({ type: 'error', message: `Training the deep Q-network failed: ${errorText(err)}. Reload the page and press Start again.` }))
    .finally(() => {
      running = false;
    });
});
