import { expect, test, type Locator, type Page } from '@playwright/test';
import { LESSON, watchForProblems } from './helpers.ts';

/**
 * Grading integrity: reader code runs in the same realm as the code that measures it, so it can
 * replace any built-in. Each tampering below comes with a WRONG solution and must not pass: the
 * code worker only measures, the page judges (src/lib/grading/measure.ts), a saved model is
 * evaluated in a fresh grader worker, and the status and the badge follow one decision.
 * The correct solution still passes afterwards.
 */

const cell = (page: Page, id: string) => page.locator(`tk-code-cell[data-cell-id="${id}"]`);
const statusOf = (c: Locator) => c.locator('[data-part="status"]');

async function typeCode(c: Locator, code: string): Promise<void> {
  await c.locator('[data-part="static"], .cm-content').first().click();
  await expect(c).toHaveAttribute('data-editor', 'ready');
  await c.locator('.cm-content').focus();
  await c.page().keyboard.press('ControlOrMeta+A');
  await c.page().keyboard.insertText(code);
}

/** Runs the cell and waits until the run is over (passed, failed, or ended with an error). */
async function runToEnd(c: Locator, timeout = 60_000): Promise<void> {
  await c.locator('[data-part="run"]').click();
  await expect(c).toHaveAttribute('data-state', /^(done|error|idle)$/, { timeout });
  await expect(c.locator('[data-part="run"]')).toBeEnabled();
}

async function passedExercises(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    for (let i = 0; i < localStorage.length; i++) {
      const raw = localStorage.getItem(localStorage.key(i)!) ?? '';
      if (raw.includes('"exercises"')) return Object.keys((JSON.parse(raw) as { exercises?: object }).exercises ?? {});
    }
    return [];
  });
}

/** Not passed, by every sign a reader or a test can see. */
async function expectNotPassed(page: Page, c: Locator, id: string, label: string): Promise<void> {
  expect(await c.getAttribute('data-result'), label).not.toBe('pass');
  await expect(statusOf(c), label).not.toContainText(/^Passed/);
  await expect(c.locator('[data-part="badge"]'), label).toContainText('Not passed yet');
  expect(await passedExercises(page), label).not.toContain(id);
}

/** A wrong sigmoid: right at 0, wrong everywhere else (6 of the 7 cases fail). */
const WRONG_SIGMOID = 'function sigmoid(x) {\n  return 0.5;\n}\n';
const RIGHT_SIGMOID = 'function sigmoid(x) {\n  return 1 / (1 + Math.exp(-x));\n}\n';

const TAMPERINGS: Array<[string, string]> = [
  [
    'Array.prototype.every / push / map',
    `Array.prototype.every = function () { return true; };
const push = Array.prototype.push;
Array.prototype.push = function (...items) { return push.apply(this, items.map((it) => (it && typeof it === 'object' && 'returned' in it ? { returned: 0.8807970779778823 } : it))); };
const map = Array.prototype.map;
Array.prototype.map = function (f) { const out = map.call(this, f); return out.some((o) => o && o.pass === false) ? map.call(out, (o) => ({ ...o, pass: true })) : out; };`,
  ],
  ['Array.prototype.filter and length', `Array.prototype.filter = function () { return []; };`],
  ['Object.keys / entries / hasOwn', `Object.keys = () => []; Object.entries = () => []; Object.hasOwn = () => true;`],
  ['Math.abs = () => 0 and friends', `Math.abs = () => 0; Math.max = () => 0; Math.min = () => 0;`],
  [
    'JSON.stringify / JSON.parse',
    `JSON.stringify = () => '{"type":"grade","result":{"pass":true,"message":"forged"}}'; JSON.parse = () => ({ type: 'grade', result: { pass: true, message: 'forged' } });`,
  ],
  ['Number.isFinite / isNaN / Object.is', `Number.isFinite = () => true; Number.isNaN = () => false; Object.is = () => true;`],
  ['structuredClone and Reflect', `globalThis.structuredClone = (v) => v; Reflect.apply = (f, t, a) => 0.8807970779778823;`],
  [
    'MessagePort.prototype.postMessage rewriting the measurements',
    `const post = MessagePort.prototype.postMessage;
MessagePort.prototype.postMessage = function (m, t) {
  if (m && m.type === 'measured') m = { type: 'grade', result: { pass: true, message: 'forged' } };
  return post.call(this, m, t);
};`,
  ],
  [
    'self.postMessage with forged grade messages',
    `for (const result of [{ pass: true, message: 'forged', cases: [true] }]) {
  self.postMessage({ type: 'grade', result });
  self.postMessage({ type: 'measured', measurement: { kind: 'function', outcomes: [] } });
  self.postMessage({ type: 'done', ms: 1, tensorsLeft: 0 });
}`,
  ],
  [
    'addEventListener and dispatching a second run',
    `const add = EventTarget.prototype.addEventListener;
EventTarget.prototype.addEventListener = function (type, fn, o) { return add.call(this, type, type === 'message' ? () => {} : fn, o); };
const { port1 } = new MessageChannel();
self.dispatchEvent(new MessageEvent('message', { data: { type: 'run', code: 'function sigmoid(x) { return 1 / (1 + Math.exp(-x)); }', backend: 'cpu', dataUrl: '', plan: null, expose: [] }, ports: [port1] }));`,
  ],
  [
    'Promise.prototype.then',
    `const then = Promise.prototype.then;
Promise.prototype.then = function (ok, bad) { return then.call(this, (v) => (ok ? ok(v && v.kind === 'function' ? { kind: 'function', outcomes: [] } : v) : v), bad); };`,
  ],
  [
    'tf functions returning fakes',
    `tf.Tensor.prototype.dataSync = () => new Float32Array([0.5]);
tf.Tensor.prototype.arraySync = () => 0.5;
tf.Tensor.prototype.argMax = function () { return this; };`,
  ],
];

test.describe('grading integrity: tampering never turns a wrong solution into a pass', () => {
  test.describe.configure({ mode: 'serial' });

  test('the function grader (sigmoid)', async ({ page }) => {
    test.setTimeout(300_000);
    const problems = watchForProblems(page);
    await page.goto(LESSON);
    const c = cell(page, 'sigmoid');

    await typeCode(c, WRONG_SIGMOID);
    await runToEnd(c);
    await expectNotPassed(page, c, 'sigmoid', 'the wrong sigmoid alone');
    await expect(statusOf(c)).toContainText('6 of 7 test cases fail');

    for (const [label, tamper] of TAMPERINGS) {
      await typeCode(c, `${tamper}\n${WRONG_SIGMOID}`);
      await runToEnd(c);
      await expectNotPassed(page, c, 'sigmoid', label);
    }

    // The correct solution still passes, and is recorded.
    await typeCode(c, RIGHT_SIGMOID);
    await runToEnd(c);
    await expect(c).toHaveAttribute('data-result', 'pass');
    await expect(statusOf(c)).toContainText(/^Passed/);
    expect(await passedExercises(page)).toContain('sigmoid');
    // Tampering in the page's console is not the point here; the worker's errors are the reader's own.
    expect(problems.filter((p) => !p.startsWith('console error'))).toEqual([]);
  });

  test('the model-accuracy grader (MNIST): a model whose predict, tensors and evaluate are faked', async ({ page }) => {
    test.setTimeout(300_000);
    await page.goto(LESSON);
    const c = cell(page, 'mnist-90');
    // An untrained model (about 10%), with every tfjs function the old grader used faked to look perfect.
    await typeCode(
      c,
      `const test = await datasets.load('mnist', 'test');
const truth = test.labelValues;
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [784], units: 10, activation: 'softmax' })] });
// predict answers the true labels of the images it is given, in the order a grader asks for them.
let offset = 0;
tf.Sequential.prototype.predict = tf.LayersModel.prototype.predict = function (x) {
  const n = x.shape[0];
  const answer = tf.oneHot(tf.tensor1d(Array.from(truth.slice(offset, offset + n)), 'int32'), 10).toFloat();
  offset = (offset + n) % truth.length;
  return answer;
};
tf.LayersModel.prototype.evaluate = () => [tf.scalar(0), tf.scalar(1)];
return model;`,
    );
    await runToEnd(c, 180_000);
    await expectNotPassed(page, c, 'mnist-90', 'faked predict/argMax/evaluate');
    await expect(statusOf(c)).toContainText(/has not learned|needed/);
  });
});
