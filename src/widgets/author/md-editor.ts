/**
 * The /author page's Markdown editor: CodeMirror 6 with Markdown, undo history, search
 * (Ctrl+F), line wrapping, the formatting shortcuts and the document's problems as lint
 * diagnostics (a gutter mark, an underline, a tooltip, and the message written at the end of its
 * line so a frontmatter error sits next to its field).
 *
 * Keyboard: Tab indents, as in the code cells. To leave the editor press Escape, then Tab (or
 * Shift+Tab) within two seconds (CodeMirror's tab-focus mode; Ctrl+M keeps it on).
 *
 * The look is the code cells' (shared/cm-theme.ts + code-cell.css, which the page imports), plus the
 * Markdown token classes styled in author.css.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab, isolateHistory } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { EditorState, Prec, StateEffect, StateField, type Extension } from '@codemirror/state';
import {
  Decoration,
  EditorView,
  WidgetType,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  type DecorationSet,
} from '@codemirror/view';
import { tagHighlighter, tags as t } from '@lezer/highlight';
import type { AuthorDiagnostic } from '../../lib/author/types.ts';
import { tinkerEditorTheme } from '../shared/cm-theme.ts';

/** Markdown tokens → CSS classes (colours in author.css, from the code cells' contrast-checked tokens). */
const markdownHighlighter = tagHighlighter([
  { tag: [t.heading, t.heading1, t.heading2, t.heading3, t.heading4], class: 'tk-md-heading' },
  { tag: t.strong, class: 'tk-md-strong' },
  { tag: t.emphasis, class: 'tk-md-emphasis' },
  { tag: [t.link, t.url], class: 'tk-md-link' },
  { tag: t.monospace, class: 'tk-md-code' },
  { tag: t.quote, class: 'tk-md-quote' },
  { tag: [t.processingInstruction, t.contentSeparator, t.meta], class: 'tk-md-mark' },
  { tag: [t.tagName, t.angleBracket], class: 'tk-md-tag' },
  { tag: t.attributeName, class: 'tk-md-attribute' },
]);

/** A key binding the editor runs before CodeMirror's own (the formatting shortcuts). */
export interface EditorShortcut {
  key: string;
  run(view: EditorView): boolean;
}

export interface MarkdownEditorOptions {
  doc: string;
  /** Accessible name of the editing area. */
  label: string;
  /** Id(s) of elements describing the editor (keyboard help). */
  describedBy?: string;
  shortcuts: readonly EditorShortcut[];
  /** After every change of the document. */
  onChange(text: string): void;
  /** Files dropped on the editor (imported instead of inserted as text). */
  onDropFiles(files: FileList): void;
  /** The editor scrolled (by the reader or by code). */
  onScroll(): void;
}

// ---------- Problems written at the end of their line ----------

interface LineNote {
  line: number;
  severity: 'error' | 'warning';
  text: string;
}

const setNotesEffect = StateEffect.define<LineNote[]>();

class LineNoteWidget extends WidgetType {
  constructor(readonly note: LineNote) {
    super();
  }
  override eq(other: LineNoteWidget): boolean {
    return other.note.text === this.note.text && other.note.severity === this.note.severity;
  }
  toDOM(): HTMLElement {
    const span = document.createElement('span');
    span.className = `tk-author-note tk-author-note--${this.note.severity}`;
    span.textContent = this.note.text;
    return span;
  }
}

const notesField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    for (const effect of tr.effects) {
      if (!effect.is(setNotesEffect)) continue;
      const doc = tr.state.doc;
      const ranges = effect.value
        .filter((n) => n.line >= 1 && n.line <= doc.lines)
        .map((n) => Decoration.widget({ widget: new LineNoteWidget(n), side: 1 }).range(doc.line(n.line).to));
      return Decoration.set(ranges, true);
    }
    return tr.docChanged ? value.map(tr.changes) : value;
  },
  provide: (field) => EditorView.decorations.from(field),
});

// ---------- The editor ----------

export interface MarkdownEditor {
  readonly view: EditorView;
  getText(): string;
  /** Replaces the whole document (a new draft): its own undo step. */
  setText(text: string): void;
  /** Shows the document's problems at their lines (positions are clamped to the current text). */
  showDiagnostics(diagnostics: readonly AuthorDiagnostic[]): void;
  /** Focuses the editor with the cursor at the start of a 1-based line, scrolled to the middle. */
  revealLine(line: number): void;
  /** The (fractional) 1-based line at the top of the visible part of the editor. */
  topLine(): number;
  /** Scrolls so that (fractional) line `line` is at the top; returns the scrollTop it set. */
  scrollToLine(line: number): number;
  destroy(): void;
}

function baseExtensions(): Extension[] {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    drawSelection(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    EditorState.tabSize.of(2),
    EditorView.lineWrapping,
    markdown(),
    tinkerEditorTheme(),
    syntaxHighlighting(markdownHighlighter),
  ];
}

export function createMarkdownEditor(host: HTMLElement, options: MarkdownEditorOptions): MarkdownEditor {
  const view = new EditorView({
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        Prec.highest(keymap.of(options.shortcuts.map((s) => ({ key: s.key, run: s.run, preventDefault: true })))),
        history(),
        search({ top: true }),
        keymap.of([...searchKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
        baseExtensions(),
        lintGutter(),
        notesField,
        EditorView.contentAttributes.of({
          'aria-label': options.label,
          tabindex: '0',
          ...(options.describedBy ? { 'aria-describedby': options.describedBy } : {}),
        }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
        EditorView.domEventHandlers({
          dragover(event) {
            if (!event.dataTransfer?.types.includes('Files')) return false;
            event.preventDefault();
            event.dataTransfer.dropEffect = 'copy';
            return true;
          },
          drop(event) {
            const files = event.dataTransfer?.files;
            if (!files || files.length === 0) return false;
            event.preventDefault();
            options.onDropFiles(files);
            return true;
          },
          scroll() {
            options.onScroll();
            return false;
          },
        }),
      ],
    }),
  });
  host.replaceChildren(view.dom);

  const clampLine = (line: number) => Math.min(Math.max(1, Math.floor(line)), view.state.doc.lines);
  /** Distance from the scroller's content top to the document's top (the content padding). */
  const documentOffset = () => view.documentTop - view.scrollDOM.getBoundingClientRect().top + view.scrollDOM.scrollTop;

  return {
    view,
    getText: () => view.state.doc.toString(),
    setText(text: string) {
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        selection: { anchor: 0 },
        annotations: isolateHistory.of('full'),
        effects: EditorView.scrollIntoView(0),
      });
    },
    showDiagnostics(diagnostics: readonly AuthorDiagnostic[]) {
      const doc = view.state.doc;
      const lint: Diagnostic[] = [];
      const notes: LineNote[] = [];
      const seen = new Set<number>();
      for (const d of diagnostics) {
        const line = doc.line(clampLine(d.line));
        let from = d.from ?? line.from;
        let to = d.to ?? line.to;
        from = Math.min(Math.max(0, from), doc.length);
        to = Math.min(Math.max(from, to), doc.length);
        const label = d.field ? `${d.field}: ${d.message}` : d.message;
        lint.push({ from, to, severity: d.severity, message: label, source: d.source });
        // One note per line (the first problem; the rest are in the list and the tooltip).
        if (!seen.has(line.number)) {
          seen.add(line.number);
          notes.push({ line: line.number, severity: d.severity, text: label });
        }
      }
      const spec = setDiagnostics(view.state, lint);
      view.dispatch({ ...spec, effects: [...toArray(spec.effects), setNotesEffect.of(notes)] });
    },
    revealLine(line: number) {
      const text = view.state.doc.line(clampLine(line));
      view.dispatch({ selection: { anchor: text.from }, effects: EditorView.scrollIntoView(text.from, { y: 'center' }) });
      view.focus();
    },
    topLine() {
      const height = view.scrollDOM.scrollTop - documentOffset();
      const block = view.lineBlockAtHeight(Math.max(0, height));
      const number = view.state.doc.lineAt(block.from).number;
      const fraction = block.height > 0 ? Math.min(1, Math.max(0, (height - block.top) / block.height)) : 0;
      return number + fraction;
    },
    scrollToLine(line: number) {
      const n = clampLine(line);
      const block = view.lineBlockAt(view.state.doc.line(n).from);
      const fraction = Math.min(1, Math.max(0, line - n));
      // Line 1 is the very top (above the content's padding too).
      const top = line <= 1 ? 0 : Math.max(0, Math.round(block.top + fraction * block.height + documentOffset()));
      view.scrollDOM.scrollTop = top;
      return view.scrollDOM.scrollTop;
    },
    destroy: () => view.destroy(),
  };
}

function toArray<T>(value: T | readonly T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? [...(value as readonly T[])] : [value as T];
}
