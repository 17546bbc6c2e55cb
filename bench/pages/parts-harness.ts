/**
 * Drives the hidden page /dev/code-cell-parts/ (bench/pages/code-cell-parts.astro): mounts an
 * editor, a compare view and output views fed with one item of every kind, so the parts can be
 * tested end to end (e2e/code-cell-parts.spec.ts) and looked at without a lesson. Not used by the
 * site. Exposes `window.codeCellParts` for the tests.
 */
import type { OutputItem } from '../../src/workers/code/protocol.ts';
import { showCompare } from '../../src/widgets/code-cell/compare.ts';
import { EDITOR_KEYBOARD_HELP, createEditor, type CodeEditor } from '../../src/widgets/code-cell/editor.ts';
import { OutputView } from '../../src/widgets/code-cell/output.ts';
import { NEW_STARTER, SAMPLE_CODE, sampleItems } from './parts-samples.ts';

declare global {
  interface Window {
    codeCellParts?: {
      editor: CodeEditor;
      runs: number;
      changes: number;
      output: OutputView;
      flood(lines: number): void;
    };
  }
}

function required(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`code-cell-parts page: #${id} is missing`);
  return el;
}

export function mountParts(): void {
  required('editor-help').textContent = EDITOR_KEYBOARD_HELP;
  const runsText = required('runs');
  const editor = createEditor(required('editor-host'), {
    code: SAMPLE_CODE,
    label: 'Code for: Write sigmoid',
    describedBy: 'editor-help',
    onChange: () => {
      state.changes++;
    },
    onRun: () => {
      state.runs++;
      runsText.textContent = `Runs: ${state.runs}`;
    },
  });

  required('mark-error').addEventListener('click', () => editor.markError(3, 'TypeError: Math.exp is not a function'));
  required('clear-error').addEventListener('click', () => editor.markError(null));
  required('set-code').addEventListener('click', () => editor.setCode(NEW_STARTER));

  showCompare(required('compare-host'), { mine: SAMPLE_CODE, theirs: NEW_STARTER, mineLabel: 'Your code', theirsLabel: 'New starter' });

  const output = new OutputView(required('output-host'));
  output.append(sampleItems());
  output.flush();
  output.showError('TypeError: Math.exp is not a function', 3, (line) => editor.revealLine(line));

  const pass = new OutputView(required('grade-pass-host'), { label: 'Output of the passing run' });
  pass.showGrade({ pass: true, figure: 0.924, figureText: '92.4% on the 10,000 test images', message: 'Your model beats 90%. Well done!' });
  const fail = new OutputView(required('grade-fail-host'), { label: 'Output of the failing run' });
  fail.append([{ kind: 'text', stream: 'print', text: 'Checking sigmoid on 4 cases…' }]);
  fail.showGrade({
    pass: false,
    message: 'sigmoid returns wrong values for 2 of 4 cases. Check the sign in `Math.exp(-x)`, *then* run it again <img src=x>.',
    details: ['sigmoid(0) returned 0; expected 0.5', 'sigmoid(-1000) returned NaN; expected 0 (a large negative input must not give NaN)'],
  });

  const state = {
    editor,
    runs: 0,
    changes: 0,
    output,
    flood(lines: number) {
      const items: OutputItem[] = [];
      for (let i = 0; i < lines; i++) items.push({ kind: 'text', stream: 'print', text: `line ${i + 1}` });
      output.append(items);
    },
  };
  window.codeCellParts = state;
  document.documentElement.dataset.partsReady = 'true';
}
