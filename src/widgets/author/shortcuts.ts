/**
 * Shortcut names for people and for assistive technology, from a CodeMirror key ("Mod-Shift-k"):
 * "Ctrl+Shift+K" (or "⌘⇧K" on a Mac) for titles, "Control+Shift+K" (or "Meta+Shift+K") for
 * aria-keyshortcuts. Used by the page at build time (not a Mac) and by the element in the browser.
 */

export interface ShortcutText {
  /** What a person reads in a title or tooltip. */
  label: string;
  /** The aria-keyshortcuts value. */
  aria: string;
}

const MAC_SYMBOLS: Record<string, string> = { Mod: '⌘', Cmd: '⌘', Meta: '⌘', Ctrl: '⌃', Shift: '⇧', Alt: '⌥' };
const PC_NAMES: Record<string, string> = { Mod: 'Ctrl', Cmd: 'Meta', Meta: 'Meta', Ctrl: 'Ctrl', Shift: 'Shift', Alt: 'Alt' };
const ARIA_NAMES: Record<string, string> = { Ctrl: 'Control', Shift: 'Shift', Alt: 'Alt', Meta: 'Meta', Cmd: 'Meta' };

export function shortcutText(key: string, mac: boolean): ShortcutText {
  // "Mod-Shift-k"; the last part is the key itself ("-" may be the key: "Mod--").
  const parts = key.endsWith('--') ? [...key.slice(0, -2).split('-'), '-'] : key.split('-');
  const last = parts.pop() ?? '';
  const keyName = last.length === 1 ? last.toUpperCase() : last;
  const label = mac ? parts.map((p) => MAC_SYMBOLS[p] ?? p).join('') + keyName : [...parts.map((p) => PC_NAMES[p] ?? p), keyName].join('+');
  const aria = [...parts.map((p) => (p === 'Mod' ? (mac ? 'Meta' : 'Control') : (ARIA_NAMES[p] ?? p))), keyName].join('+');
  return { label, aria };
}

/** Whether the reader is on a Mac or an iPad/iPhone (where CodeMirror's Mod is Cmd). */
export function isMac(): boolean {
  const nav = typeof navigator === 'undefined' ? undefined : navigator;
  return !!nav && /Mac|iPhone|iPad/.test(nav.userAgent);
}
