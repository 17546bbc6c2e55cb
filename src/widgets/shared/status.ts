/**
 * The `role="status"` line every widget has. Screen readers announce its changes
 * politely, so frequent updates (one per batch) are thinned out: `update` keeps at
 * most one change per `minIntervalMs`, `announce` always shows the text at once.
 * Timing uses timestamps only; no timers are left behind.
 */
export class StatusLine {
  private lastChange = -Infinity;

  constructor(
    readonly element: HTMLElement,
    private readonly minIntervalMs = 1000,
  ) {
    element.setAttribute('role', 'status');
    element.setAttribute('aria-live', 'polite');
  }

  get text(): string {
    return this.element.textContent ?? '';
  }

  /** Show `text` now: state changes and final results. */
  announce(text: string): void {
    this.lastChange = performance.now();
    if (this.element.textContent !== text) this.element.textContent = text;
  }

  /** Show `text` unless the line changed less than `minIntervalMs` ago. Returns whether it was shown. */
  update(text: string): boolean {
    const now = performance.now();
    if (now - this.lastChange < this.minIntervalMs) return false;
    this.announce(text);
    return true;
  }
}
