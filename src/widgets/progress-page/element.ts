/**
 * <tk-progress-page>: the reader's progress page (src/components/ProgressPage.astro renders the
 * markup): a summary per lesson and for the course, export to a file, import from a file
 * (checked first, confirmed before it replaces anything), reset (confirmed), and the storage
 * problems and kept-aside copies of unreadable saved data, each downloadable and discardable.
 * Everything is in this browser (src/widgets/shared/saved-progress.ts). The words come from
 * src/lib/progress/page-text.ts.
 *
 * Hooks for tests: `[data-part=…]`; `#progress-status` (role="status") says what each action
 * did; `data-state`: loading until the page is filled in, then ready.
 */
import { describeProgress, importResultText, keptCopyFile, keptCopyText, progressFileName, totalsText } from '../../lib/progress/page-text.ts';
import { parseImport } from '../../lib/progress/stored-text.ts';
import { courseTotals, lessonProgress, progressParts, type LessonProgressItems } from '../../lib/progress/summary.ts';
import { downloadText } from '../shared/browser-storage.ts';
import { savedProgress, type KeptCopy, type ProgressData, type SavedProgress } from '../shared/saved-progress.ts';
import { errorText } from '../../lib/format/error-text.ts';

const when = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
};

const ids = (text: string | undefined) => (text ?? '').split(' ').filter(Boolean);

class ProgressPageElement extends HTMLElement {
  private progress!: SavedProgress;
  private rows: { row: HTMLElement; items: LessonProgressItems }[] = [];
  private started = false;

  connectedCallback(): void {
    if (this.started) return;
    this.started = true;
    this.progress = savedProgress();
    this.rows = [...this.querySelectorAll<HTMLElement>('[data-lesson-row]')].map((row) => ({
      row,
      items: { slug: row.dataset.lessonRow ?? '', exercises: ids(row.dataset.exercises), quizzes: ids(row.dataset.quizzes) },
    }));
    this.wire();
    this.render(this.progress.data());
    this.progress.subscribe((data) => this.render(data));
    this.dataset.state = 'ready';
  }

  private $<T extends HTMLElement = HTMLElement>(name: string): T {
    const el = this.querySelector<T>(`[data-part="${name}"]`);
    if (!el) throw new Error(`Progress page markup is missing [data-part="${name}"].`);
    return el;
  }

  private say(text: string, kind: 'ok' | 'error' = 'ok'): void {
    const status = this.$('status');
    status.textContent = text;
    status.dataset.kind = kind;
  }

  /** Asks in a modal dialog; resolves true when the reader confirms. */
  private confirmAction(title: string, text: string, yes: string): Promise<boolean> {
    const dialog = this.$<HTMLDialogElement>('confirm');
    this.$('confirm-title').textContent = title;
    this.$('confirm-text').textContent = text;
    this.$('confirm-yes').textContent = yes;
    dialog.returnValue = '';
    return new Promise((resolve) => {
      dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true });
      dialog.showModal();
    });
  }

  private render(data: ProgressData): void {
    this.renderLessons(data);
    this.renderProblems();
  }

  private renderLessons(data: ProgressData): void {
    for (const { row, items } of this.rows) {
      const p = lessonProgress(data, items);
      const state = row.querySelector<HTMLElement>('[data-part="lesson-state"]');
      if (state) state.textContent = progressParts(p).join(' · ');
      row.dataset.read = String(p.read);
      row.dataset.started = String(p.started);
    }
    this.$('totals').textContent = totalsText(
      courseTotals(
        data,
        this.rows.map((r) => r.items),
      ),
    );
  }

  private renderProblems(): void {
    const problems = this.progress.problems();
    const copies = new Map(this.progress.keptCopies().map((c) => [c.key, c]));
    const items = problems.map((problem, i) => {
      const copy = problem.keptAs !== undefined ? copies.get(problem.keptAs) : undefined;
      if (copy) return this.keptItem(copy, i);
      const li = document.createElement('li');
      li.className = 'problem';
      li.dataset.problem = problem.kind;
      li.textContent = problem.message;
      return li;
    });
    this.$('problems').replaceChildren(...items);
    this.$('no-problems').hidden = items.length > 0;
  }

  private keptItem(copy: KeptCopy, index: number): HTMLLIElement {
    const progress = this.progress;
    const li = document.createElement('li');
    li.className = 'problem';
    li.dataset.kept = copy.key;
    const text = document.createElement('p');
    text.id = `kept-${index}`;
    text.textContent = keptCopyText(copy, when);
    const buttons = document.createElement('div');
    buttons.className = 'problem-buttons';
    const button = (label: string, part: string, onClick: () => void, danger = false) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = danger ? 'page-button page-button-danger' : 'page-button';
      b.textContent = label;
      b.dataset.part = part;
      b.setAttribute('aria-describedby', text.id);
      b.addEventListener('click', onClick);
      buttons.append(b);
    };
    const file = keptCopyFile(copy);
    button('Download copy', 'kept-download', () => {
      const content = progress.keptText(copy.key);
      if (content === null) return this.say('That copy is no longer there (another tab may have discarded it).', 'error');
      downloadText(file.name, content, file.type);
      this.say(`Downloaded the kept copy as ${file.name}.`);
    });
    if (copy.kind === 'readable') {
      button('Restore it', 'kept-restore', async () => {
        const content = progress.keptText(copy.key);
        if (content === null) return;
        const ok = await this.confirmAction(
          'Restore this copy?',
          'It replaces the progress in this browser now. The copy stays until you discard it.',
          'Restore',
        );
        if (!ok) return this.say('Nothing was restored.');
        const result = progress.importJson(content);
        this.say(result.ok ? 'The kept copy was restored.' : result.message, result.ok ? 'ok' : 'error');
      });
    }
    button(
      'Discard copy',
      'kept-discard',
      async () => {
        const ok = await this.confirmAction(
          'Discard this copy?',
          'The kept copy is deleted from this browser for good. Download it first if you may need it.',
          'Discard copy',
        );
        if (!ok) return this.say('The copy was kept.');
        progress.discardKept(copy.key);
        this.say('The kept copy was discarded.');
        this.$('problems-title').focus();
      },
      true,
    );
    li.append(text, buttons);
    return li;
  }

  private wire(): void {
    const progress = this.progress;
    this.$('export').addEventListener('click', () => {
      const filename = progressFileName(new Date());
      downloadText(filename, progress.exportJson(), 'application/json');
      this.say(`Exported your progress (${describeProgress(progress.data())}) as ${filename}.`);
    });

    const importInput = this.$<HTMLInputElement>('import');
    importInput.addEventListener('change', async () => {
      const file = importInput.files?.[0];
      if (!file) return;
      let text: string;
      try {
        text = await file.text();
      } catch (error) {
        this.say(`Could not read “${file.name}” (${errorText(error)}). Your progress is unchanged.`, 'error');
        return;
      } finally {
        importInput.value = ''; // choosing the same file again fires "change" again
      }
      const checked = parseImport(text, new Date().toISOString());
      if (!checked.ok) return this.say(`“${file.name}”: ${checked.message}`, 'error');
      const ok = await this.confirmAction(
        'Replace your progress?',
        `“${file.name}” has ${describeProgress(checked.data)}. It replaces what this browser has now (${describeProgress(progress.data())}).`,
        'Replace my progress',
      );
      if (!ok) return this.say('Import cancelled. Your progress is unchanged.');
      const result = progress.importJson(text);
      this.say(importResultText(result, file.name), result.ok ? 'ok' : 'error');
      this.renderProblems(); // a failed import can add a problem without changing the data
    });

    this.$('reset').addEventListener('click', async () => {
      const ok = await this.confirmAction(
        'Reset all your progress?',
        `This forgets all your progress in this browser (${describeProgress(progress.data())}). Export first if you may want them back. Kept copies listed on this page stay.`,
        'Reset progress',
      );
      if (!ok) return this.say('Nothing was reset.');
      progress.reset();
      this.say('Your progress was reset.');
    });
  }
}

if (!customElements.get('tk-progress-page')) customElements.define('tk-progress-page', ProgressPageElement);
