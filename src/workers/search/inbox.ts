/**
 * The worker's queue of page messages (`trial`, `decision`) for the session to await: a session
 * waits for its next trial, or at a rung for the decision about its trial, and a stop (`close`)
 * wakes it with null. Messages it is not waiting for stay queued, in order.
 */
import type { ToWorker } from './protocol.ts';

export type InboxMessage = Extract<ToWorker, { type: 'trial' } | { type: 'decision' }>;

export class Inbox {
  private readonly queue: InboxMessage[] = [];
  private waiter: { accept: (m: InboxMessage) => boolean; resolve: (m: InboxMessage | null) => void } | null = null;
  private closed = false;

  push(message: InboxMessage): void {
    if (this.closed) return;
    const w = this.waiter;
    if (w && w.accept(message)) {
      this.waiter = null;
      w.resolve(message);
    } else {
      this.queue.push(message);
    }
  }

  /** No more messages: a pending and every later `next` gives null. */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
    const w = this.waiter;
    this.waiter = null;
    w?.resolve(null);
  }

  /** The first queued (or next arriving) message that `accept` takes; null once closed. */
  next<M extends InboxMessage>(accept: (m: InboxMessage) => m is M): Promise<M | null> {
    if (this.closed) return Promise.resolve(null);
    const i = this.queue.findIndex(accept);
    if (i >= 0) return Promise.resolve(this.queue.splice(i, 1)[0] as M);
    return new Promise((resolve) => {
      this.waiter = { accept, resolve: resolve as (m: InboxMessage | null) => void };
    });
  }
}
