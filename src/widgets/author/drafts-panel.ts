/**
 * The drafts panel: the list of drafts kept in this browser (title, when edited, length), with
 * Open and Delete (asked once more before it happens), and "New draft". Saving and opening are
 * the element's; this module draws the list and turns clicks into those calls.
 */
import type { DraftStore } from '../../lib/author/drafts.ts';
import { SAMPLE_DOCUMENT } from '../../lib/author/sample.ts';
import type { Draft, DraftSummary } from '../../lib/author/types.ts';
import { formatCount, plural } from '../../lib/format/numbers.ts';
import type { AuthorUi } from './ui.ts';

/** What the panel needs of the element. */
export interface DraftsHost {
  readonly store: DraftStore | null;
  readonly currentId: string | null;
  saveNow(): void;
  newDraft(text: string): Draft | null;
  openDraft(id: string, saveFirst?: boolean): void;
  /** The open draft was deleted: its unsaved changes are gone with it. */
  dropChanges(): void;
  focusEditor(): void;
}

/** "just now", "2 minutes ago", "yesterday"… */
export function timeAgo(then: number, now = Date.now()): string {
  const seconds = Math.round((then - now) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  const steps: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['minute', 60],
    ['hour', 3600],
    ['day', 86400],
    ['week', 604800],
    ['month', 2629800],
    ['year', 31557600],
  ];
  let unit: Intl.RelativeTimeFormatUnit = 'minute';
  let size = 60;
  for (const [u, s] of steps) {
    if (Math.abs(seconds) < s) break;
    unit = u;
    size = s;
  }
  return rtf.format(Math.round(seconds / size), unit);
}

export class DraftsPanel {
  private pendingDelete: string | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly ui: AuthorUi,
    private readonly host: DraftsHost,
  ) {}

  wire(): void {
    const panel = this.ui.get<HTMLDetailsElement>('drafts');
    panel.addEventListener('toggle', () => {
      if (panel.open) this.refresh(true);
    });
    this.ui.get('new-draft').addEventListener('click', () => {
      if (!this.host.store) return;
      this.host.saveNow();
      const draft = this.host.newDraft(SAMPLE_DOCUMENT);
      if (draft) this.host.openDraft(draft.id, false);
      this.ui.sayClear('file-status', 'Started a new draft from the sample document.');
    });
    this.ui.get('draft-list').addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-action]');
      const id = button?.closest<HTMLElement>('[data-draft]')?.dataset.draft;
      if (!button || !id) return;
      this.action(button.dataset.action ?? '', id);
    });
  }

  private action(action: string, id: string): void {
    const store = this.host.store;
    if (!store) return;
    if (action === 'open') {
      this.host.openDraft(id);
      this.host.focusEditor();
    } else if (action === 'delete') {
      this.pendingDelete = id;
      this.refresh(true);
      this.root.querySelector<HTMLButtonElement>(`[data-draft="${CSS.escape(id)}"] button[data-action="confirm-delete"]`)?.focus();
    } else if (action === 'keep') {
      this.pendingDelete = null;
      this.refresh(true);
      this.root.querySelector<HTMLButtonElement>(`[data-draft="${CSS.escape(id)}"] button[data-action="delete"]`)?.focus();
    } else if (action === 'confirm-delete') {
      const title = store.list().find((d) => d.id === id)?.title ?? 'the draft';
      this.pendingDelete = null;
      store.remove(id);
      if (id === this.host.currentId) {
        this.host.dropChanges();
        const next = store.list()[0];
        const id = next?.id ?? this.host.newDraft(SAMPLE_DOCUMENT)?.id;
        if (id) this.host.openDraft(id, false);
      }
      this.refresh(true);
      this.ui.sayClear('file-status', `Deleted “${title}”.`);
      this.ui.get('new-draft').focus();
    }
  }

  /** Redraws the drafts list (when the panel is open; `force` even when focus is inside it). */
  refresh(force: boolean): void {
    const panel = this.ui.get<HTMLDetailsElement>('drafts');
    const list = this.ui.get('draft-list');
    const store = this.host.store;
    if (!store || !panel.open) return;
    if (!force && list.contains(document.activeElement)) return;
    const drafts = store.list();
    this.ui.get('draft-count').textContent = `(${formatCount(drafts.length)})`;
    list.replaceChildren(...drafts.map((d) => this.item(d)));
  }

  private item(d: DraftSummary): HTMLLIElement {
    const li = document.createElement('li');
    li.className = 'author-draft';
    li.dataset.draft = d.id;
    const info = document.createElement('div');
    info.className = 'author-draft__info';
    const title = document.createElement('span');
    title.className = 'author-draft__title';
    title.textContent = d.title;
    const meta = document.createElement('span');
    meta.className = 'author-draft__meta';
    const current = d.id === this.host.currentId ? 'open now · ' : '';
    meta.textContent = `${current}edited ${timeAgo(d.updatedAt)} · ${plural(d.length, 'character')}`;
    info.append(title, meta);
    const actions = document.createElement('div');
    actions.className = 'author-draft__actions';
    const button = (action: string, text: string, label: string, primary = false) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = primary ? 'tk-button tk-button--primary' : 'tk-button';
      b.dataset.action = action;
      b.textContent = text;
      b.setAttribute('aria-label', label);
      return b;
    };
    if (this.pendingDelete === d.id) {
      const ask = document.createElement('span');
      ask.className = 'author-draft__ask';
      ask.textContent = 'Delete this draft? This cannot be undone.';
      actions.append(ask, button('confirm-delete', 'Delete', `Yes, delete “${d.title}”`, true), button('keep', 'Keep', `Keep “${d.title}”`));
    } else {
      const open = button('open', 'Open', `Open “${d.title}”`);
      open.disabled = d.id === this.host.currentId;
      actions.append(open, button('delete', 'Delete', `Delete “${d.title}”`));
    }
    li.append(info, actions);
    return li;
  }
}
