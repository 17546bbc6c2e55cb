/**
 * A labelled `<progress>` for downloads (bytes) and training (batches).
 * Markup: a wrapper with data-part="progress" holding a label span
 * (data-part="progress-label") and the `<progress>` element.
 */
export function progressMarkup(label = 'Progress'): string {
  return (
    `<div class="tk-progress" data-part="progress" hidden>` +
    `<span class="tk-progress__label" data-part="progress-label" aria-hidden="true">${label}</span>` +
    `<progress data-part="progress-bar" max="1" value="0" aria-label="${label}"></progress>` +
    `</div>`
  );
}

export class ProgressBar {
  private readonly bar: HTMLProgressElement;
  private readonly label: HTMLElement;

  constructor(readonly element: HTMLElement) {
    const bar = element.querySelector('progress');
    const label = element.querySelector<HTMLElement>('[data-part="progress-label"]');
    if (!bar || !label) throw new Error('Progress markup is incomplete: render it with progressMarkup().');
    this.bar = bar;
    this.label = label;
  }

  /** Show `value` of `max` (max null: indeterminate). */
  show(label: string, value: number, max: number | null): void {
    this.element.hidden = false;
    if (this.label.textContent !== label) {
      this.label.textContent = label;
      this.bar.setAttribute('aria-label', label);
    }
    if (max === null || !(max > 0)) {
      this.bar.removeAttribute('value');
      return;
    }
    this.bar.max = max;
    this.bar.value = Math.min(Math.max(value, 0), max);
  }

  hide(): void {
    this.element.hidden = true;
  }
}
