import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { watchForProblems } from './helpers.ts';

/**
 * The code runner (src/workers/code/client.ts + code.worker.ts) through its hidden harness page
 * bench/pages/code-runner.astro, which exposes window.tinkerRunner. Most runs use the cpu
 * backend (fast to start under SwiftShader); one uses 'auto' to check the GPU path frees its tensors.
 */

const PAGE = './dev/code-runner/';

type Message = { type: string; [key: string]: unknown };
interface RunRecord {
  startedAt: number;
  messages: Array<{ at: number; message: Message }>;
  outcome: { reason: string; message?: string } | null;
  endedAt: number | null;
}
interface StartOptions {
  timeLimitMs?: number;
  backend?: string;
  expose?: string[];
  grader?: object | null;
}

async function open(page: Page): Promise<string[]> {
  const problems = watchForProblems(page);
  await page.goto(PAGE);
  await page.waitForFunction(() => 'tinkerRunner' in window);
  return problems;
}

async function run(page: Page, code: string, options: StartOptions = {}): Promise<RunRecord> {
  return page.evaluate(
    ([c, o]) => (window as unknown as { tinkerRunner: { run(c: string, o: object): Promise<RunRecord> } }).tinkerRunner.run(c, o),
    [code, { backend: 'cpu', ...options }] as const,
  );
}

const messages = (r: RunRecord, type: string) => r.messages.map((m) => m.message).filter((m) => m.type === type);
const last = (r: RunRecord) => r.messages.at(-1)!.message;
/** All printed/logged text of a run, one entry per text item. */
const texts = (r: RunRecord) =>
  messages(r, 'output').flatMap((m) => (m.items as Array<{ kind: string; text?: string }>).filter((i) => i.kind === 'text').map((i) => i.text));

test.describe.configure({ mode: 'serial' });

test('output streams while the code runs, before it is done', async ({ page }) => {
  const problems = await open(page);
  await page.evaluate(() => {
    const code = 'for (let i = 0; i < 6; i++) {\n  print("tick", i);\n  await new Promise((r) => setTimeout(r, 250));\n}';
    (window as unknown as { tinkerRunner: { start(c: string, o: object): void } }).tinkerRunner.start(code, { backend: 'cpu' });
  });
  // Wait for the first printed line; the run must still be going at that moment.
  const early = await page.waitForFunction(() => {
    const r = (window as unknown as { tinkerRunner: { current(): RunRecord } }).tinkerRunner.current();
    const printed = r.messages.some((m) => m.message.type === 'output');
    return printed ? { outcome: r.outcome, types: r.messages.map((m) => m.message.type) } : null;
  });
  const snapshot = (await early.jsonValue()) as { outcome: unknown; types: string[] };
  expect(snapshot.outcome).toBeNull();
  expect(snapshot.types).not.toContain('done');
  const record = await page.evaluate(() => (window as unknown as { tinkerRunner: { finished(): Promise<RunRecord> } }).tinkerRunner.finished());
  expect(record.outcome?.reason).toBe('done');
  expect(texts(record)).toEqual(['tick 0', 'tick 1', 'tick 2', 'tick 3', 'tick 4', 'tick 5']);
  // Several batches, not one at the end.
  expect(messages(record, 'output').length).toBeGreaterThan(1);
  expect(record.messages[0]!.message.type).toBe('ready');
  expect(problems).toEqual([]);
});

test('a syntax error is reported with its line before TensorFlow.js loads', async ({ page }) => {
  await open(page);
  const record = await run(page, 'const a = 1;\nconst b = ;\nprint(b);');
  expect(record.outcome?.reason).toBe('syntax-error');
  expect(last(record)).toMatchObject({ type: 'syntax-error', line: 2, column: 11 });
  expect(messages(record, 'backend')).toEqual([]);
});

test('a runtime error is reported with its line in the reader code', async ({ page }) => {
  await open(page);
  const record = await run(page, 'const x = 1;\nprint(x);\nconst y = null;\ny.foo();');
  expect(record.outcome?.reason).toBe('error');
  expect(last(record)).toMatchObject({ type: 'error', name: 'TypeError', line: 4, phase: 'run' });
  expect(texts(record)).toEqual(['1']);

  // An error thrown later, in a callback, is caught and located too.
  const later = await run(page, 'setTimeout(() => {\n  notDefined();\n}, 10);\nawait new Promise((r) => setTimeout(r, 2000));');
  expect(last(later)).toMatchObject({ type: 'error', name: 'ReferenceError', line: 2, phase: 'run' });

  // So is a promise rejected with nobody waiting for it.
  const rejected = await run(page, 'const x = 1;\nPromise.reject(new RangeError("nobody waits"));\nawait new Promise((r) => setTimeout(r, 2000));');
  expect(last(rejected)).toMatchObject({ type: 'error', name: 'RangeError', message: 'nobody waits', line: 2 });

  // A thrown string says what it is.
  const thrown = await run(page, "throw 'oops';");
  expect(String(last(thrown).message)).toMatch(/^oops \(your code threw a string/);
});

test('top-level await and return work, and what was returned is described', async ({ page }) => {
  await open(page);
  const record = await run(page, 'const v = await Promise.resolve(41);\nreturn v + 1;');
  expect(last(record)).toMatchObject({ type: 'done', returned: 'the number 42', tensorsLeft: 0 });
});

/**
 * Runs `while (true) {}` and ends it with `end`, counting the page's own timer callbacks that ran
 * while the loop spun. How long the page's frames and timers waited meanwhile is a benchmark figure
 * (npm run bench -- --only responsiveness), not asserted here: it depends on the machine's load.
 */
async function busyLoop(page: Page, end: 'stop' | 'time-limit'): Promise<{ record: RunRecord; ticksWhileRunning: number }> {
  return page.evaluate(async (how) => {
    const runner = (
      window as unknown as {
        tinkerRunner: { start(c: string, o: object): void; stop(): void; current(): RunRecord; finished(): Promise<RunRecord> };
      }
    ).tinkerRunner;
    runner.start('print("looping");\nwhile (true) {}', { backend: 'cpu', timeLimitMs: how === 'time-limit' ? 2000 : 60_000 });
    // Wait until the loop is running (its print arrived).
    while (!runner.current().messages.some((m) => m.message.type === 'output')) await new Promise((r) => setTimeout(r, 20));
    // Heartbeats on the page while the worker spins: a frozen page would not tick at all.
    let ticksWhileRunning = 0;
    let beating = true;
    const beat = () => {
      if (!runner.current().outcome) ticksWhileRunning++;
      if (beating) setTimeout(beat, 16);
    };
    setTimeout(beat, 16);
    if (how === 'stop') {
      // The page's own timer presses Stop: it runs only if the loop leaves the page free.
      await new Promise((r) => setTimeout(r, 1000));
      runner.stop();
    }
    const record = await runner.finished();
    beating = false;
    return { record, ticksWhileRunning };
  }, end);
}

test('while (true) {} is ended by Stop, and the page stays responsive', async ({ page }) => {
  const problems = await open(page);
  const { record, ticksWhileRunning } = await busyLoop(page, 'stop');
  expect(record.outcome?.reason).toBe('stopped');
  // A page frozen by the loop would not tick at all meanwhile (nor run the timer that pressed Stop).
  expect(ticksWhileRunning).toBeGreaterThanOrEqual(1);
  // The page still works: another run goes through.
  const again = await run(page, 'return 1;');
  expect(again.outcome?.reason).toBe('done');
  expect(problems).toEqual([]);
});

test('while (true) {} is ended by a 2 s time limit, which says so', async ({ page }) => {
  await open(page);
  const { record, ticksWhileRunning } = await busyLoop(page, 'time-limit');
  expect(record.outcome?.reason).toBe('time-limit');
  expect(record.outcome?.message).toMatch(/still running after 2\.0 s, the time limit of this cell, so it was stopped/);
  // Frozen, the page would not tick until the loop ended.
  expect(ticksWhileRunning).toBeGreaterThanOrEqual(1);
  await expect(page.getByRole('status')).toHaveText(/Ended: time-limit/);
});

test('tensors, models and optimizer state are freed when the run ends (webgl or whatever auto picks)', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = await open(page);
  const code = [
    'const a = tf.tensor([1, 2, 3]);',
    'const b = a.square().add(1);',
    'print(b);',
    'const model = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [2], activation: "relu" }), tf.layers.dense({ units: 1 })] });',
    'model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError" });',
    'await model.fit(tf.ones([8, 2]), tf.zeros([8, 1]), { epochs: 2, batchSize: 4 });',
    'const kept = tf.tidy(() => tf.ones([2]).mul(2));',
    'return model;',
  ].join('\n');
  const record = await run(page, code, { backend: 'auto', timeLimitMs: 90_000 });
  expect(record.outcome?.reason, JSON.stringify(last(record))).toBe('done');
  expect(last(record)).toMatchObject({ type: 'done', tensorsLeft: 0, returned: 'a tfjs model with 17 parameters' });
  expect(texts(record)[0]).toMatch(/^Tensor float32 \[3\]\n\s*\[2, 5, 10\]$/);
  // The count is real: a tensor the code deliberately keeps out of every scope is reported.
  const leaky = await run(page, 'tf.keep(tf.ones([3]));\nreturn 1;');
  expect(last(leaky)).toMatchObject({ type: 'done', tensorsLeft: 1 });
  expect(problems).toEqual([]);
});

test("the reader's code cannot reach the page's DOM or storage, nor forge messages", async ({ page }) => {
  await open(page);
  await page.evaluate(() => localStorage.setItem('tinker-secret', 'x'));
  const code = [
    'print(typeof document, typeof localStorage, typeof window, typeof sessionStorage);',
    "postMessage({ type: 'done', ms: 0, tensorsLeft: 0, returned: 'forged' });",
    'let closed = "yes";',
    'try { close(); } catch (e) { closed = "no: " + e.message; }',
    'print(closed);',
    'return 5;',
  ].join('\n');
  const record = await run(page, code);
  expect(texts(record)).toEqual(['undefined undefined undefined undefined', expect.stringMatching(/^no: close\(\) is not available/)]);
  expect(messages(record, 'done')).toEqual([expect.objectContaining({ returned: 'the number 5' })]);
});

test("datasets.load('mnist', 'test', { limit: 100 }) gives tensors, with download progress", async ({ page }) => {
  const problems = await open(page);
  const code = [
    "const d = await datasets.load('mnist', 'test', { limit: 100 });",
    'print(d.xs.shape, d.ys.shape, d.labels.shape, d.count, d.pixels.length, d.classNames.length);',
    'print(d.xs.max().dataSync()[0] <= 1, d.ys.sum().dataSync()[0]);',
    'show.images(d.xs.slice([0, 0], [4, 784]), { labels: d.labels.slice(0, 4) });',
    "const img = await datasets.load('mnist', 'test', { limit: 2, shape: 'image' });",
    'print(img.xs.shape);',
  ].join('\n');
  const record = await run(page, code, { timeLimitMs: 60_000 });
  expect(record.outcome?.reason, JSON.stringify(last(record))).toBe('done');
  expect(texts(record)).toEqual(['[100, 784] [100, 10] [100] 100 78400 10', 'true 100', '[2, 28, 28, 1]']);
  const items = messages(record, 'output').flatMap((m) => m.items as Array<{ kind: string; images?: Array<{ width: number; label?: string }> }>);
  expect(items.some((i) => i.kind === 'progress')).toBe(true);
  const images = items.find((i) => i.kind === 'images')!.images!;
  expect(images.map((i) => i.width)).toEqual([28, 28, 28, 28]);
  // The first MNIST test images are 7, 2, 1, 0.
  expect(images.map((i) => i.label)).toEqual(['7', '2', '1', '0']);
  expect(last(record)).toMatchObject({ tensorsLeft: 0 });

  const unknown = await run(page, "await datasets.load('mnst', 'test');");
  expect(last(unknown)).toMatchObject({ type: 'error', line: 1, message: expect.stringMatching(/unknown dataset "mnst"/) });
  expect(problems).toEqual([]);
});

test('a grader gets the exposed names and reports before done', async ({ page }) => {
  await open(page);
  const grader = {
    kind: 'function',
    name: 'sigmoid',
    cases: [
      { args: [0], expected: 0.5 },
      { args: [2], expected: 0.8807970779778823 },
    ],
  };
  const good = await run(page, 'function sigmoid(x) {\n  return 1 / (1 + Math.exp(-x));\n}\nreturn;\nlet unused = 1;', {
    grader,
    expose: ['sigmoid'],
  });
  expect(good.messages.map((m) => m.message.type).slice(-2)).toEqual(['grade', 'done']);
  expect(messages(good, 'grade')[0]).toMatchObject({ result: { pass: true } });
  const wrong = await run(page, 'function sigmoid(x) {\n  return x;\n}', { grader, expose: ['sigmoid'] });
  expect(messages(wrong, 'grade')[0]).toMatchObject({ result: { pass: false } });
  const missing = await run(page, 'const s = 1;', { grader, expose: ['sigmoid'] });
  expect(messages(missing, 'grade')[0]).toMatchObject({ result: { pass: false } });
});

test("the agent-win-rate grader trains the reader's agent in the worker, then plays evaluation games", async ({ page }) => {
  await open(page);
  const grader = { kind: 'agent-win-rate', env: 'corridor', games: 200, trainSeconds: 2, threshold: 0.9, seed: 7 };
  // Tabular Q-learning with ε-greedy exploration, within the time budget.
  const qLearning = `function train(env, budget) {
  const q = new Map();
  const values = (s) => q.get(env.stateKey(s)) ?? q.set(env.stateKey(s), new Array(env.actions).fill(0)).get(env.stateKey(s));
  const greedy = (s) => { const v = values(s); return v.indexOf(Math.max(...v)); };
  for (let episode = 0; episode < 2000 && budget.timeLeft() > 100; episode++) {
    let state = env.reset();
    for (let done = false; !done; ) {
      const action = Math.random() < 0.2 ? Math.floor(Math.random() * env.actions) : greedy(state);
      const step = env.step(action);
      const target = step.reward + (step.done ? 0 : 0.9 * Math.max(...values(step.state)));
      values(state)[action] += 0.5 * (target - values(state)[action]);
      state = step.state;
      done = step.done;
    }
  }
  return greedy;
}`;
  const good = await run(page, qLearning, { grader, expose: ['train'] });
  const goodGrade = messages(good, 'grade')[0] as unknown as { result: { pass: boolean; figure: number } };
  expect(goodGrade.result.pass).toBe(true);
  expect(goodGrade.result.figure).toBeGreaterThanOrEqual(0.9);

  const random = await run(page, 'function train(env) {\n  return () => Math.floor(Math.random() * env.actions);\n}', { grader, expose: ['train'] });
  const randomGrade = messages(random, 'grade')[0] as unknown as { result: { pass: boolean; figure: number; message: string } };
  expect(randomGrade.result.pass).toBe(false);
  expect(randomGrade.result.figure).toBeLessThan(0.9);
});

test('a custom grader measures in the worker and its judge decides in the page', async ({ page }) => {
  await open(page);
  const dir = new URL('../content/exercises/dense-backward/', import.meta.url);
  const grader = { kind: 'custom', judge: 'dense-backward', expose: ['Dense'], source: readFileSync(new URL('measure.js', dir), 'utf8') };
  const good = await run(page, readFileSync(new URL('solution.js', dir), 'utf8'), { grader, expose: grader.expose });
  expect(messages(good, 'grade')[0]).toMatchObject({
    result: { pass: true, message: expect.stringMatching(/^dW, db and dX all match the exact gradients/) },
  });
  const bad = await run(page, readFileSync(new URL('starter.js', dir), 'utf8'), { grader, expose: grader.expose });
  expect(messages(bad, 'grade')[0]).toMatchObject({ result: { pass: false } });
});

test('reader code trains a small conv net on the wasm backend (its training kernels: conv and max-pool gradients)', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = await open(page);
  const code = [
    "const d = await datasets.load('fashion-mnist', 'test', { limit: 256, shape: 'image' });",
    'const model = tf.sequential({ layers: [',
    "  tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }),",
    '  tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }),',
    '  tf.layers.flatten(),',
    "  tf.layers.dense({ units: 10, activation: 'softmax' }),",
    '] });',
    "model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });",
    'const loss = () => tf.tidy(() => model.evaluate(d.xs, d.ys).dataSync()[0]);',
    'const before = loss();',
    'await model.fit(d.xs, d.ys, { epochs: 3, batchSize: 64 });',
    'print(tf.getBackend(), loss() < before);',
    "const g = tf.grad((x) => tf.maxPool(x, 2, 2, 'valid').sum())(tf.tensor4d([-4, -3, -2, -1], [1, 2, 2, 1]));",
    "print(g.dataSync().join(' '));",
  ].join('\n');
  const record = await run(page, code, { backend: 'wasm', timeLimitMs: 100_000 });
  expect(record.outcome?.reason, JSON.stringify(last(record))).toBe('done');
  expect(messages(record, 'backend')).toEqual([expect.objectContaining({ backend: 'wasm' })]);
  // The loss fell, and the all-negative window sends its gradient to −1, its largest value.
  expect(texts(record)).toEqual(['wasm true', '0 0 0 1']);
  expect(problems).toEqual([]);
});
