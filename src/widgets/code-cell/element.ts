/**
 * <tk-code-cell>: an editable, runnable JavaScript cell (see src/components/CodeCell.astro).
 *
 * This module is what loads with the page, so it stays small. CodeMirror (./editor.ts) loads
 * when the reader focuses or clicks the code; the runner and the output view load at Run.
 * Its parts: cell-dialogs.ts (ask, notice, hints, solution), cell-links.ts (shared links, a
 * changed starter; loaded on first use), cell-menu.ts (the "More actions" menu), cell-run.ts (what a run shows).
 * One primary Run; reset, solution, share and (only where the code uses TensorFlow.js, `data-tfjs`)
 * the backend setting sit in the menu. A grade's verdict is said once, in the status line.
 *
 * For tests and assistive technology:
 *  - `data-state`: idle | loading | running | done | error;
 *  - `data-result`: pass | fail after a graded run;
 *  - the `role="status"` line says what happened in words ("Passed: …", "Error on line 3: …"),
 *    with `data-verdict` = pass | fail while it holds a grade;
 *  - `data-editor="ready"` once CodeMirror has replaced the static code.
 */
import { decideGrade, gradeStatus, passSummary, planRestore } from '../../lib/exercises/cell.ts';
import type { GradeResult, GraderSpec } from '../../lib/exercises/types.ts';
import { errorText } from '../../lib/format/error-text.ts';
import { withFullStop } from '../../lib/format/sentence.ts';
import { starterHash } from '../../lib/progress/hash.ts';
import type { BackendRequest } from '../../workers/code/protocol.ts';
import { showAvailableBackends } from '../shared/backend-picker.ts';
import { datasetUrl } from '../shared/data-url.ts';
import { part } from '../shared/html.ts';
import { savedProgress } from '../shared/saved-progress.ts';
import { StatusLine } from '../shared/status.ts';
import type { CodeEditor } from './editor.ts';
import type { OutputView } from './output.ts';
import { askInCell, hideHints, wireHints, wireSolution } from './cell-dialogs.ts';
import { wireMenu } from './cell-menu.ts';
import type { CellLinkHost } from './cell-links.ts';
import { showBackend, showRunEnd, showRunMessage, type CellState, type RunView } from './cell-run.ts';
import { staticCodeMarkup } from './static-code.ts';
const cellLinks = () => import('./cell-links.ts');

interface CellData {
  id: string;
  title: string;
  starter: string;
  solution: string;
  grader: GraderSpec | null;
  expose: string[];
  timeLimitSeconds: number;
  hintCount: number;
}

/** How long typing must pause before the code is saved. */
const SAVE_DELAY_MS = 400;

class CodeCellElement extends HTMLElement {
  private data!: CellData;
  private code = '';
  private editor: CodeEditor | null = null;
  private editorLoading: Promise<CodeEditor> | null = null;
  private output: OutputView | null = null;
  private status!: StatusLine;
  private run: { stop(): void } | null = null;
  private runStarted = 0;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** Code that came from a link and has not been edited or run yet: not saved over the reader's own. */
  private fromLink = false;
  private connected = false;
  /** Hides the "starter has changed" notice (set while it shows). */
  private dismissStarterNotice: (() => void) | null = null;
  private readonly flush = () => this.saveNow();
  /** What the link and starter notices (cell-links.ts) need of the cell (made at connect). */
  private links!: CellLinkHost;
  /** The reader's code from before "Put this solution in the editor", for "Put my own code back". */
  private draftBeforeSolution: string | null = null;
  /** Removes the listeners on the document (the menu's outside click). */
  private listening: AbortController | null = null;

  connectedCallback(): void {
    if (this.connected) return;
    this.connected = true;
    this.data = JSON.parse(part(this, 'data').textContent ?? '{}') as CellData;
    this.status = new StatusLine(part(this, 'status'), 500);
    this.links = {
      root: this,
      cellId: this.data.id,
      starter: this.data.starter,
      code: () => this.code,
      showCode: (code, fromLink) => {
        this.fromLink = fromLink;
        this.showCode(code);
      },
      announce: (text) => this.say(text),
      reset: () => this.reset(),
      focusEditor: () => this.editor?.focus(),
    };

    this.restore();
    this.wire();
    if (new URLSearchParams(location.hash.slice(1)).has('cell')) void cellLinks().then(({ openSharedLink }) => openSharedLink(this.links));
    window.addEventListener('pagehide', this.flush);
  }

  disconnectedCallback(): void {
    this.saveNow();
    window.removeEventListener('pagehide', this.flush);
    this.listening?.abort();
    this.run?.stop();
    this.editor?.destroy();
    this.output?.destroy();
    this.connected = false;
  }

  private setState(state: CellState): void {
    this.dataset.state = state;
    const running = state === 'running' || state === 'loading';
    part<HTMLButtonElement>(this, 'run').disabled = running;
    const stop = part<HTMLButtonElement>(this, 'stop');
    stop.disabled = !running;
    stop.hidden = !running;
  }

  /** Say `text` in the status line; with a verdict, the line shows it as the grade (pass or fail). */
  private say(text: string, verdict?: 'pass' | 'fail'): void {
    const line = this.status.element;
    if (verdict) line.dataset.verdict = verdict;
    else delete line.dataset.verdict;
    this.status.announce(text);
  }

  private get starterHash(): string {
    return starterHash(this.data.starter);
  }

  /** Show the reader's saved code (or the starter) and whether this exercise was passed. */
  private restore(): void {
    const progress = savedProgress();
    const saved = progress.data().cells[this.data.id];
    const plan = planRestore(saved, this.data.starter, starterHash);
    this.showCode(plan.code);
    if (plan.source === 'new-starter') progress.saveCell(this.data.id, plan.code, this.starterHash);
    if (plan.source === 'saved' && plan.code !== this.data.starter) {
      this.say('Your code from last time is back. Press Run to run it.');
    }
    if (plan.starterChanged) void cellLinks().then((links) => (this.dismissStarterNotice = links.showStarterChanged(this.links)));
    this.showPassed(progress.data().exercises[this.data.id]?.summary ?? null, progress.data().exercises[this.data.id] !== undefined);
    progress.subscribe((data) => {
      const passed = data.exercises[this.data.id];
      this.showPassed(passed?.summary ?? null, passed !== undefined);
    });
  }

  private showPassed(summary: string | null, passed: boolean): void {
    const badge = this.querySelector<HTMLElement>('[data-part="badge"]');
    if (!badge) return;
    badge.dataset.passed = String(passed);
    badge.textContent = passed ? `✓ Passed${summary ? ` (${summary})` : ''}` : 'Not passed yet';
    if (passed) hideHints(this);
  }

  /** Replace the code everywhere it is shown (editor or static view). */
  private showCode(code: string): void {
    this.code = code;
    if (this.editor) this.editor.setCode(code);
    else {
      const view = part(this, 'static');
      view.innerHTML = staticCodeMarkup(code, { editorLabel: view.dataset.label, describedBy: view.dataset.describedBy });
    }
  }

  private codeChanged(code: string): void {
    this.code = code;
    this.fromLink = false;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveNow(), SAVE_DELAY_MS);
  }

  /** Writes an edit not saved yet (only then: an unchanged cell never overwrites what another tab saved). */
  private saveNow(): void {
    const due = this.saveTimer !== undefined;
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (!due || !this.data || this.fromLink) return;
    const saved = savedProgress().data().cells[this.data.id];
    if (saved?.code === this.code) return;
    if (!saved && this.code === this.data.starter) return;
    savedProgress().saveCell(this.data.id, this.code, this.starterHash);
  }

  // --- controls ----------------------------------------------------------------------------

  private wire(): void {
    const staticView = part(this, 'static');
    staticView.addEventListener('pointerdown', () => void this.ensureEditor(true));
    // Arriving with Tab: the editor opens with Tab still moving focus, so a keyboard reader can
    // walk past the cell; once they type, Tab indents (and Esc then Tab leaves, as the help says).
    staticView.addEventListener('focusin', () => void this.ensureEditor(true, true));
    // Warm up the editor module when the pointer comes near, so clicking feels instant.
    this.addEventListener('pointerenter', () => void import('./editor.ts'), { once: true });
    staticView.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        void this.start();
      }
    });

    part(this, 'run').addEventListener('click', () => void this.start());
    part(this, 'stop').addEventListener('click', () => this.stop());
    this.listening = new AbortController();
    wireMenu(part<HTMLButtonElement>(this, 'more'), part(this, 'more-panel'), this.listening.signal);
    part(this, 'reset').addEventListener('click', () => void this.reset());
    part(this, 'share').addEventListener('click', () => void cellLinks().then(({ copyShareLink }) => copyShareLink(this.links)));
    part(this, 'restore-draft').addEventListener('click', () => void this.restoreDraft());
    wireHints(this);
    wireSolution(this);
    this.querySelector('[data-part="use-solution"]')?.addEventListener('click', () => void this.useSolution());

    showAvailableBackends(this);
  }

  /** The backend setting: only in cells whose code uses TensorFlow.js. */
  private backendPicker(): HTMLSelectElement | null {
    return this.querySelector<HTMLSelectElement>('[data-part="backend-picker"]');
  }

  private ensureEditor(focus: boolean, passTabs = false): Promise<CodeEditor> {
    if (!this.editorLoading) {
      this.editorLoading = import('./editor.ts').then(({ createEditor }) => {
        const host = part(this, 'editor');
        const { describedBy } = part(this, 'static').dataset;
        const hadFocus = host.contains(document.activeElement);
        let tabsPass = passTabs;
        host.replaceChildren();
        const editor = createEditor(host, {
          code: this.code,
          label: `Code for: ${this.data.title}`,
          describedBy,
          onChange: (code) => {
            if (tabsPass) {
              tabsPass = false;
              editor.view.setTabFocusMode(false);
            }
            this.codeChanged(code);
          },
          onRun: () => void this.start(),
        });
        if (tabsPass) editor.view.setTabFocusMode(true);
        this.editor = editor;
        this.dataset.editor = 'ready';
        if (hadFocus) editor.focus();
        return editor;
      });
      this.editorLoading.catch((error) => {
        this.editorLoading = null;
        this.say(`The editor could not load: ${withFullStop(errorText(error))} Check your connection and reload the page; your code is kept.`);
      });
    }
    return this.editorLoading.then((editor) => {
      if (focus) editor.focus();
      return editor;
    });
  }

  private async ensureOutput(): Promise<OutputView> {
    if (!this.output) {
      const { OutputView } = await import('./output.ts');
      this.output ??= new OutputView(part(this, 'output'), { label: `Output of: ${this.data.title}` });
    }
    return this.output;
  }

  /** Asks, then puts the starter back. Resolves true when the starter is in the editor. */
  private async reset(): Promise<boolean> {
    if (this.code === this.data.starter) {
      this.say('This is already the starter code.');
      return true;
    }
    const ok = await askInCell(this, 'Replace your code with the starter code? You can undo this in the editor (Ctrl+Z).', 'Replace with starter');
    if (!ok) return false;
    await this.replaceCode(this.data.starter, 'The starter code is back. Ctrl+Z in the editor brings your code back.');
    this.dismissStarterNotice?.();
    this.dismissStarterNotice = null;
    return true;
  }

  /** Put new code in the editor as one undoable change, and save it. */
  private async replaceCode(code: string, message: string): Promise<void> {
    const editor = await this.ensureEditor(false);
    editor.setCode(code);
    this.codeChanged(code);
    this.saveNow();
    editor.markError(null);
    this.say(message);
  }

  /** The solution goes into the editor (one undoable change) and its view closes: one copy on the page. */
  private async useSolution(): Promise<void> {
    if (this.code !== this.data.solution) this.draftBeforeSolution = this.code;
    part(this, 'solution').hidden = true;
    this.querySelector<HTMLElement>('[data-part="show-solution"]')?.removeAttribute('hidden');
    part(this, 'restore-draft').hidden = this.draftBeforeSolution === null;
    await this.replaceCode(
      this.data.solution,
      'The solution is in the editor. "Put my own code back" in More actions, or Ctrl+Z in the editor, brings your code back.',
    );
    this.editor?.focus();
  }

  /** Puts back the code the reader had before they took the solution. */
  private async restoreDraft(): Promise<void> {
    const draft = this.draftBeforeSolution;
    if (draft === null) return;
    this.draftBeforeSolution = null;
    part(this, 'restore-draft').hidden = true;
    await this.replaceCode(draft, 'Your own code is back. Ctrl+Z in the editor brings the solution back.');
  }

  // --- running -------------------------------------------------------------------------------

  private async start(): Promise<void> {
    if (this.run || this.dataset.state === 'loading') return;
    this.fromLink = false;
    this.saveNow();
    this.setState('loading');
    delete this.dataset.result;
    this.say('Starting…');
    try {
      const [{ runCode }, output, editor] = await Promise.all([
        import('../../workers/code/client.ts'),
        this.ensureOutput(),
        this.ensureEditor(false),
      ]);
      output.clear();
      editor.markError(null);
      const backend = (this.backendPicker()?.value ?? 'auto') as BackendRequest;
      const dataUrl = this.dataset.dataUrl ? new URL(this.dataset.dataUrl, location.href).href : datasetUrl();
      this.runStarted = performance.now();
      this.setState('running');
      this.say('Running…');
      part(this, 'backend-notice').hidden = true;
      const view = this.runView(output, editor, backend);
      let ended = false;
      this.run = runCode(
        { code: this.code, backend, dataUrl, grader: this.data.grader, expose: this.data.expose },
        {
          onMessage: (message) => showRunMessage(message, view),
          onEnd: (outcome) => {
            if (ended) return;
            ended = true;
            this.run = null;
            showRunEnd(outcome, performance.now() - this.runStarted, view);
          },
        },
        { timeLimitMs: this.data.timeLimitSeconds * 1000 },
      );
    } catch (error) {
      this.run = null;
      this.setState('error');
      this.say(`The code could not start: ${withFullStop(errorText(error))} Reload the page to try again; your code is saved.`);
    }
  }

  private stop(): void {
    this.run?.stop();
  }

  /** Everything a grade changes (the box, data-result, the badge, the status) follows from one decision. */
  private graded(graded: GradeResult, output: OutputView): void {
    const result = decideGrade(graded);
    output.showGrade(result, { verdict: false });
    this.dataset.result = result.pass ? 'pass' : 'fail';
    if (result.pass) {
      savedProgress().recordExercisePass(this.data.id, {
        ...(result.figure !== undefined ? { figure: result.figure } : {}),
        summary: passSummary(result),
      });
    }
    this.setState('done');
    this.say(gradeStatus(result), result.pass ? 'pass' : 'fail');
  }

  private finish(state: CellState, text: string): void {
    this.setState(state);
    this.say(text);
  }

  /** What the run's messages (cell-run.ts) may change in the cell. */
  private runView(output: OutputView, editor: CodeEditor, requested: BackendRequest): RunView {
    return {
      output,
      editor,
      showBackend: (used, fallbackReason) => showBackend(this, { requested, used, fallbackReason }),
      finish: (state, text) => this.finish(state, text),
      graded: (result) => this.graded(result, output),
      hasResult: () => this.dataset.result !== undefined && this.dataset.result !== '',
      stillRunning: () => this.dataset.state === 'running' || this.dataset.state === 'loading',
      setDone: () => this.setState('done'),
    };
  }
}

if (!customElements.get('tk-code-cell')) customElements.define('tk-code-cell', CodeCellElement);
