/**
 * <tk-code-cell>: an editable, runnable JavaScript cell (see src/components/CodeCell.astro).
 *
 * This module is what loads with the page, so it stays small. CodeMirror (./editor.ts) loads
 * when the reader focuses or clicks the code; the runner and the output view load at Run.
 *
 * For tests and assistive technology:
 *  - `data-state`: idle | loading | running | done | error;
 *  - `data-result`: pass | fail after a graded run;
 *  - the `role="status"` line says what happened in words ("Passed: …", "Error on line 3: …");
 *  - `data-editor="ready"` once CodeMirror has replaced the static code.
 */
import { decideGrade, decodeShareFragment, encodeShareFragment, errorStatus, finishedStatus, gradeStatus, passSummary, planRestore, stoppedStatus, syntaxErrorStatus } from '../../lib/exercises/cell.ts';
import type { GradeResult, GraderSpec } from '../../lib/exercises/types.ts';
import { errorText } from '../../lib/format/error-text.ts';
import { starterHash } from '../../lib/progress/hash.ts';
import { BACKEND_LABELS } from '../../lib/runtime/backends.ts';
import { detectCapabilities } from '../../tf/capabilities.ts';
import type { BackendRequest, RunMessage } from '../../workers/code/protocol.ts';
import { applyCapabilities } from '../shared/backend-picker.ts';
import { part } from '../shared/html.ts';
import { savedProgress } from '../shared/saved-progress.ts';
import { StatusLine } from '../shared/status.ts';
import type { CodeEditor } from './editor.ts';
import type { OutputView } from './output.ts';
import { staticCodeMarkup } from './static-code.ts';

type CellState = 'idle' | 'loading' | 'running' | 'done' | 'error';

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

/** Ends `text` with exactly one full stop. */
const sentence = (text: string) => text.replace(/[.\s]*$/, '.');

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
  private hintsShown = 0;
  /** Code that came from a link and has not been edited or run yet: not saved over the reader's own. */
  private fromLink = false;
  private connected = false;
  /** Hides the "starter has changed" notice (set while it shows). */
  private dismissStarterNotice: (() => void) | null = null;
  private readonly flush = () => this.saveNow();

  connectedCallback(): void {
    if (this.connected) return;
    this.connected = true;
    this.data = JSON.parse(part(this, 'data').textContent ?? '{}') as CellData;
    this.status = new StatusLine(part(this, 'status'), 500);

    this.restore();
    this.wire();
    void this.openSharedLink();
    window.addEventListener('pagehide', this.flush);
  }

  disconnectedCallback(): void {
    this.saveNow();
    window.removeEventListener('pagehide', this.flush);
    this.run?.stop();
    this.editor?.destroy();
    this.output?.destroy();
    this.connected = false;
  }

  // --- state -------------------------------------------------------------------------------

  private setState(state: CellState): void {
    this.dataset.state = state;
    const running = state === 'running' || state === 'loading';
    part<HTMLButtonElement>(this, 'run').disabled = running;
    part<HTMLButtonElement>(this, 'stop').disabled = !running;
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
      this.status.announce('Your code from last time is back. Press Run to run it.');
    }
    if (plan.starterChanged) this.showStarterChanged();
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

  private saveNow(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (!this.data || this.fromLink) return;
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
    part(this, 'reset').addEventListener('click', () => void this.reset());
    part(this, 'share').addEventListener('click', () => void this.share());
    this.querySelector('[data-part="hint"]')?.addEventListener('click', () => this.nextHint());
    this.querySelector('[data-part="show-solution"]')?.addEventListener('click', () => void this.revealSolution());
    this.querySelector('[data-part="use-solution"]')?.addEventListener('click', () => this.useSolution());

    const select = part<HTMLSelectElement>(this, 'backend-picker');
    const note = part(this, 'backend-note');
    applyCapabilities(select, detectCapabilities(), note);
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
        this.status.announce(`The editor could not load: ${sentence(errorText(error))} Check your connection and reload the page; your code is kept.`);
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
      this.output ??= new OutputView(part(this, 'output'));
    }
    return this.output;
  }

  /** Ask a yes/no question inside the cell (not a browser dialog): resolves true for Yes. */
  private confirm(question: string, yesLabel: string): Promise<boolean> {
    const box = part(this, 'confirm');
    const yes = part<HTMLButtonElement>(this, 'confirm-yes');
    const no = part<HTMLButtonElement>(this, 'confirm-no');
    const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    part(this, 'confirm-text').textContent = question;
    yes.textContent = yesLabel;
    box.hidden = false;
    no.focus();
    return new Promise((resolve) => {
      const done = (answer: boolean) => {
        box.hidden = true;
        yes.removeEventListener('click', onYes);
        no.removeEventListener('click', onNo);
        box.removeEventListener('keydown', onKey);
        returnFocus?.focus();
        resolve(answer);
      };
      const onYes = () => done(true);
      const onNo = () => done(false);
      const onKey = (event: KeyboardEvent) => {
        if (event.key === 'Escape') done(false);
      };
      yes.addEventListener('click', onYes);
      no.addEventListener('click', onNo);
      box.addEventListener('keydown', onKey);
    });
  }

  /** Asks, then puts the starter back. Resolves true when the starter is in the editor. */
  private async reset(): Promise<boolean> {
    if (this.code === this.data.starter) {
      this.status.announce('This is already the starter code.');
      return true;
    }
    const ok = await this.confirm('Replace your code with the starter code? You can undo this in the editor (Ctrl+Z).', 'Replace with starter');
    if (!ok) return false;
    await this.replaceCode(this.data.starter, 'The starter code is back. Ctrl+Z in the editor brings your code back.');
    this.dismissStarterNotice?.();
    return true;
  }

  /** Put new code in the editor as one undoable change, and save it. */
  private async replaceCode(code: string, message: string): Promise<void> {
    const editor = await this.ensureEditor(false);
    editor.setCode(code);
    this.codeChanged(code);
    this.saveNow();
    editor.markError(null);
    this.status.announce(message);
  }

  private nextHint(): void {
    const hints = Array.from(this.querySelectorAll<HTMLElement>('[data-hint]'));
    const hint = hints[this.hintsShown];
    if (!hint) return;
    hint.hidden = false;
    hint.focus();
    this.hintsShown += 1;
    const button = part<HTMLButtonElement>(this, 'hint');
    if (this.hintsShown >= hints.length) {
      button.disabled = true;
      button.textContent = 'All hints shown';
    } else {
      button.textContent = `Show another hint (${this.hintsShown + 1} of ${hints.length})`;
    }
  }

  private async revealSolution(): Promise<void> {
    const ok = await this.confirm(
      'Show the solution? Trying a little longer, or a hint, teaches more. Your own code stays in the editor.',
      'Show the solution',
    );
    if (!ok) return;
    part(this, 'solution').hidden = false;
    part<HTMLButtonElement>(this, 'show-solution').hidden = true;
    this.querySelector<HTMLElement>('.cell-solution-title')?.focus();
  }

  private useSolution(): void {
    void this.replaceCode(this.data.solution, 'The solution is in the editor. Ctrl+Z in the editor brings your code back.');
  }

  // --- shared links -------------------------------------------------------------------------

  private async share(): Promise<void> {
    try {
      const fragment = await encodeShareFragment(this.data.id, this.code);
      const link = `${location.origin}${location.pathname}#${fragment}`;
      await navigator.clipboard.writeText(link);
      this.status.announce('A link to this code is copied. Whoever opens it sees your code, and it runs only when they press Run.');
    } catch (error) {
      this.status.announce(`The link could not be copied: ${sentence(errorText(error))}`);
    }
  }

  /** Code from a link is shown, never run: the reader reads it and presses Run themselves. */
  private async openSharedLink(): Promise<void> {
    let shared: { cellId: string; code: string } | null;
    try {
      shared = await decodeShareFragment(location.hash);
    } catch (error) {
      if (new URLSearchParams(location.hash.slice(1)).get('cell') === this.data.id) this.notice(errorText(error));
      return;
    }
    if (!shared || shared.cellId !== this.data.id) return;
    const own = this.code;
    if (shared.code === own) return;
    this.fromLink = true;
    this.showCode(shared.code);
    const notice = this.notice(
      'This code came from a link. Read it before you press Run: it has not run. Your own code is kept until you change this code.',
    );
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'tk-button';
    button.textContent = 'Go back to my own code';
    button.addEventListener('click', () => {
      this.fromLink = false;
      this.showCode(own);
      notice.hidden = true;
      this.status.announce('Your own code is back.');
    });
    notice.append(' ', button);
    this.scrollIntoView({ block: 'start' });
  }

  private notice(text: string): HTMLElement {
    const notice = part(this, 'notice');
    notice.replaceChildren(text);
    notice.hidden = false;
    return notice;
  }

  private showStarterChanged(): void {
    const notice = this.notice('The starter code of this exercise has changed since you began. Your code is kept.');
    const compare = document.createElement('button');
    compare.type = 'button';
    compare.className = 'tk-button';
    compare.textContent = 'Compare with the new starter';
    const host = document.createElement('div');
    host.className = 'cell-compare';
    let view: { destroy(): void } | null = null;
    compare.addEventListener('click', async () => {
      if (view) {
        view.destroy();
        view = null;
        compare.textContent = 'Compare with the new starter';
        return;
      }
      const { showCompare } = await import('./compare.ts');
      view = showCompare(host, { mine: this.code, theirs: this.data.starter, mineLabel: 'Your code', theirsLabel: 'New starter' });
      compare.textContent = 'Hide the comparison';
    });
    const use = document.createElement('button');
    use.type = 'button';
    use.className = 'tk-button';
    use.textContent = 'Use the new starter';
    this.dismissStarterNotice = () => {
      view?.destroy();
      notice.replaceChildren();
      notice.hidden = true;
      this.dismissStarterNotice = null;
    };
    use.addEventListener('click', async () => {
      if (await this.reset()) this.editor?.focus();
    });
    notice.append(' ', compare, ' ', use, host);
  }

  // --- running -------------------------------------------------------------------------------

  private async start(): Promise<void> {
    if (this.run || this.dataset.state === 'loading') return;
    this.fromLink = false;
    this.saveNow();
    this.setState('loading');
    delete this.dataset.result;
    this.status.announce('Starting…');
    try {
      const [{ runCode }, output, editor] = await Promise.all([
        import('../../workers/code/client.ts'),
        this.ensureOutput(),
        this.ensureEditor(false),
      ]);
      output.clear();
      editor.markError(null);
      const backend = part<HTMLSelectElement>(this, 'backend-picker').value as BackendRequest;
      const dataUrl = new URL(this.dataset.dataUrl ?? '/data/', location.href).href;
      this.runStarted = performance.now();
      this.setState('running');
      this.status.announce('Running…');
      let ended = false;
      this.run = runCode(
        { code: this.code, backend, dataUrl, grader: this.data.grader, expose: this.data.expose },
        {
          onMessage: (message) => this.onMessage(message, output, editor),
          onEnd: (outcome) => {
            if (ended) return;
            ended = true;
            this.run = null;
            this.onEnd(outcome, output);
          },
        },
        { timeLimitMs: this.data.timeLimitSeconds * 1000 },
      );
    } catch (error) {
      this.run = null;
      this.setState('error');
      this.status.announce(`The code could not start: ${sentence(errorText(error))} Reload the page to try again; your code is saved.`);
    }
  }

  private stop(): void {
    this.run?.stop();
  }

  private onMessage(message: RunMessage, output: OutputView, editor: CodeEditor): void {
    switch (message.type) {
      case 'ready':
        return;
      case 'backend': {
        const note = part(this, 'backend-note');
        note.textContent = `Running on ${BACKEND_LABELS[message.backend]}.${message.fallbackReason ? ` ${message.fallbackReason}` : ''}`;
        note.hidden = false;
        return;
      }
      case 'output':
        output.append(message.items);
        return;
      case 'syntax-error':
        editor.markError(message.line, message.message);
        output.showError(`SyntaxError: ${message.message}`, message.line, (line) => editor.revealLine(line));
        this.finish('error', syntaxErrorStatus(message.message, message.line));
        return;
      case 'error': {
        if (message.line !== undefined && message.phase === 'run') editor.markError(message.line, message.message);
        const text =
          message.phase === 'grade'
            ? `The grader could not check your code: ${message.name}: ${message.message}`
            : errorStatus(message.name, message.message, message.phase === 'run' ? message.line : undefined);
        const line = message.phase === 'run' ? message.line : undefined;
        output.showError(message.phase === 'grade' ? text : `${message.name}: ${message.message}`, line, (l) => editor.revealLine(l));
        this.finish('error', text);
        return;
      }
      case 'grade':
        this.graded(message.result, output);
        return;
      case 'done': {
        if (this.dataset.result) return; // the grade already said what matters
        this.finish('done', finishedStatus(message.ms, message.returned));
        return;
      }
    }
  }

  /** Everything a grade changes (the box, data-result, the badge, the status) follows from one decision. */
  private graded(graded: GradeResult, output: OutputView): void {
    const result = decideGrade(graded);
    output.showGrade(result);
    this.dataset.result = result.pass ? 'pass' : 'fail';
    if (result.pass) {
      savedProgress().recordExercisePass(this.data.id, {
        ...(result.figure !== undefined ? { figure: result.figure } : {}),
        summary: passSummary(result),
      });
    }
    this.finish('done', gradeStatus(result));
  }

  private finish(state: CellState, text: string): void {
    this.setState(state);
    this.status.announce(text);
  }

  private onEnd(outcome: { reason: string; message?: string }, output: OutputView): void {
    const elapsed = performance.now() - this.runStarted;
    switch (outcome.reason) {
      case 'stopped':
        this.finish('idle', stoppedStatus(elapsed));
        output.append([{ kind: 'text', stream: 'info', text: 'Stopped.' }]);
        return;
      case 'time-limit': {
        // The runner says which limit it was (the cell's, or TensorFlow.js taking too long to load).
        const text = outcome.message ?? 'Stopped: the time limit of this cell was reached.';
        output.showError(text);
        this.finish('error', text);
        return;
      }
      case 'crashed': {
        const text = outcome.message ?? 'The code runner stopped unexpectedly. Your code is kept: press Run to try again.';
        output.showError(text);
        this.finish('error', text);
        return;
      }
      default:
        // done, error and syntax-error were reported by their messages.
        if (this.dataset.state === 'running' || this.dataset.state === 'loading') this.setState('done');
    }
  }
}

if (!customElements.get('tk-code-cell')) customElements.define('tk-code-cell', CodeCellElement);
