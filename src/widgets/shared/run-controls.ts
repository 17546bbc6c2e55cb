import { escapeHtml } from '../../lib/format/html.ts';

/**
 * Markup of a trainer's run row and status line (rendered at build time): Start and Stop with the
 * data-part names RunControls and TrainerLifecycle look for, any `extraButtons` after them, then the
 * `role="status"` line holding `idleStatus` until a run begins. `startLabel` names what Start begins (a search, an attack).
 */
export function runControlsMarkup(idleStatus: string, extraButtons = '', startLabel = 'Start training'): string {
  return `<div class="tk-actions">
<button type="button" class="tk-button tk-button--primary" data-part="start">${escapeHtml(startLabel)}</button>
<button type="button" class="tk-button" data-part="stop" disabled>Stop</button>
${extraButtons}</div>
<p class="tk-status" role="status" aria-live="polite" data-part="status">${escapeHtml(idleStatus)}</p>`;
}

/**
 * The settings, Start and Stop controls of a trainer widget, and where the keyboard focus goes
 * as a run begins and ends: a reader who pressed Start lands on Stop, and one who pressed Stop
 * lands back on Start once it can be used again (a disabled button cannot hold focus).
 */
export class RunControls {
  private refocusStart = false;

  constructor(
    readonly settings: HTMLFieldSetElement,
    readonly start: HTMLButtonElement,
    readonly stop: HTMLButtonElement,
  ) {}

  /** A run begins: settings and Start are disabled, Stop enabled. Focus moves to Stop if it was on Start, or when `focusStop`. */
  busy(focusStop = false): void {
    const startHadFocus = document.activeElement === this.start;
    this.settings.disabled = true;
    this.start.disabled = true;
    this.stop.disabled = false;
    if (startHadFocus || focusStop) this.stop.focus();
  }

  /** Stop was pressed and the run is winding down: Stop is disabled; Start gets the focus when `idle()` comes. */
  stopping(): void {
    this.refocusStart = document.activeElement === this.stop;
    this.stop.disabled = true;
  }

  /** The run is over: settings and Start are enabled again, Stop disabled, and focus goes back to Start if it was on Stop. */
  idle(): void {
    const refocus = document.activeElement === this.stop || this.refocusStart;
    this.refocusStart = false;
    this.settings.disabled = false;
    this.start.disabled = false;
    this.stop.disabled = true;
    if (refocus) this.start.focus();
  }
}
