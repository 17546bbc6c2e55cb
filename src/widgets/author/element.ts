/**
 * <tk-author>: the /author page's live lesson editor. src/pages/author.astro renders all of its
 * markup; this element wires it. Everything it computes comes from src/lib/author:
 *
 * The parts, one job each: ui.ts (parts and status lines), problems.ts, drafts-panel.ts,
 * files.ts (import and export), tabs.ts (narrow screens), scroll-link.ts; this file holds the
 * editor, the rendering and the saving, and wires the parts.
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
import { applyFormat, FORMAT_COMMANDS, type FormatCommand } from '../../lib/author/format.ts';
import { createPreviewRenderer } from '../../lib/author/render.ts';
import { SAMPLE_DOCUMENT } from '../../lib/author/sample.ts';
import type { Draft, PreviewRenderer, PreviewResult, RenderedBlock } from '../../lib/author/types.ts';
import { url } from '../../lib/content/url.ts';
import { errorText } from '../../lib/format/error-text.ts';
import { plural } from '../../lib/format/numbers.ts';
import { MemoryStorage } from '../../lib/progress/memory-storage.ts';
import { browserStorage } from '../shared/browser-storage.ts';
import { DraftsPanel, type DraftsHost } from './drafts-panel.ts';
import { DraftFiles, type FilesHost } from './files.ts';
import { createMarkdownEditor, type EditorShortcut, type MarkdownEditor } from './md-editor.ts';
import { guardedNodes, KeyedBlocks, refusalOf } from './preview-dom.ts';
import { showProblems, wireProblems } from './problems.ts';
import { ScrollLink } from './scroll-link.ts';
import { isMac, shortcutText } from './shortcuts.ts';
import { AuthorTabs } from './tabs.ts';
import { AuthorUi } from './ui.ts';

/** Preview debounce: after the last keystroke, and at most this long while typing on. */
const RENDER_DELAY_MS = 150;
const RENDER_MAX_WAIT_MS = 400;
const SAVE_DELAY_MS = 500;

class TkAuthor extends HTMLElement implements DraftsHost, FilesHost {
  private editor: MarkdownEditor | null = null;
  private renderer: PreviewRenderer | null = null;
  store: DraftStore | null = null;
  private blocks: KeyedBlocks | null = null;
  private readonly headTemplate = document.createElement('template');
  currentId: string | null = null;

  private renderTimer: ReturnType<typeof setTimeout> | undefined;
  private firstPendingAt: number | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private dirty = false;
  private lastHead = '';
  private lastBlocks: readonly RenderedBlock[] = [];
  private lastResult: PreviewResult | null = null;
  private readonly cleanups: Array<() => void> = [];

  private readonly ui = new AuthorUi(this);
  private readonly tabs = new AuthorTabs(this, this.ui, (which) => {
    if (which === 'preview' && this.renderTimer !== undefined) this.renderNow();
    if (which === 'edit') this.editor?.view.requestMeasure();
  });
  private readonly scrollLink = new ScrollLink(this.ui, {
    editor: () => this.editor,
    blocks: () => this.blocks,
    lastBlocks: () => this.lastBlocks,
    isNarrow: () => this.tabs.isNarrow(),
  });
  private readonly draftsPanel = new DraftsPanel(this, this.ui, this);
  private readonly files = new DraftFiles(this.ui, this);

  connectedCallback(): void {
    if (this.editor) return;
    try {
      this.start();
      this.dataset.state = 'ready';
    } catch (error) {
      this.dataset.state = 'error';
      this.ui.say('status', `The editor could not start: ${errorText(error)}. Reload the page; your drafts are kept in this browser.`);
    }
  }

  disconnectedCallback(): void {
    this.saveNow();
    clearTimeout(this.renderTimer);
    clearTimeout(this.saveTimer);
    this.scrollLink.stop();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.editor?.destroy();
    this.editor = null;
  }

  // ---------- Start ----------

  private start(): void {
    // Storage, with a visible warning when it is unavailable.
    const { storage } = browserStorage();
    this.ui.get('storage-warning').hidden = storage !== null;
    this.store = new DraftStore(storage ?? new MemoryStorage());

    // The draft to open: the last one, else a new one from the sample document.
    const lastId = this.store.lastOpenId();
    const last = lastId ? this.store.load(lastId) : null;
    const draft = last ?? this.newDraft(SAMPLE_DOCUMENT);
    if (!draft) throw new Error('no draft could be made');
    this.currentId = draft.id;
    this.store.setLastOpen(draft.id);

    this.renderer = createPreviewRenderer({ siteUrl: (path) => url(path) });
    this.blocks = new KeyedBlocks(this.ui.get('body'));

    const mac = isMac();
    const shortcuts: EditorShortcut[] = FORMAT_COMMANDS.map((c) => ({ key: c.key, run: () => this.format(c.command) }));
    this.editor = createMarkdownEditor(this.ui.get('editor'), {
      doc: draft.text,
      label: 'Lesson source (Markdown and LaTeX)',
      describedBy: 'author-editor-help',
      shortcuts,
      onChange: () => this.changed(),
      onDropFiles: (files) => void this.files.importFiles(files),
      onScroll: () => this.scrollLink.editorScrolled(),
    });

    this.wireToolbar(mac);
    this.draftsPanel.wire();
    this.files.wire();
    this.cleanups.push(this.tabs.wire());
    this.cleanups.push(this.scrollLink.wire());
    wireProblems(this.ui, (line) => {
      this.tabs.show('edit');
      this.editor?.revealLine(line);
    });

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

    if (!this.dirty) this.ui.sayClear('save-status', this.savedText());
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
    this.ui.sayClear('save-status', 'Saving…');
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

  /** Renders the text now; returns the latest result (the previous one when this render failed). */
  renderNow(): PreviewResult | null {
    clearTimeout(this.renderTimer);
    this.firstPendingAt = null;
    const editor = this.editor;
    const renderer = this.renderer;
    const blocks = this.blocks;
    if (!editor || !renderer || !blocks) return this.lastResult;
    try {
      const result = renderer.render(editor.getText());
      if (result.headHtml !== this.lastHead) {
        this.ui.get('head').replaceChildren(...guardedNodes(this.headTemplate, result.headHtml));
        this.lastHead = result.headHtml;
      }
      blocks.apply(result.blocks);
      this.lastBlocks = result.blocks;
      this.lastResult = result;
      this.scrollLink.invalidate();
      editor.showDiagnostics(result.diagnostics);
      showProblems(this.ui, result.diagnostics);
      const { stats } = result;
      const problems = result.diagnostics.length;
      const refused = this.ui.get('body').querySelectorAll('[data-refused]').length + this.ui.get('head').querySelectorAll('[data-refused]').length;
      this.ui.sayClear(
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
      this.ui.say(
        'status',
        `The preview could not be updated: ${errorText(error)}. Your text is safe in the editor; keep editing or reload the page.`,
      );
    }
    return this.lastResult;
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
    const help = this.ui.get('editor-help');
    if (mac) help.textContent = help.textContent?.replace(/Ctrl\+/g, '⌘') ?? '';
  }

  // ---------- Drafts ----------

  /** Saves the open draft if it changed; says how it went. */
  saveNow(): void {
    clearTimeout(this.saveTimer);
    if (!this.dirty || !this.store || !this.editor || !this.currentId) return;
    try {
      const result = this.store.save(this.currentId, this.editor.getText());
      if (result.ok) {
        this.dirty = false;
        this.ui.sayClear('save-status', this.savedText());
        this.draftsPanel.refresh(false);
      } else {
        this.ui.say('save-status', result.message);
      }
    } catch (error) {
      this.ui.say('save-status', `Could not save the draft: ${errorText(error)}. Export it to keep a copy.`);
    }
  }

  /** Makes a new draft; when it cannot be stored it still exists in memory (the save status says why). */
  newDraft(text: string): Draft | null {
    if (!this.store) return null;
    const result = this.store.create(text);
    if (!result.ok) {
      this.ui.say('save-status', result.message);
      this.dirty = true; // the next save tries again
    }
    return result.draft;
  }

  /** Opens draft `id` in the editor (saving the open one first). */
  openDraft(id: string, saveFirst = true): void {
    if (!this.store || !this.editor) return;
    if (saveFirst) this.saveNow();
    const draft = this.store.load(id);
    if (!draft) {
      this.ui.say('file-status', 'That draft is no longer in this browser’s storage (deleted in another tab?).');
      this.draftsPanel.refresh(true);
      return;
    }
    this.currentId = draft.id;
    this.store.setLastOpen(draft.id);
    this.editor.setText(draft.text);
    // setText fired a change, but the text is what is stored (unless storing it failed).
    this.dirty = this.store.isUnsaved(draft.id);
    clearTimeout(this.saveTimer);
    if (!this.dirty) this.ui.sayClear('save-status', this.savedText());
    this.renderNow();
    this.draftsPanel.refresh(true);
  }

  /** The open draft was deleted: nothing is left to save. */
  dropChanges(): void {
    this.dirty = false;
  }

  focusEditor(): void {
    this.editor?.view.focus();
  }

  text(): string | null {
    return this.editor?.getText() ?? null;
  }

  private savedText(): string {
    return this.ui.get('storage-warning').hidden ? 'Saved in this browser.' : 'Kept in this tab only (export to keep it).';
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
