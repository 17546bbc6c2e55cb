/**
 * The problems list beside the preview: one button per diagnostic ("Error, line 3 …") that
 * reveals its line in the editor.
 */
import type { AuthorDiagnostic } from '../../lib/author/types.ts';
import { plural } from '../../lib/format/numbers.ts';
import type { AuthorUi } from './ui.ts';

export function showProblems(ui: AuthorUi, diagnostics: readonly AuthorDiagnostic[]): void {
  const box = ui.get('problems');
  const list = ui.get('problem-list');
  const title = ui.get('problems-title');
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

/** A click on a problem calls `reveal` with its line. */
export function wireProblems(ui: AuthorUi, reveal: (line: number) => void): void {
  ui.get('problem-list').addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLElement>('button[data-line]');
    if (!button) return;
    reveal(Number(button.dataset.line));
  });
}
