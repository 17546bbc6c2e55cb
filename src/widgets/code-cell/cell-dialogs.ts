/**
 * The code cell's in-page asks and notices (not browser dialogs): a yes/no question, the notice
 * line above the code, the hints shown one at a time (hidden again once the exercise is passed),
 * and the solution behind a question.
 */
import { part } from '../shared/html.ts';

/** Ask a yes/no question inside the cell: resolves true for Yes. */
export function askInCell(cell: HTMLElement, question: string, yesLabel: string): Promise<boolean> {
  const box = part(cell, 'confirm');
  const yes = part<HTMLButtonElement>(cell, 'confirm-yes');
  const no = part<HTMLButtonElement>(cell, 'confirm-no');
  const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  part(cell, 'confirm-text').textContent = question;
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

/** Shows `text` in the cell's notice line (replacing what was there) and returns the line. */
export function showNotice(cell: HTMLElement, text: string): HTMLElement {
  const notice = part(cell, 'notice');
  notice.replaceChildren(text);
  notice.hidden = false;
  return notice;
}

/** The hint button ("Hint (1 of 3)"): one more hint per press, then "All hints shown". */
export function wireHints(cell: HTMLElement): void {
  let shown = 0;
  cell.querySelector('[data-part="hint"]')?.addEventListener('click', () => {
    const hints = Array.from(cell.querySelectorAll<HTMLElement>('[data-hint]'));
    const hint = hints[shown];
    if (!hint) return;
    hint.hidden = false;
    hint.focus();
    shown += 1;
    const button = part<HTMLButtonElement>(cell, 'hint');
    if (shown >= hints.length) {
      button.disabled = true;
      button.textContent = 'All hints shown';
    } else {
      button.textContent = `Next hint (${shown + 1} of ${hints.length})`;
    }
  });
}

/** A passed exercise shows its success, not more hints: the hint button and the hints shown go. */
export function hideHints(cell: HTMLElement): void {
  const button = cell.querySelector<HTMLButtonElement>('[data-part="hint"]');
  if (!button) return;
  if (button.contains(document.activeElement)) part(cell, 'run').focus();
  button.hidden = true;
  for (const hint of cell.querySelectorAll<HTMLElement>('[data-hint]')) hint.hidden = true;
}

/** The "Show the solution" button: asks first, then shows the solution and focuses its title. */
export function wireSolution(cell: HTMLElement): void {
  cell.querySelector('[data-part="show-solution"]')?.addEventListener('click', async () => {
    const ok = await askInCell(
      cell,
      'Show the solution? Trying a little longer, or a hint, teaches more. Your own code stays in the editor.',
      'Show the solution',
    );
    if (!ok) return;
    part(cell, 'solution').hidden = false;
    part<HTMLButtonElement>(cell, 'show-solution').hidden = true;
    cell.querySelector<HTMLElement>('.cell-solution-title')?.focus();
  });
}
