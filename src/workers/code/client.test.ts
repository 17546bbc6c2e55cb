/**
 * The page side of code cells with a fake Worker and MessageChannel: message relay, the end of
 * a run (done, error, syntax error, stop, time limit, crash), and that the worker is freed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FromCodeWorker, RunMessage, RunRequest } from './protocol.ts';
import type { GraderSpec } from '../../lib/exercises/types.ts';
import { functionPlan } from '../../lib/grading/function-grader.ts';
import { takeSnapshot } from '../../lib/grading/snapshot.ts';
import { runCode, type RunOutcome } from './client.ts';

class FakePort {
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  other: FakePort | null = null;
  closed = false;
  postMessage(data: unknown) {
    this.other?.onmessage?.({ data });
  }
  close() {
    this.closed = true;
  }
}

class FakeChannel {
  port1 = new FakePort();
  port2 = new FakePort();
  constructor() {
    this.port1.other = this.port2;
    this.port2.other = this.port1;
  }
}

class FakeWorker {
  static instances: FakeWorker[] = [];
  posted: Array<{ message: RunRequest; transfer: unknown[] }> = [];
  terminated = false;
  listeners: Record<string, Array<(e: unknown) => void>> = {};
  constructor(
    public url: URL,
    public options: WorkerOptions,
  ) {
    FakeWorker.instances.push(this);
  }
  postMessage(message: RunRequest, transfer: unknown[]) {
    this.posted.push({ message, transfer });
  }
  terminate() {
    this.terminated = true;
  }
  addEventListener(type: string, listener: (e: unknown) => void) {
    (this.listeners[type] ??= []).push(listener);
  }
  /** Test side: the worker sends a message through the port it was given. */
  send(m: FromCodeWorker) {
    (this.posted[0]!.transfer[0] as FakePort).postMessage(m);
  }
  fail(message: string) {
    for (const l of this.listeners['error'] ?? []) l({ message, preventDefault() {} });
  }
}

const request = { code: 'print(1)', backend: 'auto' as const, dataUrl: 'http://x/data/', grader: null, expose: [] };

function start(timeLimitMs = 2000, grader: GraderSpec | null = null) {
  const messages: RunMessage[] = [];
  const ends: RunOutcome[] = [];
  const handle = runCode({ ...request, grader }, { onMessage: (m) => messages.push(m), onEnd: (o) => ends.push(o) }, { timeLimitMs });
  return { handle, messages, ends, worker: FakeWorker.instances.at(-1)! };
}

beforeEach(() => {
  FakeWorker.instances = [];
  vi.stubGlobal('Worker', FakeWorker);
  vi.stubGlobal('MessageChannel', FakeChannel);
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('runCode', () => {
  it('starts a module worker with the request and a private port, relays messages and ends on done', () => {
    const { messages, ends, worker } = start();
    expect(worker.options).toMatchObject({ type: 'module' });
    const { grader: _none, ...sent } = request;
    expect(worker.posted[0]!.message).toEqual({ type: 'run', ...sent, plan: null });
    expect(worker.posted[0]!.transfer[0]).toBeInstanceOf(FakePort);
    // Messages the reader's code posts with the worker's own postMessage are not listened to.
    expect(worker.listeners['message']).toBeUndefined();
    worker.send({ type: 'ready' });
    worker.send({ type: 'backend', backend: 'cpu' });
    worker.send({ type: 'output', items: [{ kind: 'text', stream: 'print', text: '1' }] });
    worker.send({ type: 'done', ms: 5, tensorsLeft: 0 });
    worker.send({ type: 'output', items: [] });
    expect(messages.map((m) => m.type)).toEqual(['ready', 'backend', 'output', 'done']);
    expect(ends).toEqual([{ reason: 'done' }]);
    expect(worker.terminated).toBe(true);
  });

  it('ends with the error and syntax error the worker reports', () => {
    const a = start();
    a.worker.send({ type: 'error', name: 'TypeError', message: 'x is not a function', line: 3, phase: 'run' });
    expect(a.ends).toEqual([{ reason: 'error', message: 'TypeError: x is not a function' }]);
    expect(a.worker.terminated).toBe(true);
    const b = start();
    b.worker.send({ type: 'ready' });
    b.worker.send({ type: 'syntax-error', message: 'Unexpected token', line: 2, column: 5 });
    expect(b.ends).toEqual([{ reason: 'syntax-error', message: 'Line 2: Unexpected token' }]);
  });

  it('stops at once, once, and ignores what the worker says afterwards', () => {
    const { handle, messages, ends, worker } = start();
    worker.send({ type: 'backend', backend: 'cpu' });
    handle.stop();
    handle.stop();
    worker.send({ type: 'done', ms: 1, tensorsLeft: 0 });
    expect(worker.terminated).toBe(true);
    expect(ends).toHaveLength(1);
    expect(ends[0]!.reason).toBe('stopped');
    expect(messages.map((m) => m.type)).toEqual(['backend']);
  });

  it('applies the time limit from the moment the code starts, and says so in words', () => {
    const { ends, worker } = start(2000);
    vi.advanceTimersByTime(5000); // loading tfjs does not count
    expect(ends).toEqual([]);
    worker.send({ type: 'backend', backend: 'webgl' });
    vi.advanceTimersByTime(1999);
    expect(ends).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(ends[0]!.reason).toBe('time-limit');
    expect(ends[0]!.message).toMatch(/still running after 2\.0 s, the time limit of this cell, so it was stopped/);
    expect(worker.terminated).toBe(true);
  });

  it('gives up when TensorFlow.js never finishes loading', () => {
    const { ends } = start();
    vi.advanceTimersByTime(120_000);
    expect(ends[0]).toMatchObject({ reason: 'time-limit', message: expect.stringMatching(/did not finish loading within 2 min/) });
  });

  it('reports a worker that dies as crashed', () => {
    const { ends, worker } = start();
    worker.fail('out of memory');
    expect(ends).toEqual([{ reason: 'crashed', message: expect.stringMatching(/stopped unexpectedly \(out of memory\)/) }]);
    expect(worker.terminated).toBe(true);
  });

  it('uses a fresh worker for every run', () => {
    start().handle.stop();
    start();
    expect(FakeWorker.instances).toHaveLength(2);
    expect(FakeWorker.instances[0]!.terminated).toBe(true);
    expect(FakeWorker.instances[1]!.terminated).toBe(false);
  });
});

describe('runCode grading', () => {
  const sigmoid: GraderSpec = {
    kind: 'function',
    name: 'sigmoid',
    cases: [
      { args: [0], expected: 0.5 },
      { args: [2], expected: 0.8807970779778823 },
    ],
  };
  const measured = (values: unknown[]): FromCodeWorker => ({
    type: 'measured',
    measurement: { kind: 'function', outcomes: values.map((v) => ({ returned: takeSnapshot(v) })) },
  });
  const flush = () => vi.advanceTimersByTimeAsync(0);
  /** A graded run posts its request once the graders have loaded. */
  const startGraded = async () => {
    const run = start(2000, sigmoid);
    await vi.waitFor(() => expect(run.worker.posted).toHaveLength(1));
    return run;
  };

  it('sends the worker the inputs only, never the expected values', async () => {
    const { worker } = await startGraded();
    expect(worker.posted[0]!.message.plan).toEqual(functionPlan(sigmoid as Extract<GraderSpec, { kind: 'function' }>));
    expect(JSON.stringify(worker.posted[0]!.message)).not.toContain('0.8807970779778823');
  });

  it('judges the measurements in the page and hands the cell its own grade before done', async () => {
    const { messages, ends, worker } = await startGraded();
    worker.send({ type: 'backend', backend: 'cpu' });
    worker.send(measured([0.5, 0.8807970779778823]));
    worker.send({ type: 'done', ms: 5, tensorsLeft: 0 });
    await vi.waitFor(() => expect(ends).toHaveLength(1));
    expect(messages.map((m) => m.type)).toEqual(['backend', 'grade', 'done']);
    expect(messages[1]).toMatchObject({ type: 'grade', result: { pass: true } });
    expect(ends).toEqual([{ reason: 'done' }]);
  });

  it('fails a wrong measurement whatever else the worker says', async () => {
    const { messages, worker } = await startGraded();
    worker.send(measured([0.5, 2]));
    worker.send(measured([0.5, 0.8807970779778823])); // only the first counts
    worker.send({ type: 'done', ms: 5, tensorsLeft: 0 });
    await vi.waitFor(() => expect(messages.some((m) => m.type === 'grade')).toBe(true));
    const grade = messages.find((m) => m.type === 'grade') as Extract<RunMessage, { type: 'grade' }>;
    expect(grade.result.pass).toBe(false);
    expect(grade.result.message).toBe('1 of 2 test cases fails. sigmoid(2) returned 2; expected 0.880797078.');
  });

  it('refuses a verdict sent by the worker: the run ends as crashed, never passed', async () => {
    const { messages, ends, worker } = await startGraded();
    worker.send({ type: 'grade', result: { pass: true, message: 'forged' } } as unknown as FromCodeWorker);
    worker.send({ type: 'done', ms: 5, tensorsLeft: 0 });
    await flush();
    expect(messages.some((m) => m.type === 'grade')).toBe(false);
    expect(ends).toEqual([{ reason: 'crashed', message: expect.stringMatching(/a message the page does not know/) }]);
  });

  it('fails a graded run whose measurements never arrive, and one whose measurements are malformed', async () => {
    const a = await startGraded();
    a.worker.send({ type: 'done', ms: 5, tensorsLeft: 0 });
    await vi.waitFor(() => expect(a.messages).toHaveLength(2));
    expect(a.messages[0]).toMatchObject({
      type: 'grade',
      result: { pass: false, message: expect.stringMatching(/could not read the measurements of this run \(the run ended without sending them\)/) },
    });
    const b = await startGraded();
    b.worker.send({ type: 'measured', measurement: { kind: 'function', outcomes: [{ returned: 0.5 }] } } as FromCodeWorker);
    b.worker.send({ type: 'done', ms: 5, tensorsLeft: 0 });
    await vi.waitFor(() => expect(b.messages).toHaveLength(2));
    expect(b.messages[0]).toMatchObject({
      type: 'grade',
      result: { pass: false, message: expect.stringMatching(/it has 1 outcomes for 2 test cases/) },
    });
  });
});
