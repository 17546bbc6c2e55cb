/**
 * The example's "training run": gradient descent fits y = w·x + b to 64 noisy points of
 * y = 2x + 1. Shaped like a worker client (start with a config and a message callback, get a
 * handle with stop()), so the element reads like a real trainer. A real widget keeps such pure
 * maths in src/lib/ and runs it in a worker (src/workers/<name>/).
 */
export type FitMessage =
  { type: 'progress'; epoch: number; loss: number } | { type: 'done'; stopped: boolean; epochs: number; w: number; b: number; loss: number };

export function startFit(config: { epochs: number; learningRate: number }, onMessage: (m: FitMessage) => void): { stop(): void } {
  let seed = 1;
  const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.2;
  const xs = Array.from({ length: 64 }, (_, i) => i / 32 - 1);
  const ys = xs.map((x) => 2 * x + 1 + noise());
  let w = 0,
    b = 0,
    loss = NaN,
    epoch = 0,
    stopped = false;
  const tick = (): void => {
    // Ten full-batch steps of gradient descent on the mean squared error, then a pause to draw.
    for (let k = 0; k < 10 && epoch < config.epochs && !stopped; k++, epoch++) {
      let gw = 0,
        gb = 0;
      loss = 0;
      xs.forEach((x, i) => {
        const err = w * x + b - ys[i]!;
        loss += (err * err) / xs.length;
        gw += (2 * err * x) / xs.length;
        gb += (2 * err) / xs.length;
      });
      w -= config.learningRate * gw;
      b -= config.learningRate * gb;
    }
    if (stopped || epoch >= config.epochs) onMessage({ type: 'done', stopped, epochs: epoch, w, b, loss });
    else {
      onMessage({ type: 'progress', epoch, loss });
      setTimeout(tick, 16);
    }
  };
  setTimeout(tick, 0);
  return { stop: () => void (stopped = true) };
}
