import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { onMessages, serveSessions, workerScope, type SessionControl } from './worker-entry.ts';

/** A stand-in for the worker's global scope: what it posted, and a way to send it messages. */
function fakeScope() {
  const posted: Array<{ message: unknown; transfer: Transferable[] }> = [];
  const listeners: Array<(event: MessageEvent) => void> = [];
  vi.stubGlobal('postMessage', (message: unknown, transfer: Transferable[]) => posted.push({ message, transfer }));
  vi.stubGlobal('addEventListener', (type: string, listener: (event: MessageEvent) => void) => {
    if (type === 'message') listeners.push(listener);
  });
  const send = (data: unknown, ports: MessagePort[] = []): void => {
    for (const l of listeners) l({ data, ports } as unknown as MessageEvent);
  };
  return { posted, send, listeners };
}

type Start = { type: 'start'; n: number };
type Out = { type: 'done'; stopped: boolean } | { type: 'error'; message: string } | { type: 'tick' };

describe('worker entry', () => {
  let scope: ReturnType<typeof fakeScope>;
  beforeEach(() => {
    scope = fakeScope();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('workerScope posts with an empty transfer list unless given one', () => {
    const s = workerScope<Out>();
    const buffer = new ArrayBuffer(4);
    s.post({ type: 'tick' });
    s.post({ type: 'tick' }, [buffer]);
    expect(scope.posted).toEqual([
      { message: { type: 'tick' }, transfer: [] },
      { message: { type: 'tick' }, transfer: [buffer] },
    ]);
  });

  it('onMessages dispatches by type and ignores unknown or malformed messages', () => {
    const seen: string[] = [];
    onMessages<{ type: 'a'; x: number } | { type: 'b' }>({ a: (m) => seen.push(`a${m.x}`), b: () => seen.push('b') });
    scope.send({ type: 'a', x: 1 });
    scope.send({ type: 'b' });
    scope.send({ type: 'toString' });
    scope.send({ type: 'c' });
    scope.send(null);
    scope.send('a');
    expect(seen).toEqual(['a1', 'b']);
  });

  it('onMessages hands the event over (for its ports)', () => {
    const { port1 } = new MessageChannel();
    let got: MessagePort | undefined;
    onMessages<{ type: 'run' }>({ run: (_m, event) => (got = event.ports[0]) });
    scope.send({ type: 'run' }, [port1]);
    expect(got).toBe(port1);
    port1.close();
  });

  describe('serveSessions', () => {
    function serve(run: (start: Start, post: (m: Out) => void, control: SessionControl) => Promise<void>, more = {}) {
      return serveSessions<Start, Out>({
        run,
        busy: { type: 'error', message: 'busy' },
        failed: (text) => ({ type: 'error', message: `failed: ${text}` }),
        more,
      });
    }

    it('runs a session per start, one at a time, answering a start during a run with busy', async () => {
      let finish = (): void => {};
      const starts: number[] = [];
      serve((start, post) => {
        starts.push(start.n);
        return new Promise<void>((resolve) => {
          finish = () => {
            post({ type: 'done', stopped: false });
            resolve();
          };
        });
      });
      scope.send({ type: 'start', n: 1 });
      scope.send({ type: 'start', n: 2 });
      expect(starts).toEqual([1]);
      expect(scope.posted.map((p) => p.message)).toEqual([{ type: 'error', message: 'busy' }]);
      finish();
      await new Promise((r) => setTimeout(r, 0));
      scope.send({ type: 'start', n: 3 });
      expect(starts).toEqual([1, 3]);
    });

    it('stop sets the flag the session polls and aborts its signal; the next start gets fresh ones', async () => {
      const controls: SessionControl[] = [];
      serve(async (_start, post, control) => {
        controls.push(control);
        await new Promise((r) => setTimeout(r, 0));
        post({ type: 'done', stopped: control.stopped() });
      });
      scope.send({ type: 'start', n: 1 });
      expect(controls[0]!.stopped()).toBe(false);
      scope.send({ type: 'stop' });
      expect(controls[0]!.stopped()).toBe(true);
      expect(controls[0]!.signal.aborted).toBe(true);
      await new Promise((r) => setTimeout(r, 5));
      expect(scope.posted.at(-1)?.message).toEqual({ type: 'done', stopped: true });
      scope.send({ type: 'start', n: 2 });
      expect(controls[1]!.stopped()).toBe(false);
      expect(controls[1]!.signal.aborted).toBe(false);
      await new Promise((r) => setTimeout(r, 5)); // let it end before the next test
    });

    it('a session that throws ends with the protocol error, its text from errorText', async () => {
      serve(async () => {
        throw new Error('out of paper', { cause: new Error('tray empty') });
      });
      scope.send({ type: 'start', n: 1 });
      await new Promise((r) => setTimeout(r, 0));
      expect(scope.posted.map((p) => p.message)).toEqual([{ type: 'error', message: 'failed: out of paper (tray empty)' }]);
      // and the worker takes a new start afterwards
      scope.send({ type: 'start', n: 2 });
      await new Promise((r) => setTimeout(r, 0));
      expect(scope.posted).toHaveLength(2);
    });

    it('routes the protocol’s other messages to `more`', () => {
      const seen: string[] = [];
      serve(async () => {}, { 'debug-lose-context': () => seen.push('lose') });
      scope.send({ type: 'debug-lose-context' });
      expect(seen).toEqual(['lose']);
    });
  });
});
