/**
 * Compare the reader's code with a new version of the starter (after the site changed the
 * exercise). Read-only: the reader looks, then keeps their code or resets (buttons are the
 * cell's). Side by side on wide screens (@codemirror/merge MergeView); on narrow screens one
 * unified view where the reader's lines show as removed and the starter's as added. The layout
 * follows the screen width while shown.
 *
 * The editors are read-only but focusable (caret browsing, screen readers read them as read-only
 * text fields named by the labels). A sentence above states how many places differ, so the
 * difference is not told by colour alone; changed lines also carry a marker in the gutter.
 */
import { Chunk, MergeView, unifiedMergeView } from '@codemirror/merge';
import { EditorState, Text, type Extension } from '@codemirror/state';
import { EditorView, lineNumbers } from '@codemirror/view';
import { javascript } from '@codemirror/lang-javascript';
import { tinkerEditorTheme } from '../shared/cm-theme.ts';
import { escapeHtml } from '../../lib/format/html.ts';

export interface CompareOptions {
  /** The reader's code. */
  mine: string;
  /** The code to compare with (e.g. the new starter). */
  theirs: string;
  /** e.g. "Your code". */
  mineLabel: string;
  /** e.g. "New starter". */
  theirsLabel: string;
}

export interface CompareView {
  destroy(): void;
}

/** Below this width the comparison is one unified column. */
const NARROW_QUERY = '(max-width: 44rem)';

function readOnlyEditor(label: string): Extension[] {
  return [
    lineNumbers(),
    javascript(),
    tinkerEditorTheme(),
    EditorState.readOnly.of(true),
    // Focusable, so keyboard users can move through (and scroll) the read-only code.
    EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
  ];
}

/** "3 places differ" in words. */
export function differenceSentence(mine: string, theirs: string, mineLabel: string, theirsLabel: string): string {
  const chunks = Chunk.build(Text.of(mine.split('\n')), Text.of(theirs.split('\n')));
  if (chunks.length === 0) return `${mineLabel} and ${theirsLabel.toLowerCase()} are the same.`;
  const places = chunks.length === 1 ? '1 place' : `${chunks.length} places`;
  return `${mineLabel} and ${theirsLabel.toLowerCase()} differ in ${places}.`;
}

export function showCompare(host: HTMLElement, options: CompareOptions): CompareView {
  const { mine, theirs, mineLabel, theirsLabel } = options;
  const root = document.createElement('div');
  root.className = 'tk-compare';
  const summary = document.createElement('p');
  summary.className = 'tk-compare__summary';
  summary.textContent = differenceSentence(mine, theirs, mineLabel, theirsLabel);
  const body = document.createElement('div');
  root.append(summary, body);
  host.append(root);

  let destroyCurrent: () => void = () => {};

  const renderSplit = () => {
    body.className = 'tk-compare__split';
    const headings = document.createElement('div');
    headings.className = 'tk-compare__headings';
    headings.setAttribute('aria-hidden', 'true'); // the editors carry the same names
    for (const text of [mineLabel, theirsLabel]) {
      const h = document.createElement('span');
      h.className = 'tk-compare__heading';
      h.textContent = text;
      headings.append(h);
    }
    const view = new MergeView({
      a: { doc: mine, extensions: readOnlyEditor(`${mineLabel} (read-only)`) },
      b: { doc: theirs, extensions: readOnlyEditor(`${theirsLabel} (read-only)`) },
      gutter: true,
      highlightChanges: true,
      collapseUnchanged: { margin: 3, minSize: 6 },
    });
    body.replaceChildren(headings, view.dom);
    destroyCurrent = () => view.destroy();
  };

  const renderUnified = () => {
    body.className = 'tk-compare__unified';
    const legend = document.createElement('p');
    legend.className = 'tk-compare__legend';
    legend.innerHTML =
      `<span class="tk-compare__key tk-compare__key--del" aria-hidden="true">−</span> lines only in ${escapeHtml(mineLabel.toLowerCase())}, ` +
      `<span class="tk-compare__key tk-compare__key--ins" aria-hidden="true">+</span> lines only in ${escapeHtml(theirsLabel.toLowerCase())}.`;
    const view = new EditorView({
      doc: theirs,
      extensions: [
        readOnlyEditor(`${theirsLabel}, with the lines of ${mineLabel.toLowerCase()} that differ (read-only)`),
        unifiedMergeView({ original: mine, mergeControls: false, gutter: true, highlightChanges: true }),
      ],
    });
    body.replaceChildren(legend, view.dom);
    destroyCurrent = () => view.destroy();
  };

  const media = typeof matchMedia === 'function' ? matchMedia(NARROW_QUERY) : null;
  const render = () => {
    destroyCurrent();
    if (media?.matches) renderUnified();
    else renderSplit();
  };
  media?.addEventListener('change', render);
  render();

  return {
    destroy() {
      media?.removeEventListener('change', render);
      destroyCurrent();
      root.remove();
    },
  };
}
