/**
 * <tk-author>: the /author page's live lesson editor. src/pages/author.astro renders all of its
 * markup; this element wires it. Everything it computes comes from src/lib/author:
 *
 *  - the editor (md-editor.ts: CodeMirror with Markdown, search, the formatting shortcuts of
 *    format.ts and the document's problems at their lines);
 *  - the preview: `createPreviewRenderer` renders the text, debounced (150 ms after typing stops,
 *    at least every 400 ms while typing on); KeyedBlocks (preview-dom.ts) puts only the changed
 *    blocks in the DOM; a problems list, and a role="status" line summing it up;
 *  - Shiki (highlight.ts) is loaded after the first render, then the preview re-renders with it;
 *  - scroll sync both ways (scroll-sync.ts), guarded against feedback;
 *  - drafts: autosave (500 ms after typing, and when the page is hidden) with DraftStore on
 *    localStorage, or in memory with a warning when the browser refuses storage; the drafts panel;
 *  - import (.md/.mdx, file input or drop on the editor: always a new draft) and export (.mdx);
 *  - on a narrow screen, Edit / Preview tabs.
 *
 * `data-state`: loading | ready | error; `data-preview`: pending (an update is due) | current | failed. Nothing here throws to the console: a failure is said in
 * words in a status line, and the author's text is never lost.
 */
import { DraftStore } from '../../lib/author/drafts.ts';
import { exportDraft, exportFileName, exportProblems, exportProblemText, exportStatus, readImportedFile } from '../../lib/author/export.ts';
import { applyFormat, FORMAT_COMMANDS, type FormatCommand } from '../../lib/author/format.ts';
import { createPreviewRenderer } from '../../lib/author/render.ts';
import { SAMPLE_DOCUMENT } from '../../lib/author/sample.ts';
import { lineForPreviewTop, previewTopForLine, type ScrollAnchor } from '../../lib/author/scroll-sync.ts';
import type { AuthorDiagnostic, Draft, DraftSummary, PreviewRenderer, PreviewResult, RenderedBlock } from '../../lib/author/types.ts';
import { url } from '../../lib/content/url.ts';
import { errorText } from '../../lib/format/error-text.ts';
import { formatCount, plural } from '../../lib/format/numbers.ts';
import { MemoryStorage } from '../../lib/progress/memory-storage.ts';
import { browserStorage, downloadText } from '../shared/browser-storage.ts';
import { createMarkdownEditor, type EditorShortcut, type MarkdownEditor } from './md-editor.ts';
import { guardedNodes, KeyedBlocks, refusalOf } from './preview-dom.ts';
import { isMac, shortcutText } from './shortcuts.ts';

/** Preview debounce: after the last keystroke, and at most this long while typing on. */
const RENDER_DELAY_MS = 150;
const RENDER_MAX_WAIT_MS = 400;
const SAVE_DELAY_MS = 500;
/** Below this width the editor and the preview are tabs (keep in step with author.css). */
const NARROW_QUERY = '(max-width: 59.99rem)';


/** "just now", "2 minutes ago", "yesterday"… */
function timeAgo(then: number, now = Date.now()): string {
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


class TkAuthor extends HTMLElement {
  private editor: MarkdownEditor | null = null;
  private renderer: PreviewRenderer | null = null;
  private store: DraftStore | null = null;
  private blocks: KeyedBlocks | null = null;
  private readonly headTemplate = document.createElement('template');
  private currentId: string | null = null;

  private renderTimer: ReturnType<typeof setTimeout> | undefined;
  private firstPendingAt: number | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private dirty = false;
  private lastHead = '';
  private lastBlocks: readonly RenderedBlock[] = [];
  private lastResult: PreviewResult | null = null;

  private anchors: ScrollAnchor[] | null = null;
  /** scrollTop values we set ourselves, so the resulting scroll events are not echoed back. */
  private expectedScroll: { editor: number | null; preview: number | null } = { editor: null, preview: null };
  private syncFrame = 0;
  private narrow: MediaQueryList | null = null;
  private pendingDelete: string | null = null;
  private readonly cleanups: Array<() => void> = [];

  connectedCallback(): void {
    if (this.editor) return;
    try {
      this.start();
      this.dataset.state = 'ready';
    } catch (error) {
      this.dataset.state = 'error';
      this.say('status', `The editor could not start: ${errorText(error)}. Reload the page; your drafts are kept in this browser.`);
    }
  }

  disconnectedCallback(): void {
    this.saveNow();
    clearTimeout(this.renderTimer);
    clearTimeout(this.saveTimer);
    cancelAnimationFrame(this.syncFrame);
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.editor?.destroy();
    this.editor = null;
  }

  // ---------- Start ----------

  private start(): void {
    // Storage, with a visible warning when it is unavailable.
    const { storage } = browserStorage();
    this.ui('storage-warning').hidden = storage !== null;
    this.store = new DraftStore(storage ?? new MemoryStorage());

    // The draft to open: the last one, else a new one from the sample document.
    const lastId = this.store.lastOpenId();
    const last = lastId ? this.store.load(lastId) : null;
    const draft = last ?? this.newDraft(SAMPLE_DOCUMENT);
    if (!draft) throw new Error('no draft could be made');
    this.currentId = draft.id;
    this.store.setLastOpen(draft.id);

    this.renderer = createPreviewRenderer({ siteUrl: (path) => url(path) });
    this.blocks = new KeyedBlocks(this.ui('body'));

    const mac = isMac();
    const shortcuts: EditorShortcut[] = FORMAT_COMMANDS.map((c) => ({ key: c.key, run: () => this.format(c.command) }));
    this.editor = createMarkdownEditor(this.ui('editor'), {
      doc: draft.text,
      label: 'Lesson source (Markdown and LaTeX)',
      describedBy: 'author-editor-help',
      shortcuts,
      onChange: () => this.changed(),
      onDropFiles: (files) => void this.importFiles(files),
      onScroll: () => this.editorScrolled(),
    });

    this.wireToolbar(mac);
    this.wireDrafts();
    this.wireFiles();
    this.wireTabs();
    this.wireScrollSync();
    this.wireProblems();

    const flush = () => this.saveNow();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') this.saveNow();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    this.cleanups.push(() => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
    });

    if (!this.dirty) this.sayClear('save-status', this.savedText());
    this.renderNow();
    void this.loadHighlighting();
  }

  /** Shiki, once: a failure leaves plain code blocks (the preview says nothing about it). */
  private async loadHighlighting(): Promise<void> {
    try {
      const { loadHighlighter } = await import('./highlight.ts');
      const highlight = await loadHighlighter();
      if (!this.renderer || !this.editor) return;
      this.renderer.setHighlighter(highlight);
      this.renderNow();
    } catch {
      // Plain <pre><code> blocks stay; the text is all there.
    }
  }

  // ---------- Editing and rendering ----------

  private changed(): void {
    this.dirty = true;
    this.sayClear('save-status', 'Saving…');
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveNow(), SAVE_DELAY_MS);
    this.scheduleRender();
  }

  private scheduleRender(): void {
    const now = performance.now();
    this.firstPendingAt ??= now;
    this.dataset.preview = 'pending';
    clearTimeout(this.renderTimer);
    const delay = Math.max(0, Math.min(RENDER_DELAY_MS, this.firstPendingAt + RENDER_MAX_WAIT_MS - now));
    this.renderTimer = setTimeout(() => this.renderNow(), delay);
  }

  private renderNow(): void {
    clearTimeout(this.renderTimer);
    this.firstPendingAt = null;
    const editor = this.editor;
    const renderer = this.renderer;
    const blocks = this.blocks;
    if (!editor || !renderer || !blocks) return;
    try {
      const result = renderer.render(editor.getText());
      if (result.headHtml !== this.lastHead) {
        this.ui('head').replaceChildren(...guardedNodes(this.headTemplate, result.headHtml));
        this.lastHead = result.headHtml;
      }
      blocks.apply(result.blocks);
      this.lastBlocks = result.blocks;
      this.lastResult = result;
      this.anchors = null;
      editor.showDiagnostics(result.diagnostics);
      this.showProblems(result.diagnostics);
      const { stats } = result;
      const problems = result.diagnostics.length;
      const refused = this.ui('body').querySelectorAll('[data-refused]').length + this.ui('head').querySelectorAll('[data-refused]').length;
      this.sayClear(
        'status',
        [
          'Preview up to date',
          plural(stats.words, 'word'),
          plural(stats.formulas, 'formula'),
          problems === 0 ? 'no problems' : plural(problems, 'problem'),
          ...(refused > 0 ? [`${plural(refused, 'block')} not shown by the page's safety check`] : []),
          `rendered in ${Math.max(0, Math.round(stats.ms))} ms`,
        ].join(' · '),
      );
      this.dataset.state = 'ready';
      this.dataset.preview = 'current';
    } catch (error) {
      this.dataset.preview = 'failed';
      this.say('status', `The preview could not be updated: ${errorText(error)}. Your text is safe in the editor; keep editing or reload the page.`);
    }
  }

  /** Toolbar button or shortcut: one formatting edit as one undoable transaction. */
  private format(command: FormatCommand): boolean {
    const view = this.editor?.view;
    if (!view) return false;
    const { from, to } = view.state.selection.main;
    const edit = applyFormat(command, view.state.doc.toString(), { from, to });
    view.dispatch({
      changes: edit.changes,
      selection: { anchor: edit.selection.from, head: edit.selection.to },
      scrollIntoView: true,
      userEvent: 'input.format',
    });
    view.focus();
    return true;
  }

  // ---------- Problems ----------

  private showProblems(diagnostics: readonly AuthorDiagnostic[]): void {
    const box = this.ui('problems');
    const list = this.ui('problem-list');
    const title = this.ui('problems-title');
    box.hidden = diagnostics.length === 0;
    title.textContent = diagnostics.length === 0 ? 'No problems' : plural(diagnostics.length, 'problem');
    const items = diagnostics.map((d) => {
      const li = document.createElement('li');
      li.className = `author-issue author-issue--${d.severity}`;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'author-issue__button';
      button.dataset.line = String(d.line);
      const where = document.createElement('span');
      where.className = 'author-issue__line';
      where.textContent = `${d.severity === 'error' ? 'Error' : 'Warning'}, line ${d.line}`;
      button.append(where, document.createTextNode(` ${d.field ? `${d.field}: ` : ''}${d.message}`));
      li.append(button);
      return li;
    });
    list.replaceChildren(...items);
  }

  private wireProblems(): void {
    this.ui('problem-list').addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLElement>('button[data-line]');
      if (!button) return;
      this.showTab('edit');
      this.editor?.revealLine(Number(button.dataset.line));
    });
  }

  // ---------- Toolbar ----------

  private wireToolbar(mac: boolean): void {
    for (const button of this.querySelectorAll<HTMLButtonElement>('button[data-command]')) {
      const command = FORMAT_COMMANDS.find((c) => c.command === button.dataset.command);
      if (!command) continue;
      if (mac) {
        const text = shortcutText(command.key, true);
        button.title = `${command.label} (${text.label})`;
        button.setAttribute('aria-keyshortcuts', text.aria);
      }
      button.addEventListener('click', () => this.format(command.command));
    }
    const help = this.ui('editor-help');
    if (mac) help.textContent = help.textContent?.replace(/Ctrl\+/g, '⌘') ?? '';
  }

  // ---------- Drafts ----------

  /** Saves the open draft if it changed; says how it went. */
  private saveNow(): void {
    clearTimeout(this.saveTimer);
    if (!this.dirty || !this.store || !this.editor || !this.currentId) return;
    try {
      const result = this.store.save(this.currentId, this.editor.getText());
      if (result.ok) {
        this.dirty = false;
        this.sayClear('save-status', this.savedText());
        this.refreshDraftList(false);
      } else {
        this.say('save-status', result.message);
      }
    } catch (error) {
      this.say('save-status', `Could not save the draft: ${errorText(error)}. Export it to keep a copy.`);
    }
  }

  private wireDrafts(): void {
    const panel = this.ui<HTMLDetailsElement>('drafts');
    panel.addEventListener('toggle', () => {
      if (panel.open) this.refreshDraftList(true);
    });
    this.ui('new-draft').addEventListener('click', () => {
      if (!this.store) return;
      this.saveNow();
      const draft = this.newDraft(SAMPLE_DOCUMENT);
      if (draft) this.openDraft(draft.id, false);
      this.sayClear('file-status', 'Started a new draft from the sample document.');
    });
    this.ui('draft-list').addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-action]');
      const id = button?.closest<HTMLElement>('[data-draft]')?.dataset.draft;
      if (!button || !id) return;
      this.draftAction(button.dataset.action ?? '', id);
    });
  }

  private draftAction(action: string, id: string): void {
    if (!this.store) return;
    if (action === 'open') {
      this.openDraft(id);
      this.editor?.view.focus();
    } else if (action === 'delete') {
      this.pendingDelete = id;
      this.refreshDraftList(true);
      this.querySelector<HTMLButtonElement>(`[data-draft="${CSS.escape(id)}"] button[data-action="confirm-delete"]`)?.focus();
    } else if (action === 'keep') {
      this.pendingDelete = null;
      this.refreshDraftList(true);
      this.querySelector<HTMLButtonElement>(`[data-draft="${CSS.escape(id)}"] button[data-action="delete"]`)?.focus();
    } else if (action === 'confirm-delete') {
      const title = this.store.list().find((d) => d.id === id)?.title ?? 'the draft';
      this.pendingDelete = null;
      this.store.remove(id);
      if (id === this.currentId) {
        this.dirty = false;
        const next = this.store.list()[0];
        const id = next?.id ?? this.newDraft(SAMPLE_DOCUMENT)?.id;
        if (id) this.openDraft(id, false);
      }
      this.refreshDraftList(true);
      this.sayClear('file-status', `Deleted “${title}”.`);
      this.ui('new-draft').focus();
    }
  }

  /** Makes a new draft; when it cannot be stored it still exists in memory (the save status says why). */
  private newDraft(text: string): Draft | null {
    if (!this.store) return null;
    const result = this.store.create(text);
    if (!result.ok) {
      this.say('save-status', result.message);
      this.dirty = true; // the next save tries again
    }
    return result.draft;
  }

  /** Opens draft `id` in the editor (saving the open one first). */
  private openDraft(id: string, saveFirst = true): void {
    if (!this.store || !this.editor) return;
    if (saveFirst) this.saveNow();
    const draft = this.store.load(id);
    if (!draft) {
      this.say('file-status', 'That draft is no longer in this browser’s storage (deleted in another tab?).');
      this.refreshDraftList(true);
      return;
    }
    this.currentId = draft.id;
    this.store.setLastOpen(draft.id);
    this.editor.setText(draft.text);
    // setText fired a change, but the text is what is stored (unless storing it failed).
    this.dirty = this.store.isUnsaved(draft.id);
    clearTimeout(this.saveTimer);
    if (!this.dirty) this.sayClear('save-status', this.savedText());
    this.renderNow();
    this.refreshDraftList(true);
  }

  /** Redraws the drafts list (when the panel is open; `force` even when focus is inside it). */
  private refreshDraftList(force: boolean): void {
    const panel = this.ui<HTMLDetailsElement>('drafts');
    const list = this.ui('draft-list');
    if (!this.store || !panel.open) return;
    if (!force && list.contains(document.activeElement)) return;
    const drafts = this.store.list();
    this.ui('draft-count').textContent = `(${formatCount(drafts.length)})`;
    list.replaceChildren(...drafts.map((d) => this.draftItem(d)));
  }

  private draftItem(d: DraftSummary): HTMLLIElement {
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
    const current = d.id === this.currentId ? 'open now · ' : '';
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
      actions.append(
        ask,
        button('confirm-delete', 'Delete', `Yes, delete “${d.title}”`, true),
        button('keep', 'Keep', `Keep “${d.title}”`),
      );
    } else {
      const open = button('open', 'Open', `Open “${d.title}”`);
      open.disabled = d.id === this.currentId;
      actions.append(open, button('delete', 'Delete', `Delete “${d.title}”`));
    }
    li.append(info, actions);
    return li;
  }

  // ---------- Import and export ----------

  private wireFiles(): void {
    const input = this.ui<HTMLInputElement>('import');
    input.addEventListener('change', () => {
      const files = input.files;
      if (files && files.length > 0) void this.importFiles(files).finally(() => (input.value = ''));
    });
    this.ui('export').addEventListener('click', () => void this.exportFile());
  }

  private async importFiles(files: FileList): Promise<void> {
    const file = files[0];
    if (!file || !this.store) return;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const result = readImportedFile(file.name, bytes);
      if (!result.ok) {
        this.say('file-status', result.message);
        return;
      }
      this.saveNow();
      const draft = this.newDraft(result.text);
      if (draft) this.openDraft(draft.id, false);
      this.sayClear('file-status', `Imported ${file.name} as a new draft.`);
    } catch (error) {
      this.say('file-status', `Could not import ${file.name}: ${errorText(error)}.`);
    }
  }

  /**
   * Exports the draft as .mdx. When the editor finds problems the build would stop on, a modal
   * dialog lists them first ("Export anyway" / "Cancel"), and the status says how many the file has.
   */
  private async exportFile(): Promise<void> {
    if (!this.editor) return;
    try {
      this.renderNow(); // the problems of the text as it is now, not as of the last pause in typing
      const text = this.editor.getText();
      const problems = exportProblems(this.lastResult?.diagnostics ?? []);
      if (problems.length > 0 && !(await this.confirmExport(problems.map(exportProblemText)))) {
        this.sayClear('file-status', 'Export cancelled. The problems are listed beside the preview; each one links to its line.');
        return;
      }
      const name = exportFileName(text);
      downloadText(name, exportDraft(text), 'text/markdown;charset=utf-8');
      if (problems.length === 0) this.sayClear('file-status', exportStatus(name, 0));
      else this.say('file-status', exportStatus(name, problems.length));
    } catch (error) {
      this.say('file-status', `Could not export the draft: ${errorText(error)}.`);
    }
  }

  /** Shows the export warning with its list of problems; resolves true for "Export anyway". */
  private confirmExport(problems: readonly string[]): Promise<boolean> {
    const dialog = this.ui<HTMLDialogElement>('export-check');
    this.ui('export-title').textContent = problems.length === 1 ? 'This draft has a problem' : `This draft has ${problems.length} problems`;
    this.ui('export-list').replaceChildren(
      ...problems.map((text) => {
        const li = document.createElement('li');
        li.textContent = text;
        return li;
      }),
    );
    dialog.returnValue = '';
    return new Promise((resolve) => {
      dialog.addEventListener(
        'close',
        () => {
          resolve(dialog.returnValue === 'export');
          this.ui('export').focus();
        },
        { once: true },
      );
      dialog.showModal();
      this.ui('export-cancel').focus();
    });
  }

  // ---------- Narrow screens: tabs ----------

  private wireTabs(): void {
    const tabs = Array.from(this.querySelectorAll<HTMLButtonElement>('[role="tab"]'));
    for (const tab of tabs) {
      tab.addEventListener('click', () => this.showTab(tab.dataset.tab === 'preview' ? 'preview' : 'edit'));
      tab.addEventListener('keydown', (event) => {
        const i = tabs.indexOf(tab);
        let next: HTMLButtonElement | undefined;
        if (event.key === 'ArrowRight' || event.key === 'ArrowDown') next = tabs[(i + 1) % tabs.length];
        else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') next = tabs[(i - 1 + tabs.length) % tabs.length];
        else if (event.key === 'Home') next = tabs[0];
        else if (event.key === 'End') next = tabs[tabs.length - 1];
        if (!next) return;
        event.preventDefault();
        this.showTab(next.dataset.tab === 'preview' ? 'preview' : 'edit');
        next.focus();
      });
    }
    this.narrow = window.matchMedia(NARROW_QUERY);
    const onChange = () => this.layout();
    this.narrow.addEventListener('change', onChange);
    this.cleanups.push(() => this.narrow?.removeEventListener('change', onChange));
    this.layout();
  }

  /** Wide: two labelled regions side by side. Narrow: a tab list and two tab panels. */
  private layout(): void {
    const narrow = this.narrow?.matches ?? false;
    this.dataset.layout = narrow ? 'tabs' : 'split';
    const panes = [this.ui('editor-pane'), this.ui('preview-pane')];
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
    if (narrow) this.showTab(this.dataset.tab === 'preview' ? 'preview' : 'edit');
  }

  private showTab(which: 'edit' | 'preview'): void {
    this.dataset.tab = which;
    if (!(this.narrow?.matches ?? false)) return;
    for (const tab of this.querySelectorAll<HTMLButtonElement>('[role="tab"]')) {
      const selected = tab.dataset.tab === which;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    this.ui('editor-pane').hidden = which !== 'edit';
    this.ui('preview-pane').hidden = which !== 'preview';
    if (which === 'preview' && this.renderTimer !== undefined) this.renderNow();
    if (which === 'edit') this.editor?.view.requestMeasure();
  }

  // ---------- Scroll sync ----------

  private wireScrollSync(): void {
    const scroller = this.ui('preview-scroller');
    scroller.addEventListener('scroll', () => this.previewScrolled(), { passive: true });
    // Layout changes (images loading, fonts, width) move the anchors.
    const observer = new ResizeObserver(() => (this.anchors = null));
    observer.observe(this.ui('article'));
    this.cleanups.push(() => observer.disconnect());
  }

  private syncOn(): boolean {
    return this.ui<HTMLInputElement>('sync').checked && !(this.narrow?.matches ?? false);
  }

  /** Block start lines ↔ their first element's offset in the preview scroller, in document order. */
  private scrollAnchors(): ScrollAnchor[] {
    if (this.anchors) return this.anchors;
    const scroller = this.ui('preview-scroller');
    const origin = scroller.getBoundingClientRect().top - scroller.scrollTop;
    const anchors: ScrollAnchor[] = [{ line: 1, top: 0 }];
    const elements = this.blocks?.firstElements() ?? [];
    this.lastBlocks.forEach((block, i) => {
      const el = elements[i];
      if (!el) return;
      const top = el.getBoundingClientRect().top - origin;
      const prev = anchors[anchors.length - 1];
      if (prev && (block.startLine <= prev.line || top < prev.top)) return;
      anchors.push({ line: block.startLine, top });
    });
    const lines = this.editor?.view.state.doc.lines ?? 1;
    const end = this.ui('article').getBoundingClientRect().bottom - origin;
    const prev = anchors[anchors.length - 1];
    if (prev && lines + 1 > prev.line && end >= prev.top) anchors.push({ line: lines + 1, top: end });
    this.anchors = anchors;
    return anchors;
  }

  private editorScrolled(): void {
    const view = this.editor?.view;
    if (!view) return;
    const expected = this.expectedScroll.editor;
    this.expectedScroll.editor = null;
    if (expected !== null && Math.abs(view.scrollDOM.scrollTop - expected) <= 1) return;
    if (!this.syncOn()) return;
    cancelAnimationFrame(this.syncFrame);
    this.syncFrame = requestAnimationFrame(() => {
      if (!this.editor) return;
      const scroller = this.ui('preview-scroller');
      const top = Math.round(previewTopForLine(this.scrollAnchors(), this.editor.topLine()));
      if (Math.abs(scroller.scrollTop - top) <= 1) return;
      scroller.scrollTop = top;
      this.expectedScroll.preview = scroller.scrollTop;
    });
  }

  private previewScrolled(): void {
    const scroller = this.ui('preview-scroller');
    const expected = this.expectedScroll.preview;
    this.expectedScroll.preview = null;
    if (expected !== null && Math.abs(scroller.scrollTop - expected) <= 1) return;
    if (!this.syncOn()) return;
    cancelAnimationFrame(this.syncFrame);
    this.syncFrame = requestAnimationFrame(() => {
      if (!this.editor) return;
      const line = lineForPreviewTop(this.scrollAnchors(), scroller.scrollTop);
      const before = this.editor.view.scrollDOM.scrollTop;
      const after = this.editor.scrollToLine(line);
      if (Math.abs(after - before) > 1) this.expectedScroll.editor = after;
    });
  }

  /** A part of the page's markup, by its `data-ui` name (not `data-part`: the preview's quizzes use those). */
  private ui<T extends HTMLElement = HTMLElement>(name: string): T {
    const el = this.querySelector<T>(`[data-ui="${name}"]`);
    if (!el) throw new Error(`The /author page is missing its "${name}" part (data-ui="${name}"): rebuild the site.`);
    return el;
  }

  // ---------- Status lines ----------

  private savedText(): string {
    return this.ui('storage-warning').hidden ? 'Saved in this browser.' : 'Kept in this tab only (export to keep it).';
  }

  /** Writes a status line (an error look). */
  private say(name: string, text: string): void {
    const el = this.ui(name);
    el.textContent = text;
    el.dataset.tone = 'error';
  }

  /** Writes a status line (a normal look). */
  private sayClear(name: string, text: string): void {
    const el = this.ui(name);
    if (el.textContent !== text) el.textContent = text;
    delete el.dataset.tone;
  }

  /** For tests and debugging: the last preview result. */
  get result(): PreviewResult | null {
    return this.lastResult;
  }

  /** For tests: why the page's own check (preview-dom.ts) would refuse `html`, or null. Runs nothing. */
  refusalOf(html: string): string | null {
    const template = document.createElement('template');
    template.innerHTML = html;
    return refusalOf(html, template.content);
  }
}

if (!customElements.get('tk-author')) customElements.define('tk-author', TkAuthor);
