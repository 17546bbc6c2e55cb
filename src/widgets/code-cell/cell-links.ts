/**
 * The code cell's notices about where its code came from: a shared link (copy one; open one,
 * shown and never run) and a starter that changed since the reader began (compare, or use it).
 */
import { decodeShareFragment, encodeShareFragment } from '../../lib/exercises/cell.ts';
import { errorText } from '../../lib/format/error-text.ts';
import { withFullStop } from '../../lib/format/sentence.ts';
import { showNotice } from './cell-dialogs.ts';

/** What the notices need of the cell. */
export interface CellLinkHost {
  readonly root: HTMLElement;
  readonly cellId: string;
  readonly starter: string;
  /** The code shown now. */
  code(): string;
  /** Shows `code` in the cell; `fromLink` marks it as not the reader's (not saved over theirs). */
  showCode(code: string, fromLink: boolean): void;
  announce(text: string): void;
  /** Asks, then puts the starter back; resolves true when it is in the editor. */
  reset(): Promise<boolean>;
  focusEditor(): void;
}

/** Copies a link to the cell's code to the clipboard. */
export async function copyShareLink(host: CellLinkHost): Promise<void> {
  try {
    const fragment = await encodeShareFragment(host.cellId, host.code());
    const link = `${location.origin}${location.pathname}#${fragment}`;
    await navigator.clipboard.writeText(link);
    host.announce('A link to this code is copied. Whoever opens it sees your code, and it runs only when they press Run.');
  } catch (error) {
    host.announce(`The link could not be copied: ${withFullStop(errorText(error))}`);
  }
}

/** Code from a link is shown, never run: the reader reads it and presses Run themselves. */
export async function openSharedLink(host: CellLinkHost): Promise<void> {
  let shared: { cellId: string; code: string } | null;
  try {
    shared = await decodeShareFragment(location.hash);
  } catch (error) {
    if (new URLSearchParams(location.hash.slice(1)).get('cell') === host.cellId) showNotice(host.root, errorText(error));
    return;
  }
  if (!shared || shared.cellId !== host.cellId) return;
  const own = host.code();
  if (shared.code === own) return;
  host.showCode(shared.code, true);
  const notice = showNotice(
    host.root,
    'This code came from a link. Read it before you press Run: it has not run. Your own code is kept until you change this code.',
  );
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'tk-button';
  button.textContent = 'Go back to my own code';
  button.addEventListener('click', () => {
    host.showCode(own, false);
    notice.hidden = true;
    host.announce('Your own code is back.');
  });
  notice.append(' ', button);
  host.root.scrollIntoView({ block: 'start' });
}

/** The notice that the starter changed since the reader began; returns how to hide it. */
export function showStarterChanged(host: CellLinkHost): () => void {
  const notice = showNotice(host.root, 'The starter code of this exercise has changed since you began. Your code is kept.');
  const compare = document.createElement('button');
  compare.type = 'button';
  compare.className = 'tk-button';
  compare.textContent = 'Compare with the new starter';
  const box = document.createElement('div');
  box.className = 'cell-compare';
  let view: { destroy(): void } | null = null;
  compare.addEventListener('click', async () => {
    if (view) {
      view.destroy();
      view = null;
      compare.textContent = 'Compare with the new starter';
      return;
    }
    const { showCompare } = await import('./compare.ts');
    view = showCompare(box, { mine: host.code(), theirs: host.starter, mineLabel: 'Your code', theirsLabel: 'New starter' });
    compare.textContent = 'Hide the comparison';
  });
  const use = document.createElement('button');
  use.type = 'button';
  use.className = 'tk-button';
  use.textContent = 'Use the new starter';
  use.addEventListener('click', async () => {
    if (await host.reset()) host.focusEditor();
  });
  notice.append(' ', compare, ' ', use, box);
  return () => {
    view?.destroy();
    notice.replaceChildren();
    notice.hidden = true;
  };
}
