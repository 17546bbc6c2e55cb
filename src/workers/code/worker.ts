/**
 * The code worker: runs one reader's code cell (one RunRequest) and reports through the
 * messages of src/workers/code/protocol.ts. The page (src/workers/code/client.ts) makes a
 * fresh worker for every run and terminates it when the run ends, is stopped or runs out of
 * time, so nothing here needs to cooperate with stopping, and whatever the code leaves
 * behind (tensors, GPU memory, timers) goes with the worker.
 *
 * Order of a run:
 *   1. syntax check with acorn, before tfjs is even loaded: `ready`, then `syntax-error` if bad;
 *   2. tfjs is imported and a backend chosen: `backend`;
 *   3. the reader's code runs in a tfjs scope, with console.*, uncaught errors and unhandled
 *      rejections captured; `output` batches stream meanwhile;
 *   4. the measurements the grader needs, if any: `measured` (the page decides), with the tensors
 *      the code left allocated when it returned (src/lib/grading/tensors-left.ts);
 *   5. tensors and variables are freed: `done` with the number of tensors still allocated after
 *      that (only tensors kept with tf.keep survive the run's scope).
 * A thrown error ends the run with `error` (its line mapped back to the reader's code).
 *
 * Messages go through the MessagePort the page sends with the request, which the reader's
 * code cannot reach (it lives in this module's scope): a `postMessage` from the reader's code
 * goes to the page's worker object, where nobody listens. The port's `postMessage` is captured
 * when this module starts, so replacing `MessagePort.prototype.postMessage` changes nothing.
 *
 * This worker never grades. It only MEASURES (src/lib/grading/measure.ts): the reader's function
 * on the grader's inputs, the agent's actions in the evaluation games, an exercise's measuring
 * script, the saved model. The page judges, where no reader code runs, so code that replaces
 * built-ins here can spoil a measurement (which then fails) but cannot forge a pass.
 * The worker has no DOM, no localStorage and no access to the page.
 */
// First of all: the built-ins the measuring path uses, captured before any reader code exists.
import { apply } from '../../lib/grading/intrinsics.ts';
import type { MeasurePlan } from '../../lib/grading/measure.ts';
import { describeThrown, describeValue } from '../../lib/code/describe.ts';
import { createOutputApi, type OutputApi } from '../../lib/code/output-api.ts';
import { OutputChannel } from '../../lib/code/output-channel.ts';
import { checkSyntax } from '../../lib/code/syntax.ts';
import {
  compileReaderCode,
  countLines,
  locateError,
  measureLineOffset,
  parseStackLocation,
  readExposed,
  type ExposeGetters,
} from '../../lib/code/wrap.ts';
import { siteUrlFromDatasetsUrl } from '../../lib/data/datasets-url.ts';
import { errorText } from '../../lib/format/error-text.ts';
import { countTensorsLeft, type TrackedTensor } from '../../lib/grading/tensors-left.ts';
import type { Tf } from '../../tf/backend.ts';
import { onMessages } from '../shared/worker-entry.ts';
import type { FromCodeWorker, OutputItem, RunRequest } from './protocol.ts';

/** The parts of DedicatedWorkerGlobalScope we use (the webworker lib clashes with the DOM lib). */
const scope = globalThis as unknown as {
  postMessage(message: FromCodeWorker, transfer: Transferable[]): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (event: PromiseRejectionEvent) => void): void;
  console: Console;
};

const TFJS_HINT = 'Check your connection and run the code again; if it keeps failing, reload the page.';

let port: MessagePort | null = null;
const portPost = MessagePort.prototype.postMessage;
const scopePost = scope.postMessage;
let started = false;
/** Set once the run has ended (error or done): later messages would contradict the outcome. */
let ended = false;

function send(message: FromCodeWorker, transfer: Transferable[] = []): void {
  if (port) apply(portPost as (m: unknown, t: Transferable[]) => void, port, [message, transfer]);
  else apply(scopePost as (m: unknown, t: Transferable[]) => void, scope, [message, transfer]);
}

/** The image buffers of a batch move to the page instead of being copied. */
function transfers(items: OutputItem[]): Transferable[] {
  const out: Transferable[] = [];
  for (const item of items) {
    if (item.kind === 'images') for (const image of item.images) out.push(image.rgba.buffer as ArrayBuffer);
  }
  return out;
}

onMessages<RunRequest>({
  run: (request, event) => {
    if (started) return; // one run per worker
    started = true;
    port = event.ports[0] ?? null;
    void run(request);
  },
});

/** `close()` would end the worker silently and leave the page waiting for the time limit. */
function lockDown(): void {
  try {
    Object.defineProperty(globalThis, 'close', {
      configurable: true,
      value: () => {
        throw new Error('close() is not available in a code cell: your code ends when it returns.');
      },
    });
  } catch {
    /* not configurable in this browser: Stop and the time limit still end the run */
  }
}

async function run(request: RunRequest): Promise<void> {
  const { code } = request;
  const problem = checkSyntax(code);
  send({ type: 'ready' });
  if (problem) {
    ended = true;
    send({ type: 'syntax-error', message: problem.message, line: problem.line, column: problem.column });
    return;
  }
  lockDown();
  const offset = await measureLineOffset();
  const lineCount = countLines(code);
  const channel = new OutputChannel((items) => send({ type: 'output', items }, transfers(items)));

  const fail = (thrown: unknown, phase: 'run' | 'grade' | 'setup', hooks = {}): void => {
    if (ended) return;
    ended = true;
    channel.finish();
    const { name, message } = describeThrown(thrown, hooks);
    const loc = phase === 'setup' ? null : locateError(thrown, offset, code);
    send({
      type: 'error',
      name,
      message,
      phase,
      ...(loc ? { line: loc.line, ...(loc.column !== undefined ? { column: loc.column } : {}) } : {}),
    });
  };

  // 2. TensorFlow.js and its backend.
  let tf: Tf;
  try {
    tf = await import('@tensorflow/tfjs');
  } catch (err) {
    fail(new Error(`TensorFlow.js could not be loaded (${errorText(err)}). ${TFJS_HINT}`), 'setup');
    return;
  }
  const [{ initBackend }, { tfHooks }, { createDatasets }, { createModels }, graders] = await Promise.all([
    import('../../tf/backend.ts'),
    import('../../tf/code-output.ts'),
    import('../../tf/code-datasets.ts'),
    import('../../tf/code-models.ts'),
    // Loaded (and its built-ins captured) before the reader's code runs.
    import('../../tf/graders.ts'),
  ]);
  const saving = graders.captureModelSaving(tf);
  try {
    const chosen = await initBackend(tf, request.backend);
    send({ type: 'backend', backend: chosen.backend, ...(chosen.fallbackReason !== undefined ? { fallbackReason: chosen.fallbackReason } : {}) });
  } catch (err) {
    fail(new Error(`No TensorFlow.js backend could start (${errorText(err)}). ${TFJS_HINT}`), 'setup');
    return;
  }

  // 3. The reader's code.
  const hooks = tfHooks(tf);
  const callSite = (): string | undefined => {
    const loc = offset === null ? null : parseStackLocation(new Error().stack, offset, lineCount);
    return loc ? `line ${loc.line}` : undefined;
  };
  const api: OutputApi = createOutputApi(channel, { hooks, callSite });
  const datasets = createDatasets(tf, {
    dataUrl: request.dataUrl,
    progress: (fraction, label) => channel.push({ kind: 'progress', fraction, label }),
  });
  const models = createModels(tf, { siteUrl: siteUrlFromDatasetsUrl(request.dataUrl) });
  captureConsole(api);
  scope.addEventListener('error', (event) => {
    event.preventDefault();
    fail(event.error ?? new Error(event.message), 'run', hooks);
  });
  scope.addEventListener('unhandledrejection', (event) => {
    event.preventDefault();
    fail(event.reason, 'run', hooks);
  });

  let compiled: ReturnType<typeof compileReaderCode>;
  try {
    compiled = compileReaderCode(code, request.expose);
  } catch (err) {
    fail(err, 'run', hooks);
    return;
  }
  const tensorsBefore = tf.memory().numTensors;
  tf.engine().startScope();
  // The run's scope, held here: every tensor the reader's code makes outside a tidy lands in its list.
  const runScope = (tf.engine() as unknown as { state: { activeScope: { track: TrackedTensor[] } | null } }).state.activeScope;
  let getters: ExposeGetters | null = null;
  const t0 = performance.now();
  let returned: unknown;
  try {
    returned = await compiled(tf, datasets, api.print, api.plot, api.show, api.progress, api.console, models, (g: ExposeGetters) => {
      getters = g;
    });
  } catch (err) {
    fail(err, 'run', hooks);
    return;
  }
  const ms = performance.now() - t0;
  if (ended) return; // an uncaught error in a callback ended the run meanwhile
  // Counted the moment the code returns, before grading or cleaning up makes or frees anything.
  const tensorsLeft = runScope ? countTensorsLeft(runScope.track) : undefined;
  let returnedText: string | undefined;
  try {
    returnedText = describeValue(returned, hooks);
  } catch {
    returnedText = 'a value that could not be described';
  }

  // 4. The measurements the page grades from.
  if (request.plan) {
    const measured = await measure(
      graders.measureRun,
      request.plan,
      {
        returned,
        exports: readExposed(getters),
        tf,
        dataUrl: request.dataUrl,
        datasets,
        models,
        print: api.print,
        save: saving,
        ...(tensorsLeft ? { tensorsLeft } : {}),
      },
      channel,
    );
    if (!measured.ok) {
      fail(measured.error, 'grade', hooks);
      return;
    }
  }
  if (ended) return;

  // 5. Clean up and report.
  let remaining = 0;
  try {
    tf.engine().endScope();
    tf.disposeVariables();
    remaining = Math.max(0, tf.memory().numTensors - tensorsBefore);
  } catch {
    remaining = Math.max(0, tf.memory().numTensors - tensorsBefore);
  }
  channel.finish();
  ended = true;
  send({ type: 'done', ms, tensorsLeft: remaining, ...(returnedText !== undefined ? { returned: returnedText } : {}) });
}

type Graders = typeof import('../../tf/graders.ts');
type MeasureContext = Parameters<Graders['measureRun']>[1] & { save: ReturnType<Graders['captureModelSaving']> };

/** Measures for the grader; posts `measured` (after the output it printed). Returns the error when measuring itself failed. */
async function measure(
  measureRun: Graders['measureRun'],
  plan: MeasurePlan,
  ctx: MeasureContext,
  channel: OutputChannel,
): Promise<{ ok: true } | { ok: false; error: unknown }> {
  try {
    const measurement = await measureRun(plan, ctx, { save: ctx.save });
    if (ended) return { ok: true };
    channel.flush();
    const transfer = measurement.kind === 'model' && 'artifacts' in measurement ? [measurement.artifacts.weightData] : [];
    send({ type: 'measured', measurement }, transfer);
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Routes the worker's own console (used by libraries such as tfjs, and by `self.console`) to the output. */
function captureConsole(api: OutputApi): void {
  const target = scope.console as unknown as Record<string, unknown>;
  for (const method of [
    'log',
    'info',
    'warn',
    'error',
    'debug',
    'trace',
    'dir',
    'table',
    'assert',
    'count',
    'time',
    'timeEnd',
    'timeLog',
    'group',
    'groupEnd',
  ] as const) {
    target[method] = api.console[method];
  }
}
