/**
 * The one way a worker entry (src/workers/<name>/worker.ts) talks to its page:
 *
 * - `workerScope<Out>()`: the typed `postMessage` of the worker (the webworker lib clashes with
 *   the DOM lib, so the global scope is narrowed to the two methods we use);
 * - `onMessages(handlers)`: dispatch of the page's messages by `type` (unknown types are ignored);
 * - `serveSessions(...)`: the start/stop pattern of the training workers: one session at a time,
 *   `stop` sets the flag the session polls and aborts its downloads, a `start` during a run is
 *   answered with the protocol's "busy" error, and a session that throws ends with the protocol's
 *   error message (its text from errorText), so the page always gets `done` or `error`.
 */
import { errorText } from '../../lib/format/error-text.ts';

export interface WorkerScope<Out> {
  post(message: Out, transfer?: Transferable[]): void;
}

interface RawScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

const raw = (): RawScope => globalThis as unknown as RawScope;

export function workerScope<Out>(): WorkerScope<Out> {
  const scope = raw();
  return { post: (message, transfer = []) => scope.postMessage(message, transfer) };
}

export type Handlers<In extends { type: string }> = {
  [K in In['type']]?: (message: Extract<In, { type: K }>, event: MessageEvent<In>) => void;
};

/** Routes each message from the page to the handler of its `type`. */
export function onMessages<In extends { type: string }>(handlers: Handlers<In>): void {
  raw().addEventListener('message', (event: MessageEvent<In>) => {
    const type = (event.data as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !Object.hasOwn(handlers, type)) return;
    const handler = handlers[type as In['type']] as ((m: In, e: MessageEvent<In>) => void) | undefined;
    handler?.(event.data, event);
  });
}

export interface SessionControl {
  /** True once the page asked to stop. */
  stopped(): boolean;
  /** Aborted when the page asks to stop (cancels downloads). */
  signal: AbortSignal;
}

export interface SessionEntry<Start extends { type: 'start' }, Out> {
  /** Runs one session to its end, posting its messages (ending with `done` or `error`). */
  run(start: Start, post: WorkerScope<Out>['post'], control: SessionControl): Promise<void>;
  /** The protocol's answer to a `start` while a session is running. */
  busy: Out;
  /** The protocol's error message for a session that threw (`text` from errorText). */
  failed(text: string): Out;
  /** Other message types of the protocol (e.g. a test hook). */
  more?: Handlers<{ type: string } & Record<string, unknown>>;
}

/** One session at a time, started by `start`, stopped by `stop`. Returns the scope for extra posts. */
export function serveSessions<Start extends { type: 'start' }, Out>(entry: SessionEntry<Start, Out>): WorkerScope<Out> {
  const scope = workerScope<Out>();
  let running = false;
  let stopRequested = false;
  let abort = new AbortController();
  onMessages<Start | { type: 'stop' }>({
    ...(entry.more as object),
    start: (message: Start) => {
      if (running) {
        scope.post(entry.busy);
        return;
      }
      running = true;
      stopRequested = false;
      abort = new AbortController();
      const control: SessionControl = { stopped: () => stopRequested, signal: abort.signal };
      entry
        .run(message, scope.post, control)
        .catch((err: unknown) => scope.post(entry.failed(errorText(err))))
        .finally(() => {
          running = false;
        });
    },
    stop: () => {
      stopRequested = true;
      abort.abort();
    },
  } as Handlers<Start | { type: 'stop' }>);
  return scope;
}
