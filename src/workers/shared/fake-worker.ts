/** Test helper: a stand-in for Worker that records what the page posts and lets a test answer. */
export class FakeWorker {
  posted: Array<{ message: unknown; transfer: Transferable[] }> = [];
  terminated = false;
  private listeners: Record<string, Array<(e: unknown) => void>> = {};
  postMessage(message: unknown, transfer: Transferable[] = []): void {
    this.posted.push({ message, transfer });
  }
  terminate(): void {
    this.terminated = true;
  }
  addEventListener(type: string, listener: (e: unknown) => void): void {
    (this.listeners[type] ??= []).push(listener);
  }
  /** The worker sends the page a message. */
  send(data: unknown): void {
    for (const l of this.listeners['message'] ?? []) l({ data });
  }
  /** The worker throws (or its code cannot be loaded). */
  fail(message: string): void {
    for (const l of this.listeners['error'] ?? []) l({ message, preventDefault() {} });
  }
  unreadable(): void {
    for (const l of this.listeners['messageerror'] ?? []) l({});
  }
  asWorker(): Worker {
    return this as unknown as Worker;
  }
}
