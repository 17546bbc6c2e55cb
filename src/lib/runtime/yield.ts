/**
 * The one "yield to the event loop" of the project: lets queued messages (a `stop`, a page's
 * input) through between two slices of work. A MessageChannel round trip, because a nested
 * setTimeout(0) is clamped to 4 ms, which would cost a training loop up to 4 ms per batch;
 * setTimeout(0) where there is no MessageChannel. One channel serves every caller, in order.
 */
type Port = MessagePort & { unref?: () => void };

let channel: { port1: Port; port2: Port } | null = null;
const waiting: Array<() => void> = [];

function openChannel(): { port1: Port; port2: Port } {
  const c = new MessageChannel() as unknown as { port1: Port; port2: Port };
  c.port1.onmessage = () => waiting.shift()?.();
  // In Node an open port keeps the process alive; the channel must not.
  c.port1.unref?.();
  c.port2.unref?.();
  return c;
}

export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  channel ??= openChannel();
  const c = channel;
  return new Promise((resolve) => {
    waiting.push(resolve);
    c.port2.postMessage(null);
  });
}

/**
 * Pause until the next timer task, so the browser can paint between two slices of main-thread work
 * (a widget that trains on the page). Slower than yieldToEventLoop (a nested setTimeout is clamped
 * to 4 ms), but a MessageChannel message may run before the browser renders, and this need not.
 */
export function pauseForPaint(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
