/**
 * The look of Tinker's CodeMirror editors (the code cell, the compare view and the author editor).
 *
 * Every colour is a CSS custom property (site tokens from global.css, code tokens `--tk-code-*`
 * from src/styles/code-tokens.css), so the editors follow the light and dark themes with no JavaScript:
 * switching `data-theme` on <html> repaints them. Syntax colours are CSS classes (`tk-tok-*`)
 * given by a tag highlighter; static-code.ts emits the same classes before CodeMirror loads.
 * The colours and their contrast ratios are listed in src/styles/code-tokens.css and checked by
 * code-colors.test.ts.
 *
 * Box model shared with `.tk-code-static` (keep the two in step): font var(--font-mono) at
 * 0.875rem, line height 1.5, content padding 0.5rem top and bottom, line padding 0 0.75rem,
 * gutter cells padding 0 0.5rem 0 0.75rem, gutter border 1px on the right.
 */
import { syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { tagHighlighter, tags as t } from '@lezer/highlight';

/** Syntax token → CSS class (styled in code-cell.css with the `--tk-code-*` colours). */
export const tinkerHighlighter = tagHighlighter([
  { tag: [t.keyword, t.modifier, t.operatorKeyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword], class: 'tk-tok-keyword' },
  { tag: [t.bool, t.null, t.atom, t.self], class: 'tk-tok-atom' },
  { tag: t.number, class: 'tk-tok-number' },
  { tag: [t.string, t.special(t.string)], class: 'tk-tok-string' },
  { tag: [t.regexp, t.escape], class: 'tk-tok-regexp' },
  { tag: t.comment, class: 'tk-tok-comment' },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], class: 'tk-tok-function' },
  { tag: [t.propertyName, t.special(t.propertyName)], class: 'tk-tok-property' },
  { tag: [t.className, t.typeName], class: 'tk-tok-type' },
  { tag: [t.operator, t.definitionOperator, t.updateOperator], class: 'tk-tok-operator' },
  { tag: t.invalid, class: 'tk-tok-invalid' },
]);

/** Editor chrome from site variables. Applied after CodeMirror's base theme, so it wins. */
const chrome = EditorView.theme({
  '&': {
    color: 'var(--fg)',
    backgroundColor: 'var(--tk-code-bg)',
    fontSize: '0.875rem',
    border: '1px solid var(--border)',
    borderRadius: 'var(--radius)',
  },
  '&.cm-focused': {
    outline: '3px solid var(--focus)',
    outlineOffset: '2px',
  },
  '.cm-scroller': {
    fontFamily: 'var(--font-mono)',
    lineHeight: '1.5',
    borderRadius: 'inherit',
  },
  '.cm-content': {
    padding: '0.5rem 0',
    caretColor: 'var(--fg)',
  },
  '.cm-line': {
    padding: '0 0.75rem',
  },
  '.cm-cursor, .cm-dropCursor': {
    borderLeftColor: 'var(--fg)',
    borderLeftWidth: '2px',
  },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': {
    backgroundColor: 'var(--tk-code-selection)',
  },
  '.cm-activeLine': {
    backgroundColor: 'var(--tk-code-active-line)',
  },
  '.cm-gutters': {
    backgroundColor: 'var(--surface)',
    color: 'var(--tk-code-gutter-fg)',
    borderRight: '1px solid var(--border)',
    borderTopLeftRadius: 'inherit',
    borderBottomLeftRadius: 'inherit',
  },
  '.cm-lineNumbers .cm-gutterElement': {
    padding: '0 0.5rem 0 0.75rem',
    minWidth: '0',
    fontVariantNumeric: 'tabular-nums',
  },
  '.cm-activeLineGutter': {
    backgroundColor: 'var(--tk-code-active-line)',
    color: 'var(--fg)',
  },
  // Until the reader is in the editor it looks like the static code (no cursor line).
  '&:not(.cm-focused) .cm-activeLine, &:not(.cm-focused) .cm-activeLineGutter': {
    backgroundColor: 'transparent',
    color: 'inherit',
  },
  '&.cm-focused .cm-matchingBracket': {
    backgroundColor: 'var(--tk-code-bracket)',
    outline: '1px solid var(--tk-code-bracket-border)',
  },
  '&.cm-focused .cm-nonmatchingBracket': {
    backgroundColor: 'var(--tk-code-error-line)',
    outline: '1px solid var(--tk-code-error)',
  },
  '.cm-panels': {
    backgroundColor: 'var(--surface)',
    color: 'var(--fg)',
  },
});

/** Theme and syntax colours for a Tinker editor. */
export function tinkerEditorTheme(): Extension {
  return [chrome, syntaxHighlighting(tinkerHighlighter)];
}
