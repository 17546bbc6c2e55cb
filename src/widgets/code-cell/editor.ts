/**
 * The code cell's editor: CodeMirror 6 with JavaScript, loaded with `import()` when the reader
 * first focuses or clicks the code (it is ~150 kB; never part of the page's initial JS).
 *
 * Keyboard:
 *  - Tab / Shift+Tab indent and dedent (the editor keeps Tab, as code editors do).
 *  - To leave the editor: press Escape, then Tab (or Shift+Tab) within two seconds; focus moves to
 *    the next (previous) control on the page. Ctrl+M (Shift+Alt+M on macOS) toggles "Tab moves
 *    focus" mode for as long as the reader likes. `EDITOR_KEYBOARD_HELP` says this in words.
 *  - Ctrl+Enter (Cmd+Enter on macOS) runs the code (`onRun`); it overrides CodeMirror's own
 *    Mod-Enter (insert blank line).
 *  - Ctrl+Z / Ctrl+Y (Cmd+Z / Cmd+Shift+Z) undo and redo.
 *
 * Errors: `markError(line, message)` tints the line, marks its number in the gutter, shows the
 * message in words under the line and adds it to the editor's accessible description. Any edit
 * clears the mark.
 *
 * Narrow screens (`NARROW_EDITOR_QUERY`, as in cell.css): long lines wrap instead of scrolling
 * sideways, so a phone shows the whole line; the wrapping follows the width while the editor lives.
 *
 * Styles: the chrome and syntax colours come from shared/cm-theme.ts and code-cell.css (import
 * code-cell.css on the page; this module does not, see the note at the top of code-cell.css).
 */
import { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab, isolateHistory } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { bracketMatching, indentOnInput, indentUnit } from '@codemirror/language';
import { Compartment, EditorState, Prec, RangeSet, StateEffect, StateField, type Extension } from '@codemirror/state';
import {
  Decoration,
  EditorView,
  GutterMarker,
  WidgetType,
  drawSelection,
  gutterLineClass,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  type DecorationSet,
} from '@codemirror/view';
import { tinkerEditorTheme } from '../shared/cm-theme.ts';
import { nextWidgetId } from '../shared/ids.ts';
import { publishInlineSize } from '../shared/inline-size.ts';

export interface CodeEditor {
  readonly view: EditorView;
  getCode(): string;
  /** Replace the whole document as one undoable change (Ctrl+Z brings the old code back). */
  setCode(code: string): void;
  focus(): void;
  /** Mark a 1-based line as the error's line (null clears). Lines outside the document are clamped. */
  markError(line: number | null, message?: string): void;
  /** Focus the editor with the cursor at the start of a 1-based line, scrolled into view ("go to line"). */
  revealLine(line: number): void;
  destroy(): void;
}

export interface EditorOptions {
  code: string;
  /** Accessible name of the editor, e.g. "Code for: Write sigmoid". */
  label: string;
  /** Called after every change of the document (typing, undo, setCode). Debounce saving yourself. */
  onChange(code: string): void;
  /** Ctrl/Cmd+Enter. */
  onRun(): void;
  /** Id(s) of elements describing the editor (e.g. keyboard help); the error message is added while one is shown. */
  describedBy?: string;
}

/** How to use and leave the editor from the keyboard, for a help line next to it. */
export const EDITOR_KEYBOARD_HELP = 'In the editor, Tab indents. To leave it, press Escape then Tab. Ctrl+Enter (Cmd+Enter on a Mac) runs the code.';

// ---------- Error marking ----------

interface ErrorMark {
  line: number;
  message: string;
}

const setErrorEffect = StateEffect.define<ErrorMark | null>();

const errorField = StateField.define<ErrorMark | null>({
  create: () => null,
  update(value, tr) {
    for (const effect of tr.effects) if (effect.is(setErrorEffect)) return effect.value;
    // Any edit makes the reported line stale.
    return tr.docChanged ? null : value;
  },
});

class ErrorMessageWidget extends WidgetType {
  constructor(
    readonly line: number,
    readonly message: string,
  ) {
    super();
  }
  override eq(other: ErrorMessageWidget): boolean {
    return other.line === this.line && other.message === this.message;
  }
  toDOM(view: EditorView): HTMLElement {
    const box = document.createElement('div');
    box.className = 'tk-cm-error-message';
    // Long lines make the content wider than the editor: keep the message in view, wrapped to
    // the visible width, beside the (sticky) gutter. See .tk-cm-error-message in code-cell.css.
    const gutter = view.dom.querySelector<HTMLElement>('.cm-gutters');
    box.style.setProperty('--tk-gutter-width', `${gutter?.offsetWidth ?? 0}px`);
    const label = document.createElement('strong');
    label.textContent = `Error on line ${this.line}: `;
    box.append(label, document.createTextNode(this.message));
    return box;
  }
  override ignoreEvent(): boolean {
    return false;
  }
}

const errorLineDecoration = Decoration.line({ class: 'tk-cm-error-line' });

const errorDecorations = EditorView.decorations.compute([errorField], (state): DecorationSet => {
  const mark = state.field(errorField);
  if (!mark) return Decoration.none;
  const line = state.doc.line(mark.line);
  const decorations = [errorLineDecoration.range(line.from)];
  if (mark.message) {
    decorations.push(Decoration.widget({ widget: new ErrorMessageWidget(mark.line, mark.message), block: true, side: 1 }).range(line.to));
  }
  return Decoration.set(decorations, true);
});

class ErrorGutterMarker extends GutterMarker {
  override elementClass = 'tk-cm-error-gutter';
}
const errorGutterMarker = new ErrorGutterMarker();

const errorGutter = gutterLineClass.compute([errorField], (state) => {
  const mark = state.field(errorField);
  if (!mark) return RangeSet.empty;
  return RangeSet.of([errorGutterMarker.range(state.doc.line(mark.line).from)]);
});

// ---------- The editor ----------

/** Below this width the editor wraps long lines (keep in step with the narrow layout in cell.css). */
export const NARROW_EDITOR_QUERY = '(max-width: 40rem)';

/** Line wrapping on narrow screens, following the width; `stop` ends the following. */
function wrapOnNarrowScreens(): { extension: Extension; follow(view: EditorView): void; stop(): void } {
  const wrapping = new Compartment();
  const query = typeof matchMedia === 'function' ? matchMedia(NARROW_EDITOR_QUERY) : null;
  const wanted = () => (query?.matches ? EditorView.lineWrapping : []);
  let listener: (() => void) | null = null;
  return {
    extension: wrapping.of(wanted()),
    follow(view) {
      listener = () => view.dispatch({ effects: wrapping.reconfigure(wanted()) });
      query?.addEventListener('change', listener);
    },
    stop() {
      if (listener) query?.removeEventListener('change', listener);
    },
  };
}

/** The extensions of a Tinker code editor (exported for the compare view and tests). */
export function baseExtensions(): Extension[] {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    highlightActiveLine(),
    EditorState.tabSize.of(2),
    indentUnit.of('  '),
    javascript(),
    tinkerEditorTheme(),
  ];
}

/** Mount an editor in `host` (its content is replaced). */
export function createEditor(host: HTMLElement, options: EditorOptions): CodeEditor {
  const errorId = nextWidgetId('tk-editor-error');
  const errorText = document.createElement('span');
  errorText.id = errorId;
  errorText.className = 'visually-hidden';

  const contentAttributes = EditorView.contentAttributes.compute([errorField], (state) => {
    const ids = [options.describedBy, state.field(errorField) ? errorId : undefined].filter(Boolean).join(' ');
    // tabindex: a contenteditable is focusable anyway, but axe only counts a scroller (long lines)
    // as keyboard-reachable when its content says so.
    return { 'aria-label': options.label, tabindex: '0', ...(ids ? { 'aria-describedby': ids } : {}) };
  });

  const wrap = wrapOnNarrowScreens();
  const view = new EditorView({
    state: EditorState.create({
      doc: options.code,
      extensions: [
        // Run wins over every other Mod-Enter binding.
        Prec.highest(
          keymap.of([
            {
              key: 'Mod-Enter',
              run: () => {
                options.onRun();
                return true;
              },
              preventDefault: true,
            },
          ]),
        ),
        history(),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
        baseExtensions(),
        wrap.extension,
        errorField,
        errorDecorations,
        errorGutter,
        contentAttributes,
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });

  wrap.follow(view);
  // An error message under a long line is at most as wide as the visible editor (code-cell.css).
  const stopWidth = publishInlineSize([view.scrollDOM]);
  host.classList.add('tk-code-editor');
  host.replaceChildren(view.dom, errorText);

  const clampLine = (line: number) => Math.min(Math.max(1, Math.round(line)), view.state.doc.lines);

  return {
    view,
    getCode: () => view.state.doc.toString(),
    setCode(code: string) {
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: code },
        annotations: isolateHistory.of('full'),
      });
    },
    focus: () => view.focus(),
    markError(line: number | null, message = '') {
      if (line === null || !Number.isFinite(line)) {
        errorText.textContent = '';
        view.dispatch({ effects: setErrorEffect.of(null) });
        return;
      }
      const n = clampLine(line);
      errorText.textContent = message ? `Error on line ${n}: ${message}` : `Error on line ${n}`;
      const pos = view.state.doc.line(n).from;
      view.dispatch({
        effects: [setErrorEffect.of({ line: n, message }), EditorView.scrollIntoView(pos, { y: 'nearest', yMargin: 48 })],
      });
    },
    revealLine(line: number) {
      const text = view.state.doc.line(clampLine(line));
      const indent = /^\s*/.exec(text.text)?.[0].length ?? 0;
      const pos = text.from + indent;
      view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
      view.focus();
    },
    destroy() {
      stopWidth();
      wrap.stop();
      view.destroy();
      errorText.remove();
      host.classList.remove('tk-code-editor');
    },
  };
}
