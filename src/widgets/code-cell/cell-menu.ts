/**
 * The code cell's "More" menu: a disclosure button (aria-expanded, aria-controls) and the panel it
 * opens, holding the secondary actions (reset, solution, share) and, in cells that use
 * TensorFlow.js, the settings. A panel with ordinary buttons and a select, not an ARIA menu: Tab
 * moves through it as through the page.
 *
 * Escape closes it and puts focus back on the button; so does choosing an action (before the
 * action runs, so a question it asks returns focus to the button). A click or focus elsewhere
 * closes it quietly.
 */

export interface CellMenu {
  open(): void;
  close(returnFocus?: boolean): void;
  readonly isOpen: boolean;
}

/** `signal` removes the listener on the document (for the outside click) when the cell goes. */
export function wireMenu(toggle: HTMLButtonElement, panel: HTMLElement, signal?: AbortSignal): CellMenu {
  const root = toggle.parentElement ?? panel;
  const setOpen = (open: boolean) => {
    toggle.setAttribute('aria-expanded', String(open));
    panel.hidden = !open;
  };
  const menu: CellMenu = {
    open: () => setOpen(true),
    close(returnFocus = false) {
      if (panel.hidden) return;
      setOpen(false);
      if (returnFocus) toggle.focus();
    },
    get isOpen() {
      return !panel.hidden;
    },
  };
  setOpen(false);

  toggle.addEventListener('click', () => (menu.isOpen ? menu.close() : menu.open()));
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && menu.isOpen) {
      event.stopPropagation();
      menu.close(true);
    }
  });
  // An action closes the menu first (focus on the toggle), then runs (its own listener).
  panel.addEventListener(
    'click',
    (event) => {
      if ((event.target as Element).closest('button')) menu.close(true);
    },
    { capture: true },
  );
  document.addEventListener(
    'pointerdown',
    (event) => {
      if (menu.isOpen && !root.contains(event.target as Node)) menu.close();
    },
    signal ? { signal } : undefined,
  );
  root.addEventListener('focusout', (event) => {
    const next = event.relatedTarget as Node | null;
    if (menu.isOpen && next && !root.contains(next)) menu.close();
  });
  return menu;
}
