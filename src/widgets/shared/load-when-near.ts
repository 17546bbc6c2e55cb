/**
 * Loads a widget's element script only when one of its elements comes near the viewport (a screen
 * ahead), or is pointed at or focused first: a lesson with several heavy widgets then ships only the
 * ones near the top with the page (e2e/budget.spec.ts). The markup is already on the page, a figure
 * with its controls, so nothing moves when the script arrives.
 *
 * A click that lands before the element is defined (a fast reader, or a test) is not lost: it is
 * replayed on the same control once the element is ready.
 */
export function loadWhenNear(tag: string, load: () => Promise<unknown>): void {
  const elements = [...document.querySelectorAll<HTMLElement>(tag)];
  if (elements.length === 0) return;
  let started = false;
  const pending: HTMLElement[] = [];

  const onClick = (event: MouseEvent): void => {
    if (customElements.get(tag)) return;
    const control = (event.target as Element | null)?.closest<HTMLElement>('button, a, input, select, summary');
    if (control && !pending.includes(control)) pending.push(control);
    start();
  };
  const start = (): void => {
    if (started) return;
    started = true;
    observer?.disconnect();
    void load().then(async () => {
      await customElements.whenDefined(tag);
      for (const el of elements) el.removeEventListener('click', onClick, true);
      for (const control of pending.splice(0)) if (control.isConnected && control.tagName === 'BUTTON') control.click();
    });
  };

  const observer =
    'IntersectionObserver' in globalThis
      ? new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && start(), { rootMargin: '100% 0px' })
      : null;
  for (const el of elements) {
    observer?.observe(el);
    el.addEventListener('pointerenter', start, { once: true });
    el.addEventListener('focusin', start, { once: true });
    el.addEventListener('click', onClick, true);
  }
  if (!observer) start();
}

/**
 * Resolves once `el` is on screen (any part of it), or is pointed at or focused: for a part of a widget
 * whose code is heavy and worth loading only when the reader looks at it (a widget near the top of a
 * lesson is loaded with the page, its lower parts need not be). Resolves at once without IntersectionObserver.
 */
export function whenVisible(el: Element): Promise<void> {
  if (!('IntersectionObserver' in globalThis)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      observer.disconnect();
      el.removeEventListener('pointerenter', done);
      el.removeEventListener('focusin', done);
      resolve();
    };
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && done());
    observer.observe(el);
    el.addEventListener('pointerenter', done, { once: true });
    el.addEventListener('focusin', done, { once: true });
  });
}
