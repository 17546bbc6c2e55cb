/**
 * Narrow screens: Edit / Preview tabs (arrow keys, Home and End move between them). Wide
 * screens: two labelled regions side by side. The element's `data-layout` says which.
 */
import type { AuthorUi } from './ui.ts';

/** Below this width the editor and the preview are tabs (keep in step with author.css). */
const NARROW_QUERY = '(max-width: 59.99rem)';

export type AuthorTab = 'edit' | 'preview';

export class AuthorTabs {
  private narrow: MediaQueryList | null = null;

  /** `onShow` runs after a tab is shown on a narrow screen. */
  constructor(
    private readonly root: HTMLElement,
    private readonly ui: AuthorUi,
    private readonly onShow: (which: AuthorTab) => void,
  ) {}

  /** Wires the tab buttons and the width query; returns the cleanup. */
  wire(): () => void {
    const tabs = Array.from(this.root.querySelectorAll<HTMLButtonElement>('[role="tab"]'));
    for (const tab of tabs) {
      tab.addEventListener('click', () => this.show(tab.dataset.tab === 'preview' ? 'preview' : 'edit'));
      tab.addEventListener('keydown', (event) => {
        const i = tabs.indexOf(tab);
        let next: HTMLButtonElement | undefined;
        if (event.key === 'ArrowRight' || event.key === 'ArrowDown') next = tabs[(i + 1) % tabs.length];
        else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') next = tabs[(i - 1 + tabs.length) % tabs.length];
        else if (event.key === 'Home') next = tabs[0];
        else if (event.key === 'End') next = tabs[tabs.length - 1];
        if (!next) return;
        event.preventDefault();
        this.show(next.dataset.tab === 'preview' ? 'preview' : 'edit');
        next.focus();
      });
    }
    this.narrow = window.matchMedia(NARROW_QUERY);
    const onChange = () => this.layout();
    this.narrow.addEventListener('change', onChange);
    this.layout();
    return () => this.narrow?.removeEventListener('change', onChange);
  }

  /** True when the page shows tabs. */
  isNarrow(): boolean {
    return this.narrow?.matches ?? false;
  }

  /** Wide: two labelled regions side by side. Narrow: a tab list and two tab panels. */
  private layout(): void {
    const narrow = this.isNarrow();
    this.root.dataset.layout = narrow ? 'tabs' : 'split';
    const panes = [this.ui.get('editor-pane'), this.ui.get('preview-pane')];
    for (const pane of panes) {
      if (narrow) {
        pane.setAttribute('role', 'tabpanel');
        pane.setAttribute('aria-labelledby', pane.dataset.tabLabel ?? '');
        pane.removeAttribute('aria-label');
      } else {
        pane.removeAttribute('role');
        pane.removeAttribute('aria-labelledby');
        pane.setAttribute('aria-label', pane.dataset.regionLabel ?? '');
        pane.hidden = false;
      }
    }
    if (narrow) this.show(this.root.dataset.tab === 'preview' ? 'preview' : 'edit');
  }

  show(which: AuthorTab): void {
    this.root.dataset.tab = which;
    if (!this.isNarrow()) return;
    for (const tab of this.root.querySelectorAll<HTMLButtonElement>('[role="tab"]')) {
      const selected = tab.dataset.tab === which;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    this.ui.get('editor-pane').hidden = which !== 'edit';
    this.ui.get('preview-pane').hidden = which !== 'preview';
    this.onShow(which);
  }
}
